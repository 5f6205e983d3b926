"""Money for a debt already written off [核销后收回]: the write-off is undone by the money,
the ledger shows the debt reinstated and paid, nothing earlier is rewritten, and a bad
debt recovered in full earns its staff liability refund."""

from __future__ import annotations

from datetime import timedelta

import pytest

from sales_desk.domain.collections.liability import month_end, month_start
from sales_desk.domain.common.calendar import add_months
from sales_desk.domain.common.errors import ValidationError
from sales_desk.services.collections import aging, ledger, liability, receipts
from sales_desk.services.collections.ledger import RECEIPT, RECOVERY, WRITE_OFF
from sales_desk.services.collections.receipts import ReceiptInput
from tests.services.collection_flow import (
    ago,
    crew,
    customer,
    invoice,
    open_amount,
    today,
    written_off_customer,
)


@pytest.fixture
def team(make_user):  # noqa: ANN001, ANN201
    return crew(make_user)


def _recover(database, team, cid: int, amount: int, on=None) -> int:  # noqa: ANN001
    return receipts.record_receipt(database.uow(team.fin), ReceiptInput(
        cid, amount, on, "transfer", "法院执行款", recovers_write_off=True))


def test_money_for_a_written_off_debt_undoes_that_much_of_the_write_off(database, team) -> None:  # noqa: ANN001
    cid, rid = written_off_customer(database, team, "W100", 50_000)
    with database.uow(team.fin) as uow:
        assert receipts.written_off(uow, cid) == {rid: (receipts.written_off(uow, cid)[rid][0], 50_000)}
    _recover(database, team, cid, 20_000)
    assert open_amount(database, rid) == 0  # it stays off the open items
    with database.uow(team.fin) as uow:
        assert next(iter(receipts.written_off(uow, cid).values()))[1] == 30_000
        assert ledger.ledger_balance(uow, cid) == 0
    view = ledger.customer_ledger(database.uow(team.fin), cid)
    assert [(x.kind, x.debit, x.credit) for x in view.lines[-2:]] == [(RECOVERY, 20_000, 0), (RECEIPT, 0, 20_000)]
    assert view.written_off == 30_000 and view.received == 20_000 and view.balance == 0


def test_a_recovery_above_what_is_written_off_is_refused(database, team) -> None:  # noqa: ANN001
    cid, _rid = written_off_customer(database, team, "W101", 50_000)
    with pytest.raises(ValidationError, match="written off"):
        _recover(database, team, cid, 50_001)
    plain = customer(database, team.rep, "W102")
    invoice(database, team.fin, "W102", "W102-1", 10, 10_000)
    with pytest.raises(ValidationError, match="nothing"):
        _recover(database, team, plain, 1_000)
    with pytest.raises(ValidationError, match="nothing"):  # not before the write-off
        _recover(database, team, cid, 1_000, on=ago(31))


def test_aging_before_the_recovery_is_unchanged(database, team) -> None:  # noqa: ANN001
    cid, _rid = written_off_customer(database, team, "W103", 50_000)
    _recover(database, team, cid, 50_000, on=ago(5))
    for d in (ago(10), ago(5), today()):
        rows = aging.aging_report(database.uow(team.fin), as_of=d).rows
        assert all(r.customer_id != cid for r in rows), d  # written off, then paid: never open again
    lines = ledger.customer_ledger(database.uow(team.fin), cid, until=ago(10)).lines
    assert lines[-1].kind == WRITE_OFF and lines[-1].balance == 0


def test_a_bad_debt_recovered_in_full_after_its_write_off_earns_the_liability_refund(database, team) -> None:  # noqa: ANN001
    last = add_months(month_start(today()), -1)
    due = month_end(add_months(last, -4)) - timedelta(days=30)
    cid, _rid = written_off_customer(database, team, "W105", 100_000, (today() - due).days, on=last + timedelta(days=2))
    _recover(database, team, cid, 100_000, on=last + timedelta(days=9))
    runs = [liability.run_liability(database.uow(team.fin), add_months(last, -n)) for n in (4, 3, 2, 1, 0)]
    assert [(r.charges, r.refunds, r.total) for r in runs] == [
        (1, 0, 500), (1, 0, 500), (1, 0, 500), (1, 0, 20_000), (0, 1, -21_500)]


def test_a_bad_debt_recovered_in_part_after_its_write_off_earns_no_refund(database, team) -> None:  # noqa: ANN001
    last = add_months(month_start(today()), -1)
    due = month_end(add_months(last, -4)) - timedelta(days=30)
    cid, _rid = written_off_customer(database, team, "W106", 100_000, (today() - due).days, on=last + timedelta(days=2))
    _recover(database, team, cid, 99_999, on=last + timedelta(days=9))
    runs = [liability.run_liability(database.uow(team.fin), add_months(last, -n)) for n in (4, 3, 2, 1, 0)]
    assert runs[-1].refunds == 0


def test_a_bounced_recovery_leaves_the_debt_open(database, team) -> None:  # noqa: ANN001
    cid, rid = written_off_customer(database, team, "W104", 50_000)
    receipt = _recover(database, team, cid, 50_000)
    receipts.reverse_receipt(database.uow(team.fin), receipt, "支票退票")
    assert open_amount(database, rid) == 50_000
    with database.uow(team.fin) as uow:
        assert ledger.ledger_balance(uow, cid) == 50_000
    assert ledger.customer_ledger(database.uow(team.fin), cid).balance == 50_000
