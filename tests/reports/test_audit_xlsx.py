"""The streaming audit export: text stays text, big trails split, a cancel leaves no file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest

from sales_desk.domain.common.errors import Cancelled
from sales_desk.reports.admin.audit_xlsx import write_audit_xlsx


@dataclass(frozen=True)
class Row:
    seq: int
    at: str = "2024-05-01T08:00:00.000000+00:00"
    username: str = "admin"
    action: str = "user.create"
    entity: str = "user"
    entity_id: str = "1"
    before: str | None = None
    after: str | None = None


def test_values_that_look_like_formulas_are_written_as_text(tmp_path: Path) -> None:
    path = tmp_path / "audit.xlsx"
    nasty = ["=1+1", "+86 138 0000", "-2", "@SUM(A1)"]
    write_audit_xlsx(path, [Row(i + 1, username=v, after=v) for i, v in enumerate(nasty)])
    sheet = openpyxl.load_workbook(path).active
    cells = [(sheet.cell(r, 3), sheet.cell(r, 8)) for r in range(2, 2 + len(nasty))]
    assert [c.value for c, _ in cells] == nasty
    assert all(c.data_type == "s" and d.data_type == "s" for c, d in cells)


def test_rows_beyond_a_sheet_continue_on_the_next_sheet(tmp_path: Path) -> None:
    path = tmp_path / "audit.xlsx"
    assert write_audit_xlsx(path, (Row(i) for i in range(1, 8)), max_rows_per_sheet=3) == 7
    book = openpyxl.load_workbook(path)
    assert [ws.max_row - 1 for ws in book.worksheets] == [3, 3, 1]
    assert book.worksheets[2].cell(2, 1).value == 7


def test_cancelled_export_leaves_no_file(tmp_path: Path) -> None:
    path = tmp_path / "audit.xlsx"

    def progress(done: int) -> None:
        raise Cancelled()

    with pytest.raises(Cancelled):
        write_audit_xlsx(path, (Row(i) for i in range(1, 3000)), progress=progress)
    assert list(tmp_path.iterdir()) == []
