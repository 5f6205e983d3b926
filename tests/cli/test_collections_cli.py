"""`export aging|ledger|liability`, `print letter|letters|credit-audit` and `import receivables`
end to end: files read back, held to the acting user's rights, mistakes exit without a
traceback and leave no file."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from sales_desk.cli.main import build_parser
from sales_desk.config import AppConfig
from sales_desk.domain.collections.liability import month_start
from tests.cli.conftest import ADMIN_PASSWORD, USER_PASSWORD
from tests.services.collection_flow import ago, crew, customer, invoice, today


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def _text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


@pytest.fixture
def books(firm):  # noqa: ANN001, ANN201
    """Two customers at the dunning notice and one with an old debt, made through the services."""
    from sales_desk.db.database import open_database
    from sales_desk.services.admin import auth, users
    from sales_desk.services.collections import dunning

    db = open_database(AppConfig(data_dir=firm.data_dir, language="en"))
    try:
        admin = auth.login(db.uow(), "admin", ADMIN_PASSWORD)

        def make_user(name: str, *roles: str, justification: str | None = None):  # noqa: ANN202
            users.add_user(db.uow(admin), name, USER_PASSWORD, list(roles), justification=justification)
            return auth.login(db.uow(), name, USER_PASSWORD)

        team = crew(make_user)
        for code in ("C801", "C802"):
            cid = customer(db, team.rep, code, grade="C")
            invoice(db, team.fin, code, f"{code}-1", 50, 4_530_000)
            dunning.record_step(db.uow(team.fin), cid, "overdue", on=ago(40))
            dunning.record_step(db.uow(team.rep), cid, "dunning", on=ago(30), sent_via="fax", deadline=ago(15))
        customer(db, team.rep2, "C803")
        invoice(db, team.fin, "C803", "OLD-1", today().day + 60, 1_000_000)
        return team
    finally:
        db.close()


def test_the_commands_are_listed_with_their_options() -> None:
    parser = build_parser()
    args = parser.parse_args(["export", "aging", "--out", "a.xlsx", "--as-of", "2026-05-31", "--user", "u"])
    assert str(args.as_of) == "2026-05-31"
    args = parser.parse_args(["print", "letters", "--step", "thank-you", "--out", "dir", "--user", "u"])
    assert args.step == "thank-you"
    args = parser.parse_args(["import", "receivables", "ob.csv", "--user", "u"])
    assert args.file == "ob.csv"
    with pytest.raises(SystemExit):
        parser.parse_args(["export", "liability", "--month", "May", "--out", "l.xlsx", "--user", "u"])


def test_export_aging_and_ledger_read_back(firm, books, out_dir: Path) -> None:  # noqa: ANN001
    aging = out_dir / "aging.xlsx"
    result = firm("export", "aging", "--out", str(aging), "--user", "fin", password=USER_PASSWORD)
    assert result.code == 0, result.text
    ws = openpyxl.load_workbook(aging)["Aging by customer"]
    assert [ws.cell(r, 1).value for r in range(2, 5)] == ["C801", "C802", "C803"]
    assert ws.cell(5, 1).value == "Total"
    past = out_dir / "past.xlsx"
    result = firm("export", "aging", "--out", str(past), "--as-of", ago(400).isoformat(), "--user", "fin",
                  password=USER_PASSWORD)
    assert result.code == 0 and "0 customers" in result.out
    ledger = out_dir / "ledger.xlsx"
    result = firm("export", "ledger", "--customer", "c801", "--out", str(ledger), "--user", "rep",
                  password=USER_PASSWORD)
    assert result.code == 0, result.text
    assert openpyxl.load_workbook(ledger).active.cell(2, 3).value == "OB-C801-1"


def test_a_rep_sees_only_their_own_customers(firm, books, out_dir: Path) -> None:  # noqa: ANN001
    path = out_dir / "mine.xlsx"
    assert firm("export", "aging", "--out", str(path), "--user", "rep2", password=USER_PASSWORD).code == 0
    ws = openpyxl.load_workbook(path)["Aging by customer"]
    assert ws.cell(2, 1).value == "C803" and ws.cell(3, 1).value == "Total"
    result = firm("export", "ledger", "--customer", "C801", "--out", str(out_dir / "x.xlsx"), "--user", "rep2",
                  password=USER_PASSWORD)
    assert result.code == 1 and "not found" in result.err and not (out_dir / "x.xlsx").exists()


@pytest.fixture
def late_in_month(pin_business_date):  # noqa: ANN001, ANN201
    """The 25th: C801's and C802's debts (50 days overdue) reached 30 days past due this
    month, so last month charges only C803's older debt."""
    return pin_business_date(today().replace(day=25))


def test_export_liability_computes_an_ended_month_for_finance(late_in_month, firm, books,  # noqa: ANN001
                                                              out_dir: Path) -> None:
    month = month_start(month_start(today()) - timedelta(days=1)).strftime("%Y-%m")
    path = out_dir / "liability.xlsx"
    result = firm("export", "liability", "--month", month, "--out", str(path), "--user", "fin",
                  password=USER_PASSWORD)
    assert result.code == 0, result.text
    book = openpyxl.load_workbook(path)
    summary = book.worksheets[0]
    assert {summary.cell(r, 1).value for r in range(2, 5)} == {"rep2", "mgr", "vp"}
    assert book.worksheets[1].cell(2, 4).value == "OB-OLD-1"
    # The statement closes a month for payroll: each printed page carries the audit trail's head.
    assert re.fullmatch(r"Audit head \d+-[0-9a-f]{16}", summary.oddFooter.left.text)
    result = firm("export", "liability", "--month", month, "--out", str(out_dir / "own.xlsx"), "--user", "rep2",
                  password=USER_PASSWORD)
    assert result.code == 0
    assert [c.value for c in openpyxl.load_workbook(out_dir / "own.xlsx").worksheets[0]["A"]][1:] == ["rep2", "Total"]


def test_print_a_letter_and_a_batch(firm, books, out_dir: Path) -> None:  # noqa: ANN001
    one = out_dir / "C801.pdf"
    result = firm("print", "letter", "--step", "dunning", "--customer", "C801", "--out", str(one), "--user", "rep",
                  "--lang", "zh_CN", password=USER_PASSWORD)
    assert result.code == 0, result.text
    assert "催款通知书" in _text(one) and "C801" in _text(one)
    batch = out_dir / "all.pdf"
    result = firm("print", "letters", "--step", "dunning", "--out", str(batch), "--user", "fin",
                  password=USER_PASSWORD)
    assert result.code == 0 and len(PdfReader(batch).pages) == 2
    folder = out_dir / "letters" / "each"  # not there yet: made
    assert firm("print", "letters", "--step", "dunning", "--out", str(folder), "--user", "fin",
                password=USER_PASSWORD).code == 0
    assert len(list(folder.glob("dunning-C80*.pdf"))) == 2
    assert firm("print", "letters", "--step", "dunning", "--out", str(folder), "--user", "fin",
                password=USER_PASSWORD).code == 0  # and used again once there
    notes = out_dir / "notes.txt"
    notes.write_text("")
    result = firm("print", "letters", "--step", "dunning", "--out", str(notes), "--user", "fin",
                  password=USER_PASSWORD)  # a file there already, not a .pdf: not a folder
    assert result.code != 0 and "Not a folder" in result.err
    empty = out_dir / "nothing"
    assert firm("print", "letters", "--step", "thank-you", "--out", str(empty), "--user", "fin",
                password=USER_PASSWORD).code == 1
    assert not empty.exists()  # nothing to print: no folder made
    result = firm("print", "letter", "--step", "lawyer", "--customer", "C801", "--out", str(out_dir / "no.pdf"),
                  "--user", "rep", password=USER_PASSWORD)
    assert result.code == 1 and "lawyer" in result.err.lower() and not (out_dir / "no.pdf").exists()
    result = firm("print", "letters", "--step", "thank-you", "--out", str(out_dir / "none.pdf"), "--user", "fin",
                  password=USER_PASSWORD)
    assert result.code == 1 and not (out_dir / "none.pdf").exists()


def test_print_the_credit_audit_for_finance_only(firm, books, out_dir: Path) -> None:  # noqa: ANN001
    path = out_dir / "audit.pdf"
    month = today().strftime("%Y-%m")
    result = firm("print", "credit-audit", "--month", month, "--out", str(path), "--user", "fin",
                  password=USER_PASSWORD)
    assert result.code == 0, result.text
    assert "Monthly credit audit" in _text(path)
    result = firm("print", "credit-audit", "--month", month, "--out", str(out_dir / "r.pdf"), "--user", "rep",
                  password=USER_PASSWORD)
    assert result.code == 1 and not (out_dir / "r.pdf").exists()


def test_import_receivables_all_or_nothing(firm, books, tmp_path: Path) -> None:  # noqa: ANN001
    bad = tmp_path / "bad.csv"
    bad.write_text("customer code,document no.,document date,due date,amount\n"
                   "C801,N-1,2026-01-05,2026-02-04,100.00\nC999,N-2,2026-01-05,2026-02-04,100.00\n")
    result = firm("import", "receivables", str(bad), "--user", "fin", password=USER_PASSWORD)
    assert result.code == 1 and "row 3" in result.err and "C999" in result.err
    good = tmp_path / "good.csv"
    good.write_text("客户编码,单据号,单据日期,到期日,金额\nC801,N-1,2026-01-05,2026-02-04,100.00\n", encoding="utf-8")
    result = firm("import", "receivables", str(good), "--user", "fin", password=USER_PASSWORD)
    assert result.code == 0 and "Imported 1 opening balance" in result.out
    assert firm("import", "receivables", str(good), "--user", "rep", password=USER_PASSWORD).code == 1
    assert firm("import", "receivables", str(tmp_path / "missing.csv"), "--user", "fin",
                password=USER_PASSWORD).code == 2


def test_letters_print_in_each_customers_language_unless_lang_is_given(firm, books, out_dir: Path) -> None:  # noqa: ANN001
    from sqlalchemy import create_engine, update

    from sales_desk.models import Customer

    engine = create_engine(f"sqlite:///{firm.data_dir / 'sales-desk.sqlite'}")
    with engine.begin() as c:
        c.execute(update(Customer).where(Customer.code == "C802").values(language="zh_CN"))
    engine.dispose()
    batch = out_dir / "mixed.pdf"
    assert firm("print", "letters", "--step", "dunning", "--out", str(batch), "--user", "fin",
                password=USER_PASSWORD).code == 0
    first, second = (p.extract_text() for p in PdfReader(batch).pages)
    assert "Dunning notice" in first and "催款通知书" in second  # C801 has none: the configured English
    forced = out_dir / "forced.pdf"
    assert firm("print", "letters", "--step", "dunning", "--out", str(forced), "--user", "fin", "--lang", "en",
                password=USER_PASSWORD).code == 0
    assert all("Dunning notice" in p.extract_text() for p in PdfReader(forced).pages)
