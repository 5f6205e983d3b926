"""The plan's levels and the rep's advance report as rules, at their edges."""

from __future__ import annotations

from datetime import date

import pytest

from sales_desk.domain.collections.advance_reports import (
    ReportTooLate,
    check_report,
    report_due,
    report_due_from,
    window,
)
from sales_desk.domain.common.errors import ValidationError
from sales_desk.domain.planning.hierarchy import (
    OverParent,
    ParentNotApproved,
    PlanLevel,
    clean_lines,
    ensure_parent_approved,
    ensure_within,
    status_label,
)
from sales_desk.domain.planning.plans import PlanStatus
from sales_desk.domain.planning.warnings import Level, advance_report_level

DUE = date(2026, 6, 10)


def test_children_up_to_the_parents_figure_are_in_order_and_a_fen_over_is_refused() -> None:
    assert ensure_within(PlanLevel.PRODUCT, 600_000, 400_000, 200_000).left == 0
    with pytest.raises(OverParent) as refused:
        ensure_within(PlanLevel.PRODUCT, 600_000, 400_000, 200_001)
    assert refused.value.room.left == -1 and "0.01" in str(refused.value)


def test_a_child_plan_is_not_approved_before_its_parent() -> None:
    ensure_parent_approved(PlanLevel.MONTHLY, PlanStatus.APPROVED)
    for status in (None, PlanStatus.DRAFT, PlanStatus.SUBMITTED, PlanStatus.RETURNED, PlanStatus.SUPERSEDED):
        with pytest.raises(ParentNotApproved):
            ensure_parent_approved(PlanLevel.PRODUCT, status)


def test_plan_lines_are_whole_amounts_once_per_rep_and_kind_the_level_has() -> None:
    lines = clean_lines(PlanLevel.MONTHLY, [("sales", 1, 100), ("collection", 1, 50), ("sales", 2, 0)])
    assert [(x.kind, x.rep_id, x.amount) for x in lines] == [("sales", 1, 100), ("collection", 1, 50)]
    for bad in ([("sales", 1, -1)], [("sales", 1, 1.5)], [("sales", 1, 1), ("sales", 1, 2)], [("bonus", 1, 1)]):
        with pytest.raises(ValidationError):
            clean_lines(PlanLevel.MONTHLY, bad)
    with pytest.raises(ValidationError):
        clean_lines(PlanLevel.PRODUCT, [("collection", 1, 1)])


def test_a_submitted_plan_says_whom_it_waits_for() -> None:
    assert status_label(PlanLevel.MONTHLY, PlanStatus.SUBMITTED) == "Awaiting VP approval"
    assert status_label(PlanLevel.PRODUCT, PlanStatus.SUBMITTED) == "Awaiting sales manager approval"
    assert status_label(PlanLevel.PRODUCT, PlanStatus.APPROVED) == "Approved"


def test_the_advance_report_is_due_from_n_days_before_the_due_date_up_to_the_due_date() -> None:
    assert report_due_from(DUE, 5) == date(2026, 6, 5)
    assert not report_due(DUE, date(2026, 6, 4), 5)
    assert report_due(DUE, date(2026, 6, 5), 5)
    assert report_due(DUE, DUE, 5)
    assert not report_due(DUE, date(2026, 6, 11), 5)
    assert report_due(DUE, DUE, 0) and not report_due(DUE, date(2026, 6, 9), 0)
    assert window(date(2026, 6, 5), 5) == (date(2026, 6, 5), DUE)


def test_an_advance_report_is_made_by_the_due_date_with_a_later_expected_date() -> None:
    assert check_report(DUE, DUE, " 资金紧张 ", date(2026, 6, 11), "催收")[0] == "资金紧张"
    with pytest.raises(ReportTooLate):
        check_report(DUE, date(2026, 6, 11), "资金紧张", date(2026, 6, 20), "催收")
    with pytest.raises(ValidationError):
        check_report(DUE, DUE, "资金紧张", DUE, "催收")


def test_an_unreported_invoice_in_the_window_is_an_alert() -> None:
    assert advance_report_level(0) is Level.OK and advance_report_level(1) is Level.ALERT
