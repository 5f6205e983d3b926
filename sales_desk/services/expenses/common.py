"""What the expense and budget services share: the business date, the budget in force
and what is left of it, each person's department and allowance, the computed route.

Budget "left" counts every claim that holds money (in route, signed or paid:
domain.expenses.COMMITTED), so two claims in route cannot both spend the same
budget. Figures are SQL sums over covering indexes, never loops over ORM objects.

business_today, require_any and user_names are services.base's now (every service
shares them); they are still importable from here.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.admin.settings import PERSONAL_ALLOWANCES
from sales_desk.domain.common.errors import ValidationError
from sales_desk.domain.common.roles import Actor, Perm, Role
from sales_desk.domain.expenses.budget import BudgetStatus
from sales_desk.domain.expenses.claims import COMMITTED, Category
from sales_desk.domain.expenses.routing import Route, RouteInput, route
from sales_desk.i18n import _
from sales_desk.models import ExpenseBudget, ExpenseBudgetLine, ExpenseClaim, ExpenseProfile, User
from sales_desk.services.admin.settings import load_settings
from sales_desk.services.common.base import business_today as business_today
from sales_desk.services.common.base import require_any as require_any
from sales_desk.services.common.base import user_names as user_names

# Who sees every claim, the budgets and the analyses (the rest see their own claims).
OVERSEERS = (Perm.EXPENSE_REVIEW, Perm.EXPENSE_APPROVE, Perm.EXPENSE_APPROVE_MAJOR,
             Perm.EXPENSE_FINANCE_CHECK, Perm.EXPENSE_PAY, Perm.BUDGET_PREPARE, Perm.BUDGET_CHECK,
             Perm.BUDGET_APPROVE,
             # the sales VP reviews the department's applications (第8条3), so sees the claims
             Perm.EXPENSE_REVIEW_EXPLANATION)
_COMMITTED = [s.value for s in COMMITTED]


def sees_all(actor: Actor) -> bool:
    return any(actor.can(p) for p in OVERSEERS)


def check_year(year: int) -> int:
    if isinstance(year, bool) or not isinstance(year, int) or not 2000 <= year <= 2100:
        raise ValidationError(_("Year"), _("not a valid value"))
    return year


def month_span(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


# -- budget in force and what is left -----------------------------------------------------------


def budget_in_force(uow: UnitOfWork, year: int) -> ExpenseBudget | None:
    """The latest approved version of the year's budget."""
    return uow.session.scalars(
        select(ExpenseBudget).where(ExpenseBudget.year == year,
                                    ExpenseBudget.status == BudgetStatus.APPROVED.value)
        .order_by(ExpenseBudget.revision.desc()).limit(1)
    ).first()


@dataclass(frozen=True)
class BudgetFigures:
    """One budget line's month and year: budget, committed by other claims, left."""

    month_budget: int
    month_committed: int
    year_budget: int
    year_committed: int

    @property
    def month_left(self) -> int:
        return self.month_budget - self.month_committed

    @property
    def year_left(self) -> int:
        return self.year_budget - self.year_committed


def budget_figures(uow: UnitOfWork, spent_on: date, category: Category | str, department: str,
                   exclude_claim_id: int | None = None) -> BudgetFigures:
    year, month = spent_on.year, spent_on.month
    category = str(category)
    budget = budget_in_force(uow, year)
    month_budget = year_budget = 0
    if budget is not None:
        line = ExpenseBudgetLine
        month_budget, year_budget = uow.session.execute(
            select(func.coalesce(func.sum(line.amount).filter(line.month == month), 0),
                   func.coalesce(func.sum(line.amount), 0))
            .where(line.budget_id == budget.id, line.category == category, line.department == department)
        ).one()
    first, last = month_span(year, month)
    c = ExpenseClaim
    q = (select(func.coalesce(func.sum(c.amount).filter(c.spent_on >= first, c.spent_on <= last), 0),
                func.coalesce(func.sum(c.amount), 0))
         .where(c.category == category, c.department == department,
                c.spent_on >= date(year, 1, 1), c.spent_on <= date(year, 12, 31),
                c.status.in_(_COMMITTED)))
    if exclude_claim_id is not None:
        q = q.where(c.id != exclude_claim_id)
    month_committed, year_committed = uow.session.execute(q).one()
    return BudgetFigures(int(month_budget), int(month_committed), int(year_budget), int(year_committed))


# -- people: department and allowance [支配范围] -------------------------------------------------


@dataclass(frozen=True)
class Allowance:
    monthly: int
    used: int  # by this month's discretionary claims that hold money

    @property
    def left(self) -> int:
        return max(self.monthly - self.used, 0)


def department_of(uow: UnitOfWork, user_id: int) -> str:
    profile = uow.session.get(ExpenseProfile, user_id)
    if profile is not None and profile.department:
        return profile.department
    return str(load_settings(uow)["expense.default_department"])


def monthly_allowance(settings: dict[str, object], username: str) -> int:
    """A person's allowance in the policy: their own if the policy names them, else the default."""
    named: dict[str, int] = settings[PERSONAL_ALLOWANCES]  # type: ignore[assignment]
    return int(named.get(username, settings["expense.monthly_allowance"]))  # type: ignore[call-overload]


def allowance_of(uow: UnitOfWork, user_id: int, spent_on: date,
                 exclude_claim_id: int | None = None) -> Allowance:
    monthly = monthly_allowance(load_settings(uow), uow.session.get(User, user_id).username)  # type: ignore[union-attr]
    first, last = month_span(spent_on.year, spent_on.month)
    c = ExpenseClaim
    q = select(func.coalesce(func.sum(c.amount), 0)).where(
        c.claimant_id == user_id, c.discretionary.is_(True), c.status.in_(_COMMITTED),
        c.spent_on >= first, c.spent_on <= last)
    if exclude_claim_id is not None:
        q = q.where(c.id != exclude_claim_id)
    return Allowance(monthly, int(uow.session.scalar(q) or 0))


def gm_threshold(uow: UnitOfWork) -> int:
    return int(load_settings(uow)["expense.gm_threshold"])  # type: ignore[call-overload]


@dataclass(frozen=True)
class Routed:
    route: Route
    figures: BudgetFigures
    allowance: Allowance
    threshold: int


def compute_route(uow: UnitOfWork, roles: frozenset[Role], claimant_id: int, category: Category,
                  amount: int, spent_on: date, department: str, is_travel: bool,
                  exclude_claim_id: int | None = None, is_department: bool = False,
                  above_standard: bool = False) -> Routed:
    figures = budget_figures(uow, spent_on, category, department, exclude_claim_id)
    allowance = allowance_of(uow, claimant_id, spent_on, exclude_claim_id)
    threshold = gm_threshold(uow)
    r = route(RouteInput(roles, amount, category, is_travel, allowance.left, figures.month_left, threshold,
                         is_department, above_standard))
    return Routed(r, figures, allowance, threshold)
