"""The Distributors and rebates page [经销商与返利]: the GM approves the period's rebate, finance
pays it as a credit note, all from the keyboard-reachable buttons."""

from __future__ import annotations

from datetime import date

from sales_desk.i18n import set_language
from sales_desk.services.collections import rebates
from sales_desk.ui.tabs.collections.rebates_page import RebatesPage
from tests.services import rebate_flow as flow
from tests.services.test_rebates import TIERS
from tests.ui.conftest import idle


def test_the_gm_approves_and_finance_pays_a_rebate_on_the_page(qtbot, ctx, person, pin_business_date,  # noqa: ANN001
                                                                tmp_path) -> None:
    db = ctx.database
    pin_business_date(date(2026, 1, 5))
    c = flow.crew(person)
    pid = flow.product(db, c)
    cid = flow.distributor(db, c)
    aid = flow.agreement(db, c, cid, TIERS)
    pin_business_date(date(2026, 4, 2))
    oid = flow.order(db, c, cid, pid, 100)
    pin_business_date(date(2026, 7, 15))
    flow.ship(db, c, oid, 95, date(2026, 5, 10))
    rid = rebates.propose_rebate(db.uow(c.mgr), aid, date(2026, 5, 1))
    gm_page = RebatesPage(ctx, c.gm)
    qtbot.addWidget(gm_page)
    gm_page.resize(1100, 700)
    gm_page.show()
    idle(qtbot, ctx)
    assert gm_page.rb_model.rowCount() == 1 and gm_page.dist_model.rowCount() == 1
    gm_page.rb_table.selectRow(0)
    assert gm_page.approve_button.isEnabled() and not gm_page.pay_button.isEnabled()
    gm_page.approve_button.click()
    idle(qtbot, ctx)
    fin_page = RebatesPage(ctx, c.fin)
    qtbot.addWidget(fin_page)
    fin_page.show()
    idle(qtbot, ctx)
    fin_page.rb_table.selectRow(0)
    assert fin_page.pay_button.isEnabled()
    fin_page.pay_button.click()
    idle(qtbot, ctx)
    assert fin_page.rb_model.row_at(0).credit_note.startswith("CN") and fin_page.rb_model.row_at(0).id == rid
    gm_page.grab().save(str(tmp_path / "rebates_en.png"))
    set_language("zh_CN")
    try:
        zh = RebatesPage(ctx, c.gm)
        qtbot.addWidget(zh)
        zh.resize(1100, 700)
        zh.show()
        idle(qtbot, ctx)
        zh.grab().save(str(tmp_path / "rebates_zh.png"))
    finally:
        set_language("en")
