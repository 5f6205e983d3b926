"""Waiting for me: the claims, payments, travel applications and budgets the user may act
on now — never their own, never a second step of a claim they already approved, never
paying what they signed. Each part filters on an index ((current_step, id), (status, id))
and the "already acted" test looks up the claim's own steps by (claim_id, round).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import exists, or_, select
from sqlalchemy.orm import aliased

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.common.roles import Perm
from sales_desk.domain.expenses.budget import BudgetStatus
from sales_desk.domain.expenses.claims import ClaimStatus, StepKind, StepStatus, TravelStatus
from sales_desk.domain.expenses.report_review import ReportStatus
from sales_desk.models import (
    ExpenseBudget,
    ExpenseClaim,
    ExpenseClaimStep,
    ExpenseReportSubmission,
    TravelApplication,
)
from sales_desk.services.common.base import LOGGED_IN, current_actor, service
from sales_desk.services.expenses.common import user_names


@dataclass(frozen=True)
class WaitingItem:
    kind: str  # "claim" (at a step), "payment", "travel", "budget", "report" (the GM's review)
    id: int
    step: str  # StepKind for claims and travel; "pay"; BudgetStatus for budgets; "submitted" for reports
    who: str  # the claimant, applicant or preparer
    amount: int
    since: datetime | None
    summary: str  # item and purpose, destination, or the budget's year


@service(LOGGED_IN, read_only=True)
def waiting_for_me(uow: UnitOfWork, limit: int = 200) -> list[WaitingItem]:
    """What the user may act on now, oldest first: never their own claims, never a second
    step of a claim they already approved, never paying what they signed."""
    actor = current_actor(uow)
    c, s = ExpenseClaim, ExpenseClaimStep
    found: list[tuple] = []  # WaitingItem's fields, with the person's user id as `who`
    kinds = [k.value for k in StepKind if actor.can(k.permission)]
    if kinds:
        mine = aliased(s)
        acted = exists().where(mine.claim_id == c.id, mine.round == c.round, mine.actor_id == actor.user_id,
                               mine.status == StepStatus.APPROVED.value)
        q = (select(c.id, c.claimant_id, c.current_step, c.amount, c.submitted_at, c.item, c.purpose)
             .where(c.status == ClaimStatus.IN_ROUTE.value, c.current_step.in_(kinds),
                    c.claimant_id != actor.user_id, ~acted)
             .order_by(c.submitted_at, c.id).limit(limit))
        found += [("claim", r.id, r.current_step, r.claimant_id, r.amount, r.submitted_at,
                   f"{r.item} · {r.purpose}") for r in uow.session.execute(q)]
    if actor.can(Perm.EXPENSE_PAY):
        q = (select(c.id, c.claimant_id, c.amount, c.signed_at, c.item, c.purpose)
             .where(c.status == ClaimStatus.SIGNED.value, c.claimant_id != actor.user_id,
                    or_(c.signed_by_id.is_(None), c.signed_by_id != actor.user_id))
             .order_by(c.signed_at, c.id).limit(limit))
        found += [("payment", r.id, "pay", r.claimant_id, r.amount, r.signed_at, f"{r.item} · {r.purpose}")
                  for r in uow.session.execute(q)]
    # the GM's service decides either kind of travel application (services/expenses/travel.py)
    travel_kinds = ([StepKind.APPROVE.value, StepKind.GM.value] if actor.can(Perm.EXPENSE_APPROVE_MAJOR)
                    else [StepKind.APPROVE.value] if actor.can(Perm.EXPENSE_APPROVE) else [])
    if travel_kinds:
        t = TravelApplication
        q = (select(t.id, t.applicant_id, t.approver_kind, t.estimated_amount, t.applied_at, t.destination)
             .where(t.status == TravelStatus.PENDING.value, t.approver_kind.in_(travel_kinds),
                    t.applicant_id != actor.user_id).order_by(t.applied_at, t.id).limit(limit))
        found += [("travel", r.id, r.approver_kind, r.applicant_id, r.estimated_amount, r.applied_at,
                   r.destination) for r in uow.session.execute(q)]
    budget_steps = [st.value for st, p in ((BudgetStatus.SUBMITTED, Perm.BUDGET_CHECK),
                                           (BudgetStatus.CHECKED, Perm.BUDGET_APPROVE)) if actor.can(p)]
    if budget_steps:
        b = ExpenseBudget
        q = (select(b.id, b.prepared_by_id, b.status, b.submitted_at, b.year, b.revision)
             .where(b.status.in_(budget_steps), b.prepared_by_id != actor.user_id).order_by(b.id))
        found += [("budget", r.id, r.status, r.prepared_by_id, 0, r.submitted_at, f"{r.year} r{r.revision}")
                  for r in uow.session.execute(q)]
    if actor.can(Perm.EXPENSE_REPORT_REVIEW):  # 第11条2: the annual report submitted to the GM
        r = ExpenseReportSubmission
        q = (select(r.id, r.submitted_by_id, r.submitted_at, r.year)
             .where(r.status == ReportStatus.SUBMITTED.value, r.submitted_by_id != actor.user_id).order_by(r.id))
        found += [("report", x.id, ReportStatus.SUBMITTED.value, x.submitted_by_id, 0, x.submitted_at, str(x.year))
                  for x in uow.session.execute(q)]
    found.sort(key=lambda f: (f[5] is None, f[5].timestamp() if f[5] else 0, f[0], f[1]))
    found = found[:limit]
    names = user_names(uow, [f[3] for f in found])
    return [WaitingItem(kind, id_, step, names.get(who, ""), amount, since, summary)
            for kind, id_, step, who, amount, since, summary in found]
