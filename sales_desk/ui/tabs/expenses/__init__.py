"""Expense claims and budgets [销售费用] (SPEC §6): applications and their routes, travel,
payment, the budget with break-even, the monthly analysis and the annual report."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from sales_desk.i18n import N_
from sales_desk.ui.tabs import TabSpec, register_tab
from sales_desk.ui.tabs.expenses.claim_dialog import ClaimDialog
from sales_desk.ui.tabs.expenses.tab import EXPENSES_TAB_PERMISSIONS, ExpensesTab
from sales_desk.ui.tabs.expenses.travel_dialogs import TravelDecisionDialog


def open_item(tab: QWidget, kind: str, item_id: int) -> bool:
    """What another tab (the dashboard) opens here: a claim (its step or its payment), a
    travel application, a budget to check or approve, the analysis, the annual report to
    review (by its year)."""
    if not isinstance(tab, ExpensesTab):
        return False
    if kind in ("claim", "travel"):
        page = tab.show_page("waiting" if "waiting" in tab.pages else next(iter(tab.pages)))
        dialog = (ClaimDialog if kind == "claim" else TravelDecisionDialog)(page.ctx, page.actor, item_id, page)
        dialog.open()
        return True
    if kind == "budget" and "budget" in tab.pages:
        tab.show_budget(item_id)
        return True
    if kind == "report":
        from sales_desk.ui.tabs.expenses.report_review import ReportReviewDialog

        page = tab.show_page("waiting" if "waiting" in tab.pages else next(iter(tab.pages)))
        ReportReviewDialog(page.ctx, page.actor, item_id, page).open()
        return True
    if kind == "analysis" and "analysis" in tab.pages:
        tab.show_page("analysis")
        return True
    return False


register_tab(TabSpec("expenses", N_("Expenses"), EXPENSES_TAB_PERMISSIONS, ExpensesTab, order=400,
                     opener=open_item))
