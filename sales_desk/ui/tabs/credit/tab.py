"""The Credit tab: a list of pages on the left, the chosen page on the right.

Each page declares the rights that show it; a user sees only the pages their duties
need (a sales rep: their customers' credit and re-ratings; finance: the investigation
queue). The tab wires the pages together: "investigate this customer" from the
customers or re-ratings page opens the investigation on the investigations page.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.i18n import N_
from sales_desk.services.credit.investigation import READERS
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.credit.customers_page import CustomersPage
from sales_desk.ui.tabs.credit.due_page import DuePage
from sales_desk.ui.tabs.credit.investigations_page import InvestigationsPage
from sales_desk.ui.tabs.credit.proposals_page import ProposalsPage
from sales_desk.ui.widgets.paged_tab import PagedTab, PageSpec, tab_permissions

PAGES: tuple[PageSpec, ...] = (
    PageSpec("customers", N_("Customer credit"), frozenset({Perm.CREDIT_VIEW}), CustomersPage),
    PageSpec("investigations", N_("Investigations"), frozenset(READERS), InvestigationsPage),
    PageSpec("proposals", N_("Rating proposals"), frozenset(READERS), ProposalsPage),
    PageSpec("due", N_("Re-ratings due"), frozenset({Perm.CREDIT_VIEW}), DuePage),
)
CREDIT_TAB_PERMISSIONS = tab_permissions(PAGES)


def home_page(actor: Actor) -> str:
    """Where a user starts the first time: their work queue."""
    if actor.can(Perm.CREDIT_INVESTIGATE) or actor.can(Perm.CREDIT_REVIEW_INVESTIGATION):
        return "investigations"
    if actor.can(Perm.CREDIT_APPROVE_RATING):
        return "proposals"
    return "customers"


class CreditTab(PagedTab):
    settings_key = "credit"

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(ctx, actor, PAGES, home_page(actor), parent)
        self._wire()

    def _wire(self) -> None:
        customers, due = self.pages.get("customers"), self.pages.get("due")
        if isinstance(customers, CustomersPage):
            customers.sig_open_investigation.connect(self.new_investigation)
        if isinstance(due, DuePage):
            due.sig_investigate.connect(self.new_investigation)
            due.sig_show_customer.connect(self.show_customer)

    def show_customer(self, customer_id: int, code: str = "") -> None:
        page = self.show_page("customers")
        assert isinstance(page, CustomersPage)
        page.show_customer(customer_id, code)

    def new_investigation(self, customer_id: int, customer: str = ""):  # noqa: ANN201
        page = self.show_page("investigations")
        assert isinstance(page, InvestigationsPage)
        return page.new_investigation(customer_id, customer)
