"""The warehouse [仓储]: dispatch notices (approved orders), shipments with carrier,
tracking number, freight and insurance, the hand-over, and returns (SPEC §4).

- Only dispatch.ship ships, and never on an order the shipper took or is responsible
  for; the warehouse has no right that creates or changes an order.
- Nothing ships before the prepayment is in full; partial shipments add up to at most
  the ordered quantity per line (also a CHECK on the line); a customer put on credit
  hold after approval gets nothing more on credit unless an override released the order.
- Each shipment raises its invoice (services/collections/receivables.py); a return raises a credit
  note for at most what was shipped and not yet returned.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.common.errors import DomainError, NotFound, ValidationError
from sales_desk.domain.common.roles import Perm
from sales_desk.domain.orders.contracts import (
    OPEN_FOR_DISPATCH,
    ApprovalKind,
    OrderStatus,
    WrongOrderState,
    credit_exposure,
    ensure_prepaid,
)
from sales_desk.domain.orders.dispatch import (
    LineState,
    MovementKind,
    OrderTakerCannotShip,
    ShippedLine,
    check_charges,
    check_return,
    check_shipment,
    status_after_shipment,
)
from sales_desk.i18n import _
from sales_desk.models import (
    Customer,
    DispatchReturn,
    Movement,
    OrderApproval,
    OrderLine,
    SalesOrder,
    Shipment,
)
from sales_desk.services.collections.receivables import raise_credit_note, raise_invoice
from sales_desk.services.common.base import current_actor, service
from sales_desk.services.common.documents import business_date, next_number
from sales_desk.services.orders.common import order_money, visible_order

SHIPMENT_PREFIX = "DN"  # dispatch note [发货单]
RETURN_PREFIX = "RT"


class CreditHoldAtDispatch(DomainError):
    def __init__(self, number: str, code: str):
        super().__init__(_(
            "Customer {code} is on credit hold: order {number} may ship nothing more on credit "
            "until the customer is re-rated (or with 100 % prepayment)."
        ).format(code=code, number=number))


@dataclass(frozen=True)
class ShipmentInput:
    quantities: Mapping[int, int]  # order line id → quantity shipped now
    ship_date: date | None = None  # today when omitted
    carrier: str = ""
    tracking_no: str = ""
    freight: int = 0  # minor units; our cost, not invoiced
    insurance: int = 0
    checked: bool = False  # the dispatch notice was checked against the order [审核发货通知]
    note: str = ""


@dataclass(frozen=True)
class ReturnInput:
    quantities: Mapping[int, int]  # shipped movement id → quantity coming back
    reason: str
    returned_on: date | None = None


def _overridden(uow: UnitOfWork, order_id: int) -> bool:
    return uow.session.scalar(select(OrderApproval.id).where(
        OrderApproval.order_id == order_id,
        OrderApproval.kind == ApprovalKind.CREDIT_OVERRIDE.value)) is not None


def _ship(uow: UnitOfWork, order_id: int, data: ShipmentInput) -> Shipment:
    o = visible_order(uow, order_id, for_update=True)
    actor = current_actor(uow)
    if actor.user_id in (o.created_by_id, o.rep_id):
        raise OrderTakerCannotShip(o.number)
    if OrderStatus(o.status) not in OPEN_FOR_DISPATCH:
        raise WrongOrderState(o.number, OrderStatus(o.status), _("shipped"))
    if not data.checked:
        raise ValidationError(_("Dispatch notice"), _("check the goods against the order first"))
    ensure_prepaid(o.number, o.prepayment_required, o.prepayment_received)
    c = uow.session.get(Customer, o.customer_id)
    assert c is not None
    if c.credit_hold and credit_exposure(order_money(o)) > 0 and not _overridden(uow, o.id):
        raise CreditHoldAtDispatch(o.number, c.code)
    check_charges(data.freight, data.insurance)
    on = business_date(uow, data.ship_date, _("Ship date"))
    if on < (o.signed_on or o.order_date):
        raise ValidationError(_("Ship date"), _("must not lie before the contract was signed"))
    lines = {ln.id: ln for ln in uow.session.scalars(
        select(OrderLine).where(OrderLine.order_id == o.id).with_for_update())}
    quantities = check_shipment({i: LineState(i, ln.quantity, ln.shipped_qty) for i, ln in lines.items()},
                                data.quantities)
    shipment = Shipment(number=next_number(uow, SHIPMENT_PREFIX, on), order_id=o.id,
                        customer_id=o.customer_id, ship_date=on, carrier=data.carrier.strip()[:100],
                        tracking_no=data.tracking_no.strip()[:64], freight=data.freight,
                        insurance=data.insurance, checked=True, note=data.note.strip(),
                        shipped_by_id=actor.user_id, shipped_at=uow.clock())
    uow.session.add(shipment)
    uow.session.flush()
    value = 0
    for line_id, qty in sorted(quantities.items()):
        ln = lines[line_id]
        amount = qty * ln.unit_price
        uow.session.add(Movement(kind=MovementKind.OUT.value, moved_on=on, shipment_id=shipment.id,
                                 order_id=o.id, order_line_id=ln.id, customer_id=o.customer_id,
                                 product_id=ln.product_id, quantity=qty, unit_price=ln.unit_price,
                                 amount=amount, returned_qty=0))
        ln.shipped_qty += qty
        value += amount
    shipment.value = value
    before = {"status": o.status, "shipped_value": o.shipped_value}
    o.shipped_value += value
    o.status = status_after_shipment(
        {i: LineState(i, ln.quantity, ln.shipped_qty) for i, ln in lines.items()}).value
    o.updated_at = uow.clock()
    uow.session.flush()
    invoice = raise_invoice(uow, o, shipment)
    uow.audit("dispatch.ship", "order", o.id, before,
              {"status": o.status, "shipped_value": o.shipped_value, "shipment": shipment.number,
               "value": value, "lines": {str(k): v for k, v in sorted(quantities.items())},
               "carrier": shipment.carrier, "tracking_no": shipment.tracking_no,
               "freight": shipment.freight, "insurance": shipment.insurance,
               "invoice": invoice.doc_no, "due_date": invoice.due_date,
               "prepayment_applied": o.prepayment_applied})
    return shipment


@service(Perm.DISPATCH_SHIP)
def ship_order(uow: UnitOfWork, order_id: int, data: ShipmentInput) -> int:
    """Ship all or part of an approved order; raises its invoice. Returns the shipment id."""
    shipment = _ship(uow, order_id, data)
    uow.commit()
    return shipment.id


def _shipment(uow: UnitOfWork, shipment_id: int) -> tuple[Shipment, SalesOrder]:
    s = uow.session.get(Shipment, shipment_id)
    if s is None:
        raise NotFound(_("Shipment"), shipment_id)
    return s, visible_order(uow, s.order_id, for_update=True)


def _handover(uow: UnitOfWork, shipment_id: int, handed_over_on: date | None, received_by: str,
              note: str = "") -> Shipment:
    s, o = _shipment(uow, shipment_id)
    if s.handed_over_on is not None:
        raise ValidationError(_("Hand-over"), _("already recorded on {date}").format(
            date=s.handed_over_on.isoformat()))
    on = business_date(uow, handed_over_on, _("Handed over on"))
    if on < s.ship_date:
        raise ValidationError(_("Handed over on"), _("must not lie before the ship date"))
    if not received_by.strip():
        raise ValidationError(_("Received by"), _("name the carrier's driver or the customer's receiver"))
    s.handed_over_on, s.received_by, s.handover_note = on, received_by.strip()[:100], note.strip()
    s.handover_recorded_by_id, s.handover_recorded_at = current_actor(uow).user_id, uow.clock()
    uow.audit("dispatch.handover", "shipment", s.id, None,
              {"shipment": s.number, "order": o.number, "handed_over_on": on, "received_by": s.received_by})
    return s


@service(Perm.DISPATCH_SHIP)
def record_handover(uow: UnitOfWork, shipment_id: int, handed_over_on: date | None, received_by: str,
                    note: str = "") -> None:
    """The goods were handed over [交接]: when, to whom (once per shipment)."""
    _handover(uow, shipment_id, handed_over_on, received_by, note)
    uow.commit()


def _return(uow: UnitOfWork, shipment_id: int, data: ReturnInput) -> DispatchReturn:
    s, o = _shipment(uow, shipment_id)
    if not data.reason.strip():
        raise ValidationError(_("Reason"), _("say why the goods came back"))
    on = business_date(uow, data.returned_on, _("Returned on"))
    if on < s.ship_date:
        raise ValidationError(_("Returned on"), _("must not lie before the ship date"))
    out = {m.id: m for m in uow.session.scalars(
        select(Movement).where(Movement.shipment_id == s.id, Movement.kind == MovementKind.OUT.value)
        .with_for_update())}
    quantities = check_return({i: ShippedLine(i, m.quantity, m.returned_qty) for i, m in out.items()},
                              data.quantities)
    ret = DispatchReturn(number=next_number(uow, RETURN_PREFIX, on), shipment_id=s.id, order_id=o.id,
                         customer_id=o.customer_id, returned_on=on, reason=data.reason.strip(),
                         recorded_by_id=current_actor(uow).user_id, recorded_at=uow.clock())
    uow.session.add(ret)
    uow.session.flush()
    lines = {ln.id: ln for ln in uow.session.scalars(
        select(OrderLine).where(OrderLine.id.in_({out[i].order_line_id for i in quantities})))}
    value = 0
    for movement_id, qty in sorted(quantities.items()):
        m = out[movement_id]
        amount = qty * m.unit_price
        uow.session.add(Movement(kind=MovementKind.RETURN.value, moved_on=on, shipment_id=s.id,
                                 return_id=ret.id, reverses_id=m.id, order_id=o.id,
                                 order_line_id=m.order_line_id, customer_id=o.customer_id,
                                 product_id=m.product_id, quantity=qty, unit_price=m.unit_price,
                                 amount=amount, returned_qty=0))
        m.returned_qty += qty
        lines[m.order_line_id].returned_qty += qty
        value += amount
    ret.value = value
    o.returned_value += value
    o.updated_at = uow.clock()
    uow.session.flush()
    note = raise_credit_note(uow, o, ret)
    uow.audit("dispatch.return", "order", o.id, None,
              {"return": ret.number, "shipment": s.number, "value": value, "reason": ret.reason,
               "lines": {str(k): v for k, v in sorted(quantities.items())}, "credit_note": note.doc_no,
               "returned_on": on})
    return ret


@service(Perm.RETURN_RECORD)
def record_return(uow: UnitOfWork, shipment_id: int, data: ReturnInput) -> int:
    """Goods came back from a shipment: a credit note for their value lowers the balance."""
    ret = _return(uow, shipment_id, data)
    uow.commit()
    return ret.id
