"""Opening balances from xlsx or csv: all rows or none, each bad row with its number and
reason, formulas refused unevaluated, size caps, Chinese headers and GB18030 files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from sales_desk.domain.common.errors import NotPermitted
from sales_desk.models import Receivable
from sales_desk.services.collections import opening_balances as collections_import
from sales_desk.services.collections.opening_balances import FileRefused, ImportRejected
from tests.services.collection_flow import ago, crew, customer

HEADER = ["customer code", "document no.", "document date", "due date", "amount"]


@pytest.fixture
def team(make_user):  # noqa: ANN001, ANN201
    return crew(make_user)


def count(database) -> int:  # noqa: ANN001
    with database.engine.connect() as c:
        return c.execute(select(func.count()).select_from(Receivable)).scalar_one()


def xlsx(path: Path, rows: list[list[object]], header: list[str] = HEADER) -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(header)
    for r in rows:
        ws.append(r)
    book.save(path)
    return path


def test_import_is_all_or_nothing_and_names_each_bad_row(database, team, tmp_path: Path) -> None:  # noqa: ANN001
    customer(database, team.rep, "C600")
    path = xlsx(tmp_path / "ob.xlsx", [
        ["C600", "INV-1", date(2026, 1, 5), date(2026, 2, 4), 1234.5],  # fine
        ["C999", "INV-2", date(2026, 1, 5), date(2026, 2, 4), 100],  # unknown customer
        ["C600", "INV-3", "2026/01/05", "2025-12-31", "1,000.00"],  # due before the document
        ["C600", "INV-1", "2026-01-06", "2026-02-06", "-5"],  # twice in the file, negative
        ["C600", "INV-5", "not a date", "2026-02-06", "12.345"],  # bad date, three decimals
    ])
    with pytest.raises(ImportRejected) as err:
        collections_import.import_receivables(database.uow(team.fin), path)
    found = {(e.row, e.field) for e in err.value.errors}
    assert found == {(3, "customer code"), (4, "due date"), (5, "document no."), (5, "amount"),
                     (6, "document date"), (6, "amount")}
    assert "row 3" in str(err.value)
    assert count(database) == 0  # nothing half-imported


def test_import_loads_every_row_when_all_are_right(database, team, tmp_path: Path) -> None:  # noqa: ANN001
    a = customer(database, team.rep, "C601")
    customer(database, team.rep2, "C602")
    path = xlsx(tmp_path / "ob.xlsx", [
        ["c601", "INV-1", date(2026, 1, 5), date(2026, 2, 4), 1234.5],
        ["C602", 20260001, ago(10), ago(-20), "￥2,000"],
    ])
    result = collections_import.import_receivables(database.uow(team.fin), path)
    assert (result.rows, result.customers, result.total) == (2, 2, 123_450 + 200_000)
    with database.engine.connect() as c:
        rows = c.execute(select(Receivable.doc_no, Receivable.kind, Receivable.customer_id, Receivable.open_amount)
                         .order_by(Receivable.doc_no)).all()
    assert [tuple(r) for r in rows][0] == ("OB-20260001", "opening", a + 1, 200_000)
    assert [tuple(r) for r in rows][1] == ("OB-INV-1", "opening", a, 123_450)
    with pytest.raises(ImportRejected) as err:  # the same file again: already imported
        collections_import.import_receivables(database.uow(team.fin), path)
    assert {e.reason.split(" (")[0] for e in err.value.errors} == {"was imported before"}


def test_import_refuses_formulas_without_evaluating_them(database, team, tmp_path: Path) -> None:  # noqa: ANN001
    customer(database, team.rep, "C603")
    path = xlsx(tmp_path / "f.xlsx", [["C603", "INV-1", date(2026, 1, 5), date(2026, 2, 4), "=1000*2"]])
    with pytest.raises(ImportRejected) as err:
        collections_import.import_receivables(database.uow(team.fin), path)
    assert [(e.row, e.field) for e in err.value.errors] == [(2, "amount")]
    assert "formula" in err.value.errors[0].reason


def test_import_reads_chinese_headers_from_a_gb18030_csv(database, team, tmp_path: Path) -> None:  # noqa: ANN001
    customer(database, team.rep, "C604")
    path = tmp_path / "期初.csv"
    path.write_bytes("客户编码,单据号,单据日期,到期日,金额\nC604,发票001,2026年1月5日,2026-02-04,\"1,500.00\"\n"
                     .encode("gb18030"))
    result = collections_import.import_receivables(database.uow(team.fin), path)
    assert (result.rows, result.total) == (1, 150_000)


def test_import_caps_and_refusals(database, team, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    customer(database, team.rep, "C605")
    big = tmp_path / "big.csv"
    big.write_text(",".join(HEADER) + "\n" + "".join(f"C605,D{i},2026-01-05,2026-02-04,1\n" for i in range(30)))
    monkeypatch.setattr(collections_import, "MAX_ROWS", 20)
    with pytest.raises(FileRefused):
        collections_import.import_receivables(database.uow(team.fin), big)
    limit = collections_import.MAX_FILE_BYTES
    monkeypatch.setattr(collections_import, "MAX_FILE_BYTES", 100)
    with pytest.raises(FileRefused):
        collections_import.import_receivables(database.uow(team.fin), big)
    monkeypatch.setattr(collections_import, "MAX_FILE_BYTES", limit)
    (tmp_path / "x.txt").write_text("customer code\n")
    with pytest.raises(FileRefused):
        collections_import.import_receivables(database.uow(team.fin), tmp_path / "x.txt")
    headless = xlsx(tmp_path / "h.xlsx", [["C605", "X", date(2026, 1, 5), date(2026, 2, 4), 1]],
                    header=["a", "b", "c", "d", "e"])
    with pytest.raises(ImportRejected) as err:
        collections_import.import_receivables(database.uow(team.fin), headless)
    assert err.value.errors[0].row == 1
    with pytest.raises(NotPermitted):
        collections_import.import_receivables(database.uow(team.rep), headless)
    assert count(database) == 0
