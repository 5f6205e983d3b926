"""What a customer brings [客户价值] and the risk of losing them [客户流失管理] (seed 003 1.3).

The value grade starts from the sales of the last twelve months, on the value bands the
file already uses (domain/customers/files.py `value_grade_for`), and drops one grade for a
gross margin below `customer.margin_low_percent` — only where the products sold have a cost
on the price list (finance's cost check); without one the margin is "not known", said so,
and weighs nothing — and one grade for a poor payment record (the oldest overdue debt
`customer.payment_poor_days` days or more past due).

Churn risk names its reasons: no order for `customer.churn_days` days, sales declining, a
poor payment record, or the customer already lost. One reason is watched; two, or lost,
is high.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sales_desk.domain.customers.files import ValueBands, ValueGrade, value_grade_for
from sales_desk.domain.relationship.lifecycle import Stage
from sales_desk.i18n import N_, _

GRADES = (ValueGrade.A, ValueGrade.B, ValueGrade.C, ValueGrade.D)


class Payment(StrEnum):
    GOOD = "good"  # nothing overdue
    LATE = "late"  # overdue, not yet long
    POOR = "poor"  # overdue `payment_poor_days` or more

    @property
    def label(self) -> str:
        return _(PAYMENT_LABELS[self])


PAYMENT_LABELS = {Payment.GOOD: N_("Pays on time"), Payment.LATE: N_("Paying late"),
                  Payment.POOR: N_("Poor payer")}


class Risk(StrEnum):
    NONE = "none"
    WATCH = "watch"
    HIGH = "high"

    @property
    def label(self) -> str:
        return _(RISK_LABELS[self])

    @property
    def rank(self) -> int:
        return (Risk.NONE, Risk.WATCH, Risk.HIGH).index(self)


RISK_LABELS = {Risk.NONE: N_("No risk seen"), Risk.WATCH: N_("Watch"), Risk.HIGH: N_("High")}


@dataclass(frozen=True)
class ValuePolicy:
    bands: ValueBands = ValueBands()
    margin_low_percent: int = 10
    payment_poor_days: int = 60
    churn_days: int = 90

    @classmethod
    def from_settings(cls, values: Mapping[str, object]) -> ValuePolicy:
        return cls(ValueBands.from_settings(values), int(values["customer.margin_low_percent"]),  # type: ignore[call-overload]
                   int(values["customer.payment_poor_days"]), int(values["customer.churn_days"]))  # type: ignore[call-overload]


def payment_of(oldest_overdue_days: int | None, policy: ValuePolicy = ValuePolicy()) -> Payment:
    """From the oldest open debt past its due date (None: nothing overdue)."""
    if oldest_overdue_days is None or oldest_overdue_days <= 0:
        return Payment.GOOD
    return Payment.POOR if oldest_overdue_days >= policy.payment_poor_days else Payment.LATE


def margin_percent(costed_sales: int, cost: int) -> int | None:
    """Gross margin on the sales whose products have a cost, in whole percent; None: no cost."""
    if costed_sales <= 0:
        return None
    return round((costed_sales - cost) * 100 / costed_sales)


@dataclass(frozen=True)
class Value:
    grade: ValueGrade
    sales_grade: ValueGrade  # from sales alone
    reasons: tuple[str, ...]  # why lower than the sales grade: "margin", "payment"


def value_of(sales_12m: int, margin: int | None, payment: Payment, policy: ValuePolicy = ValuePolicy()) -> Value:
    base = value_grade_for(sales_12m, policy.bands)
    reasons = []
    if margin is not None and margin < policy.margin_low_percent:
        reasons.append("margin")
    if payment is Payment.POOR:
        reasons.append("payment")
    grade = GRADES[min(GRADES.index(base) + len(reasons), len(GRADES) - 1)]
    return Value(grade, base, tuple(reasons))


@dataclass(frozen=True)
class ChurnRisk:
    risk: Risk
    reasons: tuple[tuple[str, int], ...]  # (code, figure): ("no_order", 120), ("declining", -35) …


def churn_risk(stage: Stage, last_order: date | None, today: date, change: int | None, payment: Payment,
               overdue_days: int | None, policy: ValuePolicy = ValuePolicy()) -> ChurnRisk:
    if stage is Stage.PROSPECT or last_order is None:
        return ChurnRisk(Risk.NONE, ())
    quiet = (today - last_order).days
    if stage is Stage.LOST:
        return ChurnRisk(Risk.HIGH, (("lost", quiet),))
    reasons: list[tuple[str, int]] = []
    if quiet >= policy.churn_days:
        reasons.append(("no_order", quiet))
    if stage is Stage.DECLINING:
        reasons.append(("declining", change or 0))
    if payment is Payment.POOR:
        reasons.append(("overdue", overdue_days or 0))
    risk = Risk.HIGH if len(reasons) >= 2 else Risk.WATCH if reasons else Risk.NONE
    return ChurnRisk(risk, tuple(reasons))


REASON_TEXTS = {
    "lost": N_("no order for {n} days: lost"),
    "no_order": N_("no order for {n} days"),
    "declining": N_("sales {n} % on the year before"),
    "overdue": N_("a debt {n} days overdue"),
    "margin": N_("gross margin below the policy's floor"),
    "payment": N_("poor payment record"),
}


def reason_text(code: str, n: int = 0) -> str:
    return _(REASON_TEXTS[code]).format(n=n)


def reasons_text(reasons: tuple[tuple[str, int], ...]) -> str:
    return "; ".join(reason_text(c, n) for c, n in reasons)
