"""The five ways to size a credit limit [信用额度确定方法] (seed 001, 第16条).

Amounts are integer minor units in and out; ratios are Decimal. Each method works
in exact Decimal and rounds half-up once, at the end. A method that cannot be
computed (a figure missing) says which figures it needs; one that comes out
negative gives 0 (no credit by that measure).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from sales_desk.domain.common.errors import ValidationError
from sales_desk.domain.common.money import round_minor
from sales_desk.i18n import N_, _

DAYS_PER_YEAR = 365
BP = Decimal(10_000)  # ratios are stored as basis points: 7500 = 75 %


class LimitMethod(StrEnum):
    SALES = "sales"  # 销售额测定法
    WORKING_CAPITAL = "working_capital"  # 周转资产分割法
    CURRENT_RATIO = "current_ratio"  # 流动比率法
    NET_ASSETS = "net_assets"  # 净资产分割法
    JUDGEMENT = "judgement"  # 综合判断法

    @property
    def label(self) -> str:
        return _(METHOD_LABELS[self])


METHOD_LABELS: dict[LimitMethod, str] = {
    LimitMethod.SALES: N_("Sales method"),
    LimitMethod.WORKING_CAPITAL: N_("Working-capital split"),
    LimitMethod.CURRENT_RATIO: N_("Current-ratio method"),
    LimitMethod.NET_ASSETS: N_("Net-asset split"),
    LimitMethod.JUDGEMENT: N_("Judgement"),
}
# A recorded limit decision's method is a LimitMethod or one of these.
POLICY_METHOD = "policy"  # fitted to the grade's policy by a re-rating
IMPORT_METHOD = "import"  # carried over from the firm's old records by the customer import
RECORDED_METHOD_LABELS: dict[str, str] = {
    POLICY_METHOD: N_("Grade policy"),
    IMPORT_METHOD: N_("Carried over by import"),
}


def recorded_method_label(method: str, gettext: Callable[[str], str] = _) -> str:
    """How a recorded limit was set, in words (an unknown code shows as it is)."""
    msgid = METHOD_LABELS.get(method) or RECORDED_METHOD_LABELS.get(method)  # type: ignore[call-overload]
    return gettext(msgid) if msgid else method


METHOD_ZH: dict[LimitMethod, str] = {
    LimitMethod.SALES: "销售额测定法",
    LimitMethod.WORKING_CAPITAL: "周转资产分割法",
    LimitMethod.CURRENT_RATIO: "流动比率法",
    LimitMethod.NET_ASSETS: "净资产分割法",
    LimitMethod.JUDGEMENT: "综合判断法",
}


def _non_negative(value: Decimal) -> int:
    return max(0, round_minor(value))


def sales_method(expected_sales: int, cost_rate: Decimal, supply_share: Decimal,
                 credit_days: int) -> int:
    """Expected annual purchases (expected sales × cost rate) × our share × days ÷ 365."""
    _check_ratio(cost_rate, _("Cost rate"))
    _check_ratio(supply_share, _("Our share of supply"))
    if credit_days < 0:
        raise ValidationError(_("Credit period"), _("must not be negative"))
    return _non_negative(Decimal(expected_sales) * cost_rate * supply_share * credit_days / DAYS_PER_YEAR)


def working_capital_split(current_assets: int, current_liabilities: int, suppliers: int) -> int:
    """(Current assets − current liabilities) ÷ number of suppliers."""
    _check_suppliers(suppliers)
    return _non_negative(Decimal(current_assets - current_liabilities) / suppliers)


def current_ratio_method(current_assets: int, current_liabilities: int, standard_limit: int,
                         norm: Decimal = Decimal(2), max_multiplier: Decimal = Decimal(2)) -> int:
    """The standard limit, raised by current ratio ÷ norm (at most `max_multiplier`) when the
    ratio beats the norm; otherwise the standard limit (the seed only speaks of raising)."""
    if current_liabilities <= 0:
        raise ValidationError(_("Current liabilities"), _("must be above 0 for a current ratio"))
    if norm <= 0 or max_multiplier < 1:
        raise ValidationError(_("Current ratio norm"), _("not a valid value"))
    ratio = Decimal(current_assets) / Decimal(current_liabilities)
    multiplier = min(ratio / norm, max_multiplier) if ratio > norm else Decimal(1)
    return _non_negative(Decimal(standard_limit) * multiplier)


def net_asset_split(total_assets: int, total_liabilities: int, suppliers: int) -> int:
    """(Total assets − total liabilities) ÷ number of suppliers (the seed's "×" means ÷)."""
    _check_suppliers(suppliers)
    return _non_negative(Decimal(total_assets - total_liabilities) / suppliers)


def judgement(amount: int, reasons: str) -> int:
    """A figure the manager chooses, with written reasons (profitability, safety, liquidity…)."""
    if amount < 0:
        raise ValidationError(_("Credit limit"), _("must not be negative"))
    if not reasons.strip():
        raise ValidationError(_("Reasons"), _("a judgement needs written reasons"))
    return amount


def _check_ratio(value: Decimal, field: str) -> None:
    if not Decimal(0) <= value <= Decimal(1):
        raise ValidationError(field, _("a share between 0 % and 100 %"))


def _check_suppliers(n: int) -> None:
    if n < 1:
        raise ValidationError(_("Number of suppliers"), _("at least 1"))


# -- all five side by side ---------------------------------------------------------------


@dataclass(frozen=True)
class LimitInputs:
    """The customer's figures (minor units; ratios in basis points), any of them unknown."""

    expected_annual_sales: int | None = None
    cost_rate_bp: int | None = None
    supply_share_bp: int | None = None
    credit_days: int | None = None
    current_assets: int | None = None
    current_liabilities: int | None = None
    total_assets: int | None = None
    total_liabilities: int | None = None
    supplier_count: int | None = None
    standard_limit: int | None = None
    norm_current_ratio_bp: int = 20_000  # 2.00
    max_multiplier_bp: int = 20_000  # at most twice the standard limit
    judgement_amount: int | None = None
    judgement_reasons: str = ""


# Labels of the figures (LimitInputs fields and the investigation's figures), for forms.
FIGURE_LABELS: dict[str, str] = {
    "statement_date": N_("Statement date"),
    "expected_annual_sales": N_("Expected annual sales"),
    "cost_rate_bp": N_("Cost rate"),
    "supply_share_bp": N_("Our share of supply"),
    "credit_days": N_("Credit period (days)"),
    "current_assets": N_("Current assets"),
    "current_liabilities": N_("Current liabilities"),
    "total_assets": N_("Total assets"),
    "total_liabilities": N_("Total liabilities"),
    "annual_revenue": N_("Annual revenue"),
    "net_profit": N_("Net profit"),
    "supplier_count": N_("Number of suppliers"),
    "standard_limit": N_("Standard credit limit"),
    "norm_current_ratio_bp": N_("Current ratio norm"),
    "max_multiplier_bp": N_("Largest multiplier"),
    "judgement_amount": N_("Judged amount"),
    "judgement_reasons": N_("Reasons"),
}


@dataclass(frozen=True)
class LimitResult:
    method: LimitMethod
    amount: int | None  # None: not computable, see `missing` or `error`
    missing: tuple[str, ...] = ()  # LimitInputs field names
    error: str = ""


def all_methods(x: LimitInputs) -> list[LimitResult]:
    """Every method on the same figures, in the order of 第16条."""
    specs: list[tuple[LimitMethod, tuple[str, ...], object]] = [
        (LimitMethod.SALES, ("expected_annual_sales", "cost_rate_bp", "supply_share_bp", "credit_days"),
         lambda: sales_method(x.expected_annual_sales, Decimal(x.cost_rate_bp) / BP,  # type: ignore[arg-type]
                              Decimal(x.supply_share_bp) / BP, x.credit_days)),  # type: ignore[arg-type]
        (LimitMethod.WORKING_CAPITAL, ("current_assets", "current_liabilities", "supplier_count"),
         lambda: working_capital_split(x.current_assets, x.current_liabilities, x.supplier_count)),  # type: ignore[arg-type]
        (LimitMethod.CURRENT_RATIO, ("current_assets", "current_liabilities", "standard_limit"),
         lambda: current_ratio_method(x.current_assets, x.current_liabilities, x.standard_limit,  # type: ignore[arg-type]
                                      Decimal(x.norm_current_ratio_bp) / BP,
                                      Decimal(x.max_multiplier_bp) / BP)),
        (LimitMethod.NET_ASSETS, ("total_assets", "total_liabilities", "supplier_count"),
         lambda: net_asset_split(x.total_assets, x.total_liabilities, x.supplier_count)),  # type: ignore[arg-type]
        (LimitMethod.JUDGEMENT, ("judgement_amount",),
         lambda: judgement(x.judgement_amount, x.judgement_reasons)),  # type: ignore[arg-type]
    ]
    results = []
    for method, needs, compute in specs:
        missing = tuple(n for n in needs if getattr(x, n) is None)
        if missing:
            results.append(LimitResult(method, None, missing))
            continue
        try:
            results.append(LimitResult(method, compute()))  # type: ignore[operator]
        except ValidationError as exc:
            results.append(LimitResult(method, None, (), str(exc)))
    return results
