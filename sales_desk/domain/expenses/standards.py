"""Spending standards per expense item (seed 001 销售费用管控制度 第13条1: "通讯费、银行手续费、
市内交通费按标准执行"; the per-diem on a trip by the city's tier).

The standard rates are policy numbers (`expense.standard.*`, domain/admin/policy.py: proposed
by the sales manager, approved by the general manager, in versions). A claim for an item that
has a standard is checked against the rate in force on the day the money was spent: above it,
the claimant writes why, and the claim goes to the approver who may allow it (never straight
to finance on the claimant's allowance: domain/expenses/routing.py). Pure functions.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import IntEnum, StrEnum

from sales_desk.domain.common.errors import DomainError, ValidationError
from sales_desk.domain.expenses.claims import Term
from sales_desk.i18n import N_, _


class StandardItem(StrEnum):
    COMMUNICATION = "communication"  # 通讯费, per claim
    BANK_CHARGES = "bank_charges"  # 银行手续费, per claim
    LOCAL_TRANSPORT = "local_transport"  # 市内交通费, per claim
    PER_DIEM = "per_diem"  # 出差补助, per day, by the city's tier


class CityTier(IntEnum):
    FIRST = 1  # 一线城市
    SECOND = 2  # 二线城市
    OTHER = 3  # 其他城市


TIER_LABELS: dict[CityTier, Term] = {
    CityTier.FIRST: Term(N_("First-tier city"), "一线城市"),
    CityTier.SECOND: Term(N_("Second-tier city"), "二线城市"),
    CityTier.OTHER: Term(N_("Other city"), "其他城市"),
}

STANDARD_PREFIX = "expense.standard."
FLAT_KEYS: dict[StandardItem, str] = {
    StandardItem.COMMUNICATION: STANDARD_PREFIX + "communication",
    StandardItem.BANK_CHARGES: STANDARD_PREFIX + "bank_charges",
    StandardItem.LOCAL_TRANSPORT: STANDARD_PREFIX + "local_transport",
}
PER_DIEM_KEYS: dict[CityTier, str] = {t: f"{STANDARD_PREFIX}per_diem_tier{t.value}" for t in CityTier}

# The expense items (the firm's lists, domain/expenses/claims.py) that have a standard: the
# default items by their msgid, and the seed's Chinese names a firm may have typed.
ITEM_STANDARDS: dict[str, StandardItem] = {
    "Communication": StandardItem.COMMUNICATION, "通讯": StandardItem.COMMUNICATION,
    "通讯费": StandardItem.COMMUNICATION,
    "Bank charges": StandardItem.BANK_CHARGES, "银行手续费": StandardItem.BANK_CHARGES,
    "Local transport": StandardItem.LOCAL_TRANSPORT, "市内交通费": StandardItem.LOCAL_TRANSPORT,
    "Per diem": StandardItem.PER_DIEM, "出差补助": StandardItem.PER_DIEM,
}

MAX_DAYS = 366


def standard_item(item: str) -> StandardItem | None:
    return ITEM_STANDARDS.get((item or "").strip())


def standard_for(item: str, values: Mapping[str, object], days: int | None = None,
                 tier: CityTier | None = None) -> int | None:
    """The most a claim for `item` may be without a reason, in minor units, under the policy
    `values`; None when the item has no standard. A per-diem needs its days and the city's tier."""
    which = standard_item(item)
    if which is None:
        return None
    if which is StandardItem.PER_DIEM:
        if tier is None:
            raise ValidationError(_("City tier"), _("choose the city's tier for a per-diem"))
        if days is None or isinstance(days, bool) or not 1 <= days <= MAX_DAYS:
            raise ValidationError(_("Days"), _("between {low} and {high}").format(low=1, high=MAX_DAYS))
        return int(values[PER_DIEM_KEYS[CityTier(tier)]]) * days  # type: ignore[call-overload]
    return int(values[FLAT_KEYS[which]])  # type: ignore[call-overload]


def above_standard(amount: int, standard: int | None) -> bool:
    return standard is not None and amount > standard


class AboveStandardWithoutReason(DomainError):
    """A claim above its item's standard, with no written reason."""

    refusal = "rule"

    def __init__(self, item: str, amount: str, standard: str):
        self.item, self.amount, self.standard = item, amount, standard
        super().__init__(_("{item}: {amount} is above the standard of {standard}. Write why it is needed; "
                           "the claim then goes to the approver who may allow it.").format(
            item=item, amount=amount, standard=standard))


def check_against_standard(amount: int, standard: int | None, reason: str, item: str,
                           money=str) -> str:  # noqa: ANN001 - a money formatter
    """The reason to keep with the claim: required above the standard, none kept otherwise."""
    if not above_standard(amount, standard):
        return ""
    reason = (reason or "").strip()
    if not reason:
        raise AboveStandardWithoutReason(item, money(amount), money(standard))
    return reason
