"""A small streaming xlsx writer shared by every export.

xlsxwriter in constant-memory mode (≈ 23 MB at 100k rows, see DESIGN.md): rows are
flushed as they are written, so each sheet is filled top to bottom, once.

What every export gets from here, so no export has to remember it:
- the header row bold, frozen, with an autofilter over the whole table;
- money (int minor units) as numbers with two decimals, dates and times as real
  dates, numbers as numbers;
- every text cell written with `write_string`: a name such as "=cmd|' /C calc'!A0"
  or "+86 138…" stays text and can never become a formula (formula injection);
- a table longer than one sheet (1,048,575 data rows) continues on a new sheet;
- the file appears under its final name only when complete: a failed or
  cancelled export leaves nothing half-written behind.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo
from decimal import Decimal
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

from sales_desk.domain.money import from_minor

MAX_DATA_ROWS = 1_048_575  # a sheet holds 1,048,576 rows; one is the header
MAX_CELL_TEXT = 32_767  # Excel's limit; longer text is cut with an ellipsis
MAX_SHEET_NAME = 31

Kind = Literal["text", "int", "number", "money", "date", "datetime"]

_NUM_FORMATS: dict[str, str] = {
    "money": "#,##0.00",
    "date": "yyyy-mm-dd",
    "datetime": "yyyy-mm-dd hh:mm:ss",
}
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


@dataclass(frozen=True)
class Column:
    """One column: its (already translated) title, what it holds, how wide it is."""

    title: str
    kind: Kind = "text"
    width: float = 16


def sheet_name(name: str, taken: set[str]) -> str:
    """A legal, unique sheet name: no []:*?/\\, at most 31 characters."""
    base = _BAD_SHEET_CHARS.sub("_", name).strip("'") or "Sheet"
    candidate = base[:MAX_SHEET_NAME]
    n = 2
    while candidate.lower() in taken:
        suffix = f" ({n})"
        candidate = base[: MAX_SHEET_NAME - len(suffix)] + suffix
        n += 1
    taken.add(candidate.lower())
    return candidate


class Sheet:
    """A table streamed into one or more worksheets; call `append` once per row."""

    def __init__(
        self,
        book: XlsxWriter,
        name: str,
        columns: Sequence[Column],
        continued: Callable[[int], str] | None,
    ):
        self._book = book
        self.name = name
        self.columns = tuple(columns)
        self._continued = continued or (lambda n: f"{name} ({n})")
        self._ws: Any = None
        self._line = 0  # the next row index in the current worksheet
        self.rows = 0  # data rows written, across all its worksheets
        self.worksheets = 0
        self._open_worksheet()

    def _open_worksheet(self) -> None:
        self._finish_worksheet()
        self.worksheets += 1
        title = self.name if self.worksheets == 1 else self._continued(self.worksheets)
        ws = self._book._add_worksheet(title)
        header = self._book._format("header")
        for col, spec in enumerate(self.columns):
            ws.set_column(col, col, spec.width)
            ws.write_string(0, col, spec.title, header)
        ws.freeze_panes(1, 0)
        self._ws = ws
        self._line = 1

    def _finish_worksheet(self) -> None:
        if self._ws is not None and self.columns:
            self._ws.autofilter(0, 0, max(self._line - 1, 0), len(self.columns) - 1)

    def append(self, values: Sequence[object]) -> None:
        if self._line > self._book.max_rows_per_sheet:
            self._open_worksheet()
        for col, value in enumerate(values):
            kind = self.columns[col].kind if col < len(self.columns) else "text"
            self._book._write(self._ws, self._line, col, kind, value)
        self._line += 1
        self.rows += 1

    def extend(self, rows: Sequence[Sequence[object]]) -> None:
        for row in rows:
            self.append(row)


class XlsxWriter:
    """Use as a context manager; the file is in place after a clean exit.

        with XlsxWriter(path) as book:
            sheet = book.add_sheet(_("Customers"), [Column(_("Name"), width=30), ...])
            for row in rows:
                sheet.append(row)
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        max_rows_per_sheet: int = MAX_DATA_ROWS,
        tz: tzinfo = UTC,
    ):
        import xlsxwriter  # lazy: only exports pay for it

        if not 1 <= max_rows_per_sheet <= MAX_DATA_ROWS:
            raise ValueError(f"max_rows_per_sheet must be 1..{MAX_DATA_ROWS}")
        self.path = Path(path)
        self.max_rows_per_sheet = max_rows_per_sheet
        self.tz = tz  # aware datetimes are shown in this zone
        self._tmp = self.path.with_name(self.path.name + ".part")
        self._book = xlsxwriter.Workbook(
            str(self._tmp),
            {
                "constant_memory": True,
                # Belt and braces: we never call write() with a str, but if anyone
                # does, a string still never turns into a formula, number or link.
                "strings_to_formulas": False,
                "strings_to_numbers": False,
                "strings_to_urls": False,
            },
        )
        self._formats: dict[str, Any] = {}
        self._names: set[str] = set()
        self._sheets: list[Sheet] = []
        self._closed = False

    # -- public ----------------------------------------------------------------------
    def add_sheet(
        self,
        name: str,
        columns: Sequence[Column],
        continued: Callable[[int], str] | None = None,
    ) -> Sheet:
        """A new table; `continued(n)` names its n-th worksheet when it overflows."""
        sheet = Sheet(self, name, columns, continued)
        self._sheets.append(sheet)
        return sheet

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        try:
            for sheet in self._sheets:
                sheet._finish_worksheet()
            self._book.close()
            os.replace(self._tmp, self.path)
        except BaseException:
            self._tmp.unlink(missing_ok=True)
            raise

    def discard(self) -> None:
        """Abandon the export: no file is left behind."""
        if not self._closed:
            self._closed = True
            try:
                self._book.close()
            except Exception:  # a half-built workbook may not close cleanly; it goes anyway
                pass
        self._tmp.unlink(missing_ok=True)

    def __enter__(self) -> XlsxWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc_type is None:
            self.close()
        else:
            self.discard()

    # -- cells -------------------------------------------------------------------------
    def _add_worksheet(self, title: str) -> Any:
        return self._book.add_worksheet(sheet_name(title, self._names))

    def _format(self, kind: str) -> Any:
        fmt = self._formats.get(kind)
        if fmt is None:
            if kind == "header":
                fmt = self._book.add_format({"bold": True})
            else:
                fmt = self._book.add_format({"num_format": _NUM_FORMATS[kind]})
            self._formats[kind] = fmt
        return fmt

    def _write(self, ws: Any, row: int, col: int, kind: str, value: object) -> None:
        if value is None:
            return
        if isinstance(value, str):
            if kind in ("date", "datetime"):
                parsed = _parse_iso(value)
                if parsed is not None:
                    self._write(ws, row, col, kind, parsed)
                    return
            ws.write_string(row, col, _clip(value))
        elif isinstance(value, bool):
            ws.write_boolean(row, col, value)
        elif kind == "money" and isinstance(value, int):
            ws.write_number(row, col, from_minor(value), self._format("money"))
        elif kind == "money" and isinstance(value, Decimal):
            ws.write_number(row, col, value, self._format("money"))
        elif isinstance(value, datetime):
            if value.tzinfo is not None:
                value = value.astimezone(self.tz).replace(tzinfo=None)
            if kind == "date":
                ws.write_datetime(row, col, value.date(), self._format("date"))
            else:
                ws.write_datetime(row, col, value, self._format("datetime"))
        elif isinstance(value, date):
            ws.write_datetime(row, col, value, self._format("date"))
        elif isinstance(value, int | float | Decimal) and kind != "text":
            ws.write_number(row, col, value)
        else:
            ws.write_string(row, col, _clip(str(value)))


def _clip(text: str) -> str:
    return text if len(text) <= MAX_CELL_TEXT else text[: MAX_CELL_TEXT - 1] + "…"


def _parse_iso(text: str) -> date | None:
    try:
        return datetime.fromisoformat(text) if "T" in text or " " in text else date.fromisoformat(text)
    except ValueError:
        return None
