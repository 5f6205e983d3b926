"""A receipt reversed (a bounced cheque): the invoices it settled are open again from the
day of the reversal, the ledger keeps both entries, and nothing earlier is rewritten."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from sales_desk.domain.common.errors import NotPermitted, ValidationError
from sales_desk.models import AuditEntry
from sales_desk.services.collections import aging, dunning, ladder, ledger, receipts, worklist
from sales_desk.services.collections.ledger import RECEIPT, REVERSAL
from tests.services.collection_flow import ago, crew, customer, invoice, open_amount, pay, today


@pytest.fixture
def team(make_user):  # noqa: ANN001, ANN201
    return crew(make_user)


def _aged(database, fin, cid: int, as_of=None) -> int:  # noqa: ANN001
    rows = aging.aging_report(database.uow(fin), as_of=as_of).rows
    return next((r.total for r in rows if r.customer_id == cid), 0)


def test_a_reversed_receipt_reopens_the_invoices_it_settled(database, team) -> None:  # noqa: ANN001
    cid = customer(database, team.rep, "C900")
    a = invoice(database, team.fin, "C900", "RV-1", 40, 20_000)
    b = invoice(database, team.fin, "C900", "RV-2", 10, 30_000)
    rid = pay(database, team.fin, cid, 35_000, on=ago(5))
    assert (open_amount(database, a), open_amount(database, b)) == (0, 15_000)
    receipts.reverse_receipt(database.uow(team.fin), rid, "支票退票", on=ago(2))
    assert (open_amount(database, a), open_amount(database, b)) == (20_000, 30_000)
    row = receipts.customer_receipts(database.uow(team.fin), cid)[0]
    assert row.reversed_on == ago(2) and row.reversal_reason == "支票退票" and row.reversed_by
    assert row.allocations == (("OB-RV-1", 20_000), ("OB-RV-2", 15_000))  # what it had settled
    with database.engine.connect() as c:
        after = c.execute(select(AuditEntry.after).where(AuditEntry.action == "receipt.reverse")).scalar_one()
    assert json.loads(after)["reopened"] == {"OB-RV-1": 20_000, "OB-RV-2": 15_000}


def test_the_ledger_keeps_the_receipt_and_shows_its_reversal(database, team) -> None:  # noqa: ANN001
    cid = customer(database, team.rep, "C901")
    invoice(database, team.fin, "C901", "RV-3", 40, 20_000)
    rid = pay(database, team.fin, cid, 20_000, on=ago(5))
    receipts.reverse_receipt(database.uow(team.fin), rid, "bounced cheque", on=ago(2))
    view = ledger.customer_ledger(database.uow(team.fin), cid)
    assert [(x.kind, x.debit, x.credit, x.balance) for x in view.lines[1:]] == [
        (RECEIPT, 0, 20_000, 0), (REVERSAL, 20_000, 0, 20_000)]
    assert view.received == 0 and view.debits == 20_000 and view.balance == view.open_receivables == 20_000
    with database.uow(team.fin) as uow:
        assert ledger.ledger_balance(uow, cid) == 20_000


def test_aging_as_of_a_day_between_the_receipt_and_its_reversal_shows_it_paid(database, team) -> None:  # noqa: ANN001
    cid = customer(database, team.rep, "C902")
    invoice(database, team.fin, "C902", "RV-4", 40, 20_000)
    rid = pay(database, team.fin, cid, 20_000, on=ago(10))
    receipts.reverse_receipt(database.uow(team.fin), rid, "bounced cheque", on=ago(3))
    assert _aged(database, team.fin, cid, ago(12)) == 20_000  # before the money
    assert _aged(database, team.fin, cid, ago(5)) == 0  # the cheque counted until it bounced
    assert _aged(database, team.fin, cid) == _aged(database, team.fin, cid, today()) == 20_000
    assert [x.balance for x in ledger.customer_ledger(database.uow(team.fin), cid, until=ago(5)).lines][-1] == 0


def test_a_receipt_is_reversed_once_with_a_reason_and_not_before_it_came(database, team) -> None:  # noqa: ANN001
    cid = customer(database, team.rep, "C903")
    invoice(database, team.fin, "C903", "RV-5", 40, 20_000)
    rid = pay(database, team.fin, cid, 5_000, on=ago(5))
    with pytest.raises(ValidationError, match="why"):
        receipts.reverse_receipt(database.uow(team.fin), rid, "  ")
    with pytest.raises(ValidationError, match="before"):
        receipts.reverse_receipt(database.uow(team.fin), rid, "bounced", on=ago(6))
    receipts.reverse_receipt(database.uow(team.fin), rid, "bounced")
    with pytest.raises(ValidationError, match="already reversed"):
        receipts.reverse_receipt(database.uow(team.fin), rid, "again")
    assert ledger.customer_ledger(database.uow(team.fin), cid).balance == 20_000


def test_only_finance_reverses_a_receipt(database, team) -> None:  # noqa: ANN001
    cid = customer(database, team.rep, "C904")
    invoice(database, team.fin, "C904", "RV-6", 40, 20_000)
    rid = pay(database, team.fin, cid, 5_000)
    for who in (team.rep, team.mgr):
        with pytest.raises(NotPermitted):
            receipts.reverse_receipt(database.uow(who), rid, "bounced")
    assert receipts.customer_receipts(database.uow(team.fin), cid)[0].reversed_on is None


def test_a_customer_whose_cheque_bounced_re_enters_the_ladder(database, team) -> None:  # noqa: ANN001
    cid = customer(database, team.rep, "C905", grade="C")
    invoice(database, team.fin, "C905", "RV-7", 20, 10_000)
    dunning.record_step(database.uow(team.fin), cid, "overdue", on=ago(15))
    rid = pay(database, team.fin, cid, 10_000, on=ago(3))
    assert ladder.customer_ladder(database.uow(team.fin), cid).history[-1].step == "collected"
    receipts.reverse_receipt(database.uow(team.fin), rid, "支票退票")
    work = {w.code: w for w in worklist.worklist(database.uow(team.mgr))}
    assert work["C905"].overdue == 10_000 and work["C905"].next_step == "overdue"
