"""Sales orders/contracts [销售合同], the rep's side: enter and change a draft, submit it
for the price and major-contract reviews, record the signing, cancel; the sales manager
closes a partly shipped order. Approvals live in approvals.py, reads in
views.py, the credit sums in credit_check.py; rules in domain/orders/contracts.py.

Each service is a thin wrapper that commits around a step function (`_submit`, …):
the demo firm runs the same steps inside its single transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.common.errors import DomainError, NotPermitted, ValidationError
from sales_desk.domain.common.roles import Perm
from sales_desk.domain.orders.contracts import (
    EDITABLE,
    ApprovalKind,
    OrderStatus,
    PaymentTerms,
    WrongOrderState,
    check_payment_terms,
    default_days_to_pay,
    ensure_transition,
    is_major,
    line_amount,
    order_total,
    required_prepayment,
)
from sales_desk.domain.orders.pricing import check_line_price
from sales_desk.i18n import N_, _
from sales_desk.models import OrderApproval, OrderLine, Product, SalesOrder
from sales_desk.services.admin.settings import load_settings
from sales_desk.services.common.base import LOGGED_IN, current_actor, service
from sales_desk.services.common.documents import business_date, next_number
from sales_desk.services.common.versions import ensure_current
from sales_desk.services.customers.scope import require_any, visible_customer
from sales_desk.services.orders.common import visible_order
from sales_desk.services.orders.credit_check import customer_terms
from sales_desk.services.orders.price_lists import range_on

MAX_LINES = 200
ORDER_PREFIX = "SO"
# The order's audit keys as the form calls them: a stale save names what moved since.
FIELD_LABELS = {
    "status": N_("Status"), "customer_id": N_("Customer"), "total": N_("Total"), "lines": N_("Lines"),
    "order_date": N_("Order date"), "delivery_date": N_("Delivery date"), "prepayment_percent": N_("Prepayment"),
    "days_to_pay": N_("Days to pay"), "cash_on_delivery": N_("Cash on delivery"),
    "delivery_terms": N_("Delivery terms"), "delivery_address": N_("Delivery address"), "note": N_("Other terms"),
}


@dataclass(frozen=True)
class OrderLineInput:
    product_id: int
    quantity: int
    unit_price: int | None = None  # minor units; None: the product's list price
    note: str = ""


@dataclass(frozen=True)
class OrderInput:
    customer_id: int
    lines: Sequence[OrderLineInput]
    order_date: date | None = None  # today when omitted
    prepayment_percent: int = 0
    days_to_pay: int | None = None  # None: domain.orders.default_days_to_pay
    cash_on_delivery: bool = False
    delivery_terms: str = ""
    delivery_address: str = ""
    delivery_date: date | None = None
    note: str = ""


class ReviewPending(DomainError):
    def __init__(self, number: str, kind: ApprovalKind):
        self.kind = kind
        what = {ApprovalKind.PRICE: _("a price below the floor needs the sales VP's approval"),
                ApprovalKind.MAJOR_REVIEW: _("a major contract needs the sales VP's review")}[kind]
        super().__init__(_("Order {number} cannot be signed yet: {what}.").format(number=number, what=what))


# -- the lines --------------------------------------------------------------------------------


def _lines(uow: UnitOfWork, items: Sequence[OrderLineInput], on: date) -> list[OrderLine]:
    """Lines priced by the price list in force on the order date `on`."""
    if not items:
        raise ValidationError(_("Lines"), _("an order needs at least one line"))
    if len(items) > MAX_LINES:
        raise ValidationError(_("Lines"), _("at most {n} lines").format(n=MAX_LINES))
    ids = {i.product_id for i in items}
    products = {p.id: p for p in uow.session.scalars(select(Product).where(Product.id.in_(ids)))}
    out = []
    for n, item in enumerate(items, start=1):
        p = products.get(item.product_id)
        if p is None or not p.active:
            raise ValidationError(_("Line {n}").format(n=n), _("not an active product"))
        rng = range_on(uow, p, on)
        price = rng.list_price if item.unit_price is None else item.unit_price
        try:
            below = check_line_price(price, rng)
            amount = line_amount(item.quantity, price)
        except ValidationError as e:
            raise ValidationError(_("Line {n}").format(n=n), str(e)) from None
        out.append(OrderLine(line_no=n, product_id=p.id, quantity=item.quantity, unit_price=price,
                             amount=amount, list_price=rng.list_price, floor_price=rng.floor,
                             ceiling_price=rng.ceiling, below_floor=below, note=item.note.strip()))
    return out


def _reprice(uow: UnitOfWork, o: SalesOrder, lines: list[OrderLine]) -> None:
    """Check each line against the range in force on the order date (a new price list may
    have been approved since the draft)."""
    products = {p.id: p for p in uow.session.scalars(
        select(Product).where(Product.id.in_({ln.product_id for ln in lines})))}
    for ln in lines:
        p = products[ln.product_id]
        if not p.active:
            raise ValidationError(_("Line {n}").format(n=ln.line_no), _("not an active product"))
        rng = range_on(uow, p, o.order_date)
        try:
            ln.below_floor = check_line_price(ln.unit_price, rng)
        except ValidationError as e:
            raise ValidationError(_("Line {n}").format(n=ln.line_no), str(e)) from None
        ln.list_price, ln.floor_price, ln.ceiling_price = rng.list_price, rng.floor, rng.ceiling


def _apply_header(uow: UnitOfWork, o: SalesOrder, data: OrderInput, lines: list[OrderLine]) -> None:
    c = visible_customer(uow, data.customer_id)
    ct = customer_terms(c)
    days = default_days_to_pay(ct, data.cash_on_delivery) if data.days_to_pay is None else data.days_to_pay
    terms = check_payment_terms(PaymentTerms(data.prepayment_percent, days, data.cash_on_delivery), ct)
    o.customer_id = c.id
    o.order_date = business_date(uow, data.order_date, _("Order date"))
    if data.delivery_date is not None and data.delivery_date < o.order_date:
        raise ValidationError(_("Delivery date"), _("must not lie before the order date"))
    o.prepayment_percent, o.days_to_pay = terms.prepayment_percent, terms.days_to_pay
    o.cash_on_delivery = terms.cash_on_delivery
    o.delivery_terms, o.delivery_address = data.delivery_terms.strip(), data.delivery_address.strip()
    o.delivery_date, o.note = data.delivery_date, data.note.strip()
    o.total = order_total(ln.amount for ln in lines)
    o.prepayment_required = required_prepayment(o.total, o.prepayment_percent)
    o.needs_price_approval = any(ln.below_floor for ln in lines)
    o.updated_at = uow.clock()


def _summary(o: SalesOrder) -> dict[str, object]:
    return {"status": o.status, "customer_id": o.customer_id, "total": o.total,
            "prepayment_percent": o.prepayment_percent, "days_to_pay": o.days_to_pay,
            "cash_on_delivery": o.cash_on_delivery, "needs_price_approval": o.needs_price_approval,
            "major": o.major, "revision": o.revision}


def _line_audit(lines: list[OrderLine]) -> list[dict[str, object]]:
    return [{"product_id": ln.product_id, "quantity": ln.quantity, "unit_price": ln.unit_price,
             "amount": ln.amount, "below_floor": ln.below_floor} for ln in lines]


# -- the steps --------------------------------------------------------------------------------


def _create(uow: UnitOfWork, data: OrderInput) -> SalesOrder:
    actor = current_actor(uow)
    lines = _lines(uow, data.lines, business_date(uow, data.order_date, _("Order date")))
    o = SalesOrder(status=OrderStatus.DRAFT.value, rep_id=actor.user_id, created_by_id=actor.user_id,
                   created_at=uow.clock())
    _apply_header(uow, o, data, lines)
    o.number = next_number(uow, ORDER_PREFIX, o.order_date)
    o.lines = lines
    uow.session.add(o)
    uow.session.flush()
    uow.audit("order.create", "order", o.id, None, {**_summary(o), "number": o.number,
                                                    "lines": _line_audit(lines)})
    return o


@service(Perm.ORDER_CREATE)
def create_order(uow: UnitOfWork, data: OrderInput) -> int:
    """A draft order/contract for a customer the rep sees; prices within the ceiling."""
    o = _create(uow, data)
    uow.commit()
    return o.id


def _editable(uow: UnitOfWork, order_id: int, action: str) -> SalesOrder:
    o = visible_order(uow, order_id, for_update=True)
    if o.status not in EDITABLE:
        raise WrongOrderState(o.number, OrderStatus(o.status), action)
    return o


def _terms(o: SalesOrder) -> dict[str, object]:
    """The header fields the form edits beside the summary's (an update's audit names them)."""
    return {"order_date": o.order_date.isoformat(),
            "delivery_date": None if o.delivery_date is None else o.delivery_date.isoformat(),
            "delivery_terms": o.delivery_terms, "delivery_address": o.delivery_address, "note": o.note}


@service(Perm.ORDER_CREATE)
def update_order(uow: UnitOfWork, order_id: int, data: OrderInput, version: int | None = None) -> None:
    """Replace a draft's header and lines (a submitted order goes back to draft first).
    `version`: the one the form loaded (OrderView.version); a newer one refuses the save
    (StaleRecord, naming who changed what since) and nothing is written."""
    o = _editable(uow, order_id, _("changed"))
    ensure_current(uow, "order", o.id, _("Order"), o.number, version, o.version, FIELD_LABELS,
                   only_labelled=True, moved_only=True)
    old_lines = uow.session.scalars(select(OrderLine).where(OrderLine.order_id == o.id)
                                    .order_by(OrderLine.line_no)).all()
    before = {**_summary(o), **_terms(o), "lines": _line_audit(list(old_lines))}
    uow.session.execute(delete(OrderLine).where(OrderLine.order_id == o.id))
    lines = _lines(uow, data.lines, business_date(uow, data.order_date, _("Order date")))
    _apply_header(uow, o, data, lines)
    for ln in lines:
        ln.order_id = o.id
        uow.session.add(ln)
    uow.session.flush()
    uow.session.expire(o, ["lines"])
    uow.audit("order.update", "order", o.id, before, {**_summary(o), **_terms(o), "lines": _line_audit(lines)})
    uow.commit()


def _submit(uow: UnitOfWork, order_id: int) -> SalesOrder:
    o = visible_order(uow, order_id, for_update=True)
    ensure_transition(o.number, o.status, OrderStatus.SUBMITTED, _("submitted"))
    c = visible_customer(uow, o.customer_id)
    check_payment_terms(PaymentTerms(o.prepayment_percent, o.days_to_pay, o.cash_on_delivery),
                        customer_terms(c))
    lines = list(uow.session.scalars(select(OrderLine).where(OrderLine.order_id == o.id)
                                     .order_by(OrderLine.line_no)))
    _reprice(uow, o, lines)
    threshold = int(load_settings(uow)["contract.major_threshold"])  # type: ignore[call-overload]
    before = _summary(o)
    o.needs_price_approval = any(ln.below_floor for ln in lines)
    o.major = is_major(o.total, threshold)
    o.revision += 1
    o.status = OrderStatus.SUBMITTED.value
    o.submitted_at = o.updated_at = uow.clock()
    uow.session.flush()
    uow.audit("order.submit", "order", o.id, before, {**_summary(o), "major_threshold": threshold})
    return o


@service(Perm.ORDER_CREATE)
def submit_order(uow: UnitOfWork, order_id: int) -> None:
    """Fix the prices against today's ranges; flag lines below the floor and a major total."""
    _submit(uow, order_id)
    uow.commit()


@service(Perm.ORDER_CREATE)
def withdraw_order(uow: UnitOfWork, order_id: int) -> None:
    """Take a submitted order back to draft (its reviews, if any, lapse with the revision)."""
    o = visible_order(uow, order_id, for_update=True)
    ensure_transition(o.number, o.status, OrderStatus.DRAFT, _("withdrawn"))
    o.status, o.updated_at = OrderStatus.DRAFT.value, uow.clock()
    uow.audit("order.withdraw", "order", o.id, {"status": OrderStatus.SUBMITTED.value},
              {"status": o.status})
    uow.commit()


def approval_of(uow: UnitOfWork, o: SalesOrder, kind: ApprovalKind) -> OrderApproval | None:
    """The decision of `kind` on the order's current submission, if any."""
    return uow.session.scalar(select(OrderApproval).where(
        OrderApproval.order_id == o.id, OrderApproval.kind == kind.value,
        OrderApproval.revision == o.revision))


def pending_reviews(uow: UnitOfWork, o: SalesOrder) -> list[ApprovalKind]:
    """What must still be approved before the contract is signed."""
    needed = []
    if o.needs_price_approval:
        needed.append(ApprovalKind.PRICE)
    if o.major:
        needed.append(ApprovalKind.MAJOR_REVIEW)
    out = []
    for kind in needed:
        a = approval_of(uow, o, kind)
        if a is None or not a.approved:
            out.append(kind)
    return out


def _sign(uow: UnitOfWork, order_id: int, signed_on: date | None) -> SalesOrder:
    o = visible_order(uow, order_id, for_update=True)
    ensure_transition(o.number, o.status, OrderStatus.SIGNED, _("signed"))
    pending = pending_reviews(uow, o)
    if pending:
        raise ReviewPending(o.number, pending[0])
    on = business_date(uow, signed_on, _("Signed on"))
    if on < o.order_date:
        raise ValidationError(_("Signed on"), _("must not lie before the order date"))
    o.status, o.signed_on = OrderStatus.SIGNED.value, on
    o.signed_recorded_by_id, o.updated_at = current_actor(uow).user_id, uow.clock()
    uow.audit("order.sign", "order", o.id, {"status": OrderStatus.SUBMITTED.value},
              {"status": o.status, "signed_on": on})
    return o


@service(Perm.ORDER_CREATE)
def sign_order(uow: UnitOfWork, order_id: int, signed_on: date | None = None) -> None:
    """Record that the contract was signed; a price below the floor and a major contract
    must have the sales VP's approval first."""
    _sign(uow, order_id, signed_on)
    uow.commit()


def _cancel(uow: UnitOfWork, order_id: int, reason: str) -> SalesOrder:
    actor = require_any(uow, (Perm.ORDER_CREATE, Perm.ORDER_APPROVE))
    o = visible_order(uow, order_id, for_update=True)
    if not actor.can(Perm.ORDER_APPROVE) and actor.user_id not in (o.rep_id, o.created_by_id):
        raise NotPermitted(str(Perm.ORDER_APPROVE), actor.username)
    ensure_transition(o.number, o.status, OrderStatus.CANCELLED, _("cancelled"))
    if o.shipped_value:
        raise WrongOrderState(o.number, OrderStatus(o.status), _("cancelled"))
    if not reason.strip():
        raise ValidationError(_("Reason"), _("say why the order is cancelled"))
    before = o.status
    o.status, o.cancelled_at, o.end_reason = OrderStatus.CANCELLED.value, uow.clock(), reason.strip()
    o.updated_at = o.cancelled_at
    uow.audit("order.cancel", "order", o.id, {"status": before},
              {"status": o.status, "reason": o.end_reason,
               "prepayment_received": o.prepayment_received})
    return o


@service(LOGGED_IN)
def cancel_order(uow: UnitOfWork, order_id: int, reason: str) -> None:
    """Before anything ships: by the rep who holds it or the sales manager (never the warehouse).
    A prepayment already received stays on the customer's account for finance to refund."""
    _cancel(uow, order_id, reason)
    uow.commit()


def _close(uow: UnitOfWork, order_id: int, reason: str) -> SalesOrder:
    o = visible_order(uow, order_id, for_update=True)
    ensure_transition(o.number, o.status, OrderStatus.CLOSED, _("closed"))
    if o.status == OrderStatus.PARTLY_SHIPPED and not reason.strip():
        raise ValidationError(_("Reason"), _("say why the rest will not ship"))
    before = o.status
    o.status, o.closed_at, o.closed_by_id = OrderStatus.CLOSED.value, uow.clock(), current_actor(uow).user_id
    o.end_reason, o.updated_at = reason.strip(), o.closed_at
    uow.audit("order.close", "order", o.id, {"status": before},
              {"status": o.status, "reason": o.end_reason, "unshipped": o.total - o.shipped_value})
    return o


@service(Perm.ORDER_APPROVE)
def close_order(uow: UnitOfWork, order_id: int, reason: str = "") -> None:
    """Close a shipped order, or a partly shipped one whose rest will not ship (its credit
    is released)."""
    _close(uow, order_id, reason)
    uow.commit()
