"""Every table model of the Expenses tab passes Qt's model tester, empty and filled; the
claim list pages by keyset (newest first) and its filters go into the query."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex

from sales_desk.services.expenses import analysis as expense_analysis
from sales_desk.services.expenses import claims as expenses
from sales_desk.services.expenses import waiting as expense_waiting
from sales_desk.services.expenses.budgets import BudgetLineRow
from sales_desk.services.expenses.queries import ClaimFilter
from sales_desk.ui.tabs.expenses.analysis_page import PERSON, SpendModel
from sales_desk.ui.tabs.expenses.budget_model import TOTAL_COLUMN, TOTAL_ROW, BudgetGridModel
from sales_desk.ui.tabs.expenses.claims_model import ClaimListModel
from sales_desk.ui.tabs.expenses.waiting_page import WaitingPage
from tests.services.expense_flow import DEPT, YEAR, approved_budget, claim, staff
from tests.ui.conftest import idle


@pytest.fixture
def s(person):  # noqa: ANN001, ANN201
    return staff(person)


def test_the_claim_list_model_passes_the_model_tester_and_pages_by_keyset(qtbot, qtmodeltester, ctx, s) -> None:
    approved_budget(ctx.database, s)
    ids = [expenses.apply_for_expense(ctx.uow(s.rep), claim(str(100 + n))).id for n in range(5)]
    model = ClaimListModel(ctx, s.mgr, page_size=2)
    qtmodeltester.check(model)  # fetches the first page
    idle(qtbot, ctx)
    assert model.rowCount() == 2 and model.canFetchMore(QModelIndex())
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
        idle(qtbot, ctx)
    qtmodeltester.check(model)
    assert [model.row_at(i).id for i in range(model.rowCount())] == ids[::-1]  # newest first
    model.set_filter(ClaimFilter(category="advertising"))
    idle(qtbot, ctx)
    assert model.rowCount() == 0
    qtmodeltester.check(model)


def test_the_budget_grid_model_passes_the_model_tester(qtmodeltester) -> None:  # noqa: ANN001
    model = BudgetGridModel()
    qtmodeltester.check(model)
    model.set_lines([BudgetLineRow(m, "business", DEPT, 100_000) for m in range(1, 13)]
                    + [BudgetLineRow(1, "other", "客服部", 5_000)], editable=True)
    model.set_department(DEPT)
    qtmodeltester.check(model)
    assert model.cell_value(TOTAL_ROW, TOTAL_COLUMN) == 1_200_000
    model.set_department(None)  # every department added up: read-only
    qtmodeltester.check(model)
    assert model.cell_value(TOTAL_ROW, 0) == 105_000 and not model.setData(model.index(0, 0), "1")


def test_the_analysis_and_waiting_models_pass_the_model_tester(qtbot, qtmodeltester, ctx, s) -> None:
    approved_budget(ctx.database, s)
    expenses.apply_for_expense(ctx.uow(s.rep), claim("3000"))
    model = SpendModel()
    qtmodeltester.check(model)
    analysis = expense_analysis.monthly_analysis(ctx.uow(s.mgr), YEAR, 3)
    model.set_rows([*analysis.by_category, analysis.total])
    qtmodeltester.check(model)
    model.dimension = PERSON
    model.set_rows(list(analysis.by_person))
    qtmodeltester.check(model)
    assert model.index(0, 0).data() == "rep" and model.index(0, 1).data() == "—"

    page = WaitingPage(ctx, s.sup)
    qtbot.addWidget(page)
    page.show()
    idle(qtbot, ctx)
    qtmodeltester.check(page.model)
    assert page.model.rowCount() == len(expense_waiting.waiting_for_me(ctx.uow(s.sup))) == 1
    assert page.model.index(0, 0).data() == "Supervisor review"
    assert page.model.index(0, 5).data() == "Hospitality · 客户招待"  # the item translated, the purpose as typed
