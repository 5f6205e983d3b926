"""Sales-plan rules [销售计划]: the approval states, targets checked, spread and progress."""

from __future__ import annotations

from decimal import Decimal

import pytest

from sales_desk.domain.common.errors import ValidationError
from sales_desk.domain.planning.plans import (
    Dimension,
    PlanAction,
    PlanInProgress,
    PlanRevisionNeeded,
    PlanStateError,
    PlanStatus,
    clean_targets,
    next_status,
    prepare_action,
    progress_percent,
    reads_plans,
    spread_evenly,
)


def test_a_plan_goes_from_draft_to_the_gm_and_back_to_the_preparer_when_refused() -> None:
    assert next_status(PlanStatus.DRAFT, PlanAction.SUBMIT) is PlanStatus.SUBMITTED
    assert next_status(PlanStatus.SUBMITTED, PlanAction.APPROVE) is PlanStatus.APPROVED
    assert next_status(PlanStatus.SUBMITTED, PlanAction.REFUSE) is PlanStatus.RETURNED
    assert next_status(PlanStatus.RETURNED, PlanAction.SUBMIT) is PlanStatus.SUBMITTED
    with pytest.raises(PlanStateError):
        next_status(PlanStatus.DRAFT, PlanAction.APPROVE)
    with pytest.raises(PlanStateError):
        next_status(PlanStatus.APPROVED, PlanAction.SUBMIT)


def test_an_approved_plan_changes_only_by_a_revision() -> None:
    assert prepare_action(2026, []) == "new"
    assert prepare_action(2026, [PlanStatus.APPROVED, PlanStatus.DRAFT]) == "edit"
    with pytest.raises(PlanInProgress):
        prepare_action(2026, [PlanStatus.SUBMITTED])
    with pytest.raises(PlanRevisionNeeded):
        prepare_action(2026, [PlanStatus.APPROVED, PlanStatus.SUPERSEDED])


def test_targets_are_whole_amounts_for_months_1_to_12_each_given_once() -> None:
    lines = clean_targets([("rep", "7", 1, 100), ("product", "3", 12, 0), ("region", "east", 6, 5)])
    assert [(t.dimension, t.key, t.month, t.amount) for t in lines] == [
        (Dimension.REP, "7", 1, 100), (Dimension.REGION, "east", 6, 5)]  # the zero dropped
    for bad in (("rep", "7", 13, 1), ("rep", "7", 0, 1), ("rep", "", 1, 1), ("team", "7", 1, 1),
                ("rep", "7", 1, -1), ("rep", "7", 1, 1.5)):
        with pytest.raises(ValidationError):
            clean_targets([bad])
    with pytest.raises(ValidationError):
        clean_targets([("rep", "7", 1, 1), ("rep", "7", 1, 2)])


def test_an_annual_target_spreads_over_the_months_to_the_last_fen() -> None:
    months = spread_evenly(1_000_003)
    assert sum(months) == 1_000_003
    assert months[:7] == [83_334] * 7 and months[7:] == [83_333] * 5  # remainder 7 to the first months


def test_progress_is_a_percentage_with_one_decimal_and_none_without_target() -> None:
    assert progress_percent(1, 3) == Decimal("33.3")
    assert progress_percent(2, 3) == Decimal("66.7")
    assert progress_percent(5, 0) is None


def test_the_sales_side_and_the_gm_read_plans_finance_and_the_warehouse_do_not() -> None:
    assert reads_plans(["sales_rep"]) and reads_plans(["gm"]) and reads_plans(["sales_manager"])
    assert not reads_plans(["finance"]) and not reads_plans(["warehouse"])
