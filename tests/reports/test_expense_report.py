"""The annual expense-control report [年度营销费用控制报告] and the expense ledger: built from
real claims, rendered in both languages, read back; totals equal the paid claims."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import func, select

from sales_desk.domain.common.errors import NotPermitted
from sales_desk.domain.common.money import format_money, to_minor
from sales_desk.i18n import translator
from sales_desk.models import ExpenseClaim
from sales_desk.reports.common.pdf_base import FormText
from sales_desk.reports.expenses.annual_report import render_expense_report
from sales_desk.reports.expenses.ledger_xlsx import write_expense_ledger
from sales_desk.services.expenses import analysis as expense_analysis
from sales_desk.services.expenses import claims as expenses
from sales_desk.services.expenses import ledger as expense_ledger
from sales_desk.services.expenses.approvals import (
    PaymentInput,
    approve_claim,
    finance_check_claim,
    gm_approve_claim,
    pay_claim,
    review_claim,
)
from tests.services.expense_flow import YEAR, approved_budget, claim, staff

PRINTED = datetime(YEAR + 1, 1, 8, 2, tzinfo=UTC)


@pytest.fixture
def year_of_claims(database, make_user):
    """A budget of 1,000 a month per category, and claims along every route."""
    s = staff(make_user)
    approved_budget(database, s, "1000")

    def pay(actor, amount: str, on: date, category: str = "business", item: str = "Hospitality",  # noqa: ANN001
            purpose: str = "客户招待") -> int:
        st = expenses.apply_for_expense(database.uow(actor), claim(amount, on, category, item, purpose=purpose))
        for step in st.route:
            if step == "review":
                review_claim(database.uow(s.sup), st.id, True, "属实")
            elif step == "approve":
                approve_claim(database.uow(s.mgr), st.id, True, "同意")
            elif step == "gm":
                gm_approve_claim(database.uow(s.gm), st.id, True, "展会必需，同意超支")
            else:
                finance_check_claim(database.uow(s.fin), st.id, True, "")
        pay_claim(database.uow(s.cashier), st.id, PaymentInput("transfer", f"BK{st.id:05d}"))
        return st.id

    pay(s.rep, "800", date(YEAR, 1, 12))
    pay(s.rep2, "950.50", date(YEAR, 2, 3), "advertising", "Media", purpose="=1+1")  # never a formula
    pay(s.rep, "3500", date(YEAR, 3, 9), "other", "Exhibitions", purpose="春季展会")  # beyond budget: GM
    pay(s.mgr, "420", date(YEAR, 3, 20), "logistics", "Transport")
    pay(s.rep2, "6000", date(YEAR, 7, 1), "public_relations", "Sponsorship")  # major and beyond
    expenses.apply_for_expense(database.uow(s.rep), claim("300", date(YEAR, 8, 8)))  # pending
    refused = expenses.apply_for_expense(database.uow(s.rep2), claim("500", date(YEAR, 9, 9)))
    finance_check_claim(database.uow(s.fin), refused.id, False, "发票不合规")
    pay(s.rep, "77", date(YEAR + 1, 1, 2))  # next year: not in this report
    return s


def text_of(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def paid_total(database) -> int:  # noqa: ANN001
    with database.uow() as uow:
        return int(uow.session.scalar(select(func.sum(ExpenseClaim.amount)).where(
            ExpenseClaim.status == "paid", ExpenseClaim.spent_on >= date(YEAR, 1, 1),
            ExpenseClaim.spent_on <= date(YEAR, 12, 31))))


def test_the_reports_totals_equal_the_sum_of_the_years_paid_claims(database, year_of_claims) -> None:
    r = expense_analysis.annual_report(database.uow(year_of_claims.gm), YEAR)
    expected = to_minor("800") + to_minor("950.50") + to_minor("3500") + to_minor("420") + to_minor("6000")
    assert paid_total(database) == expected
    assert r.paid_total == expected == sum(r.month_paid(m) for m in range(1, 13))
    assert sum(d.paid for d in r.departments) == expected
    assert r.paid_claims == 5 and r.pending_claims == 1 and r.pending_amount == to_minor("300")
    assert r.returned_claims == 1
    assert r.budget_total == to_minor("1000") * 12 * 7 and r.budget_revision == 1


def test_the_report_lists_overruns_with_the_general_managers_approval(database, year_of_claims) -> None:
    r = expense_analysis.annual_report(database.uow(year_of_claims.mgr), YEAR, "展会费用需单列预算。")
    assert {(o.category, o.month) for o in r.overruns} == {("other", 3), ("public_relations", 7)}
    assert r.over_budget_count == 2
    assert [(c.amount, c.approved_by, c.comment) for c in r.over_budget_claims] == [
        (to_minor("6000"), "gm", "展会必需，同意超支"), (to_minor("3500"), "gm", "展会必需，同意超支")]
    assert [p.name for p in r.top_spenders] == ["rep2", "rep", "mgr"]
    with pytest.raises(NotPermitted):
        expense_analysis.annual_report(database.uow(year_of_claims.rep), YEAR)


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_the_report_renders_and_reads_back_with_its_totals(database, year_of_claims, tmp_path, lang) -> None:
    r = expense_analysis.annual_report(database.uow(year_of_claims.gm), YEAR, "展会费用需单列预算。")
    out = tmp_path / f"report-{lang}.pdf"
    render_expense_report(r, out, lang, PRINTED)
    text = text_of(out)
    assert format_money(r.paid_total, "zh_CN" if lang == "zh_CN" else "en") in text  # 11,670.50
    assert "11,670.50" in text and "84,000.00" in text
    assert "展会费用需单列预算。" in text
    _ = FormText(lang)  # the catalogue's words
    for msgid in ("Annual expense-control report", "Sales staff costs", "Other sales expenses",
                  "4. Overruns and their approvals", "5. Top spenders", "Paid"):
        assert _(msgid) in text, msgid
    if lang == "zh_CN":
        for words in ("年度营销费用控制报告", "销售人员费用", "其他销售费用"):  # the policy's own terms
            assert words in text, words
    for page in PdfReader(out).pages:  # every font embedded as a subset: none left to substitute
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            assert "/FontFile2" in font["/FontDescriptor"].get_object(), font["/BaseFont"]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler not installed")
def test_poppler_reads_the_chinese_report(database, year_of_claims, tmp_path) -> None:
    r = expense_analysis.annual_report(database.uow(year_of_claims.gm), YEAR)
    out = tmp_path / "report.pdf"
    render_expense_report(r, out, "zh_CN", PRINTED)
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "年度营销费用控制报告" in text and "2026 年度" in text and "11,670.50" in text
    assert r.audit_head and r.audit_head in text  # the trail's head when prepared, for a later check


def test_an_empty_year_prints_without_a_budget(database, make_user, tmp_path) -> None:
    s = staff(make_user)
    r = expense_analysis.annual_report(database.uow(s.gm), YEAR - 5)
    out = tmp_path / "empty.pdf"
    render_expense_report(r, out, "zh_CN", PRINTED)
    assert r.paid_total == 0 and r.budget_revision is None
    expected = FormText("zh_CN")("No budget was approved for this year: every claim counted as beyond the "
                                 "budget.")
    assert expected.strip("。")[:8] in text_of(out).replace("\n", "")


def test_the_ledger_reads_back_with_every_claim_of_the_year_and_text_never_a_formula(
        database, year_of_claims, tmp_path) -> None:
    out = tmp_path / "ledger.xlsx"
    n = expense_ledger.export_expense_ledger(
        database.uow(year_of_claims.fin), YEAR, lambda report, rows: write_expense_ledger(out, report, rows))
    assert n == 7  # five paid, one pending, one returned; next year's is not in it
    wb = load_workbook(out)
    ledger = wb.worksheets[0]
    rows = list(ledger.iter_rows(min_row=2, values_only=True))
    head = [c.value for c in ledger[1]]
    amount, purpose, status = head.index("Amount"), head.index("Purpose"), head.index("Status")
    paid = sum(Decimal(str(r[amount])) for r in rows if r[status] == "Paid")
    assert to_minor(paid) == paid_total(database)
    injected = next(r for r in rows if r[purpose] == "=1+1")
    assert ledger.cell(row=rows.index(injected) + 2, column=purpose + 1).data_type == "s"
    route = head.index("Route")
    assert "Supervisor review → Sales manager approval → General manager approval → Finance check" in {
        r[route] for r in rows}
    months = wb.worksheets[1]
    assert sum(Decimal(str(r[3])) for r in months.iter_rows(min_row=2, values_only=True)) == paid
    assert months.max_row == 1 + 7 * 12


def test_the_ledger_in_chinese_uses_the_policys_words(database, year_of_claims, tmp_path) -> None:
    out = tmp_path / "ledger-zh.xlsx"
    expense_ledger.export_expense_ledger(
        database.uow(year_of_claims.fin), YEAR,
        lambda report, rows: write_expense_ledger(out, report, rows, lang="zh_CN"))
    values = {c for row in load_workbook(out).worksheets[0].iter_rows(min_row=2, values_only=True) for c in row}
    zh = translator("zh_CN")
    assert {"业务费用", zh("Hospitality"), zh("Paid"), zh("Bank transfer"), zh("Returned")} <= values
