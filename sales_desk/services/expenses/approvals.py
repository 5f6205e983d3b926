"""The steps of an expense claim's route, and its payment (seed 001, 第8、9、13条).

Each step has its own service and right: supervisor review (expense.review), sales
manager approval (expense.approve), general manager approval (expense.approve_major),
finance check and signature (expense.finance_check); then the cashier pays
(expense.pay) — only after finance has signed. `decide_claim` is the same for a
screen that shows one Approve/Refuse pair: it checks the right of the claim's
current step.

Rules every step keeps:
- nobody acts on their own claim (domain.approvals.ensure_not_self_approval);
- one person, one step: who approved one step of a claim does not approve another
  of the same round (the four-eyes the route exists for), nor pays what they signed;
- a refusal needs a reason and returns the claim to its author, who may edit and
  resubmit it; each step records who, when, the comment and the decision, audited;
- finance does not sign a claim beyond the monthly or annual plan unless the general
  manager approved it (the budget may have been spent since the claim was routed).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.common.approvals import ensure_not_self_approval
from sales_desk.domain.common.errors import DomainError, NotFound, NotPermitted, ValidationError
from sales_desk.domain.common.money import money_str
from sales_desk.domain.common.roles import Perm
from sales_desk.domain.expenses.claims import (
    ClaimStatus,
    PaymentMethod,
    StepKind,
    StepStatus,
    require_reason,
)
from sales_desk.domain.expenses.routing import ensure_finance_may_sign
from sales_desk.i18n import _
from sales_desk.models import ExpenseClaim, ExpenseClaimStep, ExpensePayment
from sales_desk.services.common.base import LOGGED_IN, current_actor, service
from sales_desk.services.expenses.claims import ClaimState
from sales_desk.services.expenses.common import budget_figures, business_today


class StepNotCurrent(DomainError):
    def __init__(self, kind: StepKind, status: ClaimStatus, current: StepKind | None):
        self.kind, self.status, self.current = kind, status, current
        where = current.label if current is not None else status.label
        super().__init__(_("This claim is not waiting for “{step}”; it is at “{where}”.").format(
            step=kind.label, where=where))


class AlreadyActed(DomainError):
    def __init__(self) -> None:
        super().__init__(_("You have already approved another step of this claim; a different "
                           "person must take this one."))


class PaymentRefused(DomainError):
    def __init__(self, message: str):
        super().__init__(message)


def _claim(uow: UnitOfWork, claim_id: int) -> ExpenseClaim:
    claim = uow.session.get(ExpenseClaim, claim_id, with_for_update=True)
    if claim is None:
        raise NotFound(_("Expense claim"), claim_id)
    return claim


def _round_steps(uow: UnitOfWork, claim: ExpenseClaim) -> list[ExpenseClaimStep]:
    return list(uow.session.scalars(
        select(ExpenseClaimStep).where(ExpenseClaimStep.claim_id == claim.id,
                                       ExpenseClaimStep.round == claim.round)
        .order_by(ExpenseClaimStep.position)))


def _decide(uow: UnitOfWork, claim_id: int, kind: StepKind, approve: bool, comment: str) -> ClaimState:
    actor = current_actor(uow)
    claim = _claim(uow, claim_id)
    status = ClaimStatus(claim.status)
    current = StepKind(claim.current_step) if claim.current_step else None
    if status is not ClaimStatus.IN_ROUTE or current is not kind:
        raise StepNotCurrent(kind, status, current)
    ensure_not_self_approval(claim.claimant_id, actor.user_id, "expense")
    steps = _round_steps(uow, claim)
    if any(s.actor_id == actor.user_id and s.status == StepStatus.APPROVED.value for s in steps):
        raise AlreadyActed()
    step = next(s for s in steps if s.status == StepStatus.PENDING.value)
    comment = (comment or "").strip()
    if not approve:
        comment = require_reason(comment)
    elif kind is StepKind.FINANCE:
        figures = budget_figures(uow, claim.spent_on, claim.category, claim.department, claim.id)
        gm_approved = any(s.kind == StepKind.GM.value and s.status == StepStatus.APPROVED.value
                          for s in steps)
        ensure_finance_may_sign(claim.amount, figures.month_left, figures.year_left, gm_approved)
    now = uow.clock()
    before = {"status": claim.status, "current_step": claim.current_step}
    step.actor_id, step.decided_at, step.comment = actor.user_id, now, comment
    step.status = (StepStatus.APPROVED if approve else StepStatus.REFUSED).value
    later = [s for s in steps if s.position > step.position]
    if not approve:
        for s in later:
            s.status = StepStatus.SKIPPED.value
        claim.status, claim.current_step, claim.returned_reason = ClaimStatus.RETURNED.value, None, comment
    elif later:
        claim.current_step = later[0].kind
    else:  # finance signed: the last step
        claim.status, claim.current_step = ClaimStatus.SIGNED.value, None
        claim.signed_by_id, claim.signed_at = actor.user_id, now
    claim.updated_at = now
    action = f"expense.{kind.value}" if approve else "expense.refuse"
    uow.audit(action, "expense_claim", claim.id, before,
              {"step": kind.value, "round": claim.round, "decision": step.status, "comment": comment,
               "status": claim.status, "current_step": claim.current_step,
               "amount": money_str(claim.amount)})
    uow.commit()
    return ClaimState(claim.id, claim.status, claim.current_step, tuple(s.kind for s in steps))


@service(Perm.EXPENSE_REVIEW_EXPLANATION)
def review_explanation(uow: UnitOfWork, claim_id: int, approve: bool, comment: str = "") -> ClaimState:
    """The sales VP reviews a department application's explanation form [销售副总审核情况说明表]."""
    return _decide(uow, claim_id, StepKind.EXPLANATION, approve, comment)


@service(Perm.EXPENSE_REVIEW)
def review_claim(uow: UnitOfWork, claim_id: int, approve: bool, comment: str = "") -> ClaimState:
    """The supervisor's review [主管审核]."""
    return _decide(uow, claim_id, StepKind.REVIEW, approve, comment)


@service(Perm.EXPENSE_APPROVE)
def approve_claim(uow: UnitOfWork, claim_id: int, approve: bool, comment: str = "") -> ClaimState:
    """The sales manager's approval [销售部经理审批]."""
    return _decide(uow, claim_id, StepKind.APPROVE, approve, comment)


@service(Perm.EXPENSE_APPROVE_MAJOR)
def gm_approve_claim(uow: UnitOfWork, claim_id: int, approve: bool, comment: str = "") -> ClaimState:
    """The general manager's approval of a major, over-budget or manager's claim [总经理审批]."""
    return _decide(uow, claim_id, StepKind.GM, approve, comment)


@service(Perm.EXPENSE_FINANCE_CHECK)
def finance_check_claim(uow: UnitOfWork, claim_id: int, approve: bool, comment: str = "") -> ClaimState:
    """Finance checks against the monthly and annual plan and signs, or refuses [财务审核]."""
    return _decide(uow, claim_id, StepKind.FINANCE, approve, comment)


@service(LOGGED_IN)
def decide_claim(uow: UnitOfWork, claim_id: int, approve: bool, comment: str = "") -> ClaimState:
    """Approve or refuse whatever step the claim waits at, with that step's right."""
    claim = _claim(uow, claim_id)
    if claim.current_step is None:
        raise StepNotCurrent(StepKind.FINANCE, ClaimStatus(claim.status), None)
    kind = StepKind(claim.current_step)
    actor = current_actor(uow)
    if not actor.can(kind.permission):
        raise NotPermitted(kind.permission, actor.username)
    return _decide(uow, claim_id, kind, approve, comment)


# -- payment [出纳支付] ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PaymentInput:
    method: str  # PaymentMethod
    reference: str = ""  # cheque no., bank reference; a receipt no. for cash
    paid_on: date | None = None  # default: today


@service(Perm.EXPENSE_PAY)
def pay_claim(uow: UnitOfWork, claim_id: int, payment: PaymentInput) -> int:
    """The cashier pays a claim finance has signed, in cash, by cheque or by transfer."""
    actor = current_actor(uow)
    claim = _claim(uow, claim_id)
    status = ClaimStatus(claim.status)
    if status is ClaimStatus.PAID:
        raise PaymentRefused(_("This claim has already been paid."))
    if status is not ClaimStatus.SIGNED:
        raise PaymentRefused(_("Finance has not signed this claim; the cashier pays only what "
                               "finance has checked and signed."))
    ensure_not_self_approval(claim.claimant_id, actor.user_id, "expense payment")
    if claim.signed_by_id == actor.user_id:
        raise PaymentRefused(_("Who signed a claim for finance does not also pay it."))
    try:
        method = PaymentMethod(payment.method)
    except ValueError:
        raise ValidationError(_("Payment method"), _("not a valid value")) from None
    reference = (payment.reference or "").strip()
    if method.needs_reference and not reference:
        raise ValidationError(_("Reference"), _("a cheque or transfer needs its reference"))
    if len(reference) > 100:
        raise ValidationError(_("Reference"), _("at most {n}").format(n=100))
    paid_on = payment.paid_on or business_today(uow)
    now = uow.clock()
    row = ExpensePayment(claim_id=claim.id, method=method.value, reference=reference, amount=claim.amount,
                         paid_on=paid_on, paid_by_id=actor.user_id, paid_at=now)
    uow.session.add(row)
    claim.status, claim.paid_at, claim.updated_at = ClaimStatus.PAID.value, now, now
    uow.session.flush()
    uow.audit("expense.pay", "expense_claim", claim.id, {"status": status.value},
              {"status": claim.status, "method": method.value, "reference": reference,
               "amount": money_str(claim.amount), "paid_on": paid_on.isoformat(), "payment_id": row.id})
    uow.commit()
    return row.id
