"""The one clock: wall time, and the business date the rules are applied on.

`SALES_DESK_BUSINESS_DATE=YYYY-MM-DD` moves the clock to that day, keeping the time of
day running: for rehearsing a month end or a 31 December, and for running the test
suite as if on a chosen day. Every layer asks this module, never `datetime.now()`, so a
pinned day holds for the rules, the forms and the window alike. No Qt here.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache

ENV_BUSINESS_DATE = "SALES_DESK_BUSINESS_DATE"


@lru_cache(maxsize=8)
def _parse(value: str) -> date:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(f"{ENV_BUSINESS_DATE}={value!r} is not a date (YYYY-MM-DD)") from None


def pinned_date() -> date | None:
    """The business date set by the environment, or None for the calendar's."""
    value = os.environ.get(ENV_BUSINESS_DATE, "").strip()
    return _parse(value) if value else None


def now() -> datetime:
    """The current instant (aware, UTC), moved to the pinned business date if one is set."""
    real = datetime.now(UTC)
    pinned = pinned_date()
    if pinned is None:
        return real
    return real + timedelta(days=(pinned - real.astimezone().date()).days)


def today() -> date:
    """The business date: today in the office's local time."""
    return now().astimezone().date()


def wall_now() -> datetime:
    """The real instant, never pinned: for what names physical things (backup files, locks)."""
    return datetime.now(UTC)
