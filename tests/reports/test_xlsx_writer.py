"""The shared streaming xlsx writer, read back with openpyxl."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from sales_desk.reports.common.xlsx_writer import (
    MAX_CELL_TEXT,
    MAX_DATA_ROWS,
    Column,
    XlsxWriter,
    sheet_name,
)

COLUMNS = [
    Column("Name", width=30),
    Column("Amount", "money"),
    Column("Due", "date"),
    Column("At", "datetime"),
    Column("Count", "int"),
]


def _excel(*parts: int) -> datetime:
    """A cell's date-time as openpyxl reads it back: naive, in the writer's zone."""
    return datetime(*parts, tzinfo=UTC).replace(tzinfo=None)


def _write(path: Path, rows: list[tuple], **kw) -> None:
    with XlsxWriter(path, **kw) as book:
        book.add_sheet("Data", COLUMNS).extend(rows)


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    nasty = ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1:A2)", "=HYPERLINK(\"http://x\")"]
    _write(path, [(v, None, None, None, v) for v in nasty])
    ws = openpyxl.load_workbook(path).active
    for r, v in enumerate(nasty, start=2):
        for c in (1, 5):  # a text column, and a str value in a number column
            cell = ws.cell(r, c)
            assert cell.value == v
            assert cell.data_type == "s"


def test_money_from_minor_units_is_a_number_with_two_decimals(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    _write(path, [("a", 123456789, None, None, 1), ("b", -5, None, None, 2),
                  ("c", Decimal("7.50"), None, None, 3)])
    ws = openpyxl.load_workbook(path).active
    assert [ws.cell(r, 2).value for r in (2, 3, 4)] == [1234567.89, -0.05, 7.5]
    assert all(ws.cell(r, 2).data_type == "n" for r in (2, 3, 4))
    assert ws.cell(2, 2).number_format == "#,##0.00"
    assert ws.cell(2, 5).value == 1 and ws.cell(2, 5).data_type == "n"


def test_dates_and_times_are_real_dates(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    beijing = timezone(timedelta(hours=8))
    _write(path, [
        ("a", None, date(2024, 2, 29), datetime(2024, 3, 1, 8, 30, tzinfo=beijing), None),
        ("b", None, "2024-12-31", "2024-05-01T08:00:00.000000+00:00", None),
    ])
    ws = openpyxl.load_workbook(path).active
    assert ws.cell(2, 3).value == _excel(2024, 2, 29)
    assert ws.cell(2, 3).number_format == "yyyy-mm-dd"
    assert ws.cell(2, 4).value == _excel(2024, 3, 1, 0, 30)  # shown in UTC by default
    assert ws.cell(3, 3).value == _excel(2024, 12, 31)
    assert ws.cell(3, 4).value == _excel(2024, 5, 1, 8, 0)
    assert ws.cell(3, 4).is_date


def test_header_is_bold_frozen_filtered_and_columns_sized(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    _write(path, [("a", 1, None, None, 1), ("b", 2, None, None, 2)])
    ws = openpyxl.load_workbook(path).active
    assert [c.value for c in ws[1]] == [c.title for c in COLUMNS]
    assert all(c.font.b for c in ws[1])
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:E3"
    assert ws.column_dimensions["A"].width > ws.column_dimensions["B"].width


def test_rows_beyond_a_sheet_continue_on_a_new_sheet_with_the_header(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    _write(path, [(f"n{i}", i, None, None, i) for i in range(7)], max_rows_per_sheet=3)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Data", "Data (2)", "Data (3)"]
    assert [ws.max_row - 1 for ws in book.worksheets] == [3, 3, 1]
    assert all(ws.cell(1, 1).value == "Name" for ws in book.worksheets)
    assert book.worksheets[2].cell(2, 1).value == "n6"
    assert book.worksheets[1].auto_filter.ref == "A1:E4"


def test_a_sheet_holds_at_most_excels_row_limit() -> None:
    assert MAX_DATA_ROWS == 1_048_576 - 1
    with pytest.raises(ValueError):
        XlsxWriter("unused.xlsx", max_rows_per_sheet=MAX_DATA_ROWS + 1)


def test_a_failed_export_leaves_no_file(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    with pytest.raises(RuntimeError), XlsxWriter(path) as book:
        sheet = book.add_sheet("Data", COLUMNS)
        sheet.append(("a", 1, None, None, 1))
        raise RuntimeError("cancelled")
    assert list(tmp_path.iterdir()) == []


def test_overlong_text_is_cut_not_lost_silently(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    _write(path, [("x" * (MAX_CELL_TEXT + 10), None, None, None, None)])
    value = openpyxl.load_workbook(path).active.cell(2, 1).value
    assert len(value) == MAX_CELL_TEXT and value.endswith("…")


def test_sheet_names_are_made_legal_and_unique() -> None:
    taken: set[str] = set()
    assert sheet_name("a/b:c", taken) == "a_b_c"
    assert sheet_name("A/B:C", taken) == "A_B_C (2)"
    long = sheet_name("x" * 40, taken)
    assert len(long) == 31
    assert len(sheet_name("x" * 40, taken)) == 31


def test_utc_writer_converts_aware_times_only(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    _write(path, [("a", None, None, datetime(2024, 1, 1, 12, tzinfo=UTC), None)],
           tz=timezone(timedelta(hours=8)))
    assert openpyxl.load_workbook(path).active.cell(2, 4).value == _excel(2024, 1, 1, 20)


def test_rows_rendered_by_the_writer_read_back_like_xlsxwriters_cells(tmp_path: Path) -> None:
    """Data rows bypass xlsxwriter's cell calls: every kind of value must still read back."""
    path = tmp_path / "x.xlsx"
    columns = [Column("Text"), Column("Amount", "money"), Column("Due", "date"),
               Column("At", "datetime"), Column("Count", "int"), Column("Ratio", "number")]
    rows = [
        (" leading and trailing ", -123456789, date(1900, 1, 15), _excel(2024, 5, 1, 8, 30, 15, 500000),
         10**15, Decimal("0.125")),
        ("a\x01b _x0041_ <&>", Decimal("-7.5"), datetime(2024, 3, 1, 23, 59, tzinfo=UTC), date(2024, 1, 2),
         True, 1.5),
        (42, None, "not a date", "2024-02-29", "=1+1", None, "beyond the columns"),
    ]
    with XlsxWriter(path) as book:
        book.add_sheet("Data", columns).extend(rows)
    ws = openpyxl.load_workbook(path).active
    assert [c.value for c in ws[2]][:6] == [
        " leading and trailing ", -1234567.89, _excel(1900, 1, 15), _excel(2024, 5, 1, 8, 30, 15, 500000),
        10**15, 0.125]
    # a control character is written as Excel's _xHHHH_ escape (and a literal one escaped
    # again), as xlsxwriter does: Excel shows the text; openpyxl shows the escapes
    assert [c.value for c in ws[3]][:6] == ["a_x0001_b _x005F_x0041_ <&>", -7.5, _excel(2024, 3, 1),
                                            _excel(2024, 1, 2), True, 1.5]
    assert [c.value for c in ws[4]] == ["42", None, "not a date", _excel(2024, 2, 29), "=1+1", None,
                                        "beyond the columns"]
    assert ws.cell(4, 5).data_type == "s" and ws.cell(4, 7).data_type == "s"
    assert ws.cell(2, 2).number_format == "#,##0.00" and ws.cell(2, 4).number_format == "yyyy-mm-dd hh:mm:ss"
    assert ws.max_row == 4 and ws.calculate_dimension() == "A1:G4"


def test_memory_does_not_grow_with_the_rows(tmp_path: Path) -> None:
    """Constant memory: the writer holds one row, not the table (peak with 2,000 and
    20,000 rows within a few hundred kilobytes of each other)."""
    import tracemalloc

    def peak(n: int) -> int:
        tracemalloc.start()
        with XlsxWriter(tmp_path / f"{n}.xlsx") as book:
            sheet = book.add_sheet("Data", COLUMNS)
            for i in range(n):
                sheet.append((f"customer {i}", i * 100, date(2024, 1, 1), None, i))
        result = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return result

    small, large = peak(2_000), peak(20_000)
    assert large - small < 512 * 1024
