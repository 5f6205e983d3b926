"""`export customers` end to end on the demo firm: read back with openpyxl, filters applied,
held to the acting user's rights, mistakes said without a traceback."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from sales_desk.demo.customers import CUSTOMER_COUNT
from tests.cli.conftest import ADMIN_PASSWORD

DEMO_FILES = CUSTOMER_COUNT + 1  # the demo's customers and the lead it converts into a file


@pytest.fixture
def demo_firm(firm):  # noqa: ANN001
    """The demo firm loaded through the CLI; the users' passwords as it printed them."""
    loaded = firm("demo", "--user", "admin", password=ADMIN_PASSWORD)
    assert loaded.code == 0, loaded.text
    passwords = {}
    for line in loaded.out.splitlines():
        words = line.split()
        if len(words) >= 3 and words[-1].count("-") == 2 and len(words[-1]) == 14:
            passwords[words[0]] = words[-1]
    assert "zhangwei" in passwords
    firm.passwords = passwords  # type: ignore[attr-defined]
    return firm


def _export(cli, user: str, out: Path, *filters: str):  # noqa: ANN001, ANN202
    return cli("export", "customers", "--out", str(out), "--user", user, *filters,
               password=cli.passwords[user])


def _rows(path: Path) -> list[tuple]:
    sheet = openpyxl.load_workbook(path, read_only=True).worksheets[0]
    return list(sheet.iter_rows(values_only=True))


def test_export_writes_every_customer_the_manager_sees(demo_firm, tmp_path: Path) -> None:
    target = tmp_path / "customers.xlsx"
    result = _export(demo_firm, "zhangwei", target)
    assert result.code == 0, result.text
    rows = _rows(target)
    assert rows[0][:3] == ("Code", "Name", "Region")
    assert len(rows) == 1 + DEMO_FILES
    assert f"Wrote {DEMO_FILES} customers to {target}." in result.out
    names = [r[1] for r in rows[1:]]
    assert names == sorted(names) and all(names)


def test_export_applies_the_filters(demo_firm, tmp_path: Path) -> None:
    target = tmp_path / "east.xlsx"
    assert _export(demo_firm, "zhangwei", target, "--region", "east", "--order", "code").code == 0
    rows = _rows(target)[1:]
    assert rows and {r[2] for r in rows} == {"East China"}
    codes = [r[0] for r in rows]
    assert codes == sorted(codes)
    held = tmp_path / "held.xlsx"
    assert _export(demo_firm, "zhangwei", held, "--credit-hold").code == 0
    assert [r[13] for r in _rows(held)[1:]] == ["Yes"]  # the demo's one customer on hold
    mine = tmp_path / "rep.xlsx"
    assert _export(demo_firm, "zhangwei", mine, "--rep", "yangfan").code == 0
    assert {r[11] for r in _rows(mine)[1:]} == {"杨帆"}


def test_export_needs_its_own_right(demo_firm, tmp_path: Path) -> None:
    target = tmp_path / "list.xlsx"
    result = _export(demo_firm, "liuyang", target)  # a supervisor sees the list, may not export it
    assert result.code == 1
    assert "customer.export" in result.err and "Traceback" not in result.text
    assert not target.exists()


@pytest.mark.parametrize(("argv", "said"), [
    (("--region", "mars"), "--region: “mars” is not one of"),
    (("--rep", "nobody"), "--rep: “nobody” is not a sales rep."),
])
def test_a_wrong_filter_is_a_usage_mistake(demo_firm, tmp_path: Path, argv, said) -> None:  # noqa: ANN001
    result = _export(demo_firm, "zhangwei", tmp_path / "x.xlsx", *argv)
    assert result.code == 2 and said in result.err
    assert "Traceback" not in result.text and not (tmp_path / "x.xlsx").exists()


def test_the_file_must_be_an_xlsx_in_an_existing_folder(demo_firm, tmp_path: Path) -> None:
    assert _export(demo_firm, "zhangwei", tmp_path / "list.csv").code == 2
    result = _export(demo_firm, "zhangwei", tmp_path / "missing" / "list.xlsx")
    assert result.code == 2 and "No such folder" in result.err
