"""The demo firm's refusals log [拒绝记录]: a few attempts the controls refused over the last
weeks — a rep approving an order for dispatch (no right), the sales manager approving their
own expense claim (own approval), the warehouse shipping a closed order (a rule) — so the
log shows its sentences with the records by their numbers. Written as the service decorator
writes them (refusal_log.py), each signed by the person refused; none three times in a week,
so the GM's dashboard shows no warning it cannot explain."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from sales_desk.demo.context import DemoContext, DemoUser
from sales_desk.domain.admin.refusals import RefusalKind, detail_of
from sales_desk.domain.common.errors import DomainError, NotPermitted, SelfApprovalRefused
from sales_desk.domain.common.roles import Perm, Role
from sales_desk.domain.orders.contracts import OrderStatus, WrongOrderState
from sales_desk.i18n import N_, _
from sales_desk.models import ExpenseClaim, SalesOrder


def _refuse(ctx: DemoContext, who: DemoUser, days_ago: int, action: str, entity: str, record: tuple[int, str],
            error: DomainError) -> None:
    uow, saved = ctx.uow, (ctx.uow.actor, ctx.uow.clock)
    when = ctx.now - timedelta(days=days_ago, hours=days_ago % 5)
    uow.actor, uow.clock = who.actor(), lambda: when
    try:
        kind = RefusalKind(type(error).refusal)
        uow.refusal(action, kind.value, entity, str(record[0]), str(error), {**detail_of(error), "record": record[1]})
    finally:
        uow.actor, uow.clock = saved
    ctx.made(N_("refusals"), 1)


def create_refusals(ctx: DemoContext) -> None:
    session = ctx.uow.session
    rep, manager, keeper = (ctx.staff(r)[0] for r in (Role.SALES_REP, Role.SALES_MANAGER, Role.WAREHOUSE))
    orders = session.execute(select(SalesOrder.id, SalesOrder.number, SalesOrder.status)
                             .where(SalesOrder.rep_id == rep.user_id).order_by(SalesOrder.id)).all()
    if orders:
        oid, number, _status = orders[-1]
        _refuse(ctx, rep, 12, "approvals.approve_order", "order", (oid, number),
                NotPermitted(Perm.ORDER_APPROVE.value, rep.username))
    claim = session.execute(select(ExpenseClaim.id, ExpenseClaim.item).where(ExpenseClaim.claimant_id == manager.user_id)
                            .order_by(ExpenseClaim.id.desc()).limit(1)).first()
    if claim:
        _refuse(ctx, manager, 6, "approvals.approve_claim", "claim", (claim.id, f"#{claim.id} {claim.item}"),
                SelfApprovalRefused("expense_claim"))
    closed = session.execute(select(SalesOrder.id, SalesOrder.number, SalesOrder.status).where(
        SalesOrder.status.in_([OrderStatus.SHIPPED.value, OrderStatus.CLOSED.value])).order_by(SalesOrder.id)).first()
    if closed:
        _refuse(ctx, keeper, 2, "dispatch.ship_order", "order", (closed.id, closed.number),
                WrongOrderState(closed.number, OrderStatus(closed.status), _("shipped")))
