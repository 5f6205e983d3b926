"""The collection worklist: every customer with overdue money or an open cycle (and those due
a reminder), with the step reached, the next step and from when (rules:
domain/collections/dunning.py). The sales manager oversees it (dunning.oversee); reps see
their own customers.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.collections.aging import days_overdue
from sales_desk.domain.collections.dunning import (
    CLOSING,
    REMINDER_DAYS,
    LawsuitOutcome,
    NextStep,
    Step,
    next_step,
)
from sales_desk.domain.common.roles import Perm
from sales_desk.models import Customer, DunningStep, Lawsuit, Receivable
from sales_desk.services.collections.common import scope_to_actor
from sales_desk.services.collections.ladder import cycle_of, ladder_state
from sales_desk.services.common.base import service
from sales_desk.services.customers.scope import business_today, user_names


@dataclass(frozen=True)
class WorkItem:
    customer_id: int
    code: str
    name: str
    rep: str
    grade: str | None
    good_credit: bool
    overdue: int
    days_overdue: int  # of the oldest overdue document; 0 when none
    current_step: str | None
    current_on: date | None
    deadline: date | None
    next_step: str | None
    next_due_on: date | None
    due_now: bool  # the next step may be taken today


@service(Perm.RECEIVABLE_VIEW, read_only=True)
def worklist(uow: UnitOfWork, reminders: bool = True) -> list[WorkItem]:
    """Every customer with overdue money or an open cycle (and, with `reminders`, those with
    a document falling due within the reminder window), most overdue first."""
    today = business_today(uow)
    horizon = today + timedelta(days=REMINDER_DAYS)
    r = Receivable
    q = (select(r.customer_id).where(r.open_amount > 0)
         .where(r.due_date <= horizon if reminders else r.due_date < today).group_by(r.customer_id))
    ids = set(uow.session.scalars(scope_to_actor(uow, q, r.customer_id)))
    last_ids = select(func.max(DunningStep.id)).group_by(DunningStep.customer_id)
    open_q = select(DunningStep.customer_id).where(DunningStep.id.in_(last_ids),
                                                   DunningStep.step.not_in([s.value for s in CLOSING]))
    ids |= set(uow.session.scalars(scope_to_actor(uow, open_q, DunningStep.customer_id)))
    if not ids:
        return []
    customers = {c.id: c for c in uow.session.scalars(select(Customer).where(Customer.id.in_(ids)))}
    by_customer: dict[int, list[DunningStep]] = defaultdict(list)
    for s in uow.session.scalars(select(DunningStep).where(DunningStep.customer_id.in_(ids))
                                 .order_by(DunningStep.id)):
        by_customer[s.customer_id].append(s)
    lost = set(tuple(row) for row in uow.session.execute(select(Lawsuit.customer_id, Lawsuit.cycle).where(
        Lawsuit.customer_id.in_(ids), Lawsuit.outcome == LawsuitOutcome.UNRECOVERABLE.value)))
    reps = user_names(uow, [c.rep_id for c in customers.values()])
    out: list[WorkItem] = []
    for cid, c in customers.items():
        steps = by_customer.get(cid, [])
        cyc = cycle_of(steps)
        state, _ = ladder_state(uow, c, today, steps, unrecoverable=(cid, cyc.number) in lost)
        nxt = next_step(state)
        if nxt is None and not state.open:
            continue
        if nxt is not None and nxt.step is Step.REMINDER and (nxt.due_on or today) > today:
            continue  # not yet in the reminder window
        out.append(WorkItem(
            c.id, c.code, c.name, reps.get(c.rep_id or 0, ""), c.credit_grade, state.good_credit,
            state.overdue_amount, days_overdue(state.oldest_due, today) if state.oldest_due else 0,
            state.last_step.value if state.open else None, state.last_on if state.open else None,
            state.deadline if state.open else None, nxt.step.value if nxt else None,
            nxt.due_on if nxt else None, _due_now(nxt, today)))
    out.sort(key=lambda w: (-w.days_overdue, -w.overdue, w.code))
    return out


def _due_now(nxt: NextStep | None, today: date) -> bool:
    return nxt is not None and nxt.step not in CLOSING and nxt.due_on is not None and nxt.due_on <= today
