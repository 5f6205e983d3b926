"""Issue 18, keeping the selling work up to date: a lead edited or dropped while it is still
worked, a planned activity moved, a quotation priced outside its range waiting in the
sales VP's "waiting for me". Each rule with a test named after it, on SQLite and
PostgreSQL (the `database` fixture)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select

from sales_desk.domain.common.errors import NotFound, ValidationError
from sales_desk.domain.common.money import to_minor
from sales_desk.models import AuditEntry
from sales_desk.services.activities import activities
from sales_desk.services.activities.activities import ActivityClosed, ActivityInput
from sales_desk.services.opportunities import leads, opportunities, quotations
from sales_desk.services.opportunities.opportunities import OpportunityInput
from sales_desk.services.opportunities.quotations import QuoteLineInput
from sales_desk.services.planning import inbox
from tests.services.credit_flow import new_customer
from tests.services.order_flow import product, team

DAY = date(2026, 6, 10)  # a Wednesday


@pytest.fixture
def t(make_user, pin_business_date):  # noqa: ANN001, ANN201
    pin_business_date(DAY)
    return team(make_user)


def _lead(database, rep) -> int:  # noqa: ANN001
    return leads.create_lead(database.uow(rep), leads.LeadInput(
        "宁波新材料", "陈工", phone="0574-1", email="chen@nb.example", address="宁波市江北区", region="east",
        note="展会上认识", first_contact_on=date(2026, 6, 1)))


# -- leads --------------------------------------------------------------------------------------


def test_editing_a_lead_keeps_what_the_form_does_not_show(database, t) -> None:  # noqa: ANN001
    lid = _lead(database, t.rep)
    data = leads.lead_input(database.uow(t.rep), lid)
    assert (data.email, data.address, data.note, data.first_contact_on) == (
        "chen@nb.example", "宁波市江北区", "展会上认识", date(2026, 6, 1))
    leads.update_lead(database.uow(t.rep), lid, replace(data, name="宁波新材料股份", contact_position="技术总监",
                                                        first_contact_on=date(2026, 5, 28)))
    again = leads.lead_input(database.uow(t.rep), lid)
    assert (again.name, again.contact_position, again.email, again.note, again.first_contact_on) == (
        "宁波新材料股份", "技术总监", "chen@nb.example", "展会上认识", date(2026, 5, 28))
    with database.uow(t.rep) as uow:
        before, after = uow.session.execute(select(AuditEntry.before, AuditEntry.after).where(
            AuditEntry.action == "lead.update")).one()
    assert "宁波新材料股份" in str(after) and "宁波新材料" in str(before)


def test_a_lead_first_contact_never_lies_ahead_of_today(database, t) -> None:  # noqa: ANN001
    lid = _lead(database, t.rep)
    data = leads.lead_input(database.uow(t.rep), lid)
    with pytest.raises(ValidationError, match="future"):
        leads.update_lead(database.uow(t.rep), lid, replace(data, first_contact_on=date(2026, 6, 11)))


def test_a_dropped_lead_needs_a_reason_and_is_no_longer_edited_dropped_or_converted(database, t) -> None:  # noqa: ANN001
    lid = _lead(database, t.rep)
    with pytest.raises(ValidationError, match="Reason"):
        leads.drop_lead(database.uow(t.rep), lid, "  ")
    leads.drop_lead(database.uow(t.rep), lid, "已选用竞品")
    (row,) = leads.list_leads(database.uow(t.rep), "dropped")
    assert row.status == "dropped" and leads.lead_input(database.uow(t.rep), lid).note == "展会上认识\n已选用竞品"
    data = leads.lead_input(database.uow(t.rep), lid)
    for attempt in (lambda: leads.update_lead(database.uow(t.rep), lid, data),
                    lambda: leads.drop_lead(database.uow(t.rep), lid, "again"),
                    lambda: leads.convert_lead(database.uow(t.rep), lid)):
        with pytest.raises(leads.LeadDropped, match="dropped"):
            attempt()


def test_a_converted_lead_is_neither_edited_nor_dropped(database, t) -> None:  # noqa: ANN001
    lid = _lead(database, t.rep)
    leads.convert_lead(database.uow(t.rep), lid)
    data = leads.lead_input(database.uow(t.rep), lid)
    with pytest.raises(leads.LeadConverted):
        leads.update_lead(database.uow(t.rep), lid, data)
    with pytest.raises(leads.LeadConverted):
        leads.drop_lead(database.uow(t.rep), lid, "no")


def test_a_rep_edits_only_their_own_leads(database, t) -> None:  # noqa: ANN001
    lid = _lead(database, t.rep)
    with pytest.raises(NotFound):
        leads.lead_input(database.uow(t.rep2), lid)
    with pytest.raises(NotFound):
        leads.drop_lead(database.uow(t.rep2), lid, "不是我的")
    leads.drop_lead(database.uow(t.mgr), lid, "重复线索")  # the manager works the team's


# -- activities ---------------------------------------------------------------------------------


def _visit(database, rep, day: date = DAY) -> int:  # noqa: ANN001
    c = new_customer(database, rep)
    return activities.plan_activity(database.uow(rep), ActivityInput("visit", "上门拜访", day, 9 * 60,
                                                                     customer_id=c))


def test_a_planned_activity_is_moved_to_another_day_and_time(database, t) -> None:  # noqa: ANN001
    aid = _visit(database, t.rep)
    activities.reschedule_activity(database.uow(t.rep), aid, date(2026, 6, 12), 14 * 60 + 30)
    (row,) = activities.calendar(database.uow(t.rep), None, date(2026, 6, 8), date(2026, 6, 14))
    assert (row.planned_on, row.planned_minute) == (date(2026, 6, 12), 870)
    activities.reschedule_activity(database.uow(t.rep), aid, DAY, None)  # some time today
    (row,) = activities.calendar(database.uow(t.rep), None, DAY, DAY)
    assert row.planned_minute is None


def test_an_activity_is_not_moved_to_a_day_already_past(database, t) -> None:  # noqa: ANN001
    aid = _visit(database, t.rep, date(2026, 6, 5))  # overdue: it may be moved to today or later
    with pytest.raises(activities.MovedIntoThePast, match="outcome"):
        activities.reschedule_activity(database.uow(t.rep), aid, date(2026, 6, 9), 600)
    activities.reschedule_activity(database.uow(t.rep), aid, DAY, 600)


def test_only_a_planned_activity_is_moved(database, t) -> None:  # noqa: ANN001
    aid = _visit(database, t.rep)
    activities.complete_activity(database.uow(t.rep), aid, "谈妥样品")
    with pytest.raises(ActivityClosed, match="Done"):
        activities.reschedule_activity(database.uow(t.rep), aid, date(2026, 6, 12), None)
    with pytest.raises(NotFound):  # another rep's calendar is not theirs to move
        activities.reschedule_activity(database.uow(t.rep2), _visit(database, t.rep), DAY, None)


# -- the quotation waiting for the sales VP -----------------------------------------------------


def test_a_quotation_outside_the_price_range_waits_for_the_vp_not_the_rep(database, t) -> None:  # noqa: ANN001
    pid = product(database, t)  # 100.00, floor 90.00
    cid = new_customer(database, t.rep, name="苏州精工")
    oid = opportunities.create_opportunity(database.uow(t.rep), OpportunityInput(
        "产线改造", customer_id=cid, products=((pid, 3),)))
    quotations.create_quotation(database.uow(t.rep), oid, [QuoteLineInput(pid, 3)])  # at the list price: none
    qid = quotations.create_quotation(database.uow(t.rep), oid, [QuoteLineInput(pid, 3, to_minor("80"))])
    mine = [i for i in inbox.waiting_for_me(database.uow(t.vp)) if i.module == "opportunities"]
    assert [(i.kind, i.id, i.tab, i.open_kind, i.open_id, i.who, i.amount) for i in mine] == [
        ("quotation", qid, "opportunities", "opportunity", oid, "rep", 3 * to_minor("80"))]
    assert "苏州精工" in mine[0].subject and mine[0].since is not None
    for other in (t.rep, t.mgr, t.gm):
        assert not [i for i in inbox.waiting_for_me(database.uow(other)) if i.module == "opportunities"]
    quotations.decide_quotation(database.uow(t.vp), qid, True, "大客户")
    assert not [i for i in inbox.waiting_for_me(database.uow(t.vp)) if i.module == "opportunities"]


def test_a_refused_quotation_leaves_the_vps_waiting_list(database, t) -> None:  # noqa: ANN001
    pid = product(database, t)
    cid = new_customer(database, t.rep)
    oid = opportunities.create_opportunity(database.uow(t.rep), OpportunityInput("试用", customer_id=cid))
    qid = quotations.create_quotation(database.uow(t.rep), oid, [QuoteLineInput(pid, 1, to_minor("85"))])
    assert [i.id for i in inbox.waiting_for_me(database.uow(t.vp)) if i.kind == "quotation"] == [qid]
    quotations.decide_quotation(database.uow(t.vp), qid, False, "低于底价太多")
    assert not [i for i in inbox.waiting_for_me(database.uow(t.vp)) if i.kind == "quotation"]
