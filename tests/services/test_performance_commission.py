"""Commission on money collected [提成] (issue 19): proposed and approved schemes, the month's
run per rep, never on a written-off debt, reversed with the receipt; on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest

from sales_desk.domain.common.errors import NotPermitted, SelfApprovalRefused, ValidationError
from sales_desk.domain.performance.commission import Tier
from sales_desk.services.collections import receipts
from sales_desk.services.collections.receipts import ReceiptInput
from sales_desk.services.performance import commission as com
from sales_desk.services.performance import schemes
from tests.services.collection_flow import crew, customer, invoice, pay, written_off_customer

JUNE = date(2026, 6, 1)
TIERS = [Tier(0, 200), Tier(5_000_000, 400), Tier(10_000_000, 600)]


@pytest.fixture
def approved(database, make_user, pin_business_date):  # noqa: ANN001, ANN201
    pin_business_date(date(2026, 6, 20))
    t = crew(make_user)
    sid = schemes.propose_scheme(database.uow(t.mgr), "2026 提成方案", TIERS, date(2026, 1, 1))
    schemes.decide_scheme(database.uow(t.gm), sid, True)
    return t


def _line(database, t, month: date, rep) -> com.StatementLine:  # noqa: ANN001
    st = com.commission_statement(database.uow(t.fin), month)
    return next(x for x in st.lines if x.rep_id == rep.user_id)


def test_no_self_approval_of_a_scheme(database, make_user) -> None:  # noqa: ANN001
    t = crew(make_user)
    sid = schemes.propose_scheme(database.uow(t.mgr), "方案", TIERS, date(2026, 1, 1))
    with pytest.raises(NotPermitted):  # the manager holds no right to approve
        schemes.decide_scheme(database.uow(t.mgr), sid, True)
    boss = make_user("boss", "sales_manager", "gm", justification="small firm: one person runs sales")
    own = schemes.propose_scheme(database.uow(boss), "老板的方案", TIERS, date(2026, 1, 1))
    with pytest.raises(SelfApprovalRefused):
        schemes.decide_scheme(database.uow(boss), own, True)
    with pytest.raises(ValidationError, match="why"):
        schemes.decide_scheme(database.uow(t.gm), sid, False, " ")
    schemes.decide_scheme(database.uow(t.gm), sid, True)
    with pytest.raises(ValidationError, match="only a proposal"):
        schemes.decide_scheme(database.uow(t.gm), sid, True)
    rows = {r.id: r for r in schemes.list_schemes(database.uow(t.rep))}
    assert rows[sid].status == "approved" and rows[own].status == "proposed" and rows[sid].tiers == tuple(TIERS)


def test_a_month_without_an_approved_scheme_is_not_run(database, make_user) -> None:  # noqa: ANN001
    t = crew(make_user)
    schemes.propose_scheme(database.uow(t.mgr), "方案", TIERS, date(2026, 1, 1))
    with pytest.raises(ValidationError, match="no approved commission scheme"):
        com.run_commission(database.uow(t.fin), JUNE)


def test_commission_on_collected_money_only(database, approved) -> None:  # noqa: ANN001
    t = approved
    cid = customer(database, t.rep, "K100")
    invoice(database, t.fin, "K100", "K100-1", 10, 8_000_000)  # 80,000.00 owed
    invoice(database, t.fin, "K100", "K100-2", -20, 9_000_000)  # not yet due, unpaid: nothing
    pay(database, t.fin, cid, 6_000_000, on=date(2026, 6, 5))  # 60,000.00 collected
    with pytest.raises(NotPermitted):
        com.run_commission(database.uow(t.rep), JUNE)
    assert com.run_commission(database.uow(t.fin), JUNE) == 140_000
    line = _line(database, t, JUNE, t.rep)
    # 50,000 × 2 % + 10,000 × 4 %
    assert (line.collected, line.commission, line.net) == (6_000_000, 140_000, 140_000)
    assert _line(database, t, JUNE, t.rep2).net == 0
    docs = com.commission_documents(database.uow(t.rep), JUNE, t.rep.user_id)
    assert [(d.document, d.amount, d.treatment) for d in docs] == [("OB-K100-1", 6_000_000, com.COUNTED)]
    with pytest.raises(NotPermitted):  # a rep reads their own figures only
        com.commission_documents(database.uow(t.rep2), JUNE, t.rep.user_id)
    mine = com.commission_statement(database.uow(t.rep2), JUNE)
    assert [x.rep_id for x in mine.lines] == [t.rep2.user_id]


def test_never_on_a_written_off_debt(database, approved) -> None:  # noqa: ANN001
    t = approved
    cid, _rid = written_off_customer(database, t, "K200", 3_000_000, on=date(2026, 5, 21))
    receipts.record_receipt(database.uow(t.fin), ReceiptInput(cid, 2_000_000, date(2026, 6, 10), "transfer",
                                                              "法院执行款", recovers_write_off=True))
    com.run_commission(database.uow(t.fin), JUNE)
    line = _line(database, t, JUNE, t.rep)
    assert (line.collected, line.excluded, line.commission) == (0, 2_000_000, 0)
    docs = com.commission_documents(database.uow(t.fin), JUNE, t.rep.user_id)
    assert {d.treatment for d in docs} == {com.WRITTEN_OFF}


def test_reversed_when_a_receipt_is_reversed(database, approved) -> None:  # noqa: ANN001
    t = approved
    cid = customer(database, t.rep, "K300")
    invoice(database, t.fin, "K300", "K300-1", 40, 15_000_000)
    may = pay(database, t.fin, cid, 15_000_000, on=date(2026, 5, 10))  # 150,000.00 in May: 6,000.00
    com.run_commission(database.uow(t.fin), date(2026, 5, 1))
    assert _line(database, t, date(2026, 5, 1), t.rep).commission == 600_000
    receipts.reverse_receipt(database.uow(t.fin), may, "支票退票", on=date(2026, 6, 3))
    # June: the bounced cheque takes back what it earned in May, at May's 4 % average
    cid2 = customer(database, t.rep, "K301")
    invoice(database, t.fin, "K301", "K301-1", 40, 1_000_000)
    june = pay(database, t.fin, cid2, 1_000_000, on=date(2026, 6, 8))
    receipts.reverse_receipt(database.uow(t.fin), june, "支票退票", on=date(2026, 6, 9))  # same month: nets out
    com.run_commission(database.uow(t.fin), JUNE)
    line = _line(database, t, JUNE, t.rep)
    assert (line.collected, line.commission, line.clawback, line.net) == (0, 0, 600_000, -600_000)
    docs = com.commission_documents(database.uow(t.fin), JUNE, t.rep.user_id)
    assert sorted(d.treatment for d in docs) == [com.COUNTED, com.REVERSED, com.TAKEN_BACK]
    assert sum(d.amount for d in docs) == -15_000_000
