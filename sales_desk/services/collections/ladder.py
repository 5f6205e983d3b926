"""Where a customer stands on the collection ladder [催款流程] (rules: domain/collections/dunning.py).

- `ladder_state`: the customer's open cycle and the state the ladder's rules read (the step
  reached, the deadline, the overdue money, the next document due, good credit); what takes
  a step (services/collections/dunning.py, lawsuits.py, writeoffs.py) starts from it.
- `customer_ladder`: the same as shown to people: where the customer stands, what comes
  next, and every step taken.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.collections.dunning import (
    CLOSING,
    REMINDER_DAYS,
    LadderState,
    LawsuitOutcome,
    Step,
    good_credit,
    next_step,
)
from sales_desk.domain.common.roles import Perm
from sales_desk.models import Customer, DunningStep, Lawsuit
from sales_desk.services.collections.common import first_due_after, standing
from sales_desk.services.common.base import service
from sales_desk.services.customers.scope import business_today, user_names, visible_customer

# -- the state of a customer on the ladder ---------------------------------------------------


@dataclass(frozen=True)
class Cycle:
    number: int  # the cycle the next step belongs to
    steps: tuple[DunningStep, ...]  # of the open cycle, oldest first (empty: none open)
    previous_closing: Step | None  # how the cycle before ended


def cycle_of(steps: Sequence[DunningStep]) -> Cycle:
    """Split a customer's steps (oldest first) into the open cycle and what closed the last one."""
    if not steps:
        return Cycle(1, (), None)
    last = steps[-1]
    if Step(last.step) in CLOSING:
        return Cycle(last.cycle + 1, (), Step(last.step))
    current = tuple(s for s in steps if s.cycle == last.cycle)
    before = [s for s in steps if s.cycle < last.cycle]
    return Cycle(last.cycle, current, Step(before[-1].step) if before else None)


def steps_of(uow: UnitOfWork, customer_id: int) -> list[DunningStep]:
    return list(uow.session.scalars(
        select(DunningStep).where(DunningStep.customer_id == customer_id).order_by(DunningStep.id)))


def _unrecoverable(uow: UnitOfWork, customer_id: int, cycle: int) -> bool:
    return uow.session.scalar(select(Lawsuit.id).where(
        Lawsuit.customer_id == customer_id, Lawsuit.cycle == cycle,
        Lawsuit.outcome == LawsuitOutcome.UNRECOVERABLE.value).limit(1)) is not None


def ladder_state(uow: UnitOfWork, c: Customer, today: date, steps: Sequence[DunningStep] | None = None,
           unrecoverable: bool | None = None) -> tuple[LadderState, Cycle]:
    cyc = cycle_of(steps_of(uow, c.id) if steps is None else steps)
    st = standing(uow, c.id, today)
    last = cyc.steps[-1] if cyc.steps else None
    reminded = max((s.taken_on for s in cyc.steps if s.step == Step.REMINDER.value), default=None)
    # a reminder covers what falls due within REMINDER_DAYS of it; the next one is for later documents
    after = today if reminded is None else max(today, reminded + timedelta(days=REMINDER_DAYS + 1))
    deadline = next((s.deadline for s in reversed(cyc.steps) if s.deadline is not None), None)
    if unrecoverable is None:
        unrecoverable = bool(cyc.steps) and _unrecoverable(uow, c.id, cyc.number)
    state = LadderState(
        Step(last.step) if last else None, last.taken_on if last else None, deadline, st.overdue,
        st.oldest_due, first_due_after(uow, c.id, after), good_credit(c.credit_grade, c.credit_hold),
        after_deferral=cyc.previous_closing is Step.DEFERRED, unrecoverable=unrecoverable)
    return state, cyc


# -- reading: the customer's ladder ------------------------------------------------------------


@dataclass(frozen=True)
class StepRow:
    id: int
    cycle: int
    step: str  # domain.dunning.Step
    on: date
    by: str
    sent_via: str  # domain.dunning.SendMethod or ""
    letter_ref: str
    deadline: date | None
    overdue_amount: int
    note: str


@dataclass(frozen=True)
class LadderView:
    customer_id: int
    code: str
    name: str
    grade: str | None
    on_hold: bool
    good_credit: bool
    overdue: int
    oldest_due: date | None
    current_step: str | None  # of the open cycle
    next_step: str | None
    next_due_on: date | None
    deadline: date | None
    history: tuple[StepRow, ...]  # every step, oldest first


def _step_rows(uow: UnitOfWork, steps: Sequence[DunningStep]) -> tuple[StepRow, ...]:
    names = user_names(uow, [s.by_id for s in steps])
    return tuple(StepRow(s.id, s.cycle, s.step, s.taken_on, names.get(s.by_id, ""), s.sent_via, s.letter_ref,
                         s.deadline, s.overdue_amount, s.note) for s in steps)


@service(Perm.RECEIVABLE_VIEW, read_only=True)
def customer_ladder(uow: UnitOfWork, customer_id: int) -> LadderView:
    """Where the customer stands on the ladder, what comes next, and every step taken."""
    c = visible_customer(uow, customer_id)
    steps = steps_of(uow, c.id)
    state, _cyc = ladder_state(uow, c, business_today(uow), steps)
    nxt = next_step(state)
    return LadderView(c.id, c.code, c.name, c.credit_grade, c.credit_hold, state.good_credit,
                      state.overdue_amount, state.oldest_due, state.last_step.value if state.open else None,
                      nxt.step.value if nxt else None, nxt.due_on if nxt else None, state.deadline,
                      _step_rows(uow, steps))
