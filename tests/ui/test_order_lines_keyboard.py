"""Order lines typed without the mouse: a product code or name (its matches listed), Tab
to quantity and price past the read-only columns, Enter for the next line, Delete to
remove one; nothing filled in that the user did not choose; a line's error gone once fixed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox

from sales_desk.services.orders import views as order_views
from sales_desk.ui.tabs.orders.lines_model import PRICE, PRODUCT, QUANTITY
from tests.services.order_flow import credit_customer, product, team
from tests.ui.conftest import idle
from tests.ui.test_orders_form import pick_customer, tab


@pytest.fixture
def t(person):  # noqa: ANN001
    return team(person)


@pytest.fixture
def cid(ctx, t) -> int:  # noqa: ANN001
    return credit_customer(ctx.database, t)


@pytest.fixture
def pids(ctx, t) -> tuple[int, int]:  # noqa: ANN001
    return (product(ctx.database, t, code="BMQ-1K", list_price="560.00", floor="500.00", ceiling="600.00",
                    name="编码器"),
            product(ctx.database, t, code="P-100", list_price="100.00", floor="90.00", ceiling="120.00"))


def _new_order(qtbot, ctx, t):  # noqa: ANN001, ANN202
    rep_tab = tab(qtbot, ctx, t.rep)
    dialog = rep_tab.new_order()
    qtbot.waitUntil(dialog.isActiveWindow)
    idle(qtbot, ctx)
    qtbot.order_tabs = [*getattr(qtbot, "order_tabs", []), rep_tab]  # kept alive: the dialog's parent
    return dialog


def _editor(dialog) -> QComboBox:  # noqa: ANN001
    # The open one: a closed editor lingers until the event loop deletes it.
    shown = [e for e in dialog.lines_table.findChildren(QComboBox, "product_editor") if e.isVisible()]
    assert len(shown) == 1
    return shown[0]


def _focus(qtbot):  # noqa: ANN001, ANN202
    return QApplication.focusWidget()


def _close_popup(qtbot, dialog, editor: QComboBox) -> None:  # noqa: ANN001
    """The matches' list closed, and the form the active window again, as the window
    manager makes it (offscreen, nothing does)."""
    editor.completer().popup().hide()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)


def test_a_line_is_typed_code_tab_quantity_tab_price_and_enter_opens_the_next(qtbot, ctx, t, cid, pids) -> None:
    dialog = _new_order(qtbot, ctx, t)
    pick_customer(qtbot, ctx, dialog, cid)
    lines, grid = dialog.lines, dialog.lines_table
    assert lines.line(0).product_id is None  # the empty line has no product chosen for the user
    grid.setFocus()
    grid.setCurrentIndex(lines.index(0, PRODUCT))
    qtbot.keyClick(grid, Qt.Key.Key_F2)
    editor = _editor(dialog)
    assert editor.currentText() == ""  # nothing preselected
    qtbot.keyClicks(editor.lineEdit(), "p-1")
    popup = editor.completer().popup()
    assert popup.isVisible() and popup.model().rowCount() == 1  # the matches, listed as one types
    qtbot.keyClicks(editor.lineEdit(), "00")
    _close_popup(qtbot, dialog, editor)
    qtbot.keyClick(_focus(qtbot), Qt.Key.Key_Tab)  # the code taken; on to the quantity (not the unit)
    assert lines.line(0).product_id == pids[1]
    assert grid.currentIndex().column() == QUANTITY
    qtbot.keyClicks(_focus(qtbot), "3")
    qtbot.keyClick(_focus(qtbot), Qt.Key.Key_Tab)  # on to the price
    assert lines.line(0).quantity == 3 and grid.currentIndex().column() == PRICE
    focus = _focus(qtbot)
    focus.selectAll()
    qtbot.keyClicks(focus, "110")
    qtbot.keyClick(focus, Qt.Key.Key_Return)  # the next line, its product open for typing
    qtbot.waitUntil(lambda: lines.rowCount() == 2)
    assert lines.line(0).unit_price == 11_000 and dialog.total_label.text() == "Total 330.00"
    assert grid.currentIndex() == lines.index(1, PRODUCT)
    editor = _editor(dialog)
    assert editor.currentText() == "" and lines.line(1).product_id is None
    editor.lineEdit().insert("编码")  # by name, as an input method commits it (QTest types Latin keys only)
    _close_popup(qtbot, dialog, editor)
    qtbot.keyClick(editor.lineEdit(), Qt.Key.Key_Return)  # taken; the line keeps its quantity 1 and list price
    qtbot.waitUntil(lambda: lines.line(1).product_id == pids[0])
    assert (lines.line(1).quantity, lines.line(1).unit_price) == (1, 56_000)
    qtbot.waitUntil(lambda: lines.rowCount() == 3)
    qtbot.keyClick(_editor(dialog).lineEdit(), Qt.Key.Key_Escape)  # the third line left empty
    qtbot.keyClick(grid, Qt.Key.Key_Return)  # Enter on an empty last line adds no fourth
    assert lines.rowCount() == 3
    assert grid.hasFocus()  # back in the grid after Escape
    grid.setCurrentIndex(lines.index(2, QUANTITY))
    qtbot.keyClick(grid, Qt.Key.Key_Delete)  # Delete removes one line
    assert lines.rowCount() == 2
    dialog.actions.buttons["save"].click()
    idle(qtbot, ctx)
    view = order_views.get_order(ctx.uow(t.rep), dialog.order_id)
    assert [(ln.product_id, ln.quantity, ln.unit_price) for ln in view.lines] == [
        (pids[1], 3, 11_000), (pids[0], 1, 56_000)]
    dialog.reject()


def test_tab_walks_the_editable_cells_and_leaves_the_grid_at_its_ends(qtbot, ctx, t, cid, pids) -> None:
    dialog = _new_order(qtbot, ctx, t)
    lines, grid = dialog.lines, dialog.lines_table
    grid.setFocus()
    grid.setCurrentIndex(lines.index(0, PRODUCT))
    seen = []
    for _ in range(3):
        seen.append(grid.currentIndex().column())
        qtbot.keyClick(grid, Qt.Key.Key_Tab)
    assert seen == [PRODUCT, QUANTITY, PRICE]  # the unit skipped
    assert dialog.add_button.hasFocus()  # past the last cell: the next field of the form
    grid.setFocus()
    grid.setCurrentIndex(lines.index(0, PRODUCT))
    qtbot.keyClick(grid, Qt.Key.Key_Backtab)
    assert not grid.hasFocus()


def test_a_typed_name_matching_nothing_chooses_nothing_and_the_lines_error_goes_when_fixed(
        qtbot, ctx, t, cid, pids) -> None:
    dialog = _new_order(qtbot, ctx, t)
    pick_customer(qtbot, ctx, dialog, cid)
    lines, grid = dialog.lines, dialog.lines_table
    dialog.actions.buttons["save"].click()
    idle(qtbot, ctx)
    assert dialog.problem_label.text() == "Line 1: choose a product" and dialog.order_id is None
    grid.setFocus()
    grid.setCurrentIndex(lines.index(0, PRODUCT))
    qtbot.keyClick(grid, Qt.Key.Key_F2)
    qtbot.keyClicks(_editor(dialog).lineEdit(), "zz")
    _close_popup(qtbot, dialog, _editor(dialog))
    qtbot.keyClick(_focus(qtbot), Qt.Key.Key_Tab)
    assert lines.line(0).product_id is None  # nothing chosen for the user
    assert "no single product matches" in dialog.problem_label.text()
    grid.setCurrentIndex(lines.index(0, PRODUCT))
    qtbot.keyClick(grid, Qt.Key.Key_F2)
    qtbot.keyClicks(_editor(dialog).lineEdit(), "BMQ-1K")
    _close_popup(qtbot, dialog, _editor(dialog))
    qtbot.keyClick(_focus(qtbot), Qt.Key.Key_Tab)
    assert lines.line(0).product_id == pids[0]
    assert dialog.problem_label.text() == ""  # fixed: the error is gone
    dialog.reject()
