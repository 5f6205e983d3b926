"""Rules of issue 18 with no database: overdue activities, visibility by team, attendance
statistics from statuses at the month's edges."""

from __future__ import annotations

from datetime import date

import pytest

from sales_desk.domain.activities.attendance import Span, StatusKind, month_attendance, status_on
from sales_desk.domain.activities.rules import (
    ActivityStatus,
    check_minute,
    is_overdue,
    minute_text,
    visible_people,
    week_of,
)
from sales_desk.domain.common.errors import ValidationError
from sales_desk.domain.common.roles import Role


def test_an_overdue_activity_is_planned_and_past_its_day() -> None:
    today = date(2026, 3, 10)
    assert is_overdue(ActivityStatus.PLANNED, date(2026, 3, 9), today)
    assert not is_overdue(ActivityStatus.PLANNED, today, today)  # due today, not overdue
    assert not is_overdue(ActivityStatus.DONE, date(2026, 3, 1), today)
    assert not is_overdue(ActivityStatus.CANCELLED, date(2026, 3, 1), today)


def test_visibility_by_team_rep_own_supervisor_team_manager_all() -> None:
    assert visible_people(5, [Role.SALES_REP], []) == {5}
    assert visible_people(2, [Role.SALES_SUPERVISOR], [5, 6]) == {2, 5, 6}
    assert visible_people(1, [Role.SALES_MANAGER], []) is None
    assert visible_people(9, [Role.GM], []) is None


def test_time_of_day_and_week() -> None:
    assert minute_text(9 * 60 + 5) == "09:05" and minute_text(None) == ""
    with pytest.raises(ValidationError):
        check_minute(24 * 60)
    assert week_of(date(2026, 3, 11)) == (date(2026, 3, 9), date(2026, 3, 15))
    assert week_of(date(2026, 1, 1)) == (date(2025, 12, 29), date(2026, 1, 4))  # a week across the year


def test_attendance_statistics_from_statuses_at_month_edges() -> None:
    spans = [
        Span(StatusKind.LEAVE, date(2026, 1, 29), date(2026, 2, 3)),  # Thu 29 Jan to Tue 3 Feb
        Span(StatusKind.TRAVELLING, date(2026, 2, 26), date(2026, 3, 2)),  # across the end of February
        Span(StatusKind.TRAINING, date(2026, 2, 10), date(2026, 2, 10)),
    ]
    feb = month_attendance(spans, 2026, 2)
    assert feb.working_days == 20
    assert feb.days[StatusKind.LEAVE] == 3  # 1–3 February only: January's days stay in January
    assert feb.leave_working_days == 2  # Sunday 1 February is no working day
    assert feb.days[StatusKind.TRAVELLING] == 3  # 26–28 February, not 1–2 March
    assert feb.days[StatusKind.TRAINING] == 1
    assert feb.attended == 18
    jan = month_attendance(spans, 2026, 1)
    assert jan.days[StatusKind.LEAVE] == 3 and jan.leave_working_days == 2  # Thu 29, Fri 30 (Sat 31)
    mar = month_attendance(spans, 2026, 3)
    assert mar.days[StatusKind.TRAVELLING] == 2 and mar.attended == mar.working_days == 22


def test_attendance_counts_a_day_once_leave_first_and_leap_february() -> None:
    spans = [Span(StatusKind.VISITING, date(2028, 2, 28), date(2028, 3, 1)),
             Span(StatusKind.LEAVE, date(2028, 2, 29), date(2028, 2, 29))]
    assert status_on(spans, date(2028, 2, 29)) == StatusKind.LEAVE
    feb = month_attendance(spans, 2028, 2)
    assert feb.days[StatusKind.VISITING] == 1 and feb.days[StatusKind.LEAVE] == 1  # 28th visiting, 29th leave
    assert feb.working_days == 21 and feb.leave_working_days == 1
    dec = month_attendance([Span(StatusKind.LEAVE, date(2026, 12, 31), date(2027, 1, 4))], 2026, 12)
    assert dec.days[StatusKind.LEAVE] == 1 and dec.leave_working_days == 1
