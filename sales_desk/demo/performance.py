"""Demo step "performance" (issue 19): the sales manager's weights and commission scheme,
approved by the GM; a year of monthly evaluations for the reps with the manager's feedback
and the reps' acknowledgements (the latest month still awaiting them); the commission of
each month run by finance, so every rep has a statement per month."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta

from sqlalchemy import select, update

from sales_desk.demo.context import DemoContext, DemoUser
from sales_desk.domain.common.roles import Role
from sales_desk.domain.performance.commission import Tier
from sales_desk.domain.performance.criteria import default_weights
from sales_desk.models import PerfEvaluation, Product
from sales_desk.services.performance import commission, evaluations, schemes

# 不费劲能保本, 稍努力有小奖, 大努力有大奖: 1.5 % to 100,000.00, 3 % to 300,000.00, 5 % above
TIERS = [Tier(0, 150), Tier(10_000_000, 300), Tier(30_000_000, 500)]
FEEDBACK = ("回款及时，销售目标完成较好，继续保持。", "销售进度落后于计划，下月重点跟进老客户。",
            "超期应收偏多，请按回款流程催收。", "费用控制良好，投诉处理需更及时。")


@contextmanager
def _acting(ctx: DemoContext, who: DemoUser, day: date) -> Iterator[None]:
    uow = ctx.uow
    saved = uow.actor, uow.clock
    when = datetime.combine(day, time(10, 30)).astimezone()
    uow.actor, uow.clock = who.actor(), lambda: when
    try:
        yield
    finally:
        uow.actor, uow.clock = saved


def _months(today: date, n: int) -> list[date]:
    first = today.replace(day=1)
    out = []
    for _i in range(n):
        first = (first - timedelta(days=1)).replace(day=1)
        out.append(first)
    return sorted(out)


def create_performance(ctx: DemoContext) -> None:
    rng = ctx.rng("performance")
    mgr, gm = ctx.staff(Role.SALES_MANAGER)[0], ctx.staff(Role.GM)[0]
    fin = ctx.staff(Role.FINANCE)[0]
    # the standard cost the gross profit contribution is measured at: 60–80 % of the list price
    for pid, price in ctx.uow.session.execute(select(Product.id, Product.list_price)).all():
        ctx.uow.session.execute(update(Product).where(Product.id == pid).values(
            unit_cost=price * rng.randint(60, 80) // 100))
    months = _months(ctx.today, 12)
    start = months[0] - timedelta(days=5)
    with _acting(ctx, mgr, start):
        wid = schemes.propose_weighting_within(ctx.uow, default_weights(), months[0], "按1.2.7 工作表现及评估")
        sid = schemes.propose_scheme_within(ctx.uow, "销量分段提成方案", TIERS, months[0], True,
                                            "不费劲能保本，大努力有大奖")
    with _acting(ctx, gm, start + timedelta(days=2)):
        schemes.decide_weighting_within(ctx.uow, wid, True)
        schemes.decide_scheme_within(ctx.uow, sid, True)
    reps = {u.user_id: u for u in ctx.staff(Role.SALES_REP)}
    for i, month in enumerate(months):
        run_on = min(month + timedelta(days=40), ctx.today)
        with _acting(ctx, mgr, run_on):
            evaluations.evaluate_within(ctx.uow, month.year, month.month)
            evs = list(ctx.uow.session.scalars(select(PerfEvaluation).where(
                PerfEvaluation.year == month.year, PerfEvaluation.month == month.month)))
            for ev in evs:
                evaluations.give_feedback_within(ctx.uow, ev.id, rng.choice(FEEDBACK))
        with _acting(ctx, fin, run_on):
            commission.run_within(ctx.uow, month)
        if i == len(months) - 1:
            continue  # the latest month: given, awaiting the reps' acknowledgement
        for ev in evs:
            if ev.rep_id in reps:
                with _acting(ctx, reps[ev.rep_id], run_on + timedelta(days=1)):
                    evaluations.acknowledge_within(ctx.uow, ev.id, rng.choice(("收到", "已阅，会改进", "")))
        ctx.made("evaluations", len(evs))
    ctx.made("commission months", len(months))
