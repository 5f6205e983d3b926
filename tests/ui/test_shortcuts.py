"""Keys belong to the screen they are made for: a tab's shortcut acts only while that tab is
shown, a list's Enter only on the list (PySide6 6.11 drops the context passed to QShortcut's
constructor, which made every such key window-wide)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from sales_desk.demo import firm as demo
from sales_desk.services.admin import auth
from sales_desk.ui.main_window import MainWindow
from sales_desk.ui.tabs.customers.file_dialog import CustomerDialog
from tests.ui.conftest import idle


@pytest.fixture
def rep(ctx, boss):  # noqa: ANN001
    """A sales rep of the demo firm (customers and credit tabs, may start a customer file)."""
    users = {u.username: u.password for u in demo.load_demo(ctx.uow(boss)).users}
    return auth.login(ctx.uow(), "yangfan", users["yangfan"])


def _window(qtbot, ctx, actor) -> MainWindow:  # noqa: ANN001
    window = MainWindow(ctx, actor)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    idle(qtbot, ctx)
    return window


def _tab(window: MainWindow, key: str) -> QWidget:
    page = window.tab(key)
    assert page is not None
    return page


def _opened(page: QWidget) -> list[CustomerDialog]:
    return [d for d in page.findChildren(CustomerDialog) if d.isVisible()]


def test_customers_ctrl_n_acts_only_while_the_customers_tab_is_current(qtbot, ctx, rep) -> None:
    window = _window(qtbot, ctx, rep)
    customers, credit = _tab(window, "customers"), _tab(window, "credit")
    window.tabs.setCurrentWidget(credit)
    credit.setFocus()
    qtbot.keyClick(credit, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    idle(qtbot, ctx)
    assert not _opened(customers)

    window.tabs.setCurrentWidget(customers)
    customers.filters.search.setFocus()
    qtbot.keyClick(customers.filters.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert [d.new for d in _opened(customers)] == [True]


def test_enter_opens_a_customer_only_from_the_list_and_down_leaves_only_the_search_box(
        qtbot, ctx, rep) -> None:
    window = _window(qtbot, ctx, rep)
    customers = _tab(window, "customers")
    window.tabs.setCurrentWidget(customers)
    customers.table.selectRow(0)
    region = customers.filters.region
    region.setFocus()
    qtbot.keyClick(region, Qt.Key.Key_Down)  # the combo box moves on; the focus stays
    assert region.hasFocus() and region.currentIndex() == 1
    region.setCurrentIndex(0)
    idle(qtbot, ctx)
    customers.table.selectRow(0)
    customers.filters.search.setFocus()
    qtbot.keyClick(customers.filters.search, Qt.Key.Key_Return)
    idle(qtbot, ctx)
    assert not _opened(customers)
    customers.table.setFocus()
    qtbot.keyClick(customers.table, Qt.Key.Key_Return)
    idle(qtbot, ctx)
    assert [d.customer_id for d in _opened(customers)] == [customers.model.row_at(0).id]
