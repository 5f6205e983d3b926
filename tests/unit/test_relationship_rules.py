"""Caring for customers: the rules at their edges (domain/relationship/)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from sales_desk.domain.common.errors import SelfApprovalRefused, ValidationError
from sales_desk.domain.relationship.lifecycle import LifecyclePolicy, OrderHistory, Stage, stage_of
from sales_desk.domain.relationship.plans import (
    Due,
    PlanRefused,
    Status,
    a_year_after,
    check_period,
    due_state,
    ensure_reviewable,
    ensure_writer,
    next_due,
)
from sales_desk.domain.relationship.value import (
    Payment,
    Risk,
    churn_risk,
    margin_percent,
    payment_of,
    value_of,
)

TODAY = date(2026, 12, 6)
P = LifecyclePolicy(new_days=180, lost_days=365, growth_percent=20, decline_percent=20)


def _h(first_days_ago: int, last_days_ago: int, now: int = 100, before: int = 100) -> OrderHistory:
    return OrderHistory(TODAY - timedelta(days=first_days_ago), TODAY - timedelta(days=last_days_ago), now, before)


# -- plan due a year after the last -----------------------------------------------------------

def test_plan_due_a_year_after_the_last() -> None:
    assert next_due(date(2025, 12, 20), TODAY) == date(2026, 12, 20)
    assert next_due(date(2024, 2, 29), TODAY) == date(2025, 2, 28)  # no 29 February next year
    assert a_year_after(date(2025, 1, 31)) == date(2026, 1, 31)


def test_plan_due_at_once_for_a_new_key_account() -> None:
    assert next_due(None, TODAY) == TODAY
    assert due_state(next_due(None, TODAY), TODAY) is Due.DUE


def test_plan_due_state_at_its_edges() -> None:
    due = date(2026, 12, 20)
    assert due_state(due, due - timedelta(days=31), 30) is Due.NOT_DUE
    assert due_state(due, due - timedelta(days=30), 30) is Due.DUE
    assert due_state(due, due, 30) is Due.DUE  # due on the day itself
    assert due_state(due, due + timedelta(days=1), 30) is Due.LATE  # late the day after


# -- review by another person only -----------------------------------------------------------

def test_review_by_another_person_only() -> None:
    with pytest.raises(SelfApprovalRefused):
        ensure_reviewable(Status.SUBMITTED, written_by=7, reviewer=7)
    ensure_reviewable(Status.SUBMITTED, written_by=7, reviewer=8)


def test_review_only_once_submitted() -> None:
    for status in (Status.DRAFT, Status.RETURNED, Status.FILED):
        with pytest.raises(PlanRefused):
            ensure_reviewable(status, written_by=7, reviewer=8)


def test_plan_written_by_the_customer_manager_only() -> None:
    ensure_writer(rep_id=5, actor_id=5)
    with pytest.raises(PlanRefused):
        ensure_writer(rep_id=5, actor_id=6)


def test_report_period_is_a_month() -> None:
    assert check_period(" 2026-11 ") == "2026-11"
    for bad in ("2026-13", "2026-1", "2026", "nov"):
        with pytest.raises(ValidationError):
            check_period(bad)


# -- lifecycle stage at its edges ---------------------------------------------------------------

def test_lifecycle_stage_at_its_edges() -> None:
    assert stage_of(OrderHistory(None, None), TODAY, P) is Stage.PROSPECT
    # lost from the lost_days-th day after the last order
    assert stage_of(_h(900, 365, 0, 100), TODAY, P) is Stage.LOST
    assert stage_of(_h(900, 364, 1, 100), TODAY, P) is not Stage.LOST
    # new until new_days after the first order
    assert stage_of(_h(179, 10), TODAY, P) is Stage.NEW
    assert stage_of(_h(180, 10), TODAY, P) is Stage.MATURE
    # growing from exactly +20 %, declining from exactly −20 %
    assert stage_of(_h(400, 10, 120, 100), TODAY, P) is Stage.GROWING
    assert stage_of(_h(400, 10, 119, 100), TODAY, P) is Stage.MATURE
    assert stage_of(_h(400, 10, 80, 100), TODAY, P) is Stage.DECLINING
    assert stage_of(_h(400, 10, 81, 100), TODAY, P) is Stage.MATURE
    # sales now after nothing in the year before: growing
    assert stage_of(_h(800, 10, 50, 0), TODAY, P) is Stage.GROWING


def test_lifecycle_thresholds_come_from_the_policy() -> None:
    strict = LifecyclePolicy(new_days=30, lost_days=90, growth_percent=50, decline_percent=50)
    assert stage_of(_h(400, 90, 10, 100), TODAY, strict) is Stage.LOST
    assert stage_of(_h(40, 10), TODAY, strict) is Stage.MATURE
    assert stage_of(_h(400, 10, 140, 100), TODAY, strict) is Stage.MATURE


# -- value and churn ----------------------------------------------------------------------------

def test_value_grade_drops_for_a_low_margin_and_a_poor_payer() -> None:
    sales_a = 100_000_000
    assert value_of(sales_a, 25, Payment.GOOD).grade.value == "A"
    assert value_of(sales_a, 9, Payment.GOOD).grade.value == "B"
    assert value_of(sales_a, 10, Payment.GOOD).grade.value == "A"  # at the floor: not below it
    assert value_of(sales_a, 9, Payment.POOR).grade.value == "C"
    assert value_of(0, 5, Payment.POOR).grade.value == "D"  # never below D


def test_margin_unknown_without_a_cost_weighs_nothing() -> None:
    assert margin_percent(0, 0) is None
    v = value_of(100_000_000, None, Payment.GOOD)
    assert v.grade.value == "A" and v.reasons == ()
    assert margin_percent(1000, 750) == 25


def test_payment_record_at_its_edges() -> None:
    assert payment_of(None) is Payment.GOOD
    assert payment_of(59) is Payment.LATE
    assert payment_of(60) is Payment.POOR


def test_churn_risk_names_its_reasons() -> None:
    last = TODAY - timedelta(days=95)
    r = churn_risk(Stage.MATURE, last, TODAY, 0, Payment.GOOD, None)
    assert r.risk is Risk.WATCH and r.reasons == (("no_order", 95),)
    r = churn_risk(Stage.DECLINING, last, TODAY, -40, Payment.POOR, 70)
    assert r.risk is Risk.HIGH and [c for c, _n in r.reasons] == ["no_order", "declining", "overdue"]
    assert churn_risk(Stage.LOST, TODAY - timedelta(days=400), TODAY, None, Payment.GOOD, None).risk is Risk.HIGH
    assert churn_risk(Stage.PROSPECT, None, TODAY, None, Payment.GOOD, None).risk is Risk.NONE
    assert churn_risk(Stage.MATURE, TODAY - timedelta(days=89), TODAY, 0, Payment.GOOD, None).risk is Risk.NONE
