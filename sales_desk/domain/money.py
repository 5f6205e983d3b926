"""Money is exact: integer minor units in storage, Decimal at the edges.

One rounding rule, half-up to the minor unit, lives here and nowhere else.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

MINOR_PER_MAJOR = 100  # CNY: 1 yuan = 100 fen
_QUANTUM = Decimal("0.01")


def round_minor(value: Decimal) -> int:
    """Round an amount in minor units (possibly fractional) half-up to an integer."""
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def to_minor(amount: Decimal | int | str) -> int:
    """Major units (e.g. Decimal('12.345')) to integer minor units, half-up."""
    if isinstance(amount, float):
        raise TypeError("money is never a float")
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
    """User input such as '1,234.5' or '1234' to minor units; ValueError if not money."""
    cleaned = text.strip().replace(",", "").replace("，", "").replace(" ", "")
    if cleaned.startswith("¥") or cleaned.startswith("￥"):
        cleaned = cleaned[1:]
    if not cleaned:
        raise ValueError("empty amount")
    value = Decimal(cleaned) if _looks_numeric(cleaned) else None
    if value is None or not value.is_finite():
        raise ValueError(f"not an amount: {text!r}")
    if value.as_tuple().exponent < -2:  # type: ignore[operator]
        raise ValueError(f"more than two decimals: {text!r}")
    return to_minor(value)


def _looks_numeric(text: str) -> bool:
    body = text[1:] if text[:1] in "+-" else text
    return body.replace(".", "", 1).isdigit()


def format_money(minor: int, lang: str = "en", currency: str | None = None) -> str:
    """Grouped by the locale's rules, always two decimals, optional currency code."""
    from babel.numbers import format_decimal  # lazy: babel's import costs start-up time

    text = format_decimal(from_minor(minor), format="#,##0.00", locale=lang)
    return f"{currency} {text}" if currency else text


def money_str(minor: int) -> str:
    """Canonical decimal string, as money is hashed in the audit trail."""
    return str(from_minor(minor))
