"""Backup rotation keeps 7 daily, 4 weekly and 12 monthly automatic backups."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from sales_desk.domain.admin.retention import backups_to_keep

T0 = datetime(2026, 11, 22, 9, 30, tzinfo=UTC)  # a Sunday


def _days(n: int, end: datetime = T0) -> list[datetime]:
    return [end - timedelta(days=d) for d in range(n)]


def test_nothing_to_keep_from_nothing() -> None:
    assert backups_to_keep([]) == set()


def test_a_young_installation_keeps_everything() -> None:
    stamps = _days(7)
    assert backups_to_keep(stamps) == set(stamps)


def test_of_several_backups_in_a_day_the_newest_is_kept() -> None:
    morning, noon, evening = (T0.replace(hour=h) for h in (8, 12, 18))
    assert backups_to_keep([morning, evening, noon]) == {evening}


def test_a_year_and_more_of_daily_backups_comes_down_to_the_schedule() -> None:
    kept = sorted(t.date() for t in backups_to_keep(_days(500)))
    daily = [date(2026, 11, d) for d in range(16, 23)]
    weekly = [date(2026, 11, 1), date(2026, 11, 8), date(2026, 11, 15)]  # and this week's (22nd)
    monthly = [date(2025, 12, 31), date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 31),
               date(2026, 4, 30), date(2026, 5, 31), date(2026, 6, 30), date(2026, 7, 31),
               date(2026, 8, 31), date(2026, 9, 30), date(2026, 10, 31)]  # and this month's
    assert kept == sorted(daily + weekly + monthly)


def test_rotating_every_day_keeps_the_same_as_rotating_once() -> None:
    # Running the rotation after each day's backup must not erode the older generations.
    kept: set[datetime] = set()
    for stamp in reversed(_days(500)):
        kept = backups_to_keep(kept | {stamp})
        assert len(kept) <= 7 + 4 + 12
    assert kept == backups_to_keep(_days(500))


def test_gaps_in_the_calendar_keep_the_last_days_that_have_backups() -> None:
    # Away for a month: the seven newest backup days are kept, however old.
    stamps = _days(30, T0 - timedelta(days=40)) + [T0]
    kept = backups_to_keep(stamps)
    newest_days = sorted(stamps, reverse=True)[:7]
    assert set(newest_days) <= kept


stamp_sets = st.sets(
    st.integers(min_value=0, max_value=800 * 24).map(lambda h: T0 - timedelta(hours=h)), max_size=60
)


@given(stamp_sets)
def test_the_newest_is_always_kept_and_nothing_is_invented(stamps: set[datetime]) -> None:
    kept = backups_to_keep(stamps)
    assert kept <= stamps
    assert len(kept) <= 7 + 4 + 12
    if stamps:
        assert max(stamps) in kept


@given(stamp_sets)
def test_rotation_is_stable_once_applied(stamps: set[datetime]) -> None:
    kept = backups_to_keep(stamps)
    assert backups_to_keep(kept) == kept
