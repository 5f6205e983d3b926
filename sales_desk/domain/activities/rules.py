"""Activities [客户接待、拜访、提案]: what a rep plans (kind, day, time) and then records as done
(outcome and next step) or cancels; when a planned one is overdue; who sees whose.

Visibility by team: a person sees their own activities and days; a supervisor (team.oversee)
also those of the people on their team; the sales manager, the VP and the GM see everyone's
(their 销售组织 is the whole department).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from enum import StrEnum

from sales_desk.domain.common.errors import ValidationError
from sales_desk.domain.common.roles import Role
from sales_desk.i18n import N_, _


class ActivityKind(StrEnum):
    CALL = "call"  # 电话
    VISIT = "visit"  # 拜访
    RECEPTION = "reception"  # 客户接待
    PROPOSAL = "proposal"  # 提案
    DEMONSTRATION = "demonstration"  # 演示

    @property
    def label(self) -> str:
        return _(KIND_LABELS[self])


KIND_LABELS = {
    ActivityKind.CALL: N_("Call"),
    ActivityKind.VISIT: N_("Visit"),
    ActivityKind.RECEPTION: N_("Reception"),
    ActivityKind.PROPOSAL: N_("Proposal"),
    ActivityKind.DEMONSTRATION: N_("Demonstration"),
}


class ActivityStatus(StrEnum):
    PLANNED = "planned"
    DONE = "done"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return _(STATUS_LABELS[self])


STATUS_LABELS = {
    ActivityStatus.PLANNED: N_("Planned"),
    ActivityStatus.DONE: N_("Done"),
    ActivityStatus.CANCELLED: N_("Cancelled"),
}
OPEN = (ActivityStatus.PLANNED,)  # what a reassignment moves; done and cancelled stay

# Roles that see the whole department's activities and days.
SEES_ALL = frozenset({Role.GM, Role.SALES_VP, Role.SALES_MANAGER})


def sees_everyone(roles: Iterable[Role | str]) -> bool:
    return any(Role(r) in SEES_ALL for r in roles)


def visible_people(user_id: int, roles: Iterable[Role | str], team: Iterable[int]) -> frozenset[int] | None:
    """Whose activities and days this user sees: None for everyone, else themselves and
    (for a supervisor) the members of their team."""
    if sees_everyone(roles):
        return None
    return frozenset({user_id, *team})


def is_overdue(status: str, planned_on: date, today: date) -> bool:
    """A planned activity whose day has passed without an outcome: overdue. On its own day it
    is due, not overdue."""
    return status == ActivityStatus.PLANNED and planned_on < today


def check_minute(minute: int | None) -> int | None:
    """The time of day in minutes from midnight, or None (some time that day)."""
    if minute is None:
        return None
    if not 0 <= minute < 24 * 60:
        raise ValidationError(_("Time"), _("not a valid value"))
    return minute


def check_subject(subject: str) -> str:
    s = (subject or "").strip()
    if not s or len(s) > 200:
        raise ValidationError(_("Subject"), _("must not be empty"))
    return s


def require_outcome(outcome: str) -> str:
    """Done means an outcome is written down [结果]; the next step may be empty."""
    s = (outcome or "").strip()
    if not s:
        raise ValidationError(_("Outcome"), _("must not be empty"))
    return s


def week_of(day: date) -> tuple[date, date]:
    """Monday and Sunday of the week holding the day (the calendar's week)."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def minute_text(minute: int | None) -> str:
    return "" if minute is None else f"{minute // 60:02d}:{minute % 60:02d}"
