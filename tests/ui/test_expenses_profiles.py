"""Departments are the administrator's (settings.manage): a page in the Administration tab;
what is set there decides a claimant's budget line. The allowance [支配范围] is policy: shown
there, not edited (SPEC §9)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QLabel

from sales_desk.domain.common.errors import NotPermitted
from sales_desk.domain.common.money import to_minor
from sales_desk.services.expenses import queries as expense_queries
from sales_desk.services.expenses import settings as expense_settings
from sales_desk.ui.main_window import MainWindow
from sales_desk.ui.tabs.admin.expense_profiles_page import ExpenseProfilesPage
from tests.services.expense_flow import DEPT, YEAR, staff
from tests.ui.conftest import idle


@pytest.fixture
def s(person):  # noqa: ANN001, ANN201
    return staff(person)


def test_the_administrator_sets_a_persons_department_but_not_their_allowance(qtbot, ctx, boss, s) -> None:
    window = MainWindow(ctx, boss)
    qtbot.addWidget(window)
    window.show()
    page = window.tab("admin").show_page("expense_profiles")
    assert isinstance(page, ExpenseProfilesPage)
    idle(qtbot, ctx)
    names = [page.model.row_at(i).username for i in range(page.model.rowCount())]
    assert names == ["mgr", "rep", "rep2", "sup"]  # who applies for expenses; not finance, not the GM
    assert page.model.index(1, 2).data() == f"{DEPT} (default)"
    assert page.model.index(1, 3).data() == "2,000.00 (default)"
    page.table.selectRow(1)
    dialog = page.edit()
    assert not hasattr(dialog, "allowance")
    assert "Policy versions" in dialog.findChild(QLabel, "allowance_note").text()
    dialog.department.setEditText("华南销售部")  # a new department, typed
    dialog.save()
    idle(qtbot, ctx)
    assert page.model.index(1, 2).data() == "华南销售部" and page.model.index(1, 3).data() == "2,000.00 (default)"
    preview = expense_queries.preview_route(ctx.uow(s.rep), "business", to_minor("100"), date(YEAR, 3, 1))
    assert preview.department == "华南销售部" and preview.allowance.monthly == to_minor("2000")


def test_only_the_settings_right_sees_the_page_and_a_manager_is_refused_when_forced(qtbot, ctx, s) -> None:
    window = MainWindow(ctx, s.mgr)
    qtbot.addWidget(window)
    assert window.tab("admin") is None
    with pytest.raises(NotPermitted):
        expense_settings.set_expense_profile(ctx.uow(s.mgr), s.rep.user_id, "华南销售部")
    idle(qtbot, ctx)
