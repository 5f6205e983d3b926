"""Rating [信用等级评定] (seed 001, 第9–13条): the investigator proposes a grade on the
scorecard; the customer-service manager approves it — never the proposer.

An approved rating enters the rating history, sets the grade and the next annual
re-rating date, releases a credit hold recorded before the proposal was made, and
brings the current terms inside the new grade's policy (D loses credit, C is capped).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.common.approvals import ensure_not_self_approval
from sales_desk.domain.common.errors import DomainError, NotFound, ValidationError
from sales_desk.domain.common.roles import Perm
from sales_desk.domain.credit.checklist import InvestigationStatus
from sales_desk.domain.credit.downgrade import restores_above
from sales_desk.domain.credit.limits import POLICY_METHOD
from sales_desk.domain.credit.rating import (
    Grade,
    GradeBands,
    PaymentMode,
    ScoreLine,
    Terms,
    TermsPolicy,
    grade_for,
    rerating_due,
    score_lines,
    terms_after_rating,
    total_score,
)
from sales_desk.i18n import _
from sales_desk.models import (
    CreditHold,
    CreditInvestigation,
    CreditLimitDecision,
    CreditRating,
    Customer,
    DowngradeTriggerRecord,
    RatingProposal,
    ScorecardLine,
)
from sales_desk.services.admin.settings import load_settings
from sales_desk.services.common.base import LOGGED_IN, current_actor, service
from sales_desk.services.credit.investigation import READERS
from sales_desk.services.credit.position import current_weights
from sales_desk.services.customers.scope import (
    business_today,
    require_any,
    user_names,
    visible_customer,
)


class ProposalStatus:
    PROPOSED = "proposed"
    APPROVED = "approved"
    REJECTED = "rejected"


@dataclass(frozen=True)
class LineRow:
    indicator: str
    dimension: str
    weight: int
    rating: int
    points: Decimal


@dataclass(frozen=True)
class ProposalView:
    id: int
    customer_id: int
    customer_code: str
    customer_name: str
    investigation_id: int
    status: str
    total_score: Decimal  # exact: 84.99
    grade: str
    summary: str
    proposed_limit: int | None
    proposed_term_days: int | None
    proposed_by_id: int
    proposed_by: str
    proposed_at: datetime
    decided_by: str
    decided_at: datetime | None
    decision_note: str
    lines: tuple[LineRow, ...]
    downgraded_to: str | None = None  # the customer's open downgrade (第14条): above it needs reasons


def _lines(uow: UnitOfWork, proposal_id: int) -> list[ScorecardLine]:
    return list(uow.session.scalars(
        select(ScorecardLine).where(ScorecardLine.proposal_id == proposal_id).order_by(ScorecardLine.id)))


def proposal_view(uow: UnitOfWork, p: RatingProposal, c: Customer) -> ProposalView:
    names = user_names(uow, [p.proposed_by_id, p.decided_by_id])
    rows = []
    for line in _lines(uow, p.id):
        s = ScoreLine(line.indicator_key, line.weight, line.rating)
        rows.append(LineRow(line.indicator_key, s.dimension, line.weight, line.rating, s.points))
    return ProposalView(
        p.id, c.id, c.code, c.name, p.investigation_id, p.status, p.total_score, p.grade, p.summary,
        p.proposed_limit, p.proposed_term_days, p.proposed_by_id, names.get(p.proposed_by_id, ""),
        p.proposed_at, names.get(p.decided_by_id or 0, ""), p.decided_at, p.decision_note, tuple(rows),
        downgraded_to(uow, c.id) if p.status == ProposalStatus.PROPOSED else None)


@service(Perm.CREDIT_INVESTIGATE)
def propose_rating(uow: UnitOfWork, investigation_id: int, ratings: Mapping[str, int], summary: str = "",
                   proposed_limit: int | None = None, proposed_term_days: int | None = None) -> int:
    """Rate every indicator 0–100 %; the total and grade follow from the weights and bands."""
    inv = uow.session.get(CreditInvestigation, investigation_id)
    if inv is None:
        raise NotFound(_("Investigation"), investigation_id)
    c = visible_customer(uow, inv.customer_id)
    if inv.status != InvestigationStatus.REVIEWED.value:
        raise DomainError(_("A rating needs an investigation that finance has reviewed."))
    taken = uow.session.scalar(select(RatingProposal.id).where(
        RatingProposal.customer_id == c.id, RatingProposal.status == ProposalStatus.PROPOSED))
    if taken is not None:
        raise DomainError(_("Rating proposal {id} for this customer awaits a decision.").format(id=taken))
    if uow.session.scalar(select(RatingProposal.id).where(
            RatingProposal.investigation_id == inv.id, RatingProposal.status == ProposalStatus.APPROVED)):
        raise DomainError(_("This investigation already carries an approved rating; open a new one."))
    if proposed_limit is not None and proposed_limit < 0:
        raise ValidationError(_("Credit limit"), _("must not be negative"))
    if proposed_term_days is not None and proposed_term_days < 0:
        raise ValidationError(_("Payment term"), _("must not be negative"))
    lines = score_lines(ratings, current_weights(uow))
    score = total_score(lines)
    grade = grade_for(score, GradeBands.from_settings(load_settings(uow)))
    actor = current_actor(uow)
    p = RatingProposal(customer_id=c.id, investigation_id=inv.id, status=ProposalStatus.PROPOSED,
                       total_score=score, grade=grade.value, summary=summary.strip(),
                       proposed_limit=proposed_limit, proposed_term_days=proposed_term_days,
                       proposed_by_id=actor.user_id, proposed_at=uow.clock(), decision_note="")
    uow.session.add(p)
    uow.session.flush()
    for line in lines:
        uow.session.add(ScorecardLine(proposal_id=p.id, indicator_key=line.indicator, weight=line.weight,
                                      rating=line.rating))
    uow.audit("credit.rating_propose", "customer", c.id, None,
              {"proposal_id": p.id, "investigation_id": inv.id, "score": score, "grade": grade.value,
               "ratings": {line.indicator: line.rating for line in lines},
               "proposed_limit": proposed_limit, "proposed_term_days": proposed_term_days})
    uow.commit()
    return p.id


def _releasable_holds(uow: UnitOfWork, c: Customer, p: RatingProposal) -> list[CreditHold]:
    """A hold ends only with a rating made after it: a proposal older than the trigger did
    not weigh it."""
    return list(uow.session.scalars(select(CreditHold).where(
        CreditHold.customer_id == c.id, CreditHold.released_at.is_(None),
        CreditHold.started_at < p.proposed_at)))


def downgraded_to(uow: UnitOfWork, customer_id: int) -> str | None:
    """The lowest grade the triggers behind the customer's open holds lowered it to (any
    open hold: a proposal older than the trigger must not undo the downgrade silently)."""
    grades = uow.session.scalars(
        select(DowngradeTriggerRecord.grade_after)
        .join(CreditHold, CreditHold.id == DowngradeTriggerRecord.hold_id)
        .where(CreditHold.customer_id == customer_id, CreditHold.released_at.is_(None),
               DowngradeTriggerRecord.grade_after.is_not(None))).all()
    return max(grades, default=None)  # "D" > "C" > "B" > "A": the lowest grade


@service(Perm.CREDIT_APPROVE_RATING)
def decide_rating(uow: UnitOfWork, proposal_id: int, approve: bool, note: str = "") -> int | None:
    """Approve (returns the new rating's id) or reject (with a note) a proposal. A re-rating
    after a downgrade that gives back a better grade than the downgrade left needs the
    approver's written reasons in the note (第14条)."""
    p = uow.session.get(RatingProposal, proposal_id)
    if p is None:
        raise NotFound(_("Rating proposal"), proposal_id)
    c = visible_customer(uow, p.customer_id)
    if p.status != ProposalStatus.PROPOSED:
        raise DomainError(_("This proposal has already been decided."))
    actor = current_actor(uow)
    inv = uow.session.get(CreditInvestigation, p.investigation_id)
    assert inv is not None
    for own in (p.proposed_by_id, inv.opened_by_id, inv.submitted_by_id):
        ensure_not_self_approval(own, actor.user_id, "rating")
    if not approve and not note.strip():
        raise ValidationError(_("Decision note"), _("say why the proposal is rejected"))
    lowered = downgraded_to(uow, c.id)
    if approve and lowered and restores_above(p.grade, lowered) and not note.strip():
        raise ValidationError(_("Decision note"), _(
            "the customer was downgraded to grade {lowered} (第14条); write the reasons for "
            "restoring grade {grade}").format(lowered=lowered, grade=p.grade))
    p.decided_by_id, p.decided_at, p.decision_note = actor.user_id, uow.clock(), note.strip()
    if not approve:
        p.status = ProposalStatus.REJECTED
        uow.audit("credit.rating_reject", "customer", c.id, {"proposal_id": p.id, "status": "proposed"},
                  {"proposal_id": p.id, "status": p.status, "note": p.decision_note})
        uow.commit()
        return None
    rating_id = _approve(uow, p, c, lowered)
    uow.commit()
    return rating_id


def _approve(uow: UnitOfWork, p: RatingProposal, c: Customer, lowered: str | None = None) -> int:
    actor = current_actor(uow)
    settings = load_settings(uow)
    today = business_today(uow)
    due = rerating_due(today, int(settings["credit.rerating_months"]))  # type: ignore[call-overload]
    p.status = ProposalStatus.APPROVED
    rating = CreditRating(customer_id=c.id, proposal_id=p.id, grade=p.grade, score=p.total_score,
                          previous_grade=c.credit_grade, rated_on=today, due_on=due,
                          approved_by_id=actor.user_id, approved_at=uow.clock())
    uow.session.add(rating)
    uow.session.flush()
    before = {"credit_grade": c.credit_grade, "credit_score": c.credit_score, "credit_hold": c.credit_hold,
              "rerating_due_on": c.rerating_due_on}
    c.credit_grade, c.credit_score = p.grade, p.total_score
    c.last_rated_on, c.rerating_due_on = today, due
    # A hold ends only with a rating made after it: a proposal older than the trigger
    # did not weigh it.
    released = list(uow.session.scalars(select(CreditHold).where(
        CreditHold.customer_id == c.id, CreditHold.released_at.is_(None),
        CreditHold.started_at < p.proposed_at)))
    for hold in released:
        hold.released_at, hold.released_by_rating_id = uow.clock(), rating.id
    still_held = uow.session.scalar(select(CreditHold.id).where(
        CreditHold.customer_id == c.id, CreditHold.released_at.is_(None))) is not None
    c.credit_hold = still_held
    if still_held:
        c.rerating_due_on = today
    uow.audit("credit.rating_approve", "customer", c.id, before,
              {"proposal_id": p.id, "rating_id": rating.id, "credit_grade": c.credit_grade,
               "credit_score": c.credit_score, "credit_hold": c.credit_hold,
               "rerating_due_on": c.rerating_due_on, "holds_released": [h.id for h in released],
               **({"downgraded_to": lowered, "restored_with_reasons": p.decision_note}
                  if lowered and restores_above(p.grade, lowered) else {})})
    _fit_terms(uow, c, rating)
    return rating.id


def _fit_terms(uow: UnitOfWork, c: Customer, rating: CreditRating) -> None:
    current = Terms(c.credit_limit, c.payment_term_days, PaymentMode(c.payment_mode))
    fitted = terms_after_rating(Grade(rating.grade), current, TermsPolicy.from_settings(load_settings(uow)))
    if fitted == current:
        return
    uow.session.add(CreditLimitDecision(
        customer_id=c.id, rating_id=rating.id, grade=rating.grade, amount=fitted.limit,
        term_days=fitted.term_days, payment_mode=fitted.mode.value, method=POLICY_METHOD,
        reasons=_("Brought inside the policy of grade {grade}").format(grade=rating.grade),
        previous_amount=c.credit_limit, automatic=True, set_by_id=current_actor(uow).user_id,
        set_at=uow.clock()))
    uow.audit("credit.limit_policy", "customer", c.id,
              {"credit_limit": c.credit_limit, "payment_term_days": c.payment_term_days,
               "payment_mode": c.payment_mode},
              {"credit_limit": fitted.limit, "payment_term_days": fitted.term_days,
               "payment_mode": fitted.mode.value, "rating_id": rating.id})
    c.credit_limit, c.payment_term_days, c.payment_mode = fitted.limit, fitted.term_days, fitted.mode.value


@service(LOGGED_IN, read_only=True)
def get_proposal(uow: UnitOfWork, proposal_id: int) -> ProposalView:
    require_any(uow, READERS)
    p = uow.session.get(RatingProposal, proposal_id)
    if p is None:
        raise NotFound(_("Rating proposal"), proposal_id)
    return proposal_view(uow, p, visible_customer(uow, p.customer_id))


@dataclass(frozen=True)
class ProposalRow:
    id: int
    customer_id: int
    customer_code: str
    customer_name: str
    status: str
    total_score: Decimal
    grade: str
    proposed_by: str
    proposed_at: datetime


@service(LOGGED_IN, read_only=True)
def list_proposals(uow: UnitOfWork, status: str | None = ProposalStatus.PROPOSED,
                   customer_id: int | None = None, limit: int = 500) -> list[ProposalRow]:
    """The approver's queue (status "proposed") or a customer's proposals."""
    require_any(uow, READERS)
    q = (select(RatingProposal, Customer.code, Customer.name)
         .join(Customer, Customer.id == RatingProposal.customer_id)
         .order_by(RatingProposal.id.desc()).limit(limit))
    if status is not None:
        q = q.where(RatingProposal.status == status)
    if customer_id is not None:
        q = q.where(RatingProposal.customer_id == visible_customer(uow, customer_id).id)
    rows = uow.session.execute(q).all()
    names = user_names(uow, [p.proposed_by_id for p, _c, _n in rows])
    return [ProposalRow(p.id, p.customer_id, code, name, p.status, p.total_score, p.grade,
                        names.get(p.proposed_by_id, ""), p.proposed_at) for p, code, name in rows]
