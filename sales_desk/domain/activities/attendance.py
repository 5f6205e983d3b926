"""The team's days [状态, 考勤统计]: what each person is doing on a day, and attendance per
month counted from those statuses.

A status covers whole days, start to end inclusive. Travel comes from the approved travel
applications (差旅申请) rather than being entered twice. Where two statuses cover one day
the stronger one counts (leave over travel over the rest): a day is counted once.
Statistics count calendar days per status within the month — a status that crosses the
month's edge counts only its days inside it — and the working days (Monday to Friday)
with the days on leave among them, so attendance = working days − leave days.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from sales_desk.domain.common.errors import ValidationError
from sales_desk.i18n import N_, _


class StatusKind(StrEnum):
    VISITING = "visiting"  # 拜访客户
    COMPLAINT = "complaint"  # 处理投诉
    TRAINING = "training"  # 培训
    LEAVE = "leave"  # 请假
    TRAVELLING = "travelling"  # 出差 (from approved travel applications)

    @property
    def label(self) -> str:
        return _(STATUS_KIND_LABELS[self])


STATUS_KIND_LABELS = {
    StatusKind.VISITING: N_("Visiting customers"),
    StatusKind.COMPLAINT: N_("Handling a complaint"),
    StatusKind.TRAINING: N_("Training"),
    StatusKind.LEAVE: N_("On leave"),
    StatusKind.TRAVELLING: N_("Travelling"),
}
# Which status counts on a day two cover: the first listed.
PRECEDENCE = (StatusKind.LEAVE, StatusKind.TRAVELLING, StatusKind.COMPLAINT, StatusKind.TRAINING,
              StatusKind.VISITING)
ENTERED = tuple(k for k in StatusKind if k is not StatusKind.TRAVELLING)  # travel is derived


@dataclass(frozen=True)
class Span:
    kind: str  # StatusKind
    start: date
    end: date  # inclusive


@dataclass(frozen=True)
class MonthAttendance:
    year: int
    month: int
    working_days: int  # Monday to Friday in the month
    days: dict[str, int]  # StatusKind -> calendar days in the month
    leave_working_days: int  # working days on leave

    @property
    def attended(self) -> int:
        return self.working_days - self.leave_working_days


def check_span(start: date, end: date) -> None:
    if end < start:
        raise ValidationError(_("End date"), _("must not be before the start date"))
    if (end - start).days > 366:
        raise ValidationError(_("End date"), _("a status lasts at most a year"))


def month_bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def status_on(spans: Iterable[Span], day: date) -> str | None:
    """The status that counts on this day, or None (in the office)."""
    kinds = {s.kind for s in spans if s.start <= day <= s.end}
    return next((k.value for k in PRECEDENCE if k in kinds), None)


def month_attendance(spans: Iterable[Span], year: int, month: int) -> MonthAttendance:
    """Attendance statistics [考勤统计] of one person for one month from their statuses."""
    first, last = month_bounds(year, month)
    inside = [s for s in spans if s.start <= last and s.end >= first]
    days: dict[str, int] = {k.value: 0 for k in StatusKind}
    working = leave_working = 0
    day = first
    while day <= last:
        kind = status_on(inside, day)
        weekday = day.weekday() < 5
        working += weekday
        if kind is not None:
            days[kind] += 1
            leave_working += weekday and kind == StatusKind.LEAVE
        day += timedelta(days=1)
    return MonthAttendance(year, month, working, days, leave_working)
