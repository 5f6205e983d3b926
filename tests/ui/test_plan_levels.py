"""The monthly and product plans page and the advance reports page: the sales manager writes
the month's targets (sales and collection) and submits; the VP approves or returns with a
reason; a supervisor writes a product plan under it; the rep files an advance report on an
invoice falling due, which the manager then reads."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from sales_desk.domain.planning.plans import PlanStatus
from sales_desk.services.planning import plans, sub_plans
from sales_desk.ui.tabs.collections.advance_reports_page import (
    AdvanceReportDialog,
    AdvanceReportsPage,
)
from sales_desk.ui.tabs.dashboard.plan_levels_page import PlanEditor, PlanLevelsPage
from sales_desk.ui.tabs.dashboard.reason_dialog import ReasonDialog
from tests.services.collection_flow import customer, invoice
from tests.services.plan_hierarchy_flow import product
from tests.ui.conftest import idle

TODAY = date(2026, 3, 10)


@pytest.fixture
def people(person, pin_business_date):  # noqa: ANN001, ANN201
    pin_business_date(TODAY)
    return {"rep": person("rep", "sales_rep"), "mgr": person("mgr", "sales_manager"), "vp": person("vp", "sales_vp"),
            "gm": person("gm", "gm"), "sup": person("sup", "sales_supervisor"), "fin": person("fin", "finance")}


def _overall(ctx, p) -> None:  # noqa: ANN001
    pid = plans.prepare_plan(ctx.uow(p["vp"]), 2026, [("rep", str(p["rep"].user_id), m, 1_000_000)
                                                      for m in range(1, 13)])
    plans.submit_plan(ctx.uow(p["vp"]), pid)
    plans.decide_plan(ctx.uow(p["gm"]), pid, True)


def levels_for(qtbot, ctx, actor) -> PlanLevelsPage:  # noqa: ANN001
    page = PlanLevelsPage(ctx, actor, today=TODAY)
    qtbot.addWidget(page)
    page.resize(680, 520)
    page.show()
    idle(qtbot, ctx)
    return page


def test_the_manager_writes_the_monthly_plan_and_the_vp_returns_then_approves_it(qtbot, ctx, people) -> None:  # noqa: ANN001
    _overall(ctx, people)
    page = levels_for(qtbot, ctx, people["mgr"])
    assert page.monthly_button.isVisible() and not page.product_button.isVisible()
    editor = page.edit_monthly()
    assert isinstance(editor, PlanEditor)
    editor.grid.item(0, 0).setText("6,000.00")
    editor.grid.item(0, 1).setText("4,000.00")
    editor.save.click()
    idle(qtbot, ctx)
    idle(qtbot, ctx)
    v = page.current()
    assert v is not None and v.status == PlanStatus.DRAFT and (v.total("sales"), v.total("collection")) == (
        600_000, 400_000)
    assert v.room.parent == 1_000_000 and v.room.left == 400_000
    page.submit_button.click()
    idle(qtbot, ctx)
    assert page.current().status == PlanStatus.SUBMITTED
    assert not page.approve_button.isEnabled()  # product plans are the manager's to approve; not this one

    vp = levels_for(qtbot, ctx, people["vp"])
    assert vp.approve_button.isEnabled()
    dialog = vp.return_plan()
    assert isinstance(dialog, ReasonDialog)
    dialog.text.setPlainText("回款目标偏低")
    dialog.accept()
    idle(qtbot, ctx)
    assert vp.current().status == PlanStatus.RETURNED
    sub_plans.submit_sub_plan(ctx.uow(people["mgr"]), vp.current().id)
    vp.reload()
    idle(qtbot, ctx)
    vp.approve_button.click()
    idle(qtbot, ctx)
    assert vp.current().status == PlanStatus.APPROVED


def test_a_supervisor_writes_a_product_plan_under_the_monthly_plan(qtbot, ctx, people) -> None:  # noqa: ANN001
    _overall(ctx, people)
    mid = sub_plans.prepare_monthly(ctx.uow(people["mgr"]), 2026, 3, [("sales", people["rep"].user_id, 600_000)])
    sub_plans.submit_sub_plan(ctx.uow(people["mgr"]), mid)
    sub_plans.decide_sub_plan(ctx.uow(people["vp"]), mid, True)
    product(ctx.database, people["vp"])
    page = levels_for(qtbot, ctx, people["sup"])
    editor = page.edit_product()
    assert editor is not None and editor.product.count() == 1 and editor.grid.columnCount() == 1
    editor.grid.item(0, 0).setText("7,000.00")  # over the monthly plan's 6,000
    editor.save.click()
    idle(qtbot, ctx)
    idle(qtbot, ctx)
    assert [v.level for v in page.views] == ["monthly", "product"]
    page.plans_view.selectRow(1)
    assert "Over the plan above by 1,000.00" in page.detail.text()
    page.submit_button.click()
    idle(qtbot, ctx)
    assert "would take" in page.problem.text() and page.current().status == PlanStatus.DRAFT


def test_the_rep_files_an_advance_report_and_the_manager_reads_it(qtbot, ctx, people) -> None:  # noqa: ANN001
    customer(ctx.database, people["rep"], "C1")
    invoice(ctx.database, people["fin"], "C1", "AR-3", -3, 100_000)
    page = AdvanceReportsPage(ctx, people["rep"])
    qtbot.addWidget(page)
    page.resize(680, 480)
    page.show()
    idle(qtbot, ctx)
    assert [r.doc_no for r in page.due.rows()] == ["OB-AR-3"] and page.report_button.isVisible()
    dialog = page.report()
    assert isinstance(dialog, AdvanceReportDialog)
    dialog.ok.click()
    idle(qtbot, ctx)
    assert "Reason" in dialog.problem_label.text()  # nothing said yet: refused, the dialog stays
    dialog.reason.setPlainText("客户资金紧张")
    dialog.expected.setDate(TODAY + timedelta(days=20))
    dialog.actions.setPlainText("每周电话跟进")
    dialog.ok.click()
    idle(qtbot, ctx)
    idle(qtbot, ctx)
    assert page.due.rows() == [] and [r.doc_no for r in page.filed.rows()] == ["OB-AR-3"]
    manager = AdvanceReportsPage(ctx, people["mgr"])
    qtbot.addWidget(manager)
    manager.show()
    idle(qtbot, ctx)
    assert not manager.report_button.isVisible() and manager.filed.rows()[0].reason == "客户资金紧张"
