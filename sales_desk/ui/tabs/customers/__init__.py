"""The Customers tab: the customer list and the customer files [客户档案] (SPEC §2)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from sales_desk.domain.common.roles import Perm
from sales_desk.i18n import N_
from sales_desk.ui.tabs import TabSpec, register_tab
from sales_desk.ui.tabs.customers.list_page import CustomersPage


def open_item(page: QWidget, kind: str, item_id: int) -> bool:
    """What another tab (the dashboard, the search box) opens here: a customer's file, or
    a rep's customers ("rep")."""
    if kind == "customer" and isinstance(page, CustomersPage):
        page.open_customer(item_id)
        return True
    if kind == "rep" and isinstance(page, CustomersPage):
        return page.show_rep(item_id)
    return False


register_tab(TabSpec("customers", N_("Customers"), frozenset({Perm.CUSTOMER_VIEW}), CustomersPage, order=10,
                     opener=open_item))
