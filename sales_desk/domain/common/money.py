"""Money is exact: integer minor units in storage, Decimal at the edges.

One rounding rule, half-up to the minor unit, lives here and nowhere else.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

MINOR_PER_MAJOR = 100  # CNY: 1 yuan = 100 fen
_QUANTUM = Decimal("0.01")
# \d is any decimal digit, full-width ones included (a Chinese IME types those); Decimal reads them.
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
_GROUPED = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?")


def round_minor(value: Decimal) -> int:
    """Round an amount in minor units (possibly fractional) half-up to an integer."""
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def to_minor(amount: Decimal | int | str) -> int:
    """Major units (e.g. Decimal('12.345')) to integer minor units, half-up."""
    if isinstance(amount, float | bool):
        raise TypeError("money is never a float (nor a bool)")
    try:
        value = Decimal(amount)
    except InvalidOperation as exc:
        raise ValueError(f"not an amount: {amount!r}") from exc
    if not value.is_finite():
        raise ValueError(f"not an amount: {amount!r}")
    return round_minor(value * MINOR_PER_MAJOR)


def from_minor(minor: int) -> Decimal:
    return (Decimal(minor) / MINOR_PER_MAJOR).quantize(_QUANTUM)


def parse_amount(text: str) -> int:
    """User input such as '1,234.5', '¥1234' or '-￥5' to minor units; ValueError if not money.

    Grouping commas must sit every three digits: '12,50' (a decimal comma) or '1,2,3'
    would otherwise be read as a hundred times the amount meant.
    """
    cleaned = text.strip().replace("，", ",")
    for space in (" ", "\u00a0", "\u3000"):
        cleaned = cleaned.replace(space, "")
    sign = ""
    if cleaned[:1] in ("+", "-"):
        sign, cleaned = cleaned[0], cleaned[1:]
    if cleaned[:1] in ("¥", "￥"):
        cleaned = cleaned[1:]
    cleaned = sign + cleaned
    if not cleaned:
        raise ValueError("empty amount")
    if "," in cleaned:
        if not _GROUPED.fullmatch(cleaned):
            raise ValueError(f"misplaced digit grouping: {text!r}")
        cleaned = cleaned.replace(",", "")
    if not _NUMBER.fullmatch(cleaned):
        raise ValueError(f"not an amount: {text!r}")
    value = Decimal(cleaned)
    if value.as_tuple().exponent < -2:  # type: ignore[operator]
        raise ValueError(f"more than two decimals: {text!r}")
    return to_minor(value)


_TYPING = re.compile(r"([+-]?[¥￥]?)([0-9,]*)(\.[0-9]*)?")


def group_as_typed(text: str, cursor: int) -> tuple[str, int]:
    """Digit grouping put in while an amount is typed: '30000' reads '30,000' at once.

    Only the whole part is regrouped; text that is not (yet) a plain amount is left as
    the user wrote it, to be named by `parse_amount` when read. The cursor stays after
    the same digit it followed, whatever commas came or went before it.
    """
    m = _TYPING.fullmatch(text)
    if m is None:
        return text, cursor
    head, whole, tail = m.group(1), m.group(2).replace(",", ""), m.group(3) or ""
    if len(whole) > 1 and whole.startswith("0"):
        return text, cursor  # '007' is not an amount being typed; parse_amount names it
    grouped = f"{int(whole):,}" if whole else ""
    new = head + grouped + tail
    kept = len(text[:cursor].replace(",", ""))  # characters before the cursor, commas aside
    pos = 0
    while kept and pos < len(new):
        if new[pos] != ",":
            kept -= 1
        pos += 1
    return new, pos


def format_money(minor: int, lang: str = "en", currency: str | None = None) -> str:
    """Grouped by the locale's rules, always two decimals, optional currency code."""
    from babel.numbers import format_decimal  # lazy: babel's import costs start-up time

    text = format_decimal(from_minor(minor), format="#,##0.00", locale=lang)
    return f"{currency} {text}" if currency else text


def money_str(minor: int) -> str:
    """Canonical decimal string, as money is hashed in the audit trail."""
    return str(from_minor(minor))


def share_percent(part: int, whole: int, places: int = 2) -> Decimal | None:
    """`part` as a percentage of `whole`, half-up to `places` decimals (47.69); None without a
    whole. The one rounding of every share the program shows or prints (budget used, target
    met, limit used, margin), so a figure reads the same on the dashboard and on paper."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
