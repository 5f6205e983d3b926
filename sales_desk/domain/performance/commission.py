"""Commission schemes [提成方案] (seed 000: 不费劲能保本，稍努力有小奖，大努力有大奖 — 销量分段
提高提成比例). Pure.

A scheme is a list of bands by the month's volume collected: each band starts at an amount
and has a rate that is never lower than the band below it. The rate applies to the part of
the volume inside its band (like a tax scale), so one yuan more never pays less in total.
Rates are in basis points (100 bp = 1 %), amounts in minor units; the commission is
rounded once, half-up, to the minor unit.

A receipt reversed in the month it came only lowers that month's volume; one reversed in a
later month takes back what it earned, at the rate its own month paid on average.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from sales_desk.domain.common.approvals import ensure_not_self_approval
from sales_desk.domain.common.errors import ValidationError
from sales_desk.i18n import N_, _

BP = Decimal(10_000)


class Status(StrEnum):
    """A weighting's or a scheme's way: proposed by the sales manager, decided by the GM."""

    PROPOSED = "proposed"
    APPROVED = "approved"
    RETURNED = "returned"


STATUS_LABELS = {Status.PROPOSED: N_("Proposed"), Status.APPROVED: N_("Approved"), Status.RETURNED: N_("Returned")}


@dataclass(frozen=True)
class Tier:
    start: int  # minor units: the band begins here
    rate_bp: int  # basis points on the part of the volume within the band


def check_tiers(tiers: Sequence[Tier]) -> tuple[Tier, ...]:
    """The first band starts at 0, each next one higher, rates 0–100 % and never falling."""
    if not tiers:
        raise ValidationError(_("Tiers"), _("a scheme needs at least one band"))
    if tiers[0].start != 0:
        raise ValidationError(_("Tiers"), _("the first band starts at 0"))
    for lower, upper in zip(tiers, tiers[1:], strict=False):
        if upper.start <= lower.start:
            raise ValidationError(_("Tiers"), _("each band starts above the one before"))
        if upper.rate_bp < lower.rate_bp:
            raise ValidationError(_("Tiers"), _("a higher band may not pay a lower rate"))
    if any(not 0 <= t.rate_bp <= 10_000 for t in tiers):
        raise ValidationError(_("Tiers"), _("a rate lies between 0 and 100 %"))
    return tuple(tiers)


def exact_commission(volume: int, tiers: Sequence[Tier]) -> Decimal:
    """The commission before rounding: each band's rate on the part of `volume` inside it."""
    if volume <= 0:
        return Decimal(0)
    total = Decimal(0)
    for i, tier in enumerate(tiers):
        if volume <= tier.start:
            break
        top = tiers[i + 1].start if i + 1 < len(tiers) else volume
        part = min(volume, top) - tier.start
        total += Decimal(part) * tier.rate_bp / BP
    return total


def round_minor(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def commission(volume: int, tiers: Sequence[Tier]) -> int:
    """Commission tiers at their edges: a band's rate starts on the first unit above its start."""
    return round_minor(exact_commission(volume, tiers))


def average_rate(volume: int, tiers: Sequence[Tier]) -> Decimal:
    """What the month paid per unit collected (for taking back a later reversal)."""
    return exact_commission(volume, tiers) / Decimal(volume) if volume > 0 else Decimal(0)


def clawback(reversed_amount: int, earlier_volume: int, tiers: Sequence[Tier]) -> Decimal:
    """What a receipt reversed after its month had earned, to take back (≥ 0, unrounded)."""
    return Decimal(reversed_amount) * average_rate(earlier_volume, tiers)


def ensure_may_decide(proposed_by_id: int, decider_id: int, status: str) -> None:
    """No self-approval of a scheme; only a proposal waits for a decision."""
    ensure_not_self_approval(proposed_by_id, decider_id, "performance scheme")
    if status != Status.PROPOSED.value:
        raise ValidationError(_("Status"), _("only a proposal can be decided"))


def parse_percent(text: str) -> int:
    """'2.5' (percent) → 250 basis points; refuses more than two decimals."""
    try:
        value = Decimal(text.strip().rstrip("%").strip())
    except Exception:  # noqa: BLE001 - decimal raises several kinds
        raise ValidationError(_("Rate"), _("not a number: {text}").format(text=text)) from None
    bp = value * 100
    if bp != bp.to_integral_value():
        raise ValidationError(_("Rate"), _("at most two decimals"))
    return int(bp)


def rate_text(bp: int) -> str:
    return f"{Decimal(bp) / 100:.2f} %"
