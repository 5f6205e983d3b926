"""The Activities tab [活动与日程]: a rep's week and due list, a manager's territories."""

from __future__ import annotations

from datetime import date

import pytest

from sales_desk.services.activities import activities
from sales_desk.services.activities.activities import ActivityInput
from sales_desk.services.customers import files as customers
from sales_desk.services.customers.data import CustomerInput
from sales_desk.ui.tabs.activities.activity_dialogs import OutcomeDialog
from sales_desk.ui.tabs.activities.tab import ActivitiesTab
from tests.ui.conftest import idle

MONDAY = date(2026, 3, 9)


@pytest.fixture(autouse=True)
def _day(pin_business_date) -> None:  # noqa: ANN001
    pin_business_date(date(2026, 3, 11))


def test_a_rep_sees_the_week_and_the_due_list(qtbot, ctx, person) -> None:  # noqa: ANN001
    rep, mgr = person("rep", "sales_rep"), person("mgr", "sales_manager")
    c = customers.create_customer(ctx.uow(rep), CustomerInput(name="上海甲公司"))
    activities.plan_activity(ctx.uow(rep), ActivityInput("visit", "上门拜访", MONDAY, 9 * 60, customer_id=c))
    activities.plan_activity(ctx.uow(rep), ActivityInput("call", "电话回访", date(2026, 3, 6), customer_id=c))
    tab = ActivitiesTab(ctx, rep)
    qtbot.addWidget(tab)
    tab.resize(1200, 700)
    tab.show()
    idle(qtbot, ctx)
    page = tab.pages["calendar"]
    assert [r.subject for r in page.model.rows()] == ["上门拜访"]
    page.step(-1)
    idle(qtbot, ctx)
    assert [r.subject for r in page.model.rows()] == ["电话回访"]
    due = tab.show_page("due")
    idle(qtbot, ctx)
    assert [r.subject for r in due.model.rows()] == ["电话回访", "上门拜访"] and due.model.row_at(0).overdue
    due.table.selectRow(0)
    dialog = due.record_outcome()
    assert isinstance(dialog, OutcomeDialog) and dialog.row.subject == "电话回访"
    dialog.close()
    assert "territories" not in tab.pages
    managers = ActivitiesTab(ctx, mgr)
    qtbot.addWidget(managers)
    assert "territories" in managers.pages
