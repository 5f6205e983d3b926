"""Demo step "plans": this year's sales plan [销售计划] in its levels, and a revision of it.

- The overall plan the sales VP prepared early in the year (销售副总 职责2) and the general
  manager approved: monthly targets for each rep, product and region from the month the firm's
  shipments start (when it took up Sales Desk). The reps' targets are set from their
  own pace so the dashboard shows each level: one ahead, one on plan, one watched and
  one well behind; products and regions share the reps' total as the sales did.
- A revision raising two targets, submitted a few days ago and waiting for the GM,
  while the approved plan stays in force.
- The sales manager's monthly plans (销售部经理 职责1) for last month and this one, each
  rep's sales target as the overall plan's and a collection target [回款目标] inside it,
  approved by the VP (回款 第11条); next month's waiting for the VP. Under this month's a
  supervisor's product plan (销售主管 职责2) approved by the sales manager and another
  waiting for him.

It runs after the orders and collections steps and goes through the plan services'
own steps, as the people whose job it is, on the days they happened.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from sales_desk.demo.context import DemoContext, DemoUser
from sales_desk.domain.common.money import from_minor, to_minor
from sales_desk.domain.common.roles import Role
from sales_desk.domain.planning import target_methods as methods
from sales_desk.domain.planning.hierarchy import LineKind
from sales_desk.domain.planning.plans import Dimension
from sales_desk.domain.planning.target_methods import TargetMethod
from sales_desk.i18n import N_
from sales_desk.services.orders.sales_totals import (
    sold_by_customer_field,
    sold_by_product,
    sold_by_rep,
)
from sales_desk.services.planning import plans, sub_plans
from sales_desk.services.planning.scope import period
from sales_desk.services.planning.target_calculator import carry_target

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
    vp, gm = ctx.staff(Role.SALES_VP)[0], ctx.staff(Role.GM)[0]
    sold = sold_by_rep(ctx.uow, date(today.year, 1, 1), today)
    if not any(sold.values()):
        return  # nothing shipped this year yet (the first days of January): no pace to plan from
    start_month = next(m for m in range(1, 13) if any(
        sold_by_rep(ctx.uow, date(today.year, m, 1), period(today.year, m)[1]).values()))
    targets = _targets(ctx, start_month)
    prepared = max(date(today.year, start_month, 1) - timedelta(days=10), date(today.year, 1, 2))
    prepared = min(prepared, today)
    with _acting(ctx, vp, prepared, 9):
        plan_id = plans.prepare(ctx.uow, today.year, targets, note="按各区域、产品及业务员分解全年销售指标")
        _worked_target(ctx, plan_id, targets)
        plans.submit(ctx.uow, plan_id)
    with _acting(ctx, gm, min(prepared + timedelta(days=2), today), 15):
        plans.decide(ctx.uow, plan_id, True, "同意，按月跟踪完成情况")
    ctx.made(N_("sales plans"), 1)

    # A revision: the two leading reps' targets raised from next month, waiting for the GM.
    revised_on = max(prepared, today - timedelta(days=6))
    with _acting(ctx, vp, revised_on, 10):
        plans.revise(ctx.uow, today.year, "华东区新签两家重点客户，上调相关业务员下半年指标")
        raised = []
        leaders = {k for _d, k, _m, _a in sorted(
            (t for t in targets if t[0] == Dimension.REP.value), key=lambda t: -t[3])[:2]}
        for dim, key, month, amount in targets:
            if dim == Dimension.REP.value and key in leaders and month > today.month:
                amount += max(ROUND, amount // 5 // ROUND * ROUND)
            raised.append((dim, key, month, amount))
        revision = plans.prepare(ctx.uow, today.year, raised)
    with _acting(ctx, vp, max(revised_on, today - timedelta(days=3)), 16):
        plans.submit(ctx.uow, revision)
    _levels(ctx, targets, max(prepared + timedelta(days=3), date(today.year, start_month, 1)))


def _worked_target(ctx: DemoContext, plan_id: int, targets: list[tuple[str, str, int, int]]) -> None:
    """The year's target worked out by two of the six methods (费用 第5条2) and compared: the
    reps' expected sales (the plan's own rep lines) and the market share the firm aims at in
    its regional market; the first is carried into the plan, both workings kept with it."""
    per_rep: dict[str, int] = {}
    for dim, key, _month, amount in targets:
        if dim == Dimension.REP.value:
            per_rep[key] = per_rep.get(key, 0) + amount
    reps = methods.by_rep_performance([from_minor(v) for v in per_rep.values()])
    share = Decimal("0.08")
    market = (reps / share / 1_000_000).quantize(Decimal(1)) * 1_000_000  # the region's market, as surveyed
    by_share = methods.by_market_share(market, share)
    workings = "\n".join((
        f"销售人员业绩计算法：{methods.formula(TargetMethod.REP_PERFORMANCE, reps, count=len(per_rep))}（采用）",
        f"市场占有率计算法：{methods.formula(TargetMethod.MARKET_SHARE, by_share, market=market, rate=share)}"))
    carry_target(ctx.uow, plan_id, TargetMethod.REP_PERFORMANCE.value, to_minor(reps), workings)


def _levels(ctx: DemoContext, targets: list[tuple[str, str, int, int]], earliest: date) -> None:
    """Monthly plans for last month, this one and the next; product plans under this one's."""
    today = ctx.today
    mgr, vp = ctx.staff(Role.SALES_MANAGER)[0], ctx.staff(Role.SALES_VP)[0]
    sup = ctx.staff(Role.SALES_SUPERVISOR)[0]
    made = 0
    for offset in (-1, 0, 1):
        month = today.month + offset
        sales = {int(k): a for d, k, m, a in targets if d == Dimension.REP.value and m == month}
        if not 1 <= month <= 12 or not sales:
            continue  # outside this year, or before the plan's first month
        first = date(today.year, month, 1)
        on = min(max(first - timedelta(days=3), earliest), today)
        lines = [(LineKind.SALES.value, rep, a) for rep, a in sales.items()]
        lines += [(LineKind.COLLECTION.value, rep, _rounded(a * 7 // 10)) for rep, a in sales.items()]
        with _acting(ctx, mgr, on, 9):
            monthly = sub_plans.prepare_monthly_in(ctx.uow, today.year, month, lines, "按业务员分解当月销售及回款目标")
            sub_plans.submit_in(ctx.uow, monthly)
        made += 1
        if offset == 1:
            continue  # next month's waits for the VP
        with _acting(ctx, vp, min(on + timedelta(days=1), today), 14):
            sub_plans.decide_in(ctx.uow, monthly, True, "同意，回款目标按此执行")
        if offset == 0:
            made += _product_plans(ctx, monthly, sales, sup, mgr, min(on + timedelta(days=2), today))
    ctx.made(N_("monthly and product plans"), made)


def _product_plans(ctx: DemoContext, monthly: int, sales: dict[int, int], sup: DemoUser, mgr: DemoUser,
                   on: date) -> int:
    """The supervisor breaks this month down for the two best-selling products: half of the
    month's target for the first (approved), a quarter for the second (waiting)."""
    products = sorted(sold_by_product(ctx.uow, date(ctx.today.year, 1, 1), ctx.today).items(), key=lambda kv: -kv[1])
    ids = [int(k) for k, _v in products if k][:2]
    for n, product_id in enumerate(ids):
        share = 2 if n == 0 else 4
        lines = [(LineKind.SALES.value, rep, a // share // ROUND * ROUND) for rep, a in sales.items()]
        with _acting(ctx, sup, on, 10 + n):
            pid = sub_plans.prepare_product_in(ctx.uow, monthly, product_id, lines, "按产品分解当月指标")
            sub_plans.submit_in(ctx.uow, pid)
        if n == 0:
            with _acting(ctx, mgr, on, 16):
                sub_plans.decide_in(ctx.uow, pid, True, "同意")
    return len(ids)
