"""Credit state of a customer: position, rating history, re-ratings due, downgrade
triggers [降级条件] and credit holds, and the scorecard's weights in force (a policy number).

The flow lives beside this module: investigation.py (checklist, report,
finance review), rating.py (proposal → approval), limit.py (calculator,
limit and term). A hold starts when a trigger is recorded and ends only when a
rating proposed after it is approved (credit_rating.decide_rating).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.admin.settings import weights_of
from sales_desk.domain.common.errors import NotFound, ValidationError
from sales_desk.domain.common.roles import Perm
from sales_desk.domain.credit.downgrade import downgraded_grade, terms_after_downgrade
from sales_desk.domain.credit.limits import POLICY_METHOD
from sales_desk.domain.credit.rating import (
    DIMENSION_BY_KEY,
    INDICATORS,
    DowngradeTrigger,
    Grade,
    PaymentMode,
    Terms,
    TermsPolicy,
    is_rerating_due,
)
from sales_desk.domain.customers.files import sees_all_customers
from sales_desk.i18n import _
from sales_desk.models import (
    CreditHold,
    CreditLimitDecision,
    CreditRating,
    Customer,
    DowngradeTriggerRecord,
    RatingProposal,
)
from sales_desk.services.admin.settings import load_settings
from sales_desk.services.common.base import LOGGED_IN, current_actor, service
from sales_desk.services.customers.scope import business_today, user_names, visible_customer
from sales_desk.services.orders.credit_check import customer_exposure


@dataclass(frozen=True)
class CreditPosition:
    """What an order needs to know: the credit file, and what the customer already uses."""

    customer_id: int
    grade: str | None
    score: Decimal | None  # the exact total: 84.99
    limit: int
    term_days: int | None  # None: not capped (A)
    payment_mode: str
    on_hold: bool
    hold_since: datetime | None
    last_rated_on: date | None
    rerating_due_on: date | None
    rerating_due: bool
    open_receivables: int = 0  # Σ open amounts (services/orders/credit_check.py)
    approved_unshipped: int = 0  # credit held by approved orders not yet shipped

    @property
    def available(self) -> int:
        """limit − open receivables − approved-but-unshipped orders [授信执行]."""
        return self.limit - self.open_receivables - self.approved_unshipped


def active_hold(uow: UnitOfWork, customer_id: int) -> CreditHold | None:
    return uow.session.scalar(
        select(CreditHold).where(CreditHold.customer_id == customer_id, CreditHold.released_at.is_(None))
        .order_by(CreditHold.id).limit(1))


def credit_position(uow: UnitOfWork, customer_id: int) -> CreditPosition:
    """Inside another service's transaction (no permission check of its own)."""
    c = uow.session.get(Customer, customer_id)
    if c is None:
        raise NotFound(_("Customer"), customer_id)
    hold = active_hold(uow, c.id) if c.credit_hold else None
    receivables, unshipped = customer_exposure(uow, c.id)
    return CreditPosition(
        c.id, c.credit_grade, c.credit_score, c.credit_limit, c.payment_term_days, c.payment_mode,
        c.credit_hold, hold.started_at if hold else None, c.last_rated_on, c.rerating_due_on,
        is_rerating_due(c.rerating_due_on, business_today(uow)), receivables, unshipped)


@service(Perm.CREDIT_VIEW, read_only=True)
def get_credit_position(uow: UnitOfWork, customer_id: int) -> CreditPosition:
    return credit_position(uow, visible_customer(uow, customer_id).id)


# -- rating history, limits set, re-ratings due -----------------------------------------


@dataclass(frozen=True)
class RatingRow:
    id: int
    rated_on: date
    grade: str
    score: Decimal
    previous_grade: str | None
    due_on: date
    proposed_by: str
    approved_by: str
    approved_at: datetime
    proposal_id: int


@dataclass(frozen=True)
class LimitRow:
    id: int
    set_at: datetime
    grade: str
    amount: int
    previous_amount: int
    term_days: int | None
    payment_mode: str
    method: str
    reasons: str
    automatic: bool
    set_by: str


@service(Perm.CREDIT_VIEW, read_only=True)
def rating_history(uow: UnitOfWork, customer_id: int) -> list[RatingRow]:
    """Every approved rating of a customer, newest first [评级记录]."""
    c = visible_customer(uow, customer_id)
    rows = uow.session.execute(
        select(CreditRating, RatingProposal.proposed_by_id)
        .join(RatingProposal, RatingProposal.id == CreditRating.proposal_id)
        .where(CreditRating.customer_id == c.id)
        .order_by(CreditRating.rated_on.desc(), CreditRating.id.desc())).all()
    names = user_names(uow, [r.approved_by_id for r, _p in rows] + [p for _r, p in rows])
    return [RatingRow(r.id, r.rated_on, r.grade, r.score, r.previous_grade, r.due_on, names.get(p, ""),
                      names.get(r.approved_by_id, ""), r.approved_at, r.proposal_id) for r, p in rows]


@service(Perm.CREDIT_VIEW, read_only=True)
def limit_history(uow: UnitOfWork, customer_id: int) -> list[LimitRow]:
    c = visible_customer(uow, customer_id)
    rows = list(uow.session.scalars(
        select(CreditLimitDecision).where(CreditLimitDecision.customer_id == c.id)
        .order_by(CreditLimitDecision.set_at.desc(), CreditLimitDecision.id.desc())))
    names = user_names(uow, [r.set_by_id for r in rows])
    return [LimitRow(r.id, r.set_at, r.grade, r.amount, r.previous_amount, r.term_days, r.payment_mode,
                     r.method, r.reasons, r.automatic, names.get(r.set_by_id, "")) for r in rows]


@dataclass(frozen=True)
class DueRow:
    customer_id: int
    code: str
    name: str
    grade: str | None
    last_rated_on: date | None
    rerating_due_on: date
    on_hold: bool
    rep_id: int | None


@service(Perm.CREDIT_VIEW, read_only=True)
def reratings_due(uow: UnitOfWork, as_of: date | None = None, limit: int = 1000) -> list[DueRow]:
    """Customers whose annual re-rating (or re-rating after a trigger) is due, oldest first."""
    as_of = as_of or business_today(uow)
    q = (select(Customer.id, Customer.code, Customer.name, Customer.credit_grade, Customer.last_rated_on,
                Customer.rerating_due_on, Customer.credit_hold, Customer.rep_id)
         .where(Customer.rerating_due_on <= as_of)
         .order_by(Customer.rerating_due_on, Customer.id).limit(limit))
    actor = current_actor(uow)
    if not sees_all_customers(actor.roles):
        q = q.where(Customer.rep_id == actor.user_id)
    return [DueRow(*r) for r in uow.session.execute(q)]


# -- downgrade triggers and holds -----------------------------------------------------------


@dataclass(frozen=True)
class TriggerRow:
    id: int
    trigger: str
    occurred_on: date
    description: str
    recorded_by: str
    recorded_at: datetime
    hold_id: int
    hold_released_at: datetime | None
    grade_before: str | None = None
    grade_after: str | None = None  # None: recorded before a trigger lowered the grade


@service(Perm.CREDIT_RECORD_TRIGGER)
def record_trigger(uow: UnitOfWork, customer_id: int, trigger: DowngradeTrigger, occurred_on: date,
                   description: str, to_grade: Grade | None = None) -> int:
    """Record a downgrade trigger [降级处理] (第14条): the grade drops at once by at least one
    step (`to_grade` lower still if chosen; D stays D), with the new grade's limit and terms
    (D: no credit); the customer goes on credit hold and is due for re-rating; only a new
    approved rating releases it."""
    c = visible_customer(uow, customer_id)
    trigger = DowngradeTrigger(trigger)
    actor = current_actor(uow)
    today = business_today(uow)
    if not description.strip():
        raise ValidationError(_("Description"), _("describe what happened"))
    if occurred_on > today:
        raise ValidationError(_("Date"), _("must not lie in the future"))
    new_grade = downgraded_grade(c.credit_grade, to_grade)
    hold = active_hold(uow, c.id)
    new_hold = hold is None
    if hold is None:
        hold = CreditHold(customer_id=c.id, started_at=uow.clock(), started_by_id=actor.user_id)
        uow.session.add(hold)
        uow.session.flush()
    record = DowngradeTriggerRecord(customer_id=c.id, trigger=trigger.value, occurred_on=occurred_on,
                                    description=description.strip(), grade_before=c.credit_grade,
                                    grade_after=new_grade.value, hold_id=hold.id,
                                    recorded_by_id=actor.user_id, recorded_at=uow.clock())
    uow.session.add(record)
    before = {"credit_grade": c.credit_grade, "credit_hold": c.credit_hold, "rerating_due_on": c.rerating_due_on}
    c.credit_grade = new_grade.value
    c.credit_hold = True
    if c.rerating_due_on is None or c.rerating_due_on > today:
        c.rerating_due_on = today
    uow.session.flush()
    uow.audit("credit.trigger", "customer", c.id, before,
              {"credit_grade": c.credit_grade, "credit_hold": True, "rerating_due_on": c.rerating_due_on,
               "trigger": trigger.value, "occurred_on": occurred_on, "trigger_id": record.id,
               "hold_id": hold.id, "new_hold": new_hold})
    _terms_of_lower_grade(uow, c, new_grade, trigger)
    uow.commit()
    return record.id


def _terms_of_lower_grade(uow: UnitOfWork, c: Customer, grade: Grade, trigger: DowngradeTrigger) -> None:
    current = Terms(c.credit_limit, c.payment_term_days, PaymentMode(c.payment_mode))
    fitted = terms_after_downgrade(grade, current, TermsPolicy.from_settings(load_settings(uow)))
    if fitted == current:
        return
    uow.session.add(CreditLimitDecision(
        customer_id=c.id, rating_id=None, grade=grade.value, amount=fitted.limit,
        term_days=fitted.term_days, payment_mode=fitted.mode.value, method=POLICY_METHOD,
        reasons=_("Downgraded to grade {grade}: {trigger}").format(grade=grade.value, trigger=trigger.label),
        previous_amount=c.credit_limit, automatic=True, set_by_id=current_actor(uow).user_id,
        set_at=uow.clock()))
    uow.audit("credit.limit_policy", "customer", c.id,
              {"credit_limit": c.credit_limit, "payment_term_days": c.payment_term_days,
               "payment_mode": c.payment_mode},
              {"credit_limit": fitted.limit, "payment_term_days": fitted.term_days,
               "payment_mode": fitted.mode.value, "downgrade": grade.value})
    c.credit_limit, c.payment_term_days, c.payment_mode = fitted.limit, fitted.term_days, fitted.mode.value


@service(Perm.CREDIT_VIEW, read_only=True)
def triggers_of(uow: UnitOfWork, customer_id: int) -> list[TriggerRow]:
    c = visible_customer(uow, customer_id)
    rows = uow.session.execute(
        select(DowngradeTriggerRecord, CreditHold.released_at)
        .join(CreditHold, CreditHold.id == DowngradeTriggerRecord.hold_id)
        .where(DowngradeTriggerRecord.customer_id == c.id)
        .order_by(DowngradeTriggerRecord.id.desc())).all()
    names = user_names(uow, [t.recorded_by_id for t, _r in rows])
    return [TriggerRow(t.id, t.trigger, t.occurred_on, t.description, names.get(t.recorded_by_id, ""),
                       t.recorded_at, t.hold_id, released, t.grade_before, t.grade_after)
            for t, released in rows]


# -- the scorecard's weights ------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorRow:
    key: str
    dimension: str
    dimension_label: str
    label: str
    weight: int
    default_weight: int


def current_weights(uow: UnitOfWork) -> dict[str, int]:
    """The scorecard's weights in the policy in force on the business date (第10条; proposed
    by the sales manager, approved by the general manager — SPEC §9)."""
    return weights_of(load_settings(uow))


@service(LOGGED_IN, read_only=True)
def scorecard(uow: UnitOfWork) -> list[IndicatorRow]:
    weights = current_weights(uow)
    return [IndicatorRow(i.key, i.dimension, _(DIMENSION_BY_KEY[i.dimension].label), _(i.label),
                         weights[i.key], i.weight) for i in INDICATORS]
