"""Credit limit and term [授信] (seed 001, 第15–16条).

The calculator shows the five methods side by side from the customer's figures (the
latest investigation that has them), with any figure overridable. The sales manager
sets the limit and term within the grade's policy; who investigated the customer's
credit never sets its limit, even with both roles on a justified account.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace

from sqlalchemy import or_, select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.common.errors import DomainError, ValidationError
from sales_desk.domain.common.roles import Perm
from sales_desk.domain.credit.limits import LimitInputs, LimitMethod, LimitResult, all_methods
from sales_desk.domain.credit.rating import (
    Grade,
    PaymentMode,
    Terms,
    TermsPolicy,
    check_terms,
    max_limit,
    max_term_days,
)
from sales_desk.i18n import _
from sales_desk.models import (
    CreditInvestigation,
    CreditLimitDecision,
    CreditRating,
    Customer,
    RatingProposal,
)
from sales_desk.services.admin.settings import load_settings
from sales_desk.services.common.base import LOGGED_IN, current_actor, service
from sales_desk.services.customers.scope import require_any, visible_customer

CALCULATOR_USERS = (Perm.CREDIT_SET_LIMIT, Perm.CREDIT_INVESTIGATE, Perm.CREDIT_APPROVE_RATING)
_INPUT_FIELDS = {f.name for f in fields(LimitInputs)}


class InvestigatorCannotSetLimit(DomainError):
    def __init__(self) -> None:
        super().__init__(_("You investigated or rated this customer's credit, so you may not set its "
                           "limit: another person with the right must do it."))


class CreditOnHold(DomainError):
    def __init__(self, code: str):
        super().__init__(_("Customer {code} is on credit hold until a new rating is approved.").format(
            code=code))


class NotRated(DomainError):
    def __init__(self, code: str):
        super().__init__(_("Customer {code} has no approved credit rating yet.").format(code=code))


@dataclass(frozen=True)
class CalculatorView:
    customer_id: int
    customer_code: str
    customer_name: str
    grade: str | None
    on_hold: bool
    current_limit: int
    current_term_days: int | None
    current_mode: str
    max_limit: int | None  # None: no cap (A) or not rated
    max_term_days: int | None
    proposed_limit: int | None  # the customer-service side's suggestion with the rating
    proposed_term_days: int | None
    figures_from_investigation: int | None
    inputs: LimitInputs
    results: tuple[LimitResult, ...]


def _latest_figures(uow: UnitOfWork, customer_id: int) -> CreditInvestigation | None:
    return uow.session.scalar(
        select(CreditInvestigation)
        .where(CreditInvestigation.customer_id == customer_id,
               or_(CreditInvestigation.current_assets.is_not(None),
                   CreditInvestigation.total_assets.is_not(None),
                   CreditInvestigation.expected_annual_sales.is_not(None)))
        .order_by(CreditInvestigation.id.desc()).limit(1))


def _current_proposal(uow: UnitOfWork, c: Customer) -> RatingProposal | None:
    return uow.session.scalar(
        select(RatingProposal).join(CreditRating, CreditRating.proposal_id == RatingProposal.id)
        .where(CreditRating.customer_id == c.id)
        .order_by(CreditRating.rated_on.desc(), CreditRating.id.desc()).limit(1))


def _inputs(uow: UnitOfWork, c: Customer, overrides: Mapping[str, object] | None
            ) -> tuple[LimitInputs, int | None, RatingProposal | None]:
    inv = _latest_figures(uow, c.id)
    proposal = _current_proposal(uow, c)
    policy = TermsPolicy.from_settings(load_settings(uow))
    days = (proposal.proposed_term_days if proposal and proposal.proposed_term_days else None) or (
        c.payment_term_days or None)
    if days is None and c.credit_grade:
        days = max_term_days(Grade(c.credit_grade), policy) or None
    base = LimitInputs(standard_limit=policy.standard_limit, credit_days=days)
    if inv is not None:
        base = replace(base, **{f: getattr(inv, f) for f in (
            "expected_annual_sales", "cost_rate_bp", "supply_share_bp", "current_assets",
            "current_liabilities", "total_assets", "total_liabilities", "supplier_count")})
    if overrides:
        unknown = set(overrides) - _INPUT_FIELDS
        if unknown:
            raise ValidationError(sorted(unknown)[0], _("not a calculator figure"))
        base = replace(base, **overrides)  # type: ignore[arg-type]
    return base, (inv.id if inv else None), proposal


@service(LOGGED_IN, read_only=True)
def limit_calculator(uow: UnitOfWork, customer_id: int,
                     overrides: Mapping[str, object] | None = None) -> CalculatorView:
    """All five methods side by side [信用额度确定方法], with the grade's caps."""
    require_any(uow, CALCULATOR_USERS)
    c = visible_customer(uow, customer_id)
    inputs, inv_id, proposal = _inputs(uow, c, overrides)
    policy = TermsPolicy.from_settings(load_settings(uow))
    grade = Grade(c.credit_grade) if c.credit_grade else None
    return CalculatorView(
        c.id, c.code, c.name, c.credit_grade, c.credit_hold, c.credit_limit, c.payment_term_days,
        c.payment_mode, max_limit(grade, c.credit_limit, policy) if grade else None,
        max_term_days(grade, policy) if grade else None,
        proposal.proposed_limit if proposal else None, proposal.proposed_term_days if proposal else None,
        inv_id, inputs, tuple(all_methods(inputs)))


def _investigated_by(uow: UnitOfWork, customer_id: int, user_id: int) -> bool:
    inv = uow.session.scalar(select(CreditInvestigation.id).where(
        CreditInvestigation.customer_id == customer_id,
        or_(CreditInvestigation.opened_by_id == user_id, CreditInvestigation.submitted_by_id == user_id)
    ).limit(1))
    proposed = uow.session.scalar(select(RatingProposal.id).where(
        RatingProposal.customer_id == customer_id, RatingProposal.proposed_by_id == user_id).limit(1))
    return inv is not None or proposed is not None


@service(Perm.CREDIT_SET_LIMIT)
def set_credit_limit(uow: UnitOfWork, customer_id: int, limit: int, term_days: int | None,
                     payment_mode: PaymentMode = PaymentMode.CREDIT,
                     method: LimitMethod = LimitMethod.JUDGEMENT, reasons: str = "",
                     overrides: Mapping[str, object] | None = None) -> int:
    """Set the limit (minor units) and term within the grade's policy; D gets no credit.

    A limit that is not what the chosen method gives, or a judgement, needs written reasons.
    """
    c = visible_customer(uow, customer_id)
    actor = current_actor(uow)
    if _investigated_by(uow, c.id, actor.user_id):
        raise InvestigatorCannotSetLimit()
    if not c.credit_grade:
        raise NotRated(c.code)
    if c.credit_hold:
        raise CreditOnHold(c.code)
    mode, method = PaymentMode(payment_mode), LimitMethod(method)
    grade = Grade(c.credit_grade)
    if mode is PaymentMode.CREDIT:
        if method is LimitMethod.JUDGEMENT:
            if not reasons.strip():
                raise ValidationError(_("Reasons"), _("a judgement needs written reasons"))
        else:
            inputs, _inv, _p = _inputs(uow, c, overrides)
            computed = next(r for r in all_methods(inputs) if r.method is method)
            if computed.amount is None:
                raise ValidationError(method.label, _("cannot be computed from the figures"))
            if computed.amount != limit and not reasons.strip():
                raise ValidationError(_("Reasons"), _("say why the limit differs from the {method}").format(
                    method=method.label))
    policy = TermsPolicy.from_settings(load_settings(uow))
    check_terms(grade, Terms(limit, term_days, mode), c.credit_limit, policy, reasons)
    rating_id = uow.session.scalar(select(CreditRating.id).where(CreditRating.customer_id == c.id)
                                   .order_by(CreditRating.rated_on.desc(), CreditRating.id.desc()).limit(1))
    decision = CreditLimitDecision(
        customer_id=c.id, rating_id=rating_id, grade=grade.value, amount=limit, term_days=term_days,
        payment_mode=mode.value, method=method.value, reasons=reasons.strip(),
        previous_amount=c.credit_limit, automatic=False, set_by_id=actor.user_id, set_at=uow.clock())
    uow.session.add(decision)
    before = {"credit_limit": c.credit_limit, "payment_term_days": c.payment_term_days,
              "payment_mode": c.payment_mode}
    c.credit_limit, c.payment_term_days, c.payment_mode = limit, term_days, mode.value
    uow.session.flush()
    uow.audit("credit.set_limit", "customer", c.id, before,
              {"credit_limit": limit, "payment_term_days": term_days, "payment_mode": mode.value,
               "method": method.value, "reasons": decision.reasons, "grade": grade.value,
               "decision_id": decision.id})
    uow.commit()
    return decision.id
