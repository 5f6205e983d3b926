"""Collections [销售回款] (SPEC §5): receipts and their allocation, the ledger, aging, the
ladder with its letters, lawsuits and write-offs, deferrals, staff liability."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from sales_desk.i18n import N_
from sales_desk.ui.tabs import TabSpec, register_tab
from sales_desk.ui.tabs.collections.ledger_page import LedgerPage
from sales_desk.ui.tabs.collections.liability_page import LiabilityPage
from sales_desk.ui.tabs.collections.tab import COLLECTIONS_TAB_PERMISSIONS, CollectionsTab

PAGE_OF = {"deferral": "deferrals", "writeoff": "writeoffs", "ledger": "ledger", "customer": "ledger",
           "liability": "liability", "statement": "statements"}


def open_item(tab: QWidget, kind: str, item_id: int) -> bool:
    """What another tab (the dashboard) opens here: a deferral or a write-off to decide,
    selected on its page once the page's list has arrived; a customer's ledger (kind
    "ledger" or "customer", the id the customer's); a debt's liability (the receivable's id)."""
    key = PAGE_OF.get(kind)
    if not isinstance(tab, CollectionsTab) or key not in tab.pages:
        return False
    page = tab.show_page(key)
    if isinstance(page, LedgerPage):
        page.open_customer(item_id)
        return True
    if isinstance(page, LiabilityPage):
        page.open_debt(item_id)
        return True
    table, model = page.table, page.model  # type: ignore[attr-defined]

    def pick() -> bool:
        for row, item in enumerate(model.rows()):
            if getattr(item, "id", None) == item_id:
                table.selectRow(row)
                return True
        return False

    # Selected now if listed, and again when the list (re)loads on showing the page.
    model.modelReset.connect(pick, Qt.ConnectionType.SingleShotConnection)
    pick()
    return True


register_tab(TabSpec("collections", N_("Collections"), COLLECTIONS_TAB_PERMISSIONS, CollectionsTab, order=350,
                     opener=open_item))
