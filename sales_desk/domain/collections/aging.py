"""Aging [账龄分析] (SPEC §5; seed 001 销售回款管理制度 第10条 1: finance runs the aging and
finds the customers paying late).

Days overdue on a date D = D − due date: 0 on the due date itself (still current),
1 the day after. The buckets come from the setting `aging.buckets`, the upper bounds
of the overdue buckets (default 30, 60, 90, 120):

    current (≤ 0) · 1–30 · 31–60 · 61–90 · 91–120 · over 120

A bucket is a range of due dates for a given D, so the report buckets in SQL with
comparisons on the due date (`cutoffs`), never in Python row by row.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sales_desk.domain.common.errors import ValidationError
from sales_desk.i18n import N_, _

DEFAULT_BOUNDS: tuple[int, ...] = (30, 60, 90, 120)


def days_overdue(due_date: date, as_of: date) -> int:
    """Days past the due date on `as_of`: negative before it, 0 on it."""
    return (as_of - due_date).days


@dataclass(frozen=True)
class Buckets:
    """The overdue buckets' upper bounds in days, increasing, each above 0."""

    bounds: tuple[int, ...] = DEFAULT_BOUNDS

    def __post_init__(self) -> None:
        b = tuple(self.bounds)
        if not b or any(x <= 0 for x in b) or list(b) != sorted(set(b)):
            raise ValidationError(_("Aging buckets"), _("increasing whole numbers of days, above 0"))
        object.__setattr__(self, "bounds", b)

    @classmethod
    def from_settings(cls, values: Mapping[str, object]) -> Buckets:
        return cls(tuple(int(x) for x in values["aging.buckets"]))  # type: ignore[attr-defined]

    @property
    def count(self) -> int:
        """current, one per bound, and the last open-ended one."""
        return len(self.bounds) + 2

    def index(self, days: int) -> int:
        """The bucket of a document `days` overdue: 0 current, 1 the first overdue bucket…"""
        if days <= 0:
            return 0
        for i, bound in enumerate(self.bounds, start=1):
            if days <= bound:
                return i
        return len(self.bounds) + 1

    def cutoffs(self, as_of: date) -> list[date]:
        """Lowest due date of each bucket but the last, on `as_of`: a document is in bucket i
        for the first i with due_date ≥ cutoffs[i] (else in the last). cutoffs[0] = as_of."""
        return [as_of] + [as_of - timedelta(days=b) for b in self.bounds]

    def ranges(self) -> list[tuple[int, int | None]]:
        """(first day, last day or None) of each overdue bucket: (1, 30), (31, 60)… (121, None)."""
        lows = [1] + [b + 1 for b in self.bounds]
        return list(zip(lows, [*self.bounds, None], strict=True))

    def labels(self) -> list[str]:
        """Translated headings: Current, 1–30, … Over 120."""
        out = [_(CURRENT)]
        for low, high in self.ranges():
            out.append(_(OVER).format(days=low - 1) if high is None
                       else _(RANGE).format(low=low, high=high))
        return out

    def zh_labels(self) -> list[str]:
        """The policy's Chinese headings (printed forms, until the catalogue has them)."""
        out = ["未到期"]
        for low, high in self.ranges():
            out.append(f"{low - 1}天以上" if high is None else f"{low}–{high}天")
        return out


CURRENT = N_("Current")
RANGE = N_("{low}–{high} days")
OVER = N_("Over {days} days")


def bucket_totals(items: Sequence[tuple[date, int]], as_of: date, buckets: Buckets) -> list[int]:
    """Σ amounts per bucket of (due date, open amount) pairs: the rule the SQL follows,
    for tests and small lists."""
    totals = [0] * buckets.count
    for due, amount in items:
        totals[buckets.index(days_overdue(due, as_of))] += amount
    return totals
