"""Credit tab: a customer's standing, history, re-ratings due, downgrade triggers and holds;
pages by role; the keyboard."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QTabBar, QWidget

from sales_desk.domain.credit.rating import DowngradeTrigger
from sales_desk.services.credit import position as credit
from sales_desk.services.credit import rating as credit_rating
from sales_desk.ui.main_window import MainWindow
from sales_desk.ui.tabs import tabs_for
from sales_desk.ui.tabs.credit.calculator import CalculatorDialog
from sales_desk.ui.tabs.credit.customer_model import HOLD_COLUMN
from sales_desk.ui.tabs.credit.customers_page import CustomersPage
from sales_desk.ui.tabs.credit.due_page import DuePage
from sales_desk.ui.tabs.credit.investigation_dialog import InvestigationDialog
from sales_desk.ui.tabs.credit.investigations_page import NewInvestigationDialog
from sales_desk.ui.tabs.credit.printing import PrintDialog
from sales_desk.ui.tabs.credit.scorecard import ProposalDialog, ProposeRatingDialog
from sales_desk.ui.tabs.credit.tab import CreditTab
from sales_desk.ui.tabs.credit.trigger_dialog import TriggerDialog
from tests.services.credit_flow import (
    new_customer,
    rate,
    ratings_for,
    reviewed_investigation,
    staff,
    utc,
)
from tests.ui.conftest import idle


@pytest.fixture
def s(person):  # noqa: ANN001
    return staff(person)


@pytest.fixture
def cid(ctx, s) -> int:  # noqa: ANN001
    return new_customer(ctx.database, s.rep)


def _tab(qtbot, ctx, actor) -> CreditTab:  # noqa: ANN001
    tab = CreditTab(ctx, actor)
    qtbot.addWidget(tab)
    tab.resize(1100, 700)
    tab.show()
    idle(qtbot, ctx)
    return tab


def _customers(qtbot, ctx, tab: CreditTab, row: int = 0) -> CustomersPage:  # noqa: ANN001
    page = tab.show_page("customers")
    assert isinstance(page, CustomersPage)
    idle(qtbot, ctx)
    page.select_row(row)
    idle(qtbot, ctx)
    return page


def test_trigger_puts_the_customer_on_hold_at_once_and_visibly(qtbot, ctx, s, cid, messages) -> None:  # noqa: ANN001
    rate(ctx.database, s, cid, 80)
    tab = _tab(qtbot, ctx, s.spec)
    page = _customers(qtbot, ctx, tab)
    panel = page.panel
    assert not panel.hold_banner.isVisible()
    assert panel.trigger_button.isVisible()
    dialog = panel.record_trigger()
    dialog.trigger_combo.setCurrentIndex(dialog.trigger_combo.findData(DowngradeTrigger.MAJOR_BREACH.value))
    assert not dialog.record_button.isEnabled()  # a trigger needs a description
    dialog.description.insertPlainText("拖欠货款且拒绝对账")  # keyClicks types ASCII only
    messages.confirm_answer = False
    dialog.record_button.click()  # asked first; "no" records nothing
    idle(qtbot, ctx)
    assert not credit.get_credit_position(ctx.uow(s.spec), cid).on_hold
    messages.confirm_answer = True
    dialog.record_button.click()
    idle(qtbot, ctx)
    assert not dialog.isVisible()
    assert "credit hold" in messages.texts("confirm")[-1]

    pos = credit.get_credit_position(ctx.uow(s.spec), cid)
    assert pos.on_hold and pos.rerating_due
    assert panel.hold_banner.isVisible() and "CREDIT HOLD since" in panel.hold_banner.text()
    assert "due now" in panel.values["due"].text()
    assert panel.triggers.rowCount() == 1 and panel.triggers.row_at(0).trigger == "major_breach"
    model = page.model
    assert model.index(0, HOLD_COLUMN).data() == "ON HOLD"
    assert model.index(0, 1).data(Qt.ItemDataRole.ForegroundRole).color().name() == "#b00020"
    due = tab.show_page("due")
    idle(qtbot, ctx)
    assert [r.customer_id for r in due.model.rows()] == [cid] and due.model.row_at(0).on_hold


def test_anyone_with_credit_view_sees_history_and_reratings_due(qtbot, ctx, s, cid) -> None:  # noqa: ANN001
    rate(ctx.database, s, cid, 72, when=utc(2024, 3, 1))  # rated long ago: re-rating due
    rate(ctx.database, s, cid, 88)
    new_customer(ctx.database, s.rep, name="北京燕山商贸有限公司")
    tab = _tab(qtbot, ctx, s.rep)
    assert list(tab.pages) == ["customers", "due"]
    page = _customers(qtbot, ctx, tab)
    assert page.model.rowCount() == 2
    for row in range(2):
        if page.model.row_at(row).id == cid:
            page.select_row(row)
    idle(qtbot, ctx)
    panel = page.panel
    assert [r.grade for r in panel.ratings.rows()] == ["A", "B"]
    assert panel.values["grade"].text().startswith("A")
    for button in (panel.investigate_button, panel.calculator_button, panel.trigger_button,
                   panel.print_button):
        assert not button.isVisible()  # a rep reads; the credit staff act


def test_reratings_due_lead_to_the_customer_and_to_a_new_investigation(qtbot, ctx, s, cid) -> None:  # noqa: ANN001
    rate(ctx.database, s, cid, 72, when=utc(2024, 3, 1))
    tab = _tab(qtbot, ctx, s.spec)
    due = tab.show_page("due")
    assert isinstance(due, DuePage)
    idle(qtbot, ctx)
    assert [r.customer_id for r in due.model.rows()] == [cid]
    due.table.selectRow(0)
    due.show_button.click()
    idle(qtbot, ctx)
    customers = tab.pages["customers"]
    assert tab.stack.currentWidget() is customers and customers.panel.customer_id() == cid
    tab.show_page("due")
    due.investigate_button.click()
    idle(qtbot, ctx)
    dialog = next(w for w in tab.findChildren(NewInvestigationDialog) if w.isVisible())
    assert tab.stack.currentWidget() is tab.pages["investigations"]
    assert dialog.customer_id == cid and dialog.open_button.isEnabled()
    dialog.reject()


def test_pages_follow_the_users_duties(ctx, s, person) -> None:  # noqa: ANN001
    def keys(actor) -> list[str]:  # noqa: ANN001
        tab = CreditTab(ctx, actor)
        try:
            return list(tab.pages)
        finally:
            tab.deleteLater()

    everything = ["customers", "investigations", "proposals", "due"]
    for actor in (s.spec, s.fin, s.csm, s.mgr):
        assert keys(actor) == everything
    assert keys(s.rep) == ["customers", "due"]
    warehouse = person("wh", "warehouse")
    assert "credit" not in [t.key for t in tabs_for(warehouse)]


# -- the keyboard ---------------------------------------------------------------------------------

def _mnemonic(text: str) -> str | None:
    found = re.search(r"&([^&])", text.replace("&&", ""))
    return found.group(1).lower() if found else None


def mnemonics(window: QWidget) -> list[str]:
    """Every Alt+key a user can press in this window now (visible widgets, tabs, menus)."""
    keys = []
    for w in window.findChildren(QWidget):
        if not w.isVisibleTo(window):
            continue
        text = ""
        if isinstance(w, QAbstractButton):
            text = w.text()
        elif isinstance(w, QLabel) and w.buddy() is not None:
            text = w.text()
        elif isinstance(w, QGroupBox):
            text = w.title()
        if isinstance(w, QTabBar):
            keys += [k for i in range(w.count()) if (k := _mnemonic(w.tabText(i)))]
        elif text and (k := _mnemonic(text)):
            keys.append(k)
    menu_bar = getattr(window, "menuBar", None)
    if menu_bar is not None:
        keys += [k for a in menu_bar().actions() if (k := _mnemonic(a.text()))]
    return keys


def _no_duplicates(window: QWidget, where: str) -> None:
    twice = [k for k, n in Counter(mnemonics(window)).items() if n > 1]
    assert not twice, f"{where}: Alt+{twice} used twice"


def test_no_two_mnemonics_on_one_screen(qtbot, ctx, s, cid, messages) -> None:  # noqa: ANN001
    inv_id = reviewed_investigation(ctx.database, s, cid)
    pid = credit_rating.propose_rating(ctx.uow(s.spec), inv_id, ratings_for(80))
    credit_rating.decide_rating(ctx.uow(s.csm), pid, True)
    for actor in (s.spec, s.mgr, s.fin, s.csm):
        window = MainWindow(ctx, actor)
        qtbot.addWidget(window)
        window.show()
        tab = window.tab("credit")
        assert isinstance(tab, CreditTab)
        window.tabs.setCurrentWidget(tab)
        for key in tab.pages:
            tab.show_page(key)
            idle(qtbot, ctx)
            if key == "customers":
                tab.pages[key].select_row(0)
                idle(qtbot, ctx)
            _no_duplicates(window, f"{actor.username}: {key}")
        window.close()
    dialogs = [
        InvestigationDialog(ctx, s.spec, inv_id), InvestigationDialog(ctx, s.fin, inv_id),
        ProposeRatingDialog(ctx, s.spec, inv_id, "C0001"), ProposalDialog(ctx, s.csm, pid),
        CalculatorDialog(ctx, s.mgr, cid), TriggerDialog(ctx, s.spec, cid, "C0001"),
        PrintDialog(ctx, s.spec, cid, "C0001"), NewInvestigationDialog(ctx, s.spec),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        idle(qtbot, ctx)
        _no_duplicates(dialog, type(dialog).__name__)
