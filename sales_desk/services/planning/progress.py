"""Progress against the sales plan [销售计划]: what was sold in the period
(services/orders/sales_totals.py: shipped less returned, at the order's prices) against
the plan in force, per rep, product and region, for the year or one month, with what of
each target is due by today and the pace that follows (domain/planning/warnings.py).

A sales rep reads only their own row (scope.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.common.roles import Actor
from sales_desk.domain.planning.plans import Dimension, progress_percent
from sales_desk.domain.planning.warnings import (
    Level,
    expected_in_year,
    expected_to_date,
    level_against,
)
from sales_desk.services.common.base import LOGGED_IN, service
from sales_desk.services.customers.scope import business_today
from sales_desk.services.orders.sales_totals import (
    sold_by_customer_field,
    sold_by_product,
    sold_by_rep,
)
from sales_desk.services.planning.plan_targets import (
    plan_in_force,
    target_labels,
    target_order,
    targets_by_month,
)
from sales_desk.services.planning.scope import check_year, own_rep_only, period, require_reader


def sold(uow: UnitOfWork, dimension: Dimension, start: date, end: date, rep_only: int | None) -> dict[str, int]:
    if dimension is Dimension.REP:
        return {str(k): v for k, v in sold_by_rep(uow, start, end, rep_only).items() if k is not None}
    if dimension is Dimension.PRODUCT:
        return {str(k): v for k, v in sold_by_product(uow, start, end, rep_only).items()}
    return sold_by_customer_field(uow, "region", start, end, rep_only)


@dataclass(frozen=True)
class ProgressRow:
    dimension: str
    key: str
    label: str
    target: int
    actual: int
    expected: int  # the target pro rata to the days gone
    percent: Decimal | None
    level: Level


@dataclass(frozen=True)
class PlanProgress:
    year: int
    month: int | None  # None: the whole year
    as_of: date
    plan_id: int | None  # the approved version in force, if any
    revision: int | None
    rows: tuple[ProgressRow, ...]  # by dimension; a rep reads only their own row

    def of(self, dimension: Dimension | str) -> tuple[ProgressRow, ...]:
        return tuple(r for r in self.rows if r.dimension == dimension)

    def total(self, dimension: Dimension | str = Dimension.REP) -> ProgressRow | None:
        rows = self.of(dimension)
        if not rows:
            return None
        target, actual, expected = (sum(r.target for r in rows), sum(r.actual for r in rows),
                                    sum(r.expected for r in rows))
        return ProgressRow(str(dimension), "", "", target, actual, expected, progress_percent(actual, target),
                           level_against(expected, actual) if target > 0 else Level.OK)


def _expected(months: list[int], year: int, month: int | None, today: date) -> tuple[int, int]:
    """(the period's target, what of it is due by today): a month pro rata; the year month
    by month, so a plan's seasons count (domain.warnings.expected_in_year)."""
    if month is not None:
        start, end = period(year, month)
        return months[month - 1], expected_to_date(months[month - 1], start, end, today)
    return sum(months), expected_in_year(months, year, today)


def build_progress(uow: UnitOfWork, actor: Actor, year: int, month: int | None = None,
                   dimensions: Sequence[Dimension] = tuple(Dimension)) -> PlanProgress:
    """Inside another service's transaction, after the permission check."""
    today = business_today(uow)
    start, end = period(year, month)
    plan = plan_in_force(uow, year)
    rep_only = own_rep_only(actor)
    if rep_only is not None:
        dimensions = [Dimension.REP]
    found: list[tuple[str, str, list[int], int]] = []
    for dim in dimensions:
        targets = targets_by_month(uow, plan.id if plan else None, dim, rep_only)
        actual = sold(uow, dim, start, end, rep_only)
        keys = set(targets) | {k for k, v in actual.items() if v}
        if rep_only is not None:
            keys = {str(rep_only)}
        found += [(dim.value, k, targets.get(k, [0] * 12), actual.get(k, 0)) for k in keys]
    labels = target_labels(uow, [(d, k) for d, k, _t, _a in found])
    rows = []
    for d, k, months, a in found:
        t, expected = _expected(months, year, month, today)
        rows.append(ProgressRow(d, k, labels.get((d, k), k), t, a, expected, progress_percent(a, t),
                                level_against(expected, a) if t > 0 else Level.OK))
    rows.sort(key=lambda r: (target_order(r.dimension, "")[0], -r.target, -r.actual, r.label))
    return PlanProgress(year, month, today, plan.id if plan else None, plan.revision if plan else None, tuple(rows))


@service(LOGGED_IN, read_only=True)
def plan_progress(uow: UnitOfWork, year: int, month: int | None = None) -> PlanProgress:
    """What was sold against the plan in force, per rep, product and region, for the year
    or one month; a rep reads their own row only."""
    actor = require_reader(uow)
    return build_progress(uow, actor, check_year(year), month)
