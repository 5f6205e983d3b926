"""The Expenses tab [销售费用]: a list of pages on the left, the chosen page on the right.

Each page declares the rights that show it: a rep sees their claims and travel; the
approvers, finance and the cashier also what waits for them; those who oversee
expenses the budget and the analysis. The tab wires the pages together ("waiting
for me" opens a budget on the budget page) and gives Ctrl+N a new application.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QStackedWidget, QWidget

from sales_desk.domain.roles import Actor, Perm
from sales_desk.i18n import N_, _
from sales_desk.services.expense_common import OVERSEERS
from sales_desk.ui import geometry
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.expenses.analysis_page import AnalysisPage
from sales_desk.ui.tabs.expenses.budget_page import BudgetPage
from sales_desk.ui.tabs.expenses.claims_page import ClaimsPage
from sales_desk.ui.tabs.expenses.travel_page import TravelPage
from sales_desk.ui.tabs.expenses.waiting_page import DECIDERS, WaitingPage
from sales_desk.ui.widgets.page import Page
from sales_desk.ui.widgets.shortcuts import shortcut

SETTINGS_KEY = "expenses/page"
TRAVELLERS = frozenset({Perm.EXPENSE_APPLY, Perm.EXPENSE_APPROVE, Perm.EXPENSE_APPROVE_MAJOR})


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str  # msgid
    permissions: frozenset[Perm]  # shown to holders of any of these
    factory: Callable[[AppContext, Actor], Page]


PAGES: tuple[PageSpec, ...] = (
    PageSpec("waiting", N_("Waiting for me"), DECIDERS, WaitingPage),
    PageSpec("claims", N_("Expense claims"), frozenset({Perm.EXPENSE_APPLY, *OVERSEERS}), ClaimsPage),
    PageSpec("travel", N_("Travel"), TRAVELLERS, TravelPage),
    PageSpec("budget", N_("Budget"), frozenset(OVERSEERS), BudgetPage),
    PageSpec("analysis", N_("Analysis and reports"), frozenset(OVERSEERS), AnalysisPage),
)
EXPENSES_TAB_PERMISSIONS = frozenset().union(*(p.permissions for p in PAGES))


def home_page(actor: Actor) -> str:
    """Where a user starts the first time: what waits for them, else their claims."""
    return "waiting" if DECIDERS & actor.permissions else "claims"


class ExpensesTab(QWidget):
    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.actor = actor
        self.nav = QListWidget()
        self.nav.setObjectName("expenses_nav")
        self.nav.setStyleSheet("QListWidget::item { padding: 5px 6px; }")
        self.stack = QStackedWidget()
        self.pages: dict[str, Page] = {}
        for spec in PAGES:
            if not spec.permissions & actor.permissions:
                continue
            page = spec.factory(ctx, actor)
            page.setObjectName(f"page_{spec.key}")
            self.pages[spec.key] = page
            self.stack.addWidget(page)
            self.nav.addItem(_(spec.title))
        self.nav.setFixedWidth(max(150, self.nav.sizeHintForColumn(0) + 28))
        self.nav.currentRowChanged.connect(self._show_page)
        layout = QHBoxLayout(self)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self._wire()
        if actor.can(Perm.EXPENSE_APPLY):
            shortcut(QKeySequence.StandardKey.New, self, self.new_claim, Qt.ShortcutContext.WidgetWithChildrenShortcut)
        keys = list(self.pages)
        last = geometry.settings().value(SETTINGS_KEY)
        start = last if last in keys else home_page(actor)
        self.nav.setCurrentRow(keys.index(start) if start in keys else 0)

    def _wire(self) -> None:
        waiting = self.pages.get("waiting")
        if isinstance(waiting, WaitingPage):
            waiting.sig_open_budget.connect(self.show_budget)

    def _show_page(self, row: int) -> None:
        if row < 0:
            return
        self.stack.setCurrentIndex(row)
        geometry.settings().setValue(SETTINGS_KEY, list(self.pages)[row])

    def show_page(self, key: str) -> Page:
        self.nav.setCurrentRow(list(self.pages).index(key))
        return self.pages[key]

    def show_budget(self, budget_id: int) -> None:
        if "budget" in self.pages:
            page = self.show_page("budget")
            assert isinstance(page, BudgetPage)
            page.select_budget(budget_id)

    def new_claim(self):  # noqa: ANN201 - the form, if the user may apply
        page = self.show_page("claims")
        assert isinstance(page, ClaimsPage)
        return page.new_claim()

    def save_layout(self) -> None:
        for page in self.pages.values():
            page.save_layout()
