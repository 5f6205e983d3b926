"""Issue 18, the opportunities half: each rule with a test named after it, on SQLite and
PostgreSQL (the `database` fixture)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from sales_desk.domain.common.errors import (
    NotFound,
    NotPermitted,
    SelfApprovalRefused,
    ValidationError,
)
from sales_desk.domain.common.money import to_minor
from sales_desk.domain.opportunities.stages import AlreadyClosed, Stage, WrongStage
from sales_desk.models import AuditEntry, Customer, Opportunity, SalesOrder
from sales_desk.services.opportunities import (
    leads,
    opportunities,
    opportunity_views,
    pipeline,
    quotations,
)
from sales_desk.services.opportunities.opportunities import (
    CompetitorInput,
    OpportunityInput,
    OrderAlreadyMade,
    reassign_open_opportunities,
)
from sales_desk.services.opportunities.opportunity_views import OpportunityFilter
from sales_desk.services.opportunities.quotations import QuoteLineInput
from tests.services.credit_flow import new_customer
from tests.services.order_flow import product, team

DAY = date(2026, 3, 2)


@pytest.fixture
def t(make_user, pin_business_date):  # noqa: ANN001, ANN201
    pin_business_date(date(2026, 6, 30))
    t = team(make_user)
    t.sup = make_user("sup", "sales_supervisor")
    return t


def _opp(database, rep, cid, pid, title="ERP 项目", amount="50000", **kw) -> int:  # noqa: ANN001
    return opportunities.create_opportunity(database.uow(rep), OpportunityInput(
        title, customer_id=cid, amount=to_minor(amount), products=((pid, 10),), opened_on=DAY,
        competitors=(CompetitorInput("竞品甲", "价格低", "服务差"),), **kw))


def _to_negotiation(database, rep, oid) -> None:  # noqa: ANN001
    for n, st in enumerate((Stage.CONTACT, Stage.NEEDS, Stage.PROPOSAL, Stage.QUOTE, Stage.NEGOTIATION), start=1):
        opportunities.advance_stage(database.uow(rep), oid, st, DAY + timedelta(days=7 * n))


def test_stage_order_and_time_nodes(database, t) -> None:  # noqa: ANN001
    cid = new_customer(database, t.rep)
    pid = product(database, t)
    oid = _opp(database, t.rep, cid, pid)
    with pytest.raises(WrongStage):  # one stage at a time, in the seed's order
        opportunities.advance_stage(database.uow(t.rep), oid, Stage.NEEDS, date(2026, 3, 5))
    with pytest.raises(ValidationError):  # a time node never before the previous one
        opportunities.advance_stage(database.uow(t.rep), oid, Stage.CONTACT, date(2026, 3, 1))
    with pytest.raises(WrongStage):  # 成交 only by winning
        opportunities.advance_stage(database.uow(t.rep), oid, Stage.WON)
    _to_negotiation(database, t.rep, oid)
    d = opportunity_views.opportunity_detail(database.uow(t.rep), oid)
    assert [n.stage for n in d.nodes] == list(Stage)[:6]
    assert [n.reached_on for n in d.nodes][:2] == [DAY, DAY + timedelta(days=7)]
    assert [n.days for n in d.nodes] == [7, 7, 7, 7, 7, None]
    # negotiation reached 6 April; 30 days allowed; on 30 June it is stalled
    assert d.row.stalled and d.row.days_in_stage == (date(2026, 6, 30) - (DAY + timedelta(days=35))).days


def test_only_a_won_opportunity_makes_an_order_once(database, t) -> None:  # noqa: ANN001
    cid = new_customer(database, t.rep)
    pid = product(database, t)
    oid = _opp(database, t.rep, cid, pid)
    with pytest.raises(WrongStage):  # not won before its negotiation
        opportunities.win_opportunity(database.uow(t.rep), oid)
    _to_negotiation(database, t.rep, oid)
    order_id = opportunities.win_opportunity(database.uow(t.rep), oid, date(2026, 4, 20))
    with pytest.raises((OrderAlreadyMade, AlreadyClosed)):
        opportunities.win_opportunity(database.uow(t.rep), oid)
    with database.uow(t.rep) as uow:
        orders = uow.session.execute(select(SalesOrder.id, SalesOrder.status, SalesOrder.total)).all()
    assert orders == [(order_id, "draft", 10 * to_minor("100.00"))]  # the order's rules priced it
    d = opportunity_views.opportunity_detail(database.uow(t.rep), oid)
    assert d.row.outcome == "won" and d.order_number.startswith("SO") and d.nodes[-1].stage is Stage.WON


def test_a_lost_opportunity_needs_a_reason_and_the_competitor(database, t) -> None:  # noqa: ANN001
    cid = new_customer(database, t.rep)
    pid = product(database, t)
    oid = _opp(database, t.rep, cid, pid)
    with pytest.raises(ValidationError):
        opportunities.lose_opportunity(database.uow(t.rep), oid, "", "竞品甲")
    with pytest.raises(ValidationError):
        opportunities.lose_opportunity(database.uow(t.rep), oid, "price", " ")
    opportunities.lose_opportunity(database.uow(t.rep), oid, "price", "竞品甲", "对方低 8%")
    with pytest.raises(AlreadyClosed):
        opportunities.win_opportunity(database.uow(t.rep), oid)
    a = pipeline.pipeline_analysis(database.uow(t.mgr))
    assert [(x.key, x.count) for x in a.loss_reasons] == [("price", 1)]
    assert [(x.key, x.count) for x in a.lost_to] == [("竞品甲", 1)]
    assert [(c.name, c.met, c.lost_to) for c in a.competitors] == [("竞品甲", 1, 1)]


def test_visibility_by_team(database, t) -> None:  # noqa: ANN001
    cid = new_customer(database, t.rep)
    cid2 = new_customer(database, t.rep2, name="北京远大")
    pid = product(database, t)
    mine = _opp(database, t.rep, cid, pid)
    theirs = _opp(database, t.rep2, cid2, pid)
    rows, _more = opportunity_views.list_opportunities(database.uow(t.rep))
    assert [r.id for r in rows] == [mine]
    with pytest.raises(NotFound):
        opportunity_views.opportunity_detail(database.uow(t.rep), theirs)
    with pytest.raises(NotFound):
        opportunities.advance_stage(database.uow(t.rep), theirs, Stage.CONTACT)
    for boss in (t.sup, t.mgr):  # supervisors and managers see and work the team's
        assert {r.id for r in opportunity_views.list_opportunities(database.uow(boss))[0]} == {mine, theirs}
    opportunities.advance_stage(database.uow(t.sup), theirs, Stage.CONTACT)
    with pytest.raises(NotPermitted):  # the VP reads, does not work deals
        opportunities.advance_stage(database.uow(t.vp), theirs, Stage.NEEDS)
    assert pipeline.pipeline_summary(database.uow(t.rep)).funnel.count == 1
    assert pipeline.pipeline_summary(database.uow(t.mgr)).funnel.count == 2


def test_quotation_prices_within_the_price_range_or_sent_for_approval(database, t) -> None:  # noqa: ANN001
    cid = new_customer(database, t.rep)
    pid = product(database, t)  # 100.00, floor 90.00, ceiling 120.00
    oid = _opp(database, t.rep, cid, pid)
    with pytest.raises(ValidationError):  # above the ceiling: refused
        quotations.create_quotation(database.uow(t.rep), oid, [QuoteLineInput(pid, 5, to_minor("121.00"))])
    ok = quotations.create_quotation(database.uow(t.rep), oid, [QuoteLineInput(pid, 5)])
    low = quotations.create_quotation(database.uow(t.rep), oid, [QuoteLineInput(pid, 5, to_minor("80.00"))])
    assert quotations.quotation_document(database.uow(t.rep), ok).total == 5 * to_minor("100.00")
    with pytest.raises(quotations.QuotationNotReady):
        quotations.quotation_document(database.uow(t.rep), low)
    assert [w.id for w in quotations.quotations_waiting(database.uow(t.vp))] == [low]
    with pytest.raises(NotPermitted):
        quotations.decide_quotation(database.uow(t.rep), low)
    quotations.decide_quotation(database.uow(t.vp), low, True, "大客户")
    doc = quotations.quotation_document(database.uow(t.rep), low)
    assert doc.status == "approved" and doc.approved_by and doc.lines[0].below_floor


def test_the_vp_never_approves_a_quotation_of_a_deal_they_work(database, t) -> None:  # noqa: ANN001
    with pytest.raises(SelfApprovalRefused):
        from sales_desk.domain.common.approvals import ensure_not_self_approval

        ensure_not_self_approval(t.vp.user_id, t.vp.user_id, "quotation")


def test_reassignment_moves_open_opportunities_only(database, t) -> None:  # noqa: ANN001
    cid = new_customer(database, t.rep)
    pid = product(database, t)
    open_one = _opp(database, t.rep, cid, pid)
    lost_one = _opp(database, t.rep, cid, pid)
    opportunities.lose_opportunity(database.uow(t.rep), lost_one, "timing", "none")
    with database.uow(t.mgr) as uow:
        moved = reassign_open_opportunities(uow, t.rep.user_id, t.rep2.user_id, [cid])
        uow.commit()
    assert moved == 1
    with database.uow(t.mgr) as uow:
        owners = dict(uow.session.execute(select(Opportunity.id, Opportunity.owner_id)).all())
        audited = uow.session.scalar(select(func.count()).where(AuditEntry.action == "opportunity.reassign"))
    assert owners == {open_one: t.rep2.user_id, lost_one: t.rep.user_id} and audited == 1


def test_a_converted_lead_opens_the_customer_file_and_takes_its_opportunities(database, t) -> None:  # noqa: ANN001
    pid = product(database, t)
    lid = leads.create_lead(database.uow(t.rep), leads.LeadInput("杭州新客科技", "王经理", phone="0571-1234",
                                                                  region="east", source="展会"))
    oid = opportunities.create_opportunity(database.uow(t.rep), OpportunityInput(
        "样品试用", lead_id=lid, amount=to_minor("8000"), products=((pid, 2),)))
    with pytest.raises(opportunities.NoCustomerYet):
        quotations.create_quotation(database.uow(t.rep), oid, [QuoteLineInput(pid, 1)])
    cid = leads.convert_lead(database.uow(t.rep), lid)
    with pytest.raises(leads.LeadConverted):
        leads.convert_lead(database.uow(t.rep), lid)
    with database.uow(t.rep) as uow:
        c = uow.session.get(Customer, cid)
        assert (c.name, c.phone, c.rep_id, c.review_status) == ("杭州新客科技", "0571-1234", t.rep.user_id, "pending")
        assert uow.session.get(Opportunity, oid).customer_id == cid
    assert opportunity_views.list_opportunities(database.uow(t.rep), OpportunityFilter(text="杭州"))[0][0].id == oid
