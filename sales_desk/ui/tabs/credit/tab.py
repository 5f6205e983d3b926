"""The Credit tab: a list of pages on the left, the chosen page on the right.

Each page declares the rights that show it; a user sees only the pages their duties
need (a sales rep: their customers' credit and re-ratings; finance: the investigation
queue). The tab wires the pages together: "investigate this customer" from the
customers or re-ratings page opens the investigation on the investigations page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QHBoxLayout, QListWidget, QStackedWidget, QWidget

from sales_desk.domain.roles import Actor, Perm
from sales_desk.i18n import N_, _
from sales_desk.services.credit_investigation import READERS
from sales_desk.ui import geometry
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.credit.customers_page import CustomersPage
from sales_desk.ui.tabs.credit.due_page import DuePage
from sales_desk.ui.tabs.credit.investigations_page import InvestigationsPage
from sales_desk.ui.tabs.credit.proposals_page import ProposalsPage
from sales_desk.ui.widgets.page import Page

SETTINGS_KEY = "credit/page"


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str  # msgid
    permissions: frozenset[Perm]  # shown to holders of any of these
    factory: Callable[[AppContext, Actor], Page]


PAGES: tuple[PageSpec, ...] = (
    PageSpec("customers", N_("Customer credit"), frozenset({Perm.CREDIT_VIEW}), CustomersPage),
    PageSpec("investigations", N_("Investigations"), frozenset(READERS), InvestigationsPage),
    PageSpec("proposals", N_("Rating proposals"), frozenset(READERS), ProposalsPage),
    PageSpec("due", N_("Re-ratings due"), frozenset({Perm.CREDIT_VIEW}), DuePage),
)
CREDIT_TAB_PERMISSIONS = frozenset().union(*(p.permissions for p in PAGES))


def home_page(actor: Actor) -> str:
    """Where a user starts the first time: their work queue."""
    if actor.can(Perm.CREDIT_INVESTIGATE) or actor.can(Perm.CREDIT_REVIEW_INVESTIGATION):
        return "investigations"
    if actor.can(Perm.CREDIT_APPROVE_RATING):
        return "proposals"
    return "customers"


class CreditTab(QWidget):
    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.nav = QListWidget()
        self.nav.setObjectName("credit_nav")
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
        keys = list(self.pages)
        last = geometry.settings().value(SETTINGS_KEY)
        start = last if last in keys else home_page(actor)
        self.nav.setCurrentRow(keys.index(start) if start in keys else 0)

    def _wire(self) -> None:
        customers, due = self.pages.get("customers"), self.pages.get("due")
        if isinstance(customers, CustomersPage):
            customers.sig_open_investigation.connect(self.new_investigation)
        if isinstance(due, DuePage):
            due.sig_investigate.connect(self.new_investigation)
            due.sig_show_customer.connect(self.show_customer)

    def _show_page(self, row: int) -> None:
        if row < 0:
            return
        self.stack.setCurrentIndex(row)
        geometry.settings().setValue(SETTINGS_KEY, list(self.pages)[row])

    def show_page(self, key: str) -> Page:
        self.nav.setCurrentRow(list(self.pages).index(key))
        return self.pages[key]

    def show_customer(self, customer_id: int, code: str = "") -> None:
        page = self.show_page("customers")
        assert isinstance(page, CustomersPage)
        page.show_customer(customer_id, code)

    def new_investigation(self, customer_id: int, customer: str = ""):  # noqa: ANN201
        page = self.show_page("investigations")
        assert isinstance(page, InvestigationsPage)
        return page.new_investigation(customer_id, customer)

    def save_layout(self) -> None:
        for page in self.pages.values():
            page.save_layout()
