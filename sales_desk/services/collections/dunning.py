"""The collection ladder [催款流程] as a log: every step taken (rules: domain/collections/dunning.py;
where a customer stands: services/collections/ladder.py).

- `record_step`: the rep, supervisor or finance takes steps 1–4 (dunning.run), dated,
  with how the letter was sent; a letter gets a number (DL2026-00001) printed on it.
  `run_overdue_notices` is finance's step 2 for every customer newly overdue: the rep
  is told (the step names the rep).
- `send_lawyer_letter`: step 5 is the firm's decision, taken by the sales manager
  (dunning.oversee); the lawsuit is services/collections/lawsuits.py.
- Outcomes close the cycle: the receipt that clears the overdue money (collected), the
  approved write-off, or an approved deferral (`close_cycle`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import date

from sqlalchemy import select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.collections.dunning import (
    CLOSING,
    LETTERS,
    SendMethod,
    Step,
    check_step,
    default_deadline,
    next_step,
)
from sales_desk.domain.common.errors import ValidationError
from sales_desk.domain.common.roles import Perm
from sales_desk.i18n import _
from sales_desk.models import Customer, DunningStep, Receivable
from sales_desk.services.collections.common import scope_to_actor, standing
from sales_desk.services.collections.ladder import Cycle, cycle_of, ladder_state, steps_of
from sales_desk.services.collections.letter_data import letter_as_of_now
from sales_desk.services.common.base import current_actor, service
from sales_desk.services.common.documents import business_date, next_number
from sales_desk.services.customers.scope import business_today, lock_customer, visible_customer

LETTER_PREFIX = "DL"  # dunning letters [催款函件]


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
    letter = None
    if step in LETTERS:  # what the letter says is fixed now, however late it is printed
        letter = letter_as_of_now(uow, c, row, steps_of(uow, c.id)).to_json()
        row.letter_data = letter
    uow.audit("dunning.step", "customer", c.id, None,
              {"customer": c.code, "step": step.value, "cycle": cyc.number, "on": on, "sent_via": sent_via,
               "deadline": deadline, "letter_ref": row.letter_ref, "overdue": st.overdue, "note": row.note,
               "letter_sha256": hashlib.sha256(letter.encode()).hexdigest() if letter else None})
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
    cyc = cycle_of(steps_of(uow, c.id))
    if not cyc.steps or all(s.step == Step.REMINDER.value for s in cyc.steps):
        return None
    on = max(on, cyc.steps[-1].taken_on)
    return add_step(uow, c, cyc, outcome, on, note=note)


def close_if_collected(uow: UnitOfWork, c: Customer, on: date) -> DunningStep | None:
    """After money came in: the cycle ends as collected once nothing is overdue."""
    if standing(uow, c.id, business_today(uow)).overdue > 0:
        return None
    return close_cycle(uow, c, Step.COLLECTED, on)
