"""Staff liability for late payment [回款责任] (SPEC §5; seed 001 客户信用管理制度 第19条).

The rep, the sales manager and the marketing director (`sales_vp`) answer for a
customer's debt in the ratio 5:3:2, charged against their pay of the month [当月工资]:

- Monthly charge: a debt is charged 0.5 % of its open amount in every calendar month at
  whose last day it is at least `liability.start_days` (30) days past its agreed date
  (the due date in force; an approved deferral moves it: no charge inside a deferral).
  So the month in which day 30 falls is the first month charged, whatever day that is
  ("per started month"): due 1 March → 31 days on 31 March → charged for March;
  due 2 March → 29 days on 31 March → nothing in March, charged from April.
  Days past due on a date D = D − due date (domain.aging.days_overdue).
- Bad debt [呆账]: in the month at whose end the debt is `liability.bad_debt_days` (120)
  days or more past due, 20 % of its open amount is charged once, instead of that
  month's 0.5 %; no monthly charges follow (the debt is bad).
- Refund [补发]: when a debt that became bad is later recovered in full (its open amount
  reaches 0 by money, not by write-off), every charge made on it — the monthly ones and
  the 20 % — is refunded in the month the last of it came in (第19条 3 (3)). A debt paid
  late but before it became bad keeps its monthly charges (they are the penalty of
  第19条 3 (1)); a written-off debt is refunded only once money has recovered all of it.
- Rounding: the charge is rounded half-up to the minor unit once (domain.money); it is
  split 5:3:2 by the largest-remainder method, so the three shares always add up to it
  (ties go to the rep, then the manager, then the director).
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from sales_desk.domain.collections.aging import days_overdue
from sales_desk.domain.common.approvals import ensure_not_self_approval
from sales_desk.domain.common.errors import SelfApprovalRefused, ValidationError
from sales_desk.domain.common.money import round_minor
from sales_desk.i18n import N_, _

MONTHLY_RATE = Decimal("0.005")
BAD_DEBT_RATE = Decimal("0.20")
DEFAULT_START_DAYS = 30
DEFAULT_BAD_DEBT_DAYS = 120


class Responsible(StrEnum):
    """The three people answerable for a debt [回款责任人], in the order of their shares."""

    REP = "sales_rep"
    MANAGER = "sales_manager"
    DIRECTOR = "sales_vp"

    @property
    def label(self) -> str:
        return _(RESPONSIBLE_LABELS[self][0])


RESPONSIBLE_LABELS: dict[Responsible, tuple[str, str]] = {
    Responsible.REP: (N_("Sales rep"), "销售专员"),
    Responsible.MANAGER: (N_("Sales manager"), "销售部经理"),
    Responsible.DIRECTOR: (N_("Marketing director"), "营销总监"),
}
WEIGHTS: tuple[tuple[Responsible, int], ...] = (
    (Responsible.REP, 5), (Responsible.MANAGER, 3), (Responsible.DIRECTOR, 2))


class ChargeKind(StrEnum):
    MONTHLY = "monthly"
    BAD_DEBT = "bad_debt"
    REFUND = "refund"

    @property
    def label(self) -> str:
        return _(KIND_LABELS[self][0])


KIND_LABELS: dict[ChargeKind, tuple[str, str]] = {
    ChargeKind.MONTHLY: (N_("Overdue 30+ days: 0.5 % a month"), "逾期30天以上，每月0.5%"),
    ChargeKind.BAD_DEBT: (N_("Bad debt at 120 days: 20 %"), "逾期120天视为呆账，20%"),
    ChargeKind.REFUND: (N_("Refund: bad debt recovered in full"), "呆账全部收回，补发"),
}


@dataclass(frozen=True)
class Policy:
    start_days: int = DEFAULT_START_DAYS
    bad_debt_days: int = DEFAULT_BAD_DEBT_DAYS
    monthly_rate: Decimal = MONTHLY_RATE
    bad_debt_rate: Decimal = BAD_DEBT_RATE

    @classmethod
    def from_settings(cls, values: dict[str, object]) -> Policy:
        return cls(int(values["liability.start_days"]), int(values["liability.bad_debt_days"]))  # type: ignore[call-overload]


def month_start(day: date) -> date:
    return day.replace(day=1)


def month_end(month: date) -> date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def parse_month(text: str) -> date:
    """'2026-05' → 1 May 2026."""
    try:
        year, month = (int(x) for x in text.strip().split("-"))
        return date(year, month, 1)
    except (ValueError, TypeError):
        raise ValidationError(_("Month"), _("write it as YYYY-MM, e.g. 2026-05")) from None


@dataclass(frozen=True)
class Charge:
    kind: ChargeKind
    days_overdue: int
    base: int  # the open amount charged on
    total: int  # signed: refunds negative


def charge_for_month(due_date: date, open_at_month_end: int, month: date, already_bad: bool,
                     policy: Policy = Policy()) -> Charge | None:
    """The charge on one debt for `month`, from its open amount at the month's end."""
    if open_at_month_end <= 0 or already_bad:
        return None
    days = days_overdue(due_date, month_end(month))
    if days >= policy.bad_debt_days:
        return Charge(ChargeKind.BAD_DEBT, days, open_at_month_end,
                      round_minor(open_at_month_end * policy.bad_debt_rate))
    if days >= policy.start_days:
        return Charge(ChargeKind.MONTHLY, days, open_at_month_end,
                      round_minor(open_at_month_end * policy.monthly_rate))
    return None


def refund_due(was_bad: bool, open_at_month_end: int, settled_on: date | None, written_off: int,
               month: date, already_refunded: bool) -> bool:
    """A bad debt recovered in full by money, in `month`: its charges come back this month.
    `written_off`: what is still written off of it (0 once a recovery undid the write-off)."""
    return (was_bad and not already_refunded and open_at_month_end == 0 and written_off == 0
            and settled_on is not None and month_start(settled_on) == month)


def split(total: int, weights: Sequence[int] = tuple(w for _r, w in WEIGHTS)) -> list[int]:
    """`total` in shares by `weights`, largest remainder: Σ shares == total, each share within
    one minor unit of its exact value; a negative total splits like its opposite."""
    if total < 0:
        return [-x for x in split(-total, weights)]
    whole = sum(weights)
    if whole <= 0:
        raise ValueError("weights must add up to more than 0")
    floors = [total * w // whole for w in weights]
    remainders = [total * w % whole for w in weights]
    left = total - sum(floors)
    # largest remainder first; ties to the earlier person (the rep before the manager…)
    for i in sorted(range(len(weights)), key=lambda i: (-remainders[i], i))[:left]:
        floors[i] += 1
    return floors


# -- fault [故意或重大过失] (第19条 3) -------------------------------------------------------------
# The monthly run only PROPOSES charges: the responsible people answer "若由于回款责任人的故意
# 或重大过失导致…". The sales manager records per debt (a receivable: every charge and refund
# on it follows) fault — intent or gross negligence — or no fault, with the reason. Fault
# makes the debt's charges final; no fault proposes an exemption the general manager approves
# (the debt then charges nobody) or rejects (the debt awaits a fault record again).


class Finding(StrEnum):
    INTENT = "intent"  # 故意
    GROSS_NEGLIGENCE = "gross_negligence"  # 重大过失
    NO_FAULT = "no_fault"

    @property
    def label(self) -> str:
        return _(FINDING_LABELS[self][0])

    @property
    def is_fault(self) -> bool:
        return self is not Finding.NO_FAULT


FINDING_LABELS: dict[Finding, tuple[str, str]] = {
    Finding.INTENT: (N_("Intent"), "故意"),
    Finding.GROSS_NEGLIGENCE: (N_("Gross negligence"), "重大过失"),
    Finding.NO_FAULT: (N_("No fault"), "无故意或重大过失"),
}


class RecordStatus(StrEnum):
    """Where one fault record stands."""

    FINAL = "final"  # fault: the debt's charges are final
    PENDING = "pending"  # no fault: the exemption awaits the general manager
    EXEMPTED = "exempted"  # no fault, exemption approved: the debt charges nobody
    REJECTED = "rejected"  # no fault, exemption rejected: the debt awaits a fault record again


class ChargeStatus(StrEnum):
    """Where a charge stands, from the debt's live fault record (`charge_status`)."""

    PROPOSED = "proposed"
    FINAL = "final"
    EXEMPTION_PENDING = "exemption_pending"
    EXEMPTED = "exempted"

    @property
    def label(self) -> str:
        return _(STATUS_LABELS[self][0])


STATUS_LABELS: dict[ChargeStatus, tuple[str, str]] = {
    ChargeStatus.PROPOSED: (N_("Proposed: awaiting a fault record"), "拟扣：待认定过错"),
    ChargeStatus.FINAL: (N_("Final"), "已确定"),
    ChargeStatus.EXEMPTION_PENDING: (N_("Exemption awaiting the general manager"), "免责待总经理审批"),
    ChargeStatus.EXEMPTED: (N_("Exempted"), "已免责"),
}
LIVE = (RecordStatus.FINAL, RecordStatus.PENDING, RecordStatus.EXEMPTED)  # a rejected record is history


def charge_status(record_status: str | None) -> ChargeStatus:
    """A charge's standing from its debt's live record (None: no record, or only rejected ones)."""
    if record_status is None or record_status == RecordStatus.REJECTED:
        return ChargeStatus.PROPOSED
    return {RecordStatus.FINAL: ChargeStatus.FINAL, RecordStatus.PENDING: ChargeStatus.EXEMPTION_PENDING,
            RecordStatus.EXEMPTED: ChargeStatus.EXEMPTED}[RecordStatus(record_status)]


def record_status_for(finding: Finding) -> RecordStatus:
    """Fault is final at once; no fault is only a proposed exemption until the GM decides."""
    return RecordStatus.FINAL if finding.is_fault else RecordStatus.PENDING


def check_record(doc_no: str, finding: str, reason: str, live: str | None, charged: bool) -> Finding:
    """A fault record for a debt: a finding of the three, a written reason, a debt with a
    charge on it and no live record (a final or exempted debt is decided; a pending
    exemption waits for the GM). Returns the finding."""
    try:
        f = Finding(finding)
    except ValueError:
        raise ValidationError(_("Finding"), _(
            "choose intent, gross negligence or no fault (第19条 3)")) from None
    if not reason.strip():
        raise ValidationError(_("Reason"), _("write why the debt is or is not the responsible people's fault"))
    if not charged:
        raise ValidationError(doc_no, _("has no liability charge to decide on"))
    if live == RecordStatus.FINAL or live == RecordStatus.EXEMPTED:
        raise ValidationError(doc_no, _("its fault was decided already"))
    if live == RecordStatus.PENDING:
        raise ValidationError(doc_no, _("its exemption awaits the general manager"))
    return f


def check_exemption_decision(doc_no: str, status: str, approve: bool, note: str) -> None:
    """Only a pending exemption is decided, once; a rejection says why."""
    if status != RecordStatus.PENDING:
        raise ValidationError(doc_no, _("no exemption awaits a decision on this debt"))
    if not approve and not note.strip():
        raise ValidationError(_("Reason"), _("say why the exemption is rejected"))


def ensure_may_decide(recorded_by: int, approver: int, answerable: set[int]) -> None:
    """Never the person who recorded no fault, nor anyone the exemption would spare."""
    ensure_not_self_approval(recorded_by, approver, "liability exemption")
    if approver in answerable:
        raise SelfApprovalRefused("liability exemption")


def counts_for_pay(status: ChargeStatus | str) -> bool:
    """Only a final charge (or refund) is deducted from pay (or paid back)."""
    return status == ChargeStatus.FINAL
