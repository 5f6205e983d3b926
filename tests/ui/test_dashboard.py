"""The dashboard for a rep, a finance clerk and the GM on the demo firm: the window opens on
it, each sees the warnings their duties concern and what waits for them, and one click
opens the item in its own tab (through the main window: tabs never import each other)."""

from __future__ import annotations

import pytest

from sales_desk.demo import firm as demo
from sales_desk.domain.planning.warnings import WarningKind
from sales_desk.services.admin import auth
from sales_desk.ui.main_window import MainWindow
from sales_desk.ui.tabs.dashboard.overview_page import OverviewPage
from sales_desk.ui.tabs.dashboard.plans_page import PlansPage
from sales_desk.ui.tabs.dashboard.records_dialog import RecordsDialog
from sales_desk.ui.tabs.dashboard.tab import DashboardTab
from tests.ui.conftest import idle


@pytest.fixture
def firm(ctx, boss):  # noqa: ANN001, ANN201
    """The demo firm; login(username) → its Actor."""
    result = demo.load_demo(ctx.uow(boss))
    passwords = {u.username: u.password for u in result.users}
    return lambda name: auth.login(ctx.uow(), name, passwords[name])


def open_window(qtbot, ctx, actor) -> MainWindow:  # noqa: ANN001
    window = MainWindow(ctx, actor)
    qtbot.addWidget(window)
    window.resize(1200, 760)
    window.show()
    overview = dashboard_of(window).overview()
    qtbot.waitUntil(overview.drawn, timeout=20_000)
    idle(qtbot, ctx)
    return window


def dashboard_of(window: MainWindow) -> DashboardTab:
    tab = window.tab("dashboard")
    assert isinstance(tab, DashboardTab)
    return tab


def waiting_row(page: OverviewPage, kind: str) -> int:
    return next(i for i, item in enumerate(page.model.rows()) if item.kind == kind)


def test_the_window_opens_on_the_dashboard_whatever_tab_was_open_last(qtbot, ctx, firm) -> None:  # noqa: ANN001
    rep = firm("yangfan")
    first = open_window(qtbot, ctx, rep)
    first.tabs.setCurrentWidget(first.tab("customers"))
    first.close()
    again = open_window(qtbot, ctx, rep)
    assert again.tabs.currentWidget() is again.tab("dashboard") and again.tabs.currentIndex() == 0


def test_a_rep_sees_their_own_warnings_and_nothing_waiting(qtbot, ctx, firm) -> None:  # noqa: ANN001
    window = open_window(qtbot, ctx, firm("yangfan"))
    page = dashboard_of(window).overview()
    assert set(page.tiles) == {"overdue", "sales_progress", "churn", "major_changes", "reviews_due", "stale_files",
                               "blocked_orders", "advance_reports", "statements", "care_plans",
                               "overdue_activities", "overdue_complaints"}
    assert not page.table.isVisibleTo(page) and page.model.rowCount() == 0  # no decisions are theirs
    assert page.chart.isVisibleTo(page) and page.chart.categories[0] == "Jan"  # sales against plan by month
    gm_total = page.board.card(WarningKind.OVERDUE).amount
    gm_window = open_window(qtbot, ctx, firm("wangjianguo"))
    assert gm_total < dashboard_of(gm_window).overview().board.card(WarningKind.OVERDUE).amount  # own customers
    assert set(dashboard_of(window).pages) == {"overview", "plans", "plan_levels", "analysis"}


def test_finance_sees_receivables_and_expenses_and_opens_a_claim_from_waiting_for_me(qtbot, ctx, firm) -> None:  # noqa: ANN001
    window = open_window(qtbot, ctx, firm("wufang"))
    tab = dashboard_of(window)
    page = tab.overview()
    assert set(page.tiles) == {"overdue", "expenses", "major_changes", "reviews_due", "blocked_orders",
                                "year_end", "statements"}
    assert "plans" not in tab.pages  # plans are the sales side's and the GM's
    kinds = {item.kind for item in page.model.rows()}
    assert {"claim", "investigation"} <= kinds and "plan" not in kinds
    page.table.selectRow(waiting_row(page, "claim"))
    claim_id = page.selected().open_id
    page.table.doubleClicked.emit(page.table.currentIndex())
    idle(qtbot, ctx)
    expenses = window.tab("expenses")
    assert window.tabs.currentWidget() is expenses
    from sales_desk.ui.tabs.expenses.claim_dialog import ClaimDialog

    dialogs = [d for d in expenses.findChildren(ClaimDialog) if d.isVisible()]
    assert [d.claim_id for d in dialogs] == [claim_id]


def test_the_gm_opens_the_plan_waiting_for_approval_on_the_plans_page(qtbot, ctx, firm) -> None:  # noqa: ANN001
    window = open_window(qtbot, ctx, firm("wangjianguo"))
    tab = dashboard_of(window)
    page = tab.overview()
    assert set(page.tiles) == {k.value for k in WarningKind}
    items = page.model.rows()
    assert [i.since for i in items] == sorted(i.since for i in items)  # oldest first
    page.table.selectRow(waiting_row(page, "plan"))
    plan_id = page.selected().open_id
    page.open_button.click()
    idle(qtbot, ctx)
    plans_page = tab.pages["plans"]
    assert isinstance(plans_page, PlansPage)
    assert tab.stack.currentWidget() is plans_page and window.tabs.currentWidget() is tab
    assert plans_page.current().id == plan_id and plans_page.approve_button.isEnabled()


def test_an_order_blocked_on_credit_opens_in_the_orders_tab_from_its_warning(qtbot, ctx, firm) -> None:  # noqa: ANN001
    window = open_window(qtbot, ctx, firm("wangjianguo"))
    page = dashboard_of(window).overview()
    tile = page.tiles["blocked_orders"]
    tile.title.click()
    dialog = next(d for d in page.findChildren(RecordsDialog) if d.isVisible())
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=10_000)
    record = dialog.model.row_at(0)
    assert (record.tab, record.open_kind) == ("orders", "order")
    dialog.open_button.click()
    idle(qtbot, ctx)
    assert window.tabs.currentWidget() is window.tab("orders")


def test_a_bucket_of_overdue_money_lists_its_customers_and_opens_their_ledger(qtbot, ctx, firm) -> None:  # noqa: ANN001
    window = open_window(qtbot, ctx, firm("wufang"))
    page = dashboard_of(window).overview()
    first = page.board.card(WarningKind.OVERDUE).figures[0]
    page.tiles["overdue"].lines.linkActivated.emit(first.key)
    dialog = next(d for d in page.findChildren(RecordsDialog) if d.isVisible())
    qtbot.waitUntil(lambda: dialog.model.rowCount() == first.count, timeout=10_000)
    assert sum(r.amount for r in dialog.model.rows()) == first.amount
    assert first.label in dialog.windowTitle()
    record = dialog.model.row_at(0)
    dialog.open_button.click()
    idle(qtbot, ctx)
    collections = window.tab("collections")  # the customer's ledger on the Collections tab
    assert window.tabs.currentWidget() is collections
    assert collections.stack.currentWidget() is collections.pages["ledger"]
    assert collections.pages["ledger"].ledger.customer_id == record.open_id


def test_a_stale_file_opens_the_customer_file(qtbot, ctx, firm) -> None:  # noqa: ANN001
    window = open_window(qtbot, ctx, firm("zhangwei"))
    page = dashboard_of(window).overview()
    dialog = page.drill("stale_files")
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 0, timeout=10_000)
    customer_id = dialog.model.row_at(0).open_id
    dialog.open_selected()
    idle(qtbot, ctx)
    from sales_desk.ui.tabs.customers.file_dialog import CustomerDialog

    opened = [d for d in window.tab("customers").findChildren(CustomerDialog) if d.isVisible()]
    assert [d.customer_id for d in opened] == [customer_id]


def test_an_item_in_a_tab_the_user_does_not_have_is_explained_not_opened(qtbot, ctx, firm) -> None:  # noqa: ANN001
    window = open_window(qtbot, ctx, firm("yangfan"))
    assert not window.open_item("administration", "user", 1)
    assert window.tabs.currentWidget() is window.tab("dashboard")
    assert "roles" in window.statusBar().currentMessage()


def test_the_gm_opens_a_deferral_waiting_for_their_approval_in_the_collections_tab(qtbot, ctx, firm) -> None:  # noqa: ANN001
    window = open_window(qtbot, ctx, firm("wangjianguo"))
    page = dashboard_of(window).overview()
    page.table.selectRow(waiting_row(page, "deferral"))
    deferral_id = page.selected().open_id
    page.open_selected()
    idle(qtbot, ctx)
    collections = window.tab("collections")
    assert window.tabs.currentWidget() is collections
    shown = collections.stack.currentWidget()
    assert shown is collections.pages["deferrals"] and shown.current().id == deferral_id


def test_the_gm_opens_a_policy_proposal_waiting_for_approval_on_the_policy_page(qtbot, ctx, firm) -> None:  # noqa: ANN001
    import os

    from sales_desk.ui.tabs.dashboard.policy_page import PolicyPage

    window = open_window(qtbot, ctx, firm("wangjianguo"))
    tab = dashboard_of(window)
    page = tab.overview()
    page.table.selectRow(waiting_row(page, "policy"))
    proposal_id = page.selected().open_id
    assert page.selected().title == "Policy proposal to approve"
    if folder := os.environ.get("SALES_DESK_SCREENSHOTS"):
        window.grab().save(os.path.join(folder, "gm_waiting_policy.png"))
    page.open_button.click()
    idle(qtbot, ctx)
    policy_page = tab.pages["policy"]
    assert isinstance(policy_page, PolicyPage) and tab.stack.currentWidget() is policy_page
    assert policy_page.current().id == proposal_id and policy_page.approve_button.isEnabled()


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_no_card_is_cut_short_and_waiting_for_me_keeps_its_rows_at_1200_by_760(qtbot, ctx, firm, language) -> None:  # noqa: ANN001
    from sales_desk import i18n

    i18n.set_language(language)
    window = open_window(qtbot, ctx, firm("wangjianguo"))  # eighteen cards: more than fit
    page = dashboard_of(window).overview()
    qtbot.waitUntil(lambda: page.scroll.verticalScrollBar().maximum() > 0)  # the cards scroll
    for kind, tile in page.tiles.items():
        lines = tile.lines
        assert lines.height() >= lines.heightForWidth(lines.width()), kind  # every aging line, every rep
        assert tile.x() + tile.width() <= page.scroll.viewport().width(), kind  # none past the window's edge
        assert tile.title.accessibleName() == tile.title.full_text  # a long title is cut with "…", kept whole
    overdue = page.tiles["overdue"].lines.text()
    assert overdue.count("<br>") == 4  # five buckets, the last "over 120 days"
    assert page.table.height() >= 6 * page.table.verticalHeader().defaultSectionSize()
