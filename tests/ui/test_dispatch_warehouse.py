"""The Warehouse tab: the keeper lands on the dispatch notices and takes no orders; checks a
notice against its order and ships part of it, which the register then lists; the
prepayment gate; the hand-over; the register filtered and exported (and cancelled)."""

from __future__ import annotations

import threading
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton

from sales_desk.domain.orders.contracts import OrderStatus
from sales_desk.services.orders import dispatch_register
from sales_desk.services.orders import views as order_views
from sales_desk.services.orders.dispatch_register import RegisterFilter
from sales_desk.ui.main_window import MainWindow
from sales_desk.ui.tabs.orders.notices_page import STATE, NoticesPage
from sales_desk.ui.tabs.orders.printing import DispatchNotePrintDialog
from sales_desk.ui.tabs.orders.register_page import RegisterPage
from sales_desk.ui.tabs.orders.ship_dialog import ShipDialog
from sales_desk.ui.tabs.orders.tab import WarehouseTab
from tests.services.order_flow import approved, credit_customer, product, ship, team
from tests.ui.conftest import idle


@pytest.fixture
def t(person):  # noqa: ANN001
    return team(person)


@pytest.fixture
def cid(ctx, t) -> int:  # noqa: ANN001
    return credit_customer(ctx.database, t)


@pytest.fixture
def pids(ctx, t) -> tuple[int, int]:  # noqa: ANN001
    return (product(ctx.database, t),
            product(ctx.database, t, code="P-200", list_price="50.00", floor="45.00", ceiling="60.00",
                    name="压力传感器"))


def warehouse(qtbot, ctx, actor) -> WarehouseTab:  # noqa: ANN001
    w = WarehouseTab(ctx, actor)
    qtbot.addWidget(w)
    w.resize(1200, 700)
    w.show()
    idle(qtbot, ctx)
    return w


def test_the_keeper_opens_on_the_dispatch_notices_and_has_no_way_to_take_an_order(
        qtbot, ctx, t, cid, pids) -> None:  # noqa: ANN001
    oid = approved(ctx.database, t, cid, [(pids[0], 5, None)])
    window = MainWindow(ctx, t.wh)
    qtbot.addWidget(window)
    window.show()
    idle(qtbot, ctx)
    keys = [window.tabs.widget(i).objectName().removeprefix("tab_") for i in range(window.tabs.count())]
    assert [k for k in keys if k != "dashboard"][0] == "warehouse"  # the first module tab
    assert window.tabs.currentWidget() is window.tab("warehouse")  # not the dashboard: nothing there for them
    assert window.tab("orders") is None
    tab = window.tab("warehouse")
    assert isinstance(tab, WarehouseTab) and list(tab.pages) == ["notices", "register"]
    assert isinstance(tab.stack.currentWidget(), NoticesPage)
    notices = tab.pages["notices"]
    assert [notices.model.row_at(i).order_id for i in range(notices.model.rowCount())] == [oid]
    names = {b.objectName() for b in window.findChildren(QPushButton)}
    assert not names & {"new_order", "save", "submit", "sign", "approve"}
    window.close()


def test_the_warehouse_ships_part_of_an_order_and_sees_it_in_the_register(
        qtbot, ctx, t, cid, pids, messages) -> None:  # noqa: ANN001
    oid = approved(ctx.database, t, cid, [(pids[0], 10, None), (pids[1], 4, None)])
    tab = warehouse(qtbot, ctx, t.wh)
    notices = tab.pages["notices"]
    assert isinstance(notices, NoticesPage)
    assert notices.model.index(0, STATE).data() == "Ready to ship"
    messages.confirm_answer = True
    notices.table.setFocus()
    qtbot.keyClick(notices.table, Qt.Key.Key_Return)  # Enter: check and ship
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, ShipDialog) and w.isVisible())
    idle(qtbot, ctx)
    assert dialog.table.rowCount() == 2 and dialog.table.item(0, 2).text() == "工业控制器 (KZ-100)"
    assert [s.value() for s in dialog.spins.values()] == [10, 4]  # the whole rest, to begin with
    assert not dialog.ship_button.isEnabled()  # not before it was checked against the order
    first, second = dialog.spins.values()
    first.setValue(6)
    second.setValue(0)
    assert first.maximum() == 10  # never more than is left
    dialog.carrier.setText("顺丰速运")
    dialog.tracking.setText("SF1234567890")
    dialog.freight.setText("120.00")
    dialog.checked.setChecked(True)
    assert dialog.value_label.text() == "This shipment: 600.00"
    messages.confirm_answer = False  # asked first: "no" ships nothing
    dialog.ship_button.click()
    idle(qtbot, ctx)
    assert "part of the order (600.00)" in messages.texts("confirm")[-1]
    assert order_views.get_order(ctx.uow(t.wh), oid).status == OrderStatus.APPROVED
    messages.confirm_answer = True
    dialog.ship_button.click()
    idle(qtbot, ctx)
    assert "Print the note now" in messages.texts("confirm")[-1]  # offered at once, to go with the goods
    printer = next(w for w in QApplication.topLevelWidgets()
                   if isinstance(w, DispatchNotePrintDialog) and w.isVisible())
    printer.reject()
    view = order_views.get_order(ctx.uow(t.wh), oid)
    assert view.status == OrderStatus.PARTLY_SHIPPED and view.shipped_value == 60_000
    assert [ln.shipped_qty for ln in view.lines] == [6, 0]
    assert notices.model.index(0, STATE).data() == "Rest to ship"
    assert notices.shipments.rowCount() == 1 and notices.shipments.row_at(0).carrier == "顺丰速运"

    register = tab.show_page("register")
    assert isinstance(register, RegisterPage)
    idle(qtbot, ctx)
    rows = [register.model.row_at(i) for i in range(register.model.rowCount())]
    assert [(r.kind, r.order_no, r.product_code, r.quantity, r.amount, r.tracking_no) for r in rows] == [
        ("out", view.number, "P-100", 6, 60_000, "SF1234567890")]
    assert register.count_label.text() == "1 movement."
    tab.close()


def test_nothing_ships_before_the_prepayment_is_in(qtbot, ctx, t, cid, pids, messages) -> None:  # noqa: ANN001
    oid = approved(ctx.database, t, cid, [(pids[0], 10, None)], prepayment_percent=50)
    tab = warehouse(qtbot, ctx, t.wh)
    notices = tab.pages["notices"]
    assert notices.model.index(0, STATE).data() == "Awaiting prepayment (0.00 of 500.00)"
    dialog = notices.ship_selected()
    idle(qtbot, ctx)
    assert dialog.gate.isVisibleTo(dialog) and "500.00" in dialog.gate.text()
    dialog.checked.setChecked(True)
    dialog.ship_button.click()  # the service holds the gate; its refusal shows in the dialog
    idle(qtbot, ctx)
    assert "cannot ship yet" in dialog.problem_label.text()
    assert order_views.get_order(ctx.uow(t.wh), oid).status == OrderStatus.APPROVED
    dialog.reject()
    tab.close()


def test_the_hand_over_is_recorded_from_the_shipment(qtbot, ctx, t, cid, pids, messages) -> None:  # noqa: ANN001
    oid = approved(ctx.database, t, cid, [(pids[0], 10, None)])
    line = order_views.get_order(ctx.uow(t.wh), oid).lines[0].id
    ship(ctx.database, t, oid, {line: 4})
    tab = warehouse(qtbot, ctx, t.wh)
    notices = tab.pages["notices"]
    idle(qtbot, ctx)
    notices.shipments_table.selectRow(0)
    assert notices.handover_button.isEnabled()
    dialog = notices.handover_selected()
    assert not dialog.record_button.isEnabled()  # to whom, first
    dialog.received_by.setText("王师傅")
    dialog.record_button.click()
    idle(qtbot, ctx)
    s = order_views.get_order(ctx.uow(t.wh), oid).shipments[0]
    assert s.handed_over_on is not None
    notices.shipments_table.selectRow(0)
    assert not notices.handover_button.isEnabled()  # once per shipment
    tab.close()


def test_the_register_filters_in_the_query_and_exports_what_it_shows(
        qtbot, ctx, t, cid, pids, tmp_path: Path) -> None:  # noqa: ANN001
    other = credit_customer(ctx.database, t, name="宁波港城物流有限公司")
    for customer, product_id in ((cid, pids[0]), (other, pids[1]), (cid, pids[1])):
        oid = approved(ctx.database, t, customer, [(product_id, 3, None)])
        ship(ctx.database, t, oid, {order_views.get_order(ctx.uow(t.wh), oid).lines[0].id: 3})
    tab = warehouse(qtbot, ctx, t.wh)
    register = tab.show_page("register")
    idle(qtbot, ctx)
    assert register.model.rowCount() == 3
    register.filters.product.setCurrentIndex(register.filters.product.findData(pids[1]))
    idle(qtbot, ctx)
    assert register.model.flt == RegisterFilter(product_id=pids[1])
    assert {register.model.row_at(i).product_code for i in range(register.model.rowCount())} == {"P-200"}
    register.export_to(tmp_path / "register")
    idle(qtbot, ctx)
    sheet = openpyxl.load_workbook(tmp_path / "register.xlsx").worksheets[0]
    assert sheet.max_row == 1 + 2 and sheet.cell(1, 1).value == "Date"
    assert {sheet.cell(r, 7).value for r in range(2, 4)} == {"P-200"}
    tab.close()


def test_a_cancelled_register_export_leaves_no_file(qtbot, ctx, t, cid, pids, tmp_path: Path) -> None:  # noqa: ANN001
    oid = approved(ctx.database, t, cid, [(pids[0], 3, None)])
    ship(ctx.database, t, oid, {order_views.get_order(ctx.uow(t.wh), oid).lines[0].id: 3})
    tab = warehouse(qtbot, ctx, t.wh)
    register = tab.show_page("register")
    idle(qtbot, ctx)
    gate = threading.Event()
    ctx.runner.run(lambda: gate.wait(10))  # hold the worker so the export is cancelled before it runs
    task = register.export_to(tmp_path / "register.xlsx")
    ctx.runner.cancel(task)
    gate.set()
    idle(qtbot, ctx)
    assert not (tmp_path / "register.xlsx").exists()
    assert dispatch_register.count_register(ctx.uow(t.wh)) == 1
    tab.close()
