"""The readable audit trail through the services: sentences with numbers, codes and names
(not internal ids), the changed fields, and the filters by person, customer, document and
kind of action."""

from __future__ import annotations

import pytest

from sales_desk.domain.common.money import to_minor
from sales_desk.domain.orders.contracts import CreditLimitExceeded
from sales_desk.services.admin import audit
from sales_desk.services.admin.audit import AuditFilter
from sales_desk.services.orders import approvals as order_approvals
from tests.services.order_flow import approved, credit_customer, product, signed, team


@pytest.fixture
def t(make_user):
    return team(make_user)


@pytest.fixture
def story(database, t) -> dict[str, object]:
    """Two customers; the first's second order blocked on credit and overridden by the GM."""
    cid = credit_customer(database, t)
    other = credit_customer(database, t, name="北京燕山商贸有限公司")
    pid = product(database, t)
    approved(database, t, cid, [(pid, 900, None)])  # 90,000 held: 10,000 left
    oid = signed(database, t, cid, [(pid, 300, None)])  # 30,000
    with pytest.raises(CreditLimitExceeded):
        order_approvals.approve_order(database.uow(t.mgr), oid)
    order_approvals.override_credit(database.uow(t.gm), oid, to_minor("20000"), "老客户，回款有保证")
    approved(database, t, other, [(pid, 10, None)])
    return {"cid": cid, "other": other, "oid": oid}


def _page(database, admin, **flt) -> list[audit.AuditRow]:  # noqa: ANN001
    rows, _more = audit.audit_page(database.uow(admin), AuditFilter(**flt))
    return rows


def _number(database, admin, oid: int) -> str:  # noqa: ANN001
    return next(r.subject for r in _page(database, admin) if r.entity == "order" and r.entity_id == str(oid))


def test_the_override_reads_as_a_sentence_with_the_order_number(database, admin, t, story) -> None:
    rows = [r for r in _page(database, admin) if r.action == "order.credit_override"]
    assert len(rows) == 1
    row = rows[0]
    assert row.sentence.startswith("gm overrode the credit limit on order SO")
    assert row.sentence.endswith("for 20,000.00: 老客户，回款有保证")
    assert row.subject.startswith("SO") and row.who == "gm"
    fields = {c.field: (c.before, c.after) for c in row.changes}
    assert fields["Status"] == ("Blocked on credit", "Approved for dispatch")
    assert fields["Amount"] == ("", "20,000.00")


def test_customer_codes_and_names_replace_their_ids(database, admin, t, story) -> None:
    created = [r for r in _page(database, admin, group="orders") if r.action == "order.create"]
    assert created and all(" for C" in r.sentence and "#" not in r.sentence for r in created)
    limits = [r for r in _page(database, admin) if r.action == "credit.set_limit"]
    assert any("上海华东贸易有限公司" in r.sentence and "100,000.00" in r.sentence for r in limits)


def test_filter_by_kind_of_action(database, admin, story) -> None:
    rows = _page(database, admin, group="users")
    assert rows and all(r.action.startswith(("user.", "auth.")) for r in rows)
    assert {r.action for r in _page(database, admin, group="credit")} >= {"credit.set_limit"}


def test_filter_by_person(database, admin, t, story) -> None:
    rows = _page(database, admin, person="gm")
    assert [r.action for r in rows] == ["order.credit_override"]
    assert _page(database, admin, person="nobody-of-that-name") == []


def test_filter_by_customer_takes_its_file_and_its_orders(database, admin, story) -> None:
    rows = _page(database, admin, customer="燕山")
    actions = {r.action for r in rows}
    assert {"customer.create", "credit.set_limit", "order.create", "order.approve"} <= actions
    assert all("燕山" in r.subject or r.subject.startswith("SO") for r in rows)
    assert not any(r.action == "order.credit_override" for r in rows)  # the other customer's


def test_filter_by_document_number(database, admin, story) -> None:
    number = _number(database, admin, story["oid"])
    rows = _page(database, admin, document=number.lower())
    assert {r.action for r in rows} == {"order.create", "order.submit", "order.sign", "order.block",
                                        "order.credit_override"}
    assert all(r.subject == number for r in rows)


def test_export_rows_carry_their_sentences(database, admin, story) -> None:
    rows = audit.export_audit(database.uow(admin), list, AuditFilter(person="gm"))
    assert len(rows) == 1 and rows[0].sentence.startswith("gm overrode") and rows[0].changes_text
