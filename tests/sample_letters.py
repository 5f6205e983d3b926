"""Collection letters made by the app's own renderer from hand-built data (no database):
the documents the printing and preview tests print."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sales_desk.reports.collections.letters import render_letter, render_letters
from sales_desk.services.collections.letter_data import HistoryRow, LetterData, LetterItem


def letter(ref: str = "DL2026-00042", language: str = "zh_CN", code: str = "C0042") -> LetterData:
    item = LetterItem("INV2026-0107", date(2026, 8, 3), date(2026, 9, 2), "SO2026-00029 / DN2026-00031",
                      5_200_000, 5_200_000, 94)
    return LetterData(
        step="dunning", letter_ref=ref, on=date(2026, 12, 5), deadline=date(2026, 12, 20), sent_via="fax",
        company="华东机电有限公司", currency="CNY", customer_code=code, customer_name="苏州恒达贸易有限公司",
        address="苏州市工业园区星湖街 88 号", phone="0512-6666 8888", contact="李娜", rep="张伟",
        items=(item,), total=5_200_000,
        history=(HistoryRow(date(2026, 10, 10), "reminder", "mail", "DL2026-00011", None),),
        first_due=date(2026, 9, 2), language=language)


def letter_pdf(folder: Path, ref: str = "DL2026-00042", language: str = "zh_CN") -> bytes:
    path = folder / f"{ref}.pdf"
    render_letter(letter(ref, language), path)
    return path.read_bytes()


def letters_pdf(folder: Path, refs: list[str], languages: list[str] | None = None) -> bytes:
    """One PDF of several letters, a page each (in English, or in `languages` one by one)."""
    path = folder / "letters.pdf"
    langs = languages or ["en"] * len(refs)
    render_letters([letter(ref, lang, code=f"C{i:04d}")
                    for i, (ref, lang) in enumerate(zip(refs, langs, strict=True), start=1)], path)
    return path.read_bytes()
