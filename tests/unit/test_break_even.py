"""Break-even analysis [盈亏平衡分析] (seed 001, 第6条) and the budget's states (第7条)."""

from __future__ import annotations

import pytest

from sales_desk.domain.common.errors import ValidationError
from sales_desk.domain.common.money import to_minor
from sales_desk.domain.expenses.budget import (
    BudgetAction,
    BudgetStateError,
    BudgetStatus,
    NoBreakEven,
    RevisionInProgress,
    RevisionNeeded,
    break_even,
    clean_lines,
    may_revise,
    next_status,
    plan_for_year,
)


def test_break_even_volume_is_fixed_costs_over_the_unit_margin() -> None:
    # 120,000 fixed, sold at 50, costing 30 a unit: 6,000 units, 300,000 revenue.
    r = break_even(to_minor("120000"), to_minor("50"), to_minor("30"))
    assert (r.volume, r.revenue, r.unit_margin) == (6000, to_minor("300000"), to_minor("20"))
    assert r.margin_ratio_bp == 4000


def test_break_even_volume_rounds_up_to_a_whole_unit() -> None:
    # 100 / 30 = 3.33…: at 3 units profit is still negative, at 4 it is not.
    r = break_even(to_minor("100"), to_minor("40"), to_minor("10"))
    assert r.volume == 4 and r.revenue == to_minor("160")
    assert 3 * to_minor("30") < to_minor("100") <= 4 * to_minor("30")


def test_an_exact_division_is_not_rounded_up() -> None:
    assert break_even(to_minor("90"), to_minor("40"), to_minor("10")).volume == 3


def test_a_target_profit_adds_to_the_fixed_costs() -> None:
    assert break_even(to_minor("120000"), to_minor("50"), to_minor("30"), to_minor("20000")).volume == 7000


def test_no_fixed_costs_break_even_at_zero() -> None:
    assert break_even(0, to_minor("5"), to_minor("1")).volume == 0


def test_price_at_or_below_the_variable_cost_is_refused() -> None:
    with pytest.raises(NoBreakEven):
        break_even(to_minor("1000"), to_minor("30"), to_minor("30"))
    with pytest.raises(NoBreakEven):
        break_even(to_minor("1000"), to_minor("29.99"), to_minor("30"))


def test_negative_costs_and_a_zero_price_are_refused() -> None:
    with pytest.raises(ValidationError):
        break_even(-1, to_minor("5"), to_minor("1"))
    with pytest.raises(ValidationError):
        break_even(100, 0, 0)
    with pytest.raises(ValidationError):
        break_even(100, to_minor("5"), -1)


def test_money_is_never_a_float() -> None:
    with pytest.raises(ValidationError):
        break_even(100.0, 500, 100)  # type: ignore[arg-type]


# -- budget states ------------------------------------------------------------------------------


def test_a_budget_is_prepared_checked_by_finance_then_approved_by_the_general_manager() -> None:
    s = next_status(BudgetStatus.DRAFT, BudgetAction.SUBMIT)
    s = next_status(s, BudgetAction.CHECK)
    assert s is BudgetStatus.CHECKED
    assert next_status(s, BudgetAction.APPROVE) is BudgetStatus.APPROVED


def test_the_general_manager_cannot_approve_what_finance_has_not_checked() -> None:
    for status in (BudgetStatus.DRAFT, BudgetStatus.SUBMITTED, BudgetStatus.RETURNED):
        with pytest.raises(BudgetStateError):
            next_status(status, BudgetAction.APPROVE)


def test_a_refused_budget_returns_to_the_preparer_and_goes_round_again() -> None:
    assert next_status(BudgetStatus.SUBMITTED, BudgetAction.REFUSE_CHECK) is BudgetStatus.RETURNED
    assert next_status(BudgetStatus.CHECKED, BudgetAction.REFUSE_APPROVAL) is BudgetStatus.RETURNED
    assert next_status(BudgetStatus.RETURNED, BudgetAction.SUBMIT) is BudgetStatus.SUBMITTED


def test_an_approved_budget_changes_only_by_a_revision_approved_again() -> None:
    with pytest.raises(RevisionNeeded):
        plan_for_year(2026, [BudgetStatus.APPROVED])
    may_revise(2026, [BudgetStatus.APPROVED, BudgetStatus.SUPERSEDED])
    assert plan_for_year(2026, [BudgetStatus.APPROVED, BudgetStatus.DRAFT]) == "edit"
    with pytest.raises(RevisionInProgress):
        may_revise(2026, [BudgetStatus.APPROVED, BudgetStatus.CHECKED])
    with pytest.raises(BudgetStateError):
        next_status(BudgetStatus.APPROVED, BudgetAction.SUBMIT)


def test_nothing_to_revise_before_a_first_approval() -> None:
    assert plan_for_year(2026, []) == "new"
    with pytest.raises(BudgetStateError):
        may_revise(2026, [])


def test_budget_lines_are_one_figure_per_month_category_and_department() -> None:
    lines = clean_lines([(2, "business", "销售部", 500), (1, "advertising", " 销售部 ", 0)])
    assert [(b.month, b.category.value, b.department) for b in lines] == [
        (1, "advertising", "销售部"), (2, "business", "销售部")]
    with pytest.raises(ValidationError):
        clean_lines([(1, "business", "销售部", 1), (1, "business", "销售部", 2)])
    for bad in ((13, "business", "销售部", 1), (1, "travel", "销售部", 1), (1, "business", "", 1),
                (1, "business", "销售部", -1)):
        with pytest.raises(ValidationError):
            clean_lines([bad])
