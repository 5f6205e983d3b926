"""`export expenses` and `print expense-report` end to end: read back with openpyxl, pypdf and
pdftotext (Chinese included); held to the acting user's rights; mistakes exit without a
traceback and leave no file."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from sales_desk.cli.main import build_parser
from sales_desk.config import AppConfig
from sales_desk.domain.common.money import to_minor
from sales_desk.services.expenses import claims as expenses
from sales_desk.services.expenses.approvals import PaymentInput, finance_check_claim, pay_claim
from tests.cli.conftest import ADMIN_PASSWORD, USER_PASSWORD
from tests.services.expense_flow import YEAR, approved_budget, claim, staff


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "out"  # apart from the data folder
    folder.mkdir()
    return folder


@pytest.fixture
def claims(firm) -> dict[str, int]:  # noqa: ANN001
    """The staff of tests/services/expense_flow.py, a budget, and three claims: paid, in route, signed."""
    from sales_desk.db.database import open_database
    from sales_desk.services.admin import auth, users

    db = open_database(AppConfig(data_dir=firm.data_dir, language="en"))
    try:
        admin = auth.login(db.uow(), "admin", ADMIN_PASSWORD)

        def make_user(name: str, *roles: str, justification: str | None = None):  # noqa: ANN202
            users.add_user(db.uow(admin), name, USER_PASSWORD, list(roles), justification=justification)
            return auth.login(db.uow(), name, USER_PASSWORD)

        s = staff(make_user)
        approved_budget(db, s, "2000")
        paid = expenses.apply_for_expense(db.uow(s.rep), claim("800", purpose="=HYPERLINK(\"x\")")).id
        finance_check_claim(db.uow(s.fin), paid, True)
        pay_claim(db.uow(s.cashier), paid, PaymentInput("transfer", "BK-001"))
        pending = expenses.apply_for_expense(db.uow(s.rep2), claim("3000")).id
        signed = expenses.apply_for_expense(db.uow(s.rep), claim("120", category="logistics", item="Transport")).id
        finance_check_claim(db.uow(s.fin), signed, True)
        return {"paid": paid, "pending": pending, "signed": signed}
    finally:
        db.close()  # the CLI takes the folder's lock itself


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def test_both_commands_are_in_their_groups() -> None:
    parser = build_parser()
    args = parser.parse_args(["export", "expenses", "--year", "2026", "--out", "x.xlsx", "--user", "u"])
    assert (args.year, args.out, args.user) == (2026, "x.xlsx", "u")
    args = parser.parse_args(["print", "expense-report", "--year", "2026", "--out", "x.pdf", "--user", "u",
                              "--lang", "zh_CN"])
    assert (args.year, args.lang, args.notes) == (2026, "zh_CN", "")


def test_the_ledger_is_exported_with_every_claim_of_the_year(firm, claims, out_dir: Path) -> None:  # noqa: ANN001
    out = out_dir / "ledger.xlsx"
    result = firm("export", "expenses", "--year", str(YEAR), "--out", str(out), "--user", "fin",
                  password=USER_PASSWORD)
    assert result.code == 0, result.text
    assert result.out.strip() == f"Wrote 3 claims of {YEAR} to {out}."
    book = openpyxl.load_workbook(out)
    ledger = book.worksheets[0]
    rows = list(ledger.iter_rows(values_only=True))
    assert rows[0][:7] == ("No.", "Date spent", "Claimant", "Department", "Category", "Item", "Amount")
    by_id = {r[0]: r for r in rows[1:]}
    assert set(by_id) == set(claims.values())
    paid = by_id[claims["paid"]]
    assert paid[6] * 100 == to_minor("800") and paid[7] == "=HYPERLINK(\"x\")"  # text stays text
    assert paid[15] == "Paid" and paid[20:22] == ("Bank transfer", "BK-001")
    assert by_id[claims["pending"]][11] == ("Supervisor review → Sales manager approval → General manager approval"
                                            " → Finance check")  # beyond the 2,000 of the month
    assert ledger["H2"].data_type == "s"
    months = list(book.worksheets[1].iter_rows(values_only=True))
    business_march = next(r for r in months[1:] if r[0] == "Business expenses" and r[1] == 3)
    assert business_march[2:4] == (2000, 800)  # budget and paid
    assert [p.name for p in out_dir.iterdir()] == ["ledger.xlsx"]  # no .part left behind


def test_the_report_prints_in_english_and_in_chinese(firm, claims, out_dir: Path) -> None:  # noqa: ANN001
    en, zh = out_dir / "report.pdf", out_dir / "报告.pdf"
    result = firm("print", "expense-report", "--year", str(YEAR), "--out", str(en), "--user", "gm",
                  "--notes", "Advertising under budget.", password=USER_PASSWORD)
    assert result.code == 0, result.text
    text = _pdf_text(en)
    assert "Annual expense-control report" in text and f"Year {YEAR}" in text
    assert "Advertising under budget." in text
    result = firm("print", "expense-report", "--year", str(YEAR), "--out", str(zh), "--user", "mgr",
                  "--lang", "zh_CN", password=USER_PASSWORD)
    assert result.code == 0, result.text
    assert "年度营销费用控制报告" in _pdf_text(zh)
    if shutil.which("pdftotext"):
        plain = subprocess.run(["pdftotext", "-layout", str(zh), "-"], capture_output=True, text=True,
                               check=True).stdout
        assert "年度营销费用控制报告" in plain and "销售费用" in plain
    assert sorted(p.name for p in out_dir.iterdir()) == sorted(["report.pdf", "报告.pdf"])


def test_a_rep_may_not_read_every_claim_refused_without_a_traceback_or_a_file(firm, claims, out_dir) -> None:  # noqa: ANN001
    for argv in (("export", "expenses", "--out", str(out_dir / "l.xlsx")),
                 ("print", "expense-report", "--out", str(out_dir / "r.pdf"))):
        result = firm(*argv, "--year", str(YEAR), "--user", "rep", password=USER_PASSWORD)
        assert result.code == 1
        assert "not permitted" in result.err and "Traceback" not in result.text
    assert list(out_dir.iterdir()) == []


def test_mistakes_in_the_command_exit_2_before_any_work(firm, out_dir: Path) -> None:  # noqa: ANN001
    for argv, message in (
        (("export", "expenses", "--year", str(YEAR), "--out", str(out_dir / "l.csv")), "must end in .xlsx"),
        (("print", "expense-report", "--year", str(YEAR), "--out", str(out_dir / "r.txt")), "must end in .pdf"),
        (("print", "expense-report", "--year", "26", "--out", str(out_dir / "r.pdf")), "--year: 26"),
        (("export", "expenses", "--year", str(YEAR), "--out", str(out_dir / "nope" / "l.xlsx")), "No such folder"),
    ):
        result = firm(*argv, "--user", "admin", password=ADMIN_PASSWORD)
        assert result.code == 2 and message in result.err, (argv, result.text)
        assert "Traceback" not in result.text
    assert list(out_dir.iterdir()) == []
