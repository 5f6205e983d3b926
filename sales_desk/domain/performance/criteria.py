"""The evaluation's criteria and their weights [工作表现及评估] (seed 003 1.2.7). Pure.

A criterion is a small record in a registry: its key, its label and how a rep's raw
figures turn into a score of 0–100. The figures themselves are read by a service per
criterion (services/performance/figures.py registers a reader under the same key), so
another criterion is added with one `register` call here and one reader there.

The sales manager proposes the weights, the general manager approves them; they must
sum to exactly 100 %.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from sales_desk.domain.common.errors import ValidationError
from sales_desk.i18n import N_, _

HUNDRED = Decimal(100)
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Figures:
    """A rep's raw figures for one criterion: the value, and what it is measured against
    (a target, a budget, the team's best) when it has one."""

    value: int
    against: int | None = None


@dataclass(frozen=True)
class Criterion:
    key: str
    label: str  # msgid
    score: Callable[[Figures], Decimal]  # 0–100
    default_weight: int = 0
    money: bool = True  # the value is money (minor units), else a count

    @property
    def title(self) -> str:
        return _(self.label)


def clamp(value: Decimal) -> Decimal:
    return min(HUNDRED, max(Decimal(0), value)).quantize(CENT, rounding=ROUND_HALF_UP)


def percent_of(f: Figures) -> Decimal:
    """value ÷ against as a percentage, capped at 0–100; no measure, no score."""
    if not f.against or f.against <= 0:
        return Decimal(0)
    return clamp(Decimal(f.value) * HUNDRED / Decimal(f.against))


def inverse_share(f: Figures) -> Decimal:
    """100 less the share value ÷ against (overdue of what is open): nothing open scores 100."""
    if not f.against or f.against <= 0:
        return HUNDRED.quantize(CENT)
    return clamp(HUNDRED - Decimal(max(f.value, 0)) * HUNDRED / Decimal(f.against))


COMPLAINT_PENALTY = 20  # points off per complaint in the period


def complaints_score(f: Figures) -> Decimal:
    return clamp(HUNDRED - COMPLAINT_PENALTY * f.value)


def expense_score(f: Figures) -> Decimal:
    """Within budget scores 100; each percent over it costs two points."""
    if f.against is None or f.against <= 0:
        return HUNDRED.quantize(CENT) if f.value <= 0 else Decimal(0).quantize(CENT)
    over = Decimal(max(0, f.value - f.against)) * HUNDRED / Decimal(f.against)
    return clamp(HUNDRED - 2 * over)


REGISTRY: dict[str, Criterion] = {}


def register(criterion: Criterion) -> Criterion:
    REGISTRY[criterion.key] = criterion
    return criterion


SALES = register(Criterion("sales", N_("Sales against target"), percent_of, 30))
GROSS_PROFIT = register(Criterion("gross_profit", N_("Gross profit contribution"), percent_of, 20))
COLLECTION = register(Criterion("collection", N_("Collection rate"), percent_of, 20))
OVERDUE = register(Criterion("overdue", N_("Overdue share"), inverse_share, 10))
COMPLAINTS = register(Criterion("complaints", N_("Complaints"), complaints_score, 10, money=False))
EXPENSES = register(Criterion("expenses", N_("Expense control against budget"), expense_score, 10))
# 对客户的拜访次数 (seed 003 1.2.7): visits and other activities done, against the team's best in
# the period (the best scores 100). No weight by default: the manager gives it one in a new
# weighting, which the general manager approves.
ACTIVITIES = register(Criterion("activities", N_("Visits and activities done"), percent_of, 0, money=False))


def default_weights() -> dict[str, int]:
    return {k: c.default_weight for k, c in REGISTRY.items()}


def check_weights(weights: Mapping[str, int]) -> dict[str, int]:
    """Evaluation weights summing to 100 %: whole percents, none negative, every key known."""
    unknown = sorted(set(weights) - set(REGISTRY))
    if unknown:
        raise ValidationError(_("Weights"), _("unknown criterion {key}").format(key=", ".join(unknown)))
    if any(int(w) != w or w < 0 for w in weights.values()):
        raise ValidationError(_("Weights"), _("each weight is a whole percent, not negative"))
    total = sum(int(w) for w in weights.values())
    if total != 100:
        raise ValidationError(_("Weights"), _("the weights must sum to 100 % (they sum to {total} %)").format(
            total=total))
    return {k: int(weights.get(k, 0)) for k in REGISTRY}


def weighted_total(weights: Mapping[str, int], scores: Mapping[str, Decimal]) -> Decimal:
    """Σ weight × score ÷ 100, half-up to 0.01: a criterion without a weight counts nothing."""
    total = sum((Decimal(w) * scores.get(k, Decimal(0)) for k, w in weights.items()), Decimal(0))
    return (total / HUNDRED).quantize(CENT, rounding=ROUND_HALF_UP)
