"""Money is exact: integer minor units, one half-up rounding rule, careful parsing."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sales_desk.domain.common.money import (
    format_money,
    from_minor,
    money_str,
    parse_amount,
    to_minor,
)


@pytest.mark.parametrize(("amount", "minor"), [
    ("0.005", 1), ("0.0049", 0), ("0.015", 2), ("0.025", 3),  # half-up, not half-even
    ("1.005", 101), ("2.675", 268),  # 2.675 as a float is 2.67499…: exact here
    ("-0.005", -1), ("-2.675", -268),  # halves go away from zero
    ("12", 1200), (12, 1200), (Decimal("12.345"), 1235), ("1e3", 100000),
])
def test_to_minor_rounds_half_up_at_the_half_fen(amount, minor: int) -> None:
    assert to_minor(amount) == minor


@pytest.mark.parametrize("amount", [0.1, 2.675, 1.0, True])
def test_floats_and_bools_are_never_money(amount) -> None:
    with pytest.raises(TypeError):
        to_minor(amount)


@pytest.mark.parametrize("amount", ["abc", "NaN", "Infinity", ""])
def test_to_minor_refuses_what_is_no_amount(amount: str) -> None:
    with pytest.raises(ValueError):
        to_minor(amount)


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_minor_units_round_trip_exactly(minor: int) -> None:
    assert to_minor(from_minor(minor)) == minor
    assert to_minor(money_str(minor)) == minor


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=4, allow_nan=False, allow_infinity=False))
def test_to_minor_is_the_nearest_fen_with_halves_away_from_zero(amount: Decimal) -> None:
    minor = to_minor(amount)
    assert abs(Decimal(minor) - amount * 100) <= Decimal("0.5")
    expected = int((amount * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    assert minor == expected
    assert to_minor(-amount) == -minor  # symmetric


@pytest.mark.parametrize(("text", "minor"), [
    ("1234", 123400), ("1,234.56", 123456), ("1,234,567.8", 123456780), ("  12.30 ", 1230),
    ("¥1,234.5", 123450), ("￥ 88", 8800), ("-¥5", -500), ("¥-5", -500), ("+3.10", 310),
    ("1，234.00", 123400),  # a full-width comma from a Chinese IME
    ("１２３.４", 12340),  # full-width digits too
    (".5", 50), ("5.", 500), ("0", 0), ("1 234.5", 123450),
])
def test_parse_amount_reads_what_people_type(text: str, minor: int) -> None:
    assert parse_amount(text) == minor


@pytest.mark.parametrize("text", [
    "1.234", "0.001", "12.345",  # more than two decimals: refused, not rounded
    "12,50", "1,2,3", "1,23.45", ",123", "1234,567",  # grouping not in threes: a decimal comma?
    "", "   ", "¥", "abc", "1e5", "12-", "--5", "1.2.3", "²", "Ⅻ", "NaN", "Infinity", "0x10",
])
def test_parse_amount_refuses_what_could_be_misread(text: str) -> None:
    with pytest.raises(ValueError):
        parse_amount(text)


@pytest.mark.parametrize(("minor", "lang", "text"), [
    (123456789, "en", "1,234,567.89"), (123456789, "zh_CN", "1,234,567.89"),
    (-123450, "en", "-1,234.50"), (0, "zh_CN", "0.00"), (5, "en", "0.05"),
    (100000000000, "zh_CN", "1,000,000,000.00"),
])
def test_format_money_groups_by_the_locale_with_two_decimals(minor: int, lang: str, text: str) -> None:
    assert format_money(minor, lang) == text


def test_format_money_can_name_the_currency() -> None:
    assert format_money(123450, "en", "CNY") == "CNY 1,234.50"


@given(st.integers(min_value=-(10**14), max_value=10**14), st.sampled_from(["en", "zh_CN"]))
def test_what_is_shown_reads_back_to_the_same_amount(minor: int, lang: str) -> None:
    assert parse_amount(format_money(minor, lang)) == minor


@pytest.mark.parametrize(("typed", "cursor", "shown", "after"), [
    ("30000", 5, "30,000", 6),
    ("1234567.5", 9, "1,234,567.5", 11),
    ("30,0000", 7, "300,000", 7),  # a digit typed into a grouped amount regroups it
    ("1,2345", 3, "12,345", 2),  # the cursor stays after the digit it followed
    ("¥200000", 7, "¥200,000", 8),
    ("-1000", 5, "-1,000", 6),
    ("12,50", 5, "1,250", 5),
    ("007", 3, "007", 3),  # not an amount being typed: left for parse_amount to name
    ("12a", 3, "12a", 3),
    ("", 0, "", 0),
])
def test_digit_grouping_is_put_in_as_an_amount_is_typed(typed: str, cursor: int, shown: str, after: int) -> None:
    from sales_desk.domain.common.money import group_as_typed

    assert group_as_typed(typed, cursor) == (shown, after)
