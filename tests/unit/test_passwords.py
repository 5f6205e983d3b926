"""Password policy (12 characters, not easy to guess) and lock-out: 5 failures in 15 minutes
lock for 30 s, doubling, up to 15 min."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sales_desk.domain.admin.passwords import lockout_remaining, validate_password
from sales_desk.domain.common.errors import ValidationError

T0 = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
S = timedelta(seconds=1)


def _failures(n: int, every: timedelta = S) -> list[datetime]:
    return [T0 + i * every for i in range(n)]


@pytest.mark.parametrize("password", ["", "short", "q7#Lm2@x9!Z"])
def test_passwords_under_12_characters_are_refused(password: str) -> None:
    with pytest.raises(ValidationError, match="12 characters"):
        validate_password(password)


@pytest.mark.parametrize("password", ["password1234", "123456789012", "qwertyuiopas", "iloveyou1234", "x" * 64])
def test_common_leaked_or_patterned_passwords_are_refused(password: str) -> None:
    with pytest.raises(ValidationError, match="easy to guess"):
        validate_password(password)


def test_a_password_made_of_ones_own_name_is_refused() -> None:
    validate_password("wangjianguo2026")  # someone else's name: not known to be guessable
    with pytest.raises(ValidationError, match="easy to guess"):
        validate_password("wangjianguo2026", ("wangjianguo", "王建国"))


@pytest.mark.parametrize("password", ["q7#Lm2@x9!Zk", "tangerine ladder cloud", "长密码也可以用的吧" * 7,
                                      ("plum-violet-orbit-" * 15)[:256]])
def test_long_unguessable_passwords_of_12_to_256_characters_are_accepted(password: str) -> None:
    validate_password(password)


def test_four_failures_do_not_lock() -> None:
    fails = _failures(4)
    assert lockout_remaining(fails, fails[-1]) == timedelta(0)


def test_fifth_failure_locks_for_30_seconds() -> None:
    fails = _failures(5)
    assert lockout_remaining(fails, fails[-1]) == 30 * S
    assert lockout_remaining(fails, fails[-1] + 29 * S) == S
    assert lockout_remaining(fails, fails[-1] + 30 * S) == timedelta(0)


@pytest.mark.parametrize(("count", "wait"), [(6, 60), (7, 120), (8, 240), (9, 480), (10, 900), (11, 900), (30, 900)])
def test_each_further_failure_doubles_the_wait_up_to_15_minutes(count: int, wait: int) -> None:
    fails = _failures(count)
    assert lockout_remaining(fails, fails[-1]) == wait * S


def test_failures_older_than_15_minutes_do_not_count() -> None:
    old = [T0 - timedelta(minutes=16) + i * S for i in range(4)]  # outside the window
    fresh = [T0]
    assert lockout_remaining(old + fresh, T0) == timedelta(0)
    in_window = [T0 - timedelta(minutes=14) + i * S for i in range(4)]
    assert lockout_remaining(in_window + fresh, T0) == 30 * S


def test_failures_spread_over_more_than_15_minutes_never_lock() -> None:
    fails = _failures(20, every=timedelta(minutes=4))  # never 5 within 15 minutes
    for i in range(len(fails)):
        assert lockout_remaining(fails[: i + 1], fails[i]) == timedelta(0)


failure_lists = st.lists(
    st.integers(min_value=0, max_value=3600).map(lambda s: T0 + s * S), max_size=25
)


@given(failure_lists, st.integers(min_value=0, max_value=3600), st.integers(min_value=0, max_value=1800))
def test_another_failure_never_shortens_the_lock(fails, extra: int, after: int) -> None:
    now = T0 + timedelta(seconds=max([extra, *((f - T0).seconds for f in fails)]) + after)
    more = [*fails, T0 + extra * S]
    assert lockout_remaining(more, now) >= lockout_remaining(fails, now)


@given(failure_lists, st.integers(min_value=0, max_value=3600), st.integers(min_value=0, max_value=3600))
def test_the_lock_only_wears_off_as_time_passes(fails, start: int, later: int) -> None:
    now = T0 + timedelta(seconds=max([start, *((f - T0).seconds for f in fails)]))
    first = lockout_remaining(fails, now)
    second = lockout_remaining(fails, now + later * S)
    assert second <= first
    assert timedelta(0) <= first <= timedelta(minutes=15)
