"""The six target-setting methods of 费用 第5条2, each by a worked example."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from sales_desk.domain.common.errors import ValidationError
from sales_desk.domain.planning.target_methods import (
    TargetMethod,
    Worked,
    by_customer_power,
    by_expected_profit,
    by_growth_rate,
    by_market_growth,
    by_market_share,
    by_rep_performance,
    compare,
)


def test_sales_growth_rate_method_last_years_sales_times_one_plus_the_rate() -> None:
    # 去年销售额 8,000,000 元，计划增长 15 % → 9,200,000 元
    assert by_growth_rate(D("8000000"), D("0.15")) == D("9200000.00")
    assert by_growth_rate(D("1234567.89"), D("0.075")) == D("1327160.48")  # 1,327,160.481… half-up


def test_market_share_method_market_size_times_the_share() -> None:
    # 区域市场容量 60,000,000 元，目标占有率 12.5 % → 7,500,000 元
    assert by_market_share(D("60000000"), D("0.125")) == D("7500000.00")


def test_market_growth_rate_method_keeps_the_share_as_the_market_grows() -> None:
    # 去年销售额 8,000,000 元，市场增长 6 % → 8,480,000 元
    assert by_market_growth(D("8000000"), D("0.06")) == D("8480000.00")
    assert by_market_growth(D("8000000"), D("-0.05")) == D("7600000.00")  # a shrinking market


def test_expected_profit_method_profit_plus_fixed_costs_over_the_margin() -> None:
    # 目标利润 900,000 + 固定成本 1,500,000，边际贡献率 30 % → 8,000,000 元
    assert by_expected_profit(D("900000"), D("1500000"), D("0.30")) == D("8000000.00")
    assert by_expected_profit(D("100000"), D("0"), D("0.30")) == D("333333.33")
    with pytest.raises(ValidationError):
        by_expected_profit(D("1"), D("1"), D("0"))


def test_customer_buying_power_method_sums_each_customers_expected_purchases() -> None:
    assert by_customer_power([D("3200000"), D("2500000.50"), D("1800000")]) == D("7500000.50")
    assert by_customer_power([]) == D("0.00")


def test_sales_staff_performance_method_sums_each_reps_expected_sales() -> None:
    assert by_rep_performance([D("2600000"), D("2400000"), D("3100000")]) == D("8100000.00")
    with pytest.raises(ValidationError):
        by_rep_performance([D("-1")])


def test_the_methods_compared_side_by_side_highest_first() -> None:
    worked = [Worked(TargetMethod.MARKET_GROWTH, D("8480000.00"), ""),
              Worked(TargetMethod.GROWTH_RATE, D("9200000.00"), ""),
              Worked(TargetMethod.EXPECTED_PROFIT, D("8000000.00"), "")]
    assert [w.method for w in compare(worked)] == [TargetMethod.GROWTH_RATE, TargetMethod.MARKET_GROWTH,
                                                   TargetMethod.EXPECTED_PROFIT]


def test_each_methods_working_shows_its_figures() -> None:
    from sales_desk.domain.planning.target_methods import formula

    assert formula(TargetMethod.GROWTH_RATE, D("9200000"), sales=D("8000000"), rate=D("0.15")) == \
        "8,000,000.00 × (1 + 15 %) = 9,200,000.00"
    assert formula(TargetMethod.EXPECTED_PROFIT, D("8000000"), profit=D("900000"), fixed=D("1500000"),
                   rate=D("0.30")) == "(900,000.00 + 1,500,000.00) ÷ 30 % = 8,000,000.00"
    assert "3" in formula(TargetMethod.REP_PERFORMANCE, D("8100000"), count=3)
