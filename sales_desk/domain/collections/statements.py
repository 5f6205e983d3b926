"""Statements of account [对账单] and the customer's confirmation [余额确认] (seed 001
销售专员 职责6: 做好日常发货的流水账及与客户对账工作).

- A statement shows one customer's ledger for a period: the balance brought forward on the
  day before it starts, the invoices, money received, credit notes and write-offs in it,
  and the closing balance on its last day, which is the ledger's balance on that day.
- It is issued once as a document of record, in the customer's language, with a slip the
  customer signs and returns: the balance agreed, or the differences they see.
- The reply is recorded once. A confirmed statement is closed: no reply, difference or new
  edition changes it. A disputed one lists its differences (amount and reason each); each
  stays open until finance resolves it with a note, and the statement is settled when the
  last one is resolved.
- A statement without a reply `collection.statement_reply_days` days after it was issued
  (a collection-policy number) is on the rep's and finance's lists.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from sales_desk.domain.common.errors import DomainError, ValidationError
from sales_desk.i18n import N_, _

ARTICLE = "销售专员 职责6"
DEFAULT_REPLY_DAYS = 15
REPLY_DAYS_KEY = "collection.statement_reply_days"


class StatementStatus(StrEnum):
    ISSUED = "issued"  # sent, no reply yet
    CONFIRMED = "confirmed"  # the customer agreed the balance
    DISPUTED = "disputed"  # the customer raised differences, some still open
    SETTLED = "settled"  # every difference resolved
    SUPERSEDED = "superseded"  # a new edition of the same period replaced it before any reply

    @property
    def label(self) -> str:
        return _(STATUS_LABELS[self][0])


STATUS_LABELS: dict[StatementStatus, tuple[str, str]] = {
    StatementStatus.ISSUED: (N_("Awaiting reply"), "待确认"),
    StatementStatus.CONFIRMED: (N_("Balance confirmed"), "余额已确认"),
    StatementStatus.DISPUTED: (N_("Differences open"), "差异未解决"),
    StatementStatus.SETTLED: (N_("Differences resolved"), "差异已解决"),
    StatementStatus.SUPERSEDED: (N_("Superseded"), "已被新版取代"),
}


class Movement(StrEnum):
    """The kinds of ledger line a statement totals."""

    INVOICE = "invoice"
    RECEIPT = "receipt"
    CREDIT_NOTE = "credit_note"
    WRITE_OFF = "write_off"


# ledger line kinds (services/collections/ledger.py) -> the statement's column; a reversal
# (a bounced cheque) lowers money received, a recovery lowers what was written off
KIND_MOVEMENT = {"invoice": Movement.INVOICE, "opening": Movement.INVOICE, "credit_note": Movement.CREDIT_NOTE,
                 "receipt": Movement.RECEIPT, "prepayment": Movement.RECEIPT, "reversal": Movement.RECEIPT,
                 "write_off": Movement.WRITE_OFF, "recovery": Movement.WRITE_OFF}


@dataclass(frozen=True)
class Totals:
    opening: int  # what the customer owed the day before the period
    invoices: int  # raised in the period (opening balances imported in it too)
    receipts: int  # money received, less cheques bounced
    credit_notes: int  # returns credited
    write_offs: int  # written off, less recovered
    closing: int  # owed on the period's last day

    def balanced(self) -> bool:
        return self.closing == (self.opening + self.invoices - self.receipts - self.credit_notes
                                - self.write_offs)


def totals(lines: Iterable[tuple[date, str, int]], start: date, end: date) -> Totals:
    """The statement's figures from ledger lines (day, kind, signed amount: + owes more).

    Lines before `start` make the opening balance, lines after `end` are left out."""
    opening = 0
    moved = dict.fromkeys(Movement, 0)
    for on, kind, amount in lines:
        if on < start:
            opening += amount
        elif on <= end:
            movement = KIND_MOVEMENT[kind]
            # invoices count what is owed more; the others what is owed less
            moved[movement] += amount if movement is Movement.INVOICE else -amount
    closing = (opening + moved[Movement.INVOICE] - moved[Movement.RECEIPT] - moved[Movement.CREDIT_NOTE]
               - moved[Movement.WRITE_OFF])
    return Totals(opening, moved[Movement.INVOICE], moved[Movement.RECEIPT], moved[Movement.CREDIT_NOTE],
                  moved[Movement.WRITE_OFF], closing)


def default_start(as_of: date) -> date:
    """A statement runs from the first day of the year of its date unless told otherwise."""
    return date(as_of.year, 1, 1)


def check_period(start: date, end: date, today: date) -> None:
    if start > end:
        raise ValidationError(_("Period"), _("the first day must not be after the last"))
    if end > today:
        raise ValidationError(_("Statement date"), _("must not lie in the future"))


class StatementClosed(DomainError):
    """A confirmed statement is the customer's signed agreement: it is never changed."""

    def __init__(self, number: str):
        self.number = number
        super().__init__(_("Statement {number} was confirmed by the customer: a confirmed statement cannot be "
                           "changed ({article}). Issue a statement for a later date instead.")
                         .format(number=number, article=ARTICLE))


class ReplyAlreadyRecorded(DomainError):
    def __init__(self, number: str, status: StatementStatus):
        self.number, self.status = number, status
        super().__init__(_("The customer's reply to statement {number} is already recorded ({status}); "
                           "a difference is followed to its resolution instead.")
                         .format(number=number, status=status.label))


class ReplySuperseded(DomainError):
    def __init__(self, number: str):
        self.number = number
        super().__init__(_("Statement {number} was replaced by a newer edition of the same period: record the "
                           "customer's reply on the newer one.").format(number=number))


class DifferenceResolved(DomainError):
    def __init__(self, number: str):
        self.number = number
        super().__init__(_("This difference on statement {number} is already resolved.").format(number=number))


def check_can_reissue(number: str | None, status: StatementStatus | None) -> None:
    """A new edition of a statement for the same customer and period only while unconfirmed."""
    if number is not None and status is StatementStatus.CONFIRMED:
        raise StatementClosed(number)


def check_reply(number: str, status: StatementStatus) -> None:
    """The reply is recorded once, on a statement still awaiting it."""
    if status is StatementStatus.CONFIRMED:
        raise StatementClosed(number)
    if status is StatementStatus.SUPERSEDED:
        raise ReplySuperseded(number)
    if status is not StatementStatus.ISSUED:
        raise ReplyAlreadyRecorded(number, status)


@dataclass(frozen=True)
class Difference:
    amount: int  # minor units, signed: + the customer thinks they owe more than the statement says
    reason: str


def check_differences(items: Iterable[Difference]) -> list[Difference]:
    """At least one difference, each with an amount and a reason."""
    out = []
    for d in items:
        reason = (d.reason or "").strip()
        if d.amount == 0:
            raise ValidationError(_("Difference"), _("give the amount the customer disputes"))
        if not reason:
            raise ValidationError(_("Reason"), _("say what the customer says the difference is"))
        out.append(Difference(d.amount, reason))
    if not out:
        raise ValidationError(_("Difference"), _("record at least one difference, or record the balance as "
                                                 "confirmed"))
    return out


def check_resolution(number: str, resolved: bool, note: str) -> str:
    if resolved:
        raise DifferenceResolved(number)
    note = (note or "").strip()
    if not note:
        raise ValidationError(_("Resolution"), _("say how the difference was resolved"))
    return note


def status_after_resolving(open_left: int) -> StatementStatus:
    """A disputed statement stays disputed while any difference is open."""
    return StatementStatus.DISPUTED if open_left > 0 else StatementStatus.SETTLED


def reply_overdue(status: StatementStatus, issued_on: date, today: date, days: int) -> bool:
    """Unconfirmed `days` days after it was issued: 15 days, issued 1 May → from 16 May."""
    return status is StatementStatus.ISSUED and today > issued_on + timedelta(days=days)
