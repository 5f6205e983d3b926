"""Credit rating and credit terms [客户信用等级评定, 授信政策] (seed 001, 第9–18条).

Pure rules: the scorecard over five dimensions, the grade from the score bands in
settings, the terms each grade allows, the seven downgrade triggers [降级条件] and
the annual re-rating date. The limit calculator lives in limits.py, the
investigation checklist in checklist.py.

Labels are msgids (translate where shown); `zh` keeps the policy's own term for
the printed forms until the catalogue carries it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from sales_desk.domain.common.calendar import add_months
from sales_desk.domain.common.errors import ValidationError
from sales_desk.domain.common.money import round_minor
from sales_desk.i18n import N_, _

# -- grades ------------------------------------------------------------------------------


class Grade(StrEnum):
    A = "A"
    B = "B"
    C = "C"
    D = "D"

    @property
    def label(self) -> str:
        return _(GRADE_LABELS[self])


GRADE_LABELS: dict[Grade, str] = {
    Grade.A: N_("A — payment term not capped"),
    Grade.B: N_("B — base limit, raised step by step"),
    Grade.C: N_("C — small limit after careful review"),
    Grade.D: N_("D — no credit: prepayment or cash on delivery"),
}
GRADE_ZH: dict[Grade, str] = {
    Grade.A: "A级：回款期限不受限制",
    Grade.B: "B级：先定限度基数，逐步放宽",
    Grade.C: "C级：仔细审核，给予少量信用限度",
    Grade.D: "D级：不予赊销，预付款或货到付款",
}


@dataclass(frozen=True)
class GradeBands:
    """Lowest score of grades A, B and C (第11条); below C is D. Settings credit.grade_*_min."""

    a_min: int = 85
    b_min: int = 70
    c_min: int = 55

    @classmethod
    def from_settings(cls, values: Mapping[str, object]) -> GradeBands:
        return cls(
            int(values["credit.grade_a_min"]),  # type: ignore[call-overload]
            int(values["credit.grade_b_min"]),  # type: ignore[call-overload]
            int(values["credit.grade_c_min"]),  # type: ignore[call-overload]
        )


def grade_for(score: Decimal | int, bands: GradeBands = GradeBands()) -> Grade:
    """A ≥ 85, B 70–84.99, C 55–69.99, D < 55 with the default bands, from the exact
    weighted total (SPEC §9: 84.99 is B when A starts at 85; never rounded first)."""
    if not 0 <= score <= 100:
        raise ValidationError(_("Score"), _("must lie between 0 and 100"))
    if score >= bands.a_min:
        return Grade.A
    if score >= bands.b_min:
        return Grade.B
    if score >= bands.c_min:
        return Grade.C
    return Grade.D


# -- scorecard [客户等级评分表] (第10条) -----------------------------------------------------


@dataclass(frozen=True)
class Dimension:
    key: str
    label: str  # msgid
    zh: str


@dataclass(frozen=True)
class Indicator:
    key: str
    dimension: str
    label: str  # msgid
    zh: str
    weight: int  # default points out of 100; the firm may change them (scorecard weights)


DIMENSIONS: tuple[Dimension, ...] = (
    Dimension("basic", N_("Basic condition"), "基本情况"),
    Dimension("capital", N_("Capital"), "资本状况"),
    Dimension("credit", N_("Credit record"), "信用记录"),
    Dimension("solvency", N_("Solvency"), "偿债能力"),
    Dimension("profitability", N_("Profitability"), "盈利能力"),
)
DIMENSION_BY_KEY = {d.key: d for d in DIMENSIONS}

# Our defaults (the seed's table is blank): weights sum to 100.
INDICATORS: tuple[Indicator, ...] = (
    Indicator("years_in_business", "basic", N_("Years in business"), "经营年限", 5),
    Indicator("company_size", "basic", N_("Company size and outlets"), "企业规模", 5),
    Indicator("management", "basic", N_("Management quality"), "管理层素质", 5),
    Indicator("registered_capital", "capital", N_("Registered capital"), "注册资本", 10),
    Indicator("net_assets", "capital", N_("Net assets"), "净资产", 10),
    Indicator("payment_record", "credit", N_("On-time payment record with us"), "按期回款记录", 15),
    Indicator("bank_rating", "credit", N_("Bank credit rating"), "银行信用等级", 5),
    Indicator("bad_records", "credit", N_("Free of bad credit records"), "不良信用记录", 5),
    Indicator("current_ratio", "solvency", N_("Current ratio"), "流动比率", 8),
    Indicator("quick_ratio", "solvency", N_("Quick ratio"), "速动比率", 6),
    Indicator("debt_ratio", "solvency", N_("Debt-to-assets ratio"), "资产负债率", 6),
    Indicator("profit_margin", "profitability", N_("Net profit margin"), "销售利润率", 8),
    Indicator("return_on_equity", "profitability", N_("Return on equity"), "净资产收益率", 6),
    Indicator("sales_growth", "profitability", N_("Sales growth"), "销售增长率", 6),
)
INDICATOR_BY_KEY = {i.key: i for i in INDICATORS}
DEFAULT_WEIGHTS: dict[str, int] = {i.key: i.weight for i in INDICATORS}
MAX_RATING = 100


def validate_weights(weights: Mapping[str, int]) -> dict[str, int]:
    """Every indicator weighted, none negative, together exactly 100 points."""
    unknown = set(weights) - set(INDICATOR_BY_KEY)
    if unknown:
        raise ValidationError(_("Scorecard"), _("unknown indicator {key}").format(key=sorted(unknown)[0]))
    merged = {**DEFAULT_WEIGHTS, **weights}
    for key, w in merged.items():
        if isinstance(w, bool) or not isinstance(w, int) or w < 0:
            raise ValidationError(_(INDICATOR_BY_KEY[key].label), _("a weight is a whole number ≥ 0"))
    total = sum(merged.values())
    if total != 100:
        raise ValidationError(_("Scorecard"), _("weights add up to {total}, not 100").format(total=total))
    return merged


@dataclass(frozen=True)
class ScoreLine:
    """One indicator as rated: a rating of 0–100 % of its weight."""

    indicator: str
    weight: int
    rating: int

    @property
    def points(self) -> Decimal:
        return Decimal(self.weight * self.rating) / MAX_RATING

    @property
    def dimension(self) -> str:
        return INDICATOR_BY_KEY[self.indicator].dimension


def score_lines(ratings: Mapping[str, int], weights: Mapping[str, int]) -> list[ScoreLine]:
    """Pair each indicator's rating with its weight; every indicator must be rated."""
    missing = [i.key for i in INDICATORS if i.key not in ratings]
    if missing:
        raise ValidationError(_(INDICATOR_BY_KEY[missing[0]].label), _("not rated"))
    lines = []
    for ind in INDICATORS:
        r = ratings[ind.key]
        if isinstance(r, bool) or not isinstance(r, int) or not 0 <= r <= MAX_RATING:
            raise ValidationError(_(ind.label), _("a rating is a whole number from 0 to 100"))
        lines.append(ScoreLine(ind.key, weights[ind.key], r))
    return lines


SCORE_PLACES = Decimal("0.01")  # whole weights × whole percentages ÷ 100: two places, exact


def total_score(lines: Iterable[ScoreLine]) -> Decimal:
    """Sum of weighted points, exact (two decimal places): graded as it is, never rounded."""
    total = sum((line.points for line in lines), Decimal(0))
    exact = total.quantize(SCORE_PLACES)
    assert exact == total, "weights and ratings are whole numbers"
    return exact


def score_text(score: Decimal | int | None) -> str:
    """A total as shown and printed: always two places (84.99, 85.00)."""
    return "" if score is None else str(Decimal(score).quantize(SCORE_PLACES))


def dimension_points(lines: Iterable[ScoreLine]) -> dict[str, Decimal]:
    out = {d.key: Decimal(0) for d in DIMENSIONS}
    for line in lines:
        out[line.dimension] += line.points
    return out


# -- re-rating [客户信用评级频率] (第13条) --------------------------------------------------


def rerating_due(rated_on: date, months: int = 12) -> date:
    """Rated once a year (setting credit.rerating_months): due on the same day next year."""
    return add_months(rated_on, months)


def is_rerating_due(due_on: date | None, today: date) -> bool:
    return due_on is not None and today >= due_on


# -- downgrade triggers [降级条件] (第14条) -------------------------------------------------


class DowngradeTrigger(StrEnum):
    FALSE_STATEMENTS = "false_statements"
    OPERATING_DIFFICULTY = "operating_difficulty"
    LEGAL_CASE = "legal_case"
    OUTLETS_OR_MANAGEMENT = "outlets_or_management"
    MAJOR_BREACH = "major_breach"
    AFFILIATE_DISTRESS = "affiliate_distress"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _(TRIGGER_LABELS[self])


TRIGGER_LABELS: dict[DowngradeTrigger, str] = {
    DowngradeTrigger.FALSE_STATEMENTS: N_("False or contradictory statements or documents"),
    DowngradeTrigger.OPERATING_DIFFICULTY: N_("Serious operating difficulty or clearly worse financials"),
    DowngradeTrigger.LEGAL_CASE: N_("Legal case against the legal representative or key managers"),
    DowngradeTrigger.OUTLETS_OR_MANAGEMENT: N_("Main outlets closed or key management changed"),
    DowngradeTrigger.MAJOR_BREACH: N_("Major breach of contract against us"),
    DowngradeTrigger.AFFILIATE_DISTRESS: N_("Serious distress of an affiliated company"),
    DowngradeTrigger.OTHER: N_("Other reason to lower the grade"),
}
TRIGGER_ZH: dict[DowngradeTrigger, str] = {
    DowngradeTrigger.FALSE_STATEMENTS: "财务报表和有关资料明显失实或相互矛盾",
    DowngradeTrigger.OPERATING_DIFFICULTY: "出现重大经营困难或财务指标明显恶化",
    DowngradeTrigger.LEGAL_CASE: "法定代表人及主要管理人员涉嫌重大违法经营案件",
    DowngradeTrigger.OUTLETS_OR_MANAGEMENT: "主要店面关闭或核心管理人员发生重大变更",
    DowngradeTrigger.MAJOR_BREACH: "对本公司发生重大违约行为",
    DowngradeTrigger.AFFILIATE_DISTRESS: "关联公司发生重大经营或财务困难",
    DowngradeTrigger.OTHER: "其他需要降低信用等级的情形",
}


# -- credit terms by grade [授信政策] (第15条) ----------------------------------------------


class PaymentMode(StrEnum):
    CREDIT = "credit"  # 赊销: pay within the term, up to the limit
    PREPAYMENT = "prepayment"  # 预付款
    CASH_ON_DELIVERY = "cod"  # 货到付款

    @property
    def label(self) -> str:
        return _(PAYMENT_MODE_LABELS[self])


PAYMENT_MODE_LABELS: dict[PaymentMode, str] = {
    PaymentMode.CREDIT: N_("On credit"),
    PaymentMode.PREPAYMENT: N_("Prepayment"),
    PaymentMode.CASH_ON_DELIVERY: N_("Cash on delivery"),
}
PAYMENT_MODE_ZH = {PaymentMode.CREDIT: "赊销", PaymentMode.PREPAYMENT: "预付款",
                   PaymentMode.CASH_ON_DELIVERY: "货到付款"}


@dataclass(frozen=True)
class TermsPolicy:
    """The numbers the seed leaves open (ours, settings credit.*)."""

    standard_limit: int = 10_000_000  # minor units: the B base [限度基数] and the standard limit
    b_step_percent: int = 50  # a B limit rises at most this much above the current one per step
    c_max_limit: int = 3_000_000  # C: a small limit
    b_max_term_days: int = 60
    c_max_term_days: int = 30

    @classmethod
    def from_settings(cls, values: Mapping[str, object]) -> TermsPolicy:
        return cls(*(int(values[f"credit.{k}"]) for k in (  # type: ignore[call-overload]
            "standard_limit", "b_step_percent", "c_max_limit", "b_max_term_days", "c_max_term_days")))


@dataclass(frozen=True)
class Terms:
    limit: int  # minor units
    term_days: int | None  # None: not capped (grade A only)
    mode: PaymentMode = PaymentMode.CREDIT


NO_CREDIT = Terms(0, 0, PaymentMode.PREPAYMENT)


def max_limit(grade: Grade, current_limit: int, policy: TermsPolicy) -> int | None:
    """The highest limit a grade allows now; None: no cap (A)."""
    if grade is Grade.A:
        return None
    if grade is Grade.B:
        if current_limit <= 0:
            return policy.standard_limit
        stepped = round_minor(Decimal(current_limit) * (100 + policy.b_step_percent) / 100)
        return max(policy.standard_limit, stepped)
    if grade is Grade.C:
        return policy.c_max_limit
    return 0


def max_term_days(grade: Grade, policy: TermsPolicy) -> int | None:
    return {Grade.A: None, Grade.B: policy.b_max_term_days,
            Grade.C: policy.c_max_term_days, Grade.D: 0}[grade]


def check_terms(grade: Grade, new: Terms, current_limit: int, policy: TermsPolicy,
                reasons: str = "") -> None:
    """Refuse terms outside the grade's policy (ValidationError naming the field)."""
    limit_f, term_f = _("Credit limit"), _("Payment term")
    if new.limit < 0:
        raise ValidationError(limit_f, _("must not be negative"))
    if new.term_days is not None and new.term_days < 0:
        raise ValidationError(term_f, _("must not be negative"))
    if grade is Grade.D and new.mode is PaymentMode.CREDIT:
        raise ValidationError(limit_f, _("grade D gets no credit: prepayment or cash on delivery"))
    if new.mode is not PaymentMode.CREDIT:
        if new.limit != 0 or new.term_days not in (0, None):
            raise ValidationError(limit_f, _("prepayment and cash on delivery carry no limit or term"))
        return
    if new.limit == 0:
        raise ValidationError(limit_f, _("credit needs a limit above 0"))
    cap = max_limit(grade, current_limit, policy)
    if cap is not None and new.limit > cap:
        raise ValidationError(limit_f, _("grade {grade} allows at most {cap} now").format(
            grade=grade.value, cap=_money(cap)))
    term_cap = max_term_days(grade, policy)
    if new.term_days is None and term_cap is not None:
        raise ValidationError(term_f, _("only grade A may have an uncapped term"))
    if new.term_days is not None and new.term_days < 1:
        raise ValidationError(term_f, _("credit needs a term of at least 1 day"))
    if term_cap is not None and new.term_days is not None and new.term_days > term_cap:
        raise ValidationError(term_f, _("grade {grade} allows at most {days} days").format(
            grade=grade.value, days=term_cap))
    if grade is Grade.C and not reasons.strip():
        raise ValidationError(_("Reasons"), _("grade C credit needs written reasons (careful review)"))


def terms_after_rating(grade: Grade, current: Terms, policy: TermsPolicy) -> Terms:
    """Bring existing terms inside a new grade's policy: D loses credit, C is capped."""
    if grade is Grade.D:
        if current.mode is PaymentMode.CASH_ON_DELIVERY:
            return Terms(0, 0, PaymentMode.CASH_ON_DELIVERY)
        return NO_CREDIT
    if current.mode is not PaymentMode.CREDIT:
        return current
    limit = current.limit
    if grade is Grade.C:
        limit = min(limit, policy.c_max_limit)
    cap = max_term_days(grade, policy)
    term = current.term_days
    if cap is not None:
        term = cap if term is None else min(term, cap)
    return Terms(limit, term, PaymentMode.CREDIT)


def _money(minor: int) -> str:
    from sales_desk.domain.common.money import format_money

    return format_money(minor)

