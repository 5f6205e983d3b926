"""Activities, the team's days and territories (issue 18), through real units of work on
SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from sales_desk.domain.activities.attendance import StatusKind
from sales_desk.domain.common.errors import NotFound, NotPermitted, ValidationError
from sales_desk.domain.common.roles import Actor
from sales_desk.domain.planning.warnings import WarningKind
from sales_desk.models import Activity, Customer
from sales_desk.services.activities import activities as act
from sales_desk.services.activities import team, territories
from sales_desk.services.activities.activities import ActivityClosed, ActivityInput
from sales_desk.services.admin.audit import AuditFilter, audit_page
from sales_desk.services.expenses import travel
from sales_desk.services.expenses.travel import TravelInput
from sales_desk.services.planning import dashboard, drill_down
from tests.services.credit_flow import new_customer

TODAY = date(2026, 3, 11)  # a Wednesday


@dataclass
class People:
    rep: Actor
    rep2: Actor
    other: Actor  # a rep in no team
    sup: Actor
    mgr: Actor


@pytest.fixture(autouse=True)
def _day(pin_business_date) -> None:
    pin_business_date(TODAY)


@pytest.fixture
def people(database, make_user) -> People:
    p = People(make_user("rep", "sales_rep"), make_user("rep2", "sales_rep"), make_user("other", "sales_rep"),
               make_user("sup", "sales_supervisor"), make_user("mgr", "sales_manager"))
    for member in (p.rep, p.rep2):
        team.set_supervisor(database.uow(p.mgr), member.user_id, p.sup.user_id)
    return p


def plan(database, actor: Actor, customer_id: int, on: date, subject: str = "拜访采购部", **kw) -> int:  # noqa: ANN001
    return act.plan_activity(database.uow(actor), ActivityInput(
        kind=kw.pop("kind", "visit"), subject=subject, planned_on=on, customer_id=customer_id, **kw))


def test_an_activity_is_planned_then_done_with_outcome_and_next_step(database, people) -> None:
    c = new_customer(database, people.rep)
    a = plan(database, people.rep, c, TODAY, planned_minute=9 * 60 + 30)
    with pytest.raises(ValidationError):
        act.complete_activity(database.uow(people.rep), a, "  ")
    act.complete_activity(database.uow(people.rep), a, "对方同意试用", "下周报价")
    (row,) = act.calendar(database.uow(people.rep), None, TODAY, TODAY)
    assert (row.status, row.outcome, row.next_step, row.done_on) == ("done", "对方同意试用", "下周报价", TODAY)
    with pytest.raises(ActivityClosed):
        act.cancel_activity(database.uow(people.rep), a, "重复")


def test_the_calendar_week_and_the_due_list(database, people) -> None:
    c = new_customer(database, people.rep)
    monday = date(2026, 3, 9)
    plan(database, people.rep, c, monday, "电话回访", kind="call", planned_minute=14 * 60)
    plan(database, people.rep, c, monday, "上门拜访", planned_minute=9 * 60)
    plan(database, people.rep, c, date(2026, 3, 15), "产品演示", kind="demonstration")
    plan(database, people.rep, c, date(2026, 3, 20), "提案", kind="proposal")  # the next week
    week = act.calendar(database.uow(people.rep), None, monday, date(2026, 3, 15))
    assert [r.subject for r in week] == ["上门拜访", "电话回访", "产品演示"]  # by day, then time
    due = act.due_list(database.uow(people.rep))
    assert [(r.subject, r.overdue) for r in due] == [("上门拜访", True), ("电话回访", True), ("产品演示", False)]


def test_an_activity_needs_a_customer_the_rep_sees(database, people) -> None:
    theirs = new_customer(database, people.rep2, name="别人的客户")
    with pytest.raises(NotFound):
        plan(database, people.rep, theirs, TODAY)
    with pytest.raises(ValidationError):
        act.plan_activity(database.uow(people.rep), ActivityInput("visit", "无对象", TODAY))
    with pytest.raises(NotFound):  # an opportunity is one the rep sees (test_activities_desk.py)
        act.plan_activity(database.uow(people.rep), ActivityInput("call", "跟进商机", TODAY, opportunity_id=7))


def test_visibility_by_team_a_rep_sees_own_supervisor_their_team(database, people) -> None:
    for who in (people.rep, people.rep2, people.other):
        plan(database, who, new_customer(database, who, name=f"{who.username} 的客户"), TODAY, f"{who.username} 拜访")
    assert {r.subject for r in act.due_list(database.uow(people.rep))} == {"rep 拜访"}
    assert {r.subject for r in act.due_list(database.uow(people.sup))} == {"rep 拜访", "rep2 拜访"}
    assert {r.subject for r in act.due_list(database.uow(people.mgr))} == {"rep 拜访", "rep2 拜访", "other 拜访"}
    with pytest.raises(NotFound):  # another rep's calendar is "not found"
        act.calendar(database.uow(people.rep), people.rep2.user_id, TODAY, TODAY)
    with pytest.raises(NotFound):  # a supervisor sees only their own team
        act.calendar(database.uow(people.sup), people.other.user_id, TODAY, TODAY)
    assert len(act.calendar(database.uow(people.sup), people.rep2.user_id, TODAY, TODAY)) == 1
    with pytest.raises(NotPermitted):
        act.team_calendar(database.uow(people.rep), TODAY, TODAY)


def test_an_overdue_activity_is_warned(database, people) -> None:
    c = new_customer(database, people.rep)
    late = plan(database, people.rep, c, date(2026, 3, 5), "逾期拜访")
    plan(database, people.rep, c, TODAY, "今天的拜访")  # due today: not overdue
    plan(database, people.other, new_customer(database, people.other, name="另一家"), date(2026, 3, 2), "他人逾期")
    for who, expected in ((people.rep, 1), (people.sup, 1), (people.mgr, 2), (people.rep2, 0)):
        card = dashboard.dashboard(database.uow(who)).card(WarningKind.OVERDUE_ACTIVITIES)
        assert card is not None and card.count == expected, who.username
    records = drill_down.warning_records(database.uow(people.sup), WarningKind.OVERDUE_ACTIVITIES.value)
    assert [(r.tab, r.open_id) for r in records] == [("activities", late)]
    act.complete_activity(database.uow(people.rep), late, "补记：已拜访")
    assert dashboard.dashboard(database.uow(people.rep)).card(WarningKind.OVERDUE_ACTIVITIES).count == 0


def test_reassignment_moves_everything_open_and_nothing_closed(database, admin, people) -> None:
    mine = [new_customer(database, people.rep, name=n, region="east") for n in ("甲公司", "乙公司")]
    north = new_customer(database, people.rep, name="丙公司", region="north")
    open_a = plan(database, people.rep, mine[0], date(2026, 3, 20), "计划拜访")
    late = plan(database, people.rep, mine[1], date(2026, 3, 2), "逾期电话", kind="call")
    done = plan(database, people.rep, mine[0], date(2026, 3, 3), "已完成")
    act.complete_activity(database.uow(people.rep), done, "已谈妥")
    cancelled = plan(database, people.rep, mine[1], date(2026, 3, 4), "取消的")
    act.cancel_activity(database.uow(people.rep), cancelled, "客户出差")
    calls: list[tuple[int, int, list[int]]] = []
    territories.REASSIGNMENT_MOVERS["probe"] = lambda uow, a, b, ids: calls.append((a, b, ids)) or len(ids)
    try:
        with pytest.raises(ValidationError):
            territories.reassign_customers(database.uow(people.mgr), people.rep.user_id, people.rep2.user_id, " ")
        with pytest.raises(NotPermitted):
            territories.reassign_customers(database.uow(people.sup), people.rep.user_id, people.rep2.user_id, "x")
        moved = territories.reassign_customers(database.uow(people.mgr), people.rep.user_id, people.rep2.user_id,
                                               "张三调往华北", region="east")
    finally:
        del territories.REASSIGNMENT_MOVERS["probe"]
    assert moved.customers == 2 and moved.moved == {"activities": 2, "opportunities": 0, "probe": 2}
    assert calls == [(people.rep.user_id, people.rep2.user_id, sorted(mine))]
    with database.uow() as uow:
        reps = {a.id: a.rep_id for a in uow.session.query(Activity)}
        owners = {c.id: c.rep_id for c in uow.session.query(Customer)}
    assert reps[open_a] == reps[late] == people.rep2.user_id
    assert reps[done] == reps[cancelled] == people.rep.user_id  # closed ones stay with who closed them
    assert owners[mine[0]] == owners[mine[1]] == people.rep2.user_id and owners[north] == people.rep.user_id
    rows, _more = audit_page(database.uow(admin), AuditFilter(action_prefix="territory."))
    (row,) = rows
    assert row.sentence == "mgr gave the 2 customers of rep to rep2, with what is open on them: 张三调往华北"


def test_regions_with_their_reps_audited(database, people) -> None:
    new_customer(database, people.rep, name="华东一号", region="east")
    territories.assign_region(database.uow(people.mgr), "east", people.rep.user_id)
    territories.assign_region(database.uow(people.mgr), "east", people.rep2.user_id)
    with pytest.raises(ValidationError):
        territories.assign_region(database.uow(people.mgr), "mars", people.rep.user_id)
    east = next(t for t in territories.territories(database.uow(people.rep)) if t.region == "east")
    assert east.customers == 1 and {r for r, _n in east.reps} == {people.rep.user_id, people.rep2.user_id}
    territories.assign_region(database.uow(people.mgr), "east", people.rep2.user_id, responsible=False)
    east = next(t for t in territories.territories(database.uow(people.rep)) if t.region == "east")
    assert [r for r, _n in east.reps] == [people.rep.user_id]
    assert [c.name for c in territories.customers_in_region(database.uow(people.mgr), "east")] == ["华东一号"]


def test_statuses_travel_from_approved_applications_and_attendance(database, people) -> None:
    team.record_status(database.uow(people.rep), StatusKind.LEAVE.value, date(2026, 3, 30), date(2026, 4, 2), "年假")
    with pytest.raises(ValidationError):  # travel is not entered: it comes from the applications
        team.record_status(database.uow(people.rep), StatusKind.TRAVELLING.value, TODAY, TODAY)
    trip = travel.apply_for_travel(database.uow(people.rep), TravelInput(
        "广州", "拜访华南客户", date(2026, 3, 16), date(2026, 3, 18), 300000))
    pending = travel.apply_for_travel(database.uow(people.rep2), TravelInput(
        "成都", "展会", date(2026, 3, 16), date(2026, 3, 17), 200000))
    travel.approve_travel(database.uow(people.mgr), trip, True)
    statuses = team.team_statuses(database.uow(people.sup), date(2026, 3, 1), date(2026, 3, 31))
    assert [(s.person, s.kind) for s in statuses] == [("rep", "travelling"), ("rep", "leave")]
    assert pending  # not approved: not travelling
    stats = team.attendance(database.uow(people.sup), 2026, 3)
    march = stats[people.rep.user_id]
    assert march.days["travelling"] == 3 and march.days["leave"] == 2 and march.leave_working_days == 2
    assert stats[people.rep2.user_id].attended == stats[people.rep2.user_id].working_days
    assert set(team.attendance(database.uow(people.rep), 2026, 3)) == {people.rep.user_id}


def test_work_log_comment_and_reminder(database, people) -> None:
    log = team.write_work_log(database.uow(people.rep), "上午拜访甲公司，下午整理报价。")
    team.comment_on_log(database.uow(people.sup), log, "报价周五前发出。")
    with pytest.raises(NotFound):  # not one of their people
        team.remind(database.uow(people.sup), people.other.user_id, "交周报", TODAY)
    with pytest.raises(NotPermitted):
        team.comment_on_log(database.uow(people.rep2), log, "不该能写")
    team.remind(database.uow(people.sup), people.rep.user_id, "交周报", date(2026, 3, 13))
    (row,) = team.work_logs(database.uow(people.sup), TODAY, TODAY)
    assert row.person == "rep" and [c.text for c in row.comments] == ["报价周五前发出。"]
    assert team.work_logs(database.uow(people.rep2), TODAY, TODAY) == []
    (note,) = team.my_reminders(database.uow(people.rep))
    team.reminder_done(database.uow(people.rep), note.id)
    assert team.my_reminders(database.uow(people.rep)) == []
    assert {m.member for m in team.team_members(database.uow(people.sup))} == {"rep", "rep2"}


def test_activities_done_per_rep_counts_the_period(database, people) -> None:
    c = new_customer(database, people.rep)
    for day in (date(2026, 2, 27), date(2026, 3, 2), date(2026, 3, 10)):
        a = plan(database, people.rep, c, day)
        act.complete_activity(database.uow(people.rep), a, "完成", done_on=day)
    plan(database, people.rep, c, date(2026, 3, 3))  # planned only: not counted
    with database.uow() as uow:
        got = act.activities_done_per_rep(uow, [people.rep.user_id, people.rep2.user_id],
                                          date(2026, 3, 1), date(2026, 3, 31))
    assert got == {people.rep.user_id: 2, people.rep2.user_id: 0}
