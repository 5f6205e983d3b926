"""A claim against its item's spending standard (费用 第13条1; domain/expenses/standards.py):
the standard in force on the day the money was spent, the reason required above it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.common.money import money_str
from sales_desk.domain.common.roles import Perm
from sales_desk.domain.expenses.claims import item_label
from sales_desk.domain.expenses.standards import (
    CityTier,
    StandardItem,
    check_against_standard,
    standard_for,
    standard_item,
)
from sales_desk.services.admin.policy import policy_in_force
from sales_desk.services.common.base import service


@dataclass(frozen=True)
class Standard:
    """What a claim line is measured against: None when its item has no standard."""

    amount: int | None
    reason: str  # kept with the claim: only when above the standard
    days: int | None
    city_tier: int | None

    @property
    def above(self) -> bool:
        return self.amount is not None and bool(self.reason)


def _tier(city_tier: int | None) -> CityTier | None:
    return None if city_tier is None else CityTier(city_tier)


def claim_standard(uow: UnitOfWork, item: str, amount: int, spent_on: date, reason: str = "",
                   days: int | None = None, city_tier: int | None = None) -> Standard:
    """The standard of a claim's item on `spent_on`; refused above it without a reason."""
    per_diem = standard_item(item) is StandardItem.PER_DIEM
    days, city_tier = (days, city_tier) if per_diem else (None, None)
    standard = standard_for(item, policy_in_force(uow, spent_on).values, days, _tier(city_tier))
    kept = check_against_standard(amount, standard, reason, item_label(item), money_str)
    return Standard(standard, kept, days, city_tier)


@service(Perm.EXPENSE_APPLY)
def standard_of(uow: UnitOfWork, item: str, spent_on: date, days: int | None = None,
                city_tier: int | None = None) -> int | None:
    """The standard the claim form shows beside an item as it is filled in (None: no standard)."""
    if standard_item(item) is StandardItem.PER_DIEM and (days is None or city_tier is None):
        return None  # not yet known: the form asks for them
    return standard_for(item, policy_in_force(uow, spent_on).values, days, _tier(city_tier))
