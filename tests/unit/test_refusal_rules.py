"""The refusals log's plain rules: which errors are refusals, which record a call was about,
what is kept of the error, the chain and the signatures."""

from __future__ import annotations

import importlib
import json
import pkgutil
from dataclasses import dataclass
from datetime import date

import pytest

import sales_desk
from sales_desk.domain.admin.audit_chain import GENESIS, first_broken
from sales_desk.domain.admin.refusals import (
    RefusalKind,
    RefusalRecord,
    detail_of,
    kind_of,
    record_of,
    refusal_hash,
    unsigned_refusals,
)
from sales_desk.domain.admin.signatures import SignedRow, new_key_pair, public_key_of, sign
from sales_desk.domain.common.errors import (
    AuthenticationFailed,
    Cancelled,
    DomainError,
    NotFound,
    NotPermitted,
    SelfApprovalRefused,
    ValidationError,
)
from sales_desk.domain.orders.contracts import OrderStatus, WrongOrderState


def test_no_right_own_approval_and_rules_are_refusals_input_and_lookups_are_not() -> None:
    assert kind_of(NotPermitted("order.create", "wh")) is RefusalKind.NO_RIGHT
    assert kind_of(SelfApprovalRefused("claim")) is RefusalKind.OWN_APPROVAL
    assert kind_of(WrongOrderState("SO-1", OrderStatus.DRAFT, "shipped")) is RefusalKind.RULE
    for error in (ValidationError("Amount", "above 0"), NotFound("Order", 1), Cancelled(), AuthenticationFailed(),
                  ValueError("not ours")):
        assert kind_of(error) is None


def _all_subclasses(cls: type) -> set[type]:
    out = set(cls.__subclasses__())
    for sub in list(out):
        out |= _all_subclasses(sub)
    return out


def test_every_error_class_says_a_known_kind_or_none() -> None:
    for m in pkgutil.walk_packages(sales_desk.__path__, "sales_desk."):
        if not any(part in m.name for part in (".ui", ".migrations", "__main__")):
            importlib.import_module(m.name)
    kinds = {k.value for k in RefusalKind} | {None}
    assert {c.__name__: c.refusal for c in _all_subclasses(DomainError) if c.refusal not in kinds} == {}


@dataclass(frozen=True)
class _Input:
    customer_id: int
    note: str


def test_the_record_is_the_first_id_argument_else_one_inside_the_input_else_a_key() -> None:
    assert record_of({"order_id": 17, "customer_id": 3}) == ("order", "17")
    assert record_of({"data": _Input(5, "x")}) == ("customer", "5")
    assert record_of({"username": "li", "new_password": "secret"}) == ("user", "li")
    assert record_of({"year": 2026, "lines": []}) == ("year", "2026")
    assert record_of({"flag_id": True, "text": "x"}) == ("", "")


def test_the_detail_keeps_the_errors_plain_values_only() -> None:
    class Odd(DomainError):
        def __init__(self) -> None:
            self.number, self.when, self.status = "SO-1", date(2026, 3, 1), OrderStatus.DRAFT
            self.figures, self.amount_f, self._private = [1, 2], 1.5, "x"
            super().__init__("no")

    assert detail_of(Odd()) == {"error": "Odd", "number": "SO-1", "when": "2026-03-01", "status": "draft"}
    assert json.dumps(detail_of(NotPermitted("order.create", "wh")))  # always canonical-JSON-able


def _chain(n: int) -> list[tuple[RefusalRecord, str]]:
    out, prev = [], GENESIS
    for seq in range(1, n + 1):
        rec = RefusalRecord(seq, f"2026-03-0{seq}T04:00:00.000000+00:00", 2, "li", "entry.create_order", "no_right",
                            "customer", "5", "You are not permitted…", None, prev)
        prev = refusal_hash(rec)
        out.append((rec, prev))
    return out


def test_the_chain_holds_and_an_edit_breaks_it_at_that_row() -> None:
    rows = _chain(3)
    assert first_broken(rows, hash_of=refusal_hash) is None
    edited = rows[1][0].__class__(**{**rows[1][0].__dict__, "reason": "nothing"})
    assert first_broken([rows[0], (edited, rows[1][1]), rows[2]], hash_of=refusal_hash) == 2


@pytest.mark.parametrize(("signed_with", "why"), [("own", ""), ("other", "wrong-signature"), (None, "no-signature")])
def test_a_refusal_must_carry_a_signature_of_a_key_its_user_held(signed_with: str | None, why: str) -> None:
    own, own_pub = new_key_pair()
    other, _ = new_key_pair()
    keying = [SignedRow(1, 2, "li", "user.create", "user", "2", json.dumps({"public_key": own_pub}), "h",
                        sign(own, "h"))]  # the first administrator's own row, self-signed
    assert public_key_of(own) == own_pub
    rec, digest = _chain(1)[0]
    key = {"own": own, "other": other}.get(signed_with or "")
    row = SignedRow(1, 2, "li", rec.action, rec.entity, rec.entity_id, None, digest,
                    sign(key, digest) if key else None)
    found = unsigned_refusals(keying, [row])
    assert [u.why for u in found] == ([why] if why else [])
