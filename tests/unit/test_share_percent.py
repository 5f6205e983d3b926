"""One rounding for every share the program shows or prints (issue 16: one meaning per figure)."""

from __future__ import annotations

from decimal import Decimal

from sales_desk.domain.common.money import share_percent
from sales_desk.domain.planning.plans import progress_percent
from sales_desk.reports.common.pdf_base import ratio


def test_a_share_is_rounded_half_up_to_hundredths_not_down_to_whole_percents() -> None:
    assert share_percent(4_769, 10_000) == Decimal("47.69")
    assert share_percent(1, 8) == Decimal("12.50")
    assert share_percent(2, 3) == Decimal("66.67")
    assert share_percent(5, 0) is None


def test_the_printed_ratio_and_the_dashboard_share_are_the_same_figure() -> None:
    assert ratio(4_769, 10_000, percent=True) == f"{share_percent(4_769, 10_000)} %" == "47.69 %"


def test_progress_shares_use_the_same_rounding_at_one_decimal() -> None:
    assert progress_percent(2, 3) == share_percent(2, 3, places=1) == Decimal("66.7")
