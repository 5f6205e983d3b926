"""The Opportunities tab [销售机会]: two pages, the opportunities (list, funnel, the selected
one's steps and quotations) and the leads (prospects not yet customer files). A lead's
"New opportunity…" opens the form on the opportunities page; a won opportunity's order
opens in the Orders tab through the main window (sig_open_item)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.i18n import N_
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.opportunities.leads_page import LeadsPage
from sales_desk.ui.tabs.opportunities.page import OpportunitiesPage
from sales_desk.ui.widgets.paged_tab import PagedTab, PageSpec

VIEW = frozenset({Perm.OPPORTUNITY_VIEW})
PAGES: tuple[PageSpec, ...] = (
    PageSpec("opportunities", N_("Opportunities"), VIEW, OpportunitiesPage),
    PageSpec("leads", N_("Leads"), VIEW, LeadsPage),
)


class OpportunitiesTab(PagedTab):
    settings_key = "opportunities"

    sig_open_item = Signal(str, str, int)
    """Open this in another tab (tab key, kind, id): the main window does."""

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(ctx, actor, PAGES, "opportunities", parent)
        self.opportunities_page().sig_open_item.connect(self.sig_open_item)
        leads = self.pages["leads"]
        assert isinstance(leads, LeadsPage)
        leads.sig_new_opportunity.connect(self.new_opportunity_for_lead)

    def opportunities_page(self) -> OpportunitiesPage:
        page = self.pages["opportunities"]
        assert isinstance(page, OpportunitiesPage)
        return page

    def leads_page(self) -> LeadsPage:
        page = self.pages["leads"]
        assert isinstance(page, LeadsPage)
        return page

    def new_opportunity_for_lead(self, lead_id: int, label: str):  # noqa: ANN201 - the form, for tests
        page = self.show_page("opportunities")
        assert isinstance(page, OpportunitiesPage)
        return page.new_opportunity((lead_id, label))


def open_item(tab: QWidget, kind: str, item_id: int) -> bool:
    """What another tab opens here: an opportunity."""
    if not isinstance(tab, OpportunitiesTab) or kind != "opportunity":
        return False
    page = tab.show_page("opportunities")
    assert isinstance(page, OpportunitiesPage)
    page.show_opportunity(item_id)
    return True
