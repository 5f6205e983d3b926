"""Credit rules of SPEC §3 (seed 001, 第5–18条), with the worked examples written out."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from sales_desk.domain.admin.settings import DEFAULTS
from sales_desk.domain.common.errors import ValidationError
from sales_desk.domain.common.money import to_minor
from sales_desk.domain.credit.checklist import (
    ITEMS,
    SECTIONS,
    InvestigationStatus,
    ItemState,
    check_submittable,
    investigation_due,
    is_investigation_late,
)
from sales_desk.domain.credit.downgrade import (
    downgrade_choices,
    downgraded_grade,
    restores_above,
    terms_after_downgrade,
)
from sales_desk.domain.credit.limits import (
    IMPORT_METHOD,
    POLICY_METHOD,
    LimitInputs,
    LimitMethod,
    all_methods,
    current_ratio_method,
    judgement,
    net_asset_split,
    recorded_method_label,
    sales_method,
    working_capital_split,
)
from sales_desk.domain.credit.rating import (
    DEFAULT_WEIGHTS,
    DIMENSIONS,
    INDICATORS,
    NO_CREDIT,
    DowngradeTrigger,
    Grade,
    GradeBands,
    PaymentMode,
    Terms,
    TermsPolicy,
    check_terms,
    dimension_points,
    grade_for,
    is_rerating_due,
    max_limit,
    rerating_due,
    score_lines,
    score_text,
    terms_after_rating,
    total_score,
    validate_weights,
)

# -- grade bands: A ≥ 85, B 70–84.99, C 55–69.99, D < 55, from the exact total -------------


@pytest.mark.parametrize(
    ("score", "grade"),
    [("100", Grade.A), ("85.00", Grade.A), ("84.99", Grade.B), ("70.00", Grade.B), ("69.99", Grade.C),
     ("55.00", Grade.C), ("54.99", Grade.D), ("0", Grade.D)],
)
def test_grade_from_the_exact_score_at_each_band_edge(score: str, grade: Grade) -> None:
    assert grade_for(Decimal(score), GradeBands.from_settings(DEFAULTS)) is grade


def test_84_99_is_grade_b_not_rounded_up_to_a() -> None:
    # sales growth weighted 1 (years in business 10): all at 85 % but sales growth at 84 %
    # gives 99 × 0.85 + 1 × 0.84 = 84.99, which the old rounding made 85 and grade A.
    weights = {**DEFAULT_WEIGHTS, "sales_growth": 1, "years_in_business": 10}
    ratings = {i.key: 85 for i in INDICATORS} | {"sales_growth": 84}
    total = total_score(score_lines(ratings, weights))
    assert total == Decimal("84.99")
    assert grade_for(total) is Grade.B
    assert score_text(total) == "84.99"
    full = total_score(score_lines({i.key: 85 for i in INDICATORS}, DEFAULT_WEIGHTS))
    assert (full, grade_for(full), score_text(full)) == (Decimal("85.00"), Grade.A, "85.00")


def test_grade_bands_follow_the_settings() -> None:
    bands = GradeBands.from_settings(
        {**DEFAULTS, "credit.grade_a_min": 90, "credit.grade_b_min": 75, "credit.grade_c_min": 60})
    assert grade_for(89, bands) is Grade.B
    assert grade_for(74, bands) is Grade.C
    assert grade_for(59, bands) is Grade.D


def test_score_outside_0_to_100_is_refused() -> None:
    with pytest.raises(ValidationError):
        grade_for(101)
    with pytest.raises(ValidationError):
        grade_for(-1)


# -- scorecard: five dimensions, weighted indicators, total 0–100 ------------------------


def test_scorecard_has_the_five_dimensions_of_the_policy() -> None:
    assert [d.zh for d in DIMENSIONS] == ["基本情况", "资本状况", "信用记录", "偿债能力", "盈利能力"]
    for d in DIMENSIONS:
        assert any(i.dimension == d.key for i in INDICATORS), d.key


def test_default_weights_add_up_to_100() -> None:
    assert sum(DEFAULT_WEIGHTS.values()) == 100
    assert validate_weights({}) == DEFAULT_WEIGHTS


def test_full_marks_score_100_and_none_score_0() -> None:
    assert total_score(score_lines({i.key: 100 for i in INDICATORS}, DEFAULT_WEIGHTS)) == 100
    assert total_score(score_lines({i.key: 0 for i in INDICATORS}, DEFAULT_WEIGHTS)) == 0


def test_total_is_weighted_and_kept_exact_not_rounded() -> None:
    # Every indicator at 80 % except years in business (weight 5) at 90 %:
    # 95 × 0.80 + 5 × 0.90 = 76 + 4.5 = 80.50, kept as it is.
    ratings = {i.key: 80 for i in INDICATORS} | {"years_in_business": 90}
    lines = score_lines(ratings, DEFAULT_WEIGHTS)
    assert total_score(lines) == Decimal("80.50")
    assert score_text(total_score(lines)) == "80.50"


def test_dimension_subtotals_add_up_to_the_total() -> None:
    lines = score_lines({i.key: 50 for i in INDICATORS}, DEFAULT_WEIGHTS)
    points = dimension_points(lines)
    assert points["credit"] == Decimal("12.5")  # weights 15 + 5 + 5 at 50 %
    assert sum(points.values()) == Decimal(50)


def test_edited_weights_must_add_up_to_100() -> None:
    with pytest.raises(ValidationError):
        validate_weights({"payment_record": 20})  # 105 in all
    moved = validate_weights({"payment_record": 20, "sales_growth": 1})
    assert sum(moved.values()) == 100


def test_negative_weight_and_unknown_indicator_are_refused() -> None:
    with pytest.raises(ValidationError):
        validate_weights({"payment_record": -5, "sales_growth": 26})
    with pytest.raises(ValidationError):
        validate_weights({"charisma": 0})


def test_every_indicator_must_be_rated_from_0_to_100() -> None:
    ratings = {i.key: 50 for i in INDICATORS}
    with pytest.raises(ValidationError):
        score_lines({k: v for k, v in ratings.items() if k != "net_assets"}, DEFAULT_WEIGHTS)
    with pytest.raises(ValidationError):
        score_lines(ratings | {"net_assets": 101}, DEFAULT_WEIGHTS)


# -- the five credit-limit methods (第16条), worked examples -------------------------------


def test_sales_method_worked_example() -> None:
    # Expected sales 10,000,000.00 × cost rate 75 % = purchases 7,500,000.00;
    # × our share 40 % = 3,000,000.00; × 60 days ÷ 365 = 493,150.684… → 493,150.68.
    amount = sales_method(to_minor("10000000"), Decimal("0.75"), Decimal("0.40"), 60)
    assert amount == to_minor("493150.68")


def test_sales_method_rounds_half_up_once() -> None:
    # 365 fen × 50 % × 100 % × 1 day ÷ 365 = 0.5 fen → 1 fen
    assert sales_method(365, Decimal("0.5"), Decimal(1), 1) == 1


def test_working_capital_split_worked_example() -> None:
    # (5,000,000.00 − 3,000,000.00) ÷ 4 suppliers = 500,000.00
    assert working_capital_split(to_minor("5000000"), to_minor("3000000"), 4) == to_minor("500000")


def test_working_capital_split_of_negative_working_capital_gives_no_credit() -> None:
    assert working_capital_split(to_minor("1000000"), to_minor("3000000"), 4) == 0


def test_current_ratio_method_raises_the_standard_limit_when_the_ratio_beats_the_norm() -> None:
    # current ratio 6,000,000 ÷ 2,000,000 = 3.0 beats the norm 2.0 → × 1.5:
    # standard 100,000.00 → 150,000.00
    assert current_ratio_method(to_minor("6000000"), to_minor("2000000"), to_minor("100000")) == to_minor("150000")


def test_current_ratio_method_multiplier_is_capped() -> None:
    # ratio 5.0 ÷ 2.0 = 2.5, capped at 2 → 200,000.00
    assert current_ratio_method(to_minor("10000000"), to_minor("2000000"), to_minor("100000")) == to_minor("200000")


@pytest.mark.parametrize("current_assets", ["4000000", "3000000"])
def test_current_ratio_at_or_below_the_norm_keeps_the_standard_limit(current_assets: str) -> None:
    # ratio 2.0 (the norm) and 1.5: no raise
    assert current_ratio_method(to_minor(current_assets), to_minor("2000000"), to_minor("100000")) == to_minor("100000")


def test_net_asset_split_divides_by_the_number_of_suppliers() -> None:
    # (20,000,000.00 − 12,000,000.00) ÷ 5 suppliers = 1,600,000.00 (the seed's "×" means ÷)
    assert net_asset_split(to_minor("20000000"), to_minor("12000000"), 5) == to_minor("1600000")


def test_judgement_needs_written_reasons() -> None:
    assert judgement(to_minor("250000"), "三年回款及时，规模稳定") == to_minor("250000")
    with pytest.raises(ValidationError):
        judgement(to_minor("250000"), "  ")


def test_split_methods_need_at_least_one_supplier() -> None:
    with pytest.raises(ValidationError):
        working_capital_split(1, 0, 0)


def test_all_five_methods_side_by_side_say_what_is_missing() -> None:
    results = all_methods(LimitInputs(
        expected_annual_sales=to_minor("10000000"), cost_rate_bp=7500, supply_share_bp=4000,
        credit_days=60, current_assets=to_minor("6000000"), current_liabilities=to_minor("2000000"),
        supplier_count=4, standard_limit=to_minor("100000"),
    ))
    by = {r.method: r for r in results}
    assert [r.method for r in results] == list(LimitMethod)
    assert by[LimitMethod.SALES].amount == to_minor("493150.68")
    assert by[LimitMethod.WORKING_CAPITAL].amount == to_minor("1000000")
    assert by[LimitMethod.CURRENT_RATIO].amount == to_minor("150000")
    assert by[LimitMethod.NET_ASSETS].amount is None
    assert by[LimitMethod.NET_ASSETS].missing == ("total_assets", "total_liabilities")
    assert by[LimitMethod.JUDGEMENT].missing == ("judgement_amount",)


def test_a_method_with_impossible_figures_reports_an_error_instead_of_failing() -> None:
    results = all_methods(LimitInputs(current_assets=1, current_liabilities=0, standard_limit=1))
    ratio = next(r for r in results if r.method is LimitMethod.CURRENT_RATIO)
    assert ratio.amount is None and ratio.error


# -- credit terms by grade (第15条) ----------------------------------------------------------

POLICY = TermsPolicy.from_settings(DEFAULTS)


def test_policy_defaults_come_from_settings() -> None:
    assert POLICY == TermsPolicy(to_minor("100000"), 50, to_minor("30000"), 60, 30)


def test_grade_a_term_is_not_capped() -> None:
    check_terms(Grade.A, Terms(to_minor("5000000"), None), 0, POLICY)
    check_terms(Grade.A, Terms(to_minor("5000000"), 365), 0, POLICY)


def test_only_grade_a_may_have_an_uncapped_term() -> None:
    with pytest.raises(ValidationError):
        check_terms(Grade.B, Terms(to_minor("50000"), None), 0, POLICY)


def test_grade_b_starts_at_the_base_limit() -> None:
    check_terms(Grade.B, Terms(to_minor("100000"), 60), 0, POLICY)
    with pytest.raises(ValidationError):
        check_terms(Grade.B, Terms(to_minor("100000.01"), 60), 0, POLICY)


def test_grade_b_limit_is_raised_step_by_step() -> None:
    # from 100,000.00 at most 50 % more per step: 150,000.00, then 225,000.00
    assert max_limit(Grade.B, to_minor("100000"), POLICY) == to_minor("150000")
    assert max_limit(Grade.B, to_minor("150000"), POLICY) == to_minor("225000")
    with pytest.raises(ValidationError):
        check_terms(Grade.B, Terms(to_minor("225000"), 60), to_minor("100000"), POLICY)


def test_grade_b_term_is_capped() -> None:
    with pytest.raises(ValidationError):
        check_terms(Grade.B, Terms(to_minor("50000"), 61), 0, POLICY)


def test_grade_c_gets_a_small_limit_after_careful_review() -> None:
    check_terms(Grade.C, Terms(to_minor("30000"), 30), 0, POLICY, reasons="资料齐全，小额试用")
    with pytest.raises(ValidationError):
        check_terms(Grade.C, Terms(to_minor("30000.01"), 30), 0, POLICY, reasons="ok")
    with pytest.raises(ValidationError):
        check_terms(Grade.C, Terms(to_minor("10000"), 30), 0, POLICY, reasons="")
    with pytest.raises(ValidationError):
        check_terms(Grade.C, Terms(to_minor("10000"), 31), 0, POLICY, reasons="ok")


def test_grade_d_gets_no_credit_only_prepayment_or_cash_on_delivery() -> None:
    with pytest.raises(ValidationError):
        check_terms(Grade.D, Terms(1, 1, PaymentMode.CREDIT), 0, POLICY)
    check_terms(Grade.D, Terms(0, 0, PaymentMode.PREPAYMENT), 0, POLICY)
    check_terms(Grade.D, Terms(0, 0, PaymentMode.CASH_ON_DELIVERY), 0, POLICY)
    with pytest.raises(ValidationError):
        check_terms(Grade.D, Terms(100, 0, PaymentMode.PREPAYMENT), 0, POLICY)


def test_a_new_rating_brings_existing_terms_inside_the_grade_policy() -> None:
    current = Terms(to_minor("80000"), 60)
    assert terms_after_rating(Grade.D, current, POLICY) == NO_CREDIT
    assert terms_after_rating(Grade.C, current, POLICY) == Terms(to_minor("30000"), 30)
    assert terms_after_rating(Grade.B, Terms(to_minor("80000"), None), POLICY) == Terms(to_minor("80000"), 60)
    assert terms_after_rating(Grade.A, current, POLICY) == current


# -- downgrade triggers, re-rating ---------------------------------------------------------


def test_there_are_seven_downgrade_triggers() -> None:
    assert len(DowngradeTrigger) == 7
    assert DowngradeTrigger.OTHER in DowngradeTrigger


def test_annual_rerating_is_due_a_year_after_the_rating() -> None:
    assert rerating_due(date(2026, 3, 15)) == date(2027, 3, 15)
    assert rerating_due(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert rerating_due(date(2026, 3, 15), 6) == date(2026, 9, 15)


def test_rerating_is_due_on_the_due_date_not_the_day_before() -> None:
    due = date(2027, 3, 15)
    assert not is_rerating_due(due, date(2027, 3, 14))
    assert is_rerating_due(due, date(2027, 3, 15))
    assert not is_rerating_due(None, date(2027, 3, 15))


# -- the investigation checklist (第5条) --------------------------------------------------


def test_checklist_has_the_five_sections_of_the_policy_each_with_items() -> None:
    assert [s.zh for s in SECTIONS] == ["客户基本信息", "银行结算信息", "财务信息", "业务信息", "其他信息"]
    for s in SECTIONS:
        assert any(i.section == s.key for i in ITEMS), s.key
    assert "营业执照复印件" in {i.zh for i in ITEMS}


def test_investigation_cannot_be_submitted_without_a_report() -> None:
    with pytest.raises(ValidationError):
        check_submittable(" ", [])


def test_every_received_document_must_be_stamped_by_the_customer() -> None:
    with pytest.raises(ValidationError):
        check_submittable("report", [ItemState("business_licence", True, False)])
    check_submittable("report", [ItemState("business_licence", True, True),
                                 ItemState("audit_reports", False, False)])


def test_every_recorded_limit_method_has_a_translatable_label() -> None:
    shown = lambda msgid: f"<{msgid}>"  # noqa: E731 - stands in for a catalogue
    assert recorded_method_label(IMPORT_METHOD, shown) == "<Carried over by import>"
    assert recorded_method_label(POLICY_METHOD, shown) == "<Grade policy>"
    assert recorded_method_label(LimitMethod.SALES.value, shown) == "<Sales method>"
    assert recorded_method_label("something_else", shown) == "something_else"


# -- downgrade [降级处理] (第14条) and the investigation's deadline (第7条1) ------------------


@pytest.mark.parametrize(("current", "lowered"), [
    (Grade.A, Grade.B), (Grade.B, Grade.C), (Grade.C, Grade.D), (Grade.D, Grade.D), (None, Grade.D)])
def test_a_trigger_lowers_the_grade_by_one_step_by_default(current: Grade | None, lowered: Grade) -> None:
    assert downgraded_grade(current) is lowered


def test_a_trigger_may_lower_the_grade_further_but_never_keep_or_raise_it() -> None:
    assert downgraded_grade(Grade.A, Grade.D) is Grade.D
    assert downgrade_choices(Grade.B) == (Grade.C, Grade.D)
    for same_or_better in (Grade.A, Grade.B):
        with pytest.raises(ValidationError, match="第14条"):
            downgraded_grade(Grade.B, same_or_better)


def test_a_re_rating_above_the_downgraded_grade_restores_it() -> None:
    assert restores_above(Grade.B, Grade.C)
    assert not restores_above(Grade.C, Grade.C)
    assert not restores_above(Grade.D, Grade.C)


def test_a_downgrade_gives_the_new_grade_its_terms_at_once() -> None:
    policy = TermsPolicy.from_settings(DEFAULTS)
    a_terms = Terms(to_minor("500000"), None)
    b = terms_after_downgrade(Grade.B, a_terms, policy)
    assert (b.limit, b.term_days) == (policy.standard_limit, policy.b_max_term_days)  # the base [限度基数]
    c = terms_after_downgrade(Grade.C, a_terms, policy)
    assert (c.limit, c.term_days) == (policy.c_max_limit, policy.c_max_term_days)
    assert terms_after_downgrade(Grade.D, a_terms, policy) == NO_CREDIT
    small = Terms(to_minor("20000"), 15)
    assert terms_after_downgrade(Grade.B, small, policy) == small  # a lower limit already set stays


def test_an_investigation_is_due_the_set_number_of_days_after_opening() -> None:
    assert investigation_due(date(2026, 3, 1), DEFAULTS["credit.investigation_days"]) == date(2026, 3, 11)


def test_an_investigation_not_submitted_by_its_due_date_is_late_from_the_next_day() -> None:
    due = date(2026, 3, 11)
    assert not is_investigation_late(InvestigationStatus.OPEN, due, None, date(2026, 3, 11))
    assert is_investigation_late(InvestigationStatus.OPEN, due, None, date(2026, 3, 12))


def test_an_investigation_submitted_by_its_due_date_is_not_late() -> None:
    due, later = date(2026, 3, 11), date(2026, 4, 1)
    for status in (InvestigationStatus.SUBMITTED, InvestigationStatus.REVIEWED):
        assert not is_investigation_late(status, due, date(2026, 3, 20), later)
    assert not is_investigation_late(InvestigationStatus.RETURNED, due, date(2026, 3, 11), later)
    assert is_investigation_late(InvestigationStatus.RETURNED, due, date(2026, 3, 12), later)
