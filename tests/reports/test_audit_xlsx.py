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
    who: str = "系统管理员"
    sentence: str = "系统管理员 created the user account ann"
    subject: str = "ann"
    changes_text: str = "Username: ann"


def test_values_that_look_like_formulas_are_written_as_text(tmp_path: Path) -> None:
    path = tmp_path / "audit.xlsx"
    nasty = ["=1+1", "+86 138 0000", "-2", "@SUM(A1)"]
    write_audit_xlsx(path, [Row(i + 1, username=v, after=v, sentence=v) for i, v in enumerate(nasty)])
    sheet = openpyxl.load_workbook(path).active
    cells = [(sheet.cell(r, 4), sheet.cell(r, 7), sheet.cell(r, 12)) for r in range(2, 2 + len(nasty))]
    assert [c.value for c, _, _ in cells] == nasty
    assert all(c.data_type == "s" for row in cells for c in row)


def test_the_sheet_reads_as_sentences_before_the_raw_fields(tmp_path: Path) -> None:
    path = tmp_path / "audit.xlsx"
    write_audit_xlsx(path, [Row(1, after='{"username":"ann"}')])
    sheet = openpyxl.load_workbook(path).active
    header = [c.value for c in sheet[1]]
    assert header[:6] == ["No.", "Time (UTC)", "Who", "What happened", "Document", "Changed fields"]
    assert header[6:] == ["User", "Action", "Entity", "ID", "Before", "After"]
    values = [c.value for c in sheet[2]]
    assert values[2:6] == ["系统管理员", "系统管理员 created the user account ann", "ann", "Username: ann"]
    assert values[7] == "user.create" and values[11] == '{"username":"ann"}'


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
