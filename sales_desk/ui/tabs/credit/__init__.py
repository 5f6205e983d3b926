"""Credit reviews [客户信用管理]: investigations, ratings, limits, re-ratings and holds."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from sales_desk.i18n import N_
from sales_desk.ui.tabs import TabSpec, register_tab
from sales_desk.ui.tabs.credit.investigations_page import InvestigationsPage
from sales_desk.ui.tabs.credit.scorecard import ProposalDialog
from sales_desk.ui.tabs.credit.tab import CREDIT_TAB_PERMISSIONS, CreditTab


def open_item(tab: QWidget, kind: str, item_id: int) -> bool:
    """What another tab (the dashboard) opens here: a customer's credit, an investigation
    (finance's review), a rating proposal (the customer-service manager's decision)."""
    if not isinstance(tab, CreditTab):
        return False
    if kind == "customer" and "customers" in tab.pages:
        tab.show_customer(item_id)
        return True
    if kind == "investigation" and "investigations" in tab.pages:
        page = tab.show_page("investigations")
        assert isinstance(page, InvestigationsPage)
        page.open_investigation(item_id)
        return True
    if kind == "proposal" and "proposals" in tab.pages:
        page = tab.show_page("proposals")
        dialog = ProposalDialog(page.ctx, page.actor, item_id, page)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return True
    return False


register_tab(TabSpec("credit", N_("Credit"), CREDIT_TAB_PERMISSIONS, CreditTab, order=200, opener=open_item))
