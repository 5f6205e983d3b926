"""What the warehouse reads: the dispatch notices (approved orders still to ship), one
shipment with its lines, and the dispatch register [发货登记] — every movement out and
back, filterable, keyset-paged newest first, exportable (reports/orders/dispatch_register_xlsx.py).

The register pages over dispatch_movements by (moved_on, id) — or (customer, moved_on,
id), (product, moved_on, id) when filtered so — joined by primary key to its headers:
a first page of 1,000,000 movements in a few milliseconds (benchmarks/bench_orders.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from datetime import date, datetime

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import aliased

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.common.errors import NotFound, ValidationError
from sales_desk.domain.common.roles import Perm
from sales_desk.domain.customers.files import sees_all_customers
from sales_desk.domain.orders.contracts import OPEN_FOR_DISPATCH
from sales_desk.domain.orders.dispatch import MovementKind, ship_to
from sales_desk.i18n import _
from sales_desk.models import (
    Customer,
    DispatchReturn,
    Movement,
    OrderLine,
    Product,
    Receivable,
    SalesOrder,
    Shipment,
    User,
)
from sales_desk.services.common.base import current_actor, service
from sales_desk.services.customers.scope import user_names
from sales_desk.services.orders.common import scoped, visible_order

# -- dispatch notices ------------------------------------------------------------------------


@dataclass(frozen=True)
class NoticeRow:
    order_id: int
    number: str
    status: str
    customer_id: int
    customer_code: str
    customer_name: str
    approved_at: datetime | None
    delivery_date: date | None
    delivery_address: str
    total: int
    shipped_value: int
    awaiting_prepayment: bool  # the prepayment gate is shut
    prepayment_required: int
    prepayment_received: int
    on_hold: bool
    customer_address: str = ""

    @property
    def ship_to(self) -> str:
        """The address the goods go to: the order's, else the customer's."""
        return ship_to(self.delivery_address, self.customer_address)


@service(Perm.ORDER_VIEW, read_only=True)
def dispatch_notices(uow: UnitOfWork, after: tuple[datetime, int] | None = None,
                     limit: int = 100) -> tuple[list[NoticeRow], tuple[datetime, int] | None]:
    """Approved orders with something left to ship, oldest approval first [发货通知].

    One keyset query per open status, each walking ix (status, approved_at, id) for at
    most a page, merged here: an IN over both statuses would sort every open order."""
    rows = []
    for status in sorted(OPEN_FOR_DISPATCH):
        q = scoped(uow, select(
            SalesOrder.id, SalesOrder.number, SalesOrder.status, SalesOrder.customer_id, Customer.code,
            Customer.name, SalesOrder.approved_at, SalesOrder.delivery_date, SalesOrder.delivery_address,
            SalesOrder.total, SalesOrder.shipped_value, SalesOrder.prepayment_required,
            SalesOrder.prepayment_received, Customer.credit_hold, Customer.address)
            .join(Customer, Customer.id == SalesOrder.customer_id)
            .where(SalesOrder.status == status.value), customer_joined=True)
        if after is not None:
            q = q.where(or_(SalesOrder.approved_at > after[0],
                            and_(SalesOrder.approved_at == after[0], SalesOrder.id > after[1])))
        rows += uow.session.execute(q.order_by(SalesOrder.approved_at, SalesOrder.id).limit(limit + 1)).all()
    rows = sorted(rows, key=lambda r: (r.approved_at, r.id))[:limit + 1]
    out = [NoticeRow(r.id, r.number, r.status, r.customer_id, r.code, r.name, r.approved_at,
                     r.delivery_date, r.delivery_address, r.total, r.shipped_value,
                     r.prepayment_received < r.prepayment_required, r.prepayment_required,
                     r.prepayment_received, r.credit_hold, r.address) for r in rows[:limit]]
    nxt = (out[-1].approved_at, out[-1].order_id) if len(rows) > limit and out[-1].approved_at else None
    return out, nxt


# -- one shipment ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ShipmentLine:
    movement_id: int
    line_no: int
    product_code: str
    product_name: str
    spec: str
    unit: str
    ordered: int
    quantity: int  # shipped now
    shipped_to_date: int  # on the order line, all shipments so far
    returned: int  # of this shipment's quantity
    unit_price: int
    amount: int


@dataclass(frozen=True)
class ShipmentView:
    id: int
    number: str
    order_id: int
    order_number: str
    customer_id: int
    customer_code: str
    customer_name: str
    customer_address: str
    customer_phone: str
    delivery_address: str
    delivery_terms: str
    ship_date: date
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
    lines: tuple[ShipmentLine, ...]


@service(Perm.ORDER_VIEW, read_only=True)
def get_shipment(uow: UnitOfWork, shipment_id: int) -> ShipmentView:
    return shipment_view(uow, shipment_id)


@service(Perm.ORDER_VIEW, read_only=True)
def shipment_id_by_number(uow: UnitOfWork, number: str) -> int:
    """For the CLI: DN2026-00007 → the shipment's id (if the actor sees its order)."""
    s = uow.session.scalar(select(Shipment).where(Shipment.number == number.strip().upper()))
    if s is None:
        raise NotFound(_("Shipment"), number)
    visible_order(uow, s.order_id)
    return s.id


def shipment_view(uow: UnitOfWork, shipment_id: int) -> ShipmentView:
    """Inside a running unit of work (the dispatch note reads it too)."""
    s = uow.session.get(Shipment, shipment_id)
    if s is None:
        raise NotFound(_("Shipment"), shipment_id)
    o = visible_order(uow, s.order_id)
    c = uow.session.get(Customer, o.customer_id)
    assert c is not None
    rows = uow.session.execute(
        select(Movement, OrderLine.line_no, OrderLine.quantity, OrderLine.shipped_qty, Product.code,
               Product.name, Product.spec, Product.unit)
        .join(OrderLine, OrderLine.id == Movement.order_line_id)
        .join(Product, Product.id == Movement.product_id)
        .where(Movement.shipment_id == s.id, Movement.kind == MovementKind.OUT.value)
        .order_by(OrderLine.line_no, Movement.id)).all()
    lines = tuple(ShipmentLine(m.id, no, code, name, spec, unit, ordered, m.quantity, shipped,
                               m.returned_qty, m.unit_price, m.amount)
                  for m, no, ordered, shipped, code, name, spec, unit in rows)
    invoice = uow.session.execute(select(Receivable.doc_no, Receivable.due_date).where(
        Receivable.shipment_id == s.id, Receivable.kind == "invoice")).first()
    names = user_names(uow, [s.shipped_by_id])
    return ShipmentView(
        s.id, s.number, o.id, o.number, c.id, c.code, c.name, c.address, c.phone, o.delivery_address,
        o.delivery_terms, s.ship_date, s.carrier, s.tracking_no, s.freight, s.insurance, s.value, s.note,
        names.get(s.shipped_by_id, ""), s.handed_over_on, s.received_by, s.handover_note,
        invoice.doc_no if invoice else "", invoice.due_date if invoice else None, lines)


# -- the register ------------------------------------------------------------------------------


@dataclass(frozen=True)
class RegisterFilter:
    date_from: date | None = None
    date_to: date | None = None
    customer_id: int | None = None
    product_id: int | None = None
    order_id: int | None = None
    kind: str = ""  # MovementKind value; "": both


@dataclass(frozen=True)
class RegisterRow:
    movement_id: int
    kind: str  # MovementKind
    moved_on: date
    document_no: str  # the dispatch note, or the return
    order_no: str
    customer_code: str
    customer_name: str
    product_code: str
    product_name: str
    unit: str
    quantity: int  # signed: returns negative
    unit_price: int
    amount: int  # signed
    carrier: str
    tracking_no: str
    handed_over_on: date | None
    received_by: str
    shipped_by: str


@dataclass(frozen=True)
class RegisterPage:
    rows: tuple[RegisterRow, ...]
    next_after: tuple[date, int] | None


_Shipper = aliased(User)


def _movements(uow: UnitOfWork, f: RegisterFilter, *, walked: bool) -> Select:
    """The ids of the movements the filter and the actor's scope take, from the movements
    alone. `walked` (a page): a rep's scope is tested row by row, so that the page walks the
    (date, id) index newest first and stops when it is full — joined to the products first,
    SQLite read all 1,000,000 movements and sorted them (10 s at 100,000 customers), and a
    rep's, read through their orders and customers, all of theirs (0.6 s). A count reads those."""
    q = select(Movement.id)
    actor = current_actor(uow)
    if not sees_all_customers(actor.roles):
        uid = actor.user_id
        if walked:
            order_rep = select(SalesOrder.rep_id).where(SalesOrder.id == Movement.order_id).scalar_subquery()
            customer_rep = select(Customer.rep_id).where(Customer.id == Movement.customer_id).scalar_subquery()
            q = q.where(or_(order_rep == uid, customer_rep == uid))
        else:
            q = q.where(or_(Movement.order_id.in_(select(SalesOrder.id).where(SalesOrder.rep_id == uid)),
                            Movement.customer_id.in_(select(Customer.id).where(Customer.rep_id == uid))))
    if f.date_from is not None:
        q = q.where(Movement.moved_on >= f.date_from)
    if f.date_to is not None:
        q = q.where(Movement.moved_on <= f.date_to)
    for column, value in ((Movement.customer_id, f.customer_id), (Movement.product_id, f.product_id),
                          (Movement.order_id, f.order_id)):
        if value is not None:
            q = q.where(column == value)
    if f.kind:
        try:
            q = q.where(Movement.kind == MovementKind(f.kind).value)
        except ValueError:
            raise ValidationError(_("Movement"), _("not a valid value")) from None
    return q


def _with_details(ids: Select) -> Select:
    """The register's columns for the movements `ids` selects."""
    return (select(Movement.id, Movement.kind, Movement.moved_on, Shipment.number, DispatchReturn.number,
                   SalesOrder.number, Customer.code, Customer.name, Product.code, Product.name, Product.unit,
                   Movement.quantity, Movement.unit_price, Movement.amount, Shipment.carrier,
                   Shipment.tracking_no, Shipment.handed_over_on, Shipment.received_by, _Shipper.full_name)
            .join(Shipment, Shipment.id == Movement.shipment_id)
            .outerjoin(DispatchReturn, DispatchReturn.id == Movement.return_id)
            .join(SalesOrder, SalesOrder.id == Movement.order_id)
            .join(Customer, Customer.id == Movement.customer_id)
            .join(Product, Product.id == Movement.product_id)
            .outerjoin(_Shipper, _Shipper.id == Shipment.shipped_by_id)
            .where(Movement.id.in_(ids)))


def _rows(result) -> list[RegisterRow]:  # noqa: ANN001 - a SQLAlchemy Result
    out = []
    for r in result:
        sign = -1 if r[1] == MovementKind.RETURN else 1
        out.append(RegisterRow(r[0], r[1], r[2], r[4] or r[3], r[5], r[6], r[7], r[8], r[9], r[10],
                               sign * r[11], r[12], sign * r[13], r[14], r[15], r[16], r[17], r[18] or ""))
    return out


def _page(uow: UnitOfWork, f: RegisterFilter, after: tuple[date, int] | None, limit: int
          ) -> tuple[list[RegisterRow], tuple[date, int] | None]:
    ids = _movements(uow, f, walked=True)
    if after is not None:
        ids = ids.where(or_(Movement.moved_on < after[0], and_(Movement.moved_on == after[0],
                                                                 Movement.id < after[1])))
    newest_first = (Movement.moved_on.desc(), Movement.id.desc())
    rows = _rows(uow.session.execute(_with_details(ids.order_by(*newest_first).limit(limit + 1))
                                     .order_by(*newest_first)))
    nxt = (rows[limit - 1].moved_on, rows[limit - 1].movement_id) if len(rows) > limit else None
    return rows[:limit], nxt


@service(Perm.ORDER_VIEW, read_only=True)
def dispatch_register(uow: UnitOfWork, flt: RegisterFilter = RegisterFilter(),
                      after: tuple[date, int] | None = None, limit: int = 100) -> RegisterPage:
    """One page of every movement, newest first; `after` is the previous page's next_after."""
    rows, nxt = _page(uow, flt, after, limit)
    return RegisterPage(tuple(rows), nxt)


@service(Perm.ORDER_VIEW, read_only=True)
def count_register(uow: UnitOfWork, flt: RegisterFilter = RegisterFilter()) -> int:
    return int(uow.session.scalar(select(func.count()).select_from(_movements(uow, flt, walked=False).subquery())) or 0)


def iter_register(uow: UnitOfWork, flt: RegisterFilter, batch: int = 2000) -> Iterator[RegisterRow]:
    after: tuple[date, int] | None = None
    while True:
        rows, after = _page(uow, flt, after, batch)
        yield from rows
        if after is None:
            return


@service(Perm.ORDER_VIEW)
def export_register(uow: UnitOfWork, flt: RegisterFilter,
                    consume: Callable[[Iterator[RegisterRow]], int]) -> int:
    """Hand the filtered register to a writer (reports/orders/dispatch_register_xlsx.py); audited."""
    count = consume(iter_register(uow, flt))
    uow.audit("dispatch.export_register", "dispatch", "register", None,
              {"filter": {k: v for k, v in asdict(flt).items() if v not in ("", None)}, "rows": count})
    uow.commit()
    return count
