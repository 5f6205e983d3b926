"""Deferred payment through the services: the cap, both approvals, never one's own, poor
credit refused, the payment record, and an unpaid deferral back on the ladder."""

from __future__ import annotations

from datetime import timedelta

import pytest

from sales_desk.domain.collections.deferral import DeferralTooLong, PoorCredit
from sales_desk.domain.common.calendar import add_months
from sales_desk.domain.common.errors import NotPermitted, SelfApprovalRefused, ValidationError
from sales_desk.models import Receivable
from sales_desk.services.collections import deferrals, dunning, ladder, year_end
from tests.services.collection_flow import ago, crew, customer, invoice, pay, today


@pytest.fixture
def team(make_user):  # noqa: ANN001, ANN201
    return crew(make_user)


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


def test_deferral_needs_the_sales_vp_and_the_general_manager(database, team) -> None:  # noqa: ANN001
    cid = customer(database, team.rep, "C401", grade="B")
    rid = invoice(database, team.fin, "C401", "V-1", -5, 50_000)
    before = due_of(database, rid)
    new_due = add_months(before, 2)
    fid = deferrals.request_deferral(database.uow(team.rep), cid, [rid], new_due, "项目回款延迟")
    deferrals.decide_deferral(database.uow(team.vp), fid, True, "同意")
    assert due_of(database, rid) == before  # one approval is not enough
    with pytest.raises(ValidationError):  # the VP cannot give the GM's approval too
        deferrals.decide_deferral(database.uow(team.vp), fid, True)
    with pytest.raises(NotPermitted):
        deferrals.decide_deferral(database.uow(team.mgr), fid, True)
    deferrals.decide_deferral(database.uow(team.gm), fid, True, "同意，年底前结清")
    assert due_of(database, rid) == new_due
    (row,) = deferrals.deferrals(database.uow(team.gm))
    assert (row.status, row.vp, row.gm) == ("approved", "vp", "gm")


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
    deferrals.decide_deferral(database.uow(team.vp), fid, True)
    deferrals.decide_deferral(database.uow(team.gm), fid, True)
    view = ladder.customer_ladder(database.uow(team.fin), cid)
    assert view.history[-1].step == "deferred" and view.overdue == 0
    # the deferred date passes unpaid: overdue again, the ladder from step 2, then straight to the notice
    with database.engine.begin() as c:
        c.execute(Receivable.__table__.update().where(Receivable.__table__.c.id == rid).values(due_date=ago(3)))
    dunning.record_step(database.uow(team.fin), cid, "overdue")
    view = ladder.customer_ladder(database.uow(team.fin), cid)
    assert view.current_step == "overdue" and view.next_step == "dunning"


def test_year_end_lists_deferred_balances_not_cleared_by_31_december(database, team) -> None:  # noqa: ANN001
    cid = customer(database, team.rep, "C408", grade="A")
    rid = invoice(database, team.fin, "C408", "YE-1", -3, 10_000)
    fid = deferrals.request_deferral(database.uow(team.rep), cid, [rid], add_months(due_of(database, rid), 1), "请求")
    deferrals.decide_deferral(database.uow(team.vp), fid, True)
    deferrals.decide_deferral(database.uow(team.gm), fid, True)
    (row,) = year_end.year_end_deferrals(database.uow(team.fin), today().year)
    assert (row.doc_no, row.open_at_year_end, row.open_now) == ("OB-YE-1", 10_000, 10_000)
    assert year_end.year_end_deferrals(database.uow(team.fin), today().year - 1) == []
