"""The Customer service tab's Maintenance plans and Market reports pages (issue 19): the rep
writes the due plan in its five parts from the keyboard and submits it; the sales manager
returns it (a reason is asked for), then files it; Ctrl+P prints it as a document of record.
A market report is written, filed and printed the same way."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from sales_desk.i18n import set_language
from sales_desk.models import Customer
from sales_desk.services.customers import files as customers
from sales_desk.services.customers.data import CustomerInput
from sales_desk.services.relationship import care_plans, market_reports
from sales_desk.ui.tabs.care.parts_dialog import PartsDialog
from sales_desk.ui.tabs.care.tab import CareTab
from tests.ui.conftest import idle
from tests.ui.records_ui import assert_previewed, pdf_text, press_ctrl_p

PARTS = {"summary": "巩固合作", "profile": "华东最大经销商", "competition": "对手降价", "assessment": "关系良好",
         "actions": "季度拜访"}


def _key_account(ctx, rep) -> int:  # noqa: ANN001
    cid = customers.create_customer(ctx.uow(rep), CustomerInput(name="上海华东贸易有限公司", code="C1"))
    with ctx.database.uow() as uow:  # as an approved screening would (services/care/key_accounts.py)
        uow.session.get(Customer, cid).key_account = True
        uow.commit()
    return cid


def _tab(qtbot, ctx, actor, page: str):  # noqa: ANN001, ANN202
    tab = CareTab(ctx, actor)
    qtbot.addWidget(tab)
    tab.resize(1100, 650)
    tab.show()
    shown = tab.show_page(page)
    idle(qtbot, ctx)
    return tab, shown


def test_the_plan_is_written_returned_filed_and_printed(qtbot, ctx, person, pin_business_date,  # noqa: ANN001
                                                         tmp_path) -> None:
    pin_business_date(date(2026, 12, 6))
    rep, mgr = person("rep", "sales_rep"), person("mgr", "sales_manager")
    _key_account(ctx, rep)
    tab, page = _tab(qtbot, ctx, rep, "plans")
    assert page.due.rowCount() == 1 and "1 due" in page.summary.text()
    page.due_view.setFocus()
    qtbot.keyClick(page.due_view, Qt.Key.Key_Return)  # Enter on the due key account: write its plan
    dialog = page.findChild(PartsDialog)
    qtbot.keyClicks(dialog.fields["summary"], "Keep the account")
    dialog.save()
    idle(qtbot, ctx)
    assert "draft" in dialog.problem_label.text()
    dialog.submit()  # four parts empty: refused, said in the dialog
    idle(qtbot, ctx)
    assert "must not be empty" in dialog.problem_label.text()
    for key, text in PARTS.items():
        dialog.fields[key].setPlainText(text)
    dialog.submit()
    idle(qtbot, ctx)
    [plan] = care_plans.list_plans(ctx.uow(rep))
    assert plan.status == "submitted" and plan.part("actions") == "季度拜访"
    _mtab, mpage = _tab(qtbot, ctx, mgr, "plans")
    assert mpage.plans.rowCount() == 1
    review = mpage.open_plan()
    assert review.mode == "review" and review.fields["summary"].isReadOnly()
    review.review(False)  # returned without a reason: refused
    idle(qtbot, ctx)
    assert "say why" in review.problem_label.text()
    review.note.setText("竞争部分再具体些")
    review.review(False)
    idle(qtbot, ctx)
    page.load()
    idle(qtbot, ctx)
    again = page.open_plan()
    assert again.mode == "edit" and again.fields["actions"].toPlainText() == "季度拜访"
    again.fields["competition"].setPlainText("对手降价 5%，我方以服务取胜")
    again.submit()
    idle(qtbot, ctx)
    mpage.load()
    idle(qtbot, ctx)
    mpage.open_plan().review(True)
    idle(qtbot, ctx)
    [plan] = care_plans.list_plans(ctx.uow(mgr))
    assert plan.status == "filed" and plan.filed_on == date(2026, 12, 6)
    mpage.load()
    idle(qtbot, ctx)
    press_ctrl_p(qtbot, mpage.plan_view)
    idle(qtbot, ctx)
    preview = assert_previewed(mpage.documents.preview, copy=False)
    assert "服务取胜" in pdf_text(preview.pdf)
    tab.grab().save(str(tmp_path / "plans_en.png"))
    set_language("zh_CN")
    try:
        _ztab, zpage = _tab(qtbot, ctx, mgr, "plans")
        zpage.window().grab().save(str(tmp_path / "plans_zh.png"))
        zpage.open_plan().grab().save(str(tmp_path / "plan_dialog_zh.png"))
    finally:
        set_language("en")


def test_a_market_report_is_written_filed_and_printed(qtbot, ctx, person, pin_business_date,  # noqa: ANN001
                                                       tmp_path) -> None:
    pin_business_date(date(2026, 12, 6))
    cs, mgr = person("cs", "cs_specialist"), person("mgr", "sales_manager")
    _tab_, page = _tab(qtbot, ctx, cs, "market_reports")
    dialog = page.new()
    assert dialog.period.text() == "2026-12"
    dialog.period.setText("2026-11")
    dialog.industry.setCurrentIndex(dialog.industry.findData("healthcare"))
    for key, text in {"industry_news": "集采扩面", "market": "价格下行", "customers": "两家扩产",
                      "competitors": "新进入者", "suggestions": "加强回访"}.items():
        dialog.fields[key].setPlainText(text)
    dialog.submit()
    idle(qtbot, ctx)
    [r] = market_reports.list_reports(ctx.uow(cs))
    assert (r.status, r.period, r.industry) == ("submitted", "2026-11", "healthcare")
    _mtab, mpage = _tab(qtbot, ctx, mgr, "market_reports")
    mpage.table.setFocus()
    qtbot.keyClick(mpage.table, Qt.Key.Key_Return)
    review = mpage.findChild(PartsDialog)
    assert review.mode == "review" and not review.period.isEnabled()
    review.review(True)
    idle(qtbot, ctx)
    assert market_reports.list_reports(ctx.uow(cs))[0].status == "filed"
    mpage.load()
    idle(qtbot, ctx)
    mpage.print_selected()
    idle(qtbot, ctx)
    preview = assert_previewed(mpage.documents.preview, copy=False)
    assert "Healthcare" in pdf_text(preview.pdf)
    mpage.window().grab().save(str(tmp_path / "market_reports_en.png"))
