"""The Distributors and rebates page [经销商与返利]: the GM approves the period's rebate, finance
pays it as a credit note, all from the keyboard-reachable buttons."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

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


def test_the_manager_marks_a_distributor_and_proposes_tiers_the_rep_reports_stock(  # noqa: ANN001
        qtbot, ctx, person, pin_business_date, tmp_path) -> None:
    """Mark a distributor, its rebate agreement in tiers by amount (the GM then approves it, never
    the proposer), and a month's stock report whose closing does not add up (shown before saving)."""
    from sales_desk.services.collections import distributors, rebate_reads
    from tests.services.collection_flow import customer

    db = ctx.database
    pin_business_date(date(2026, 3, 10))
    c = flow.crew(person)
    pid = flow.product(db, c)
    customer(db, c.rep, "D009")
    mgr_page = RebatesPage(ctx, c.mgr)
    qtbot.addWidget(mgr_page)
    mgr_page.resize(1100, 700)
    mgr_page.show()
    idle(qtbot, ctx)
    assert not mgr_page.stock_button.isEnabled()  # no distributor chosen yet
    mark = mgr_page.mark()
    qtbot.keyClicks(mark.code, "D009")
    qtbot.keyClicks(mark.agreement, "JX-2026-009")
    mark.territory.setText("华东")
    qtbot.keyClick(mark.agreement, Qt.Key.Key_Return)  # Enter: the default button marks it
    idle(qtbot, ctx)
    [d] = distributors.distributors(db.uow(c.mgr))
    assert d.agreement_no == "JX-2026-009" and d.territory == "华东"
    mgr_page.load()
    idle(qtbot, ctx)
    mgr_page.dist_table.selectRow(0)
    dialog = mgr_page.new_agreement()
    assert dialog.basis.currentData() == "amount" and dialog.period.currentData() == "quarter"
    for i, (volume, rate) in enumerate((("0", "1"), ("50,000", "2.5"), ("100,000", "3"))):
        dialog.tiers[i][0].setText(volume)
        dialog.tiers[i][1].setText(rate)
    dialog.tiers[3][1].setText("40")  # above 30 %: refused, said in the dialog
    dialog.submit()
    idle(qtbot, ctx)
    assert "30 %" in dialog.problem_label.text()
    dialog.tiers[3][1].clear()
    dialog.submit()
    idle(qtbot, ctx)
    [a] = rebate_reads.agreements(db.uow(c.mgr))
    assert a.status == "proposed" and "2.5 %" in a.tiers_text
    mgr_page.load()
    idle(qtbot, ctx)
    mgr_page.ag_table.selectRow(0)
    assert not mgr_page.approve_ag.isEnabled()  # the proposer does not approve
    rep_page = RebatesPage(ctx, c.rep)
    qtbot.addWidget(rep_page)
    rep_page.show()
    idle(qtbot, ctx)
    rep_page.dist_table.selectRow(0)
    assert not rep_page.agreement_button.isVisible() and rep_page.stock_button.isEnabled()
    stock = rep_page.stock_report()
    qtbot.keyClicks(stock.product, "P-100")
    stock.opening.setValue(10)
    stock.received.setValue(30)
    stock.sold.setValue(25)
    stock.closing.setValue(14)
    assert "differs by -1" in stock.check.text()
    stock.grab().save(str(tmp_path / "stock_dialog.png"))
    stock.submit()
    idle(qtbot, ctx)
    [row] = distributors.stock_sheet(db.uow(c.rep), d.customer_id, 2026)
    assert (row.month, row.product_id, row.closing, row.closing_gap) == (date(2026, 2, 1), pid, 14, -1)
    mgr_page.grab().save(str(tmp_path / "distributors_en.png"))
