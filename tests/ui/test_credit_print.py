"""Printing the credit forms from the tab: through the runner, to the file chosen, offered to open."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from sales_desk.ui.tabs.credit import printing
from sales_desk.ui.tabs.credit.printing import REPORT, SHEET, PrintDialog
from sales_desk.ui.tabs.credit.tab import CreditTab
from tests.services.credit_flow import new_customer, rate, staff
from tests.ui.conftest import idle


def _text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    shown: list[Path] = []
    monkeypatch.setattr(printing.dialogs, "open_path", lambda parent, path: shown.append(path))
    return shown


@pytest.mark.parametrize(("form", "lang", "title"), [
    (SHEET, "en", "Customer credit evaluation sheet"),
    (SHEET, "zh_CN", "客户信用调查评定表"),
    (REPORT, "zh_CN", "信用评级报告"),
])
def test_printing_writes_the_pdf_chosen_and_offers_to_open_it(qtbot, ctx, person, tmp_path, monkeypatch,  # noqa: ANN001
                                                              messages, opened, form, lang, title) -> None:
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
    target = tmp_path / "out" / "sheet"  # no suffix typed: .pdf is added
    target.parent.mkdir()
    monkeypatch.setattr(printing.dialogs, "save_file", lambda *a: str(target))
    dialog = page.panel.print_forms()
    assert isinstance(dialog, PrintDialog)
    assert dialog.language.currentData() == "en"  # the UI's language by default
    dialog.form_buttons[form].setChecked(True)
    dialog.language.setCurrentIndex(dialog.language.findData(lang))
    dialog.save_button.click()
    idle(qtbot, ctx)
    written = target.with_name("sheet.pdf")
    assert opened == [written]
    assert "Open it now?" in messages.texts("confirm")[-1]
    text = _text(written)
    assert title in text and "上海华东贸易有限公司" in text
    assert [p.name for p in written.parent.iterdir()] == ["sheet.pdf"]  # no .part left behind


def test_declining_to_open_leaves_the_file(qtbot, ctx, person, tmp_path, messages, opened) -> None:  # noqa: ANN001
    s = staff(person)
    cid = new_customer(ctx.database, s.rep)
    dialog = PrintDialog(ctx, s.spec, cid, "C0001")
    qtbot.addWidget(dialog)
    messages.confirm_answer = False
    dialog.print_to(tmp_path / "x.pdf")
    idle(qtbot, ctx)
    assert opened == [] and (tmp_path / "x.pdf").stat().st_size > 1000
