"""Password policy and the lock-out rule (no hashing here: that is infrastructure)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sales_desk.domain.common.errors import ValidationError
from sales_desk.i18n import _

MIN_LENGTH = 8
MAX_LENGTH = 256  # OWASP: no upper limit below 64; a cap only against hashing DoS
FAILURE_WINDOW = timedelta(minutes=15)
FAILURES_BEFORE_LOCK = 5
BASE_DELAY = timedelta(seconds=30)
MAX_DELAY = timedelta(minutes=15)


def validate_password(password: str) -> None:
    if len(password) < MIN_LENGTH:
        raise ValidationError(
            _("Password"), _("at least {n} characters, please").format(n=MIN_LENGTH)
        )
    if len(password) > MAX_LENGTH:
        raise ValidationError(
            _("Password"), _("at most {n} characters, please").format(n=MAX_LENGTH)
        )


def lockout_remaining(failures: list[datetime], now: datetime) -> timedelta:
    """How long login stays refused after these failed attempts (empty: not locked).

    From the 5th failure inside 15 minutes the account waits 30 s, then each
    further failure doubles the wait, up to 15 minutes.
    """
    recent = sorted(t for t in failures if now - t <= FAILURE_WINDOW)
    if len(recent) < FAILURES_BEFORE_LOCK:
        return timedelta(0)
    extra = len(recent) - FAILURES_BEFORE_LOCK
    delay = min(BASE_DELAY * (2**extra), MAX_DELAY)
    remaining = recent[-1] + delay - now
    return remaining if remaining > timedelta(0) else timedelta(0)
