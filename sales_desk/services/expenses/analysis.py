"""Expense analysis (seed 001, 第11条): the monthly analysis of spending against budget by
category, department and person, and the data of the annual expense-control report
[年度营销费用控制报告] (the ledger export is in ledger.py).

Every figure is a SQL GROUP BY over the claims' covering index on spent_on; a claim
counts in the month it was spent (the budget month it drew on). "Paid" is what the
cashier paid; "pending" is what is in approval or signed but not yet paid.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import ColumnElement, extract, func, select
from sqlalchemy.orm import aliased

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.expenses.claims import COMMITTED, Category, ClaimStatus, StepKind, StepStatus
from sales_desk.models import (
    ExpenseBudgetLine,
    ExpenseClaim,
    ExpenseClaimStep,
)
from sales_desk.services.admin.audit import chain_head_code
from sales_desk.services.admin.settings import load_settings
from sales_desk.services.common.base import LOGGED_IN, service
from sales_desk.services.expenses.common import (
    OVERSEERS,
    budget_in_force,
    check_year,
    month_span,
    require_any,
    user_names,
)

_PAID = ClaimStatus.PAID.value
_PENDING = [ClaimStatus.IN_ROUTE.value, ClaimStatus.SIGNED.value]
_COMMITTED = [s.value for s in COMMITTED]


@dataclass(frozen=True)
class SpendRow:
    key: str  # a Category value, a department, or a person's user id as text
    label: str  # the person's name; "" for categories and departments (translate the key)
    budget: int  # 0 for people: budgets are per category and department
    paid: int
    pending: int  # in approval or signed, not yet paid
    claims: int

    @property
    def spent(self) -> int:
        return self.paid + self.pending

    @property
    def left(self) -> int:
        return self.budget - self.spent


@dataclass(frozen=True)
class MonthlyAnalysis:
    year: int
    month: int
    by_category: tuple[SpendRow, ...]  # all seven, in the policy's order
    by_department: tuple[SpendRow, ...]
    by_person: tuple[SpendRow, ...]  # most spent first
    total: SpendRow
    returned: int  # claims of the month now with their authors after a refusal
    discretionary: int  # spent within people's allowances (straight to finance)


def _spend(uow: UnitOfWork, key: ColumnElement, first: date, last: date) -> dict[str, tuple[int, int, int]]:
    c = ExpenseClaim
    rows = uow.session.execute(
        select(key, func.coalesce(func.sum(c.amount).filter(c.status == _PAID), 0),
               func.coalesce(func.sum(c.amount).filter(c.status.in_(_PENDING)), 0), func.count())
        .where(c.spent_on >= first, c.spent_on <= last, c.status.in_(_COMMITTED)).group_by(key))
    return {str(r[0]): (int(r[1]), int(r[2]), int(r[3])) for r in rows}


def _budgets(uow: UnitOfWork, year: int, key: ColumnElement, months: tuple[int, int]) -> dict[str, int]:
    budget = budget_in_force(uow, year)
    if budget is None:
        return {}
    line = ExpenseBudgetLine
    rows = uow.session.execute(select(key, func.sum(line.amount)).where(
        line.budget_id == budget.id, line.month >= months[0], line.month <= months[1]).group_by(key))
    return {str(r[0]): int(r[1]) for r in rows}


def _rows(keys: list[str], spend: dict[str, tuple[int, int, int]], budgets: dict[str, int],
          labels: dict[str, str] | None = None) -> tuple[SpendRow, ...]:
    return tuple(SpendRow(k, (labels or {}).get(k, ""), budgets.get(k, 0), *spend.get(k, (0, 0, 0)))
                 for k in keys)


@service(LOGGED_IN, read_only=True)
def monthly_analysis(uow: UnitOfWork, year: int, month: int) -> MonthlyAnalysis:
    """第11条1: each month's spending against its budget, by category, department and person."""
    require_any(uow, OVERSEERS)
    year = check_year(year)
    first, last = month_span(year, month)
    c, line = ExpenseClaim, ExpenseBudgetLine
    by_cat = _spend(uow, c.category, first, last)
    by_dept = _spend(uow, c.department, first, last)
    by_person = _spend(uow, c.claimant_id, first, last)
    cat_budget = _budgets(uow, year, line.category, (month, month))
    dept_budget = _budgets(uow, year, line.department, (month, month))
    names = {str(k): v for k, v in user_names(uow, [int(k) for k in by_person]).items()}
    people = sorted(by_person, key=lambda k: (-(by_person[k][0] + by_person[k][1]), names.get(k, "")))
    returned, discretionary = uow.session.execute(
        select(func.count().filter(c.status == ClaimStatus.RETURNED.value),
               func.coalesce(func.sum(c.amount).filter(c.discretionary.is_(True), c.status.in_(_COMMITTED)), 0))
        .where(c.spent_on >= first, c.spent_on <= last)).one()
    cats = _rows([x.value for x in Category], by_cat, cat_budget)
    total = SpendRow("", "", sum(r.budget for r in cats), sum(r.paid for r in cats),
                     sum(r.pending for r in cats), sum(r.claims for r in cats))
    return MonthlyAnalysis(
        year, month, cats, _rows(sorted(set(by_dept) | set(dept_budget)), by_dept, dept_budget),
        _rows(people, by_person, {}, names), total, int(returned), int(discretionary))


# -- the annual expense-control report [年度营销费用控制报告] -----------------------------------


@dataclass(frozen=True)
class CategoryYear:
    category: str
    budget: tuple[int, ...]  # 12 months
    paid: tuple[int, ...]

    @property
    def budget_total(self) -> int:
        return sum(self.budget)

    @property
    def paid_total(self) -> int:
        return sum(self.paid)


@dataclass(frozen=True)
class Overrun:
    category: str
    month: int
    budget: int
    paid: int


@dataclass(frozen=True)
class OverBudgetClaim:
    id: int
    claimant: str
    department: str
    category: str
    item: str
    amount: int
    spent_on: date
    status: str
    approved_by: str  # the general manager who approved it beyond the budget
    approved_at: datetime | None
    comment: str


@dataclass(frozen=True)
class Spender:
    name: str
    department: str
    claims: int
    paid: int


@dataclass(frozen=True)
class AnnualReport:
    year: int
    company: str
    currency: str
    budget_revision: int | None  # the version in force; None: no approved budget
    budget_approved_by: str
    budget_approved_at: datetime | None
    categories: tuple[CategoryYear, ...]  # all seven, in the policy's order
    departments: tuple[SpendRow, ...]  # the year by department
    overruns: tuple[Overrun, ...]  # category-months paid beyond their budget
    over_budget_claims: tuple[OverBudgetClaim, ...]  # routed to the GM for being beyond budget
    over_budget_count: int
    top_spenders: tuple[Spender, ...]
    paid_claims: int
    pending_amount: int  # in approval or signed, not yet paid, at the time of printing
    pending_claims: int
    returned_claims: int
    notes: str
    audit_head: str = ""  # the audit trail's head when prepared (services/admin/audit.py)

    @property
    def budget_total(self) -> int:
        return sum(c.budget_total for c in self.categories)

    @property
    def paid_total(self) -> int:
        return sum(c.paid_total for c in self.categories)

    def month_budget(self, month: int) -> int:
        return sum(c.budget[month - 1] for c in self.categories)

    def month_paid(self, month: int) -> int:
        return sum(c.paid[month - 1] for c in self.categories)


TOP_SPENDERS = 10
OVER_BUDGET_LISTED = 40


def _category_months(uow: UnitOfWork, year: int, budget_id: int | None) -> tuple[CategoryYear, ...]:
    c, line = ExpenseClaim, ExpenseBudgetLine
    month = extract("month", c.spent_on)
    paid: dict[tuple[str, int], int] = {
        (r[0], int(r[1])): int(r[2]) for r in uow.session.execute(
            select(c.category, month, func.sum(c.amount))
            .where(c.spent_on >= date(year, 1, 1), c.spent_on <= date(year, 12, 31), c.status == _PAID)
            .group_by(c.category, month))}
    budget: dict[tuple[str, int], int] = {}
    if budget_id is not None:
        budget = {(r[0], int(r[1])): int(r[2]) for r in uow.session.execute(
            select(line.category, line.month, func.sum(line.amount)).where(line.budget_id == budget_id)
            .group_by(line.category, line.month))}
    return tuple(CategoryYear(cat.value, tuple(budget.get((cat.value, m), 0) for m in range(1, 13)),
                              tuple(paid.get((cat.value, m), 0) for m in range(1, 13))) for cat in Category)


def _over_budget_claims(uow: UnitOfWork, year: int) -> tuple[tuple[OverBudgetClaim, ...], int]:
    c, s = ExpenseClaim, ExpenseClaimStep
    gm = aliased(s)
    where = (c.over_budget.is_(True), c.status.in_([ClaimStatus.SIGNED.value, _PAID]),
             c.spent_on >= date(year, 1, 1), c.spent_on <= date(year, 12, 31))
    count = int(uow.session.scalar(select(func.count()).select_from(c).where(*where)) or 0)
    rows = uow.session.execute(
        select(c.id, c.claimant_id, c.department, c.category, c.item, c.amount, c.spent_on, c.status,
               gm.actor_id, gm.decided_at, gm.comment)
        .outerjoin(gm, (gm.claim_id == c.id) & (gm.round == c.round) & (gm.kind == StepKind.GM.value)
                   & (gm.status == StepStatus.APPROVED.value))
        .where(*where).order_by(c.amount.desc(), c.id).limit(OVER_BUDGET_LISTED)).all()
    names = user_names(uow, [r.claimant_id for r in rows] + [r.actor_id for r in rows])
    return tuple(OverBudgetClaim(r.id, names.get(r.claimant_id, ""), r.department, r.category, r.item,
                                 r.amount, r.spent_on, r.status, names.get(r.actor_id or 0, ""),
                                 r.decided_at, r.comment or "") for r in rows), count


@service(LOGGED_IN, read_only=True)
def annual_report(uow: UnitOfWork, year: int, notes: str = "") -> AnnualReport:
    """第11条2: the year's spending against budget, for the general manager's review."""
    require_any(uow, OVERSEERS)
    return build_annual_report(uow, check_year(year), notes)


def build_annual_report(uow: UnitOfWork, year: int, notes: str = "") -> AnnualReport:
    """The report's data; call inside `with uow:` after the permission check."""
    settings = load_settings(uow)
    budget = budget_in_force(uow, year)
    c = ExpenseClaim
    first, last = date(year, 1, 1), date(year, 12, 31)
    in_year = (c.spent_on >= first, c.spent_on <= last)
    paid_n, pending_amount, pending_n, returned_n = uow.session.execute(
        select(func.count().filter(c.status == _PAID),
               func.coalesce(func.sum(c.amount).filter(c.status.in_(_PENDING)), 0),
               func.count().filter(c.status.in_(_PENDING)),
               func.count().filter(c.status == ClaimStatus.RETURNED.value)).where(*in_year)).one()
    top = uow.session.execute(
        select(c.claimant_id, c.department, func.count(), func.sum(c.amount))
        .where(*in_year, c.status == _PAID).group_by(c.claimant_id, c.department)
        .order_by(func.sum(c.amount).desc(), c.claimant_id).limit(TOP_SPENDERS)).all()
    names = user_names(uow, [r[0] for r in top] + [budget.approved_by_id if budget else None])
    by_dept = _spend(uow, c.department, first, last)
    dept_budget = _budgets(uow, year, ExpenseBudgetLine.department, (1, 12))
    over, over_n = _over_budget_claims(uow, year)
    categories = _category_months(uow, year, budget.id if budget else None)
    overruns = tuple(Overrun(cy.category, m, cy.budget[m - 1], cy.paid[m - 1])
                     for cy in categories for m in range(1, 13) if cy.paid[m - 1] > cy.budget[m - 1])
    return AnnualReport(
        year, str(settings["company.name"]), str(settings["company.currency"]),
        budget.revision if budget else None, names.get(budget.approved_by_id or 0, "") if budget else "",
        budget.approved_at if budget else None, categories,
        _rows(sorted(set(by_dept) | set(dept_budget)), by_dept, dept_budget), overruns, over, over_n,
        tuple(Spender(names.get(r[0], ""), r[1], int(r[2]), int(r[3])) for r in top),
        int(paid_n), int(pending_amount), int(pending_n), int(returned_n), notes.strip(), chain_head_code(uow))
