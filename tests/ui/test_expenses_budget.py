"""The budget page: the sales side prepares the year in the grid (started from last year's
budget in force), finance checks it, the general manager approves it, a revision is
approved again while the approved version stays in force; the break-even calculator."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from sales_desk.domain.common.money import to_minor
from sales_desk.domain.expenses.claims import Category
from sales_desk.services.expenses import budgets
from sales_desk.ui.tabs.expenses.break_even import BreakEvenPanel
from sales_desk.ui.tabs.expenses.budget_model import TOTAL_COLUMN, TOTAL_ROW
from sales_desk.ui.tabs.expenses.budget_page import BudgetPage
from tests.services.expense_flow import DEPT, YEAR, approved_budget, staff
from tests.ui.conftest import idle

NEXT = YEAR + 1
BUSINESS = list(Category).index(Category.BUSINESS)


@pytest.fixture
def s(person):  # noqa: ANN001, ANN201
    return staff(person)


def budget_page(qtbot, ctx, actor, year: int = NEXT) -> BudgetPage:  # noqa: ANN001
    page = BudgetPage(ctx, actor, today=date(year, 1, 5))
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    idle(qtbot, ctx)
    return page


def statuses(ctx, actor, year: int = NEXT) -> list[tuple[int, str]]:  # noqa: ANN001
    return [(v.revision, v.status) for v in budgets.budget_versions(ctx.uow(actor), year)]


def test_the_budget_is_prepared_in_the_grid_checked_by_finance_and_approved_by_the_gm(qtbot, ctx, s) -> None:
    approved_budget(ctx.database, s, "1000")  # this year's, in force: next year's starts from it
    page = budget_page(qtbot, ctx, s.mgr)
    assert page.status.text() == f"No budget for {NEXT} yet." and page.new_button.isVisibleTo(page)
    page.new_button.click()
    idle(qtbot, ctx)
    assert page.new_draft and page.model.total() == to_minor("1000") * 12 * 7
    assert "Copied from the" in page.message.text()
    page.department.setCurrentIndex(page.department.findData(DEPT))
    cell = page.model.index(BUSINESS, 0)
    assert page.model.flags(cell) & Qt.ItemFlag.ItemIsEditable
    assert not page.model.flags(page.model.index(TOTAL_ROW, 0)) & Qt.ItemFlag.ItemIsEditable  # totals add up
    assert not page.model.setData(cell, "1.500,00")  # not an amount: refused, and said why
    assert page.message.text() == "Business expenses, Jan: not an amount (e.g. 12,000.00)"
    assert page.model.setData(cell, "1,500")
    page.select_cell(BUSINESS, 0)
    page.fill_button.click()  # the same for every month of the year
    assert page.model.index(BUSINESS, TOTAL_COLUMN).data() == "18,000"
    assert page.model.index(TOTAL_ROW, TOTAL_COLUMN).data() == "90,000"  # 6 × 12,000 + 18,000
    page.submit_button.click()
    idle(qtbot, ctx)
    assert statuses(ctx, s.mgr) == [(1, "submitted")]
    assert page.version.currentText() == "Revision 1: Awaiting finance check"
    assert not page.save_button.isEnabled() and not page.model.flags(cell) & Qt.ItemFlag.ItemIsEditable
    assert not page.decision_box.isVisibleTo(page)  # the preparer does not check it

    finance = budget_page(qtbot, ctx, s.fin)
    assert finance.decision_box.isVisibleTo(finance) and not finance.save_button.isVisibleTo(finance)
    finance.return_button.click()
    assert finance.message.text().startswith("Returning the budget needs a reason")
    assert statuses(ctx, s.mgr) == [(1, "submitted")]
    finance.comment.setText("核对无误")
    finance.pass_button.click()
    idle(qtbot, ctx)
    assert statuses(ctx, s.mgr) == [(1, "checked")]

    gm = budget_page(qtbot, ctx, s.gm)
    assert gm.decision_box.title() == "The general manager's approval [总经理审批]"
    gm.pass_button.click()
    idle(qtbot, ctx)
    assert statuses(ctx, s.mgr) == [(1, "approved")]
    assert gm.version.currentText() == "Revision 1: Approved (in force)"
    assert "Approved by gm on" in gm.history.text()
    lines = {(x.month, x.category, x.department): x.amount
             for x in budgets.budget_versions(ctx.uow(s.mgr), NEXT)[0].lines}
    assert lines[(7, "business", DEPT)] == to_minor("1500") and lines[(7, "advertising", DEPT)] == to_minor("1000")


def test_a_revision_of_the_approved_budget_is_approved_again_while_the_old_one_stays_in_force(qtbot, ctx, s) -> None:
    approved_budget(ctx.database, s, "1000", year=NEXT)
    page = budget_page(qtbot, ctx, s.mgr)
    assert page.revise_button.isEnabled() and not page.save_button.isEnabled()
    dialog = page.revise()
    assert not dialog.ok.isEnabled()  # a revision says why
    dialog.reason_edit.setText("秋季展会追加预算")
    dialog.accept()
    idle(qtbot, ctx)
    assert statuses(ctx, s.mgr) == [(2, "draft"), (1, "approved")]
    assert page.version.currentText() == "Revision 2: Draft"
    assert "Revision 1 stays in force until this one is approved." in page.history.text()
    assert not page.revise_button.isEnabled()  # one revision at a time
    page.department.setCurrentIndex(page.department.findData(DEPT))
    assert page.model.setData(page.model.index(list(Category).index(Category.OTHER), 8), "19,000")
    page.save_button.click()
    idle(qtbot, ctx)
    assert page.message.text() == "Saved." and not page.save_button.isEnabled()
    page.submit_button.click()
    idle(qtbot, ctx)
    for actor in (s.fin, s.gm):
        budget_page(qtbot, ctx, actor).pass_button.click()
        idle(qtbot, ctx)
    assert statuses(ctx, s.mgr) == [(2, "approved"), (1, "superseded")]


def test_the_break_even_volume_is_the_fixed_costs_over_the_unit_margin_rounded_up(qtbot) -> None:  # noqa: ANN001
    panel = BreakEvenPanel()
    qtbot.addWidget(panel)
    panel.fixed.setText("100,000")
    panel.price.setText("50")
    panel.variable.setText("30")
    assert panel.volume.text() == "5,000 units" and panel.revenue.text() == "250,000.00"
    assert panel.margin.text() == "20.00" and panel.ratio.text() == "40.00 %"
    panel.fixed.setText("100,001")  # one more yuan of fixed costs: one more unit
    assert panel.volume.text() == "5,001 units"
    panel.target.setText("20,000")  # the volume for a profit
    assert panel.volume.text() == "6,001 units"
    panel.variable.setText("50")
    assert panel.volume.text() == "—" and "above the unit variable cost" in panel.problem.text()
    panel.variable.setText("3O")  # a letter O typed for a zero
    assert panel.problem.text().startswith("Unit variable cost:")
