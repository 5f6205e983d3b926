"""The Activities tab [活动与日程]: a rep's week and due list, a manager's territories."""

from __future__ import annotations

from datetime import timedelta

from sales_desk import clock
from sales_desk.domain.activities.rules import week_of
from sales_desk.services.activities import activities
from sales_desk.services.activities.activities import ActivityInput
from sales_desk.services.customers import files as customers
from sales_desk.services.customers.data import CustomerInput
from sales_desk.ui.tabs.activities.tab import ActivitiesTab
from tests.ui.conftest import idle


def test_a_rep_sees_the_week_and_records_an_outcome(qtbot, ctx, person, monkeypatch) -> None:
    rep, mgr = person("rep", "sales_rep"), person("mgr", "sales_manager")
    c = customers.create_customer(ctx.uow(rep), CustomerInput(name="上海甲公司"))
    monday = week_of(clock.today())[0]
    activities.plan_activity(ctx.uow(rep), ActivityInput("visit", "上门拜访", monday, 9 * 60, customer_id=c))
    activities.plan_activity(ctx.uow(rep), ActivityInput("call", "电话回访", monday - timedelta(days=3),
                                                         customer_id=c))
    tab = ActivitiesTab(ctx, rep)
    qtbot.addWidget(tab)
    tab.resize(1200, 700)
    tab.show()
    idle(qtbot, ctx)
    page = tab.pages["calendar"]
    assert [r.subject for r in page.model.rows()] == ["上门拜访"]
    page.step(-7)
    idle(qtbot, ctx)
    assert [r.subject for r in page.model.rows()] == ["电话回访"]
    due = tab.show_page("due")
    idle(qtbot, ctx)
    assert due.model.row_at(0).overdue
    due.table.selectRow(0)
    monkeypatch.setattr("PySide6.QtWidgets.QInputDialog.getMultiLineText", lambda *a, **k: ("已联系", True))
    monkeypatch.setattr("PySide6.QtWidgets.QInputDialog.getText", lambda *a, **k: ("寄样品", True))
    due.record_outcome()
    idle(qtbot, ctx)
    assert all(r.subject != "电话回访" for r in due.model.rows())
    assert "territories" not in tab.pages
    managers = ActivitiesTab(ctx, mgr)
    qtbot.addWidget(managers)
    assert "territories" in managers.pages
