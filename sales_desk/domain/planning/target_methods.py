"""The six ways to work out a year's sales target (seed 001 销售费用管控制度 第5条2):
销售增长率计算法、市场占有率计算法、市场增长率计算法、预期利润计算法、客户购买实力计算法、
销售人员业绩计算法. Pure functions over Decimal money (yuan, two decimals) and rates given as
fractions (0.15 for 15 %); each result is rounded half-up to the fen.

- growth rate: last year's sales × (1 + the firm's planned growth rate);
- market share: the market's size × the share the firm aims at;
- market growth: last year's sales × (1 + the market's growth rate): the firm keeps its
  share as the market grows;
- expected profit: (target profit + fixed costs) ÷ the contribution margin rate, the sales
  at which the profit is reached (the break-even reasoning of 第6条);
- customers' buying power: the sum of what each customer is expected to buy;
- sales staff performance: the sum of what each rep is expected to sell.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from sales_desk.domain.common.errors import ValidationError
from sales_desk.domain.expenses.claims import Term
from sales_desk.i18n import N_, _

FEN = Decimal("0.01")


class TargetMethod(StrEnum):
    GROWTH_RATE = "growth_rate"
    MARKET_SHARE = "market_share"
    MARKET_GROWTH = "market_growth"
    EXPECTED_PROFIT = "expected_profit"
    CUSTOMER_POWER = "customer_power"
    REP_PERFORMANCE = "rep_performance"

    @property
    def label(self) -> str:
        return _(METHOD_LABELS[self].msgid)


METHOD_LABELS: dict[TargetMethod, Term] = {
    TargetMethod.GROWTH_RATE: Term(N_("Sales growth rate"), "销售增长率计算法"),
    TargetMethod.MARKET_SHARE: Term(N_("Market share"), "市场占有率计算法"),
    TargetMethod.MARKET_GROWTH: Term(N_("Market growth rate"), "市场增长率计算法"),
    TargetMethod.EXPECTED_PROFIT: Term(N_("Expected profit"), "预期利润计算法"),
    TargetMethod.CUSTOMER_POWER: Term(N_("Customers' buying power"), "客户购买实力计算法"),
    TargetMethod.REP_PERFORMANCE: Term(N_("Sales staff performance"), "销售人员业绩计算法"),
}


def _fen(value: Decimal) -> Decimal:
    return value.quantize(FEN, rounding=ROUND_HALF_UP)


def _amount(field: str, value: Decimal) -> Decimal:
    if not isinstance(value, Decimal) or not value.is_finite() or value < 0:
        raise ValidationError(field, _("not a valid value"))
    return value


def _rate(field: str, value: Decimal, low: Decimal = Decimal(-1), high: Decimal = Decimal(10)) -> Decimal:
    if not isinstance(value, Decimal) or not value.is_finite() or not low <= value <= high:
        raise ValidationError(field, _("not a valid value"))
    return value


def by_growth_rate(last_year_sales: Decimal, growth_rate: Decimal) -> Decimal:
    """销售增长率计算法: last year's sales × (1 + growth rate)."""
    return _fen(_amount(_("Last year's sales"), last_year_sales) * (1 + _rate(_("Growth rate"), growth_rate)))


def by_market_share(market_size: Decimal, share: Decimal) -> Decimal:
    """市场占有率计算法: the market's size × the firm's target share."""
    return _fen(_amount(_("Market size"), market_size) * _rate(_("Market share"), share, Decimal(0), Decimal(1)))


def by_market_growth(last_year_sales: Decimal, market_growth_rate: Decimal) -> Decimal:
    """市场增长率计算法: last year's sales × (1 + the market's growth rate)."""
    return _fen(_amount(_("Last year's sales"), last_year_sales)
                * (1 + _rate(_("Market growth rate"), market_growth_rate)))


def by_expected_profit(target_profit: Decimal, fixed_costs: Decimal, margin_rate: Decimal) -> Decimal:
    """预期利润计算法: (target profit + fixed costs) ÷ the contribution margin rate."""
    margin = _rate(_("Margin rate"), margin_rate, Decimal(0), Decimal(1))
    if margin == 0:
        raise ValidationError(_("Margin rate"), _("must be above zero"))
    return _fen((_amount(_("Target profit"), target_profit) + _amount(_("Fixed costs"), fixed_costs)) / margin)


def by_customer_power(expected_purchases: Iterable[Decimal]) -> Decimal:
    """客户购买实力计算法: the sum of each customer's expected purchases."""
    return _fen(sum((_amount(_("Expected purchases"), v) for v in expected_purchases), Decimal(0)))


def by_rep_performance(expected_sales: Iterable[Decimal]) -> Decimal:
    """销售人员业绩计算法: the sum of each rep's expected sales."""
    return _fen(sum((_amount(_("Expected sales"), v) for v in expected_sales), Decimal(0)))


@dataclass(frozen=True)
class Worked:
    """One method's result beside the others."""

    method: TargetMethod
    target: Decimal
    workings: str  # the formula with its figures, in the user's language


def compare(results: Iterable[Worked]) -> list[Worked]:
    """The methods' results side by side, highest first (ties in the seed's order)."""
    order = list(TargetMethod)
    return sorted(results, key=lambda w: (-w.target, order.index(w.method)))


CUSTOMERS_WORKING = N_("the expected purchases of {n} customers = {target}")
REPS_WORKING = N_("the expected sales of {n} reps = {target}")


def _pct(rate: Decimal) -> str:
    return f"{(rate * 100).normalize():f} %"


def _yuan(value: Decimal) -> str:
    return f"{_fen(value):,.2f}"


def formula(method: TargetMethod, target: Decimal, *, sales: Decimal = Decimal(0), rate: Decimal = Decimal(0),
            market: Decimal = Decimal(0), profit: Decimal = Decimal(0), fixed: Decimal = Decimal(0),
            count: int = 0, gettext=_) -> str:  # noqa: ANN001 - a gettext function
    """The method's working with its figures, e.g. "8,000,000.00 × (1 + 15 %) = 9,200,000.00"."""
    t = _yuan(target)
    if method in (TargetMethod.GROWTH_RATE, TargetMethod.MARKET_GROWTH):
        return f"{_yuan(sales)} × (1 + {_pct(rate)}) = {t}"
    if method is TargetMethod.MARKET_SHARE:
        return f"{_yuan(market)} × {_pct(rate)} = {t}"
    if method is TargetMethod.EXPECTED_PROFIT:
        return f"({_yuan(profit)} + {_yuan(fixed)}) ÷ {_pct(rate)} = {t}"
    if method is TargetMethod.CUSTOMER_POWER:
        return gettext(CUSTOMERS_WORKING).format(n=count, target=t)
    return gettext(REPS_WORKING).format(n=count, target=t)
