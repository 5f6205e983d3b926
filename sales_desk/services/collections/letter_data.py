"""The collection letters to print, as plain data for reports/collections/letters.py:
`letter` (one customer at a letter step), `letters_at` (every customer at a step). Each
carries the documents owed, the collection so far [催账经过] and whom it goes to.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from datetime import date, timedelta

from sqlalchemy import func, select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.collections.aging import days_overdue
from sales_desk.domain.collections.dunning import LETTERS, Step
from sales_desk.domain.common.errors import DomainError, ValidationError
from sales_desk.domain.common.roles import Perm
from sales_desk.i18n import _
from sales_desk.models import (
    Customer,
    CustomerContact,
    DunningStep,
    Receipt,
    Receivable,
    SalesOrder,
    User,
)
from sales_desk.services.collections.common import collection_settings, scope_to_actor
from sales_desk.services.collections.ladder import steps_of
from sales_desk.services.common.base import service
from sales_desk.services.customers.scope import visible_customer


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
    customer_id: int | None = None

    def to_json(self) -> str:
        """The letter as of its step, kept with the step (DunningStep.letter_data)."""
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True, default=date.isoformat)

    @classmethod
    def from_json(cls, text: str) -> LetterData:
        raw = json.loads(text)
        day = lambda v: date.fromisoformat(v) if v else None  # noqa: E731
        items = tuple(LetterItem(**{**i, "doc_date": day(i["doc_date"]), "due_date": day(i["due_date"])})
                      for i in raw.pop("items"))
        history = tuple(HistoryRow(**{**h, "on": day(h["on"])}) for h in raw.pop("history"))
        return cls(**{**raw, "on": day(raw["on"]), "deadline": day(raw["deadline"]),
                      "first_due": day(raw["first_due"]), "items": items, "history": history})


class NotAtStep(DomainError):
    def __init__(self, code: str, step: Step):
        self.code, self.step = code, step
        super().__init__(_("Customer {code} has no “{step}” in its current collection cycle; take the step "
                           "first, then print its letter.").format(code=code, step=step.label))


def _letter(uow: UnitOfWork, c: Customer, row: DunningStep, steps: Sequence[DunningStep]) -> LetterData:
    """The letter as it was on its day when the step kept it, else as of now (steps from
    before letters were kept)."""
    if row.letter_data:  # the language it goes out in is the customer's now, not data of the debt
        return replace(LetterData.from_json(row.letter_data), language=c.language)
    return letter_as_of_now(uow, c, row, steps)


def letter_as_of_now(uow: UnitOfWork, c: Customer, row: DunningStep, steps: Sequence[DunningStep]) -> LetterData:
    """What the step's letter says from the data as it stands: taken with the step."""
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
                      min((i.due_date for i in items), default=None), c.language, c.id)


@service(Perm.RECEIVABLE_VIEW)
def letter(uow: UnitOfWork, customer_id: int, step: str) -> LetterData:
    """The letter of the customer's latest `step` in its current (or last) cycle."""
    s = Step(step)
    if s not in LETTERS:
        raise ValidationError(_("Letter"), _("one of: {steps}").format(steps=", ".join(x.value for x in LETTERS)))
    c = visible_customer(uow, customer_id)
    steps = steps_of(uow, c.id)
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
