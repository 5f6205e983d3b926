"""The month's stock sheet of all the distributors the actor sees [经销商进销存表]: per distributor
and product, opening, received (our shipments less returns), sold and closing stock, with the
distributors whose closing disagrees or who have not reported the month flagged. Rules:
domain/collections/stock_check.py; entering a report: services/collections/distributors.py.

Three queries whatever the number of distributors: the month's and the previous month's
reports, and the month's movements grouped by customer, product and direction.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.collections.rebates import StockFigures, month_start
from sales_desk.domain.collections.stock_check import Flags, StockCheck, check_month, flags_of
from sales_desk.domain.common.roles import Perm
from sales_desk.domain.orders.dispatch import MovementKind
from sales_desk.models import Customer, Distributor, Movement, Product, StockReport
from sales_desk.services.collections.common import scope_to_actor
from sales_desk.services.collections.distributors import VIEWERS
from sales_desk.services.common.base import require_any, service, user_names


@dataclass(frozen=True)
class StockLine:
    product_id: int | None  # None: the placeholder line of a distributor with nothing to show
    product_code: str
    product_name: str
    check: StockCheck
    entered_by: str  # who entered the month's report of the product


@dataclass(frozen=True)
class DistributorStock:
    customer_id: int
    code: str
    name: str
    rep: str
    flags: Flags
    lines: tuple[StockLine, ...]


@dataclass(frozen=True)
class StockMonth:
    month: date  # the month's first day
    distributors: tuple[DistributorStock, ...]  # by customer code

    @property
    def flagged(self) -> tuple[DistributorStock, ...]:
        return tuple(d for d in self.distributors if d.flags.flagged)


def _next_month(m: date) -> date:
    return (m + timedelta(days=32)).replace(day=1)


def _previous_month(m: date) -> date:
    return (m - timedelta(days=1)).replace(day=1)


def build_month(uow: UnitOfWork, month: date) -> StockMonth:
    m = month_start(month)
    q = (select(Distributor.customer_id, Customer.code, Customer.name, Customer.rep_id)
         .join(Customer, Customer.id == Distributor.customer_id).order_by(Customer.code))
    dists = uow.session.execute(scope_to_actor(uow, q, Distributor.customer_id)).all()
    ids = [d.customer_id for d in dists]
    if not ids:
        return StockMonth(m, ())
    reports: dict[tuple[int, int], StockReport] = {}
    last_closing: dict[tuple[int, int], int] = {}
    for r in uow.session.scalars(select(StockReport).where(
            StockReport.customer_id.in_(ids), StockReport.period.in_((m, _previous_month(m))))):
        if r.period == m:
            reports[(r.customer_id, r.product_id)] = r
        else:
            last_closing[(r.customer_id, r.product_id)] = r.closing
    shipped: dict[tuple[int, int], int] = defaultdict(int)
    for cid, pid, kind, qty in uow.session.execute(
            select(Movement.customer_id, Movement.product_id, Movement.kind, func.sum(Movement.quantity))
            .where(Movement.customer_id.in_(ids), Movement.moved_on >= m, Movement.moved_on < _next_month(m))
            .group_by(Movement.customer_id, Movement.product_id, Movement.kind)):
        shipped[(cid, pid)] += int(qty) * (1 if kind == MovementKind.OUT.value else -1)
    keys = set(reports) | {k for k, v in last_closing.items() if v} | {k for k, v in shipped.items() if v}
    pids = {pid for _c, pid in keys}
    products = {p: (code, name) for p, code, name in uow.session.execute(
        select(Product.id, Product.code, Product.name).where(Product.id.in_(pids)))} if pids else {}
    names = user_names(uow, [r.entered_by_id for r in reports.values()] + [d.rep_id for d in dists if d.rep_id])
    out = []
    for d in dists:
        lines = []
        for _c, pid in sorted((k for k in keys if k[0] == d.customer_id), key=lambda k: products[k[1]][0]):
            r = reports.get((d.customer_id, pid))
            figures = None if r is None else StockFigures(r.opening, r.received, r.sold, r.closing)
            check = check_month(last_closing.get((d.customer_id, pid)), figures, shipped.get((d.customer_id, pid), 0))
            code, name = products[pid]
            lines.append(StockLine(pid, code, name, check, "" if r is None else names.get(r.entered_by_id, "")))
        reported = any(r_cid == d.customer_id for r_cid, _p in reports)
        if not lines:  # nothing shipped, held or reported: the distributor still shows, unreported
            lines.append(StockLine(None, "", "", check_month(None, None, 0), ""))
        flags = flags_of([x.check for x in lines], reported)
        out.append(DistributorStock(d.customer_id, d.code, d.name, names.get(d.rep_id or 0, ""), flags,
                                    tuple(lines)))
    return StockMonth(m, tuple(out))


@service(Perm.CUSTOMER_VIEW, read_only=True)
def stock_month(uow: UnitOfWork, month: date) -> StockMonth:
    """The month's sheet of the distributors the actor sees (a rep: their own)."""
    require_any(uow, VIEWERS)
    return build_month(uow, month)


@service(Perm.CUSTOMER_VIEW)
def export_stock_month(uow: UnitOfWork, month: date, write: Callable[[StockMonth], int]) -> int:
    """Hand the month's sheet to a writer (reports/collections/distributor_stock_xlsx.py); audited."""
    require_any(uow, VIEWERS)
    sheet = build_month(uow, month)
    count = write(sheet)
    uow.audit("distributor.export_stock", "distributor", sheet.month.strftime("%Y-%m"), None,
              {"month": sheet.month, "distributors": len(sheet.distributors), "flagged": len(sheet.flagged),
               "rows": count})
    uow.commit()
    return count
