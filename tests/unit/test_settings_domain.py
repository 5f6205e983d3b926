"""Business settings: every default is valid by its own rules; grade bands must be ordered."""

from __future__ import annotations

import pytest

from sales_desk.domain.admin.settings import DEFAULTS, SPEC_BY_KEY, SPECS, validate_grade_bands


def test_setting_keys_are_unique() -> None:
    assert len(SPEC_BY_KEY) == len(SPECS) == len(DEFAULTS)


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.key)
def test_every_default_satisfies_its_own_limits(spec) -> None:
    value = spec.default
    if spec.kind in ("money", "int"):
        assert isinstance(value, int) and not isinstance(value, bool)
        assert spec.minimum is None or value >= spec.minimum
        assert spec.maximum is None or value <= spec.maximum
    elif spec.kind == "int_list":
        assert value and value == sorted(set(value)) and value[0] > 0
    elif spec.kind == "allowance_map":
        assert value == {}  # nobody named: everyone has the default allowance
    else:
        assert isinstance(value, str) and value.strip()
    assert spec.label.strip()


def test_money_settings_are_integer_minor_units() -> None:
    assert DEFAULTS["contract.major_threshold"] == 20_000_000  # 200,000.00 yuan
    assert DEFAULTS["expense.gm_threshold"] == 500_000


def test_default_grade_bands_are_ordered() -> None:
    assert validate_grade_bands(
        DEFAULTS["credit.grade_a_min"], DEFAULTS["credit.grade_b_min"], DEFAULTS["credit.grade_c_min"]
    )


@pytest.mark.parametrize(("a", "b", "c", "ok"), [
    (85, 70, 55, True), (100, 99, 0, True), (3, 2, 1, True),
    (70, 70, 55, False), (85, 55, 55, False), (55, 70, 85, False),
    (101, 70, 55, False), (85, 70, -1, False), (85, 90, 55, False),
])
def test_grade_bands_need_0_le_c_lt_b_lt_a_le_100(a: int, b: int, c: int, ok: bool) -> None:
    assert validate_grade_bands(a, b, c) is ok
