"""The monthly analysis (chart and table, by category, department and person; the chart
saved as PNG), the annual expense-control report printed to PDF in either language and
the ledger exported to Excel, both on the runner; read back."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtGui import QImage

from sales_desk.domain.common.money import to_minor
from sales_desk.services.expenses import claims as expenses
from sales_desk.services.expenses.approvals import PaymentInput, finance_check_claim, pay_claim
from sales_desk.ui.tabs.expenses.analysis_page import DEPARTMENT, PERSON, AnalysisPage
from sales_desk.ui.tabs.expenses.reports import AnnualReportDialog, export_ledger
from sales_desk.ui.widgets import dialogs
from tests.services.expense_flow import YEAR, approved_budget, claim, staff
from tests.ui.conftest import idle
from tests.ui.records_ui import assert_previewed, pdf_text, save_preview


@pytest.fixture
def s(person):  # noqa: ANN001, ANN201
    return staff(person)


@pytest.fixture
def spent(ctx, s) -> list[int]:  # noqa: ANN001
    """March: the rep's 800 paid, the rep's 3,000 in approval, rep2's 450 of advertising signed."""
    approved_budget(ctx.database, s, "2000")
    paid = expenses.apply_for_expense(ctx.uow(s.rep), claim("800")).id
    finance_check_claim(ctx.uow(s.fin), paid, True)
    pay_claim(ctx.uow(s.cashier), paid, PaymentInput("cash"))
    pending = expenses.apply_for_expense(ctx.uow(s.rep), claim("3000")).id
    signed = expenses.apply_for_expense(ctx.uow(s.rep2), claim("450", category="advertising", item="Media")).id
    finance_check_claim(ctx.uow(s.fin), signed, True)
    return [paid, pending, signed]


def analysis(qtbot, ctx, actor) -> AnalysisPage:  # noqa: ANN001
    page = AnalysisPage(ctx, actor, today=date(YEAR, 3, 20))
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    idle(qtbot, ctx)
    return page


def cells(page: AnalysisPage) -> list[list[str]]:
    m = page.model
    return [[m.index(r, c).data() for c in range(m.columnCount())] for r in range(m.rowCount())]


def test_the_monthly_analysis_shows_spending_against_budget_in_a_chart_and_a_table(qtbot, ctx, s, spent) -> None:
    page = analysis(qtbot, ctx, s.mgr)
    rows = cells(page)
    assert len(rows) == 8 and rows[-1][0] == "Total"  # the seven categories and their total
    business = next(r for r in rows if r[0] == "Business expenses")
    assert business[1:6] == ["2,000.00", "800.00", "3,000.00", "3,800.00", "-1,800.00"]
    assert business[6] == "190 %" and business[7] == "2"
    advertising = next(r for r in rows if r[0] == "Advertising")
    assert advertising[2:4] == ["0.00", "450.00"]  # signed, not yet paid
    assert [b.label for b in page.chart.bars][:2] == ["Sales staff costs", "Advertising"]
    assert len(page.chart.chart().series()[0].barSets()) == 3  # budget, paid, pending
    assert "March 2026" in page.summary.text() and "paid 800.00" in page.summary.text()

    page.dimension.setCurrentIndex(page.dimension.findData(PERSON))
    assert [r[0] for r in cells(page)] == ["rep", "rep2"]  # most spent first
    assert len(page.chart.chart().series()[0].barSets()) == 2  # people have no budget of their own
    page.dimension.setCurrentIndex(page.dimension.findData(DEPARTMENT))
    assert cells(page)[0][0] == "销售部"

    page.month.setCurrentIndex(3)  # April: nothing spent yet
    idle(qtbot, ctx)
    assert cells(page)[0][2:5] == ["0.00", "0.00", "0.00"]


def test_the_chart_is_saved_as_a_png(qtbot, ctx, s, spent, monkeypatch, tmp_path: Path) -> None:
    page = analysis(qtbot, ctx, s.fin)
    monkeypatch.setattr(dialogs, "save_file", lambda *a: str(tmp_path / "三月费用"))
    path = page.save_chart()
    assert path == tmp_path / "三月费用.png"
    image = QImage(str(path))
    assert not image.isNull() and image.width() > 300 and image.height() > 200


def test_the_annual_report_is_issued_and_previewed_in_either_language(qtbot, ctx, s, spent, messages,  # noqa: ANN001
                                                                      tmp_path: Path, monkeypatch) -> None:
    page = analysis(qtbot, ctx, s.gm)
    numbers = []
    for lang, title in (("en", "Annual expense-control report"), ("zh_CN", "年度营销费用控制报告")):
        dialog = AnnualReportDialog(ctx, s.gm, YEAR, page)
        dialog.language.setCurrentIndex(dialog.language.findData(lang))
        dialog.notes.setPlainText("广告费用偏低，下半年加大投放。")
        dialog.save_button.click()
        idle(qtbot, ctx)
        preview = assert_previewed(dialog.documents.preview, copy=False)
        saved = save_preview(qtbot, ctx, preview, monkeypatch, tmp_path / f"report-{lang}.pdf")
        text = pdf_text(saved)
        assert title in text and "广告费用偏低" in text and dialog.documents.issued[0].number in text
        numbers.append(dialog.documents.issued[0].number)
    assert len(set(numbers)) == 2  # one document per language
    again = AnnualReportDialog(ctx, s.gm, YEAR, page)
    again.notes.setPlainText("广告费用偏低，下半年加大投放。")
    again.issue_and_preview()
    idle(qtbot, ctx)
    assert_previewed(again.documents.preview, copy=True)  # the same report, saved once: a copy
    assert again.documents.issued[0].number == numbers[0]


def test_the_ledger_is_exported_to_excel_with_every_claim_of_the_year(qtbot, ctx, s, spent, tmp_path: Path) -> None:
    page = analysis(qtbot, ctx, s.fin)
    out = tmp_path / "ledger.xlsx"
    export_ledger(ctx, s.fin, YEAR, page, out)
    idle(qtbot, ctx)
    sheet = openpyxl.load_workbook(out, read_only=True).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("No.", "Date spent", "Claimant")
    assert sorted(r[0] for r in rows[1:]) == sorted(spent)
    amounts = {r[0]: r[6] for r in rows[1:]}
    assert amounts[spent[0]] * 100 == to_minor("800")


def test_a_rep_has_no_analysis_and_the_service_refuses_it_when_forced(qtbot, ctx, s, spent, messages) -> None:
    page = AnalysisPage(ctx, s.rep, today=date(YEAR, 3, 20))
    qtbot.addWidget(page)
    page.show()
    idle(qtbot, ctx)
    assert page.model.rowCount() == 0
    assert messages.texts("error") and "not permitted" in messages.texts("error")[0]
