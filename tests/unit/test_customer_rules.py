"""Customer-file rules of SPEC §2 (seed 002)."""

from __future__ import annotations

from datetime import date

import pytest

from sales_desk.domain.admin.settings import DEFAULTS
from sales_desk.domain.common.errors import ValidationError
from sales_desk.domain.common.money import to_minor
from sales_desk.domain.common.roles import Role, permissions_of
from sales_desk.domain.customers.files import (
    ValueBands,
    ValueGrade,
    check_access_reason,
    check_classification,
    check_code,
    file_created_late,
    is_stale,
    may_open_confidential,
    normalize_search,
    search_key,
    sees_all_customers,
    value_grade_for,
)


def test_stale_file_after_3_months_not_on_the_day() -> None:
    updated = date(2026, 1, 15)
    assert not is_stale(updated, date(2026, 4, 14))
    assert not is_stale(updated, date(2026, 4, 15))  # exactly 3 months: still in time
    assert is_stale(updated, date(2026, 4, 16))


def test_stale_edge_at_the_end_of_a_short_month() -> None:
    # 31 May less 3 months is 28 Feb: a file touched on 28 Feb is still in time on 31 May
    assert not is_stale(date(2026, 2, 28), date(2026, 5, 31))
    assert is_stale(date(2026, 2, 28), date(2026, 6, 1))


def test_stale_months_follow_the_setting() -> None:
    months = DEFAULTS["customer.stale_months"]
    assert months == 3
    assert not is_stale(date(2026, 1, 15), date(2026, 7, 15), months=6)
    assert is_stale(date(2026, 1, 15), date(2026, 7, 16), months=6)


def test_file_created_more_than_a_week_after_first_contact_is_late() -> None:
    assert not file_created_late(date(2026, 3, 1), date(2026, 3, 8))
    assert file_created_late(date(2026, 3, 1), date(2026, 3, 9))
    assert not file_created_late(None, date(2026, 3, 9))


@pytest.mark.parametrize(
    ("sales", "grade"),
    [("1000000", ValueGrade.A), ("999999.99", ValueGrade.B), ("300000", ValueGrade.B),
     ("299999.99", ValueGrade.C), ("50000", ValueGrade.C), ("49999.99", ValueGrade.D), ("0", ValueGrade.D)],
)
def test_value_grade_by_annual_sales_volume(sales: str, grade: ValueGrade) -> None:
    assert value_grade_for(to_minor(sales), ValueBands.from_settings(DEFAULTS)) is grade


def test_classification_takes_only_listed_values() -> None:
    assert check_classification("region", "east") == "east"
    assert check_classification("customer_type", "") == ""
    with pytest.raises(ValidationError):
        check_classification("nature", "pirate")


def test_customer_code_is_safe_as_a_folder_name() -> None:
    assert check_code(" c-001 ") == "C-001"
    for bad in ("", "../etc", "a b", "客户1", "x" * 33):
        with pytest.raises(ValidationError):
            check_code(bad)


def test_name_search_folds_width_case_and_spaces() -> None:
    assert normalize_search("华为 科技") == "华为科技"
    assert normalize_search("ＡＢＣ Trading") == "abctrading"
    assert normalize_search("上海（浦东）") == "上海(浦东)"
    assert search_key("C001", "华为 科技", "华为") == (
        "c001\x1f华为科技\x1fhwkj\x1f华为\x1fhw\x1ehuaweikeji\x1fhuawei")


def test_a_rep_sees_only_their_own_customers_managers_see_all() -> None:
    assert not sees_all_customers([Role.SALES_REP])
    for role in (Role.SALES_SUPERVISOR, Role.SALES_MANAGER, Role.CS_SPECIALIST, Role.GM, Role.FINANCE):
        assert sees_all_customers([role]), role
    assert sees_all_customers([Role.SALES_REP, Role.SALES_SUPERVISOR])


@pytest.mark.parametrize("role", [Role.CS_MANAGER, Role.SALES_MANAGER, Role.SALES_VP, Role.GM,
                                  Role.FINANCE_DIRECTOR])
def test_confidential_file_opens_at_customer_manager_level_and_above(role: Role) -> None:
    assert may_open_confidential(permissions_of([role]))


@pytest.mark.parametrize("role", [Role.SALES_REP, Role.CS_SPECIALIST, Role.SALES_SUPERVISOR,
                                  Role.FINANCE, Role.WAREHOUSE, Role.ADMIN])
def test_confidential_file_refused_below_customer_manager_level(role: Role) -> None:
    assert not may_open_confidential(permissions_of([role]))


def test_opening_the_confidential_file_needs_a_reason() -> None:
    assert check_access_reason("  年度信用复审  ") == "年度信用复审"
    with pytest.raises(ValidationError):
        check_access_reason(" ")
