"""Seats (issue 17): who is logged in on which machine. The administrator may end a seat;
its session's rights end at its next call."""

from __future__ import annotations

from datetime import datetime, timedelta

from sales_desk.domain.common.errors import DomainError
from sales_desk.i18n import _

# How stale "last activity" may get before a call writes it again: writing it at every call
# would make each read a write.
ACTIVITY_RESOLUTION = timedelta(seconds=60)


class SeatEnded(DomainError):
    """The administrator ended this seat (or it logged out elsewhere): log in again."""

    refusal = "no_right"

    def __init__(self) -> None:
        super().__init__(_("Your session on this machine has been ended by the administrator. "
                           "Log in again to go on."))


def activity_due(last_seen: datetime, now: datetime) -> bool:
    return now - last_seen >= ACTIVITY_RESOLUTION


def machine_name(name: str) -> str:
    """The machine as the seats list shows it: the host name, trimmed to the column."""
    return (name.strip() or "?")[:128]
