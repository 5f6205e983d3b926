"""The tables against the audit trail: what the trail says a guarded field holds now.

Every change the program makes to a customer's credit (grade, limit, term, mode) or to a
user's roles and status writes an audit row with the new values. Replaying those rows in
order gives the value each field must hold; a table edited behind the program's back (a
limit raised with `UPDATE`, a role granted with `INSERT`) differs from it, and a row no
audit entry created was put in by hand. Pure: the service feeds it rows and the tables.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

CUSTOMER_FIELDS = ("credit_grade", "credit_limit", "payment_term_days", "payment_mode")
MONEY_FIELDS = frozenset({"credit_limit"})  # minor units: shown as money
USER_FIELDS = ("roles", "active", "public_key")

# A new customer file has no credit until it is rated and given terms (services/customers).
_NEW_CUSTOMER = {"credit_grade": None, "credit_limit": 0, "payment_term_days": 0, "payment_mode": "prepayment"}
# An imported file may carry its credit, nested under "credit" in its create row.
_IMPORTED_CREDIT = {"grade": "credit_grade", "limit": "credit_limit", "term_days": "payment_term_days",
                    "mode": "payment_mode"}

# The actions whose "after" sets guarded fields: the service reads only these rows.
CUSTOMER_ACTIONS = ("customer.create", "customer.update", "credit.rating_approve", "credit.set_limit",
                    "credit.limit_policy", "credit.trigger")  # a trigger lowers the grade (第14条)
USER_ACTIONS = ("user.create", "user.roles", "user.enable", "user.disable", "user.password_reset",
                "user.keys_issued")
NOT_CREATED = "(created without an audit entry)"


@dataclass(frozen=True)
class AuditedChange:
    seq: int
    action: str
    entity: str  # "customer" | "user"
    entity_id: str
    after: str | None  # the row's JSON


@dataclass(frozen=True)
class Difference:
    table: str  # "customers" | "users"
    row_id: int
    label: str  # the customer's code or the user's name
    field: str  # NOT_CREATED when no audit entry created the row
    in_table: object
    by_trail: object
    seq: int | None  # the audit row that set the value (None: never created)


@dataclass
class _Expected:
    values: dict[str, object]
    set_by: dict[str, int]


def expected_values(changes: Iterable[AuditedChange]) -> dict[tuple[str, int], _Expected]:
    """(entity, id) → the guarded fields' values by the trail, and the row that set each."""
    state: dict[tuple[str, int], _Expected] = {}
    for ch in changes:
        try:
            key = (ch.entity, int(ch.entity_id))
        except ValueError:
            continue
        after = json.loads(ch.after) if ch.after else {}
        if not isinstance(after, dict):
            continue
        if ch.action in ("customer.create", "user.create"):
            values = _created(ch.entity, after)
            state[key] = _Expected(values, dict.fromkeys(values, ch.seq))
            continue
        known = state.get(key)
        if known is None:
            continue  # a change to a row the trail never created: the row itself is reported
        for name, value in _set_fields(ch, after).items():
            known.values[name] = value
            known.set_by[name] = ch.seq
    return state


def _created(entity: str, after: Mapping[str, object]) -> dict[str, object]:
    if entity == "user":
        return {"roles": sorted(after.get("roles") or []), "active": True,  # type: ignore[call-overload]
                "public_key": after.get("public_key")}
    values = dict(_NEW_CUSTOMER)
    credit = after.get("credit")
    if isinstance(credit, dict):
        values.update({field: credit[key] for key, field in _IMPORTED_CREDIT.items() if key in credit})
    return values


def _set_fields(ch: AuditedChange, after: Mapping[str, object]) -> dict[str, object]:
    if ch.action == "user.roles":
        return {"roles": sorted(after.get("roles") or [])}  # type: ignore[call-overload]
    if ch.action in ("user.enable", "user.disable"):
        return {"active": ch.action == "user.enable"}
    if ch.action in ("user.password_reset", "user.keys_issued"):
        return {"public_key": after["public_key"]} if "public_key" in after else {}
    return {f: after[f] for f in CUSTOMER_FIELDS if f in after}


def differences(entity: str, table: str, rows: Iterable[tuple[int, str, Mapping[str, object]]],
                expected: Mapping[tuple[str, int], _Expected]) -> list[Difference]:
    """Each row of `table` (id, label, its guarded fields) against the trail's values."""
    found: list[Difference] = []
    for row_id, label, actual in rows:
        want = expected.get((entity, row_id))
        if want is None:
            found.append(Difference(table, row_id, label, NOT_CREATED, None, None, None))
            continue
        for name, value in actual.items():
            if name in want.values and want.values[name] != value:
                found.append(Difference(table, row_id, label, name, value, want.values[name], want.set_by[name]))
    return found


# -- approvals: each one in the tables has its approver's audit row ----------------------

NO_AUDITED_APPROVAL = "(approved without an audit entry)"


@dataclass(frozen=True)
class RecordedApproval:
    """An approval as a table holds it: who approved which record, and the audit actions
    that would have recorded it."""

    table: str
    row_id: int
    label: str  # the order's number, the claim's item
    entity: str  # the audit entity: "order", "expense_claim"
    entity_id: int
    approver_id: int
    approver: str  # their user name, for the reader
    actions: tuple[str, ...]


def unexplained_approvals(approvals: Iterable[RecordedApproval],
                          audited: set[tuple[str, str, int, str]]) -> list[Difference]:
    """Approvals with no audit row (entity, id, approver's user id, action) behind them:
    an approver written into the table by hand."""
    return [Difference(a.table, a.row_id, a.label, NO_AUDITED_APPROVAL, a.approver, None, None)
            for a in approvals
            if not any((a.entity, str(a.entity_id), a.approver_id, action) in audited for action in a.actions)]
