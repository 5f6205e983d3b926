"""The demo firm's activities and team days (issue 18): a year of calls, visits, receptions,
proposals and demonstrations for each rep (a few overdue), statuses (training, leave; travel
comes from the approved travel applications the expenses step made), work logs with a
supervisor's comment, the reps in the supervisor's team, two regions with their reps and one
territory change with its reason — in the audit trail as the sales manager made it."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, update

from sales_desk.demo.context import DemoContext
from sales_desk.domain.activities.rules import ActivityKind
from sales_desk.domain.common.roles import Role
from sales_desk.models import (
    Activity,
    Customer,
    StaffStatus,
    TeamMember,
    TeamNote,
    TerritoryRep,
    WorkLog,
)

SUBJECTS = {
    ActivityKind.CALL: ("电话回访", "确认到货情况", "催收前沟通"),
    ActivityKind.VISIT: ("上门拜访采购部", "拜访总经理", "季度走访"),
    ActivityKind.RECEPTION: ("接待客户来访", "接待考察团"),
    ActivityKind.PROPOSAL: ("提交合作方案", "年度供货提案"),
    ActivityKind.DEMONSTRATION: ("新品演示", "现场演示"),
}
OUTCOMES = ("对方有意向，待报价", "已确认需求", "客户暂无需求", "约定下次拜访")


def create_activities(ctx: DemoContext) -> None:
    rng = ctx.rng("activities")
    uow, s = ctx.uow, ctx.uow.session
    reps = ctx.staff(Role.SALES_REP)
    sup = ctx.staff(Role.SALES_SUPERVISOR)[0]
    mgr = ctx.staff(Role.SALES_MANAGER)[0]
    owned = {r.user_id: list(s.scalars(select(Customer.id).where(Customer.rep_id == r.user_id))) for r in reps}
    made = 0
    for rep in reps:
        s.merge(TeamMember(member_id=rep.user_id, supervisor_id=sup.user_id))
        customers = owned[rep.user_id] or ctx.customer_ids
        for days_ago in range(365, -21, -3):  # a year back and three weeks ahead, every third day
            day = ctx.today - timedelta(days=days_ago)
            if day.weekday() >= 5:
                continue
            kind = rng.choice(list(ActivityKind))
            done = days_ago > 0 and rng.random() < 0.93  # a few past ones left without an outcome
            s.add(Activity(kind=kind.value, status="done" if done else "planned", rep_id=rep.user_id,
                           subject=rng.choice(SUBJECTS[kind]), customer_id=rng.choice(customers),
                           planned_on=day, planned_minute=rng.choice((9, 10, 14, 15, 16)) * 60,
                           outcome=rng.choice(OUTCOMES) if done else "", next_step="发送报价单" if done else "",
                           done_on=day if done else None, created_by_id=rep.user_id, created_at=ctx.now,
                           updated_at=ctx.now))
            made += 1
        s.add(StaffStatus(user_id=rep.user_id, kind="training", start_on=ctx.today - timedelta(days=40),
                          end_on=ctx.today - timedelta(days=39), note="新产品培训", recorded_by_id=rep.user_id))
    s.add(StaffStatus(user_id=reps[0].user_id, kind="leave", start_on=ctx.today - timedelta(days=12),
                      end_on=ctx.today - timedelta(days=10), note="年假", recorded_by_id=reps[0].user_id))
    s.add(StaffStatus(user_id=reps[-1].user_id, kind="complaint", start_on=ctx.today - timedelta(days=2),
                      end_on=ctx.today - timedelta(days=2), note="处理质量投诉", recorded_by_id=reps[-1].user_id))
    for rep in reps[:2]:
        log = WorkLog(user_id=rep.user_id, day=ctx.today - timedelta(days=1), text="上午拜访客户，下午整理报价单。")
        s.add(log)
        s.flush()
        s.add(TeamNote(user_id=rep.user_id, kind="comment", work_log_id=log.id, text="报价请本周内发出。",
                       author_id=sup.user_id))
    s.add(TeamNote(user_id=reps[0].user_id, kind="reminder", due_on=ctx.today + timedelta(days=2),
                   text="周五前提交月度拜访计划。", author_id=sup.user_id))
    # two regions, then one change: the last rep takes over North China from the first, with a reason
    saved = uow.actor
    uow.actor = mgr.actor()
    try:
        for region, rep in (("east", reps[0]), ("north", reps[0]), ("north", reps[-1])):
            s.add(TerritoryRep(region=region, rep_id=rep.user_id, since=ctx.today - timedelta(days=300)))
            uow.audit("territory.assign", "territory", region, None, {"region": region, "rep_id": rep.user_id})
        s.flush()
        s.delete(s.get(TerritoryRep, ("north", reps[0].user_id)))
        uow.audit("territory.unassign", "territory", "north", {"region": "north", "rep_id": reps[0].user_id}, None)
        north = list(s.scalars(select(Customer.id).where(Customer.rep_id == reps[0].user_id,
                                                          Customer.region == "north")))
        if north:
            s.execute(update(Activity).where(Activity.customer_id.in_(north), Activity.status == "planned",
                                             Activity.rep_id == reps[0].user_id).values(rep_id=reps[-1].user_id))
            s.execute(update(Customer).where(Customer.id.in_(north)).values(rep_id=reps[-1].user_id,
                                                                         version=Customer.version + 1))
        uow.audit("territory.reassign", "user", reps[0].user_id, {"rep_id": reps[0].user_id}, {
            "rep_id": reps[-1].user_id, "reason": "华北区域调整，由专人负责", "region": "north",
            "customers": len(north), "moved": {"activities": 0}})
    finally:
        uow.actor = saved
    s.flush()
    ctx.made("activities", made)
