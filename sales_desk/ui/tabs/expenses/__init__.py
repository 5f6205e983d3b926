"""Expense claims and budgets [销售费用] (SPEC §6): applications and their routes, travel,
payment, the budget with break-even, the monthly analysis and the annual report."""

from __future__ import annotations

from sales_desk.i18n import N_
from sales_desk.ui.tabs import TabSpec, register_tab
from sales_desk.ui.tabs.expenses.tab import EXPENSES_TAB_PERMISSIONS, ExpensesTab

register_tab(TabSpec("expenses", N_("Expenses"), EXPENSES_TAB_PERMISSIONS, ExpensesTab, order=400))
