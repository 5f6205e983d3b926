"""The document register page: documents issued from the tabs listed newest first, filtered
by form, customer, words and day; opened in the preview (a print of it now: a copy once
given out); exported to Excel as filtered."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt

from sales_desk import clock
from sales_desk.demo import firm as demo
from sales_desk.reports.records import issuers
from sales_desk.services.admin import auth
from sales_desk.services.collections import letter_data
from sales_desk.services.records.register import register_page
from sales_desk.ui.register_model import RegisterTableModel
from sales_desk.ui.tabs.admin.documents_page import LETTERS, DocumentsPage
from sales_desk.ui.tabs.admin.tab import AdminTab
from sales_desk.ui.widgets import dialogs
from tests.ui.conftest import idle
from tests.ui.records_ui import assert_previewed

SHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


@pytest.fixture
def issued(ctx, boss):  # noqa: ANN001, ANN201
    """The demo firm's dunning letters and this month's credit audit, issued by finance."""
    result = demo.load_demo(ctx.uow(boss))
    passwords = {u.username: u.password for u in result.users}
    fin = auth.login(ctx.uow(), "wufang", passwords["wufang"])
    # the demo's own (its statements of account, last year's expense report) come first
    demo_docs = [r for r in reversed(register_page(ctx.uow(boss))[0])]
    letters = [issuers.issue_letter(ctx.uow(fin), d, d.language or "en")
               for d in letter_data.letters_at(ctx.uow(fin), "dunning")]
    audit = issuers.issue_credit_audit(ctx.uow(fin), clock.today().replace(day=1), "en")
    return [*demo_docs, *letters, audit]


def _page(qtbot, ctx, actor) -> DocumentsPage:  # noqa: ANN001
    page = DocumentsPage(ctx, actor)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    idle(qtbot, ctx)
    return page


def test_the_register_lists_filters_opens_and_exports(qtbot, ctx, boss, issued, tmp_path: Path,  # noqa: ANN001
                                                      monkeypatch, messages) -> None:
    page = _page(qtbot, ctx, boss)
    assert page.model.rowCount() == len(issued) >= 3
    assert page.model.row_at(0).number == issued[-1].number  # newest first
    assert page.count_label.text() == f"{len(issued)} documents."
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.grab().save(str(SHOTS / "document_register.png"))

    page.kind.setCurrentIndex(page.kind.findData(LETTERS))
    page.kind.activated.emit(page.kind.currentIndex())
    idle(qtbot, ctx)
    assert page.model.rowCount() == sum(d.kind.value.startswith(LETTERS) for d in issued)
    assert all(page.model.row_at(i).kind.value.startswith(LETTERS) for i in range(page.model.rowCount()))
    page.kind.setCurrentIndex(0)
    first_letter = next(d for d in issued if d.kind.value.startswith(LETTERS))
    page.filter_edit.setText(first_letter.number)
    page.apply_filter()
    idle(qtbot, ctx)
    assert [page.model.row_at(i).id for i in range(page.model.rowCount())] == [first_letter.id]

    page.table.selectRow(0)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)  # Enter opens
    idle(qtbot, ctx)
    preview = assert_previewed(page.documents.preview, copy=False)
    qtbot.wait(1000)  # QPdfView draws its pages in the background
    preview.grab().save(str(SHOTS / "document_preview.png"))
    issuers.give_out(ctx.uow(boss), first_letter.id, "printer")
    page.open_selected()
    idle(qtbot, ctx)
    assert_previewed(page.documents.preview, copy=True)

    page.filter_edit.clear()
    page.apply_filter()
    idle(qtbot, ctx)
    out = tmp_path / "register.xlsx"
    monkeypatch.setattr(dialogs, "save_file", lambda *a, **k: str(out))
    page.export_button.click()
    idle(qtbot, ctx)
    rows = list(openpyxl.load_workbook(out, read_only=True).worksheets[0].iter_rows(values_only=True))
    assert rows[0][:3] == ("Document No.", "Form", "Title")
    assert [r[0] for r in rows[1:]] == [d.number for d in issued]  # oldest first
    assert rows[[r[0] for r in rows].index(first_letter.number)][12] == 1  # given out once
    assert messages.texts("info") == [f"{len(issued)} documents exported to {out}."]


def test_the_register_model_passes_the_model_tester(qtbot, qtmodeltester, ctx, boss, issued) -> None:  # noqa: ANN001
    model = RegisterTableModel(ctx, boss, page_size=2)
    model.reload()
    idle(qtbot, ctx)
    assert model.rowCount() == 2 and model.canFetchMore()
    qtmodeltester.check(model)


def test_the_admin_tab_offers_the_register_to_whoever_audits(qtbot, ctx, boss, person) -> None:  # noqa: ANN001
    tab = AdminTab(ctx, boss)
    qtbot.addWidget(tab)
    assert "documents" in tab.pages
    rep = AdminTab(ctx, person("rep", "sales_rep"))
    qtbot.addWidget(rep)
    assert "documents" not in rep.pages
