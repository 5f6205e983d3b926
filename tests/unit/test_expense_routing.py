"""Expense routing (seed 001, 销售费用管控制度 第8、9、13条), each route at its edges."""

from __future__ import annotations

from datetime import date

import pytest

from sales_desk.domain.common.errors import ValidationError
from sales_desk.domain.common.money import to_minor
from sales_desk.domain.common.roles import Role
from sales_desk.domain.expenses.claims import (
    Category,
    StepKind,
    TravelStatus,
    default_items_text,
    item_label,
    items_display_text,
    items_from_settings,
    items_stored_text,
    parse_items,
)
from sales_desk.domain.expenses.routing import (
    BeyondPlan,
    Level,
    RouteInput,
    TravelFacts,
    TravelNotApproved,
    check_travel_claim,
    check_travel_dates,
    claimant_level,
    ensure_finance_may_sign,
    route,
    travel_approver,
)

REVIEW, APPROVE, GM, FINANCE = StepKind.REVIEW, StepKind.APPROVE, StepKind.GM, StepKind.FINANCE
REP = frozenset({Role.SALES_REP})
SUPERVISOR = frozenset({Role.SALES_SUPERVISOR})
MANAGER = frozenset({Role.SALES_MANAGER})
THRESHOLD = to_minor("5000")


def steps(amount: str, roles=REP, allowance: str = "1000", budget: str = "20000", travel: bool = False,
          threshold: int = THRESHOLD) -> tuple[StepKind, ...]:
    return route(RouteInput(roles, to_minor(amount), Category.BUSINESS, travel, to_minor(allowance),
                            to_minor(budget), threshold)).steps


# -- straight to finance ---------------------------------------------------------------------------


def test_within_allowance_and_monthly_plan_goes_straight_to_finance() -> None:
    assert steps("300") == (FINANCE,)


def test_allowance_exactly_used_still_goes_straight_to_finance() -> None:
    assert steps("1000", allowance="1000") == (FINANCE,)


def test_one_fen_beyond_the_allowance_needs_review_and_approval() -> None:
    assert steps("1000.01", allowance="1000") == (REVIEW, APPROVE, FINANCE)


def test_allowance_spent_up_sends_even_a_small_claim_for_review() -> None:
    assert steps("0.01", allowance="0") == (REVIEW, APPROVE, FINANCE)


def test_straight_to_finance_spends_the_allowance_and_is_marked_discretionary() -> None:
    r = route(RouteInput(REP, to_minor("800"), Category.BUSINESS, False, to_minor("1000"),
                         to_minor("20000"), THRESHOLD))
    assert r.discretionary and not r.major and not r.over_budget


# -- supervisor review, then the sales manager ----------------------------------------------------


def test_beyond_the_allowance_a_rep_is_reviewed_by_the_supervisor_then_approved_by_the_manager() -> None:
    r = route(RouteInput(REP, to_minor("2000"), Category.BUSINESS, False, to_minor("1000"),
                         to_minor("20000"), THRESHOLD))
    assert r.steps == (REVIEW, APPROVE, FINANCE)
    assert not r.discretionary


def test_a_supervisors_own_claim_skips_the_supervisor_review() -> None:
    assert steps("2000", roles=SUPERVISOR) == (APPROVE, FINANCE)


def test_a_sales_managers_claim_beyond_the_allowance_goes_to_the_general_manager() -> None:
    assert steps("2000", roles=MANAGER) == (GM, FINANCE)


def test_a_sales_managers_claim_within_the_allowance_goes_straight_to_finance() -> None:
    assert steps("500", roles=MANAGER) == (FINANCE,)


# -- the general manager: threshold and budget ---------------------------------------------------


def test_amount_exactly_at_the_threshold_needs_the_general_manager() -> None:
    assert steps("5000", allowance="10000") == (REVIEW, APPROVE, GM, FINANCE)


def test_one_fen_below_the_threshold_does_not_need_the_general_manager() -> None:
    assert steps("4999.99", allowance="1000") == (REVIEW, APPROVE, FINANCE)


def test_at_the_threshold_never_goes_straight_to_finance_even_within_a_large_allowance() -> None:
    r = route(RouteInput(REP, to_minor("5000"), Category.BUSINESS, False, to_minor("10000"),
                         to_minor("20000"), THRESHOLD))
    assert r.major and not r.discretionary and GM in r.steps


def test_budget_exactly_exhausted_is_still_inside_the_plan() -> None:
    assert steps("800", budget="800") == (FINANCE,)


def test_one_fen_beyond_the_budget_needs_the_general_manager() -> None:
    r = route(RouteInput(REP, to_minor("800.01"), Category.BUSINESS, False, to_minor("1000"),
                         to_minor("800"), THRESHOLD))
    assert r.over_budget and r.steps == (REVIEW, APPROVE, GM, FINANCE)


def test_no_budget_left_at_all_is_beyond_the_budget() -> None:
    assert steps("10", budget="0") == (REVIEW, APPROVE, GM, FINANCE)
    assert steps("10", budget="-50") == (REVIEW, APPROVE, GM, FINANCE)


def test_a_managers_major_claim_meets_the_general_manager_once() -> None:
    assert steps("9000", roles=MANAGER, budget="100") == (GM, FINANCE)


def test_the_threshold_is_a_setting() -> None:
    assert steps("600", threshold=to_minor("500")) == (REVIEW, APPROVE, GM, FINANCE)


def test_finance_is_always_the_last_step() -> None:
    for roles in (REP, SUPERVISOR, MANAGER):
        for amount in ("1", "2000", "5000", "90000"):
            for travel in (False, True):
                assert steps(amount, roles=roles, travel=travel)[-1] is FINANCE


def test_a_zero_or_negative_amount_is_refused() -> None:
    for amount in ("0", "-1"):
        with pytest.raises(ValidationError):
            steps(amount)


# -- travel ---------------------------------------------------------------------------------------


def test_a_reps_travel_is_approved_by_the_sales_manager_never_from_the_allowance() -> None:
    r = route(RouteInput(REP, to_minor("300"), Category.BUSINESS, True, to_minor("1000"),
                         to_minor("20000"), THRESHOLD))
    assert r.steps == (APPROVE, FINANCE) and not r.discretionary


def test_the_sales_managers_own_travel_goes_to_the_general_manager() -> None:
    assert steps("300", roles=MANAGER, travel=True) == (GM, FINANCE)
    assert travel_approver(MANAGER) is GM


def test_a_reps_travel_application_goes_to_the_sales_manager() -> None:
    assert travel_approver(REP) is APPROVE
    assert travel_approver(SUPERVISOR) is APPROVE


def test_major_travel_also_needs_the_general_manager() -> None:
    assert steps("5000", travel=True) == (APPROVE, GM, FINANCE)


def test_travel_is_applied_for_before_it_starts() -> None:
    today = date(2026, 3, 10)
    check_travel_dates(date(2026, 3, 10), date(2026, 3, 12), today)  # leaving today: still before
    with pytest.raises(ValidationError):
        check_travel_dates(date(2026, 3, 9), date(2026, 3, 12), today)
    with pytest.raises(ValidationError):
        check_travel_dates(date(2026, 3, 12), date(2026, 3, 11), today)


APPROVED = TravelFacts(applicant_id=7, status=TravelStatus.APPROVED, applied_on=date(2026, 3, 1),
                       already_claimed=False)


def test_a_travel_claim_without_an_application_is_refused() -> None:
    with pytest.raises(TravelNotApproved):
        check_travel_claim(7, None, date(2026, 3, 5))


def test_a_travel_claim_on_an_application_not_yet_approved_is_refused() -> None:
    for status in (TravelStatus.PENDING, TravelStatus.REFUSED, TravelStatus.WITHDRAWN):
        facts = TravelFacts(7, status, date(2026, 3, 1), False)
        with pytest.raises(TravelNotApproved):
            check_travel_claim(7, facts, date(2026, 3, 5))


def test_a_travel_claim_for_money_spent_before_the_application_is_refused() -> None:
    with pytest.raises(TravelNotApproved):
        check_travel_claim(7, APPROVED, date(2026, 2, 28))
    check_travel_claim(7, APPROVED, date(2026, 3, 1))  # the day of the application is fine


def test_a_travel_claim_on_someone_elses_application_is_refused() -> None:
    with pytest.raises(TravelNotApproved):
        check_travel_claim(8, APPROVED, date(2026, 3, 5))


def test_one_travel_application_backs_one_claim() -> None:
    claimed = TravelFacts(7, TravelStatus.APPROVED, date(2026, 3, 1), True)
    with pytest.raises(TravelNotApproved):
        check_travel_claim(7, claimed, date(2026, 3, 5))


# -- finance's check -----------------------------------------------------------------------------


def test_finance_signs_within_the_monthly_and_annual_plan_exactly_used() -> None:
    ensure_finance_may_sign(100, month_left=100, year_left=100, gm_approved=False)


def test_finance_may_not_sign_beyond_the_plan_without_the_general_manager() -> None:
    with pytest.raises(BeyondPlan):
        ensure_finance_may_sign(101, month_left=100, year_left=5000, gm_approved=False)
    with pytest.raises(BeyondPlan):
        ensure_finance_may_sign(101, month_left=5000, year_left=100, gm_approved=False)
    ensure_finance_may_sign(101, month_left=100, year_left=100, gm_approved=True)


# -- levels and sub-items -----------------------------------------------------------------------


def test_the_highest_role_decides_the_claimants_level() -> None:
    assert claimant_level({Role.SALES_REP}) is Level.STAFF
    assert claimant_level({Role.CS_SPECIALIST}) is Level.STAFF
    assert claimant_level({Role.CS_MANAGER}) is Level.SUPERVISOR
    assert claimant_level({Role.SALES_REP, Role.SALES_MANAGER}) is Level.MANAGER
    assert claimant_level({Role.SALES_VP}) is Level.MANAGER


def test_sub_items_are_a_setting_split_on_any_separator() -> None:
    assert parse_items("展览、租赁；办公; 展览,\n网络") == ("展览", "租赁", "办公", "网络")
    defaults = items_from_settings({})
    assert defaults[Category.OTHER] == ("Exhibitions", "Rent", "Office")
    assert parse_items(default_items_text(Category.BUSINESS))[-1] == "Travel"
    changed = items_from_settings({"expense.items.other": "展览; 租赁"})
    assert changed[Category.OTHER] == ("展览", "租赁")


def test_default_items_show_translated_and_the_firms_own_as_typed() -> None:
    assert item_label("Rent", lambda s: "租赁" if s == "Rent" else s) == "租赁"
    assert item_label("网络费", lambda s: "x") == "网络费"


def test_there_are_seven_categories() -> None:
    assert [c.term.zh for c in Category] == ["销售人员费用", "广告费用", "公关费用", "业务费用", "售后服务费用",
                                             "销售物流费用", "其他销售费用"]


def test_a_default_item_typed_in_the_users_language_is_stored_as_its_msgid() -> None:
    zh = {"Rent": "租赁", "Office": "办公", "Exhibitions": "展览"}.get

    def gettext(s: str) -> str:
        return zh(s) or s

    assert "租赁" in items_display_text("Exhibitions; Rent; 网络费", gettext)
    assert "网络费" in items_display_text("Exhibitions; Rent; 网络费", gettext)
    assert items_stored_text("展览、租赁；网络费", gettext) == "Exhibitions; Rent; 网络费"
    assert items_stored_text("Rent; Storage room") == "Rent; Storage room"


def test_a_claim_without_receipts_needs_a_written_reason() -> None:
    from sales_desk.domain.common.errors import ValidationError
    from sales_desk.domain.expenses.claims import require_no_receipt_reason

    with pytest.raises(ValidationError):
        require_no_receipt_reason(0, " ")
    assert require_no_receipt_reason(0, " 发票遗失 ") == "发票遗失"
    assert require_no_receipt_reason(2, "发票遗失") == ""  # receipts: nothing to explain
