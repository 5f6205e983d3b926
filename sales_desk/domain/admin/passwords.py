"""Password policy and the lock-out rule (no hashing here: that is infrastructure).

A password is at least 12 characters and not easy to guess: zxcvbn (Dropbox's estimator)
matches it against 30,000 common and breached passwords, English words, names and
keyboard or date patterns, and the user's own name; it must score 3 of 4 or more
("safely unguessable": about 10^8 guesses and up).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from zxcvbn import zxcvbn

from sales_desk.domain.common.errors import ValidationError
from sales_desk.i18n import _

MIN_LENGTH = 12
MAX_LENGTH = 256  # OWASP: no upper limit below 64; a cap only against hashing DoS
MIN_STRENGTH = 3  # zxcvbn's score, 0–4
_ESTIMATED_CHARS = 72  # zxcvbn refuses longer input; the rest of a long one only adds strength
FAILURE_WINDOW = timedelta(minutes=15)
FAILURES_BEFORE_LOCK = 5
BASE_DELAY = timedelta(seconds=30)
MAX_DELAY = timedelta(minutes=15)


def strength(password: str, user_inputs: Sequence[str] = ()) -> int:
    """zxcvbn's score, 0 (guessed at once) to 4 (very hard to guess)."""
    if not password:
        return 0
    return int(zxcvbn(password[:_ESTIMATED_CHARS], [u for u in user_inputs if u])["score"])


def password_weakness(password: str, user_inputs: Sequence[str] = ()) -> str | None:
    """Why this password is refused, in words for the user; None when it is accepted.
    `user_inputs`: the user's own name and login, which make a password easy to guess."""
    if len(password) < MIN_LENGTH:
        return _("at least {n} characters, please").format(n=MIN_LENGTH)
    if len(password) > MAX_LENGTH:
        return _("at most {n} characters, please").format(n=MAX_LENGTH)
    if strength(password, user_inputs) < MIN_STRENGTH:
        return _("too easy to guess: a common or leaked password, a word or a name, or a pattern "
                 "such as 123456 or qwerty; a few unrelated words make a good one")
    return None


def validate_password(password: str, user_inputs: Sequence[str] = ()) -> None:
    weakness = password_weakness(password, user_inputs)
    if weakness:
        raise ValidationError(_("Password"), weakness)


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
