"""The warehouse, receivables and returns through real units of work (SPEC §4)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from sales_desk.domain.common.errors import NotPermitted, ValidationError
from sales_desk.domain.common.money import to_minor
from sales_desk.domain.credit.rating import DowngradeTrigger
from sales_desk.domain.orders.contracts import OrderStatus, PrepaymentOutstanding, WrongOrderState
from sales_desk.domain.orders.dispatch import OrderTakerCannotShip
from sales_desk.services.collections import receivables
from sales_desk.services.credit import position as credit
from sales_desk.services.orders import credit_check as order_credit
from sales_desk.services.orders import dispatch, dispatch_register, payment_slips
from sales_desk.services.orders import entry as orders
from sales_desk.services.orders import views as order_views
from sales_desk.services.orders.dispatch import CreditHoldAtDispatch, ReturnInput, ShipmentInput
from sales_desk.services.orders.dispatch_register import RegisterFilter
from sales_desk.services.orders.entry import OrderInput, OrderLineInput
from tests.services.order_flow import (
    approved,
    credit_customer,
    draft,
    prepay,
    product,
    ship,
    signed,
    team,
    today,
)


@pytest.fixture
def t(make_user):
    return team(make_user)


@pytest.fixture
def cid(database, t) -> int:
    return credit_customer(database, t)  # limit 100,000.00, 30 days


@pytest.fixture
def pid(database, t) -> int:
    return product(database, t)  # list 100.00


def lines(database, actor, oid) -> list:
    return list(order_views.get_order(database.uow(actor), oid).lines)


# -- who ships ----------------------------------------------------------------------------------


def test_order_taker_is_not_the_shipper(database, t, make_user, cid, pid) -> None:
    oid = approved(database, t, cid, [(pid, 5, None)])
    line = lines(database, t.wh, oid)[0].id
    with pytest.raises(NotPermitted):  # a rep has no right to ship
        dispatch.ship_order(database.uow(t.rep), oid, ShipmentInput({line: 1}, checked=True))
    both = make_user("rw", "sales_rep", "warehouse", justification="小仓库，兼任")
    own = credit_customer(database, t, name="宁波港城物流有限公司", rep=both)
    mine = approved(database, t, own, [(pid, 5, None)], rep=both)
    with pytest.raises(OrderTakerCannotShip):
        dispatch.ship_order(database.uow(both), mine, ShipmentInput(
            {lines(database, both, mine)[0].id: 1}, checked=True))
    dispatch.ship_order(database.uow(both), oid, ShipmentInput({line: 1}, checked=True))  # not theirs


def test_warehouse_can_never_create_or_change_an_order(database, t, cid, pid) -> None:
    oid = draft(database, t, cid, [(pid, 1, None)])
    data = OrderInput(cid, [OrderLineInput(pid, 2)])
    for call in (lambda u: orders.create_order(u, data), lambda u: orders.update_order(u, oid, data),
                 lambda u: orders.submit_order(u, oid), lambda u: orders.sign_order(u, oid),
                 lambda u: orders.withdraw_order(u, oid), lambda u: orders.cancel_order(u, oid, "x"),
                 lambda u: orders.close_order(u, oid, "x"),
                 lambda u: payment_slips.record_detail(u, 1, 100)):
        with pytest.raises(NotPermitted):
            call(database.uow(t.wh))
    assert order_views.get_order(database.uow(t.wh), oid).total == 10_000


def test_the_dispatch_notice_is_checked_before_shipping(database, t, cid, pid) -> None:
    oid = approved(database, t, cid, [(pid, 5, None)])
    with pytest.raises(ValidationError, match="check"):
        dispatch.ship_order(database.uow(t.wh), oid, ShipmentInput(
            {lines(database, t.wh, oid)[0].id: 1}, checked=False))


def test_only_approved_orders_ship(database, t, cid, pid) -> None:
    oid = signed(database, t, cid, [(pid, 5, None)])
    with pytest.raises(WrongOrderState):
        ship(database, t, oid, {lines(database, t.wh, oid)[0].id: 1})


# -- prepayment gate ---------------------------------------------------------------------------


def test_prepayment_gate(database, t, cid, pid) -> None:
    oid = approved(database, t, cid, [(pid, 100, None)], prepayment_percent=30)  # 10,000.00
    line = lines(database, t.wh, oid)[0].id
    notices, _next = dispatch_register.dispatch_notices(database.uow(t.wh))
    assert [(n.order_id, n.awaiting_prepayment) for n in notices] == [(oid, True)]
    with pytest.raises(PrepaymentOutstanding):
        ship(database, t, oid, {line: 10})
    prepay(database, t, oid, to_minor("2999.99"))
    with pytest.raises(PrepaymentOutstanding):
        ship(database, t, oid, {line: 10})
    prepay(database, t, oid, 1)
    sid = ship(database, t, oid, {line: 40})  # 4,000.00, settled by the 3,000.00 prepaid
    view = dispatch_register.get_shipment(database.uow(t.wh), sid)
    ledger = receivables.customer_ledger(database.uow(t.fin), cid)
    invoice = next(r for r in ledger.rows if r.doc_no == view.invoice_no)
    assert (invoice.debit, invoice.open_amount) == (400_000, 100_000)
    assert ledger.balance == 100_000 and ledger.open_receivables == 100_000


# -- shipments ---------------------------------------------------------------------------------


def test_partial_shipment_totals_never_exceed_the_order(database, t, cid, pid) -> None:
    oid = approved(database, t, cid, [(pid, 10, None), (pid, 4, "110.00")])
    a, b = (ln.id for ln in lines(database, t.wh, oid))
    ship(database, t, oid, {a: 4})
    assert order_views.get_order(database.uow(t.wh), oid).status == OrderStatus.PARTLY_SHIPPED
    with pytest.raises(ValidationError, match="left to ship"):
        ship(database, t, oid, {a: 7})
    ship(database, t, oid, {a: 6, b: 3})
    with pytest.raises(ValidationError):
        ship(database, t, oid, {b: 2})
    ship(database, t, oid, {b: 1})
    view = order_views.get_order(database.uow(t.wh), oid)
    assert view.status == OrderStatus.SHIPPED and view.shipped_value == view.total
    assert [(ln.quantity, ln.shipped_qty) for ln in view.lines] == [(10, 10), (4, 4)]
    assert len(view.shipments) == 3
    with pytest.raises(WrongOrderState):
        ship(database, t, oid, {a: 1})


def test_receivable_due_date_is_ship_date_plus_term_days(database, t, cid, pid) -> None:
    day0 = today() - timedelta(days=40)
    oid = draft(database, t, cid, [(pid, 5, None)], order_date=day0, days_to_pay=25)
    orders.submit_order(database.uow(t.rep), oid)
    orders.sign_order(database.uow(t.rep), oid, day0 + timedelta(days=1))
    from sales_desk.services.orders import approvals as order_approvals

    order_approvals.approve_order(database.uow(t.mgr), oid)
    ship_day = day0 + timedelta(days=3)
    sid = ship(database, t, oid, {lines(database, t.wh, oid)[0].id: 2}, ship_day, freight=to_minor("35"),
               insurance=to_minor("2.5"))
    view = dispatch_register.get_shipment(database.uow(t.wh), sid)
    assert dispatch_register.shipment_id_by_number(database.uow(t.wh), view.number.lower()) == sid
    assert order_views.order_id_by_number(database.uow(t.rep), view.order_number) == oid
    assert view.due_date == ship_day + timedelta(days=25)
    assert (view.value, view.freight, view.insurance) == (20_000, 3_500, 250)
    with pytest.raises(ValidationError, match="future"):
        ship(database, t, oid, {lines(database, t.wh, oid)[0].id: 1}, today() + timedelta(days=1))


def test_shipping_moves_credit_from_unshipped_orders_to_open_receivables(database, t, cid, pid) -> None:
    oid = approved(database, t, cid, [(pid, 300, None)])  # 30,000.00
    ship(database, t, oid, {lines(database, t.wh, oid)[0].id: 100})
    pos = order_credit.order_credit_position(database.uow(t.rep), cid)
    assert (pos.open_receivables, pos.approved_unshipped, pos.available) == (1_000_000, 2_000_000, 7_000_000)


def test_credit_hold_after_approval_stops_further_shipments_on_credit(database, t, cid, pid) -> None:
    oid = approved(database, t, cid, [(pid, 10, None)])
    credit.record_trigger(database.uow(t.spec), cid, DowngradeTrigger.MAJOR_BREACH, today(), "严重违约")
    with pytest.raises(CreditHoldAtDispatch):
        ship(database, t, oid, {lines(database, t.wh, oid)[0].id: 1})


def test_closing_a_partly_shipped_order_releases_its_credit(database, t, cid, pid) -> None:
    oid = approved(database, t, cid, [(pid, 10, None)])
    ship(database, t, oid, {lines(database, t.wh, oid)[0].id: 4})
    with pytest.raises(ValidationError):
        orders.close_order(database.uow(t.mgr), oid, "")  # the rest: say why
    orders.close_order(database.uow(t.mgr), oid, "客户不再需要余下货物")
    pos = order_credit.order_credit_position(database.uow(t.rep), cid)
    assert (pos.open_receivables, pos.approved_unshipped) == (40_000, 0)
    assert order_views.get_order(database.uow(t.rep), oid).status == OrderStatus.CLOSED


def test_handover_is_recorded_once_and_not_before_the_ship_date(database, t, cid, pid) -> None:
    oid = approved(database, t, cid, [(pid, 10, None)])
    sid = ship(database, t, oid, {lines(database, t.wh, oid)[0].id: 4})
    with pytest.raises(ValidationError):
        dispatch.record_handover(database.uow(t.wh), sid, today() - timedelta(days=1), "张师傅")
    with pytest.raises(ValidationError):
        dispatch.record_handover(database.uow(t.wh), sid, None, " ")
    dispatch.record_handover(database.uow(t.wh), sid, None, "张师傅（顺丰）", "外包装完好")
    view = dispatch_register.get_shipment(database.uow(t.wh), sid)
    assert (view.handed_over_on, view.received_by) == (today(), "张师傅（顺丰）")
    with pytest.raises(ValidationError, match="already"):
        dispatch.record_handover(database.uow(t.wh), sid, None, "李四")


# -- returns and credit notes -------------------------------------------------------------------


def test_credit_note_reduces_the_balance(database, t, cid, pid) -> None:
    oid = approved(database, t, cid, [(pid, 10, None)])
    sid = ship(database, t, oid, {lines(database, t.wh, oid)[0].id: 6})  # 600.00
    out = dispatch_register.get_shipment(database.uow(t.rep), sid).lines[0]
    with pytest.raises(NotPermitted):  # returns are recorded by sales, not the warehouse
        dispatch.record_return(database.uow(t.wh), sid, ReturnInput({out.movement_id: 1}, "破损"))
    dispatch.record_return(database.uow(t.rep), sid, ReturnInput({out.movement_id: 2}, "两台外壳破损"))
    ledger = receivables.customer_ledger(database.uow(t.fin), cid)
    assert [(r.kind, r.debit, r.credit, r.balance) for r in ledger.rows] == [
        ("invoice", 60_000, 0, 60_000), ("credit_note", 0, 20_000, 40_000)]
    invoice, note = ledger.rows
    assert (invoice.open_amount, note.open_amount) == (40_000, 0)  # applied to the shipment's invoice
    assert ledger.balance == ledger.open_receivables == 40_000


def test_credit_note_never_more_than_shipped_and_not_yet_returned(database, t, cid, pid) -> None:
    oid = approved(database, t, cid, [(pid, 10, None)])
    sid = ship(database, t, oid, {lines(database, t.wh, oid)[0].id: 3})
    m = dispatch_register.get_shipment(database.uow(t.rep), sid).lines[0].movement_id
    dispatch.record_return(database.uow(t.rep), sid, ReturnInput({m: 2}, "质量问题"))
    with pytest.raises(ValidationError, match="not yet returned"):
        dispatch.record_return(database.uow(t.rep), sid, ReturnInput({m: 2}, "质量问题"))
    with pytest.raises(ValidationError):
        dispatch.record_return(database.uow(t.rep), sid, ReturnInput({m: 1}, " "))
    dispatch.record_return(database.uow(t.rep), sid, ReturnInput({m: 1}, "质量问题"))
    view = order_views.get_order(database.uow(t.rep), oid)
    assert (view.lines[0].shipped_qty, view.lines[0].returned_qty, view.returned_value) == (3, 3, 30_000)


def test_credit_note_on_a_prepaid_invoice_stays_open_as_the_customers_credit(database, t, cid, pid) -> None:
    oid = approved(database, t, cid, [(pid, 10, None)], prepayment_percent=100)
    prepay(database, t, oid, 100_000)
    sid = ship(database, t, oid, {lines(database, t.wh, oid)[0].id: 10})
    m = dispatch_register.get_shipment(database.uow(t.rep), sid).lines[0].movement_id
    dispatch.record_return(database.uow(t.rep), sid, ReturnInput({m: 1}, "多发一台"))
    ledger = receivables.customer_ledger(database.uow(t.fin), cid)
    assert [r.kind for r in ledger.rows] == ["prepayment", "invoice", "credit_note"]
    assert ledger.balance == -10_000 and ledger.open_receivables == -10_000
    assert ledger.rows[2].open_amount == -10_000


# -- the register and notices --------------------------------------------------------------------


def test_dispatch_register_lists_every_movement_filtered_and_paged(database, t, cid, pid) -> None:
    other = product(database, t, code="P-200", name="伺服电机")
    oid = approved(database, t, cid, [(pid, 10, None), (other, 5, None)])
    a, b = (ln.id for ln in lines(database, t.wh, oid))
    s1 = ship(database, t, oid, {a: 4, b: 5})
    ship(database, t, oid, {a: 6})
    m = next(x for x in dispatch_register.get_shipment(database.uow(t.rep), s1).lines if x.quantity == 5)
    dispatch.record_return(database.uow(t.rep), s1, ReturnInput({m.movement_id: 1}, "型号不符"))
    everything = dispatch_register.dispatch_register(database.uow(t.wh)).rows
    assert len(everything) == 4 and dispatch_register.count_register(database.uow(t.wh)) == 4
    assert everything[0].kind == "return" and everything[0].quantity == -1
    assert everything[0].document_no.startswith("RT") and everything[0].carrier == "顺丰速运"
    assert sum(r.amount for r in everything) == order_views.get_order(
        database.uow(t.wh), oid).shipped_value - m.unit_price
    page = dispatch_register.dispatch_register(database.uow(t.wh), limit=3)
    rest = dispatch_register.dispatch_register(database.uow(t.wh), after=page.next_after, limit=3)
    assert [r.movement_id for r in page.rows + rest.rows] == [r.movement_id for r in everything]
    assert rest.next_after is None
    motors = dispatch_register.dispatch_register(database.uow(t.wh), RegisterFilter(product_id=other))
    assert [r.quantity for r in motors.rows] == [-1, 5]
    outs = dispatch_register.dispatch_register(database.uow(t.wh), RegisterFilter(kind="out"))
    assert len(outs.rows) == 3
    assert dispatch_register.dispatch_register(database.uow(t.rep2)).rows == ()  # not their customer


def test_dispatch_notices_are_approved_orders_with_something_left(database, t, cid, pid) -> None:
    first = approved(database, t, cid, [(pid, 2, None)])
    second = approved(database, t, cid, [(pid, 2, None)])
    signed(database, t, cid, [(pid, 2, None)])  # not approved: no notice
    ship(database, t, first, {lines(database, t.wh, first)[0].id: 2})
    notices, nxt = dispatch_register.dispatch_notices(database.uow(t.wh))
    assert [n.order_id for n in notices] == [second] and nxt is None
    third = approved(database, t, cid, [(pid, 2, None)])
    ship(database, t, second, {lines(database, t.wh, second)[0].id: 1})  # partly shipped: still a notice
    page, nxt = dispatch_register.dispatch_notices(database.uow(t.wh), limit=1)
    rest, last = dispatch_register.dispatch_notices(database.uow(t.wh), after=nxt, limit=1)
    assert [n.order_id for n in page + rest] == [second, third] and last is None


def test_the_warehouse_sees_the_customers_address_when_the_orders_is_empty(database, t, pid) -> None:
    cid = credit_customer(database, t, address="上海市浦东新区张江路 88 号")
    own = approved(database, t, cid, [(pid, 1, None)], delivery_address="苏州工业园区星湖街 1 号")
    plain = approved(database, t, cid, [(pid, 1, None)])  # address left empty
    notices, _nxt = dispatch_register.dispatch_notices(database.uow(t.wh))
    assert {n.order_id: n.ship_to for n in notices} == {
        own: "苏州工业园区星湖街 1 号", plain: "上海市浦东新区张江路 88 号"}
    assert order_views.get_order(database.uow(t.wh), plain).ship_to == "上海市浦东新区张江路 88 号"
