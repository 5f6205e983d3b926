"""The Expenses tab [销售费用]: a list of pages on the left, the chosen page on the right.

Each page declares the rights that show it: a rep sees their claims and travel; the
approvers, finance and the cashier also what waits for them; those who oversee
expenses the budget and the analysis. The tab wires the pages together ("waiting
for me" opens a budget on the budget page) and gives Ctrl+N a new application.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QWidget

from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.i18n import N_
from sales_desk.services.expenses.common import OVERSEERS
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.expenses.analysis_page import AnalysisPage
from sales_desk.ui.tabs.expenses.budget_page import BudgetPage
from sales_desk.ui.tabs.expenses.claims_page import ClaimsPage
from sales_desk.ui.tabs.expenses.travel_page import TravelPage
from sales_desk.ui.tabs.expenses.waiting_page import DECIDERS, WaitingPage
from sales_desk.ui.widgets.paged_tab import PagedTab, PageSpec, tab_permissions
from sales_desk.ui.widgets.shortcuts import shortcut

TRAVELLERS = frozenset({Perm.EXPENSE_APPLY, Perm.EXPENSE_APPROVE, Perm.EXPENSE_APPROVE_MAJOR})

PAGES: tuple[PageSpec, ...] = (
    PageSpec("waiting", N_("Waiting for me"), DECIDERS, WaitingPage),
    PageSpec("claims", N_("Expense claims"), frozenset({Perm.EXPENSE_APPLY, *OVERSEERS}), ClaimsPage),
    PageSpec("travel", N_("Travel"), TRAVELLERS, TravelPage),
    PageSpec("budget", N_("Budget"), frozenset(OVERSEERS), BudgetPage),
    PageSpec("analysis", N_("Analysis and reports"), frozenset(OVERSEERS), AnalysisPage),
)
EXPENSES_TAB_PERMISSIONS = tab_permissions(PAGES)


def home_page(actor: Actor) -> str:
    """Where a user starts the first time: what waits for them, else their claims."""
    return "waiting" if DECIDERS & actor.permissions else "claims"


class ExpensesTab(PagedTab):
    settings_key = "expenses"

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(ctx, actor, PAGES, home_page(actor), parent)
        self.actor = actor
        self._wire()
        if actor.can(Perm.EXPENSE_APPLY):
            shortcut(QKeySequence.StandardKey.New, self, self.new_claim, Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def _wire(self) -> None:
        waiting = self.pages.get("waiting")
        if isinstance(waiting, WaitingPage):
            waiting.sig_open_budget.connect(self.show_budget)

    def show_budget(self, budget_id: int) -> None:
        if "budget" in self.pages:
            page = self.show_page("budget")
            assert isinstance(page, BudgetPage)
            page.select_budget(budget_id)

    def new_claim(self):  # noqa: ANN201 - the form, if the user may apply
        page = self.show_page("claims")
        assert isinstance(page, ClaimsPage)
        return page.new_claim()
