"""The collection ladder [催款流程] as a worklist and a log (rules: domain/collections/dunning.py).

- `worklist`: every customer with overdue money or an open cycle (and those due a
  reminder), with the step reached, the next step and from when. The sales manager
  oversees it (dunning.oversee); reps see their own customers.
- `record_step`: the rep, supervisor or finance takes steps 1–4 (dunning.run), dated,
  with how the letter was sent; a letter gets a number (DL2026-00001) printed on it.
  `run_overdue_notices` is finance's step 2 for every customer newly overdue: the rep
  is told (the step names the rep).
- `send_lawyer_letter`: step 5 is the firm's decision, taken by the sales manager
  (dunning.oversee); the lawsuit is services/collections/lawsuits.py.
- Outcomes close the cycle: the receipt that clears the overdue money (collected), the
  approved write-off, or an approved deferral (`close_cycle`).
- Letters to print: `letter` (one customer at a letter step), `letters_at` (every
  customer at a step), as plain data for reports/collections/letters.py.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.collections.aging import days_overdue
from sales_desk.domain.collections.dunning import (
    CLOSING,
    LETTERS,
    REMINDER_DAYS,
    LadderState,
    LawsuitOutcome,
    NextStep,
    SendMethod,
    Step,
    check_step,
    default_deadline,
    good_credit,
    next_step,
)
from sales_desk.domain.common.errors import DomainError, ValidationError
from sales_desk.domain.common.roles import Perm
from sales_desk.i18n import _
from sales_desk.models import (
    Customer,
    CustomerContact,
    DunningStep,
    Lawsuit,
    Receipt,
    Receivable,
    SalesOrder,
    User,
)
from sales_desk.services.collections.common import (
    collection_settings,
    first_due_after,
    scope_to_actor,
    standing,
)
from sales_desk.services.common.base import current_actor, service
from sales_desk.services.common.documents import business_date, next_number
from sales_desk.services.customers.scope import (
    business_today,
    lock_customer,
    user_names,
    visible_customer,
)

LETTER_PREFIX = "DL"  # dunning letters [催款函件]

# -- the state of a customer on the ladder ---------------------------------------------------


@dataclass(frozen=True)
class Cycle:
    number: int  # the cycle the next step belongs to
    steps: tuple[DunningStep, ...]  # of the open cycle, oldest first (empty: none open)
    previous_closing: Step | None  # how the cycle before ended


def _cycle(steps: Sequence[DunningStep]) -> Cycle:
    """Split a customer's steps (oldest first) into the open cycle and what closed the last one."""
    if not steps:
        return Cycle(1, (), None)
    last = steps[-1]
    if Step(last.step) in CLOSING:
        return Cycle(last.cycle + 1, (), Step(last.step))
    current = tuple(s for s in steps if s.cycle == last.cycle)
    before = [s for s in steps if s.cycle < last.cycle]
    return Cycle(last.cycle, current, Step(before[-1].step) if before else None)


def _steps_of(uow: UnitOfWork, customer_id: int) -> list[DunningStep]:
    return list(uow.session.scalars(
        select(DunningStep).where(DunningStep.customer_id == customer_id).order_by(DunningStep.id)))


def _unrecoverable(uow: UnitOfWork, customer_id: int, cycle: int) -> bool:
    return uow.session.scalar(select(Lawsuit.id).where(
        Lawsuit.customer_id == customer_id, Lawsuit.cycle == cycle,
        Lawsuit.outcome == LawsuitOutcome.UNRECOVERABLE.value).limit(1)) is not None


def ladder_state(uow: UnitOfWork, c: Customer, today: date, steps: Sequence[DunningStep] | None = None,
           unrecoverable: bool | None = None) -> tuple[LadderState, Cycle]:
    cyc = _cycle(_steps_of(uow, c.id) if steps is None else steps)
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


def add_step(uow: UnitOfWork, c: Customer, cyc: Cycle, step: Step, on: date, *, sent_via: str = "",
              deadline: date | None = None, note: str = "") -> DunningStep:
    st = standing(uow, c.id, business_today(uow))
    row = DunningStep(
        customer_id=c.id, cycle=cyc.number, step=step.value, taken_on=on, by_id=current_actor(uow).user_id,
        rep_id=c.rep_id, sent_via=sent_via, deadline=deadline, overdue_amount=st.overdue,
        open_amount=st.open_debits, note=note.strip(), recorded_at=uow.clock(),
        letter_ref=next_number(uow, LETTER_PREFIX, on) if step in LETTERS else "")
    uow.session.add(row)
    uow.session.flush()
    uow.audit("dunning.step", "customer", c.id, None,
              {"customer": c.code, "step": step.value, "cycle": cyc.number, "on": on, "sent_via": sent_via,
               "deadline": deadline, "letter_ref": row.letter_ref, "overdue": st.overdue, "note": row.note})
    return row


def _take(uow: UnitOfWork, customer_id: int, step: Step, on: date | None, sent_via: str | None,
          deadline: date | None, note: str) -> DunningStep:
    c = lock_customer(uow, visible_customer(uow, customer_id).id)
    day = business_date(uow, on, _("Date"))
    method = None
    if sent_via:
        try:
            method = SendMethod(sent_via)
        except ValueError:
            raise ValidationError(_("Sent by"), _("unknown way of sending: {v}").format(v=sent_via)) from None
    state, cyc = ladder_state(uow, c, business_today(uow))
    check_step(state, step, day, method, deadline)
    if deadline is None:
        deadline = default_deadline(step, day)
    return add_step(uow, c, cyc, step, day, sent_via=method.value if method else "", deadline=deadline,
                     note=note)


BY_RUNNERS = (Step.REMINDER, Step.OVERDUE, Step.THANK_YOU, Step.DUNNING)


@service(Perm.DUNNING_RUN)
def record_step(uow: UnitOfWork, customer_id: int, step: str, on: date | None = None,
                sent_via: str | None = None, deadline: date | None = None, note: str = "") -> int:
    """Take one of steps 1–4 for a customer (reminder, overdue, thank-you letter, dunning
    notice), dated, with how it was sent; returns the step's id."""
    s = Step(step)
    if s not in BY_RUNNERS:
        raise ValidationError(s.label, _("taken by the sales manager or by the lawsuit, write-off or receipt"))
    row = _take(uow, customer_id, s, on, sent_via, deadline, note)
    uow.commit()
    return row.id


@service(Perm.DUNNING_RUN)
def record_steps(uow: UnitOfWork, customer_ids: Sequence[int], step: str, on: date | None = None,
                 sent_via: str | None = None, note: str = "") -> list[int]:
    """The same step for several customers at once (a batch of letters): all or none."""
    s = Step(step)
    if s not in BY_RUNNERS:
        raise ValidationError(s.label, _("taken by the sales manager or by the lawsuit, write-off or receipt"))
    ids = [_take(uow, cid, s, on, sent_via, None, note).id for cid in dict.fromkeys(customer_ids)]
    uow.commit()
    return ids


@service(Perm.DUNNING_OVERSEE)
def send_lawyer_letter(uow: UnitOfWork, customer_id: int, on: date | None = None, sent_via: str | None = None,
                       deadline: date | None = None, note: str = "") -> int:
    """Step 5 [律师函], once the dunning notice's deadline has passed unpaid."""
    row = _take(uow, customer_id, Step.LAWYER, on, sent_via, deadline, note)
    uow.commit()
    return row.id


def _overdue_customers(uow: UnitOfWork, today: date) -> list[int]:
    q = (select(Receivable.customer_id)
         .where(Receivable.open_amount > 0, Receivable.due_date < today)
         .group_by(Receivable.customer_id))
    return list(uow.session.scalars(scope_to_actor(uow, q, Receivable.customer_id)))


def _overdue_notices(uow: UnitOfWork) -> list[str]:
    today = business_today(uow)
    done: list[str] = []
    for cid in _overdue_customers(uow, today):
        c = lock_customer(uow, cid)
        state, cyc = ladder_state(uow, c, today)
        nxt = next_step(state)
        if nxt is not None and nxt.step is Step.OVERDUE:
            add_step(uow, c, cyc, Step.OVERDUE, today, note=_("found by the aging of {date}").format(
                date=today.isoformat()))
            done.append(c.code)
    return done


@service(Perm.DUNNING_RUN)
def run_overdue_notices(uow: UnitOfWork) -> list[str]:
    """Finance runs the aging and tells each newly overdue customer's rep (step 2);
    returns the customers' codes."""
    done = _overdue_notices(uow)
    uow.commit()
    return done


def close_cycle(uow: UnitOfWork, c: Customer, outcome: Step, on: date, note: str = "") -> DunningStep | None:
    """End the customer's open cycle (inside the receipt's, write-off's or deferral's
    transaction); nothing when no cycle is open past a reminder."""
    assert outcome in CLOSING
    cyc = _cycle(_steps_of(uow, c.id))
    if not cyc.steps or all(s.step == Step.REMINDER.value for s in cyc.steps):
        return None
    on = max(on, cyc.steps[-1].taken_on)
    return add_step(uow, c, cyc, outcome, on, note=note)


def close_if_collected(uow: UnitOfWork, c: Customer, on: date) -> DunningStep | None:
    """After money came in: the cycle ends as collected once nothing is overdue."""
    if standing(uow, c.id, business_today(uow)).overdue > 0:
        return None
    return close_cycle(uow, c, Step.COLLECTED, on)


# -- reading: the customer's ladder and the worklist --------------------------------------------


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


@service(Perm.RECEIVABLE_VIEW)
def customer_ladder(uow: UnitOfWork, customer_id: int) -> LadderView:
    """Where the customer stands on the ladder, what comes next, and every step taken."""
    c = visible_customer(uow, customer_id)
    steps = _steps_of(uow, c.id)
    state, _cyc = ladder_state(uow, c, business_today(uow), steps)
    nxt = next_step(state)
    return LadderView(c.id, c.code, c.name, c.credit_grade, c.credit_hold, state.good_credit,
                      state.overdue_amount, state.oldest_due, state.last_step.value if state.open else None,
                      nxt.step.value if nxt else None, nxt.due_on if nxt else None, state.deadline,
                      _step_rows(uow, steps))


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


@service(Perm.RECEIVABLE_VIEW)
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
        cyc = _cycle(steps)
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


# -- letters ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LetterItem:
    doc_no: str
    doc_date: date
    due_date: date
    reference: str  # the contract (order) and the shipment it came from
    amount: int
    open_amount: int
    days_overdue: int


@dataclass(frozen=True)
class HistoryRow:
    on: date
    what: str  # domain.dunning.Step value, or "receipt"
    sent_via: str
    reference: str  # letter number, receipt number
    amount: int | None  # a receipt's amount


@dataclass(frozen=True)
class LetterData:
    """Everything a letter prints (reports/collections/letters.py)."""

    step: str  # domain.dunning.Step: reminder, thank_you, dunning, lawyer
    letter_ref: str
    on: date
    deadline: date | None
    sent_via: str
    company: str
    currency: str
    customer_code: str
    customer_name: str
    address: str
    phone: str
    contact: str
    rep: str
    items: tuple[LetterItem, ...]  # overdue (reminder: falling due) documents
    total: int
    history: tuple[HistoryRow, ...]  # collection so far, oldest first (催账经过)
    first_due: date | None  # the oldest document's due date
    language: str = ""  # the customer's letter language; "" the one chosen at print time


class NotAtStep(DomainError):
    def __init__(self, code: str, step: Step):
        self.code, self.step = code, step
        super().__init__(_("Customer {code} has no “{step}” in its current collection cycle; take the step "
                           "first, then print its letter.").format(code=code, step=step.label))


def _letter(uow: UnitOfWork, c: Customer, row: DunningStep, steps: Sequence[DunningStep]) -> LetterData:
    s = collection_settings(uow)
    step = Step(row.step)
    docs = list(uow.session.execute(
        select(Receivable, SalesOrder.number).outerjoin(SalesOrder, SalesOrder.id == Receivable.order_id)
        .where(Receivable.customer_id == c.id, Receivable.amount > 0, Receivable.open_amount > 0)
        .order_by(Receivable.due_date, Receivable.id)))
    if step is Step.REMINDER:
        docs = [(d, n) for d, n in docs if d.due_date >= row.taken_on]
    else:
        docs = [(d, n) for d, n in docs if d.due_date < row.taken_on] or docs
    items = tuple(LetterItem(d.doc_no, d.doc_date, d.due_date, " / ".join(x for x in (n, d.description) if x),
                             d.amount, d.open_amount, max(0, days_overdue(d.due_date, row.taken_on)))
                  for d, n in docs)
    earlier = [x for x in steps if x.cycle == row.cycle and x.id < row.id]
    receipts = uow.session.execute(
        select(Receipt.received_on, Receipt.number, Receipt.amount)
        .where(Receipt.customer_id == c.id, Receipt.received_on >= (earlier[0].taken_on if earlier
                                                                      else row.taken_on - timedelta(days=90)),
               Receipt.received_on <= row.taken_on, Receipt.reversed_on.is_(None))).all()
    history = sorted([HistoryRow(x.taken_on, x.step, x.sent_via, x.letter_ref, None) for x in earlier]
                     + [HistoryRow(on, "receipt", "", number, amount) for on, number, amount in receipts],
                     key=lambda h: (h.on, h.what != "receipt"))
    contact = uow.session.scalar(select(CustomerContact.name).where(CustomerContact.customer_id == c.id)
                                 .order_by(CustomerContact.key_person.desc(), CustomerContact.id).limit(1))
    rep = uow.session.scalar(select(User.full_name).where(User.id == c.rep_id)) if c.rep_id else None
    return LetterData(step.value, row.letter_ref, row.taken_on, row.deadline, row.sent_via, s.company, s.currency,
                      c.code, c.name, c.address, c.phone, contact or "", rep or "", items,
                      sum(i.open_amount for i in items), tuple(history),
                      min((i.due_date for i in items), default=None), c.language)


@service(Perm.RECEIVABLE_VIEW)
def letter(uow: UnitOfWork, customer_id: int, step: str) -> LetterData:
    """The letter of the customer's latest `step` in its current (or last) cycle."""
    s = Step(step)
    if s not in LETTERS:
        raise ValidationError(_("Letter"), _("one of: {steps}").format(steps=", ".join(x.value for x in LETTERS)))
    c = visible_customer(uow, customer_id)
    steps = _steps_of(uow, c.id)
    last_cycle = steps[-1].cycle if steps else 0
    row = next((x for x in reversed(steps) if x.step == s.value and x.cycle == last_cycle), None)
    if row is None:
        raise NotAtStep(c.code, s)
    return _letter(uow, c, row, steps)


@service(Perm.RECEIVABLE_VIEW)
def letters_at(uow: UnitOfWork, step: str) -> list[LetterData]:
    """The letters of every customer (the actor sees) whose open cycle stands at `step`."""
    s = Step(step)
    if s not in LETTERS:
        raise ValidationError(_("Letter"), _("one of: {steps}").format(steps=", ".join(x.value for x in LETTERS)))
    last_ids = select(func.max(DunningStep.id)).group_by(DunningStep.customer_id)
    q = select(DunningStep).where(DunningStep.id.in_(last_ids), DunningStep.step == s.value)
    rows = list(uow.session.scalars(scope_to_actor(uow, q, DunningStep.customer_id)))
    customers = {c.id: c for c in uow.session.scalars(
        select(Customer).where(Customer.id.in_([r.customer_id for r in rows])))}
    by_customer: dict[int, list[DunningStep]] = defaultdict(list)
    for x in uow.session.scalars(select(DunningStep).where(
            DunningStep.customer_id.in_(customers), DunningStep.cycle.in_({r.cycle for r in rows}))
            .order_by(DunningStep.id)):
        by_customer[x.customer_id].append(x)
    out = [_letter(uow, customers[r.customer_id], r, by_customer[r.customer_id]) for r in rows]
    return sorted(out, key=lambda d: d.customer_code)
