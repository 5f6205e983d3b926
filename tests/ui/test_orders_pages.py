"""The Orders tab's other pages: pages by duty, products and price ranges (the VP edits, the
rest read), the order list's filters, a return raising a credit note seen in the ledger,
and one Alt+key per action on every screen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

from sales_desk.domain.orders.contracts import ApprovalKind, OrderStatus
from sales_desk.services.orders import products
from sales_desk.services.orders import views as order_views
from sales_desk.ui.main_window import MainWindow
from sales_desk.ui.tabs.orders.blocked_order import OverrideDialog
from sales_desk.ui.tabs.orders.handover_dialog import HandoverDialog
from sales_desk.ui.tabs.orders.ledger import LedgerDialog, LedgerPage
from sales_desk.ui.tabs.orders.order_form import OrderDialog
from sales_desk.ui.tabs.orders.order_list import OrdersPage
from sales_desk.ui.tabs.orders.prepayment_dialog import PrepaymentDialog
from sales_desk.ui.tabs.orders.printing import (
    ContractPrintDialog,
    DispatchNotePrintDialog,
    PaymentSlipPrintDialog,
    PriceListPrintDialog,
)
from sales_desk.ui.tabs.orders.products_page import ProductDialog, ProductsPage
from sales_desk.ui.tabs.orders.reason_dialog import ReasonDialog
from sales_desk.ui.tabs.orders.return_dialog import ReturnDialog
from sales_desk.ui.tabs.orders.review_dialog import ReviewDialog
from sales_desk.ui.tabs.orders.ship_dialog import ShipDialog
from sales_desk.ui.tabs.orders.tab import OrdersTab
from tests.services.order_flow import approved, credit_customer, draft, product, ship, signed, team
from tests.ui.conftest import idle
from tests.ui.test_credit_customers import mnemonics


@pytest.fixture
def t(person):  # noqa: ANN001
    return team(person)


@pytest.fixture
def cid(ctx, t) -> int:  # noqa: ANN001
    return credit_customer(ctx.database, t)


@pytest.fixture
def pid(ctx, t) -> int:  # noqa: ANN001
    return product(ctx.database, t)


def orders_tab(qtbot, ctx, actor) -> OrdersTab:  # noqa: ANN001
    w = OrdersTab(ctx, actor)
    qtbot.addWidget(w)
    w.resize(1200, 700)
    w.show()
    idle(qtbot, ctx)
    return w


def test_pages_follow_the_users_duties(ctx, t) -> None:  # noqa: ANN001
    expect = {
        t.rep: ["orders", "products", "slips", "register", "ledger"],
        t.vp: ["orders", "waiting", "products", "price_lists", "register", "ledger"],
        t.mgr: ["orders", "waiting", "products", "price_lists", "slips", "register", "ledger"],
        t.fin: ["orders", "waiting", "products", "price_lists", "slips", "register", "ledger"],
        t.gm: ["orders", "waiting", "products", "price_lists", "register", "ledger"],
        t.fd: ["orders", "waiting", "products", "register", "ledger"],
    }
    for actor, pages in expect.items():
        tab = OrdersTab(ctx, actor)
        assert list(tab.pages) == pages, actor.username
        tab.deleteLater()
    rep_tab, mgr_tab = OrdersTab(ctx, t.rep), OrdersTab(ctx, t.mgr)
    rep_page, mgr_page = rep_tab.orders_page(), mgr_tab.orders_page()
    assert rep_page.new_button.isVisibleTo(rep_page) and not mgr_page.new_button.isVisibleTo(mgr_page)


def test_the_vp_edits_a_price_range_and_a_rep_only_reads_it(qtbot, ctx, t, pid, messages) -> None:  # noqa: ANN001
    tab = orders_tab(qtbot, ctx, t.vp)
    page = tab.show_page("products")
    assert isinstance(page, ProductsPage)
    idle(qtbot, ctx)
    assert page.model.rowCount() == 1 and page.model.index(0, 5).data() == "90.00"
    page.table.selectRow(0)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)  # Enter edits
    dialog = page.findChild(ProductDialog)
    assert dialog is not None and dialog.product is not None and dialog.product.id == pid
    dialog.floor.setText("101.00")  # above the list price: refused, shown under the fields
    dialog.save_button.click()
    idle(qtbot, ctx)
    assert "must not exceed the list price" in dialog.problem_label.text()
    dialog.floor.setText("85.00")
    dialog.save_button.click()
    idle(qtbot, ctx)
    assert products.get_product(ctx.uow(t.rep), pid).floor_price == 8_500
    assert page.model.index(0, 5).data() == "85.00" and page.model.index(0, 7).data() == "vp"

    rep_tab = orders_tab(qtbot, ctx, t.rep)
    rep_page = rep_tab.show_page("products")
    idle(qtbot, ctx)
    assert not rep_page.new_button.isVisibleTo(rep_page) and not rep_page.edit_button.isVisibleTo(rep_page)
    assert rep_page.edit_selected() is None


def test_the_order_list_filters_by_status_customer_and_number(qtbot, ctx, t, cid, pid) -> None:  # noqa: ANN001
    other = credit_customer(ctx.database, t, name="宁波港城物流有限公司")
    mine = draft(ctx.database, t, cid, [(pid, 1, None)])
    theirs = signed(ctx.database, t, other, [(pid, 1, None)])
    tab = orders_tab(qtbot, ctx, t.rep)
    page = tab.orders_page()
    assert isinstance(page, OrdersPage)
    ids = lambda: [page.model.row_at(i).id for i in range(page.model.rowCount())]  # noqa: E731
    assert ids() == [theirs, mine] and page.count_label.text() == "2 orders."
    page.filters.status.setCurrentIndex(page.filters.status.findText(OrderStatus.SIGNED.label))
    idle(qtbot, ctx)
    assert ids() == [theirs]
    page.filters.clear()
    idle(qtbot, ctx)
    page.filters.customer.set_customer(cid, "C0001", "上海华东贸易有限公司")
    idle(qtbot, ctx)
    assert ids() == [mine]
    page.filters.clear()
    number = order_views.get_order(ctx.uow(t.rep), theirs).number
    page.filters.number.setText(number)
    qtbot.waitUntil(lambda: page.model.flt.number == number, timeout=5000)
    idle(qtbot, ctx)
    assert ids() == [theirs]
    page.table.selectRow(0)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)  # Enter opens
    idle(qtbot, ctx)
    form = page.findChild(OrderDialog)
    assert form is not None and form.view is not None and form.view.id == theirs
    form.reject()


def test_a_return_raises_a_credit_note_that_the_ledger_shows(qtbot, ctx, t, cid, pid, messages) -> None:  # noqa: ANN001
    oid = approved(ctx.database, t, cid, [(pid, 10, None)])
    ship(ctx.database, t, oid, {order_views.get_order(ctx.uow(t.wh), oid).lines[0].id: 10})
    tab = orders_tab(qtbot, ctx, t.rep)
    page = tab.orders_page()
    page.filters.status.setCurrentIndex(1)  # all orders
    idle(qtbot, ctx)
    form = tab.open_order(oid)
    idle(qtbot, ctx)
    assert form.actions.buttons["record_return"].isVisible()
    dialog = form.actions.record_return()
    assert isinstance(dialog, ReturnDialog)
    idle(qtbot, ctx)
    spin = next(iter(dialog.spins.values()))
    assert spin.maximum() == 10
    spin.setValue(2)
    assert not dialog.record_button.isEnabled()  # why, first
    dialog.reason.setPlainText("两台外壳运输途中破损，客户退回")
    dialog.record_button.click()
    idle(qtbot, ctx)
    assert order_views.get_order(ctx.uow(t.rep), oid).returned_value == 20_000

    ledger = form.actions.ledger()
    assert isinstance(ledger, LedgerDialog)
    idle(qtbot, ctx)
    rows = ledger.ledger.view.lines
    assert [(r.kind, r.debit, r.credit, r.balance) for r in rows] == [
        ("invoice", 100_000, 0, 100_000), ("credit_note", 0, 20_000, 80_000)]
    assert ledger.ledger.totals["balance"].text() == "800.00"
    assert ledger.ledger.model.index(1, 1).data() == "Credit note"
    ledger.reject()
    form.reject()

    page = tab.show_page("ledger")
    assert isinstance(page, LedgerPage) and page.empty.isVisible() and not page.ledger.isVisible()
    page.show_customer(cid, "上海华东贸易有限公司", "C0001")
    idle(qtbot, ctx)
    assert page.ledger.model.rowCount() == 2 and page.ledger.totals["balance"].text() == "800.00"


def test_no_two_mnemonics_on_one_screen(qtbot, ctx, t, cid, pid, messages) -> None:  # noqa: ANN001
    from collections import Counter

    oid = approved(ctx.database, t, cid, [(pid, 10, None)], prepayment_percent=10)
    view = order_views.get_order(ctx.uow(t.mgr), oid)

    def no_duplicates(widget, where: str) -> None:  # noqa: ANN001
        twice = [k for k, n in Counter(mnemonics(widget)).items() if n > 1]
        assert not twice, f"{where}: Alt+{twice} used twice"

    for actor in (t.rep, t.vp, t.mgr, t.fin, t.fd, t.wh):
        window = MainWindow(ctx, actor)  # deletes itself once closed
        window.show()
        for key in ("orders", "warehouse"):
            tab = window.tab(key)
            if tab is None:
                continue
            window.tabs.setCurrentWidget(tab)
            for page in tab.pages:
                tab.show_page(page)
                idle(qtbot, ctx)
                no_duplicates(window, f"{actor.username}: {key}/{page}")
        window.close()
        form = OrderDialog(ctx, actor, oid)  # deletes itself once closed
        form.show()
        idle(qtbot, ctx)
        no_duplicates(form, f"{actor.username}: order form")
        form.reject()
    new = OrderDialog(ctx, t.rep, None)
    new.show()
    idle(qtbot, ctx)
    no_duplicates(new, "new order")
    new.reject()
    from sales_desk.services.orders.dispatch_register import dispatch_notices

    notice = dispatch_notices(ctx.uow(t.wh))[0][0]
    for dialog in (ReviewDialog(ctx, t.vp, view, ApprovalKind.PRICE), OverrideDialog(ctx, t.fd, view),
                   PrepaymentDialog(ctx, t.rep, view), PriceListPrintDialog(ctx, t.vp, 1, 1),
                   PaymentSlipPrintDialog(ctx, t.rep, 1, "PS2026-00001", ""), ReasonDialog(ctx, t.rep, "x", "y", "&Cancel the order",
                                                                    lambda r: None, "z"),
                   ShipDialog(ctx, t.wh, notice), HandoverDialog(ctx, t.wh, 1, "DN"),
                   ContractPrintDialog(ctx, t.rep, oid, view.number), DispatchNotePrintDialog(ctx, t.wh, 1, "DN")):
        qtbot.addWidget(dialog)
        dialog.show()
        idle(qtbot, ctx)
        no_duplicates(dialog, type(dialog).__name__)
        dialog.reject()


def test_the_credit_tabs_customer_panel_shows_the_credit_still_available(qtbot, ctx, t, cid, pid) -> None:  # noqa: ANN001
    from sales_desk.ui.tabs.credit.tab import CreditTab

    approved(ctx.database, t, cid, [(pid, 300, None)])  # 30,000.00 held of 100,000.00
    tab = CreditTab(ctx, t.mgr)
    qtbot.addWidget(tab)
    tab.show()
    page = tab.show_page("customers")
    idle(qtbot, ctx)
    page.select_row(0)
    idle(qtbot, ctx)
    available = page.panel.values["available"]
    assert available.text() == "70,000.00" and "approved, not shipped 30,000.00" in available.toolTip()


def test_a_header_click_sorts_the_order_list_in_the_database(qtbot, ctx, t, cid, pid) -> None:  # noqa: ANN001
    ids = [draft(ctx.database, t, cid, [(pid, q, None)]) for q in (5, 2, 9)]
    w = orders_tab(qtbot, ctx, t.rep)
    page = w.orders_page()
    model, header = page.model, page.table.horizontalHeader()
    assert [model.row_at(i).id for i in range(3)] == ids[::-1]  # newest first until asked
    total = next(c for c in range(model.columnCount()) if model.headerData(c, Qt.Orientation.Horizontal) == "Total")
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(header.sectionViewportPosition(total) + 5, 5))
    idle(qtbot, ctx)
    assert model.sorted_by == ("total", False)
    assert [model.row_at(i).id for i in range(3)] == [ids[1], ids[0], ids[2]]
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(header.sectionViewportPosition(total) + 5, 5))
    idle(qtbot, ctx)
    assert [model.row_at(i).id for i in range(3)] == [ids[2], ids[0], ids[1]]
