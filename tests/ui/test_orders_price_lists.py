"""The Price lists page: the sales manager proposes from the list in force, finance records
the costs, the VP reviews, the general manager approves — each through the page's buttons,
which follow the actor's rights and the list's state. Screenshots in both languages."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QPushButton

from sales_desk import clock
from sales_desk.domain.orders.price_lists import PriceListStatus
from sales_desk.i18n import set_language
from sales_desk.services.orders import payment_slips, price_lists
from sales_desk.ui.tabs.orders.price_lists_page import (
    CostCheckDialog,
    PriceListsPage,
    ProposeDialog,
)
from sales_desk.ui.tabs.orders.tab import OrdersTab
from tests.services.order_flow import approved, credit_customer, prepay, product, team
from tests.ui.conftest import idle

SHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


@pytest.fixture
def t(person):  # noqa: ANN001
    return team(person)


def page_of(qtbot, ctx, actor) -> tuple[OrdersTab, PriceListsPage]:  # noqa: ANN001
    tab = OrdersTab(ctx, actor)
    qtbot.addWidget(tab)
    tab.resize(700, 620)
    tab.show()
    page = tab.show_page("price_lists")
    idle(qtbot, ctx)
    assert isinstance(page, PriceListsPage)
    return tab, page


def test_a_price_list_goes_through_its_four_steps_on_the_page(qtbot, ctx, t, messages) -> None:  # noqa: ANN001
    pid = product(ctx.database, t)
    _tab, mgr = page_of(qtbot, ctx, t.mgr)
    assert mgr.buttons["propose"].isEnabled() and not mgr.buttons["cost_check"].isVisibleTo(mgr)
    mgr.propose()
    dialog = mgr.findChild(ProposeDialog)
    idle(qtbot, ctx)
    dialog.grid.cellWidget(0, 2).set_minor(11_000)
    dialog.grid.cellWidget(0, 4).set_minor(13_000)
    dialog.reason_edit.setPlainText("原材料涨价，竞品调价")
    dialog.buttons.findChild(QPushButton, "submit").click()
    idle(qtbot, ctx)
    lid = price_lists.list_price_lists(ctx.uow(t.mgr))[0].id
    _tab2, fin = page_of(qtbot, ctx, t.fin)
    assert fin.buttons["cost_check"].isEnabled() and not fin.buttons["propose"].isVisibleTo(fin)
    fin.cost_check()
    costs = fin.findChild(CostCheckDialog)
    costs.grid.cellWidget(0, 2).set_minor(7_000)
    costs.buttons.findChild(QPushButton, "submit").click()
    idle(qtbot, ctx)
    _tab3, vp = page_of(qtbot, ctx, t.vp)
    assert vp.buttons["review"].isEnabled() and not vp.buttons["approve"].isVisibleTo(vp)
    vp.decide("review")
    idle(qtbot, ctx)
    _tab4, gm = page_of(qtbot, ctx, t.gm)
    assert gm.buttons["approve"].isEnabled()
    gm.decide("approve")
    idle(qtbot, ctx)
    row = price_lists.get_price_list(ctx.uow(t.gm), lid)
    assert (row.status, row.in_force, row.lines[0].list_price, row.lines[0].unit_cost) == (
        PriceListStatus.APPROVED, True, 11_000, 7_000) and row.lines[0].product_id == pid
    assert gm.lines.index(0, 6).data() == "36.4 %"
    SHOTS.mkdir(parents=True, exist_ok=True)
    for lang in ("en", "zh_CN"):
        set_language(lang)
        try:
            _tab, page = page_of(qtbot, ctx, t.gm)
            page.resize(680, 560)
            page.grab().save(str(SHOTS / f"price_lists_{lang}.png"))
        finally:
            set_language("en")


def test_the_payment_slips_page_shows_each_slips_state(qtbot, ctx, t, messages) -> None:  # noqa: ANN001
    cid = credit_customer(ctx.database, t)
    oid = approved(ctx.database, t, cid, [(product(ctx.database, t), 100, None)], prepayment_percent=30)
    prepay(ctx.database, t, oid, 100_000, "工行回单 0042")
    payment_slips.fill_slip(ctx.uow(t.rep), oid, 200_000)
    SHOTS.mkdir(parents=True, exist_ok=True)
    for lang in ("en", "zh_CN"):
        set_language(lang)
        try:
            tab = OrdersTab(ctx, t.mgr)
            qtbot.addWidget(tab)
            tab.show()
            page = tab.show_page("slips")
            idle(qtbot, ctx)
            assert page.model.rowCount() == 2 and page.buttons["approve"].isEnabled()  # the newest first
            page.resize(680, 360)
            page.grab().save(str(SHOTS / f"payment_slips_{lang}.png"))
        finally:
            set_language("en")


def test_the_proposer_corrects_and_resubmits_a_returned_price_list_on_the_page(qtbot, ctx, t, messages) -> None:  # noqa: ANN001
    from sales_desk.domain.common.money import to_minor
    from sales_desk.domain.orders.price_lists import PriceLine

    pid = product(ctx.database, t)
    lid = price_lists.propose(ctx.uow(t.mgr), [PriceLine(pid, to_minor("110"), to_minor("100"), to_minor("130"))],
                              "原材料涨价", clock.today())
    price_lists.send_back(ctx.uow(t.fin), lid, "成本资料不全")
    _tab, fin = page_of(qtbot, ctx, t.fin)
    assert not fin.buttons["resubmit"].isVisibleTo(fin)
    _tab, mgr = page_of(qtbot, ctx, t.mgr)
    assert mgr.buttons["resubmit"].isEnabled()
    SHOTS.mkdir(parents=True, exist_ok=True)
    for lang in ("zh_CN", "en"):  # the correction sent in English, last
        set_language(lang)
        try:
            dialog = mgr.resubmit()
            idle(qtbot, ctx)
            assert dialog.grid.rowCount() == 1  # the returned list's products only
            assert "成本资料不全" in dialog.findChild(QLabel, "return_note").text()
            dialog.grab().save(str(SHOTS / f"price_list_resubmit_{lang}.png"))
            if lang == "en":
                dialog.grid.cellWidget(0, 2).set_minor(10_500)
                dialog.reason_edit.setPlainText("补充成本资料，售价下调")
                dialog.buttons.findChild(QPushButton, "submit").click()
                idle(qtbot, ctx)
            else:
                dialog.reject()
        finally:
            set_language("en")
    row = price_lists.get_price_list(ctx.uow(t.gm), lid)
    assert (row.status, row.lines[0].list_price) == (PriceListStatus.PROPOSED, 10_500)


def test_the_rep_corrects_and_resubmits_a_returned_payment_slip_on_the_page(qtbot, ctx, t, messages) -> None:  # noqa: ANN001
    from sales_desk.domain.orders.payment_slips import SlipStatus

    cid = credit_customer(ctx.database, t)
    oid = approved(ctx.database, t, cid, [(product(ctx.database, t), 100, None)], prepayment_percent=30)
    sid = payment_slips.fill_slip(ctx.uow(t.rep), oid, 300_000)
    payment_slips.decide_slip(ctx.uow(t.mgr), sid, False, "金额与回单不符")
    tab = OrdersTab(ctx, t.rep)
    qtbot.addWidget(tab)
    tab.show()
    page = tab.show_page("slips")
    idle(qtbot, ctx)
    assert page.buttons["resubmit"].isEnabled()
    SHOTS.mkdir(parents=True, exist_ok=True)
    for lang in ("zh_CN", "en"):  # the correction sent in English, last
        set_language(lang)
        try:
            dialog = page.resubmit()
            dialog.grab().save(str(SHOTS / f"slip_resubmit_{lang}.png"))
            if lang == "en":
                dialog.amount.set_minor(290_000)
                dialog.buttons.findChild(QPushButton, "submit").click()
                idle(qtbot, ctx)
            else:
                dialog.reject()
        finally:
            set_language("en")
    row = payment_slips.get_slip(ctx.uow(t.rep), sid)
    assert (row.status, row.amount) == (SlipStatus.SUBMITTED, 290_000)
