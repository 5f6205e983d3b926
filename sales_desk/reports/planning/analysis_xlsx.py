"""A chart's data as a workbook: one sheet named after the chart, the columns as the
chart's table shows them (money as numbers with two decimals), through the shared
streaming writer (text never becomes a formula; a failed export leaves no file)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from sales_desk.reports.common.xlsx_writer import Column, Kind, XlsxWriter


def write_table(path: Path, sheet: str, columns: Sequence[tuple[str, Kind, float]],
                rows: Iterable[Sequence[object]]) -> int:
    """Write `rows` under `columns` ((title, kind, width), titles translated); the row count."""
    with XlsxWriter(path) as book:
        table = book.add_sheet(sheet, [Column(title, kind, width) for title, kind, width in columns])
        for row in rows:
            table.append(row)
        return table.rows
