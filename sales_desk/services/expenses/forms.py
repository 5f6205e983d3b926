"""What the Expenses tab's forms and filters need beyond the claim services: the people a
claim list can be filtered by, a returned claim's fields to correct it, and a department
application's explanation form [情况说明表] as printed.

`claimants` is for those who see every claim (expense_common.OVERSEERS); a claimant
sees only their own claims, so has no one to choose. `claim_for_edit` gives the
author their own claim as the form's input (with the customer's id, which the
claim view shows only by name).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.common.errors import NotFound, ValidationError
from sales_desk.domain.common.roles import Perm, Role, permissions_of
from sales_desk.i18n import _
from sales_desk.models import Customer, ExpenseClaim, ExpenseClaimStep, User, UserRole
from sales_desk.services.admin.settings import load_settings
from sales_desk.services.common.base import LOGGED_IN, current_actor, service, user_names
from sales_desk.services.expenses.claims import ClaimInput
from sales_desk.services.expenses.common import OVERSEERS, require_any, sees_all

# The roles whose holders may apply for expenses (read from the matrix, not listed twice).
_CLAIMANT_ROLES = tuple(r.value for r in Role if Perm.EXPENSE_APPLY in permissions_of([r]))


@dataclass(frozen=True)
class PersonChoice:
    id: int
    username: str
    name: str  # full name, else the user name
    active: bool


@service(LOGGED_IN, read_only=True)
def claimants(uow: UnitOfWork) -> list[PersonChoice]:
    """Everyone who may apply for expenses (disabled accounts too: their claims stay), by name."""
    require_any(uow, OVERSEERS)
    q = (select(User.id, User.username, User.full_name, User.active)
         .where(User.id.in_(select(UserRole.user_id).where(UserRole.role.in_(_CLAIMANT_ROLES))))
         .order_by(User.full_name, User.username))
    return [PersonChoice(r.id, r.username, r.full_name or r.username, r.active) for r in uow.session.execute(q)]


@dataclass(frozen=True)
class ClaimDraft:
    id: int
    data: ClaimInput  # as stored, for the form to show and correct
    customer_code: str  # "" without a customer
    customer_name: str
    status: str


@service(Perm.EXPENSE_APPLY, read_only=True)
def claim_for_edit(uow: UnitOfWork, claim_id: int) -> ClaimDraft:
    """One's own claim as the application form's input (someone else's is not found)."""
    c = uow.session.get(ExpenseClaim, claim_id)
    if c is None or c.claimant_id != current_actor(uow).user_id:
        raise NotFound(_("Expense claim"), claim_id)
    customer = uow.session.get(Customer, c.customer_id) if c.customer_id else None
    return ClaimDraft(c.id, ClaimInput(c.category, c.item, c.amount, c.spent_on, c.purpose, c.customer_id,
                                       c.event, c.is_travel, c.travel_application_id, c.is_department,
                                       c.explanation, c.no_receipt_reason, c.standard_reason, c.days,
                                       c.city_tier),
                      customer.code if customer else "", customer.name if customer else "", c.status)


# -- the department's explanation form [情况说明表] (费用 第8条3) --------------------------------


@dataclass(frozen=True)
class Decision:
    kind: str  # StepKind
    status: str  # StepStatus
    actor: str
    decided_at: datetime | None
    comment: str


@dataclass(frozen=True)
class ExplanationForm:
    """What the printed form shows: the application, its explanation and its route so far."""

    claim_id: int
    round: int
    company: str
    currency: str
    applicant: str
    department: str
    category: str  # Category
    item: str
    amount: int
    spent_on: date
    purpose: str
    explanation: str
    submitted_on: date
    status: str  # ClaimStatus
    decisions: tuple[Decision, ...]  # the current round's steps, in order
    standard: int | None = None  # the item's spending standard (费用 第13条1); None: it has none
    standard_reason: str = ""  # why the amount is above it


@service(LOGGED_IN, read_only=True)
def explanation_form(uow: UnitOfWork, claim_id: int) -> ExplanationForm:
    """A department application's explanation form, for whoever may see the claim."""
    actor = current_actor(uow)
    c = uow.session.get(ExpenseClaim, claim_id)
    if c is None or not (sees_all(actor) or c.claimant_id == actor.user_id):
        raise NotFound(_("Expense claim"), claim_id)
    if not c.is_department:
        raise ValidationError(_("Explanation form"), _("only a department's application has one"))
    steps = list(uow.session.scalars(select(ExpenseClaimStep).where(
        ExpenseClaimStep.claim_id == c.id, ExpenseClaimStep.round == c.round).order_by(ExpenseClaimStep.position)))
    names = user_names(uow, [c.claimant_id, *(s.actor_id for s in steps)])
    settings = load_settings(uow)
    return ExplanationForm(
        c.id, c.round, str(settings["company.name"]), str(settings["company.currency"]),
        names.get(c.claimant_id, ""), c.department, c.category, c.item, c.amount, c.spent_on, c.purpose,
        c.explanation, c.submitted_at.astimezone().date(), c.status,
        tuple(Decision(s.kind, s.status, names.get(s.actor_id or 0, ""), s.decided_at, s.comment) for s in steps),
        c.standard, c.standard_reason)
