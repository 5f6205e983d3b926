"""The pricing procedure and the prepayment paperwork as pure rules (seed 001 二、4; 回款 第7条2)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from sales_desk.domain.common.errors import SelfApprovalRefused, ValidationError
from sales_desk.domain.orders.payment_slips import (
    OwnSlip,
    SlipOutOfTurn,
    SlipStatus,
    check_detail_amount,
    check_slip_amount,
    ensure_other_person,
    ensure_slip_state,
)
from sales_desk.domain.orders.price_lists import (
    OneStepPerPerson,
    PriceListStatus,
    PriceStep,
    PriceStepOutOfTurn,
    ensure_new_decider,
    ensure_step,
    in_force,
    margin_percent,
)

A, R = PriceListStatus.APPROVED, PriceListStatus.REVIEWED


def test_the_list_in_force_is_the_approved_one_latest_effective_on_or_before_the_day() -> None:
    lists = [(1, date(2026, 1, 1), A), (2, date(2026, 6, 1), A), (3, date(2026, 5, 1), R)]
    assert in_force(lists, date(2025, 12, 31)) is None
    assert in_force(lists, date(2026, 5, 31)) == 1  # version 3 is not approved
    assert in_force(lists, date(2026, 6, 1)) == 2  # from its effective day on
    assert in_force([*lists, (4, date(2026, 6, 1), A)], date(2026, 6, 1)) == 4  # same day: the later version


def test_each_step_of_the_pricing_procedure_waits_for_the_one_before() -> None:
    ensure_step(1, PriceListStatus.PROPOSED, PriceStep.COST_CHECK)
    ensure_step(1, PriceListStatus.COST_CHECKED, PriceStep.REVIEW)
    ensure_step(1, PriceListStatus.REVIEWED, PriceStep.APPROVE)
    for status, step in ((PriceListStatus.PROPOSED, PriceStep.REVIEW), (PriceListStatus.PROPOSED, PriceStep.APPROVE),
                         (PriceListStatus.COST_CHECKED, PriceStep.APPROVE), (A, PriceStep.APPROVE),
                         (PriceListStatus.RETURNED, PriceStep.COST_CHECK)):
        with pytest.raises(PriceStepOutOfTurn):
            ensure_step(1, status, step)


def test_nobody_decides_their_own_price_list_nor_two_of_its_steps() -> None:
    ensure_new_decider(1, 3, proposer_id=1, deciders=(2, None))
    for actor in (1, 2):
        with pytest.raises(OneStepPerPerson) as e:
            ensure_new_decider(1, actor, proposer_id=1, deciders=(2, None))
        assert isinstance(e.value, SelfApprovalRefused) and "version 1" in str(e.value)


def test_the_margin_is_shown_to_one_decimal_half_up() -> None:
    assert margin_percent(11_000, 7_000) == Decimal("36.4")
    assert margin_percent(10_000, 10_000) == Decimal("0.0")
    assert margin_percent(10_000, 12_000) == Decimal("-20.0")
    assert margin_percent(10_000, None) is None


def test_a_payment_slip_steps_in_order_and_by_other_people() -> None:
    ensure_slip_state("PS1", SlipStatus.SUBMITTED, SlipStatus.SUBMITTED, "approved")
    with pytest.raises(SlipOutOfTurn, match="PS1"):
        ensure_slip_state("PS1", SlipStatus.SUBMITTED, SlipStatus.APPROVED, "recorded")
    ensure_other_person("PS1", 3, 1, 2)
    with pytest.raises(OwnSlip):
        ensure_other_person("PS1", 2, 1, 2)


def test_a_slip_stays_within_the_order_total_and_the_sheet_matches_the_slip() -> None:
    check_slip_amount(400, total=1_000, received=300, pending=300)
    for amount in (401, 0, -1):
        with pytest.raises(ValidationError):
            check_slip_amount(amount, total=1_000, received=300, pending=300)
    check_detail_amount("PS1", 500, 500)
    with pytest.raises(ValidationError):
        check_detail_amount("PS1", 499, 500)
