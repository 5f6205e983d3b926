"""The customer's lifecycle stage [客户生命周期] (seed 003 1.3 客户信息分析 … 客户生命周期), read from
their orders alone, with the thresholds as policy numbers (customer.lifecycle_*):

- prospect [潜在客户]: no order placed yet;
- lost [流失客户]: the last order `lost_days` or more days ago (that day is the first one lost);
- new [新客户]: the first order less than `new_days` days ago;
- growing [成长期]: sold in the last twelve months at least `growth_percent` % above the twelve
  before (or sold now after nothing then);
- declining [衰退期]: at least `decline_percent` % below the twelve months before;
- mature [成熟期]: otherwise — steady within the bands.

Checked in that order; the percentages compare in integers, so 20 % up is growing and 19.99 %
is not.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sales_desk.i18n import N_, _


class Stage(StrEnum):
    PROSPECT = "prospect"
    NEW = "new"
    GROWING = "growing"
    MATURE = "mature"
    DECLINING = "declining"
    LOST = "lost"

    @property
    def label(self) -> str:
        return _(STAGE_LABELS[self])


STAGE_LABELS = {
    Stage.PROSPECT: N_("Prospect"),
    Stage.NEW: N_("New"),
    Stage.GROWING: N_("Growing"),
    Stage.MATURE: N_("Mature"),
    Stage.DECLINING: N_("Declining"),
    Stage.LOST: N_("Lost"),
}
STAGE_ZH = {Stage.PROSPECT: "潜在客户", Stage.NEW: "新客户", Stage.GROWING: "成长期", Stage.MATURE: "成熟期",
            Stage.DECLINING: "衰退期", Stage.LOST: "流失客户"}


@dataclass(frozen=True)
class LifecyclePolicy:
    new_days: int = 180
    lost_days: int = 365
    growth_percent: int = 20
    decline_percent: int = 20

    @classmethod
    def from_settings(cls, values: Mapping[str, object]) -> LifecyclePolicy:
        return cls(*(int(values[f"customer.lifecycle_{k}"])  # type: ignore[call-overload]
                     for k in ("new_days", "lost_days", "growth_percent", "decline_percent")))


@dataclass(frozen=True)
class OrderHistory:
    """What the stage is read from: the first and last order dates and the sales of the last
    twelve months and of the twelve before (minor units)."""

    first_order: date | None
    last_order: date | None
    sales_12m: int = 0
    sales_prior_12m: int = 0


def stage_of(h: OrderHistory, today: date, policy: LifecyclePolicy = LifecyclePolicy()) -> Stage:
    if h.first_order is None or h.last_order is None:
        return Stage.PROSPECT
    if (today - h.last_order).days >= policy.lost_days:
        return Stage.LOST
    if (today - h.first_order).days < policy.new_days:
        return Stage.NEW
    now, before = h.sales_12m, h.sales_prior_12m
    if before <= 0:
        return Stage.GROWING if now > 0 else Stage.MATURE
    if now * 100 >= before * (100 + policy.growth_percent):
        return Stage.GROWING
    if now * 100 <= before * (100 - policy.decline_percent):
        return Stage.DECLINING
    return Stage.MATURE


def change_percent(now: int, before: int) -> int | None:
    """Sales against the twelve months before, in whole percent (None: nothing before)."""
    if before <= 0:
        return None
    return round((now - before) * 100 / before)
