"""The sales plans page: the sales manager types targets (a year's figure spread over the
months), saves and submits; the GM approves, or returns with a reason; a rep sees only
their own row; progress and collections against target below."""

from __future__ import annotations

import pytest

from sales_desk import clock
from sales_desk.domain.planning.plans import PlanStatus
from sales_desk.services.planning import plans
from sales_desk.ui.tabs.dashboard.plan_grid import YEAR_COLUMN
from sales_desk.ui.tabs.dashboard.plans_page import PlansPage
from sales_desk.ui.tabs.dashboard.reason_dialog import ReasonDialog
from tests.ui.conftest import idle

TODAY = clock.today()


@pytest.fixture
def people(person):  # noqa: ANN001, ANN201
    return {"rep": person("rep", "sales_rep"), "rep2": person("rep2", "sales_rep"),
            "mgr": person("mgr", "sales_manager"), "vp": person("vp", "sales_vp"), "gm": person("gm", "gm"),
            "fin": person("fin", "finance")}


def page_for(qtbot, ctx, actor) -> PlansPage:  # noqa: ANN001
    page = PlansPage(ctx, actor, today=TODAY)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    idle(qtbot, ctx)
    return page


def row_of(page: PlansPage, label: str) -> int:
    return next(i for i, r in enumerate(page.grid.shown()) if r.label == label)


def test_the_vp_types_a_year_target_that_spreads_over_the_months_and_submits(qtbot, ctx, people) -> None:  # noqa: ANN001
    page = page_for(qtbot, ctx, people["vp"])
    assert page.status.text().startswith(f"No sales plan for {TODAY.year}")
    assert [r.label for r in page.grid.shown()] == ["rep", "rep2"]  # every active rep, ready to type
    assert not page.save_button.isEnabled() and not page.submit_button.isEnabled()
    row = row_of(page, "rep")
    assert page.grid.setData(page.grid.index(row, YEAR_COLUMN), "1,200,003.00")
    assert page.grid.shown()[row].months[:2] == [100_000_25, 100_000_25]  # spread to the fen
    assert page.grid.index(len(page.grid.shown()), YEAR_COLUMN).data() == "1,200,003"  # the total row
    assert not page.grid.setData(page.grid.index(row, 0), "lots")
    assert "not an amount" in page.problem.text()
    page.save_button.click()
    idle(qtbot, ctx)
    assert page.current().status == PlanStatus.DRAFT and page.submit_button.isEnabled()
    page.submit_button.click()
    idle(qtbot, ctx)
    assert page.current().status == PlanStatus.SUBMITTED
    assert not page.grid.flags(page.grid.index(0, 0)) & page.grid.flags(page.grid.index(0, 0)).ItemIsEditable
    assert not page.approve_button.isVisible()  # the VP never approves


def test_the_gm_returns_a_plan_with_a_reason_then_approves_it(qtbot, ctx, people) -> None:  # noqa: ANN001
    pid = plans.prepare_plan(ctx.uow(people["vp"]), TODAY.year, [("rep", str(people["rep"].user_id), 1, 500_000)])
    plans.submit_plan(ctx.uow(people["vp"]), pid)
    page = page_for(qtbot, ctx, people["gm"])
    assert page.approve_button.isEnabled() and not page.save_button.isVisible()
    dialog = page.return_plan()
    assert isinstance(dialog, ReasonDialog)
    dialog.accept()  # no reason: refused in the dialog
    assert dialog.isVisible() and dialog.problem.text()
    dialog.text.setPlainText("一月目标偏低")
    dialog.accept()
    idle(qtbot, ctx)
    assert page.current().status == PlanStatus.RETURNED and "一月目标偏低" in page.status.text()
    plans.submit_plan(ctx.uow(people["vp"]), pid)
    page.reload()
    idle(qtbot, ctx)
    page.approve_button.click()
    idle(qtbot, ctx)
    assert page.current().status == PlanStatus.APPROVED and not page.approve_button.isEnabled()


def test_a_rep_sees_only_their_own_targets_and_progress(qtbot, ctx, people) -> None:  # noqa: ANN001
    rep, rep2 = people["rep"], people["rep2"]
    pid = plans.prepare_plan(ctx.uow(people["vp"]), TODAY.year,
                             [("rep", str(rep.user_id), 1, 100_000), ("rep", str(rep2.user_id), 1, 200_000),
                              ("region", "east", 1, 300_000)])
    plans.submit_plan(ctx.uow(people["vp"]), pid)
    plans.decide_plan(ctx.uow(people["gm"]), pid, True)
    page = page_for(qtbot, ctx, rep)
    assert [r.label for r in page.grid.shown()] == ["rep"]
    assert page.dimension.count() == 1  # no products or regions for a rep
    assert [page.progress.row_at(i).label for i in range(page.progress.rowCount())] == ["rep"]
    assert not page.save_button.isVisible() and not page.approve_button.isVisible()
    assert page.lower.count() == 2  # collections against target: their own


def test_a_revision_says_the_approved_plan_stays_in_force(qtbot, ctx, people) -> None:  # noqa: ANN001
    pid = plans.prepare_plan(ctx.uow(people["vp"]), TODAY.year, [("rep", str(people["rep"].user_id), 1, 100_000)])
    plans.submit_plan(ctx.uow(people["vp"]), pid)
    plans.decide_plan(ctx.uow(people["gm"]), pid, True)
    page = page_for(qtbot, ctx, people["vp"])
    assert page.revise_button.isEnabled()
    dialog = page.revise()
    dialog.text.setPlainText("新增重点客户")
    dialog.accept()
    idle(qtbot, ctx)
    assert page.current().revision == 2 and page.current().status == PlanStatus.DRAFT
    assert "revision 1 stays in force" in page.status.text()
    assert page.grid.editable
