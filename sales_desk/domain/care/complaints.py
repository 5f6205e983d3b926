"""Complaints and after-sales service cases [客户投诉管理, 售后服务跟踪] (seed 001 二、8–9;
客户关系维护办法 第13条; seed 003 1.3 客户满意度管理).

- Each case has a cause, a product, a severity and the person handling it; its deadline
  is the day it was received plus the days the policy in force gives its severity
  (`customer.complaint_days_<severity>`).
- A complaint is a repeat when the same customer complained within
  `customer.repeat_complaint_days` before it about the same cause or the same product.
- A case closes only with the customer's confirmation [客户确认]: who confirmed, and when.
- Satisfaction [满意度] is a score 1–5, after closing and at return visits.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from sales_desk.domain.common.errors import DomainError, ValidationError
from sales_desk.i18n import N_, _


class CaseKind(StrEnum):
    COMPLAINT = "complaint"  # 投诉
    SERVICE = "service"  # 售后服务

    @property
    def label(self) -> str:
        return _(KIND_LABELS[self])


KIND_LABELS = {CaseKind.COMPLAINT: N_("Complaint"), CaseKind.SERVICE: N_("After-sales service case")}


class Cause(StrEnum):
    QUALITY = "quality"
    DELIVERY = "delivery"
    SERVICE = "service"
    PRICE = "price"
    BILLING = "billing"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _(CAUSE_LABELS[self])


CAUSE_LABELS = {
    Cause.QUALITY: N_("Product quality"),
    Cause.DELIVERY: N_("Delivery"),
    Cause.SERVICE: N_("Service attitude"),
    Cause.PRICE: N_("Price"),
    Cause.BILLING: N_("Invoicing and billing"),
    Cause.OTHER: N_("Other cause"),
}


class Severity(StrEnum):
    MINOR = "minor"
    MAJOR = "major"
    CRITICAL = "critical"

    @property
    def label(self) -> str:
        return _(SEVERITY_LABELS[self])

    @property
    def policy_key(self) -> str:
        return f"customer.complaint_days_{self.value}"


SEVERITY_LABELS = {Severity.MINOR: N_("Minor"), Severity.MAJOR: N_("Major"), Severity.CRITICAL: N_("Critical")}
REPEAT_DAYS_KEY = "customer.repeat_complaint_days"


class CaseStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return _(STATUS_LABELS[self])


STATUS_LABELS = {CaseStatus.OPEN: N_("Open"), CaseStatus.CLOSED: N_("Closed")}


class Occasion(StrEnum):
    CLOSING = "closing"  # asked when the case closed
    RETURN_VISIT = "return_visit"  # 回访

    @property
    def label(self) -> str:
        return _(OCCASION_LABELS[self])


OCCASION_LABELS = {Occasion.CLOSING: N_("On closing"), Occasion.RETURN_VISIT: N_("Return visit")}
SCORE_MIN, SCORE_MAX = 1, 5


def deadline_for(received_on: date, severity: Severity | str, policy: dict[str, object]) -> date:
    """The day a case must be closed by: received + the severity's days in the policy."""
    days = int(policy[Severity(severity).policy_key])  # type: ignore[call-overload]
    return received_on + timedelta(days=days)


def is_overdue(due_on: date, closed_on: date | None, today: date) -> bool:
    """Late: still open after its deadline, or closed after it."""
    return (closed_on or today) > due_on


@dataclass(frozen=True)
class Earlier:
    """An earlier complaint of the same customer, as the repeat rule sees it."""

    id: int
    received_on: date
    cause: str
    product_id: int | None


def repeat_of(received_on: date, cause: str, product_id: int | None, earlier: Iterable[Earlier],
              window_days: int) -> int | None:
    """The latest earlier complaint within `window_days` before `received_on` about the
    same cause or the same product; None when this complaint is not a repeat."""
    start = received_on - timedelta(days=window_days)
    hits = [e for e in earlier
            if start <= e.received_on <= received_on
            and (e.cause == cause or (product_id is not None and e.product_id == product_id))]
    if not hits:
        return None
    return max(hits, key=lambda e: (e.received_on, e.id)).id


class ClosingNeedsConfirmation(DomainError):
    """A case closes only once the customer has confirmed the solution [客户确认]."""

    def __init__(self) -> None:
        super().__init__(_("A case closes only with the customer's confirmation: say who at the customer "
                           "confirmed the solution, and when."))


class CaseAlreadyClosed(DomainError):
    def __init__(self, number: str) -> None:
        super().__init__(_("The case {number} is already closed.").format(number=number))


def check_confirmation(confirmed_by: str, confirmed_on: date | None, received_on: date, today: date) -> None:
    if not confirmed_by.strip() or confirmed_on is None:
        raise ClosingNeedsConfirmation()
    if confirmed_on < received_on or confirmed_on > today:
        raise ValidationError(_("Confirmed on"), _("between the day received and today"))


def check_score(score: int) -> int:
    if isinstance(score, bool) or not isinstance(score, int) or not SCORE_MIN <= score <= SCORE_MAX:
        raise ValidationError(_("Satisfaction"), _("a whole number from 1 to 5"))
    return score


def case_number(kind: CaseKind | str, year: int, seq: int) -> str:
    """TS2026-00012 for a complaint [投诉], FW2026-00003 for a service case [服务]."""
    prefix = "TS" if CaseKind(kind) is CaseKind.COMPLAINT else "FW"
    return f"{prefix}{year}-{seq:05d}"
