"""The sales-expense budget [销售费用预算] and the break-even analysis [盈亏平衡分析]
(seed 001, 销售费用管控制度 第6–7条).

A budget is per year, with a figure per month, category and department. The sales
side prepares it, finance checks it, the general manager approves it; only then is
it in force [下发执行]. A change after approval is a revision: a new version that
goes through the same check and approval, while the approved one stays in force.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from sales_desk.domain.common.errors import DomainError, ValidationError
from sales_desk.domain.expenses.claims import Category, Term, parse_category
from sales_desk.i18n import N_, _


class BudgetStatus(StrEnum):
    DRAFT = "draft"  # being prepared by the sales side
    SUBMITTED = "submitted"  # with finance for its check
    CHECKED = "checked"  # finance checked it; with the general manager
    APPROVED = "approved"  # in force
    RETURNED = "returned"  # refused by finance or the GM, with a reason; editable again
    SUPERSEDED = "superseded"  # an approved version replaced by an approved revision

    @property
    def term(self) -> Term:
        return BUDGET_STATUS_TERMS[self]

    @property
    def label(self) -> str:
        return _(BUDGET_STATUS_TERMS[self].msgid)


BUDGET_STATUS_TERMS = {
    BudgetStatus.DRAFT: Term(N_("Draft"), "编制中"),
    BudgetStatus.SUBMITTED: Term(N_("Awaiting finance check"), "待财务审核"),
    BudgetStatus.CHECKED: Term(N_("Awaiting GM approval"), "待总经理审批"),
    BudgetStatus.APPROVED: Term(N_("Approved"), "已批准"),
    BudgetStatus.RETURNED: Term(N_("Returned"), "已退回"),
    BudgetStatus.SUPERSEDED: Term(N_("Superseded"), "已被修订"),
}
OPEN = (BudgetStatus.DRAFT, BudgetStatus.RETURNED)  # the preparer may change the lines
IN_PROGRESS = (BudgetStatus.DRAFT, BudgetStatus.RETURNED, BudgetStatus.SUBMITTED, BudgetStatus.CHECKED)


class BudgetAction(StrEnum):
    SUBMIT = "submit"
    CHECK = "check"
    REFUSE_CHECK = "refuse_check"
    APPROVE = "approve"
    REFUSE_APPROVAL = "refuse_approval"


_TRANSITIONS: dict[tuple[BudgetStatus, BudgetAction], BudgetStatus] = {
    (BudgetStatus.DRAFT, BudgetAction.SUBMIT): BudgetStatus.SUBMITTED,
    (BudgetStatus.RETURNED, BudgetAction.SUBMIT): BudgetStatus.SUBMITTED,
    (BudgetStatus.SUBMITTED, BudgetAction.CHECK): BudgetStatus.CHECKED,
    (BudgetStatus.SUBMITTED, BudgetAction.REFUSE_CHECK): BudgetStatus.RETURNED,
    (BudgetStatus.CHECKED, BudgetAction.APPROVE): BudgetStatus.APPROVED,
    (BudgetStatus.CHECKED, BudgetAction.REFUSE_APPROVAL): BudgetStatus.RETURNED,
}


class BudgetStateError(DomainError):
    def __init__(self, status: BudgetStatus, action: BudgetAction | str):
        self.status = status
        self.action = action
        super().__init__(_("The budget is “{status}”; that cannot be done now.").format(status=status.label))


def next_status(current: BudgetStatus, action: BudgetAction) -> BudgetStatus:
    """draft → submitted → checked (finance) → approved (GM); a refusal returns it."""
    try:
        return _TRANSITIONS[(current, action)]
    except KeyError:
        raise BudgetStateError(current, action) from None


def ensure_editable(status: BudgetStatus) -> None:
    if status not in OPEN:
        raise BudgetStateError(status, "edit")


class RevisionNeeded(DomainError):
    def __init__(self, year: int):
        self.year = year
        super().__init__(_("The {year} budget is approved: a change is a revision, approved "
                           "again.").format(year=year))


class RevisionInProgress(DomainError):
    def __init__(self, year: int):
        self.year = year
        super().__init__(_("A version of the {year} budget is already being prepared or "
                           "approved.").format(year=year))


def plan_for_year(year: int, statuses: Iterable[BudgetStatus]) -> str:
    """What preparing a budget for `year` means given its versions' statuses:
    "edit" the open one, "new" a first version, or refuse."""
    statuses = list(statuses)
    if any(s in OPEN for s in statuses):
        return "edit"
    if any(s in (BudgetStatus.SUBMITTED, BudgetStatus.CHECKED) for s in statuses):
        raise RevisionInProgress(year)
    if BudgetStatus.APPROVED in statuses:
        raise RevisionNeeded(year)
    return "new"


def may_revise(year: int, statuses: Iterable[BudgetStatus]) -> None:
    statuses = list(statuses)
    if any(s in IN_PROGRESS for s in statuses):
        raise RevisionInProgress(year)
    if BudgetStatus.APPROVED not in statuses:
        raise BudgetStateError(BudgetStatus.DRAFT, "revise")


# -- lines ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BudgetLine:
    month: int  # 1–12
    category: Category
    department: str
    amount: int  # minor units


MAX_DEPARTMENT = 64


def clean_lines(lines: Iterable[tuple[int, str, str, int]]) -> list[BudgetLine]:
    """Validate (month, category, department, amount) rows; one figure per cell."""
    out: dict[tuple[int, Category, str], BudgetLine] = {}
    for month, category, department, amount in lines:
        if isinstance(month, bool) or not isinstance(month, int) or not 1 <= month <= 12:
            raise ValidationError(_("Month"), _("1 to 12"))
        cat = parse_category(category)
        dept = (department or "").strip()
        if not dept or len(dept) > MAX_DEPARTMENT:
            raise ValidationError(_("Department"), _("must not be empty"))
        if isinstance(amount, bool) or not isinstance(amount, int) or amount < 0:
            raise ValidationError(_("Amount"), _("at least {n}").format(n=0))
        key = (month, cat, dept)
        if key in out:
            raise ValidationError(_("Budget"), _("{department}, {category}, month {month} appears twice")
                                  .format(department=dept, category=cat.label, month=month))
        out[key] = BudgetLine(month, cat, dept, amount)
    return sorted(out.values(), key=lambda b: (b.month, list(Category).index(b.category), b.department))


# -- break-even [盈亏平衡分析] (第6条) --------------------------------------------------------


@dataclass(frozen=True)
class BreakEven:
    volume: int  # units, rounded up: the first whole unit at which profit is not negative
    revenue: int  # volume × unit price, minor units
    unit_margin: int  # unit price − unit variable cost (contribution per unit)
    margin_ratio_bp: int  # unit margin / unit price, in basis points (rounded down)


class NoBreakEven(DomainError):
    def __init__(self) -> None:
        super().__init__(_("The unit price must be above the unit variable cost, or no volume "
                           "ever breaks even."))


def break_even(fixed_costs: int, unit_price: int, unit_variable_cost: int,
               target_profit: int = 0) -> BreakEven:
    """The volume at which profit is zero (or reaches `target_profit`), and its revenue.

    volume = ⌈(fixed costs + target profit) ÷ (unit price − unit variable cost)⌉
    """
    for name, value in ((_("Fixed costs"), fixed_costs), (_("Unit variable cost"), unit_variable_cost),
                        (_("Target profit"), target_profit)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValidationError(name, _("at least {n}").format(n=0))
    if isinstance(unit_price, bool) or not isinstance(unit_price, int) or unit_price <= 0:
        raise ValidationError(_("Unit price"), _("must be above zero"))
    margin = unit_price - unit_variable_cost
    if margin <= 0:
        raise NoBreakEven()
    volume = -(-(fixed_costs + target_profit) // margin)  # ceiling division, exact in integers
    return BreakEven(volume, volume * unit_price, margin, margin * 10_000 // unit_price)
