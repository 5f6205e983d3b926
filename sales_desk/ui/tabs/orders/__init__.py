"""Orders and dispatch [销售合同与发货] (SPEC §4, §3 Execution): the Orders tab, and the
warehouse's Dispatch tab [发货管理] that the keeper opens first (dispatch notices)."""

from __future__ import annotations

from sales_desk.i18n import N_
from sales_desk.ui.tabs import TabSpec, register_tab
from sales_desk.ui.tabs.orders.tab import (
    ORDERS_TAB_PERMISSIONS,
    WAREHOUSE_TAB_PERMISSIONS,
    OrdersTab,
    WarehouseTab,
)

register_tab(TabSpec("orders", N_("Orders"), ORDERS_TAB_PERMISSIONS, OrdersTab, order=300))
# Before the customers: the keeper's work is here (the tab shows only to those who ship).
register_tab(TabSpec("warehouse", N_("Dispatch"), WAREHOUSE_TAB_PERMISSIONS, WarehouseTab, order=5))
