"""The prepayment paperwork (销售回款管理制度 第7条2; domain/orders/payment_slips.py): the rep's
payment slip [缴款单] (order.create), the sales manager's approval (prepayment.approve_slip),
finance's payment detail sheet [缴款明细单] (order.record_prepayment), which alone records the
prepayment on the order (services/orders/prepayments.py) and so lets it ship. A returned slip
is corrected and resubmitted by who filled it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.collections.receivables import PaymentMethod
from sales_desk.domain.common.errors import NotFound, ValidationError
from sales_desk.domain.common.roles import Perm
from sales_desk.domain.orders.contracts import OrderStatus, WrongOrderState
from sales_desk.domain.orders.payment_slips import (
    OPEN_SLIPS,
    SlipStatus,
    check_detail_amount,
    check_slip_amount,
    ensure_filler,
    ensure_other_person,
    ensure_slip_state,
)
from sales_desk.i18n import _
from sales_desk.models import Customer, PaymentSlip, SalesOrder
from sales_desk.services.common.base import LOGGED_IN, current_actor, require_any, service
from sales_desk.services.common.documents import business_date, next_number
from sales_desk.services.customers.scope import user_names
from sales_desk.services.orders.common import scoped, visible_order
from sales_desk.services.orders.prepayments import TAKES_PREPAYMENT, record_on_order

READERS = (Perm.ORDER_CREATE, Perm.PREPAYMENT_SLIP_APPROVE, Perm.ORDER_RECORD_PREPAYMENT)


@dataclass(frozen=True)
class SlipRow:
    id: int
    number: str
    order_id: int
    order_number: str
    customer_code: str
    customer_name: str
    order_total: int
    prepayment_required: int
    amount: int
    method: str
    note: str
    status: str
    filled_by: str
    filled_at: datetime
    decided_by: str
    decided_at: datetime | None
    decision_note: str
    detail_number: str
    received_on: date | None
    reference: str
    recorded_by: str
    recorded_at: datetime | None
    filled_by_id: int = 0  # who alone corrects and resubmits it once returned


def _load(uow: UnitOfWork, slip_id: int) -> tuple[PaymentSlip, SalesOrder]:
    s = uow.session.get(PaymentSlip, slip_id, with_for_update=True, populate_existing=True)
    if s is None:
        raise NotFound(_("Payment slip"), slip_id)
    return s, visible_order(uow, s.order_id, for_update=True)  # "not found" outside one's view


def _pending(uow: UnitOfWork, order_id: int, but: int | None = None) -> int:
    q = select(func.coalesce(func.sum(PaymentSlip.amount), 0)).where(
        PaymentSlip.order_id == order_id, PaymentSlip.status.in_([s.value for s in OPEN_SLIPS]))
    if but is not None:
        q = q.where(PaymentSlip.id != but)
    return int(uow.session.scalar(q) or 0)


@service(Perm.ORDER_CREATE)
def fill_slip(uow: UnitOfWork, order_id: int, amount: int, method: PaymentMethod | str = PaymentMethod.TRANSFER,
              note: str = "") -> int:
    """The rep's payment slip once finance says the prepayment has arrived (第7条2)."""
    s = _fill(uow, order_id, amount, method, note)
    uow.commit()
    return s.id


def _fill(uow: UnitOfWork, order_id: int, amount: int, method: PaymentMethod | str, note: str) -> PaymentSlip:
    o = visible_order(uow, order_id, for_update=True)
    if OrderStatus(o.status) not in TAKES_PREPAYMENT:
        raise WrongOrderState(o.number, OrderStatus(o.status), _("paid in advance"))
    try:
        method = PaymentMethod(method)
    except ValueError:
        raise ValidationError(_("Method"), _("not a valid value")) from None
    check_slip_amount(amount, o.total, o.prepayment_received, _pending(uow, o.id))
    now = uow.clock()
    s = PaymentSlip(number=next_number(uow, "PS", business_date(uow, None, "")), order_id=o.id,
                    customer_id=o.customer_id, amount=amount, method=method.value, note=note.strip(),
                    status=SlipStatus.SUBMITTED.value, filled_by_id=current_actor(uow).user_id, filled_at=now)
    uow.session.add(s)
    uow.session.flush()
    uow.audit("payment_slip.fill", "payment_slip", s.id, None,
              {"number": s.number, "order": o.number, "amount": amount, "method": method.value, "note": s.note})
    return s


@service(Perm.ORDER_CREATE)
def resubmit_slip(uow: UnitOfWork, slip_id: int, amount: int, method: PaymentMethod | str = PaymentMethod.TRANSFER,
                  note: str = "") -> None:
    """Who filled a returned slip corrects it (amount, method, note) and sends it to the sales
    manager again; the manager's earlier return stays in the audit trail."""
    _resubmit(uow, slip_id, amount, method, note)
    uow.commit()


def _resubmit(uow: UnitOfWork, slip_id: int, amount: int, method: PaymentMethod | str, note: str) -> None:
    s, o = _load(uow, slip_id)
    ensure_slip_state(s.number, s.status, SlipStatus.RETURNED, _("corrected and resubmitted"))
    ensure_filler(s.number, current_actor(uow).user_id, s.filled_by_id)
    if OrderStatus(o.status) not in TAKES_PREPAYMENT:
        raise WrongOrderState(o.number, OrderStatus(o.status), _("paid in advance"))
    try:
        method = PaymentMethod(method)
    except ValueError:
        raise ValidationError(_("Method"), _("not a valid value")) from None
    check_slip_amount(amount, o.total, o.prepayment_received, _pending(uow, o.id, but=s.id))
    before = {"status": s.status, "amount": s.amount, "method": s.method, "note": s.note,
              "decision_note": s.decision_note}
    s.status, s.amount, s.method, s.note = SlipStatus.SUBMITTED.value, amount, method.value, note.strip()
    s.filled_at = uow.clock()
    s.decided_by_id, s.decided_at, s.decision_note = None, None, ""
    uow.audit("payment_slip.resubmit", "payment_slip", s.id, before,
              {"status": s.status, "number": s.number, "amount": amount, "method": method.value, "note": s.note})


@service(Perm.PREPAYMENT_SLIP_APPROVE)
def decide_slip(uow: UnitOfWork, slip_id: int, approve: bool, note: str = "") -> None:
    """The sales manager approves [核准] the slip, or returns it with a reason."""
    _decide(uow, slip_id, approve, note)
    uow.commit()


def _decide(uow: UnitOfWork, slip_id: int, approve: bool, note: str) -> None:
    s, o = _load(uow, slip_id)
    ensure_slip_state(s.number, s.status, SlipStatus.SUBMITTED, _("approved") if approve else _("returned"))
    ensure_other_person(s.number, current_actor(uow).user_id, s.filled_by_id, o.rep_id, o.created_by_id)
    why = note.strip()
    if not approve and not why:
        raise ValidationError(_("Reason"), _("say why the slip goes back"))
    before = {"status": s.status}
    s.status = (SlipStatus.APPROVED if approve else SlipStatus.RETURNED).value
    s.decided_by_id, s.decided_at, s.decision_note = current_actor(uow).user_id, uow.clock(), why
    action = "payment_slip.approve" if approve else "payment_slip.return"
    uow.audit(action, "payment_slip", s.id, before,
              {"status": s.status, "number": s.number, "note": why})


@service(Perm.ORDER_RECORD_PREPAYMENT)
def record_detail(uow: UnitOfWork, slip_id: int, amount: int, received_on: date | None = None,
                  reference: str = "") -> int:
    """Finance's payment detail sheet against an approved slip: the prepayment is recorded on
    the order now, and only now counts for its shipping."""
    _detail(uow, slip_id, amount, received_on, reference)
    uow.commit()
    return slip_id


def _detail(uow: UnitOfWork, slip_id: int, amount: int, received_on: date | None, reference: str) -> None:
    s, o = _load(uow, slip_id)
    ensure_slip_state(s.number, s.status, SlipStatus.APPROVED, _("recorded by finance"))
    ensure_other_person(s.number, current_actor(uow).user_id, s.filled_by_id, s.decided_by_id)
    check_detail_amount(s.number, amount, s.amount)
    p = record_on_order(uow, o, amount, received_on, s.method, reference or s.number)
    now = uow.clock()
    s.status = SlipStatus.RECORDED.value
    s.detail_number = next_number(uow, "PD", p.received_on)
    s.received_on, s.reference, s.prepayment_id = p.received_on, p.reference, p.id
    s.recorded_by_id, s.recorded_at = current_actor(uow).user_id, now
    uow.audit("payment_slip.detail", "payment_slip", s.id, {"status": SlipStatus.APPROVED.value},
              {"status": s.status, "number": s.number, "detail_number": s.detail_number, "amount": amount,
               "received_on": p.received_on, "reference": p.reference, "prepayment_id": p.id})


def _rows(uow: UnitOfWork, slips: list[PaymentSlip]) -> list[SlipRow]:
    orders = {o.id: o for o in uow.session.scalars(select(SalesOrder).where(
        SalesOrder.id.in_({s.order_id for s in slips})))}
    custs = {c.id: c for c in uow.session.scalars(select(Customer).where(
        Customer.id.in_({s.customer_id for s in slips})))}
    names = user_names(uow, [u for s in slips for u in (s.filled_by_id, s.decided_by_id, s.recorded_by_id)])
    n = lambda i: names.get(i or 0, "")  # noqa: E731
    return [SlipRow(s.id, s.number, s.order_id, orders[s.order_id].number, custs[s.customer_id].code,
                    custs[s.customer_id].name, orders[s.order_id].total, orders[s.order_id].prepayment_required,
                    s.amount, s.method, s.note, s.status, n(s.filled_by_id), s.filled_at, n(s.decided_by_id),
                    s.decided_at, s.decision_note, s.detail_number or "", s.received_on, s.reference,
                    n(s.recorded_by_id), s.recorded_at, s.filled_by_id) for s in slips]


@service(LOGGED_IN, read_only=True)
def list_slips(uow: UnitOfWork, order_id: int | None = None, status: SlipStatus | str | None = None,
               limit: int = 500) -> list[SlipRow]:
    """Slips of the orders one sees, newest first; of one order or in one state."""
    require_any(uow, READERS)
    q = select(PaymentSlip).join(SalesOrder, SalesOrder.id == PaymentSlip.order_id)
    if order_id is not None:
        q = q.where(PaymentSlip.order_id == order_id)
    if status is not None:
        q = q.where(PaymentSlip.status == SlipStatus(status).value)
    q = scoped(uow, q).order_by(PaymentSlip.id.desc()).limit(limit)
    return _rows(uow, list(uow.session.scalars(q)))


@service(LOGGED_IN, read_only=True)
def get_slip(uow: UnitOfWork, slip_id: int) -> SlipRow:
    return slip_row(uow, slip_id)


def slip_row(uow: UnitOfWork, slip_id: int) -> SlipRow:
    """One slip of an order one sees (inside another service)."""
    require_any(uow, READERS)
    s = uow.session.get(PaymentSlip, slip_id)
    if s is None:
        raise NotFound(_("Payment slip"), slip_id)
    visible_order(uow, s.order_id)
    return _rows(uow, [s])[0]
