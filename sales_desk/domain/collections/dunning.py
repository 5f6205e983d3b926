"""The collection ladder [催款流程] (SPEC §5; seed 001 销售回款管理制度 第8–10条).

A customer climbs the ladder one step at a time; each step is dated and logged with
who took it and how it was sent:

    1 reminder before the due date [付款提醒]
    2 overdue: finance runs the aging and tells the rep [逾期通知]
    3 thank-you letter [感谢信] — only, and first, for a customer with good credit
    4 dunning notice [催款通知书], by fax or courier, with a payment deadline
    5 lawyer's letter [律师函], once the notice's deadline has passed unpaid
    6 lawsuit [起诉], once the lawyer's letter's deadline has passed, with its evidence
    7 outcome: collected [收回], or a bad-debt write-off [呆账核销] after the lawsuit
      found the debt unrecoverable

A *cycle* is the run of steps since the customer's last outcome. It closes when the
overdue money is collected (recorded by the receipt that clears it), written off, or
deferred [延期付款] by an approved deferral; an unpaid deferral re-enters the ladder
at step 2 — and goes from there straight to the dunning notice: a customer who broke a
deferral does not get a thank-you letter a second time (ours; the policy says only
"参照催款流程办理").

Decisions where the policy gives no number (ours, documented here and in the letters):
- good credit [资信良好] = credit grade A or B and not on credit hold; unrated, C, D or
  on hold is not;
- the reminder is due REMINDER_DAYS before the first open due date;
- the overdue notice is due the day after the oldest open document fell due;
- a letter asking for payment (thank-you letter, dunning notice, lawyer's letter)
  carries a deadline, by default DEFAULT_DEADLINE_DAYS after it; the next step may be
  taken only once that deadline has passed ("客户收到感谢信后仍不付款", "仍未在期限内付款");
- a reminder and a dunning notice may be sent again (a second notice sets a new
  deadline); no step may be skipped or taken back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from sales_desk.domain.common.errors import DomainError, ValidationError
from sales_desk.i18n import N_, _

REMINDER_DAYS = 7
DEFAULT_DEADLINE_DAYS = 15
GOOD_GRADES = frozenset({"A", "B"})


class Step(StrEnum):
    REMINDER = "reminder"
    OVERDUE = "overdue"
    THANK_YOU = "thank_you"
    DUNNING = "dunning"
    LAWYER = "lawyer"
    LAWSUIT = "lawsuit"
    COLLECTED = "collected"
    WRITTEN_OFF = "written_off"
    DEFERRED = "deferred"

    @property
    def label(self) -> str:
        return _(STEP_LABELS[self][0])

    @property
    def zh(self) -> str:
        return STEP_LABELS[self][1]

    @property
    def rank(self) -> int:
        return RANK[self]


STEP_LABELS: dict[Step, tuple[str, str]] = {
    Step.REMINDER: (N_("Reminder before the due date"), "到期前付款提醒"),
    Step.OVERDUE: (N_("Overdue: rep told by finance"), "逾期通知（财务通知业务员）"),
    Step.THANK_YOU: (N_("Thank-you letter"), "感谢信"),
    Step.DUNNING: (N_("Dunning notice"), "催款通知书"),
    Step.LAWYER: (N_("Lawyer's letter"), "律师函"),
    Step.LAWSUIT: (N_("Lawsuit"), "起诉"),
    Step.COLLECTED: (N_("Collected"), "已收回"),
    Step.WRITTEN_OFF: (N_("Written off as bad debt"), "呆账核销"),
    Step.DEFERRED: (N_("Payment deferred"), "延期付款"),
}
RANK = {Step.REMINDER: 1, Step.OVERDUE: 2, Step.THANK_YOU: 3, Step.DUNNING: 4, Step.LAWYER: 5,
        Step.LAWSUIT: 6, Step.COLLECTED: 7, Step.WRITTEN_OFF: 7, Step.DEFERRED: 7}
CLOSING = frozenset({Step.COLLECTED, Step.WRITTEN_OFF, Step.DEFERRED})
LETTERS = (Step.REMINDER, Step.THANK_YOU, Step.DUNNING, Step.LAWYER)  # printed to PDF
WITH_DEADLINE = frozenset({Step.THANK_YOU, Step.DUNNING, Step.LAWYER})
REPEATABLE = frozenset({Step.REMINDER, Step.DUNNING})


class SendMethod(StrEnum):
    """How a letter reached the customer [送达方式]."""

    FAX = "fax"
    COURIER = "courier"
    IN_PERSON = "in_person"
    MAIL = "mail"

    @property
    def label(self) -> str:
        return _(METHOD_LABELS[self][0])


METHOD_LABELS: dict[SendMethod, tuple[str, str]] = {
    SendMethod.FAX: (N_("Fax"), "传真"),
    SendMethod.COURIER: (N_("Courier"), "快递"),
    SendMethod.IN_PERSON: (N_("In person"), "当面送达"),
    SendMethod.MAIL: (N_("Registered mail"), "挂号信"),
}

# The dunning notice goes by fax or courier (第10条 3); a lawyer's letter needs proof of
# delivery: courier, registered mail or by hand. Steps 2, 6 and 7 are not sent.
METHODS: dict[Step, frozenset[SendMethod]] = {
    Step.REMINDER: frozenset(SendMethod),
    Step.THANK_YOU: frozenset(SendMethod),
    Step.DUNNING: frozenset({SendMethod.FAX, SendMethod.COURIER}),
    Step.LAWYER: frozenset({SendMethod.COURIER, SendMethod.MAIL, SendMethod.IN_PERSON}),
}


def good_credit(grade: str | None, on_hold: bool) -> bool:
    """资信良好: grade A or B and not on credit hold."""
    return grade in GOOD_GRADES and not on_hold


@dataclass(frozen=True)
class LadderState:
    """Where a customer stands, read by the services from its steps and open documents."""

    last_step: Step | None  # the last step of the open cycle; None: no cycle open
    last_on: date | None
    deadline: date | None  # the payment deadline of the last letter that set one
    overdue_amount: int  # open and past due today
    oldest_due: date | None  # the earliest due date among the overdue documents
    next_due: date | None  # the earliest due date still to come, not yet reminded of
    good_credit: bool
    after_deferral: bool = False  # the cycle began when a deferral went unpaid
    unrecoverable: bool = False  # the lawsuit found the debt unrecoverable

    @property
    def open(self) -> bool:
        return self.last_step is not None and self.last_step not in CLOSING


@dataclass(frozen=True)
class NextStep:
    step: Step
    due_on: date | None  # None: when the lawsuit's outcome is known


class StepOutOfOrder(DomainError):
    def __init__(self, step: Step, state: LadderState, expected: NextStep | None):
        self.step, self.expected = step, expected
        current = state.last_step.label if state.last_step else _("none yet")
        nxt = expected.step.label if expected else _("none")
        super().__init__(_(
            "“{step}” cannot be taken now: the customer's last step is “{current}”, the next is “{next}”."
        ).format(step=step.label, current=current, next=nxt))


class ThankYouFirst(StepOutOfOrder):
    """A customer with good credit gets a thank-you letter before any dunning notice."""

    def __init__(self, state: LadderState, expected: NextStep | None):
        DomainError.__init__(self, _(
            "This customer has good credit: send a thank-you letter first; a dunning notice follows "
            "only if it still does not pay (policy, art. 10.2)."))
        self.step, self.expected = Step.DUNNING, expected


class DeadlineNotPassed(DomainError):
    def __init__(self, step: Step, deadline: date):
        self.step, self.deadline = step, deadline
        super().__init__(_(
            "“{step}” comes only after the payment deadline of {deadline} has passed unpaid."
        ).format(step=step.label, deadline=deadline.isoformat()))


def next_step(s: LadderState) -> NextStep | None:
    """The step the customer is due for next, and from when; None when nothing is due."""
    last = s.last_step if s.open else None
    if last is None or last is Step.REMINDER:
        if s.overdue_amount > 0 and s.oldest_due is not None:
            return NextStep(Step.OVERDUE, s.oldest_due + timedelta(days=1))
        if s.next_due is not None:
            return NextStep(Step.REMINDER, s.next_due - timedelta(days=REMINDER_DAYS))
        return None
    if s.overdue_amount <= 0:
        return NextStep(Step.COLLECTED, s.last_on)
    after = (s.deadline or s.last_on or date.min) + timedelta(days=1)
    if last is Step.OVERDUE:
        if s.good_credit and not s.after_deferral:
            return NextStep(Step.THANK_YOU, s.last_on)
        return NextStep(Step.DUNNING, s.last_on)
    if last is Step.THANK_YOU:
        return NextStep(Step.DUNNING, after)
    if last is Step.DUNNING:
        return NextStep(Step.LAWYER, after)
    if last is Step.LAWYER:
        return NextStep(Step.LAWSUIT, after)
    if last is Step.LAWSUIT:
        return NextStep(Step.WRITTEN_OFF, None) if s.unrecoverable else None
    return None


def check_step(s: LadderState, step: Step, on: date, method: SendMethod | None = None,
               deadline: date | None = None) -> None:
    """Refuse a step out of order, before its time, or sent the wrong way."""
    expected = next_step(s)
    last = s.last_step if s.open else None
    if step in CLOSING:
        raise ValidationError(step.label, _("recorded by the receipt, write-off or deferral itself"))
    repeat = step in REPEATABLE and step is last
    if not repeat and (expected is None or expected.step is not step):
        if step is Step.DUNNING and last is Step.OVERDUE and s.good_credit and not s.after_deferral:
            raise ThankYouFirst(s, expected)
        raise StepOutOfOrder(step, s, expected)
    if s.last_on is not None and last is not None and on < s.last_on:
        raise ValidationError(_("Date"), _("must not lie before the last step ({date})").format(
            date=s.last_on.isoformat()))
    if step is Step.OVERDUE and (s.oldest_due is None or on <= s.oldest_due):
        raise ValidationError(_("Date"), _("nothing is overdue on that day"))
    if step is Step.REMINDER and (s.next_due is None or on > s.next_due):
        raise ValidationError(_("Date"), _("a reminder comes before the due date"))
    if step in (Step.DUNNING, Step.LAWYER, Step.LAWSUIT) and not repeat and last in WITH_DEADLINE \
            and s.deadline is not None and on <= s.deadline:
        raise DeadlineNotPassed(step, s.deadline)
    allowed = METHODS.get(step)
    if allowed is not None:
        if method is None or method not in allowed:
            raise ValidationError(_("Sent by"), _("one of: {methods}").format(
                methods=", ".join(m.label for m in SendMethod if m in allowed)))
    if step in WITH_DEADLINE and deadline is not None and deadline <= on:
        raise ValidationError(_("Payment deadline"), _("must lie after the letter's date"))


def default_deadline(step: Step, on: date) -> date | None:
    return on + timedelta(days=DEFAULT_DEADLINE_DAYS) if step in WITH_DEADLINE else None


# -- the lawsuit's evidence [资料与证据的收集与准备, 第10条 5] --------------------------------


class Evidence(StrEnum):
    CONTRACT = "contract"
    DELIVERY = "delivery"
    INVOICES = "invoices"
    STATEMENT = "statement"
    DUNNING_RECORD = "dunning_record"
    LAWYER_LETTER = "lawyer_letter"
    ACKNOWLEDGEMENT = "acknowledgement"
    REGISTRATION = "registration"

    @property
    def label(self) -> str:
        return _(EVIDENCE_LABELS[self][0])


# (label, Chinese, required before filing)
EVIDENCE_LABELS: dict[Evidence, tuple[str, str, bool]] = {
    Evidence.CONTRACT: (N_("Sales contract(s), signed and stamped"), "销售合同（双方签章）", True),
    Evidence.DELIVERY: (N_("Dispatch notes and the customer's signed receipts"), "发货单及客户签收单", True),
    Evidence.INVOICES: (N_("Invoices issued"), "已开具的发票", True),
    Evidence.STATEMENT: (N_("Account statements confirmed by the customer"), "经客户确认的对账单", False),
    Evidence.DUNNING_RECORD: (N_("Dunning notices and proof of their delivery"), "催款通知书及送达凭证", True),
    Evidence.LAWYER_LETTER: (N_("Lawyer's letter and proof of its delivery"), "律师函及送达凭证", True),
    Evidence.ACKNOWLEDGEMENT: (N_("The customer's acknowledgements or payment promises"), "客户欠款确认书或还款承诺",
                               False),
    Evidence.REGISTRATION: (N_("The customer's business registration record"), "客户工商登记资料", False),
}
REQUIRED_EVIDENCE = frozenset(e for e, (_l, _z, required) in EVIDENCE_LABELS.items() if required)


class EvidenceMissing(DomainError):
    def __init__(self, missing: list[Evidence]):
        self.missing = missing
        super().__init__(_("The lawsuit cannot be filed before its evidence is in: {items}.").format(
            items="; ".join(e.label for e in missing)))


def check_evidence(received: set[Evidence]) -> None:
    missing = [e for e in Evidence if e in REQUIRED_EVIDENCE and e not in received]
    if missing:
        raise EvidenceMissing(missing)


class LawsuitOutcome(StrEnum):
    COLLECTED = "collected"  # judgement paid, or paid during the case
    SETTLED = "settled"  # settlement agreed: payments to come
    UNRECOVERABLE = "unrecoverable"  # lost, or the judgement cannot be enforced

    @property
    def label(self) -> str:
        return _(OUTCOME_LABELS[self][0])


OUTCOME_LABELS: dict[LawsuitOutcome, tuple[str, str]] = {
    LawsuitOutcome.COLLECTED: (N_("Collected through the court"), "经法律程序收回"),
    LawsuitOutcome.SETTLED: (N_("Settled: payments agreed"), "调解结案，约定还款"),
    LawsuitOutcome.UNRECOVERABLE: (N_("Unrecoverable"), "无法收回"),
}
