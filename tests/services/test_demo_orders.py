"""The demo firm's orders: every stage, a blocked order, an override, partial shipments, a
return; made by the same steps as the services, so the rules hold for them too."""

from __future__ import annotations

from sqlalchemy import func, select

from sales_desk.demo import firm as demo
from sales_desk.domain.orders.contracts import ApprovalKind, OrderStatus
from sales_desk.models import OrderApproval, Receivable, SalesOrder
from sales_desk.services.admin import audit, auth
from sales_desk.services.orders import credit_check as order_credit
from sales_desk.services.orders import dispatch_register
from sales_desk.services.orders import views as order_views
from sales_desk.services.orders.dispatch_register import RegisterFilter


def _login(database, result, role: str):
    user = next(u for u in result.users if role in u.roles)
    return auth.login(database.uow(), user.username, user.password)


def test_demo_has_orders_at_every_stage(database, admin) -> None:
    result = demo.load_demo(database.uow(admin))
    assert ("orders", 28) in result.made and ("products", 12) in result.made
    with database.uow() as uow:
        statuses = dict(uow.session.execute(select(SalesOrder.status, func.count()).group_by(SalesOrder.status)).all())
        overrides = uow.session.scalar(select(func.count()).select_from(OrderApproval).where(
            OrderApproval.kind == ApprovalKind.CREDIT_OVERRIDE.value))
        notes = uow.session.scalar(select(func.count()).select_from(Receivable).where(  # a return's (the
            Receivable.kind == "credit_note", Receivable.return_id.is_not(None)))  # rebate's is another)
    assert set(statuses) == {s.value for s in OrderStatus}
    assert overrides == 1 and notes == 1
    mgr = _login(database, result, "sales_manager")
    pending = order_views.list_orders(database.uow(mgr), order_views.OrderFilter(statuses=["submitted"])).rows
    assert {(r.major, r.needs_price_approval) for r in pending} == {(True, False), (False, True)}
    refused = order_views.list_orders(database.uow(mgr), order_views.OrderFilter(statuses=["draft"])).rows
    assert any(order_views.get_order(database.uow(mgr), r.id).decisions for r in refused)


def test_demo_gives_the_warehouse_notices_and_a_register(database, admin) -> None:
    result = demo.load_demo(database.uow(admin))
    wh = _login(database, result, "warehouse")
    notices, _next = dispatch_register.dispatch_notices(database.uow(wh))
    assert any(n.awaiting_prepayment for n in notices) and any(not n.awaiting_prepayment for n in notices)
    assert any(n.status == OrderStatus.PARTLY_SHIPPED for n in notices)
    returns = dispatch_register.dispatch_register(database.uow(wh), RegisterFilter(kind="return")).rows
    assert len(returns) == 1 and returns[0].quantity < 0
    assert dispatch_register.count_register(database.uow(wh)) >= 20


def test_demo_credit_positions_hold_together(database, admin) -> None:
    result = demo.load_demo(database.uow(admin))
    fin = _login(database, result, "finance")
    with database.uow() as uow:
        customers = uow.session.scalars(select(SalesOrder.customer_id).distinct()).all()
    for cid in customers:
        pos = order_credit.order_credit_position(database.uow(fin), cid)
        assert pos.available == pos.limit - pos.open_receivables - pos.approved_unshipped
    assert audit.verify_chain(database.uow(admin)).ok


def test_demo_shows_the_pricing_procedure_and_the_prepayment_paperwork(database, admin) -> None:
    from sales_desk.services.orders import payment_slips, price_lists

    result = demo.load_demo(database.uow(admin))
    gm = _login(database, result, "gm")
    lists = price_lists.list_price_lists(database.uow(gm))
    assert [(pl.version, pl.status, pl.in_force) for pl in lists] == [(2, "cost_checked", False),
                                                                      (1, "approved", True)]
    assert all(ln.unit_cost for ln in lists[1].lines) and len(lists[1].lines) == 12
    mgr = _login(database, result, "sales_manager")
    slips = payment_slips.list_slips(database.uow(mgr))
    assert {s.status for s in slips} == {"submitted", "recorded"}
