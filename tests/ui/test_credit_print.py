"""Printing the credit forms from the tab: issued as documents of record through the
runner, previewed, saved as given out; printed again, the same document as a copy."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget

from sales_desk.ui.tabs.credit.printing import REPORT, SHEET, PrintDialog
from sales_desk.ui.tabs.credit.tab import CreditTab
from tests.services.credit_flow import new_customer, rate, staff
from tests.ui.conftest import idle
from tests.ui.records_ui import assert_previewed, pdf_text, save_preview


@pytest.mark.parametrize(("form", "lang", "title"), [
    (SHEET, "en", "Customer credit evaluation sheet"),
    (SHEET, "zh_CN", "客户信用调查评定表"),
    (REPORT, "zh_CN", "信用评级报告"),
])
def test_printing_issues_the_form_chosen_and_previews_it(qtbot, ctx, person, tmp_path, monkeypatch,  # noqa: ANN001
                                                         messages, form, lang, title) -> None:
    s = staff(person)
    cid = new_customer(ctx.database, s.rep)
    rate(ctx.database, s, cid, 80)
    tab = CreditTab(ctx, s.spec)
    qtbot.addWidget(tab)
    tab.show()
    page = tab.show_page("customers")
    idle(qtbot, ctx)
    page.select_row(0)
    idle(qtbot, ctx)
    dialog = page.panel.print_forms()
    assert isinstance(dialog, PrintDialog)
    assert dialog.language.currentData() == "en"  # the UI's language by default
    dialog.form_buttons[form].setChecked(True)
    dialog.language.setCurrentIndex(dialog.language.findData(lang))
    dialog.save_button.click()
    idle(qtbot, ctx)
    preview = assert_previewed(dialog.documents.preview, copy=False)
    written = save_preview(qtbot, ctx, preview, monkeypatch, tmp_path / "sheet.pdf")
    text = pdf_text(written)
    assert title in text and "上海华东贸易有限公司" in text and dialog.documents.issued[0].number in text
    assert [p.name for p in tmp_path.iterdir() if p.suffix in (".pdf", ".part")] == ["sheet.pdf"]


def test_a_form_printed_again_is_the_same_document_as_a_copy(qtbot, ctx, person, messages) -> None:  # noqa: ANN001
    from sales_desk.reports.records import issuers

    s = staff(person)
    cid = new_customer(ctx.database, s.rep)
    host = QWidget()
    qtbot.addWidget(host)
    first = PrintDialog(ctx, s.spec, cid, "C0001", host)
    first.issue_and_preview()
    idle(qtbot, ctx)
    original = assert_previewed(first.documents.preview, copy=False)
    issuers.give_out(ctx.uow(s.spec), first.documents.issued[0].id, "printer")  # printed once
    again = PrintDialog(ctx, s.spec, cid, "C0001", host)
    again.issue_and_preview()
    idle(qtbot, ctx)
    assert_previewed(again.documents.preview, copy=True)
    assert again.documents.issued[0].id == first.documents.issued[0].id and original.pdf
