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
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from decimal import Decimal
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

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
    """A table streamed into one or more worksheets; call `append` once per row.

    The header goes through xlsxwriter; data rows are rendered here, one string per row,
    straight into the worksheet's constant-memory row file (the same XML xlsxwriter
    writes in that mode: `<c r="A2" s="1"><v>…</v></c>`, inline strings). Going
    through xlsxwriter cell by cell cost ≈ 4.4 s for 100k rows × 10 columns; rendering
    the row here ≈ 1 s (benchmarks/bench_collections.py).
    """

    def __init__(
        self,
        book: XlsxWriter,
        name: str,
        columns: Sequence[Column],
        continued: Callable[[int], str] | None,
        footer: str = "",
    ):
        self._book = book
        self._footer = footer
        self.name = name
        self.columns = tuple(columns)
        self._continued = continued or (lambda n: f"{name} ({n})")
        self._ws: Any = None
        self._fh: Any = None  # the worksheet's row file, once the header is out
        self._line = 0  # the next row index in the current worksheet
        self.rows = 0  # data rows written, across all its worksheets
        self.worksheets = 0
        self._cells = [_cell_renderer(book, spec.kind) for spec in self.columns]
        self._letters = [xl_col(i) for i in range(max(len(self.columns), 1) + 64)]
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
        if self._footer:  # printed at the foot of every page ("&" is a field code there)
            ws.set_footer("&L" + self._footer.replace("&", "&&"))
        self._ws = ws
        self._fh = None
        self._line = 1

    def _finish_worksheet(self) -> None:
        ws = self._ws
        if ws is None:
            return
        if self._fh is not None and self._line > 1:
            # rows written here bypass xlsxwriter's bookkeeping: tell it how far they go
            ws.dim_rowmin = 0 if ws.dim_rowmin is None else ws.dim_rowmin
            ws.dim_rowmax = max(ws.dim_rowmax or 0, self._line - 1)
            ws.previous_row = self._line - 1
        if self.columns:
            ws.autofilter(0, 0, max(self._line - 1, 0), len(self.columns) - 1)

    def append(self, values: Sequence[object]) -> None:
        if self._line > self._book.max_rows_per_sheet:
            self._open_worksheet()
        fh = self._fh
        if fh is None:
            # flush the header row through xlsxwriter; from here on rows go to its file
            self._ws._write_single_row(1)
            fh = self._fh = self._ws.row_data_fh
        n = str(self._line + 1)
        cells = self._cells
        letters = self._letters
        ncols = len(cells)
        parts = [f'<row r="{n}">']
        for col, value in enumerate(values):
            if value is None:
                continue
            render = cells[col] if col < ncols else _text_cell
            parts.append(render(letters[col] + n, value))
        parts.append("</row>")
        fh.write("".join(parts))
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
        footer: str = "",
    ) -> Sheet:
        """A new table; `continued(n)` names its n-th worksheet when it overflows; `footer`
        is printed at the foot of each page."""
        sheet = Sheet(self, name, columns, continued, footer)
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

    def _xf(self, kind: str) -> int:
        """The style index cells of `kind` carry in the sheet XML."""
        return int(self._format(kind)._get_xf_index())


# -- cells: each column kind renders its value as the XML xlsxwriter would ---------------

_EPOCH = date(1899, 12, 30)  # Excel's day 0 for dates from 1900-03-01 on
_LEAP_BUG_END = date(1900, 3, 1)  # before it, Excel's fictitious 29 Feb 1900 counts
_NEEDS_ESCAPE = re.compile(r"[&<>\x00-\x08\x0b-\x1f\ufffe\uffff]|_x[0-9a-fA-F]{4}_")
_CONTROL = re.compile(r"([\x00-\x08\x0b-\x1f])")
_ESCAPED_ESCAPE = re.compile("(_x[0-9a-fA-F]{4}_)")

CellRenderer = Callable[[str, object], str]


def xl_col(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _text_cell(ref: str, value: object) -> str:
    """Text is always an inline string: "=cmd|…", "+86…", "@SUM" stay text, never a formula."""
    text = value if isinstance(value, str) else str(value)
    if len(text) > MAX_CELL_TEXT:
        text = _clip(text)
    if _NEEDS_ESCAPE.search(text):
        text = _ESCAPED_ESCAPE.sub(r"_x005F\1", text)
        text = _CONTROL.sub(lambda m: f"_x{ord(m.group(1)):04X}_", text)
        text = text.replace("\ufffe", "_xFFFE_").replace("\uffff", "_xFFFF_")
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if text[:1].isspace() or text[-1:].isspace():
        return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def _number(ref: str, number: object, style: int | None = None) -> str:
    s = "" if style is None else f' s="{style}"'
    return f'<c r="{ref}"{s}><v>{number:.16G}</v></c>'


def _minor_text(minor: int) -> str:
    """12345 → "123.45", -5 → "-0.05": exact, no Decimal on the hot path."""
    sign = "-" if minor < 0 else ""
    whole, cents = divmod(abs(minor), 100)
    return f"{sign}{whole}.{cents:02d}"


def _excel_serial(value: date | datetime) -> float | int:
    """Days since Excel's epoch (1900 system); before 1 March 1900 one less, for the
    29 February 1900 Excel believes in."""
    day = value.date() if isinstance(value, datetime) else value
    epoch = _EPOCH if day >= _LEAP_BUG_END else _EPOCH + timedelta(days=1)
    if isinstance(value, datetime):
        delta = value - datetime.combine(epoch, time())
        return delta.days + (delta.seconds * 1_000_000 + delta.microseconds) / 86_400_000_000
    return (value - epoch).days


def _cell_renderer(book: XlsxWriter, kind: str) -> CellRenderer:
    """The function that renders one value of a column of `kind` (the rules of the
    module docstring); formats are looked up once per column, not per cell."""
    money = book._xf("money")
    day = book._xf("date")
    stamp = book._xf("datetime")
    tz = book.tz

    def dated(ref: str, value: datetime | date) -> str:
        if value.year < 1900:  # Excel has no such dates: keep them readable as text
            return _text_cell(ref, value.isoformat())
        if isinstance(value, datetime):
            if value.tzinfo is not None:
                value = value.astimezone(tz).replace(tzinfo=None)
            if kind == "date":
                return _number(ref, _excel_serial(value.date()), day)
            return _number(ref, _excel_serial(value), stamp)
        return _number(ref, _excel_serial(value), day)

    def render(ref: str, value: object) -> str:
        if isinstance(value, str):
            if kind in ("date", "datetime"):
                parsed = _parse_iso(value)
                if parsed is not None:
                    return dated(ref, parsed)
            return _text_cell(ref, value)
        if isinstance(value, bool):
            return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
        if kind == "money" and isinstance(value, int):
            return f'<c r="{ref}" s="{money}"><v>{_minor_text(value)}</v></c>'
        if kind == "money" and isinstance(value, Decimal):
            return _number(ref, value, money)
        if isinstance(value, date):  # datetimes too
            return dated(ref, value)
        if isinstance(value, int | float | Decimal) and kind != "text":
            return _number(ref, value)
        return _text_cell(ref, value)

    if kind == "text":
        def text(ref: str, value: object) -> str:
            if isinstance(value, str):
                return _text_cell(ref, value)
            return render(ref, value)
        return text
    if kind == "money":
        def amount(ref: str, value: object) -> str:
            if type(value) is int:
                return f'<c r="{ref}" s="{money}"><v>{_minor_text(value)}</v></c>'
            return render(ref, value)
        return amount
    if kind == "date":
        def plain_date(ref: str, value: object) -> str:
            if type(value) is date:
                return _number(ref, _excel_serial(value), day)
            return render(ref, value)
        return plain_date
    return render


def _clip(text: str) -> str:
    return text if len(text) <= MAX_CELL_TEXT else text[: MAX_CELL_TEXT - 1] + "…"


def _parse_iso(text: str) -> date | None:
    try:
        return datetime.fromisoformat(text) if "T" in text or " " in text else date.fromisoformat(text)
    except ValueError:
        return None
