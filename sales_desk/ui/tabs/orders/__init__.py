"""Orders and dispatch [销售合同与发货] (SPEC §4, §3 Execution): the Orders tab, and the
warehouse's Dispatch tab [发货管理] that the keeper opens first (dispatch notices)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from sales_desk.domain.common.roles import Role
from sales_desk.i18n import N_
from sales_desk.ui.tabs import TabSpec, register_tab
from sales_desk.ui.tabs.orders.ledger import LedgerDialog
from sales_desk.ui.tabs.orders.price_lists_page import PriceListsPage
from sales_desk.ui.tabs.orders.tab import (
    ORDERS_TAB_PERMISSIONS,
    WAREHOUSE_TAB_PERMISSIONS,
    OrdersTab,
    WarehouseTab,
)


def open_item(tab: QWidget, kind: str, item_id: int) -> bool:
    """What another tab (the dashboard) opens here: an order, a price list, a customer's ledger."""
    if not isinstance(tab, OrdersTab):
        return False
    if kind == "order" and "orders" in tab.pages:
        tab.open_order(item_id)
        return True
    if kind == "price_list" and "price_lists" in tab.pages:
        page = tab.show_page("price_lists")
        assert isinstance(page, PriceListsPage)
        page.show_list(item_id)
        return True
    if kind == "ledger" and "ledger" in tab.pages:
        page = tab.show_page("ledger")
        LedgerDialog(page.ctx, page.actor, item_id, page).open()
        return True
    return False


register_tab(TabSpec("orders", N_("Orders"), ORDERS_TAB_PERMISSIONS, OrdersTab, order=300, opener=open_item))
# Before the customers: the keeper's work is here (the tab shows only to those who ship).
register_tab(TabSpec("warehouse", N_("Dispatch"), WAREHOUSE_TAB_PERMISSIONS, WarehouseTab, order=5,
                     home=lambda actor: actor.roles <= {Role.WAREHOUSE}))
