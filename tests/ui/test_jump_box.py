"""The window's search box: Ctrl+K, type a number or a name, Enter lands on the record
in its tab."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from sales_desk.models import SalesOrder
from sales_desk.ui.main_window import MainWindow
from sales_desk.ui.tabs.customers.file_dialog import CustomerDialog
from sales_desk.ui.tabs.orders.order_form import OrderDialog
from tests.services.order_flow import credit_customer, draft, product, team
from tests.ui.conftest import idle


def _window(qtbot, ctx, actor) -> MainWindow:  # noqa: ANN001
    window = MainWindow(ctx, actor)
    qtbot.addWidget(window)
    window.resize(1200, 720)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    idle(qtbot, ctx)
    return window


def _type_and_enter(qtbot, ctx, window: MainWindow, text: str) -> None:  # noqa: ANN001
    qtbot.keyClick(window.tabs.currentWidget(), Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.jump_box
    qtbot.keyClicks(window.jump_box, text)
    qtbot.keyClick(window.jump_box, Qt.Key.Key_Return)  # before the answer: opens the top match
    qtbot.waitUntil(lambda: not window.jump_box.pending(), timeout=10_000)
    idle(qtbot, ctx)


def test_ctrl_k_and_an_order_number_open_the_order_in_the_orders_tab(qtbot, ctx, person) -> None:
    t = team(person)
    cid = credit_customer(ctx.database, t, name="上海华通贸易有限公司")
    oid = draft(ctx.database, t, cid, [(product(ctx.database, t), 3, None)])
    with ctx.database.engine.connect() as c:
        number = c.execute(select(SalesOrder.number).where(SalesOrder.id == oid)).scalar_one()
    window = _window(qtbot, ctx, t.rep)
    window.tabs.setCurrentWidget(window.tab("customers"))
    idle(qtbot, ctx)
    _type_and_enter(qtbot, ctx, window, number)
    assert window.tabs.currentWidget() is window.tab("orders")
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(OrderDialog)), timeout=10_000)
    dialog = next(d for d in window.findChildren(OrderDialog) if d.isVisible())
    assert number in dialog.windowTitle()


def test_ctrl_k_and_initials_open_the_customers_file(qtbot, ctx, person) -> None:
    t = team(person)
    credit_customer(ctx.database, t, name="上海华通贸易有限公司")
    window = _window(qtbot, ctx, t.rep)
    window.tabs.setCurrentWidget(window.tab("orders"))
    idle(qtbot, ctx)  # the tab's first page, which puts the focus in its list
    qtbot.keyClick(window.tabs.currentWidget(), Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.jump_box, "ht")
    box = window.jump_box
    qtbot.waitUntil(lambda: bool(box.offered) and not box.pending() and box.popup().isVisible(), timeout=10_000)
    assert [h.name for h in box.offered] == ["上海华通贸易有限公司"]
    qtbot.keyClick(box.popup(), Qt.Key.Key_Return)  # the list has the keyboard; its top row is current
    idle(qtbot, ctx)
    assert window.tabs.currentWidget() is window.tab("customers")
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(CustomerDialog)), timeout=10_000)
