"""Which automatic backups to keep: 7 daily, 4 weekly, 12 monthly (grandfather-father-son)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime


def backups_to_keep(
    stamps: Iterable[datetime], daily: int = 7, weekly: int = 4, monthly: int = 12
) -> set[datetime]:
    """Keep the newest backup of each of the last `daily` days, `weekly` ISO weeks and
    `monthly` months that have backups; everything else may be deleted."""
    ordered = sorted(set(stamps), reverse=True)
    keep: set[datetime] = set()
    for count, key in (
        (daily, lambda t: t.date()),
        (weekly, lambda t: t.isocalendar()[:2]),
        (monthly, lambda t: (t.year, t.month)),
    ):
        seen: list[object] = []
        for t in ordered:
            k = key(t)
            if k in seen:
                continue
            if len(seen) == count:
                break
            seen.append(k)
            keep.add(t)
    return keep
