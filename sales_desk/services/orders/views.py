"""Reading orders: one order with its lines, decisions, prepayments and shipments, and
the order list (filtered in SQL, keyset-paged newest first). Flat frozen rows only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.common.errors import NotFound, ValidationError
from sales_desk.domain.common.roles import Perm
from sales_desk.domain.orders.contracts import ApprovalKind, OrderStatus, credit_exposure
from sales_desk.domain.orders.dispatch import ship_to
from sales_desk.i18n import _
from sales_desk.models import (
    Customer,
    OrderApproval,
    OrderLine,
    Product,
    Receivable,
    SalesOrder,
    Shipment,
    User,
)
from sales_desk.services.common.base import service
from sales_desk.services.common.keyset import sorted_page
from sales_desk.services.customers.scope import user_names
from sales_desk.services.orders.common import order_money, scoped, visible_order
from sales_desk.services.orders.entry import pending_reviews
from sales_desk.services.orders.prepayments import PrepaymentRow, prepayments_of


@dataclass(frozen=True)
class LineRow:
    id: int
    line_no: int
    product_id: int
    product_code: str
    product_name: str
    spec: str
    unit: str
    quantity: int
    unit_price: int
    amount: int
    list_price: int
    floor_price: int
    ceiling_price: int
    below_floor: bool
    shipped_qty: int
    returned_qty: int
    note: str

    @property
    def remaining(self) -> int:
        return self.quantity - self.shipped_qty


@dataclass(frozen=True)
class DecisionRow:
    id: int
    kind: str  # domain.orders.ApprovalKind
    revision: int
    approved: bool
    note: str
    amount: int | None
    exposure: int | None
    available: int | None
    approver: str
    decided_at: datetime


@dataclass(frozen=True)
class ShipmentRow:
    id: int
    number: str
    ship_date: date
    value: int
    carrier: str
    tracking_no: str
    handed_over_on: date | None
    invoice_no: str
    due_date: date | None


@dataclass(frozen=True)
class OrderView:
    id: int
    number: str
    status: str
    customer_id: int
    customer_code: str
    customer_name: str
    rep_id: int
    rep_name: str
    created_by_id: int
    created_by: str
    order_date: date
    prepayment_percent: int
    days_to_pay: int
    cash_on_delivery: bool
    delivery_terms: str
    delivery_address: str
    delivery_date: date | None
    note: str
    total: int
    shipped_value: int
    returned_value: int
    prepayment_required: int
    prepayment_received: int
    prepayment_applied: int
    credit_asked: int  # what it holds of the customer's credit now (approved orders)
    needs_price_approval: bool
    major: bool
    revision: int
    pending_reviews: tuple[str, ...]  # ApprovalKind values still needed before signing
    submitted_at: datetime | None
    signed_on: date | None
    approved_at: datetime | None
    approved_by: str
    blocked_at: datetime | None
    blocked_by: str
    block_reason: str
    block_excess: int | None
    closed_at: datetime | None
    cancelled_at: datetime | None
    end_reason: str
    lines: tuple[LineRow, ...]
    decisions: tuple[DecisionRow, ...]
    prepayments: tuple[PrepaymentRow, ...]
    shipments: tuple[ShipmentRow, ...]
    customer_address: str = ""
    version: int = 1  # the one a save names (no lost update, services/common/versions.py)

    @property
    def ship_to(self) -> str:
        """The address the goods go to: the order's, else the customer's."""
        return ship_to(self.delivery_address, self.customer_address)

    @property
    def overridden(self) -> bool:
        return any(d.kind == ApprovalKind.CREDIT_OVERRIDE for d in self.decisions)


def lines_of(uow: UnitOfWork, order_id: int) -> list[LineRow]:
    rows = uow.session.execute(
        select(OrderLine, Product.code, Product.name, Product.spec, Product.unit)
        .join(Product, Product.id == OrderLine.product_id)
        .where(OrderLine.order_id == order_id).order_by(OrderLine.line_no)).all()
    return [LineRow(ln.id, ln.line_no, ln.product_id, code, name, spec, unit, ln.quantity, ln.unit_price,
                    ln.amount, ln.list_price, ln.floor_price, ln.ceiling_price, ln.below_floor,
                    ln.shipped_qty, ln.returned_qty, ln.note) for ln, code, name, spec, unit in rows]


def decisions_of(uow: UnitOfWork, order_id: int) -> list[DecisionRow]:
    rows = list(uow.session.scalars(select(OrderApproval).where(OrderApproval.order_id == order_id)
                                    .order_by(OrderApproval.decided_at, OrderApproval.id)))
    names = user_names(uow, [a.approver_id for a in rows])
    return [DecisionRow(a.id, a.kind, a.revision, a.approved, a.note, a.amount, a.exposure, a.available,
                        names.get(a.approver_id, ""), a.decided_at) for a in rows]


def shipments_of(uow: UnitOfWork, order_id: int) -> list[ShipmentRow]:
    rows = uow.session.execute(
        select(Shipment, Receivable.doc_no, Receivable.due_date)
        .outerjoin(Receivable, (Receivable.shipment_id == Shipment.id) & (Receivable.kind == "invoice"))
        .where(Shipment.order_id == order_id).order_by(Shipment.ship_date, Shipment.id)).all()
    return [ShipmentRow(s.id, s.number, s.ship_date, s.value, s.carrier, s.tracking_no, s.handed_over_on,
                        doc_no or "", due) for s, doc_no, due in rows]


@service(Perm.ORDER_VIEW, read_only=True)
def get_order(uow: UnitOfWork, order_id: int) -> OrderView:
    o = visible_order(uow, order_id)
    c = uow.session.get(Customer, o.customer_id)
    assert c is not None
    names = user_names(uow, [o.rep_id, o.created_by_id, o.approved_by_id, o.blocked_by_id])
    pending = tuple(k.value for k in pending_reviews(uow, o)) if o.status == OrderStatus.SUBMITTED else ()
    held = credit_exposure(order_money(o)) if o.status in (OrderStatus.APPROVED,
                                                           OrderStatus.PARTLY_SHIPPED) else 0
    return OrderView(
        o.id, o.number, o.status, c.id, c.code, c.name, o.rep_id, names.get(o.rep_id, ""),
        o.created_by_id, names.get(o.created_by_id, ""), o.order_date, o.prepayment_percent,
        o.days_to_pay, o.cash_on_delivery, o.delivery_terms, o.delivery_address, o.delivery_date, o.note,
        o.total, o.shipped_value, o.returned_value, o.prepayment_required, o.prepayment_received,
        o.prepayment_applied, held, o.needs_price_approval, o.major, o.revision, pending, o.submitted_at,
        o.signed_on, o.approved_at, names.get(o.approved_by_id or 0, ""), o.blocked_at,
        names.get(o.blocked_by_id or 0, ""), o.block_reason,
        o.block_excess, o.closed_at, o.cancelled_at, o.end_reason,
        tuple(lines_of(uow, o.id)), tuple(decisions_of(uow, o.id)), tuple(prepayments_of(uow, o)),
        tuple(shipments_of(uow, o.id)), c.address, o.version)


# -- the list ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class OrderFilter:
    statuses: Sequence[str] = ()  # OrderStatus values; empty: all
    customer_id: int | None = None
    rep_id: int | None = None
    number: str = ""  # prefix of the order number
    date_from: date | None = None
    date_to: date | None = None
    major: bool | None = None
    needs_price_approval: bool | None = None


@dataclass(frozen=True)
class OrderRow:
    id: int
    number: str
    status: str
    order_date: date
    customer_id: int
    customer_code: str
    customer_name: str
    rep_name: str
    total: int
    shipped_value: int
    major: bool
    needs_price_approval: bool
    block_reason: str


@dataclass(frozen=True)
class OrderPage:
    rows: tuple[OrderRow, ...]
    # pass back as `after`; None: the last page. The order's id, or (the sort column's
    # value, id) when the list is sorted by a column.
    next_after: int | tuple[Any, int] | None


# The columns the list sorts by (a header click), each with the row's field holding its value.
ORDER_SORTS: dict[str, str] = {"number": "number", "date": "order_date", "customer": "customer_name",
                               "rep": "rep_name", "status": "status", "total": "total",
                               "shipped": "shipped_value"}


def _sort_expression(sort: str) -> Any:
    return {"number": SalesOrder.number, "date": SalesOrder.order_date, "customer": Customer.name,
            "rep": func.coalesce(User.full_name, ""), "status": SalesOrder.status,
            "total": SalesOrder.total, "shipped": SalesOrder.shipped_value}[sort]


def order_sort_key(row: OrderRow, sort: str | None) -> int | tuple[Any, int]:
    """The `after` that continues a list sorted by `sort` past `row`."""
    return row.id if sort is None else (getattr(row, ORDER_SORTS[sort]), row.id)


@service(Perm.ORDER_VIEW, read_only=True)
def list_orders(uow: UnitOfWork, flt: OrderFilter = OrderFilter(), after: int | tuple[Any, int] | None = None,
                limit: int = 100, sort: str | None = None, descending: bool = False) -> OrderPage:
    """Newest first (by id), or by the column `sort` names (ORDER_SORTS) in SQL, the id
    the tie-break so equal values page stably; `after` is the previous page's next_after."""
    if sort is not None and sort not in ORDER_SORTS:
        raise ValidationError(_("Sort"), _("not a valid value"))
    q = (select(SalesOrder.id, SalesOrder.number, SalesOrder.status, SalesOrder.order_date,
                SalesOrder.customer_id, Customer.code, Customer.name, User.full_name, SalesOrder.total,
                SalesOrder.shipped_value, SalesOrder.major, SalesOrder.needs_price_approval,
                SalesOrder.block_reason)
         .join(Customer, Customer.id == SalesOrder.customer_id)
         .outerjoin(User, User.id == SalesOrder.rep_id))
    q = scoped(uow, q)
    if flt.statuses:
        q = q.where(SalesOrder.status.in_([OrderStatus(s).value for s in flt.statuses]))
    if flt.customer_id is not None:
        q = q.where(SalesOrder.customer_id == flt.customer_id)
    if flt.rep_id is not None:
        q = q.where(SalesOrder.rep_id == flt.rep_id)
    if flt.number.strip():
        q = q.where(SalesOrder.number.startswith(flt.number.strip().upper(), autoescape=True))
    if flt.date_from is not None:
        q = q.where(SalesOrder.order_date >= flt.date_from)
    if flt.date_to is not None:
        q = q.where(SalesOrder.order_date <= flt.date_to)
    if flt.major is not None:
        q = q.where(SalesOrder.major.is_(flt.major))
    if flt.needs_price_approval is not None:
        q = q.where(SalesOrder.needs_price_approval.is_(flt.needs_price_approval))
    if sort is None:
        if after is not None:
            q = q.where(SalesOrder.id < after)
        q = q.order_by(SalesOrder.id.desc())
    else:
        q = sorted_page(q, _sort_expression(sort), SalesOrder.id, after, descending)  # type: ignore[arg-type]
    rows = [OrderRow(*r[:7], r[7] or "", *r[8:]) for r in uow.session.execute(q.limit(limit + 1))]
    more = len(rows) > limit
    rows = rows[:limit]
    return OrderPage(tuple(rows), order_sort_key(rows[-1], sort) if more else None)


@service(Perm.ORDER_VIEW, read_only=True)
def order_id_by_number(uow: UnitOfWork, number: str) -> int:
    """For the CLI and the search box: SO2026-00042 → the order's id (if the actor sees it)."""
    found = uow.session.scalar(select(SalesOrder.id).where(SalesOrder.number == number.strip().upper()))
    if found is None:
        raise NotFound(_("Order"), number)
    return visible_order(uow, found).id
