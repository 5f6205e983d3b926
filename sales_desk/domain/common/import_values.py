"""Reading one spreadsheet cell as a typed value, for every importer. Pure.

A cell arrives as what the reader found: text (CSV, or text in a workbook), an int or
a float (a number in a workbook), a date or datetime, a bool, or None. Each reader
here returns the value or raises `CellError` with a reason fit to show beside the
row number. Floats are never money: a workbook's 1234.56 is taken as the decimal the
user typed (its shortest repr), and refused if it is not whole fen.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from sales_desk.domain.common.money import parse_amount, to_minor
from sales_desk.i18n import _

MAX_CELL_CHARS = 4_000  # longer is not a customer's address: a pasted document, or an attack
MAX_MINOR = 10**17  # ten trillion yuan fits a BigInteger with room to add up


class CellError(ValueError):
    """A cell that cannot be read as its column's kind; str() is the reason."""


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def fold(text: str) -> str:
    """For comparing names typed by people: width, case and spaces ignored."""
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())


def text(value: object, max_length: int = 0) -> str:
    """Any cell as text: numbers as typed (a phone number 13800138000 stays whole)."""
    if is_blank(value):
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, float):
        out = str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    elif isinstance(value, datetime):
        out = value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(" ")
    elif isinstance(value, date):
        out = value.isoformat()
    else:
        out = str(value).strip()
    if "\x00" in out:
        raise CellError(_("contains a NUL character"))
    limit = max_length or MAX_CELL_CHARS
    if len(out) > limit:
        raise CellError(_("at most {n} characters").format(n=limit))
    return out


def _number_text(value: object) -> str:
    if isinstance(value, bool):
        raise CellError(_("not a number"))
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise CellError(_("not a number"))
        return repr(value)  # the shortest text that reads back as this float: what was typed
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, str):
        return value
    raise CellError(_("not a number"))


_CURRENCY_WORDS = re.compile(r"(?i)(cny|rmb|元)$")


def money(value: object) -> int:
    """An amount ≥ 0 in minor units: 1234.5, '1,234.50', '¥1,234.50', '1234.5元'."""
    raw = _number_text(value).strip()
    raw = _CURRENCY_WORDS.sub("", unicodedata.normalize("NFKC", raw).strip()).strip()
    try:
        if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
            number = Decimal(raw)
            if not number.is_finite() or number != number.quantize(Decimal("0.01")):
                raise CellError(_("an amount with at most two decimals"))
            minor = to_minor(number)
        else:
            minor = parse_amount(raw)
    except (ValueError, InvalidOperation, ArithmeticError) as exc:
        if isinstance(exc, CellError):
            raise
        raise CellError(_("not an amount")) from exc
    if minor < 0:
        raise CellError(_("must not be negative"))
    if minor > MAX_MINOR:
        raise CellError(_("too large"))
    return minor


def count(value: object, maximum: int = 10_000_000) -> int:
    """A whole number ≥ 0 (staff, days)."""
    raw = unicodedata.normalize("NFKC", _number_text(value)).strip().replace(",", "")
    try:
        number = Decimal(raw)
    except InvalidOperation as exc:
        raise CellError(_("a whole number ≥ 0")) from exc
    if not number.is_finite() or number != number.to_integral_value() or number < 0:
        raise CellError(_("a whole number ≥ 0"))
    if number > maximum:
        raise CellError(_("at most {n}").format(n=maximum))
    return int(number)


_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


def day(value: object) -> date:
    """A date: a workbook date, or text 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日, 20240305."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise CellError(_("not a date (write it as 2024-03-05)"))
    raw = unicodedata.normalize("NFKC", value).strip()
    match = _DATE.match(raw) or _COMPACT_DATE.match(raw)
    if match is None:
        raise CellError(_("not a date (write it as 2024-03-05)"))
    try:
        found = date(*(int(g) for g in match.groups()))
    except ValueError as exc:
        raise CellError(_("no such date")) from exc
    if not 1900 <= found.year <= 2200:
        raise CellError(_("no such date"))
    return found


_YES = {"yes", "y", "true", "1", "x", "√", "✓", "是", "是的", "有", "对"}
_NO = {"no", "n", "false", "0", "否", "不是", "无", "×"}


def yes_no(value: object) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    folded = fold(str(value))
    if folded in _YES or folded == fold(_("Yes")):
        return True
    if folded in _NO or folded == fold(_("No")):
        return False
    raise CellError(_("write yes or no"))
