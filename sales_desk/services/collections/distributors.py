"""Distributors [经销商] and their monthly stock reports [进销存] (seed 002 一、11: 定期盘存客户的
总库存并做好每月的销售与库存增减的记录). Rules: domain/collections/rebates.py.

The sales manager marks a customer as a distributor with its agreement; the rep (or whoever
follows the customer) enters what the distributor reports per product and month; the sheet
sets what it says it received beside what we shipped it less returns that month.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import extract, func, select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.collections.rebates import (
    StockFigures,
    check_stock,
    month_start,
    received_gap,
)
from sales_desk.domain.common.errors import NotFound, ValidationError
from sales_desk.domain.common.roles import Perm
from sales_desk.domain.orders.dispatch import MovementKind
from sales_desk.i18n import _
from sales_desk.models import Customer, Distributor, Movement, Product, StockReport
from sales_desk.services.collections.common import scope_to_actor
from sales_desk.services.common.base import current_actor, require_any, service, user_names
from sales_desk.services.customers.scope import business_today, visible_customer

VIEWERS = (Perm.RECEIVABLE_VIEW, Perm.DISTRIBUTOR_STOCK, Perm.DISTRIBUTOR_MANAGE)


@dataclass(frozen=True)
class DistributorInput:
    customer_id: int
    agreement_no: str
    signed_on: date
    territory: str = ""
    note: str = ""


def mark_in(uow: UnitOfWork, data: DistributorInput) -> Distributor:
    c = visible_customer(uow, data.customer_id)
    if not data.agreement_no.strip():
        raise ValidationError(_("Agreement number"), _("give the number of the distribution agreement"))
    if data.signed_on > business_today(uow):
        raise ValidationError(_("Signed on"), _("must not lie in the future"))
    d = uow.session.scalar(select(Distributor).where(Distributor.customer_id == c.id))
    before = None if d is None else {"agreement_no": d.agreement_no, "signed_on": d.signed_on,
                                     "territory": d.territory}
    if d is None:
        d = Distributor(customer_id=c.id, marked_by_id=current_actor(uow).user_id, marked_at=uow.clock())
        uow.session.add(d)
    d.agreement_no, d.signed_on = data.agreement_no.strip()[:40], data.signed_on
    d.territory, d.note = data.territory.strip()[:200], data.note.strip()
    uow.session.flush()
    uow.audit("distributor.mark", "customer", c.id, before,
              {"customer": c.code, "agreement_no": d.agreement_no, "signed_on": d.signed_on,
               "territory": d.territory})
    return d


@service(Perm.DISTRIBUTOR_MANAGE)
def mark_distributor(uow: UnitOfWork, data: DistributorInput) -> int:
    """Mark the customer as a distributor with its agreement (or correct the agreement)."""
    d = mark_in(uow, data)
    uow.commit()
    return d.id


@dataclass(frozen=True)
class DistributorRow:
    customer_id: int
    code: str
    name: str
    agreement_no: str
    signed_on: date
    territory: str
    marked_by: str
    last_report: date | None  # the latest month with a stock report


@service(Perm.CUSTOMER_VIEW, read_only=True)
def distributors(uow: UnitOfWork) -> list[DistributorRow]:
    """The distributors the actor sees, by customer code."""
    require_any(uow, VIEWERS)
    last = (select(StockReport.customer_id, func.max(StockReport.period).label("last"))
            .group_by(StockReport.customer_id).subquery())
    q = (select(Distributor, Customer.code, Customer.name, last.c.last)
         .join(Customer, Customer.id == Distributor.customer_id)
         .outerjoin(last, last.c.customer_id == Distributor.customer_id).order_by(Customer.code))
    rows = uow.session.execute(scope_to_actor(uow, q, Distributor.customer_id)).all()
    names = user_names(uow, [d.marked_by_id for d, *_r in rows])
    return [DistributorRow(d.customer_id, code, name, d.agreement_no, d.signed_on, d.territory,
                           names.get(d.marked_by_id, ""), lastp) for d, code, name, lastp in rows]


def distributor_of(uow: UnitOfWork, customer_id: int) -> Distributor:
    c = visible_customer(uow, customer_id)
    d = uow.session.scalar(select(Distributor).where(Distributor.customer_id == c.id))
    if d is None:
        raise ValidationError(_("Customer"), _("{code} is not a distributor").format(code=c.code))
    return d


# -- stock reports [进销存] --------------------------------------------------------------------------


@dataclass(frozen=True)
class StockInput:
    customer_id: int
    product_id: int
    month: date  # any day of the month
    opening: int
    received: int
    sold: int
    closing: int
    note: str = ""


def record_stock_in(uow: UnitOfWork, data: StockInput) -> StockReport:
    distributor_of(uow, data.customer_id)
    figures = StockFigures(data.opening, data.received, data.sold, data.closing)
    check_stock(figures)
    period = month_start(data.month)
    if period > business_today(uow):
        raise ValidationError(_("Month"), _("a month still to come has nothing to report"))
    p = uow.session.get(Product, data.product_id)
    if p is None:
        raise NotFound(_("Product"), data.product_id)
    r = uow.session.scalar(select(StockReport).where(
        StockReport.customer_id == data.customer_id, StockReport.product_id == p.id, StockReport.period == period)
        .with_for_update())
    before = None if r is None else {"opening": r.opening, "received": r.received, "sold": r.sold,
                                     "closing": r.closing}
    if r is None:
        r = StockReport(customer_id=data.customer_id, product_id=p.id, period=period)
        uow.session.add(r)
    r.opening, r.received, r.sold, r.closing = data.opening, data.received, data.sold, data.closing
    r.note, r.entered_by_id, r.entered_at = data.note.strip(), current_actor(uow).user_id, uow.clock()
    uow.session.flush()
    code = uow.session.scalar(select(Customer.code).where(Customer.id == data.customer_id))
    uow.audit("distributor.stock", "customer", data.customer_id, before,
              {"customer": code, "product": p.code, "month": period.strftime("%Y-%m"), "opening": r.opening,
               "received": r.received, "sold": r.sold, "closing": r.closing,
               "closing_gap": figures.closing_gap})
    return r


@service(Perm.DISTRIBUTOR_STOCK)
def record_stock(uow: UnitOfWork, data: StockInput) -> int:
    """Enter (or correct) a distributor's reported stock of one product for one month."""
    r = record_stock_in(uow, data)
    uow.commit()
    return r.id


@dataclass(frozen=True)
class StockRow:
    month: date
    product_id: int
    product_code: str
    product_name: str
    opening: int | None  # None: no report for the month (our shipments only)
    received: int | None
    sold: int | None
    closing: int | None
    shipped: int  # our shipments to it that month less returns, in units
    received_gap: int | None  # reported received − our net shipments
    closing_gap: int | None  # reported closing − (opening + received − sold)
    opening_gap: int | None  # this opening − last month's reported closing
    entered_by: str


def net_shipped_by_month(uow: UnitOfWork, customer_id: int, year: int) -> dict[tuple[int, int], int]:
    """(product, month) → units shipped to the customer less units that came back."""
    month = extract("month", Movement.moved_on)
    rows = uow.session.execute(
        select(Movement.product_id, month, Movement.kind, func.sum(Movement.quantity))
        .where(Movement.customer_id == customer_id, Movement.moved_on >= date(year, 1, 1),
               Movement.moved_on <= date(year, 12, 31))
        .group_by(Movement.product_id, month, Movement.kind)).all()
    out: dict[tuple[int, int], int] = defaultdict(int)
    for pid, m, kind, qty in rows:
        out[(pid, int(m))] += int(qty) * (1 if kind == MovementKind.OUT.value else -1)
    return dict(out)


@service(Perm.CUSTOMER_VIEW, read_only=True)
def stock_sheet(uow: UnitOfWork, customer_id: int, year: int) -> list[StockRow]:
    """The distributor's year by product and month: what it reported beside what we shipped."""
    require_any(uow, VIEWERS)
    distributor_of(uow, customer_id)
    reports = {(r.product_id, r.period.month): r for r in uow.session.scalars(
        select(StockReport).where(StockReport.customer_id == customer_id, StockReport.period >= date(year, 1, 1),
                                  StockReport.period <= date(year, 12, 1)))}
    prior = {r.product_id: r.closing for r in uow.session.scalars(
        select(StockReport).where(StockReport.customer_id == customer_id, StockReport.period == date(year - 1, 12, 1)))}
    shipped = net_shipped_by_month(uow, customer_id, year)
    pids = {k[0] for k in reports} | {k[0] for k in shipped}
    products = {p.id: p for p in uow.session.scalars(select(Product).where(Product.id.in_(pids)))} if pids else {}
    names = user_names(uow, [r.entered_by_id for r in reports.values()])
    out: list[StockRow] = []
    for pid in sorted(pids, key=lambda i: products[i].code):
        last_closing = prior.get(pid)
        for m in range(1, 13):
            r, net = reports.get((pid, m)), shipped.get((pid, m), 0)
            if r is None and not net:
                continue
            p = products[pid]
            if r is None:
                out.append(StockRow(date(year, m, 1), pid, p.code, p.name, None, None, None, None, net,
                                    None, None, None, ""))
                continue
            f = StockFigures(r.opening, r.received, r.sold, r.closing)
            out.append(StockRow(r.period, pid, p.code, p.name, r.opening, r.received, r.sold, r.closing, net,
                                received_gap(r.received, net), f.closing_gap,
                                None if last_closing is None else r.opening - last_closing,
                                names.get(r.entered_by_id, "")))
            last_closing = r.closing
    return sorted(out, key=lambda x: (x.month, x.product_code))
