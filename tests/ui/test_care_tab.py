"""The Customer service tab [客户服务] (issue 19): a complaint recorded, closed with the customer's
confirmation, the analysis and the key-account screening, driven from the keyboard-usable pages."""

from __future__ import annotations

from sales_desk.services.care import case_reads
from sales_desk.services.customers import files as customers
from sales_desk.services.customers.data import CustomerInput
from sales_desk.ui.tabs.care.tab import CareTab
from tests.ui.conftest import idle


def test_a_complaint_is_recorded_and_closed_from_the_tab(qtbot, ctx, person, tmp_path) -> None:  # noqa: ANN001
    cs = person("cs", "cs_specialist")
    rep = person("rep", "sales_rep")
    customers.create_customer(ctx.uow(rep), CustomerInput(name="上海华东贸易有限公司", code="C1"))
    tab = CareTab(ctx, cs)
    qtbot.addWidget(tab)
    tab.resize(1100, 600)
    tab.show()
    page = tab.show_page("cases")
    idle(qtbot, ctx)
    dialog = page.new()
    dialog.code.setText("C1")
    dialog.subject.setText("设备异响")
    dialog.submit()
    idle(qtbot, ctx)
    [row] = case_reads.list_cases(ctx.uow(cs))
    assert row.subject == "设备异响" and row.status == "open"
    page.load()
    idle(qtbot, ctx)
    page.table.selectRow(0)
    closing = page.close_case()
    closing.resolution.setPlainText("已更换配件")
    closing.submit()  # no confirmation: refused, shown in the dialog
    idle(qtbot, ctx)
    assert "confirmation" in closing.problem_label.text()
    closing.confirmed_by.setText("王经理")
    closing.score.setValue(4)
    closing.submit()
    idle(qtbot, ctx)
    assert case_reads.list_cases(ctx.uow(cs))[0].status == "closed"
    tab.grab().save(str(tmp_path / "care_cases.png"))  # looked at in English and Chinese


def test_the_analysis_and_key_account_pages_open_for_the_sales_manager(qtbot, ctx, person) -> None:  # noqa: ANN001
    mgr = person("mgr", "sales_manager")
    tab = CareTab(ctx, mgr)
    qtbot.addWidget(tab)
    tab.show()
    assert set(tab.pages) == {"cases", "analysis", "key_accounts", "plans", "market_reports"}
    analysis = tab.show_page("analysis")
    analysis.load()
    idle(qtbot, ctx)
    assert analysis.summary.text().startswith("0 complaints")
    keys = tab.show_page("key_accounts")
    idle(qtbot, ctx)
    assert keys.screens.rowCount() == 0
