"""`import customers FILE` end to end: Chinese and English headers, row errors on stderr
with nothing imported, --check writing nothing, --map, and an export read back in."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from tests.cli.conftest import ADMIN_PASSWORD, USER_PASSWORD


@pytest.fixture
def office(firm):  # noqa: ANN001
    for name, role in (("mgr", "sales_manager"), ("li", "sales_rep")):
        added = firm("user", "add", name, "--role", role, "--password-stdin", "--user", "admin",
                     stdin=USER_PASSWORD + "\n", password=ADMIN_PASSWORD)
        assert added.code == 0, added.text
    return firm


def _book(path: Path, *rows: tuple) -> Path:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(list(row))
    book.save(path)
    return path


def _customers(cli) -> list[str]:  # noqa: ANN001
    listed = cli("export", "customers", "--out", str(cli.data_dir.parent / "all.xlsx"), "--order", "code",
                 "--user", "mgr", password=USER_PASSWORD)
    assert listed.code == 0, listed.text
    sheet = openpyxl.load_workbook(cli.data_dir.parent / "all.xlsx", read_only=True).worksheets[0]
    return [r[0] for r in list(sheet.iter_rows(values_only=True))[1:]]


def test_a_chinese_workbook_imports_with_contacts_and_credit(office, tmp_path: Path) -> None:  # noqa: ANN001
    book = _book(tmp_path / "客户.xlsx", ("客户资料表",),
                 ("客户编号", "客户名称", "区域", "联系人", "手机", "业务员", "信用等级", "信用额度（元）", "账期（天）"),
                 ("HZ001", "杭州宏达机电有限公司", "华东", "王强", 13800138000, "li", "B", 80000, 45),
                 ("HZ001", None, None, "赵敏", 13900139000),
                 ("SZ002", "苏州瑞丰贸易", "华东", None, None, None, "A", 500000, "不限"))
    done = office("import", "customers", str(book), "--user", "mgr", password=USER_PASSWORD)
    assert done.code == 0, done.text
    assert "Imported 2 customers (HZ001–SZ002): 2 contacts, 2 with credit figures." in done.out
    assert _customers(office) == ["HZ001", "SZ002"]


def test_row_errors_go_to_stderr_with_row_numbers_and_nothing_is_imported(office, tmp_path: Path) -> None:  # noqa: ANN001
    book = _book(tmp_path / "bad.xlsx", ("Customer name", "Region", "Founded"),
                 ("Hongda", "east", "2010-05-01"), ("Huatong", "Mars", "2010-02-30"))
    result = office("import", "customers", str(book), "--user", "mgr", password=USER_PASSWORD)
    assert result.code == 1
    assert "Row 3, Region: not one of the listed values" in result.err
    assert "Row 3, Founded: no such date" in result.err
    assert "Nothing was imported: 2 errors in the file." in result.err
    assert "Traceback" not in result.err
    assert _customers(office) == []


def test_check_shows_the_mapping_and_writes_nothing_and_map_corrects_it(office, tmp_path: Path) -> None:  # noqa: ANN001
    csv = tmp_path / "list.csv"
    csv.write_text("编号,单位名称,备注栏\nA1,宏达,老客户\n", encoding="utf-8-sig")
    checked = office("import", "customers", str(csv), "--check", "--user", "mgr", password=USER_PASSWORD)
    assert checked.code == 0, checked.text
    assert "code (Customer code)" in checked.out and "— not imported —" in checked.out
    assert "1 rows: 1 customers, 0 contacts, 0 with credit figures." in checked.out
    assert _customers(office) == []
    mapped = office("import", "customers", str(csv), "--map", "备注栏=trade_issues", "--map", "1=-",
                    "--user", "mgr", password=USER_PASSWORD)
    assert mapped.code == 0, mapped.text
    [code] = _customers(office)
    assert code.startswith("C")  # column 1 left out: a code was given


def test_mistakes_are_usage_errors_and_a_rep_is_refused(office, tmp_path: Path) -> None:  # noqa: ANN001
    missing = office("import", "customers", str(tmp_path / "nope.xlsx"), "--user", "mgr", password=USER_PASSWORD)
    assert missing.code == 2 and "No such file" in missing.err
    book = _book(tmp_path / "ok.xlsx", ("名称",), ("宏达",))
    bad_map = office("import", "customers", str(book), "--map", "名称=nickname", "--user", "mgr",
                     password=USER_PASSWORD)
    assert bad_map.code == 2 and "not a field" in bad_map.err
    rep = office("import", "customers", str(book), "--user", "li", password=USER_PASSWORD)
    assert rep.code == 1 and "customer.import" in rep.err


def test_an_exported_list_imports_into_another_office(office, tmp_path: Path, cli) -> None:  # noqa: ANN001
    book = _book(tmp_path / "one.xlsx", ("客户编号", "客户名称", "区域", "行业"), ("A1", "宏达", "华东", "制造业"))
    assert office("import", "customers", str(book), "--user", "mgr", password=USER_PASSWORD).code == 0
    exported = tmp_path / "export.xlsx"
    assert office("export", "customers", "--out", str(exported), "--user", "mgr", password=USER_PASSWORD).code == 0
    elsewhere = ["--data-dir", str(tmp_path / "branch")]
    assert cli("init", "--admin", "admin", "--password-stdin", stdin=ADMIN_PASSWORD + "\n",
               location=elsewhere).code == 0
    assert cli("user", "add", "boss", "--role", "sales_manager", "--password-stdin", "--user", "admin",
               stdin=USER_PASSWORD + "\n", password=ADMIN_PASSWORD, location=elsewhere).code == 0
    again = cli("import", "customers", str(exported), "--user", "boss", password=USER_PASSWORD,
                location=elsewhere)
    assert again.code == 0, again.text
    assert "Imported 1 customer (A1–A1)" in again.out
