"""Who approves an expense application (seed 001, 销售费用管控制度 第8、9、13条).

- Inside the claimant's monthly discretionary allowance [支配范围] and the monthly
  plan [月度支出计划] → straight to finance (第8条2).
- Otherwise → the supervisor reviews, the sales manager approves (第8条1–2).
- At or above the GM threshold, or beyond the budget → the general manager as well (第8条3(1)).
- Travel [差旅费] is applied for before it is spent (第13条2); a rep's travel is
  approved by the sales manager, the sales manager's by the general manager (第13条3–4);
  a travel claim references its approved application and is never discretionary.
- A department's application [销售部申请使用销售费用] (第8条3): the sales VP reviews its
  explanation form first, then the approvers as for any claim beyond the allowance (the
  GM when at or above the threshold or beyond the budget), then finance. It never draws
  on a person's allowance.
- Finance checks every claim against the monthly and annual plan and signs; the
  cashier pays only on that signature (第9条).

The claimant's level decides who is "above" them: a supervisor's claim skips the
supervisor review, a manager's (sales manager, sales VP) goes to the general manager
instead of to a colleague or a subordinate. Nobody approves their own claim.
All functions are pure: the services gather the figures and enforce the result.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import IntEnum

from sales_desk.domain.common.errors import DomainError, ValidationError
from sales_desk.domain.common.roles import Perm, Role, permissions_of
from sales_desk.domain.expenses.claims import Category, StepKind, Term, TravelStatus
from sales_desk.i18n import N_, _


class Level(IntEnum):
    STAFF = 1  # reps, customer-service specialists: supervisor review, then the sales manager
    SUPERVISOR = 2  # sales supervisor, customer-service manager: the sales manager
    MANAGER = 3  # sales manager, sales VP (and the GM): the general manager


_MANAGERS = {Role.SALES_MANAGER, Role.SALES_VP, Role.GM}
_SUPERVISORS = {Role.SALES_SUPERVISOR, Role.CS_MANAGER, Role.FINANCE_DIRECTOR}


def claimant_level(roles: Iterable[Role | str]) -> Level:
    held = {Role(r) for r in roles}
    if held & _MANAGERS:
        return Level.MANAGER
    if held & _SUPERVISORS:
        return Level.SUPERVISOR
    return Level.STAFF


class Reason:
    """Why a route looks as it does: msgids with the policy's Chinese, for the form."""

    DISCRETIONARY = Term(N_("Within the monthly allowance and the monthly plan: straight to finance"),
                         "支配范围内且在月度支出计划内，直接报财务部")
    OVER_ALLOWANCE = Term(N_("Beyond the claimant's monthly allowance: reviewed and approved"),
                          "超出当月支配范围，须主管审核、销售部经理审批")
    MAJOR = Term(N_("Amount at or above the threshold: the general manager approves"),
                 "请款金额达到限额，由总经理审批")
    OVER_BUDGET = Term(N_("Beyond the budget: the general manager approves"),
                       "超出销售费用预算，由总经理审批")
    TRAVEL = Term(N_("Travel: approved by the sales manager"), "业务员差旅费由销售部经理审批")
    MANAGER_TRAVEL = Term(N_("A manager's travel: approved by the general manager"),
                          "销售部经理差旅费由总经理审批")
    MANAGER = Term(N_("A manager's claim: approved by the general manager"),
                   "销售部申请使用的费用，由总经理审批")
    DEPARTMENT = Term(N_("A department's application: the sales VP reviews its explanation form first"),
                      "销售部申请使用销售费用的，由销售副总审核情况说明表")
    ABOVE_STANDARD = Term(N_("Above its spending standard, with the reason written: approved by who may allow it"),
                          "超出费用标准，已写明理由，须经审批")
    FINANCE = Term(N_("Finance checks it against the monthly and annual plan and signs"),
                   "财务部查阅月度及年度支出计划，确认无误后签字")


@dataclass(frozen=True)
class RouteInput:
    roles: frozenset[Role]  # the claimant's
    amount: int  # minor units
    category: Category  # the budget line the claim draws on: budget_left is this line's
    is_travel: bool
    allowance_left: int  # the claimant's discretionary allowance left this month
    budget_left: int  # the month's budget left for the category and department (may be < 0)
    gm_threshold: int  # setting expense.gm_threshold
    is_department: bool = False  # the department's application with its explanation form (第8条3)
    above_standard: bool = False  # above its item's spending standard (第13条1; standards.py)


@dataclass(frozen=True)
class Route:
    steps: tuple[StepKind, ...]  # in order; finance is always last
    discretionary: bool  # spends the claimant's allowance (straight to finance)
    major: bool  # amount ≥ threshold
    over_budget: bool  # amount > the month's budget left
    reasons: tuple[Term, ...]


def route(r: RouteInput) -> Route:
    """The ordered approval steps of an expense application."""
    if r.amount <= 0:
        raise ValidationError(_("Amount"), _("must be above zero"))
    level = claimant_level(r.roles)
    major = r.amount >= r.gm_threshold
    over_budget = r.amount > r.budget_left
    reasons: list[Term] = []
    steps: list[StepKind] = []
    discretionary = False
    if r.is_department:
        steps.append(StepKind.EXPLANATION)
        reasons.append(Reason.DEPARTMENT)
    if r.is_travel:
        # 第13条: travel always goes to the claimant's superior, never to the allowance.
        if level is Level.MANAGER:
            steps.append(StepKind.GM)
            reasons.append(Reason.MANAGER_TRAVEL)
        else:
            steps.append(StepKind.APPROVE)
            reasons.append(Reason.TRAVEL)
    else:
        # above its standard a claim is never the claimant's own to spend: an approver allows it
        discretionary = (not r.is_department and not major and not over_budget and not r.above_standard
                         and r.amount <= r.allowance_left)
        if discretionary:
            reasons.append(Reason.DISCRETIONARY)
        elif level is Level.MANAGER:
            steps.append(StepKind.GM)
            reasons.append(Reason.MANAGER)
        else:
            if level is Level.STAFF:
                steps.append(StepKind.REVIEW)
            steps.append(StepKind.APPROVE)
            if r.amount > r.allowance_left and not r.is_department:
                reasons.append(Reason.OVER_ALLOWANCE)
    if r.above_standard:
        reasons.append(Reason.ABOVE_STANDARD)
    if major:
        reasons.append(Reason.MAJOR)
    if over_budget:
        reasons.append(Reason.OVER_BUDGET)
    if (major or over_budget) and StepKind.GM not in steps:
        steps.append(StepKind.GM)
    steps.append(StepKind.FINANCE)
    reasons.append(Reason.FINANCE)
    return Route(tuple(steps), discretionary, major, over_budget, tuple(reasons))


# -- travel ------------------------------------------------------------------------------------


def travel_approver(roles: Iterable[Role | str]) -> StepKind:
    """Who approves a travel application: the sales manager, or for a manager the GM."""
    return StepKind.GM if claimant_level(roles) is Level.MANAGER else StepKind.APPROVE


def check_travel_dates(start_on: date, end_on: date, today: date) -> None:
    """先申请后花费: a trip is applied for before it starts."""
    if start_on < today:
        raise ValidationError(_("Start date"), _("travel is applied for before it starts"))
    if end_on < start_on:
        raise ValidationError(_("End date"), _("before the start date"))


class TravelNotApproved(DomainError):
    """A travel claim without an approved application of the claimant's own."""

    def __init__(self, detail: str):
        self.detail = detail
        super().__init__(_("A travel claim needs the claimant's approved travel application "
                           "made before the trip: {detail}").format(detail=detail))


@dataclass(frozen=True)
class TravelFacts:
    """The travel application a claim refers to, as the service found it."""

    applicant_id: int
    status: TravelStatus
    applied_on: date
    already_claimed: bool  # another claim (not returned or withdrawn) refers to it


def check_travel_claim(claimant_id: int, app: TravelFacts | None, spent_on: date) -> None:
    if app is None:
        raise TravelNotApproved(_("no travel application given"))
    if app.applicant_id != claimant_id:
        raise TravelNotApproved(_("the application is someone else's"))
    if app.status is not TravelStatus.APPROVED:
        raise TravelNotApproved(_("the application is not approved"))
    if spent_on < app.applied_on:
        raise TravelNotApproved(_("the money was spent before the application was made"))
    if app.already_claimed:
        raise TravelNotApproved(_("the application has already been claimed"))


# -- finance's check (第9条) -------------------------------------------------------------------


class BeyondPlan(DomainError):
    """Finance may not sign a claim beyond the plan that the GM has not approved."""

    def __init__(self, month_left: int, year_left: int):
        self.month_left = month_left
        self.year_left = year_left
        super().__init__(_(
            "The claim is beyond the monthly or annual plan and the general manager has not "
            "approved it: refuse it with a reason so that it is routed again."))


def within_plan(amount: int, month_left: int, year_left: int) -> bool:
    """Left figures exclude the claim itself; exactly used up is still within."""
    return amount <= month_left and amount <= year_left


def ensure_finance_may_sign(amount: int, month_left: int, year_left: int, gm_approved: bool) -> None:
    if not gm_approved and not within_plan(amount, month_left, year_left):
        raise BeyondPlan(month_left, year_left)


# -- the department's application (第8条3) -----------------------------------------------------


class ReviewerMayNotApply(DomainError):
    """The sales VP reviews the department's explanation forms, so does not write one."""

    def __init__(self) -> None:
        super().__init__(_("Who reviews the department's explanation forms (the sales VP) does not apply "
                           "for the department as well: the sales manager applies, the VP reviews "
                           "(费用 第8条3)."))


def ensure_may_apply_for_department(roles: Iterable[Role | str]) -> None:
    if Perm.EXPENSE_REVIEW_EXPLANATION in permissions_of(roles):
        raise ReviewerMayNotApply()
