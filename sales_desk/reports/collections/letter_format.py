"""How a collection letter writes dates and amounts, in its language: 2026年3月1日 in
Chinese, 2026-03-01 in English; amounts grouped with two decimals and the currency."""

from __future__ import annotations

from datetime import date

from sales_desk.domain.common.money import from_minor
from sales_desk.reports.collections.letter_terms_zh import LetterText
from sales_desk.services.collections.letter_data import LetterData


def letter_date(d: date | None, _: LetterText) -> str:
    if d is None:
        return ""
    return f"{d.year}年{d.month}月{d.day}日" if _.chinese else d.isoformat()


def letter_money(minor: int, d: LetterData, _: LetterText) -> str:
    """Grouped, two decimals, as format_money writes en and zh_CN (the same separators),
    without asking babel for the locale a hundred thousand times in a batch."""
    return f"{d.currency} {from_minor(minor):,.2f}" if d.currency else f"{from_minor(minor):,.2f}"
