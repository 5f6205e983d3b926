"""Collection targets per month and rep [回款目标] and the collection rate in performance
(seed 001 销售回款管理制度 第11–12条: the sales department sets targets per period inside the
sales plan, approved by the marketing director, broken down to each rep; the collection
rate counts in the rep's appraisal).

- The sales manager proposes the month's targets in the monthly plan; they come into
  force when the sales VP approves it (services/planning/sub_plans.py calls `put_targets`).
  Nobody sets them directly any more. A later approved monthly plan for the month replaces
  the reps' targets it names, audited.
- Collected = money from receipts applied in the month to the rep's documents (the rep
  responsible when the document was raised). Rate = collected ÷ target, as a Decimal
  percentage with one decimal (half-up); no target, no rate.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.collections.liability import month_end, month_start
from sales_desk.domain.collections.receivables import AllocationSource
from sales_desk.domain.common.money import share_percent
from sales_desk.domain.common.roles import Perm, Role
from sales_desk.models import CollectionTarget, Receivable, ReceivableAllocation, UserRole
from sales_desk.services.collections.common import sees_all
from sales_desk.services.common.base import current_actor, service
from sales_desk.services.customers.scope import business_today, user_names


def put_targets(uow: UnitOfWork, month: date, targets: Mapping[int, int], sub_plan_id: int, note: str) -> None:
    """The reps' targets of an approved monthly plan into force (inside its transaction);
    the approver is who set them."""
    month = month_start(month)
    for rep_id, amount in sorted(targets.items()):
        row = uow.session.scalar(select(CollectionTarget).where(CollectionTarget.month == month,
                                                                CollectionTarget.rep_id == rep_id))
        before = {"amount": row.amount} if row else None
        if row is None:
            row = CollectionTarget(month=month, rep_id=rep_id, amount=0)
            uow.session.add(row)
        row.amount, row.note, row.sub_plan_id = amount, note, sub_plan_id
        row.set_by_id, row.set_at = current_actor(uow).user_id, uow.clock()
        uow.session.flush()
        uow.audit("collection.set_target", "collection_target", row.id, before,
                  {"month": month, "rep_id": rep_id, "amount": amount, "note": note, "sub_plan_id": sub_plan_id})


@dataclass(frozen=True)
class Performance:
    rep_id: int
    rep: str
    target: int | None
    collected: int
    rate: Decimal | None  # percent, one decimal
    overdue: int  # the rep's documents overdue at the month's end (today for this month)


def rate(collected: int, target: int | None) -> Decimal | None:
    if not target:
        return None
    return share_percent(collected, target, places=1)


@service(Perm.RECEIVABLE_VIEW, read_only=True)
def collection_performance(uow: UnitOfWork, month: date) -> list[Performance]:
    """Per rep: the month's target, what was collected and the rate; a rep sees their own."""
    start = month_start(month)
    end = min(month_end(start), business_today(uow))
    a, r = ReceivableAllocation, Receivable
    collected = {k: v for k, v in uow.session.execute(
        select(r.rep_id, func.sum(a.amount)).join(r, r.id == a.receivable_id)
        .where(a.source == AllocationSource.RECEIPT.value, a.applied_on >= start, a.applied_on <= month_end(start))
        .group_by(r.rep_id))}
    targets = {k: v for k, v in uow.session.execute(select(CollectionTarget.rep_id, CollectionTarget.amount)
                                       .where(CollectionTarget.month == start))}
    overdue = {k: v for k, v in uow.session.execute(
        select(r.rep_id, func.sum(r.open_amount)).where(r.open_amount > 0, r.due_date < end)
        .group_by(r.rep_id))}
    reps = set(uow.session.scalars(select(UserRole.user_id).where(UserRole.role == Role.SALES_REP.value)))
    reps |= {k for k in (*collected, *targets) if k is not None}
    if not sees_all(uow):
        reps &= {current_actor(uow).user_id}
    names = user_names(uow, reps)
    out = [Performance(rid, names.get(rid, ""), targets.get(rid), int(collected.get(rid, 0)),
                       rate(int(collected.get(rid, 0)), targets.get(rid)), int(overdue.get(rid, 0)))
           for rid in reps]
    return sorted(out, key=lambda p: p.rep)
