"""Prepayment receipts [预付货款] recorded on an order by finance (order.record_prepayment)
until collections records receipts in general (销售回款管理制度 第7条). Money is recorded only
by finance's payment detail sheet against an approved payment slip (services/orders/payment_slips.py).

Nothing ships before the required prepayment has arrived in full (services/orders/dispatch.py).
Money recorded after some goods have shipped settles the order's open invoices at once.
Whoever takes orders never records the customer's payments.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.collections.receivables import PaymentMethod
from sales_desk.domain.common.errors import DomainError, ValidationError
from sales_desk.domain.orders.contracts import OrderStatus, WrongOrderState, check_prepayment
from sales_desk.i18n import _
from sales_desk.models import OrderPrepayment, SalesOrder
from sales_desk.services.collections.receivables import apply_prepayments, open_invoices_of_order
from sales_desk.services.common.base import current_actor
from sales_desk.services.common.documents import business_date
from sales_desk.services.customers.scope import user_names

TAKES_PREPAYMENT = frozenset({OrderStatus.SUBMITTED, OrderStatus.SIGNED, OrderStatus.BLOCKED,
                              OrderStatus.APPROVED, OrderStatus.PARTLY_SHIPPED})


class OrderTakerCannotRecordPayment(DomainError):
    def __init__(self, number: str):
        super().__init__(_("You took or are responsible for order {number}: someone else must record "
                           "its payments.").format(number=number))


@dataclass(frozen=True)
class PrepaymentRow:
    id: int
    amount: int
    received_on: date
    method: str
    reference: str
    applied: int
    recorded_by: str
    recorded_at: datetime


def record_on_order(uow: UnitOfWork, o: SalesOrder, amount: int, received_on: date | None,
                    method: PaymentMethod | str, reference: str = "") -> OrderPrepayment:
    """The money on the order, for the detail sheet (no commit): the order locked by the caller."""
    actor = current_actor(uow)
    if actor.user_id in (o.created_by_id, o.rep_id):
        raise OrderTakerCannotRecordPayment(o.number)
    if OrderStatus(o.status) not in TAKES_PREPAYMENT:
        raise WrongOrderState(o.number, OrderStatus(o.status), _("paid in advance"))
    try:
        method = PaymentMethod(method)
    except ValueError:
        raise ValidationError(_("Method"), _("not a valid value")) from None
    check_prepayment(amount, o.total, o.prepayment_received)
    on = business_date(uow, received_on, _("Received on"))
    if on < o.order_date:
        raise ValidationError(_("Received on"), _("must not lie before the order date"))
    p = OrderPrepayment(order_id=o.id, customer_id=o.customer_id, amount=amount, received_on=on,
                        method=method.value, reference=reference.strip()[:100], applied=0,
                        recorded_by_id=actor.user_id, recorded_at=uow.clock())
    uow.session.add(p)
    before = {"prepayment_received": o.prepayment_received, "prepayment_applied": o.prepayment_applied}
    o.prepayment_received += amount
    o.updated_at = uow.clock()
    uow.session.flush()
    applied = apply_prepayments(uow, o, open_invoices_of_order(uow, o.id))
    uow.audit("order.prepayment", "order", o.id, before,
              {"prepayment_received": o.prepayment_received, "prepayment_applied": o.prepayment_applied,
               "amount": amount, "received_on": on, "method": method.value, "reference": p.reference,
               "applied_now": applied, "required": o.prepayment_required, "prepayment_id": p.id})
    return p


def prepayments_of(uow: UnitOfWork, order: SalesOrder) -> list[PrepaymentRow]:
    rows = list(uow.session.scalars(select(OrderPrepayment).where(OrderPrepayment.order_id == order.id)
                                    .order_by(OrderPrepayment.received_on, OrderPrepayment.id)))
    names = user_names(uow, [p.recorded_by_id for p in rows])
    return [PrepaymentRow(p.id, p.amount, p.received_on, p.method, p.reference, p.applied,
                          names.get(p.recorded_by_id, ""), p.recorded_at) for p in rows]
