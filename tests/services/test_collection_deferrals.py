"""Deferred payment through the services: the cap, finance's check then both approvals in
turn, never one's own, a returned request corrected or withdrawn, poor credit refused, the
payment record, and an unpaid deferral back on the ladder. The business date is pinned to
June: 31 December is out of reach of every deferral here (test_collection_year_end.py has
the year-end edges)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from sales_desk.domain.collections.deferral import DeferralTooLong, PoorCredit, StepOutOfTurn
from sales_desk.domain.common.calendar import add_months
from sales_desk.domain.common.errors import (
    NotFound,
    NotPermitted,
    SelfApprovalRefused,
    ValidationError,
)
from sales_desk.models import Receivable
from sales_desk.services.collections import deferrals, dunning, ladder
from tests.services.collection_flow import ago, crew, customer, invoice, pay, today


@pytest.fixture(autouse=True)
def in_june(pin_business_date):  # noqa: ANN001, ANN201
    return pin_business_date(date(2026, 6, 10))


@pytest.fixture
def team(make_user):  # noqa: ANN001, ANN201
    return crew(make_user)


def approve_all(database, team, fid: int) -> None:  # noqa: ANN001
    deferrals.check_deferral(database.uow(team.fin), fid, True, "账户与付款记录已核")
    deferrals.decide_deferral(database.uow(team.vp), fid, True)
    deferrals.decide_deferral(database.uow(team.gm), fid, True)


def due_of(database, rid: int):  # noqa: ANN001, ANN201
    with database.engine.connect() as c:
        return c.execute(Receivable.__table__.select().where(Receivable.__table__.c.id == rid)).one().due_date


def test_deferral_at_most_three_months_past_the_contract_due_date(database, team) -> None:  # noqa: ANN001
    cid = customer(database, team.rep, "C400", grade="A")
    rid = invoice(database, team.fin, "C400", "U-1", -10, 50_000)  # due in 10 days
    contract_due = due_of(database, rid)
    with pytest.raises(DeferralTooLong):
        deferrals.request_deferral(database.uow(team.rep), cid, [rid],
                                   add_months(contract_due, 3) + timedelta(days=1), "资金周转")
    fid = deferrals.request_deferral(database.uow(team.rep), cid, [rid], add_months(contract_due, 3), "资金周转")
    assert deferrals.deferrals(database.uow(team.vp))[0].id == fid


def test_deferral_needs_finance_then_the_sales_vp_then_the_general_manager(database, team) -> None:  # noqa: ANN001
    cid = customer(database, team.rep, "C401", grade="B")
    rid = invoice(database, team.fin, "C401", "V-1", -5, 50_000)
    before = due_of(database, rid)
    new_due = add_months(before, 2)
    fid = deferrals.request_deferral(database.uow(team.rep), cid, [rid], new_due, "项目回款延迟")
    deferrals.check_deferral(database.uow(team.fin), fid, True, "账户无异常")
    deferrals.decide_deferral(database.uow(team.vp), fid, True, "同意")
    assert due_of(database, rid) == before  # one approval is not enough
    with pytest.raises(ValidationError):  # the VP cannot give the GM's approval too
        deferrals.decide_deferral(database.uow(team.vp), fid, True)
    with pytest.raises(NotPermitted):
        deferrals.decide_deferral(database.uow(team.mgr), fid, True)
    deferrals.decide_deferral(database.uow(team.gm), fid, True, "同意，年底前结清")
    assert due_of(database, rid) == new_due
    (row,) = deferrals.deferrals(database.uow(team.gm))
    assert (row.status, row.finance, row.vp, row.gm) == ("approved", "fin", "vp", "gm")


def test_nobody_approves_their_own_deferral(database, team, make_user) -> None:  # noqa: ANN001
    rep_vp = make_user("repvp", "sales_rep", "sales_vp", justification="小公司，营销总监兼业务")
    cid = customer(database, rep_vp, "C402", grade="A")
    rid = invoice(database, team.fin, "C402", "W-1", -5, 10_000)
    fid = deferrals.request_deferral(database.uow(rep_vp), cid, [rid], add_months(due_of(database, rid), 1), "请求")
    with pytest.raises(SelfApprovalRefused):
        deferrals.decide_deferral(database.uow(rep_vp), fid, True)


def test_deferral_refused_for_poor_credit(database, team) -> None:  # noqa: ANN001
    for code, grade, hold in (("C403", "C", False), ("C404", "A", True), ("C405", None, False)):
        cid = customer(database, team.rep, code, grade=grade, hold=hold)
        rid = invoice(database, team.fin, code, f"X-{code}", -5, 10_000)
        with pytest.raises(PoorCredit):
            deferrals.request_deferral(database.uow(team.rep), cid, [rid], add_months(today(), 1), "请求")


def test_request_form_shows_the_payment_record(database, team) -> None:  # noqa: ANN001
    cid = customer(database, team.rep, "C406", grade="A")
    invoice(database, team.fin, "C406", "Y-1", 40, 10_000)
    invoice(database, team.fin, "C406", "Y-2", 5, 20_000)
    pay(database, team.fin, cid, 10_000, on=ago(2))  # Y-1 settled 38 days late
    rec = deferrals.payment_record(database.uow(team.rep), cid)
    assert (rec.overdue, rec.received_12m, rec.settled_12m, rec.late_12m, rec.worst_days_late) == (
        20_000, 10_000, 1, 1, 38)
    assert rec.good_credit


def test_unpaid_deferral_reenters_the_ladder_without_a_second_thank_you(database, team) -> None:  # noqa: ANN001
    cid = customer(database, team.rep, "C407", grade="A")
    rid = invoice(database, team.fin, "C407", "Z-1", 40, 10_000)  # contract due 40 days ago
    dunning.record_step(database.uow(team.fin), cid, "overdue", on=ago(35))
    # deferred to today, approved: nothing overdue, the cycle ends as deferred
    fid = deferrals.request_deferral(database.uow(team.rep), cid, [rid], today(), "资金周转")
    approve_all(database, team, fid)
    view = ladder.customer_ladder(database.uow(team.fin), cid)
    assert view.history[-1].step == "deferred" and view.overdue == 0
    # the deferred date passes unpaid: overdue again, the ladder from step 2, then straight to the notice
    with database.engine.begin() as c:
        c.execute(Receivable.__table__.update().where(Receivable.__table__.c.id == rid).values(due_date=ago(3)))
    dunning.record_step(database.uow(team.fin), cid, "overdue")
    view = ladder.customer_ladder(database.uow(team.fin), cid)
    assert view.current_step == "overdue" and view.next_step == "dunning"


def test_the_sales_vp_does_not_approve_before_finance_has_checked(database, team) -> None:  # noqa: ANN001
    cid = customer(database, team.rep, "C409", grade="A")
    rid = invoice(database, team.fin, "C409", "FC-1", -5, 10_000)
    fid = deferrals.request_deferral(database.uow(team.rep), cid, [rid], add_months(due_of(database, rid), 1), "请求")
    with pytest.raises(StepOutOfTurn, match="finance"):
        deferrals.decide_deferral(database.uow(team.vp), fid, True)
    with pytest.raises(StepOutOfTurn):  # nor refuses out of turn
        deferrals.decide_deferral(database.uow(team.vp), fid, False, "不同意")
    deferrals.check_deferral(database.uow(team.fin), fid, True)
    with pytest.raises(StepOutOfTurn, match="sales VP"):  # the GM waits for the VP
        deferrals.decide_deferral(database.uow(team.gm), fid, True)
    with pytest.raises(ValidationError):  # finance checks once
        deferrals.check_deferral(database.uow(team.fin), fid, True)
    deferrals.decide_deferral(database.uow(team.vp), fid, True)
    deferrals.decide_deferral(database.uow(team.gm), fid, True)
    assert deferrals.deferrals(database.uow(team.gm))[0].status == "approved"


def test_only_finance_checks_a_deferral_and_never_its_own(database, team, make_user) -> None:  # noqa: ANN001
    cid = customer(database, team.rep, "C410", grade="A")
    rid = invoice(database, team.fin, "C410", "FC-2", -5, 10_000)
    fid = deferrals.request_deferral(database.uow(team.rep), cid, [rid], add_months(due_of(database, rid), 1), "请求")
    for who in (team.rep, team.vp, team.gm):
        with pytest.raises(NotPermitted):
            deferrals.check_deferral(database.uow(who), fid, True)
    rep_fin = make_user("repfin", "sales_rep", "finance", justification="兼岗")
    cid2 = customer(database, rep_fin, "C411", grade="A")
    rid2 = invoice(database, team.fin, "C411", "FC-3", -5, 10_000)
    own = deferrals.request_deferral(database.uow(rep_fin), cid2, [rid2], add_months(due_of(database, rid2), 1), "请求")
    with pytest.raises(SelfApprovalRefused):
        deferrals.check_deferral(database.uow(rep_fin), own, True)


def test_a_returned_deferral_is_corrected_and_checked_again(database, team) -> None:  # noqa: ANN001
    cid = customer(database, team.rep, "C412", grade="A")
    rid = invoice(database, team.fin, "C412", "RT-1", -5, 10_000)
    due = due_of(database, rid)
    fid = deferrals.request_deferral(database.uow(team.rep), cid, [rid], add_months(due, 3), "请求")
    with pytest.raises(ValidationError):  # a return says why
        deferrals.check_deferral(database.uow(team.fin), fid, False, " ")
    deferrals.check_deferral(database.uow(team.fin), fid, False, "客户上月付款记录有两笔逾期，请缩短延期")
    (row,) = deferrals.deferrals(database.uow(team.rep))
    assert (row.status, row.returned_by, row.return_note) == ("returned", "fin", "客户上月付款记录有两笔逾期，请缩短延期")
    with pytest.raises(ValidationError):  # nobody approves a returned request
        deferrals.decide_deferral(database.uow(team.vp), fid, True)
    with pytest.raises(NotFound):  # only its requester corrects it (another rep does not even see it)
        deferrals.resubmit_deferral(database.uow(team.rep2), fid, add_months(due, 1), "请求")
    deferrals.resubmit_deferral(database.uow(team.rep), fid, add_months(due, 1), "缩短为一个月")
    (row,) = deferrals.deferrals(database.uow(team.rep))
    assert (row.status, row.new_due_date, row.next_step, row.finance) == ("requested", add_months(due, 1), "finance", "")
    with pytest.raises(StepOutOfTurn):  # finance checks the corrected request first
        deferrals.decide_deferral(database.uow(team.vp), fid, True)
    approve_all(database, team, fid)
    assert due_of(database, rid) == add_months(due, 1)


def test_a_returned_deferral_may_be_withdrawn_by_its_requester(database, team) -> None:  # noqa: ANN001
    cid = customer(database, team.rep, "C413", grade="A")
    rid = invoice(database, team.fin, "C413", "RT-2", -5, 10_000)
    fid = deferrals.request_deferral(database.uow(team.rep), cid, [rid], add_months(due_of(database, rid), 1), "请求")
    with pytest.raises(ValidationError):  # only a returned request is withdrawn
        deferrals.withdraw_deferral(database.uow(team.rep), fid)
    deferrals.check_deferral(database.uow(team.fin), fid, False, "缺少客户书面申请")
    deferrals.withdraw_deferral(database.uow(team.rep), fid)
    assert deferrals.deferrals(database.uow(team.rep))[0].status == "withdrawn"
    with pytest.raises(ValidationError):
        deferrals.resubmit_deferral(database.uow(team.rep), fid, add_months(due_of(database, rid), 1), "再次")
    # the invoice is free for a new request
    deferrals.request_deferral(database.uow(team.rep), cid, [rid], add_months(due_of(database, rid), 1), "新申请")
