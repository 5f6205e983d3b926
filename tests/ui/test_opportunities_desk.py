"""The day's selling work from the Opportunities tab, by keyboard (issue 18): a lead recorded
and converted into its customer file; an opportunity typed for a customer (picked by its
pinyin initials), advanced a stage with its day, quoted below the floor and approved by the
sales VP, and won — its draft order offered to open in the Orders tab."""

from __future__ import annotations

import os
from datetime import date

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QWidget

from sales_desk.domain.common.money import to_minor
from sales_desk.domain.opportunities.stages import Stage
from sales_desk.services.customers.data import CustomerInput
from sales_desk.services.customers.files import create_customer
from sales_desk.services.opportunities import leads, opportunities, opportunity_views
from sales_desk.services.orders import products
from sales_desk.services.orders.products import ProductInput
from sales_desk.ui.tabs.opportunities.leads_page import LeadDialog
from sales_desk.ui.tabs.opportunities.lines import PRICE, PRODUCT, QUANTITY
from sales_desk.ui.tabs.opportunities.opportunity_form import OpportunityForm
from sales_desk.ui.tabs.opportunities.quotation_form import QuotationForm
from sales_desk.ui.tabs.opportunities.steps import PriceDecisionDialog, StageDialog
from sales_desk.ui.tabs.opportunities.tab import OpportunitiesTab
from tests.ui.conftest import idle

DAY = date(2026, 6, 30)


@pytest.fixture
def day(monkeypatch):  # noqa: ANN001, ANN201
    monkeypatch.setenv("SALES_DESK_BUSINESS_DATE", DAY.isoformat())
    return DAY


def _tab(qtbot, ctx, actor) -> OpportunitiesTab:  # noqa: ANN001
    tab = OpportunitiesTab(ctx, actor)
    qtbot.addWidget(tab)
    tab.resize(1250, 720)
    tab.show()
    idle(qtbot, ctx)
    return tab


def _active(qtbot, w: QWidget) -> None:  # noqa: ANN001
    """Made the active window, as the window manager does (offscreen, nothing does)."""
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)


def _dialog(qtbot, page: QWidget, kind: type) -> QWidget:  # noqa: ANN001
    """The one form of `kind` shown (a button's mnemonic clicks it a moment later)."""
    qtbot.waitUntil(lambda: len([d for d in page.findChildren(kind) if d.isVisible()]) == 1)
    return next(d for d in page.findChildren(kind) if d.isVisible())


def _closed(w: QWidget) -> bool:
    return not shiboken6.isValid(w) or not w.isVisible()


def _alt(qtbot, w: QWidget, key: Qt.Key) -> None:  # noqa: ANN001
    qtbot.keyClick(w, key, Qt.KeyboardModifier.AltModifier)


def _focus() -> QWidget:
    return QApplication.focusWidget()


def _product_cell(qtbot, w: QWidget, grid, text: str) -> None:  # noqa: ANN001
    """The product typed into the grid's current cell; Tab takes it and goes on to the quantity."""
    qtbot.keyClick(grid, Qt.Key.Key_F2)
    editor = next(e for e in grid.findChildren(QComboBox, "product_editor") if e.isVisible())
    qtbot.keyClicks(editor.lineEdit(), text)
    editor.completer().popup().hide()
    _active(qtbot, w)
    qtbot.keyClick(_focus(), Qt.Key.Key_Tab)


def test_a_lead_is_recorded_and_converted_into_its_customer_file_by_keyboard(qtbot, ctx, person, day,
                                                                              messages) -> None:  # noqa: ANN001
    rep = person("rep", "sales_rep")
    tab = _tab(qtbot, ctx, rep)
    page = tab.show_page("leads")
    idle(qtbot, ctx)
    _active(qtbot, page)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # Ctrl+N: New lead…
    form = _dialog(qtbot, page, LeadDialog)
    _active(qtbot, form)
    _alt(qtbot, form, Qt.Key.Key_N)  # Firm &name
    form.name.insert("宁波新材料有限公司")  # as an input method commits it (QTest types Latin keys only)
    _alt(qtbot, form, Qt.Key.Key_C)
    form.contact.insert("陈工")
    qtbot.keyClick(_focus(), Qt.Key.Key_Tab)
    form.position.insert("技术总监")
    qtbot.keyClick(_focus(), Qt.Key.Key_Tab)
    qtbot.keyClicks(_focus(), "0574-8765 4321")
    _alt(qtbot, form, Qt.Key.Key_R)  # &Region: typed, as a combo box takes its first letter
    qtbot.keyClicks(form.region, "East")
    assert form.region.currentData() == "east"
    qtbot.keyClick(_focus(), Qt.Key.Key_Return)  # Enter saves
    idle(qtbot, ctx)
    assert _closed(form)
    (row,) = leads.list_leads(ctx.uow(rep))
    assert (row.name, row.contact_name, row.contact_position, row.region, row.first_contact_on) == (
        "宁波新材料有限公司", "陈工", "技术总监", "east", DAY)
    qtbot.waitUntil(lambda: page.convert_button.isEnabled())
    _active(qtbot, page)
    _alt(qtbot, page, Qt.Key.Key_C)  # &Convert to customer file…, after a confirmation
    qtbot.waitUntil(lambda: bool(messages.texts("confirm")))
    idle(qtbot, ctx)
    assert "宁波新材料有限公司" in messages.texts("confirm")[-1]
    (row,) = leads.list_leads(ctx.uow(rep), None)
    assert row.status == "converted" and row.customer_id is not None
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and page.model.row_at(0).customer != "")
    assert page.model.data(page.model.index(0, 9)).endswith("宁波新材料有限公司")  # the file it became
    assert not page.convert_button.isEnabled()
    if os.environ.get("SALES_DESK_SCREENSHOTS"):
        page.grab().save(os.environ["SALES_DESK_SCREENSHOTS"] + "/opportunities-leads.png")


def test_an_opportunity_is_typed_advanced_quoted_approved_and_won_by_keyboard(qtbot, ctx, person, day,
                                                                                 messages) -> None:  # noqa: ANN001
    rep, vp = person("rep", "sales_rep"), person("vp", "sales_vp")
    pid = products.create_product(ctx.uow(vp), ProductInput("P-1", "控制器", "台", to_minor("100"), to_minor("90"),
                                                            to_minor("120")))
    cid = create_customer(ctx.uow(rep), CustomerInput(name="华东机电"))
    tab = _tab(qtbot, ctx, rep)
    page = tab.opportunities_page()
    _active(qtbot, page)
    _alt(qtbot, page, Qt.Key.Key_N)  # &New opportunity…
    form = _dialog(qtbot, page, OpportunityForm)
    idle(qtbot, ctx)
    _active(qtbot, form)
    assert form.customer.hasFocus()
    qtbot.keyClicks(form.customer, "hdjd")  # the customer by its pinyin initials
    qtbot.keyClick(form.customer, Qt.Key.Key_Return)  # the top match
    qtbot.waitUntil(lambda: form.customer.customer_id == cid, timeout=5000)
    _alt(qtbot, form, Qt.Key.Key_I)  # T&itle
    qtbot.keyClicks(_focus(), "PLC retrofit")
    _alt(qtbot, form, Qt.Key.Key_A)  # Expected &amount
    qtbot.keyClicks(_focus(), "20000")
    _alt(qtbot, form, Qt.Key.Key_P)  # the &Products page, its first cell
    grid = form.products_grid
    assert grid.hasFocus() and grid.currentIndex() == form.products.index(0, PRODUCT)
    _product_cell(qtbot, form, grid, "p-1")
    assert grid.currentIndex().column() == QUANTITY
    qtbot.keyClicks(_focus(), "2")
    qtbot.keyClick(_focus(), Qt.Key.Key_Tab)  # past the grid's last cell
    _alt(qtbot, form, Qt.Key.Key_M)  # Co&mpetitors met
    qtbot.keyClick(form.competitors_grid, "S")  # the first key opens the cell
    qtbot.keyClicks(_focus(), "iemens")
    qtbot.keyClick(_focus(), Qt.Key.Key_Tab)
    qtbot.keyClicks(_focus(), "brand")
    qtbot.keyClick(_focus(), Qt.Key.Key_Tab)
    _alt(qtbot, form, Qt.Key.Key_N)  # Competitive a&nalysis
    qtbot.keyClicks(_focus(), "faster service")
    _alt(qtbot, form, Qt.Key.Key_S)  # &Save
    qtbot.waitUntil(lambda: _closed(form))
    assert _closed(form), form.problem_label.text()
    (row,) = opportunity_views.list_opportunities(ctx.uow(rep))[0]
    d = opportunity_views.opportunity_detail(ctx.uow(rep), row.id)
    assert (d.row.title, d.row.amount, d.customer_id) == ("PLC retrofit", to_minor("20000"), cid)
    assert [(p.product_id, p.quantity) for p in d.products] == [(pid, 2)]
    assert [(c.name, c.strengths) for c in d.competitors] == [("Siemens", "brand")]
    assert d.competitive_analysis == "faster service"

    qtbot.waitUntil(lambda: page.next_button.isEnabled())
    assert "Time nodes" in page.nodes.text() and page.detail_panel.stalled.text() == ""
    _active(qtbot, page)
    _alt(qtbot, page, Qt.Key.Key_D)  # A&dvance stage…, reached today
    step = _dialog(qtbot, page, StageDialog)
    _active(qtbot, step)
    qtbot.keyClick(_focus(), Qt.Key.Key_Return)
    idle(qtbot, ctx)
    assert opportunity_views.opportunity_detail(ctx.uow(rep), row.id).row.stage is Stage.CONTACT
    for st in (Stage.NEEDS, Stage.PROPOSAL, Stage.QUOTE, Stage.NEGOTIATION):  # the rest of the way, below the UI
        opportunities.advance_stage(ctx.uow(rep), row.id, st)

    page.reload()
    idle(qtbot, ctx)
    qtbot.waitUntil(lambda: page.quote_button.isEnabled() and page.win_button.isEnabled())
    _active(qtbot, page)
    _alt(qtbot, page, Qt.Key.Key_Q)  # New &quotation…: the products come in at the list price
    quote = _dialog(qtbot, page, QuotationForm)
    idle(qtbot, ctx)
    _active(qtbot, quote)
    lines = quote.lines
    assert [(ln.product.id, ln.quantity, ln.price) for ln in lines.lines() if ln.product] == [(pid, 2, 10_000)]
    grid = quote.lines_grid
    grid.setCurrentIndex(lines.index(0, PRICE))
    qtbot.keyClick(grid, Qt.Key.Key_F2)
    _focus().selectAll()
    qtbot.keyClicks(_focus(), "85")  # below the floor of 90.00: for the sales VP
    qtbot.keyClick(_focus(), Qt.Key.Key_Tab)
    assert "sales VP" in quote.price_note.text() and quote.total.text() == "Total 170.00"
    _alt(qtbot, quote, Qt.Key.Key_M)  # &Make the quotation
    qtbot.waitUntil(lambda: _closed(quote) or quote.problem_label.text() != "")
    assert _closed(quote), quote.problem_label.text()
    qtbot.waitUntil(lambda: page.detail_panel.quotes.rowCount() == 1)
    assert page.detail_panel.quotes.data(page.detail_panel.quotes.index(0, 3)) == "Awaiting price approval"
    assert not page.print_button.isEnabled() and not page.approve_button.isVisible()

    vp_tab = _tab(qtbot, ctx, vp)  # the sales VP approves it from the same detail
    vp_page = vp_tab.opportunities_page()
    qtbot.waitUntil(lambda: vp_page.approve_button.isEnabled())
    _active(qtbot, vp_page)
    _alt(qtbot, vp_page, Qt.Key.Key_V)  # Appro&ve the prices…
    decision = _dialog(qtbot, vp_page, PriceDecisionDialog)
    _active(qtbot, decision)
    qtbot.keyClicks(decision.note, "first order")
    qtbot.keyClick(decision.note, Qt.Key.Key_Return)
    idle(qtbot, ctx)
    assert opportunity_views.opportunity_detail(ctx.uow(rep), row.id).quotations[0].status == "approved"

    page.reload()
    idle(qtbot, ctx)
    qtbot.waitUntil(lambda: page.win_button.isEnabled() and page.print_button.isEnabled())
    opened = []
    tab.sig_open_item.connect(lambda *a: opened.append(a))
    _active(qtbot, page)
    _alt(qtbot, page, Qt.Key.Key_W)  # &Won…: confirmed, the order made, offered to open
    qtbot.waitUntil(lambda: len(messages.texts("confirm")) == 2)
    idle(qtbot, ctx)
    d = opportunity_views.opportunity_detail(ctx.uow(rep), row.id)
    assert d.row.outcome == "won" and d.order_number
    assert d.order_number in messages.texts("confirm")[-1] and opened == [("orders", "order", d.order_id)]
    qtbot.waitUntil(lambda: d.order_number in page.detail_panel.order.text())
    assert page.detail_panel.open_order_button.isVisible()
    if os.environ.get("SALES_DESK_SCREENSHOTS"):
        page.grab().save(os.environ["SALES_DESK_SCREENSHOTS"] + "/opportunities-won.png")
