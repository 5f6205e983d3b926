"""The Opportunities tab [销售机会]: the list with its funnel, a step by keyboard (issue 18)."""

from __future__ import annotations

import os
from datetime import date

from sales_desk.domain.common.money import to_minor
from sales_desk.domain.opportunities.stages import Stage
from sales_desk.services.customers.data import CustomerInput
from sales_desk.services.customers.files import create_customer
from sales_desk.services.opportunities import opportunities, opportunity_views
from sales_desk.services.opportunities.opportunities import OpportunityInput
from sales_desk.services.orders import products
from sales_desk.services.orders.products import ProductInput
from sales_desk.ui.tabs import load_tabs
from sales_desk.ui.tabs.opportunities.page import OpportunitiesPage
from sales_desk.ui.tabs.opportunities.steps import StageDialog
from tests.ui.conftest import idle


def test_the_tab_lists_the_funnel_and_moves_a_stage_by_keyboard(ctx, person, qtbot, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("SALES_DESK_BUSINESS_DATE", date(2026, 6, 30).isoformat())
    rep, vp = person("rep", "sales_rep"), person("vp", "sales_vp")
    pid = products.create_product(ctx.uow(vp), ProductInput("P-1", "控制器", "台", to_minor("100"), to_minor("90"),
                                                            to_minor("120")))
    cid = create_customer(ctx.uow(rep), CustomerInput(name="华东机电"))
    oid = opportunities.create_opportunity(ctx.uow(rep), OpportunityInput(
        "改造项目", customer_id=cid, amount=to_minor("20000"), products=((pid, 2),), opened_on=date(2026, 6, 1)))
    assert "opportunities" in {s.key for s in load_tabs()}
    page = OpportunitiesPage(ctx, rep)
    qtbot.addWidget(page)
    page.resize(1200, 600)
    page.show()
    idle(qtbot, ctx)
    assert page.model.rowCount() == 1 and "20,000.00" in page.funnel.text()
    qtbot.waitUntil(lambda: page.next_button.isEnabled(), timeout=10_000)
    assert "Stalled" in page.model.data(page.model.index(0, 9))  # 29 days at the lead stage, 14 allowed
    page.next_button.click()  # the stage reached today, asked in a small form
    step = page.findChild(StageDialog)
    assert step.on.value() == date(2026, 6, 30)
    step.go.click()
    idle(qtbot, ctx)
    assert opportunity_views.opportunity_detail(ctx.uow(rep), oid).row.stage is Stage.CONTACT
    if os.environ.get("SALES_DESK_SCREENSHOTS"):
        page.grab().save(os.environ["SALES_DESK_SCREENSHOTS"] + "/opportunities.png")
