"""Demo step "relationship" (issue 19): a year of customer maintenance plans [客户维护计划] for
the key accounts — each written by the customer's rep in the five parts and filed by the sales
manager; two are coming due within the notice, one is late (filed more than a year ago),
one waits for review — and two industry and market information reports
[客户行业与市场信息报告], filed."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from sales_desk.demo.context import DemoContext, DemoUser
from sales_desk.domain.common.roles import Role
from sales_desk.i18n import N_
from sales_desk.models import Customer
from sales_desk.services.relationship import care_plans, market_reports


@contextmanager
def acting(ctx: DemoContext, who: DemoUser, day: date, hour: int = 10) -> Iterator[None]:
    uow = ctx.uow
    saved = uow.actor, uow.clock
    when = datetime.combine(day, time(hour, 5)).astimezone()
    uow.actor, uow.clock = who.actor(), lambda: when
    try:
        yield
    finally:
        uow.actor, uow.clock = saved


def _parts(name: str, n: int) -> dict[str, str]:
    return {
        "summary": f"巩固与{name}的长期合作，年度采购份额提升至六成以上，保持其重点客户地位。",
        "profile": f"{name}：采购经理与技术总监为关键人物；今年扩建二期产线，需求稳中有升；"
                   "优势是渠道广、回款及时，劣势是对价格敏感；面临同行新进入者的威胁。",
        "competition": "主要竞争对手以低价切入，交货期长、售后响应慢；建议以服务与交期取胜，不打价格战。",
        "assessment": f"合作第{n + 2}年，关系处于成熟期；客户经理与采购经理往来密切，与技术总监需加强沟通。",
        "actions": "每季度上门拜访一次；二季度安排技术交流会；新产品优先试用；年底回访并评估满意度。",
    }


# (days before today the plan was filed, or None: written and submitted, awaiting review)
LATE, DUE, WAITING = 400, 350, None


def create_relationship(ctx: DemoContext) -> None:
    manager = ctx.staff(Role.SALES_MANAGER)[0]
    reps = {u.user_id: u for u in ctx.staff(Role.SALES_REP)}
    keys = ctx.uow.session.execute(
        select(Customer.id, Customer.name, Customer.rep_id)
        .where(Customer.id.in_(ctx.customer_ids), Customer.key_account.is_(True)).order_by(Customer.id)).all()
    keys = [k for k in keys if k.rep_id in reps]
    plans = 0
    for n, k in enumerate(keys):
        ages: list[int | None] = ([LATE] if n == 0 else [DUE] if n in (1, 2) else [360, WAITING] if n == 3
                                  else [120 + (n * 37) % 200])
        for age in ages:
            written = ctx.today - timedelta(days=(age or 0) + 12) if age else ctx.today - timedelta(days=3)
            rep = reps[k.rep_id]
            with acting(ctx, rep, written):
                pid = care_plans.save_in(ctx.uow, k.id, _parts(k.name, n), year=written.year)
            with acting(ctx, rep, written + timedelta(days=2), 15):
                care_plans.submit_in(ctx.uow, pid)
            plans += 1
            if age is None:
                continue
            if n == 4:  # returned once for a sharper competition part, then filed
                with acting(ctx, manager, written + timedelta(days=5), 11):
                    care_plans.review_in(ctx.uow, pid, False, "竞争概况请写明对手的具体价格与交期。")
                with acting(ctx, rep, written + timedelta(days=7), 9):
                    care_plans.save_in(ctx.uow, k.id, {"competition": "对手报价低约8%，交期45天；我方交期20天，"
                                                       "以服务与交期取胜。"}, pid)
                    care_plans.submit_in(ctx.uow, pid)
            with acting(ctx, manager, ctx.today - timedelta(days=age), 16):
                care_plans.review_in(ctx.uow, pid, True, "同意，按计划执行。")
    ctx.made(N_("maintenance plans"), plans)
    _market_reports(ctx, manager)


REPORTS = (
    ("manufacturing", {
        "industry_news": "工业自动化改造补贴延续，制造业设备更新需求释放。",
        "market": "控制器类产品价格整体下行约3%，交期普遍缩短。",
        "customers": "两家重点客户计划扩产，一家推迟采购至明年一季度。",
        "competitors": "一家外资品牌下调渠道价格，另一家本土厂商新设华东仓。",
        "suggestions": "重点客户季度拜访不变；对扩产客户提前报价，锁定份额。"}),
    ("", {
        "industry_news": "行业协会发布年度景气指数，下游需求温和回升。",
        "market": "原材料价格企稳，运费略降；年底备货期临近。",
        "customers": "经销商库存偏高，回款周期略有拉长。",
        "competitors": "竞争对手推出年底返利政策，力度约2%。",
        "suggestions": "关注经销商库存与回款，年底前完成对账；返利政策保持不变。"}),
)


def _market_reports(ctx: DemoContext, manager: DemoUser) -> None:
    writers = [ctx.staff(Role.SALES_REP)[0], ctx.staff(Role.CS_SPECIALIST)[0]]
    first = ctx.today.replace(day=1)
    for n, ((industry, parts), who) in enumerate(zip(REPORTS, writers, strict=True)):
        month_end = first - timedelta(days=1) if n else (first - timedelta(days=1)).replace(day=1) - timedelta(days=1)
        written = month_end + timedelta(days=3)
        with acting(ctx, who, written, 14):
            rid = market_reports.save_report_in(ctx.uow, month_end.strftime("%Y-%m"), industry, parts)
            market_reports.submit_report_in(ctx.uow, rid)
        with acting(ctx, manager, written + timedelta(days=2), 10):
            market_reports.review_report_in(ctx.uow, rid, True, "已阅，归档。")
    ctx.made(N_("market reports"), len(REPORTS))
