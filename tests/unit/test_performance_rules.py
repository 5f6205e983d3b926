"""The rules of performance evaluation and commission, without a database (issue 19)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from sales_desk.domain.common.errors import SelfApprovalRefused, ValidationError
from sales_desk.domain.performance import criteria as c
from sales_desk.domain.performance.commission import (
    Tier,
    check_tiers,
    clawback,
    commission,
    ensure_may_decide,
    parse_percent,
)

# 不费劲能保本, 稍努力有小奖, 大努力有大奖: 2 % to 50,000.00, 4 % to 100,000.00, 6 % above
TIERS = (Tier(0, 200), Tier(5_000_000, 400), Tier(10_000_000, 600))


def test_evaluation_weights_summing_to_100_percent() -> None:
    assert sum(c.check_weights(c.default_weights()).values()) == 100
    weights = dict.fromkeys(c.REGISTRY, 0) | {"sales": 60, "collection": 40}
    assert c.check_weights(weights)["sales"] == 60
    with pytest.raises(ValidationError, match="sum to 100 %.*99"):
        c.check_weights(weights | {"collection": 39})
    with pytest.raises(ValidationError, match="sum to 100 %.*101"):
        c.check_weights(weights | {"collection": 41})
    with pytest.raises(ValidationError, match="not negative"):
        c.check_weights(weights | {"sales": 110, "collection": -10})
    with pytest.raises(ValidationError, match="unknown"):
        c.check_weights({"charm": 100})


def test_weighted_total_counts_each_criterion_by_its_weight() -> None:
    weights = dict.fromkeys(c.REGISTRY, 0) | {"sales": 50, "complaints": 50}
    scores = {"sales": Decimal("80"), "complaints": Decimal("60"), "overdue": Decimal("100")}
    assert c.weighted_total(weights, scores) == Decimal("70.00")


def test_criterion_scores_at_their_bounds() -> None:
    assert c.percent_of(c.Figures(120, 100)) == 100  # above target is capped
    assert c.percent_of(c.Figures(50, 0)) == 0  # no target, no score
    assert c.inverse_share(c.Figures(25, 100)) == 75
    assert c.inverse_share(c.Figures(0, 0)) == 100  # nothing open
    assert c.complaints_score(c.Figures(2)) == 60 and c.complaints_score(c.Figures(9)) == 0
    assert c.expense_score(c.Figures(100, 100)) == 100 and c.expense_score(c.Figures(110, 100)) == 80


def test_commission_tiers_at_their_edges() -> None:
    assert commission(0, TIERS) == 0
    assert commission(5_000_000, TIERS) == 100_000  # exactly at the edge: all at 2 %
    assert commission(5_000_001, TIERS) == 100_000  # the next unit at 4 %: 0.04 rounds to 0
    assert commission(5_000_050, TIERS) == 100_002  # 50 × 4 % = 2
    assert commission(10_000_000, TIERS) == 100_000 + 200_000
    assert commission(10_000_100, TIERS) == 300_006
    # one yuan more never pays less: the bands are marginal
    assert all(commission(v + 100, TIERS) >= commission(v, TIERS) for v in range(0, 12_000_000, 250_000))


def test_commission_tiers_start_at_zero_and_rise() -> None:
    with pytest.raises(ValidationError, match="starts at 0"):
        check_tiers([Tier(100, 200)])
    with pytest.raises(ValidationError, match="above the one before"):
        check_tiers([Tier(0, 200), Tier(0, 300)])
    with pytest.raises(ValidationError, match="lower rate"):
        check_tiers([Tier(0, 400), Tier(1000, 300)])
    with pytest.raises(ValidationError, match="between 0 and 100"):
        check_tiers([Tier(0, 10_001)])
    assert parse_percent("2.5") == 250 and parse_percent("6 %") == 600


def test_a_later_reversal_takes_back_at_its_months_average_rate() -> None:
    # 150,000.00 earned 1,000 + 2,000 + 3,000 = 6,000.00: 4 % on average
    assert commission(15_000_000, TIERS) == 600_000
    assert clawback(1_500_000, 15_000_000, TIERS) == 60_000


def test_no_self_approval_of_a_scheme() -> None:
    with pytest.raises(SelfApprovalRefused):
        ensure_may_decide(7, 7, "proposed")
    ensure_may_decide(7, 8, "proposed")
    with pytest.raises(ValidationError, match="only a proposal"):
        ensure_may_decide(7, 8, "approved")
