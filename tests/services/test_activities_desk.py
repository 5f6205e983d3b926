"""The Activities tab's daily work below the UI (issue 18): an activity on an opportunity,
the outcome with the next one planned, the managers' reading of their people's due list and
days, the reassignment's preview, and attendance across a month's edge."""

from __future__ import annotations

from datetime import date

import pytest

from sales_desk.domain.activities.attendance import StatusKind
from sales_desk.domain.common.errors import NotFound, NotPermitted, ValidationError
from sales_desk.models import Activity, Customer, Opportunity
from sales_desk.services.activities import activities as act
from sales_desk.services.activities import choices, team, territories
from sales_desk.services.activities.activities import ActivityInput, OpportunityOfAnother
from sales_desk.services.customers import records
from sales_desk.services.customers.data import ContactInput
from sales_desk.services.opportunities import opportunities
from sales_desk.services.opportunities.opportunities import OpportunityInput
from tests.services.credit_flow import new_customer
from tests.services.test_activities import TODAY, _day, people, plan  # noqa: F401 - fixtures


def test_an_activity_on_an_opportunity_is_on_its_customer_and_one_the_rep_sees(database, people) -> None:  # noqa: F811
    c = new_customer(database, people.rep, name="甲公司")
    other = new_customer(database, people.rep, name="乙公司")
    contact = records.add_contact(database.uow(people.rep), c, ContactInput("王经理", "采购部"))
    opp = opportunities.create_opportunity(database.uow(people.rep), OpportunityInput("ERP 项目", customer_id=c))
    theirs = opportunities.create_opportunity(database.uow(people.rep2), OpportunityInput(
        "别人的项目", customer_id=new_customer(database, people.rep2, name="丙公司")))
    offered = choices.plan_choices(database.uow(people.rep), c)
    assert [x.id for x in offered.contacts] == [contact] and [x.id for x in offered.opportunities] == [opp]
    assert choices.plan_choices(database.uow(people.rep), other).opportunities == ()
    a = act.plan_activity(database.uow(people.rep), ActivityInput("proposal", "方案讲解", TODAY, opportunity_id=opp))
    with database.uow() as uow:
        assert uow.session.get(Activity, a).customer_id == c  # the opportunity's customer
    with pytest.raises(OpportunityOfAnother):
        act.plan_activity(database.uow(people.rep), ActivityInput("call", "x", TODAY, customer_id=other,
                                                                  opportunity_id=opp))
    with pytest.raises(NotFound):  # a colleague's: not seen, not planned on
        act.plan_activity(database.uow(people.rep), ActivityInput("call", "x", TODAY, opportunity_id=theirs))


def test_the_outcome_and_the_next_activity_are_recorded_together_or_not_at_all(database, people) -> None:  # noqa: F811
    c = new_customer(database, people.rep)
    a = plan(database, people.rep, c, TODAY, "产品演示", kind="demonstration")
    with pytest.raises(ValidationError):  # the next one has no subject: the outcome is not kept either
        act.complete_activity(database.uow(people.rep), a, "客户满意", "寄报价",
                              next_activity=ActivityInput("call", " ", date(2026, 3, 13), customer_id=c))
    assert act.calendar(database.uow(people.rep), None, TODAY, TODAY)[0].status == "planned"
    following = act.complete_activity(database.uow(people.rep), a, "客户满意", "寄报价",
                                      next_activity=ActivityInput("call", "确认报价", date(2026, 3, 13),
                                                                  10 * 60, customer_id=c))
    (done,) = act.calendar(database.uow(people.rep), None, TODAY, TODAY)
    assert (done.status, done.outcome, done.next_step) == ("done", "客户满意", "寄报价")
    (nxt,) = act.calendar(database.uow(people.rep), None, date(2026, 3, 13), date(2026, 3, 13))
    assert nxt.id == following and nxt.subject == "确认报价" and nxt.planned_minute == 600


def test_the_vp_and_the_gm_read_their_peoples_due_list_and_days_without_recording(database, make_user,
                                                                                   people) -> None:  # noqa: F811
    vp, gm = make_user("vp", "sales_vp"), make_user("gm", "gm")
    c = new_customer(database, people.rep)
    plan(database, people.rep, c, date(2026, 3, 9), "逾期拜访")
    plan(database, people.other, new_customer(database, people.other, name="丁公司"), TODAY, "今天的电话")
    team.write_work_log(database.uow(people.rep), "拜访甲公司")
    team.record_status(database.uow(people.rep), StatusKind.TRAINING.value, TODAY, TODAY)
    for boss in (vp, gm):
        due = act.due_list(database.uow(boss))
        assert {r.subject for r in due} == {"逾期拜访", "今天的电话"} and due[0].overdue
        assert [r.text for r in team.work_logs(database.uow(boss), TODAY, TODAY)] == ["拜访甲公司"]
        assert [s.kind for s in team.team_statuses(database.uow(boss), TODAY, TODAY)] == ["training"]
        sheet = team.attendance_sheet(database.uow(boss), 2026, 3)
        assert boss.user_id not in {r.user_id for r in sheet}  # no days of their own
        assert {people.rep.user_id, people.other.user_id} <= {r.user_id for r in sheet}
        people_seen = [p.id for p in choices.people_choices(database.uow(boss))]
        assert boss.user_id not in people_seen and people.other.user_id in people_seen  # in no team, still seen
        with pytest.raises(NotPermitted):  # reading is not recording
            plan(database, boss, c, TODAY)
    finance = make_user("fin", "finance")
    with pytest.raises(NotPermitted):
        act.due_list(database.uow(finance))


def test_the_reassignment_preview_counts_what_would_move_and_changes_nothing(database, people) -> None:  # noqa: F811
    mine = [new_customer(database, people.rep, name=n, region="east") for n in ("甲公司", "乙公司")]
    plan(database, people.rep, mine[0], date(2026, 3, 20), "计划拜访")
    opportunities.create_opportunity(database.uow(people.rep), OpportunityInput("项目", customer_id=mine[1]))
    with pytest.raises(ValidationError):
        territories.reassignment_preview(database.uow(people.mgr), people.rep.user_id, people.rep2.user_id, "")
    preview = territories.reassignment_preview(database.uow(people.mgr), people.rep.user_id, people.rep2.user_id,
                                               "调岗", region="east")
    assert preview.customers == 2 and preview.moved == {"activities": 1, "opportunities": 1}
    with database.uow() as uow:  # nothing moved
        assert {c.rep_id for c in uow.session.query(Customer)} == {people.rep.user_id}
        assert {o.owner_id for o in uow.session.query(Opportunity)} == {people.rep.user_id}
    moved = territories.reassign_customers(database.uow(people.mgr), people.rep.user_id, people.rep2.user_id,
                                           "调岗", region="east")
    assert moved == preview


def test_attendance_counts_a_status_across_the_months_edge_in_each_month(database, people) -> None:  # noqa: F811
    # Friday 30 January to Monday 2 February 2026: two days in each month, one of them a working day
    team.record_status(database.uow(people.rep), StatusKind.LEAVE.value, date(2026, 1, 30), date(2026, 2, 2))
    sheets = {m: {r.user_id: r for r in team.attendance_sheet(database.uow(people.sup), 2026, m)} for m in (1, 2)}
    january, february = sheets[1][people.rep.user_id].month, sheets[2][people.rep.user_id].month
    assert (january.days["leave"], january.leave_working_days, january.working_days) == (2, 1, 22)
    assert (february.days["leave"], february.leave_working_days, february.attended) == (2, 1, 19)
    assert sheets[1][people.rep.user_id].person == "rep"
    assert set(sheets[2]) == {people.sup.user_id, people.rep.user_id, people.rep2.user_id}
