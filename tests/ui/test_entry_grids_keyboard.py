"""The budget and plan grids and the claim's item typed without the mouse, as the order's
lines are (widgets.entry_grid, widgets.typed_choice): Tab walks only the editable cells
(past the totals), Enter goes to the next line, Delete empties a figure; an item is
typed by name with its matches listed, none chosen for the user; an error goes once fixed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from sales_desk.domain.common.money import to_minor
from sales_desk.domain.expenses.claims import Category
from sales_desk.ui.tabs.dashboard.plan_grid import YEAR_COLUMN
from sales_desk.ui.tabs.expenses.budget_model import TOTAL_COLUMN
from tests.services.expense_flow import DEPT, staff
from tests.ui.conftest import idle
from tests.ui.expense_ui import open_form
from tests.ui.test_dashboard_plans import page_for, row_of
from tests.ui.test_expenses_budget import budget_page

BUSINESS = list(Category).index(Category.BUSINESS)


@pytest.fixture
def s(person):  # noqa: ANN001, ANN201
    return staff(person)


def _type(qtbot, grid, text: str) -> None:  # noqa: ANN001
    """Typed into the current cell: the first key opens its editor, the rest go to it."""
    qtbot.keyClick(grid, text[0])
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor is not grid
    qtbot.keyClicks(editor, text[1:])


def _key(qtbot, key: Qt.Key) -> None:  # noqa: ANN001
    qtbot.keyClick(QApplication.focusWidget(), key)


def _at(grid) -> tuple[int, int]:  # noqa: ANN001
    return grid.currentIndex().row(), grid.currentIndex().column()


def test_budget_figures_are_typed_month_by_month_tab_skips_the_total_and_enter_goes_to_the_next_category(
        qtbot, ctx, s) -> None:  # noqa: ANN001
    page = budget_page(qtbot, ctx, s.mgr)
    page.new_button.click()
    idle(qtbot, ctx)
    page.department.setCurrentIndex(page.department.findData(DEPT))
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    grid, model = page.grid, page.model
    grid.setFocus()
    grid.setCurrentIndex(model.index(BUSINESS, 10))
    _type(qtbot, grid, "1500")
    _key(qtbot, Qt.Key.Key_Tab)  # Nov taken; on to Dec, opened for typing
    assert model.amount(11, Category.BUSINESS.value) == to_minor("1500") and _at(grid) == (BUSINESS, 11)
    qtbot.keyClicks(QApplication.focusWidget(), "200")
    _key(qtbot, Qt.Key.Key_Tab)  # Dec taken; past the year's total to the next category's January
    assert model.amount(12, Category.BUSINESS.value) == to_minor("200")
    assert _at(grid) == (BUSINESS + 1, 0) and grid.currentIndex().column() != TOTAL_COLUMN
    qtbot.keyClicks(QApplication.focusWidget(), "1.500,00")
    _key(qtbot, Qt.Key.Key_Return)  # not an amount: refused and said why; on to the next line
    qtbot.waitUntil(lambda: _at(grid) == (BUSINESS + 2, 0))
    assert page.message.isVisible() and "not an amount" in page.message.text()
    qtbot.keyClicks(QApplication.focusWidget(), "300")
    _key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _at(grid) == (BUSINESS + 3, 0))
    assert not page.message.isVisible()  # the error gone once a figure is taken
    _key(qtbot, Qt.Key.Key_Escape)  # out of the cell; Delete empties the figure under the cursor
    grid.setCurrentIndex(model.index(BUSINESS, 10))
    qtbot.keyClick(grid, Qt.Key.Key_Delete)
    assert model.amount(11, Category.BUSINESS.value) == 0 and model.dirty
    qtbot.keyClick(grid, Qt.Key.Key_Backtab)  # Shift+Tab back over the editable cells only
    assert _at(grid) == (BUSINESS, 9)


def test_budget_grid_keys_change_nothing_while_the_version_is_not_open_to_the_reader(qtbot, ctx, s) -> None:  # noqa: ANN001
    page = budget_page(qtbot, ctx, s.fin)  # finance checks; it does not type figures
    grid = page.grid
    grid.setFocus()
    grid.setCurrentIndex(page.model.index(0, 0))
    qtbot.keyClick(grid, Qt.Key.Key_Delete)
    qtbot.keyClick(grid, "5")
    assert page.model.values == {} and not page.model.dirty


def test_plan_targets_are_typed_with_tab_to_the_year_and_enter_to_the_next_rep(qtbot, ctx, person) -> None:  # noqa: ANN001
    person("rep", "sales_rep")
    person("rep2", "sales_rep")
    page = page_for(qtbot, ctx, person("vp", "sales_vp"))
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    grid, view = page.grid, page.grid_view
    first, second = row_of(page, "rep"), row_of(page, "rep2")
    view.setFocus()
    view.setCurrentIndex(grid.index(first, 11))
    _type(qtbot, view, "1000")
    _key(qtbot, Qt.Key.Key_Tab)  # December taken; on to the year
    assert grid.shown()[first].months[11] == to_minor("1000") and _at(view) == (first, YEAR_COLUMN)
    _key(qtbot, Qt.Key.Key_Escape)
    view.setCurrentIndex(grid.index(first, 0))
    _type(qtbot, view, "lots")
    _key(qtbot, Qt.Key.Key_Return)  # refused and said why; Enter goes to the next rep's January
    qtbot.waitUntil(lambda: _at(view) == (second, 0))
    assert "not an amount" in page.problem.text()
    qtbot.keyClicks(QApplication.focusWidget(), "2400")
    _key(qtbot, Qt.Key.Key_Tab)
    assert grid.shown()[second].months[0] == to_minor("2400") and page.problem.text() == ""
    assert _at(view) == (second, 1)
    _key(qtbot, Qt.Key.Key_Escape)
    view.setCurrentIndex(grid.index(first, 11))
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert grid.shown()[first].months[11] == 0
    view.setCurrentIndex(grid.index(len(grid.shown()), 0))  # the total row is not typed into
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert grid.total() == to_minor("2400")
    qtbot.keyClick(view, Qt.Key.Key_Tab)  # past the last editable cell: out of the grid, on through the page
    assert not view.hasFocus() and page.save_button.isEnabled()


def test_the_claims_item_is_typed_by_name_none_chosen_for_the_user_and_its_error_goes_when_fixed(
        qtbot, ctx, s) -> None:  # noqa: ANN001
    form = open_form(qtbot, ctx, s.rep)
    assert form.item.currentIndex() == -1 and form.item.currentText() == ""  # nothing preselected
    form.amount.setText("300")
    form.purpose.setText("客户招待")
    form.no_receipt.setText("发票随后补交")
    form.submit()
    assert form.problem_label.text().startswith("Item") and form.item.hasFocus()
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    form.category.setCurrentIndex(form.category.findData(Category.BUSINESS.value))
    assert form.item.currentIndex() == -1  # a category chosen: still no item chosen for the user
    form.item.setFocus()
    qtbot.keyClicks(form.item.lineEdit(), "hosp")
    popup = form.item.completer().popup()
    assert popup.isVisible() and popup.model().rowCount() == 1  # the matches, listed as one types
    popup.hide()
    form.activateWindow()
    qtbot.keyClick(form.item.lineEdit(), Qt.Key.Key_Tab)
    assert form.item.currentData() == "Hospitality" and form.claim_input().item == "Hospitality"
    assert form.problem_label.text() == ""  # the error gone once the item is named
