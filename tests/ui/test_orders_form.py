"""The order form: a rep enters an order and watches the credit position follow the lines;
a price below the floor is highlighted and the sales VP approves it; the credit check's
refusal shows its figures; the GM's written override; the keyboard."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QApplication, QComboBox, QPushButton

from sales_desk.domain.common.money import to_minor
from sales_desk.domain.orders.contracts import ApprovalKind, CreditLimitExceeded, OrderStatus
from sales_desk.services.customers import files as customers
from sales_desk.services.orders import approvals as order_approvals
from sales_desk.services.orders import entry as orders
from sales_desk.services.orders import views as order_views
from sales_desk.ui.tabs.orders.blocked_order import OverrideDialog, RefusalDialog
from sales_desk.ui.tabs.orders.common import BELOW_FLOOR_BG
from sales_desk.ui.tabs.orders.lines_model import PRICE, PRODUCT, QUANTITY
from sales_desk.ui.tabs.orders.order_form import OrderDialog
from sales_desk.ui.tabs.orders.review_dialog import ReviewDialog
from sales_desk.ui.tabs.orders.slips_page import DetailSheetDialog
from sales_desk.ui.tabs.orders.tab import OrdersTab
from sales_desk.ui.tabs.orders.worklist_page import WorklistPage
from tests.services.order_flow import approved, credit_customer, draft, product, signed, team
from tests.ui.conftest import idle


@pytest.fixture
def t(person):  # noqa: ANN001
    return team(person)


@pytest.fixture
def cid(ctx, t) -> int:  # noqa: ANN001
    return credit_customer(ctx.database, t)  # grade B, limit 100,000.00, 30 days


@pytest.fixture
def pid(ctx, t) -> int:  # noqa: ANN001
    return product(ctx.database, t)  # list 100.00, floor 90.00, ceiling 120.00


def tab(qtbot, ctx, actor) -> OrdersTab:  # noqa: ANN001
    w = OrdersTab(ctx, actor)
    qtbot.addWidget(w)
    w.resize(1200, 700)
    w.show()
    idle(qtbot, ctx)
    return w


def open_dialog() -> OrderDialog:
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, OrderDialog) and w.isVisible()]
    assert len(found) == 1, found
    return found[0]


def credit(dialog: OrderDialog, key: str) -> str:
    return dialog.credit.values[key].text()


def wait_credit(qtbot, ctx, dialog: OrderDialog, key: str, text: str) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: not dialog.credit.pending() and credit(dialog, key) == text, timeout=5000)
    idle(qtbot, ctx)


def pick_customer(qtbot, ctx, dialog: OrderDialog, customer_id: int) -> None:  # noqa: ANN001
    code = customers.customer_card(ctx.uow(dialog.actor), customer_id).code
    qtbot.keyClicks(dialog.customer, code)  # a code typed in full is taken
    qtbot.waitUntil(lambda: dialog.customer.customer_id == customer_id, timeout=5000)


def set_line(dialog: OrderDialog, row: int, product_id: int, qty: int, price: str | None = None) -> None:
    m = dialog.lines
    assert m.setData(m.index(row, PRODUCT), product_id)
    assert m.setData(m.index(row, QUANTITY), qty)
    if price is not None:
        assert m.setData(m.index(row, PRICE), price)


def test_rep_enters_an_order_and_the_credit_position_follows_the_lines(qtbot, ctx, t, cid, pid, messages) -> None:  # noqa: ANN001
    orders_tab = tab(qtbot, ctx, t.rep)
    page = orders_tab.orders_page()
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # Ctrl+N
    dialog = open_dialog()
    idle(qtbot, ctx)
    assert dialog.credit.empty.isVisible()  # no customer yet: no figures
    pick_customer(qtbot, ctx, dialog, cid)
    wait_credit(qtbot, ctx, dialog, "available", "100,000.00")
    assert (credit(dialog, "grade"), credit(dialog, "limit"), credit(dialog, "terms")) == ("B", "100,000.00", "30 days")
    assert dialog.days.value() == 30  # the customer's term

    set_line(dialog, 0, pid, 300)
    assert dialog.total_label.text() == "Total 30,000.00"
    wait_credit(qtbot, ctx, dialog, "after", "70,000.00")
    assert credit(dialog, "this_order") == "30,000.00"

    dialog.lines_table.setFocus()
    qtbot.keyClick(dialog.lines_table, Qt.Key.Key_Insert)  # a new line, its product chosen first
    editor = dialog.lines_table.findChild(QComboBox, "product_editor")
    assert dialog.lines.rowCount() == 2 and editor is not None and editor.isVisible()
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    set_line(dialog, 1, pid, 800)
    wait_credit(qtbot, ctx, dialog, "after", "-10,000.00")
    assert "refused" in dialog.credit.verdict.text() and "10,000.00" in dialog.credit.verdict.text()

    dialog.prepayment.setValue(20)  # 22,000.00 before shipping: the credit asked shrinks
    wait_credit(qtbot, ctx, dialog, "after", "12,000.00")
    assert "Within" in dialog.credit.verdict.text()

    dialog.lines_table.setCurrentIndex(dialog.lines.index(1, QUANTITY))
    qtbot.keyClick(dialog.lines_table, Qt.Key.Key_Delete)
    assert dialog.lines.rowCount() == 1 and dialog.total_label.text() == "Total 30,000.00"

    dialog.actions.buttons["submit"].click()
    idle(qtbot, ctx)
    assert dialog.order_id is not None
    view = order_views.get_order(ctx.uow(t.rep), dialog.order_id)
    assert (view.status, view.total, view.prepayment_percent, view.days_to_pay) == (
        OrderStatus.SUBMITTED, 3_000_000, 20, 30)
    assert dialog.status_line.isVisible() and not dialog.actions.buttons["save"].isVisible()
    dialog.reject()


def test_price_below_the_floor_is_highlighted_and_the_vp_approves_it_before_signing(
        qtbot, ctx, t, cid, pid, messages) -> None:  # noqa: ANN001
    rep_tab = tab(qtbot, ctx, t.rep)
    dialog = rep_tab.new_order()
    idle(qtbot, ctx)
    pick_customer(qtbot, ctx, dialog, cid)
    set_line(dialog, 0, pid, 10, "85.00")
    amber = dialog.lines.data(dialog.lines.index(0, PRICE), Qt.ItemDataRole.BackgroundRole)
    assert isinstance(amber, QBrush) and amber.color().name() == BELOW_FLOOR_BG
    assert "floor price 90.00" in dialog.lines.data(dialog.lines.index(0, PRICE), Qt.ItemDataRole.ToolTipRole)
    assert "Line 1 below the floor" in dialog.price_note.text()
    assert not dialog.lines.setData(dialog.lines.index(0, PRICE), "eighty")  # not money: refused, said why
    assert "not an amount" in dialog.problem_label.text()
    dialog.actions.buttons["submit"].click()
    idle(qtbot, ctx)
    oid = dialog.order_id
    assert order_views.get_order(ctx.uow(t.rep), oid).pending_reviews == (ApprovalKind.PRICE.value,)
    dialog.actions.update()
    assert not dialog.actions.buttons["sign"].isEnabled()  # the VP first
    dialog.reject()

    vp_tab = tab(qtbot, ctx, t.vp)
    waiting = vp_tab.pages["waiting"]
    assert isinstance(waiting, WorklistPage) and vp_tab.stack.currentWidget() is waiting  # the VP starts here
    assert [r.order_id for r in waiting.model.rows()] == [oid]
    waiting.table.setFocus()
    qtbot.keyClick(waiting.table, Qt.Key.Key_Return)  # Enter opens the order
    form = open_dialog()
    idle(qtbot, ctx)
    assert form.actions.buttons["review_price"].isVisible() and not form.actions.buttons["save"].isVisible()
    assert not form.lines.editable  # the VP reviews, never edits
    review = form.actions.review(ApprovalKind.PRICE)
    assert isinstance(review, ReviewDialog)
    review.approve_button.click()
    idle(qtbot, ctx)
    assert any("Approve" in text for text in messages.texts("confirm"))
    assert order_views.get_order(ctx.uow(t.vp), oid).pending_reviews == ()
    assert "may be signed" in form.status_line.text()
    assert waiting.model.rows() == []  # off the VP's list
    form.reject()


def test_a_refusal_needs_the_vps_reason_and_sends_the_order_back_to_the_rep(qtbot, ctx, t, cid, pid, messages) -> None:  # noqa: ANN001
    oid = draft(ctx.database, t, cid, [(pid, 1, "80.00")])
    orders.submit_order(ctx.uow(t.rep), oid)
    vp_tab = tab(qtbot, ctx, t.vp)
    form = vp_tab.open_order(oid)
    idle(qtbot, ctx)
    review = form.actions.review(ApprovalKind.PRICE)
    review.refuse_button.click()
    assert "Say why" in review.problem_label.text()
    review.note.setPlainText("请按限价重新报价")
    review.refuse_button.click()
    idle(qtbot, ctx)
    assert order_views.get_order(ctx.uow(t.rep), oid).status == OrderStatus.DRAFT
    form.reject()
    rep_tab = tab(qtbot, ctx, t.rep)
    rep_form = rep_tab.open_order(oid)
    idle(qtbot, ctx)
    assert "请按限价重新报价" in rep_form.status_line.text() and rep_form.lines.editable
    rep_form.reject()


def test_over_limit_approval_shows_the_refusal_with_its_figures(qtbot, ctx, t, cid, pid, messages) -> None:  # noqa: ANN001
    approved(ctx.database, t, cid, [(pid, 900, None)])  # 90,000.00 held: 10,000.00 left
    oid = signed(ctx.database, t, cid, [(pid, 300, None)])  # asks 30,000.00
    mgr_tab = tab(qtbot, ctx, t.mgr)
    waiting = mgr_tab.pages["waiting"]
    assert [r.order_id for r in waiting.model.rows()] == [oid]
    form = mgr_tab.open_order(oid)
    idle(qtbot, ctx)
    assert form.actions.buttons["approve"].isVisible() and form.actions.buttons["approve"].isDefault()
    form.actions.buttons["approve"].click()
    idle(qtbot, ctx)
    refusal = form.actions.last_dialog
    assert isinstance(refusal, RefusalDialog)
    shown = " ".join(label.text() for label in refusal.findChildren(type(form.title)))
    for figure in ("100,000.00", "90,000.00", "10,000.00", "30,000.00", "20,000.00", "Beyond the available credit"):
        assert figure in shown, figure
    assert not refusal.override_button.isVisible()  # the manager cannot override
    assert order_views.get_order(ctx.uow(t.mgr), oid).status == OrderStatus.BLOCKED
    assert "Blocked on credit" in form.title.text()
    refusal.reject()
    assert waiting.model.rows() == []  # no longer the manager's
    form.reject()


@pytest.fixture
def blocked(ctx, t, cid, pid) -> int:  # noqa: ANN001
    approved(ctx.database, t, cid, [(pid, 900, None)])
    oid = signed(ctx.database, t, cid, [(pid, 300, None)])  # 20,000.00 beyond
    with pytest.raises(CreditLimitExceeded):
        order_approvals.approve_order(ctx.uow(t.mgr), oid)
    return oid


def test_the_gm_overrides_in_writing_once(qtbot, ctx, t, blocked, messages) -> None:  # noqa: ANN001
    gm_tab = tab(qtbot, ctx, t.gm)
    assert gm_tab.stack.currentWidget() is gm_tab.pages["waiting"]
    form = gm_tab.open_order(blocked)
    idle(qtbot, ctx)
    assert form.actions.buttons["override"].isVisible()
    dialog = form.actions.override()
    assert isinstance(dialog, OverrideDialog)
    idle(qtbot, ctx)
    assert dialog.amount.text() == "20,000.00"  # the excess as it stands
    assert not dialog.approve_button.isEnabled()  # a written reason first
    dialog.amount.setText("19,999.99")
    dialog.reason.setPlainText("年底集中回款，总经理书面批准")
    dialog.approve_button.click()
    idle(qtbot, ctx)
    assert "exceeds the available credit by 20,000.00" in dialog.problem_label.text()  # the service's refusal
    dialog.amount.setText("25,000.00")
    dialog.approve_button.click()
    idle(qtbot, ctx)
    view = order_views.get_order(ctx.uow(t.gm), blocked)
    assert view.status == OrderStatus.APPROVED and view.overridden
    d = view.decisions[-1]
    assert (d.approver, d.amount, d.note) == ("gm", 2_500_000, "年底集中回款，总经理书面批准")
    assert not form.actions.buttons["override"].isVisible()  # once per order
    assert "Credit override: approved" in [s.what for s in form.history.steps.rows()]
    form.reject()


def test_the_orders_creator_cannot_override_it_and_sees_why(qtbot, ctx, t, person, pid, messages) -> None:  # noqa: ANN001
    both = person("rf", "sales_rep", "finance_director", justification="小公司，兼任")
    own = credit_customer(ctx.database, t, limit="1000", name="杭州西湖茶业有限公司", rep=both)
    oid = signed(ctx.database, t, own, [(pid, 20, None)], rep=both)
    with pytest.raises(CreditLimitExceeded):
        order_approvals.approve_order(ctx.uow(t.mgr), oid)
    both_tab = tab(qtbot, ctx, both)
    form = both_tab.open_order(oid)
    idle(qtbot, ctx)
    assert not form.actions.buttons["override"].isVisible()  # hidden from the creator…
    dialog = OverrideDialog(ctx, both, form.view, form)  # …and refused if forced (closed with the form)
    idle(qtbot, ctx)
    dialog.reason.setPlainText("我自己批准")
    dialog.approve_button.click()
    idle(qtbot, ctx)
    assert "Nobody may approve their own request" in dialog.problem_label.text()
    assert order_views.get_order(ctx.uow(both), oid).status == OrderStatus.BLOCKED
    dialog.reject()
    form.reject()


def test_signing_asks_first_and_no_means_nothing_is_recorded(qtbot, ctx, t, cid, pid, messages) -> None:  # noqa: ANN001
    oid = draft(ctx.database, t, cid, [(pid, 1, None)])
    orders.submit_order(ctx.uow(t.rep), oid)
    rep_tab = tab(qtbot, ctx, t.rep)
    form = rep_tab.open_order(oid)
    idle(qtbot, ctx)
    messages.confirm_answer = False
    form.actions.buttons["sign"].click()
    idle(qtbot, ctx)
    assert order_views.get_order(ctx.uow(t.rep), oid).status == OrderStatus.SUBMITTED
    messages.confirm_answer = True
    form.actions.buttons["sign"].click()
    idle(qtbot, ctx)
    assert order_views.get_order(ctx.uow(t.rep), oid).status == OrderStatus.SIGNED
    assert "waiting for approval for dispatch" in form.status_line.text()
    form.reject()


def test_the_rep_fills_a_payment_slip_the_manager_approves_and_finance_records_it(
        qtbot, ctx, t, cid, pid, messages) -> None:  # noqa: ANN001
    oid = approved(ctx.database, t, cid, [(pid, 100, None)], prepayment_percent=30)
    rep_tab = tab(qtbot, ctx, t.rep)
    form = rep_tab.open_order(oid)
    idle(qtbot, ctx)
    assert "nothing ships before the prepayment of 3,000.00" in form.status_line.text()
    dialog = form.actions.prepayment()
    assert dialog.amount.text() == "3,000.00"
    dialog.record_button.click()
    idle(qtbot, ctx)
    form.reject()
    mgr_tab = tab(qtbot, ctx, t.mgr)
    mgr_page = mgr_tab.show_page("slips")
    idle(qtbot, ctx)
    assert mgr_page.model.rowCount() == 1 and mgr_page.buttons["approve"].isEnabled()
    mgr_page.approve()
    idle(qtbot, ctx)
    fin_tab = tab(qtbot, ctx, t.fin)
    fin_page = fin_tab.show_page("slips")
    idle(qtbot, ctx)
    assert fin_page.buttons["detail"].isEnabled() and not fin_page.buttons["approve"].isVisibleTo(fin_page)
    fin_page.detail()
    sheet = fin_page.findChild(DetailSheetDialog)
    sheet.reference.setText("工行回单 0042")
    sheet.buttons.findChild(QPushButton, "record").click()
    idle(qtbot, ctx)
    view = order_views.get_order(ctx.uow(t.fin), oid)
    assert view.prepayment_received == 300_000 and view.prepayments[0].reference == "工行回单 0042"


def test_to_minor_is_what_the_form_saves(qtbot, ctx, t, cid, pid, messages) -> None:  # noqa: ANN001
    """Typed prices with grouping and a currency sign are read exactly, never as floats."""
    rep_tab = tab(qtbot, ctx, t.rep)
    dialog = rep_tab.new_order()
    idle(qtbot, ctx)
    pick_customer(qtbot, ctx, dialog, cid)
    set_line(dialog, 0, pid, 3, "¥100.10")
    dialog.actions.buttons["save"].click()
    idle(qtbot, ctx)
    view = order_views.get_order(ctx.uow(t.rep), dialog.order_id)
    assert (view.status, view.lines[0].unit_price, view.total) == (OrderStatus.DRAFT, to_minor("100.10"), 30_030)
    dialog.reject()


def test_the_form_runs_down_by_tab_and_enter_saves_a_draft(qtbot, ctx, t, cid, pid, messages) -> None:  # noqa: ANN001
    rep_tab = tab(qtbot, ctx, t.rep)
    dialog = rep_tab.new_order()
    qtbot.waitUntil(dialog.isActiveWindow)
    idle(qtbot, ctx)
    assert dialog.customer.hasFocus()  # the first thing to fill in
    order = [dialog.order_date, dialog.delivery_date, dialog.lines_table, dialog.add_button, dialog.remove_button,
             dialog.prepayment, dialog.days, dialog.cod, dialog.delivery_terms, dialog.address, dialog.note]
    here = dialog.customer
    for there in order:
        for _section in range(4):  # Tab walks a date's year, month and day first, as Qt's do
            qtbot.keyClick(here, Qt.Key.Key_Tab)
            if not here.hasFocus():
                break
        assert there.hasFocus(), (there.objectName(), QApplication.focusWidget())
        here = there
    assert dialog.actions.buttons["save"].isDefault()
    pick_customer(qtbot, ctx, dialog, cid)
    set_line(dialog, 0, pid, 2)
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)  # Enter in a field: the default button
    idle(qtbot, ctx)
    assert dialog.order_id is not None
    assert order_views.get_order(ctx.uow(t.rep), dialog.order_id).status == OrderStatus.DRAFT
    dialog.reject()
