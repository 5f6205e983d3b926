"""Demo step "plans": this year's sales plan [销售计划] and a revision of it.

- The plan the sales manager prepared early in the year and the general manager
  approved: monthly targets for each rep, product and region from the month the firm's
  shipments start (when it took up Sales Desk). The reps' targets are set from their
  own pace so the dashboard shows each level: one ahead, one on plan, one watched and
  one well behind; products and regions share the reps' total as the sales did.
- A revision raising two targets, submitted a few days ago and waiting for the GM,
  while the approved plan stays in force.

It runs after the orders and collections steps and goes through the plan services'
own steps, as the people whose job it is, on the days they happened.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta

from sales_desk.demo.context import DemoContext, DemoUser
from sales_desk.domain.common.roles import Role
from sales_desk.domain.planning.plans import Dimension
from sales_desk.i18n import N_
from sales_desk.services.orders.sales_totals import (
    sold_by_customer_field,
    sold_by_product,
    sold_by_rep,
)
from sales_desk.services.planning import plans
from sales_desk.services.planning.scope import period

# Each rep's target as a share of what they actually sell per month (percent): ahead, on
# plan, watched (within 80 %), behind.
PACE = (85, 100, 115, 150)
ROUND = 100_000  # targets in whole thousands of yuan


@contextmanager
def _acting(ctx: DemoContext, who: DemoUser, day: date, hour: int = 10) -> Iterator[None]:
    uow = ctx.uow
    saved = uow.actor, uow.clock
    when = datetime.combine(day, time(hour, 15)).astimezone()
    uow.actor = who.actor()
    uow.clock = lambda: when
    try:
        yield
    finally:
        uow.actor, uow.clock = saved


def _rounded(amount: int) -> int:
    return max(ROUND, (amount + ROUND // 2) // ROUND * ROUND)


def _shares(total: int, weights: dict[str, int]) -> dict[str, int]:
    """`total` split in proportion to `weights` (rounded; the largest part takes the rest)."""
    whole = sum(weights.values())
    if not whole:
        return {}
    out = {k: total * w // whole // ROUND * ROUND for k, w in weights.items() if w > 0}
    biggest = max(out, key=lambda k: weights[k])
    out[biggest] += total - sum(out.values())
    return out


def _targets(ctx: DemoContext, start_month: int) -> list[tuple[str, str, int, int]]:
    uow, today = ctx.uow, ctx.today
    first, last = date(today.year, start_month, 1), today
    months = today.month - start_month + 1
    sold = sold_by_rep(uow, first, last)
    reps = sorted(ctx.staff(Role.SALES_REP), key=lambda u: -sold.get(u.user_id, 0))
    rep_month: dict[str, int] = {}
    for i, rep in enumerate(reps):
        pace = sold.get(rep.user_id, 0) // months or 20_000_00
        rep_month[str(rep.user_id)] = _rounded(pace * PACE[i % len(PACE)] // 100)
    company = sum(rep_month.values())
    regions = _shares(company, sold_by_customer_field(uow, "region", first, last))
    products = _shares(company, {str(k): v for k, v in sold_by_product(uow, first, last).items()})
    out = []
    for dim, per_month in ((Dimension.REP, rep_month), (Dimension.REGION, regions), (Dimension.PRODUCT, products)):
        for key, amount in per_month.items():
            if not key:
                continue
            out += [(dim.value, key, m, amount) for m in range(start_month, 13)]
    return out


def create_plans(ctx: DemoContext) -> None:
    today = ctx.today
    mgr, gm = ctx.staff(Role.SALES_MANAGER)[0], ctx.staff(Role.GM)[0]
    sold = sold_by_rep(ctx.uow, date(today.year, 1, 1), today)
    if not any(sold.values()):
        return  # nothing shipped this year yet (the first days of January): no pace to plan from
    start_month = next(m for m in range(1, 13) if any(
        sold_by_rep(ctx.uow, date(today.year, m, 1), period(today.year, m)[1]).values()))
    targets = _targets(ctx, start_month)
    prepared = max(date(today.year, start_month, 1) - timedelta(days=10), date(today.year, 1, 2))
    prepared = min(prepared, today)
    with _acting(ctx, mgr, prepared, 9):
        plan_id = plans.prepare(ctx.uow, today.year, targets, note="按各区域、产品及业务员分解全年销售指标")
        plans.submit(ctx.uow, plan_id)
    with _acting(ctx, gm, min(prepared + timedelta(days=2), today), 15):
        plans.decide(ctx.uow, plan_id, True, "同意，按月跟踪完成情况")
    ctx.made(N_("sales plans"), 1)

    # A revision: the two leading reps' targets raised from next month, waiting for the GM.
    revised_on = max(prepared, today - timedelta(days=6))
    with _acting(ctx, mgr, revised_on, 10):
        plans.revise(ctx.uow, today.year, "华东区新签两家重点客户，上调相关业务员下半年指标")
        raised = []
        leaders = {k for _d, k, _m, _a in sorted(
            (t for t in targets if t[0] == Dimension.REP.value), key=lambda t: -t[3])[:2]}
        for dim, key, month, amount in targets:
            if dim == Dimension.REP.value and key in leaders and month > today.month:
                amount += max(ROUND, amount // 5 // ROUND * ROUND)
            raised.append((dim, key, month, amount))
        revision = plans.prepare(ctx.uow, today.year, raised)
    with _acting(ctx, mgr, max(revised_on, today - timedelta(days=3)), 16):
        plans.submit(ctx.uow, revision)
