"""Plain data for the printed sales contract [销售合同] and dispatch note [发货单]
(reports/orders/contract.py, reports/orders/dispatch_note.py): frozen, nothing lazy.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.common.roles import Perm
from sales_desk.domain.orders.dispatch import MovementKind
from sales_desk.models import Customer, CustomerContact, Movement, Shipment
from sales_desk.services.admin.settings import load_settings
from sales_desk.services.common.base import service
from sales_desk.services.customers.scope import user_names
from sales_desk.services.orders.common import visible_order
from sales_desk.services.orders.dispatch_register import shipment_view
from sales_desk.services.orders.views import decisions_of, lines_of


@dataclass(frozen=True)
class Party:
    code: str
    name: str
    address: str
    phone: str
    legal_representative: str
    registration_no: str
    contact: str  # the key person, if the file names one


@dataclass(frozen=True)
class ContractLine:
    line_no: int
    product_code: str
    product_name: str
    spec: str
    unit: str
    quantity: int
    unit_price: int
    amount: int
    below_floor: bool


@dataclass(frozen=True)
class Decision:
    kind: str  # domain.orders.ApprovalKind
    approved: bool
    approver: str
    on: date
    note: str
    amount: int | None


@dataclass(frozen=True)
class ContractDocument:
    company_name: str
    currency: str
    printed_at: datetime
    number: str
    status: str
    order_date: date
    signed_on: date | None
    customer: Party
    rep_name: str
    lines: tuple[ContractLine, ...]
    total: int
    prepayment_percent: int
    prepayment_required: int
    days_to_pay: int
    cash_on_delivery: bool
    delivery_terms: str
    delivery_address: str
    delivery_date: date | None
    note: str
    major: bool
    decisions: tuple[Decision, ...]
    approved_by: str  # who released it for dispatch: the manager, or the override's approver
    approved_on: date | None
    blocked_on: date | None  # the credit check refused it on this day
    blocked_by: str  # who ran that check
    block_reason: str  # domain.orders.BlockReason value, "" if never blocked


def _party(uow: UnitOfWork, c: Customer) -> Party:
    contact = uow.session.scalar(
        select(CustomerContact.name).where(CustomerContact.customer_id == c.id)
        .order_by(CustomerContact.key_person.desc(), CustomerContact.id).limit(1))
    return Party(c.code, c.name, c.address, c.phone, c.legal_representative, c.registration_no,
                 contact or "")


def _day(t: datetime | None) -> date | None:
    return t.astimezone().date() if t else None


@service(Perm.ORDER_VIEW)
def contract_document(uow: UnitOfWork, order_id: int) -> ContractDocument:
    o = visible_order(uow, order_id)
    c = uow.session.get(Customer, o.customer_id)
    assert c is not None
    settings = load_settings(uow)
    names = user_names(uow, [o.rep_id, o.approved_by_id, o.blocked_by_id])
    lines = tuple(ContractLine(ln.line_no, ln.product_code, ln.product_name, ln.spec, ln.unit, ln.quantity,
                               ln.unit_price, ln.amount, ln.below_floor) for ln in lines_of(uow, o.id))
    decisions = tuple(Decision(d.kind, d.approved, d.approver, _day(d.decided_at) or o.order_date, d.note,
                               d.amount) for d in decisions_of(uow, o.id))
    return ContractDocument(
        str(settings["company.name"]), str(settings["company.currency"]), uow.clock(), o.number, o.status,
        o.order_date, o.signed_on, _party(uow, c), names.get(o.rep_id, ""), lines, o.total,
        o.prepayment_percent, o.prepayment_required, o.days_to_pay, o.cash_on_delivery, o.delivery_terms,
        o.delivery_address, o.delivery_date, o.note, o.major, decisions,
        names.get(o.approved_by_id or 0, ""), _day(o.approved_at), _day(o.blocked_at),
        names.get(o.blocked_by_id or 0, ""), o.block_reason)


@dataclass(frozen=True)
class NoteLine:
    line_no: int
    product_code: str
    product_name: str
    spec: str
    unit: str
    ordered: int
    quantity: int  # in this shipment (0: the line waits for a later one)
    shipped_through: int  # on the line up to and including this shipment
    unit_price: int
    amount: int

    @property
    def remaining(self) -> int:
        return self.ordered - self.shipped_through


@dataclass(frozen=True)
class DispatchNoteDocument:
    company_name: str
    currency: str
    printed_at: datetime
    number: str
    order_number: str
    ship_date: date
    customer: Party
    delivery_address: str
    delivery_terms: str
    carrier: str
    tracking_no: str
    freight: int
    insurance: int
    value: int
    note: str
    shipped_by: str
    handed_over_on: date | None
    received_by: str
    handover_note: str
    invoice_no: str
    due_date: date | None
    lines: tuple[NoteLine, ...]


@service(Perm.ORDER_VIEW)
def dispatch_note_document(uow: UnitOfWork, shipment_id: int) -> DispatchNoteDocument:
    view = shipment_view(uow, shipment_id)
    s = uow.session.get(Shipment, shipment_id)
    assert s is not None
    c = uow.session.get(Customer, view.customer_id)
    assert c is not None
    # every line of the order: what this shipment took, and what had shipped once it left
    # (later shipments do not count)
    through = dict(uow.session.execute(
        select(Movement.order_line_id, func.sum(Movement.quantity))
        .where(Movement.order_id == s.order_id, Movement.kind == MovementKind.OUT.value,
               Movement.shipment_id <= s.id)
        .group_by(Movement.order_line_id)).all())
    now = dict(uow.session.execute(
        select(Movement.order_line_id, func.sum(Movement.quantity))
        .where(Movement.shipment_id == s.id, Movement.kind == MovementKind.OUT.value)
        .group_by(Movement.order_line_id)).all())
    lines = tuple(NoteLine(ln.line_no, ln.product_code, ln.product_name, ln.spec, ln.unit, ln.quantity,
                           int(now.get(ln.id, 0)), int(through.get(ln.id, 0)), ln.unit_price,
                           int(now.get(ln.id, 0)) * ln.unit_price) for ln in lines_of(uow, s.order_id))
    settings = load_settings(uow)
    return DispatchNoteDocument(
        str(settings["company.name"]), str(settings["company.currency"]), uow.clock(), view.number,
        view.order_number, view.ship_date, _party(uow, c), view.delivery_address, view.delivery_terms,
        view.carrier, view.tracking_no, view.freight, view.insurance, view.value, view.note,
        view.shipped_by, view.handed_over_on, view.received_by, view.handover_note, view.invoice_no,
        view.due_date, lines)
