"""Collections [销售回款] (SPEC §5): receipts and their allocation, the ledger, aging, the
ladder with its letters, lawsuits and write-offs, deferrals, staff liability."""

from __future__ import annotations

from sales_desk.i18n import N_
from sales_desk.ui.tabs import TabSpec, register_tab
from sales_desk.ui.tabs.collections.tab import COLLECTIONS_TAB_PERMISSIONS, CollectionsTab

register_tab(TabSpec("collections", N_("Collections"), COLLECTIONS_TAB_PERMISSIONS, CollectionsTab, order=350))
