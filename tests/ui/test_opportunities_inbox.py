"""A quotation priced below the floor waits in the sales VP's "waiting for me" on the
dashboard (issue 18); Enter on it opens the Opportunities tab with its opportunity
selected and the prices ready to approve; approved, it leaves the list."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from sales_desk.domain.common.money import to_minor
from sales_desk.services.opportunities import opportunities, quotations
from sales_desk.services.opportunities.opportunities import OpportunityInput
from sales_desk.services.opportunities.quotations import QuoteLineInput
from sales_desk.services.orders import products
from sales_desk.services.orders.products import ProductInput
from sales_desk.ui.tabs.opportunities.tab import OpportunitiesTab
from tests.services.credit_flow import new_customer
from tests.ui.conftest import idle
from tests.ui.test_dashboard import dashboard_of, open_window, waiting_row


@pytest.fixture(autouse=True)
def _day(pin_business_date) -> None:  # noqa: ANN001
    pin_business_date(date(2026, 6, 30))


def test_the_vp_opens_a_quotation_waiting_for_price_approval_on_its_opportunity(qtbot, ctx, person) -> None:  # noqa: ANN001
    rep, vp = person("rep", "sales_rep"), person("vp", "sales_vp")
    pid = products.create_product(ctx.uow(vp), ProductInput("P-1", "控制器", "台", to_minor("100"), to_minor("90"),
                                                            to_minor("120")))
    cid = new_customer(ctx.database, rep, name="华东机电")
    oid = opportunities.create_opportunity(ctx.uow(rep), OpportunityInput("PLC retrofit", customer_id=cid))
    qid = quotations.create_quotation(ctx.uow(rep), oid, [QuoteLineInput(pid, 2, to_minor("85"))])
    for n in range(3):  # listed before it: the tab must find it, not just show its first row
        opportunities.create_opportunity(ctx.uow(rep), OpportunityInput(f"备件 {n}", customer_id=cid))
    window = open_window(qtbot, ctx, vp)
    page = dashboard_of(window).overview()
    page.table.selectRow(waiting_row(page, "quotation"))
    item = page.selected()
    assert (item.id, item.title, item.who, item.open_id) == (qid, "Quotation price below the floor", "rep", oid)
    assert "华东机电" in item.subject
    page.table.setFocus()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)  # Enter opens it where it is decided
    idle(qtbot, ctx)
    tab = window.tab("opportunities")
    assert isinstance(tab, OpportunitiesTab) and window.tabs.currentWidget() is tab
    opp = tab.opportunities_page()
    qtbot.waitUntil(lambda: opp.detail is not None and opp.detail.row.id == oid, timeout=10_000)
    assert opp.model.row_at(opp.table.current_row()).id == oid and opp.model.row_at(0).id != oid
    qtbot.waitUntil(opp.approve_button.isEnabled)

    quotations.decide_quotation(ctx.uow(vp), qid, True, "新客户")
    window.tabs.setCurrentWidget(window.tab("dashboard"))
    page.reload()
    idle(qtbot, ctx)
    assert not [i for i in page.model.rows() if i.kind == "quotation"]


def test_the_rep_who_made_the_quotation_does_not_see_it_waiting(qtbot, ctx, person) -> None:  # noqa: ANN001
    rep, vp = person("rep", "sales_rep"), person("vp", "sales_vp")
    pid = products.create_product(ctx.uow(vp), ProductInput("P-1", "控制器", "台", to_minor("100"), to_minor("90"),
                                                            to_minor("120")))
    oid = opportunities.create_opportunity(ctx.uow(rep), OpportunityInput(
        "PLC retrofit", customer_id=new_customer(ctx.database, rep)))
    quotations.create_quotation(ctx.uow(rep), oid, [QuoteLineInput(pid, 2, to_minor("85"))])
    window = open_window(qtbot, ctx, rep)
    page = dashboard_of(window).overview()
    assert not [i for i in page.model.rows() if i.kind == "quotation"]
