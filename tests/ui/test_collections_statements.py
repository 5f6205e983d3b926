"""The Statements page of the Collections tab on the demo firm: the list with the replies to
chase, the reply recorded from the keyboard (Ctrl+K, Ctrl+D), a difference resolved by
finance (Ctrl+E), a statement issued and previewed; looked at in both languages."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import Qt

from sales_desk.demo import firm as demo
from sales_desk.domain.collections.statements import StatementStatus
from sales_desk.services.admin import auth
from sales_desk.services.collections import statements
from sales_desk.ui.tabs.collections.statement_dialogs import ConfirmDialog, ResolveDialog
from sales_desk.ui.tabs.collections.statements_page import StatementsPage
from tests.ui.conftest import idle


@pytest.fixture
def firm(ctx, boss):  # noqa: ANN001, ANN201
    result = demo.load_demo(ctx.uow(boss))
    passwords = {u.username: u.password for u in result.users}
    return lambda username: auth.login(ctx.uow(), username, passwords[username])


def _page(qtbot, ctx, actor) -> StatementsPage:  # noqa: ANN001
    page = StatementsPage(ctx, actor)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    page.load()
    idle(qtbot, ctx)
    return page


def _select(qtbot, ctx, page: StatementsPage, status: StatementStatus) -> None:  # noqa: ANN001
    for r in range(page.model.rowCount()):
        if page.model.row_at(r).status is status:  # type: ignore[attr-defined]
            page.activateWindow()
            page.table.setFocus()
            page.table.selectRow(r)
            idle(qtbot, ctx)
            return
    raise LookupError(status)


def test_finance_resolves_the_open_difference_and_records_a_confirmation_by_keyboard(qtbot, ctx, firm) -> None:  # noqa: ANN001
    fin = firm("wufang")
    page = _page(qtbot, ctx, fin)
    assert page.model.rowCount() == 3
    _select(qtbot, ctx, page, StatementStatus.DISPUTED)
    assert "open" in page.detail.text() and page.resolve_button.isEnabled()
    qtbot.keyClick(page.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = page.findChild(ResolveDialog)
    assert dialog is not None and not dialog.ok.isEnabled()
    qtbot.keyClicks(dialog.note, "credit note raised for 2 cases")
    dialog.ok.click()
    idle(qtbot, ctx)
    rows = {r.status for r in statements.list_statements(ctx.uow(fin))}
    assert StatementStatus.SETTLED in rows and StatementStatus.DISPUTED not in rows
    page.load()
    idle(qtbot, ctx)
    _select(qtbot, ctx, page, StatementStatus.ISSUED)
    qtbot.keyClick(page.table, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    confirm = page.findChild(ConfirmDialog)
    assert confirm is not None
    confirm.ok.click()
    idle(qtbot, ctx)
    assert StatementStatus.ISSUED not in {r.status for r in statements.list_statements(ctx.uow(fin))}


def test_the_differences_dialog_refuses_a_line_without_a_reason(qtbot, ctx, firm) -> None:  # noqa: ANN001
    fin = firm("wufang")
    page = _page(qtbot, ctx, fin)
    _select(qtbot, ctx, page, StatementStatus.ISSUED)
    dialog = page.record_differences()
    assert dialog is not None
    dialog.set_line(0, "-1,200.00", "")
    dialog.ok.click()
    idle(qtbot, ctx)
    assert "Reason" in dialog.problem_label.text()
    dialog.set_line(0, "-1,200.00", "货款在途")
    dialog.ok.click()
    idle(qtbot, ctx)
    row = next(r for r in statements.list_statements(ctx.uow(fin)) if r.open_differences)
    assert row.status is StatementStatus.DISPUTED


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_the_statements_page_looked_at(qtbot, ctx, firm, lang, tmp_path) -> None:  # noqa: ANN001
    from sales_desk.ui.language import apply_language

    apply_language(lang)
    try:
        page = _page(qtbot, ctx, firm("wufang"))
        _select(qtbot, ctx, page, StatementStatus.DISPUTED)
        header = page.table.horizontalHeader()
        assert header.length() <= page.table.viewport().width() + 2  # no scrolling sideways
        qtbot.wait(50)  # the detail's lines laid out
        folder = os.environ.get("SALES_DESK_SCREENSHOTS", str(tmp_path))
        assert page.grab().save(os.path.join(folder, f"statements-{lang}.png"))
        page.customer.set_customer(page.current().customer_id, page.current().customer_code,  # type: ignore[union-attr]
                                   page.current().customer_name)  # type: ignore[union-attr]
        page.issue_one()
        idle(qtbot, ctx)
        assert page.documents.preview is not None
    finally:
        apply_language("en")
