"""Distributors' stock reports [进销存] and rebates [返利] (issue 19, seed 002 一、10–11), on SQLite and
PostgreSQL: the rebate is on shipped less returned only, tiers apply at their edges, it is
approved by the GM and never by who proposed it, paid once, as a credit note in the ledger."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from sales_desk.domain.collections.rebates import Tier
from sales_desk.domain.common.errors import NotPermitted, SelfApprovalRefused, ValidationError
from sales_desk.models import Receivable
from sales_desk.services.collections import distributors, rebate_reads, rebates, receivables
from sales_desk.services.collections.distributors import StockInput
from sales_desk.services.collections.rebates import AgreementInput
from tests.services import rebate_flow as flow

TODAY = date(2026, 7, 15)
# 1 % from the first yuan, 2 % from 9,000 yuan, 3 % from 10,000 yuan of net shipments a quarter
TIERS = (Tier(0, 100), Tier(900_000, 200), Tier(1_000_000, 300))


@pytest.fixture
def quarter(database, make_user, pin_business_date):  # noqa: ANN001, ANN201
    """A distributor's second quarter: 60 + 40 units shipped at 100.00, 10 back in June, 5 back
    in July (the next quarter), and an order of 50 approved but never shipped."""
    pin_business_date(date(2026, 1, 5))
    c = flow.crew(make_user)
    pid = flow.product(database, c)
    cid = flow.distributor(database, c)
    aid = flow.agreement(database, c, cid, TIERS)
    pin_business_date(date(2026, 4, 2))
    oid = flow.order(database, c, cid, pid, 100)
    pin_business_date(date(2026, 6, 20))
    s1 = flow.ship(database, c, oid, 60, date(2026, 4, 10))
    s2 = flow.ship(database, c, oid, 40, date(2026, 5, 10))
    flow.give_back(database, c, s1, 10, date(2026, 6, 1))
    flow.order(database, c, cid, pid, 50)
    pin_business_date(TODAY)
    flow.give_back(database, c, s2, 5, date(2026, 7, 2))
    return c, cid, pid, aid


def test_rebate_on_shipped_less_returned_only(database, quarter) -> None:  # noqa: ANN001
    c, cid, _pid, aid = quarter
    rid = rebates.propose_rebate(database.uow(c.mgr), aid, date(2026, 5, 1))
    st = rebate_reads.rebate_statement(database.uow(c.gm), rid)
    r = st.rebate
    assert (r.period_start, r.period_end) == (date(2026, 4, 1), date(2026, 6, 30))
    # the order never shipped and July's return do not count; June's return does
    assert (r.shipped_qty, r.returned_qty) == (100, 10)
    assert (r.shipped_amount, r.returned_amount, r.volume) == (1_000_000, 100_000, 900_000)
    assert [(i.quantity, i.amount, bool(i.return_no)) for i in st.items] == [
        (60, 600_000, False), (40, 400_000, False), (-10, -100_000, True)]


def test_tiers_at_their_edges(database, quarter) -> None:  # noqa: ANN001
    c, _cid, _pid, aid = quarter
    rid = rebates.propose_rebate(database.uow(c.mgr), aid, date(2026, 6, 30))
    r = rebate_reads.rebate_statement(database.uow(c.gm), rid).rebate
    assert (r.volume, r.rate_bp, r.amount) == (900_000, 200, 18_000)  # exactly at 9,000 yuan: 2 %


def test_a_rebate_is_paid_once(database, quarter) -> None:  # noqa: ANN001
    c, _cid, _pid, aid = quarter
    rid = rebates.propose_rebate(database.uow(c.mgr), aid, date(2026, 4, 1))
    with pytest.raises(ValidationError):  # the same period again
        rebates.propose_rebate(database.uow(c.mgr), aid, date(2026, 6, 1))
    with pytest.raises(ValidationError):  # not before the GM approved it
        rebates.pay_rebate(database.uow(c.fin), rid)
    rebates.decide_rebate(database.uow(c.gm), rid, True)
    rebates.pay_rebate(database.uow(c.fin), rid)
    with pytest.raises(ValidationError):
        rebates.pay_rebate(database.uow(c.fin), rid)
    with pytest.raises(ValidationError):
        rebates.propose_rebate(database.uow(c.mgr), aid, date(2026, 5, 1))
    with database.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(Receivable).where(
            Receivable.description.like("Rebate %"))).scalar_one() == 1
    with pytest.raises(ValidationError):  # the current quarter is not over yet
        rebates.propose_rebate(database.uow(c.mgr), aid, date(2026, 7, 1))


def test_no_self_approval(database, quarter, make_user) -> None:  # noqa: ANN001
    c, cid, _pid, aid = quarter
    boss = make_user("boss", "sales_manager", "gm", justification="小公司一人兼任")
    with pytest.raises(SelfApprovalRefused):
        rid = rebates.propose_rebate(database.uow(boss), aid, date(2026, 5, 1))
        rebates.decide_rebate(database.uow(boss), rid, True)
    other = rebates.propose_agreement(database.uow(boss), AgreementInput(
        cid, "quantity", "year", date(2027, 1, 1), date(2027, 12, 31), (Tier(100, 150),)))
    with pytest.raises(SelfApprovalRefused):
        rebates.decide_agreement(database.uow(boss), other, True)
    with pytest.raises(NotPermitted):  # the rep proposes no money, finance approves none
        rebates.propose_rebate(database.uow(c.rep), aid, date(2026, 5, 1))
    with pytest.raises(NotPermitted):
        rebates.decide_agreement(database.uow(c.fin), other, True)


def test_the_credit_note_lands_in_the_ledger_and_the_customer_balance(database, quarter) -> None:  # noqa: ANN001
    c, cid, _pid, aid = quarter
    before = receivables.customer_ledger(database.uow(c.fin), cid)
    rid = rebates.propose_rebate(database.uow(c.mgr), aid, date(2026, 5, 1))
    rebates.decide_rebate(database.uow(c.gm), rid, True)
    number = rebates.pay_rebate(database.uow(c.fin), rid)
    after = receivables.customer_ledger(database.uow(c.fin), cid)
    assert after.balance == before.balance - 18_000
    assert after.open_receivables == before.open_receivables - 18_000
    row = next(r for r in after.rows if r.doc_no == number)
    assert (row.kind, row.credit, row.on, row.open_amount) == ("credit_note", 18_000, TODAY, 0)  # applied in full
    assert rebate_reads.rebates(database.uow(c.gm), cid)[0].credit_note == number


def test_stock_reports_beside_our_shipments(database, quarter) -> None:  # noqa: ANN001
    c, cid, pid, _aid = quarter
    distributors.record_stock(database.uow(c.rep), StockInput(cid, pid, date(2026, 4, 30), 5, 60, 40, 25))
    distributors.record_stock(database.uow(c.rep), StockInput(cid, pid, date(2026, 5, 1), 25, 38, 50, 12))
    rows = {r.month.month: r for r in distributors.stock_sheet(database.uow(c.mgr), cid, 2026)}
    assert (rows[4].shipped, rows[4].received_gap, rows[4].closing_gap) == (60, 0, 0)
    assert (rows[5].shipped, rows[5].received_gap, rows[5].closing_gap, rows[5].opening_gap) == (40, -2, -1, 0)
    assert (rows[6].shipped, rows[6].opening) == (-10, None)  # a month with shipments and no report
    with pytest.raises(ValidationError):
        distributors.record_stock(database.uow(c.rep), StockInput(cid, pid, date(2026, 8, 1), 0, 0, 0, 0))
    with pytest.raises(NotPermitted):
        distributors.record_stock(database.uow(c.wh), StockInput(cid, pid, date(2026, 6, 1), 0, 0, 0, 0))
