"""Demo step "distributors" (issue 19, seed 002 一、10–11): the distributor that took the most
goods last quarter, marked as one by the sales manager with its distribution agreement; its
monthly stock reports [进销存] for the quarter, one month with a gap against our shipments; a
quarterly rebate agreement in tiers by amount [分段返利] the general manager approved; and the
last quarter's rebate — proposed by the sales manager, approved by the general manager, paid
by finance as a credit note through the receivables ledger."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select

from sales_desk.demo.context import DemoContext
from sales_desk.demo.relationship import acting
from sales_desk.domain.collections.rebates import PeriodKind, Tier, period_of
from sales_desk.domain.common.roles import Role
from sales_desk.domain.orders.dispatch import MovementKind
from sales_desk.i18n import N_
from sales_desk.models import Customer, Movement
from sales_desk.services.collections import distributors, rebates
from sales_desk.services.collections.distributors import (
    DistributorInput,
    StockInput,
    net_shipped_by_month,
)
from sales_desk.services.collections.rebates import AgreementInput


def _round_down(amount: int, step: int = 1_000_000) -> int:
    return max(step, amount // step * step)


def create_distributors(ctx: DemoContext) -> None:
    manager = ctx.staff(Role.SALES_MANAGER)[0]
    gm = ctx.staff(Role.GM)[0]
    fin = ctx.staff(Role.FINANCE)[0]
    reps = {u.user_id: u for u in ctx.staff(Role.SALES_REP)}
    start, end = period_of(PeriodKind.QUARTER, period_of(PeriodKind.QUARTER, ctx.today)[0] - timedelta(days=1))
    m = Movement
    best = ctx.uow.session.execute(
        select(Customer.id, Customer.rep_id, func.sum(m.amount).label("shipped"))
        .join(m, m.customer_id == Customer.id)
        .where(Customer.id.in_(ctx.customer_ids), Customer.customer_type == "distributor",
               Customer.rep_id.in_(list(reps)), m.kind == MovementKind.OUT.value, m.moved_on >= start, m.moved_on <= end)
        .group_by(Customer.id, Customer.rep_id).order_by(func.sum(m.amount).desc(), Customer.id).limit(1)).first()
    if best is None:
        return
    cid, rep = best.id, reps[best.rep_id]
    year_start = date(start.year, 1, 1)
    signed = min(year_start, ctx.today - timedelta(days=120))
    with acting(ctx, manager, signed, 9):
        distributors.mark_in(ctx.uow, DistributorInput(cid, f"JX-{signed.year}-008", signed, "华东区（江浙沪）",
                                                       "区域独家经销"))
        agreement = rebates.propose_agreement_in(ctx.uow, AgreementInput(
            cid, "amount", PeriodKind.QUARTER.value, year_start, date(start.year, 12, 31),
            _tiers(int(best.shipped)), "按季度结算，发货减退货计"))
    with acting(ctx, gm, signed + timedelta(days=1), 10):
        rebates.decide_agreement_in(ctx.uow, agreement.id, True, "同意")
    _stock_reports(ctx, rep, cid, start, end)
    with acting(ctx, manager, min(end + timedelta(days=3), ctx.today), 10):
        rebate = rebates.propose_rebate_in(ctx.uow, agreement.id, end)
    with acting(ctx, gm, min(end + timedelta(days=4), ctx.today), 11):
        rebates.decide_rebate_in(ctx.uow, rebate.id, True, "同意按协议返利")
    with acting(ctx, fin, min(end + timedelta(days=5), ctx.today), 15):
        rebates.pay_rebate_in(ctx.uow, rebate.id)
    ctx.made(N_("distributors"), 1)
    ctx.made(N_("rebates"), 1)


def _tiers(shipped: int) -> tuple[Tier, ...]:
    """1 % from the first yuan, 2 % from about half the quarter's shipments, 3 % from twice them."""
    half = _round_down(shipped // 2)
    return Tier(0, 100), Tier(half, 200), Tier(max(half * 4, _round_down(shipped * 2)), 300)


def _stock_reports(ctx: DemoContext, rep, cid: int, start: date, end: date) -> None:  # noqa: ANN001 - a DemoUser
    """What the distributor reported per product and month: received as we shipped, but one
    month a carton short (the sheet shows the gap); opening follows last month's closing."""
    months = list(range(start.month, end.month + 1))
    shipped = net_shipped_by_month(ctx.uow, cid, start.year)
    products = sorted({pid for (pid, mo) in shipped if mo in months})[:4]
    closing: dict[int, int] = {}
    for i, mo in enumerate(months):
        day = date(start.year, mo, 1)
        report_on = min((day + timedelta(days=32)).replace(day=5), ctx.today)
        with acting(ctx, rep, report_on, 10):
            for pid in products:
                opening = closing.get(pid, 20)
                # a carton short in the second month, if any came (a month may ship none)
                received = max(0, shipped.get((pid, mo), 0) - (1 if i == 1 and pid == products[0] else 0))
                sold = (opening + received) * 7 // 10
                closing[pid] = opening + received - sold
                distributors.record_stock_in(ctx.uow, StockInput(cid, pid, day, opening, received, sold,
                                                                 closing[pid]))
