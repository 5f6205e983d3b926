"""Analysis for the charts: the composition of sales [客户构成分析] by customer grade,
product, region and rep; receivables by aging bucket; expenses against budget by
category. Each is a SQL GROUP BY (no rows brought into Python to be summed).

The collection rate per rep is the collections module's own figure
(collection_targets.collection_performance); the charts call it as it is.

Who reads what: sales to the sales side and the GM (a rep: their own orders), the aging
to those who see receivables (a rep: their own customers), expenses to those who
oversee them (services/expense_common.OVERSEERS).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sqlalchemy import func, select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.common.errors import ValidationError
from sales_desk.domain.common.roles import Perm
from sales_desk.domain.customers.files import choice_label, sees_all_customers
from sales_desk.domain.expenses.claims import COMMITTED, Category
from sales_desk.i18n import N_, _
from sales_desk.models import Customer, ExpenseBudgetLine, ExpenseClaim, Product
from sales_desk.services.collections.aging import aging_statement, needs_correction
from sales_desk.services.collections.common import collection_settings
from sales_desk.services.common.base import LOGGED_IN, current_actor, service
from sales_desk.services.customers.scope import business_today, user_names
from sales_desk.services.expenses.common import OVERSEERS, budget_in_force, require_any
from sales_desk.services.orders.sales_totals import (
    sold_by_customer_field,
    sold_by_product_query,
    sold_by_rep,
)
from sales_desk.services.planning.scope import check_year, own_rep_only, period, require_reader

_COMMITTED = [s.value for s in COMMITTED]


class SalesBy(StrEnum):
    CREDIT_GRADE = "credit_grade"
    VALUE_GRADE = "value_grade"
    PRODUCT = "product"
    REGION = "region"
    REP = "rep"

    @property
    def label(self) -> str:
        return _(SALES_BY_LABELS[self])


SALES_BY_LABELS = {
    SalesBy.CREDIT_GRADE: N_("By credit grade"),
    SalesBy.VALUE_GRADE: N_("By value grade"),
    SalesBy.PRODUCT: N_("By product"),
    SalesBy.REGION: N_("By region"),
    SalesBy.REP: N_("By rep"),
}


@dataclass(frozen=True)
class ShareRow:
    key: str
    label: str
    amount: int  # sold: shipped less returned, minor units
    quantity: int | None  # by product only


@dataclass(frozen=True)
class SalesComposition:
    by: str  # SalesBy
    year: int
    month: int | None
    rows: tuple[ShareRow, ...]  # largest first

    @property
    def total(self) -> int:
        return sum(r.amount for r in self.rows)


def _grade_label(key: str) -> str:
    return _("Grade {grade}").format(grade=key) if key else _("Not rated")


@service(LOGGED_IN, read_only=True)
def sales_composition(uow: UnitOfWork, by: str, year: int, month: int | None = None) -> SalesComposition:
    """What was sold in the year (or one month) by credit grade, value grade, product,
    region or rep [客户构成分析]; a rep: their own orders."""
    actor = require_reader(uow)
    try:
        dim = SalesBy(by)
    except ValueError:
        raise ValidationError(_("Analysis"), _("not a valid value")) from None
    start, end = period(check_year(year), month)
    rep = own_rep_only(actor)
    rows: list[ShareRow] = []
    if dim is SalesBy.PRODUCT:
        found = uow.session.execute(sold_by_product_query(start, end, rep)).all()
        names = {pid: f"{code} {name}" for pid, code, name in uow.session.execute(
            select(Product.id, Product.code, Product.name).where(Product.id.in_([r[0] for r in found])))} \
            if found else {}
        rows = [ShareRow(str(pid), names.get(pid, str(pid)), int(amount), int(qty)) for pid, amount, qty in found]
    elif dim is SalesBy.REP:
        sold = sold_by_rep(uow, start, end, rep)
        names = user_names(uow, [k for k in sold if k is not None])
        rows = [ShareRow(str(k or ""), names.get(k, "") if k else _("No rep"), v, None) for k, v in sold.items()]
    else:
        sold_f = sold_by_customer_field(uow, dim.value, start, end, rep)
        for key, amount in sold_f.items():
            if dim is SalesBy.REGION:
                label = choice_label("region", key) if key else _("No region")
            else:
                label = _grade_label(key)
            rows.append(ShareRow(key, label, amount, None))
    rows = [r for r in rows if r.amount or r.quantity]
    rows.sort(key=lambda r: (-r.amount, r.label))
    return SalesComposition(dim.value, year, month, tuple(rows))


@dataclass(frozen=True)
class AgingTotals:
    as_of: date
    labels: tuple[str, ...]  # current, then each overdue bucket
    amounts: tuple[int, ...]
    customers: tuple[int, ...]  # customers with money in each bucket
    credits: int  # credit notes not yet applied (≤ 0)

    @property
    def total(self) -> int:
        return sum(self.amounts) + self.credits


@service(Perm.RECEIVABLE_VIEW, read_only=True)
def aging_totals(uow: UnitOfWork, as_of: date | None = None) -> AgingTotals:
    """The open receivables per aging bucket as of a date (today by default), over the
    collections module's own per-customer statement; a rep: their own customers."""
    day = as_of or business_today(uow)
    buckets = collection_settings(uow).buckets
    agg = aging_statement(day, buckets, needs_correction(uow, day)).subquery("aging")
    cols = [agg.c[f"b{i}"] for i in range(buckets.count)]
    q = select(*[func.coalesce(func.sum(c), 0) for c in cols], *[func.count().filter(c > 0) for c in cols],
               func.coalesce(func.sum(agg.c.credits), 0))
    actor = current_actor(uow)
    if not sees_all_customers(actor.roles):
        q = q.select_from(agg.join(Customer, Customer.id == agg.c.customer_id)).where(Customer.rep_id == actor.user_id)
    row = uow.session.execute(q).one()
    n = buckets.count
    return AgingTotals(day, tuple(buckets.labels()), tuple(int(v) for v in row[:n]),
                       tuple(int(v) for v in row[n:2 * n]), int(row[2 * n]))


@dataclass(frozen=True)
class BudgetRow:
    category: str  # domain.expenses.Category
    label: str
    budget: int
    spent: int  # in approval, signed or paid

    @property
    def left(self) -> int:
        return self.budget - self.spent


@dataclass(frozen=True)
class ExpenseAgainstBudget:
    year: int
    month: int | None  # None: the whole year
    revision: int | None  # the budget version in force; None: no approved budget
    rows: tuple[BudgetRow, ...]  # the seven categories in the policy's order

    @property
    def budget(self) -> int:
        return sum(r.budget for r in self.rows)

    @property
    def spent(self) -> int:
        return sum(r.spent for r in self.rows)


@service(LOGGED_IN, read_only=True)
def expenses_against_budget(uow: UnitOfWork, year: int, month: int | None = None) -> ExpenseAgainstBudget:
    """Spent (in approval, signed or paid, as the monthly expense analysis counts it)
    against the budget in force, by category, for the year or one month."""
    require_any(uow, OVERSEERS)
    start, end = period(check_year(year), month)
    c, line = ExpenseClaim, ExpenseBudgetLine
    spent = {k: int(v) for k, v in uow.session.execute(
        select(c.category, func.sum(c.amount)).where(c.spent_on >= start, c.spent_on <= end,
                                                     c.status.in_(_COMMITTED)).group_by(c.category))}
    budget = budget_in_force(uow, year)
    planned: dict[str, int] = {}
    if budget is not None:
        q = select(line.category, func.sum(line.amount)).where(line.budget_id == budget.id).group_by(line.category)
        if month is not None:
            q = q.where(line.month == month)
        planned = {k: int(v) for k, v in uow.session.execute(q)}
    rows = tuple(BudgetRow(cat.value, cat.label, planned.get(cat.value, 0), spent.get(cat.value, 0))
                 for cat in Category)
    return ExpenseAgainstBudget(year, month, budget.revision if budget else None, rows)
