"""Rebate rules with no database (domain/collections/rebates.py)."""

from __future__ import annotations

from datetime import date

import pytest

from sales_desk.domain.collections.rebates import (
    Basis,
    NetShipped,
    PeriodKind,
    StockFigures,
    Tier,
    check_tiers,
    clip,
    compute_rebate,
    parse_rate,
    period_of,
    periods_between,
    rate_for,
    rate_text,
)
from sales_desk.domain.common.errors import ValidationError

TIERS = (Tier(0, 100), Tier(500_000, 200), Tier(1_000_000, 300))


def test_tiers_at_their_edges() -> None:
    assert rate_for(TIERS, 499_999) == 100
    assert rate_for(TIERS, 500_000) == 200  # a threshold reached earns its tier
    assert rate_for(TIERS, 999_999) == 200
    assert rate_for(TIERS, 1_000_000) == 300
    assert rate_for((Tier(100, 150),), 99) == 0  # below the first tier: nothing
    assert rate_for((Tier(100, 150),), 100) == 150


def test_rebate_on_shipped_less_returned_only() -> None:
    net = NetShipped(shipped_qty=120, returned_qty=20, shipped_amount=1_200_000, returned_amount=200_001)
    fig = compute_rebate(TIERS, Basis.AMOUNT, net)
    assert (fig.volume, fig.rate_bp, fig.base, fig.amount) == (999_999, 200, 999_999, 20_000)  # half-up
    by_qty = compute_rebate((Tier(100, 250),), Basis.QUANTITY, net)
    assert (by_qty.volume, by_qty.rate_bp, by_qty.amount) == (100, 250, 25_000)
    more_back = NetShipped(10, 12, 100_000, 120_000)
    assert compute_rebate(TIERS, Basis.AMOUNT, more_back).amount == 0


def test_tiers_are_checked() -> None:
    assert check_tiers((Tier(500, 200), Tier(0, 100)))[0] == Tier(0, 100)
    for bad in ((), (Tier(0, 0),), (Tier(0, 3_001),), (Tier(0, 200), Tier(10, 100)), (Tier(5, 1), Tier(5, 2))):
        with pytest.raises(ValidationError):
            check_tiers(bad)


def test_periods() -> None:
    assert period_of(PeriodKind.QUARTER, date(2026, 5, 17)) == (date(2026, 4, 1), date(2026, 6, 30))
    assert period_of(PeriodKind.MONTH, date(2028, 2, 3)) == (date(2028, 2, 1), date(2028, 2, 29))
    assert period_of(PeriodKind.YEAR, date(2026, 12, 31)) == (date(2026, 1, 1), date(2026, 12, 31))
    assert len(periods_between(PeriodKind.QUARTER, date(2026, 2, 1), date(2027, 1, 31))) == 5
    assert clip((date(2026, 1, 1), date(2026, 3, 31)), date(2026, 2, 1), date(2026, 12, 31))[0] == date(2026, 2, 1)


def test_rates_read_and_shown() -> None:
    assert parse_rate("2.5 %") == 250
    assert rate_text(250) == "2.5 %"
    with pytest.raises(ValidationError):
        parse_rate("2.555")


def test_stock_closing_gap() -> None:
    assert StockFigures(5, 60, 40, 25).closing_gap == 0
    assert StockFigures(25, 38, 50, 12).closing_gap == -1


def test_a_negative_quantity_sold_is_refused_as_the_quantity_sold_not_the_amount() -> None:
    from sales_desk.domain.collections.rebates import check_stock
    from sales_desk.i18n import set_language

    set_language("zh_CN")
    try:
        with pytest.raises(ValidationError) as refused:
            check_stock(StockFigures(opening=10, received=5, sold=-1, closing=16))
        assert refused.value.field == "本月销售"  # the distributor's units sold, as on its stock report
    finally:
        set_language("en")
