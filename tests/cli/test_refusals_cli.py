"""`audit refusals`: the refusals log as a workbook of sentences, as `audit export` does the
audit trail (issue 13)."""

from __future__ import annotations

import openpyxl

from tests.cli.conftest import ADMIN_PASSWORD, USER_PASSWORD


def test_the_refusals_log_exports_as_sentences_filtered_by_kind(firm, tmp_path) -> None:
    added = firm("user", "add", "li", "--role", "sales_rep", "--full-name", "李四", "--password-stdin",
                 "--user", "admin", stdin=USER_PASSWORD + "\n", password=ADMIN_PASSWORD)
    assert added.code == 0, added.text
    for _ in range(2):
        assert firm("check", "--user", "li", password=USER_PASSWORD).code == 1  # refused, and logged
    target = tmp_path / "refusals.xlsx"
    result = firm("audit", "refusals", "--out", str(target), "--kind", "no_right", "--user", "admin",
                  password=ADMIN_PASSWORD)
    assert result.code == 0, result.text
    assert "Wrote 2 refusals" in result.out
    sheet = openpyxl.load_workbook(target).worksheets[0]
    assert [sheet.cell(r, 4).value for r in (2, 3)] == [
        "李四 tried to check the database — refused: their roles do not give them the right to."] * 2
    assert [sheet.cell(2, c).value for c in (2, 3, 9, 10)] == ["李四", "No right", "li", "integrity.check_database"]
    empty = firm("audit", "refusals", "--out", str(target), "--kind", "rule", "--user", "admin",
                 password=ADMIN_PASSWORD)
    assert empty.code == 0 and "Wrote 0 refusals" in empty.out
