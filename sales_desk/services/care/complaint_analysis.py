"""Complaint analysis [投诉分析]: a period's cases by cause, product, severity, month and
customer, each with how many closed, the average days to close, repeats and late ones.

All over the covering index ix_service_cases_received (received_on, kind, cause, product_id,
severity, customer_id, …), so a year of 200,000 cases reads no table rows, and in passes a
database does cheaply (benchmarks/bench_complaints.py; SQLite has no hash aggregate: each
GROUP BY not in the index's order sorts every row, its cost growing with what it carries):
- by day, in the index's order (no sort): the total, and the months folded here;
- by cause × product × severity (a few hundred groups), folded here into the three views;
- the customers with the most cases, counted alone (one narrow sort), then the measures of
  those few through ix_service_cases_customer_received.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import and_, case, func, or_, select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.care.complaints import Cause, Severity
from sales_desk.domain.common.errors import ValidationError
from sales_desk.domain.common.roles import Perm
from sales_desk.i18n import _
from sales_desk.models import Customer, Product, ServiceCase
from sales_desk.services.common.base import business_today, service

TOP_CUSTOMERS = 20


@dataclass(frozen=True)
class Group:
    key: str
    label: str
    count: int
    closed: int
    average_days: Decimal | None  # to close, over the closed ones
    repeats: int
    late: int  # closed after the deadline, or open past it


@dataclass(frozen=True)
class ComplaintAnalysis:
    start: date
    end: date
    kind: str | None
    total: Group
    by_cause: tuple[Group, ...]
    by_product: tuple[Group, ...]
    by_severity: tuple[Group, ...]
    by_month: tuple[Group, ...]
    by_customer: tuple[Group, ...]  # the most cases first


class _Sum:
    __slots__ = ("count", "closed", "days", "repeats", "late")

    def __init__(self) -> None:
        self.count = self.closed = self.days = self.repeats = self.late = 0

    def add(self, count: int, closed: int, days: int, repeats: int, late: int) -> None:
        self.count += count
        self.closed += closed
        self.days += days
        self.repeats += repeats
        self.late += late

    def group(self, key: str, label: str) -> Group:
        avg = (Decimal(self.days) / self.closed).quantize(Decimal("0.1"), ROUND_HALF_UP) if self.closed else None
        return Group(key, label, self.count, self.closed, avg, self.repeats, self.late)


def _measures(today: date) -> tuple:  # the five sums every grouping takes
    late = or_(ServiceCase.closed_on > ServiceCase.due_on,
               and_(ServiceCase.closed_on.is_(None), ServiceCase.due_on < today))
    return (func.count(), func.count(ServiceCase.closed_on), func.coalesce(func.sum(ServiceCase.days_to_close), 0),
            func.count(ServiceCase.repeat_of_id), func.sum(case((late, 1), else_=0)))


def _ints(figures: list) -> tuple[int, int, int, int, int]:
    n, closed, days, repeats, late = figures
    return int(n), int(closed), int(days or 0), int(repeats), int(late or 0)


@service(Perm.COMPLAINT_ANALYSE, read_only=True)
def complaint_analysis(uow: UnitOfWork, start: date, end: date, kind: str | None = "complaint") -> ComplaintAnalysis:
    """The cases received from start to end (both included); kind None: complaints and service cases."""
    if end < start:
        raise ValidationError(_("Period"), _("the end lies before the start"))
    today = business_today(uow)
    where = [ServiceCase.received_on >= start, ServiceCase.received_on <= end]
    if kind is not None:
        where.append(ServiceCase.kind == kind)
    measures = _measures(today)
    total = _Sum()
    sums: dict[str, dict[object, _Sum]] = {d: defaultdict(_Sum) for d in ("cause", "product", "severity", "month")}
    for day, *figures in uow.session.execute(
            select(ServiceCase.received_on, *measures).where(*where).group_by(ServiceCase.received_on)):
        total.add(*_ints(figures))
        sums["month"][f"{day:%Y-%m}"].add(*_ints(figures))
    for cause, product_id, severity, *figures in uow.session.execute(
            select(ServiceCase.cause, ServiceCase.product_id, ServiceCase.severity, *measures).where(*where)
            .group_by(ServiceCase.cause, ServiceCase.product_id, ServiceCase.severity)):
        for dim, key in (("cause", cause), ("product", product_id), ("severity", severity)):
            sums[dim][key].add(*_ints(figures))
    products = dict(uow.session.execute(select(Product.id, Product.name).where(
        Product.id.in_([k for k in sums["product"] if k is not None]))).all()) if sums["product"] else {}
    n = func.count().label("n")
    top = list(uow.session.execute(
        select(ServiceCase.customer_id, n).where(*where).group_by(ServiceCase.customer_id)
        .order_by(n.desc(), ServiceCase.customer_id).limit(TOP_CUSTOMERS)).scalars())
    figures_of = {cid: _ints(figures) for cid, *figures in uow.session.execute(
        select(ServiceCase.customer_id, *measures).where(*where, ServiceCase.customer_id.in_(top))
        .group_by(ServiceCase.customer_id))} if top else {}
    names = dict(uow.session.execute(select(Customer.id, Customer.code + " " + Customer.name).where(
        Customer.id.in_(top))).all()) if top else {}
    by_customer = []
    for customer_id in top:  # the most cases first, as counted
        s = _Sum()
        s.add(*figures_of[customer_id])
        by_customer.append(s.group(str(customer_id), names.get(customer_id, "")))

    def ordered(dim: str, label: Callable[[object], str], by_count: bool = True) -> tuple[Group, ...]:
        groups = [s.group("" if k is None else str(k), label(k)) for k, s in sums[dim].items()]
        return tuple(sorted(groups, key=lambda g: (-g.count, g.key) if by_count else g.key))

    return ComplaintAnalysis(
        start, end, kind, total.group("", _("All")),
        ordered("cause", lambda k: Cause(k).label if k in Cause._value2member_map_ else str(k)),
        ordered("product", lambda k: products.get(k, _("No product")) if k is not None else _("No product")),
        tuple(g for s in Severity for g in ordered("severity", lambda k: Severity(k).label) if g.key == s.value),
        ordered("month", str, by_count=False),
        tuple(by_customer))
