"""Early-warning rules at their edges (SPEC §7; seed 002 预警管理)."""

from __future__ import annotations

from datetime import date, timedelta

from sales_desk.domain.collections.aging import Buckets
from sales_desk.domain.customers import files as customers
from sales_desk.domain.planning import warnings
from sales_desk.domain.planning.warnings import (
    Level,
    at_churn_risk,
    bucket_totals,
    budget_level,
    changed_recently,
    expected_in_year,
    expected_to_date,
    level_against,
    overdue_level,
    pace_level,
    worst,
)

TODAY = date(2026, 4, 1)


# -- churn ------------------------------------------------------------------------------------


def test_churn_risk_starts_on_the_nth_day_without_an_order() -> None:
    last = date(2026, 1, 1)
    assert not at_churn_risk(last, last + timedelta(days=89), 90)
    assert at_churn_risk(last, last + timedelta(days=90), 90)


def test_a_customer_who_never_ordered_is_not_at_risk_of_churn() -> None:
    assert not at_churn_risk(None, TODAY, 90)


def test_churn_follows_the_days_of_the_setting() -> None:
    last = TODAY - timedelta(days=30)
    assert at_churn_risk(last, TODAY, 30)
    assert not at_churn_risk(last, TODAY, 31)


# -- stale files: the customers' own rule ---------------------------------------------------------


def test_stale_warning_is_the_customer_files_rule_not_a_copy() -> None:
    assert warnings.is_stale is customers.is_stale
    assert warnings.stale_cutoff is customers.stale_cutoff


def test_a_file_is_stale_after_three_months_to_the_day() -> None:
    updated = date(2026, 1, 15)
    assert not warnings.is_stale(updated, date(2026, 4, 15), 3)
    assert warnings.is_stale(updated, date(2026, 4, 16), 3)


# -- overdue by bucket -------------------------------------------------------------------------------


def test_overdue_by_bucket_counts_from_the_day_after_the_due_date() -> None:
    b = Buckets((30, 60, 90, 120))
    due = TODAY
    items = [(due, 1), (due - timedelta(days=1), 10), (due - timedelta(days=30), 100),
             (due - timedelta(days=31), 1000), (due - timedelta(days=120), 10_000),
             (due - timedelta(days=121), 100_000)]
    assert bucket_totals(items, TODAY, b) == [1, 110, 1000, 0, 10_000, 100_000]


def test_overdue_within_the_first_bucket_is_watched_beyond_it_an_alert() -> None:
    assert overdue_level([500, 0, 0, 0, 0, 0]) is Level.OK
    assert overdue_level([500, 1, 0, 0, 0, 0]) is Level.WATCH
    assert overdue_level([0, 0, 1, 0, 0, 0]) is Level.ALERT
    assert overdue_level([0, 0, 0, 0, 0, 1]) is Level.ALERT


# -- sales progress against plan ----------------------------------------------------------------------


def test_the_pro_rata_target_counts_today_and_is_whole_at_the_periods_end() -> None:
    start, end = date(2026, 4, 1), date(2026, 4, 30)
    assert expected_to_date(30_000, start, end, date(2026, 3, 31)) == 0
    assert expected_to_date(30_000, start, end, start) == 1_000
    assert expected_to_date(30_000, start, end, date(2026, 4, 15)) == 15_000
    assert expected_to_date(30_000, start, end, end) == 30_000
    assert expected_to_date(30_000, start, end, date(2026, 5, 2)) == 30_000


def test_sales_on_pace_are_in_order_below_80_percent_of_it_an_alert() -> None:
    start, end, day = date(2026, 4, 1), date(2026, 4, 30), date(2026, 4, 15)  # 15,000 expected
    assert pace_level(30_000, 15_000, start, end, day) is Level.OK
    assert pace_level(30_000, 14_999, start, end, day) is Level.WATCH
    assert pace_level(30_000, 12_000, start, end, day) is Level.WATCH
    assert pace_level(30_000, 11_999, start, end, day) is Level.ALERT


def test_over_a_year_the_months_gone_count_whole_and_the_current_one_pro_rata() -> None:
    months = [0] * 3 + [30_000] + [0] * 8  # a plan with one season: April
    assert expected_in_year(months, 2026, date(2026, 3, 31)) == 0
    assert expected_in_year(months, 2026, date(2026, 4, 15)) == 15_000
    assert expected_in_year(months, 2026, date(2026, 7, 1)) == 30_000
    assert level_against(15_000, 12_000) is Level.WATCH and level_against(15_000, 11_999) is Level.ALERT


def test_no_target_means_nothing_to_fall_behind() -> None:
    assert pace_level(0, 0, date(2026, 1, 1), date(2026, 12, 31), TODAY) is Level.OK


# -- expenses against budget ----------------------------------------------------------------------------


def test_spending_is_watched_from_90_percent_and_an_alert_beyond_the_budget() -> None:
    assert budget_level(10_000, 8_999) is Level.OK
    assert budget_level(10_000, 9_000) is Level.WATCH
    assert budget_level(10_000, 10_000) is Level.WATCH
    assert budget_level(10_000, 10_001) is Level.ALERT


def test_spending_without_a_budget_is_an_alert() -> None:
    assert budget_level(0, 1) is Level.ALERT
    assert budget_level(0, 0) is Level.OK


# -- major changes --------------------------------------------------------------------------------------


def test_a_change_recorded_in_the_last_30_days_is_recent() -> None:
    assert changed_recently(TODAY, TODAY)
    assert changed_recently(TODAY - timedelta(days=30), TODAY)
    assert not changed_recently(TODAY - timedelta(days=31), TODAY)


def test_the_worst_level_wins() -> None:
    assert worst([Level.OK, Level.ALERT, Level.WATCH]) is Level.ALERT
    assert worst([]) is Level.OK
