"""Two tabs over one feature (orders and dispatch, SPEC §4), each a list of pages by duty.

- Orders [销售合同]: the order list and form for reps; what waits for the sales VP, the
  sales manager, the finance director or GM, and finance; products and price ranges; the
  dispatch register; a customer's ledger.
- Warehouse [仓储]: dispatch notices to check and ship, and the dispatch register. It is
  the warehouse's first tab, so the keeper lands on the notices; the warehouse never
  sees the Orders tab (it takes no orders).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QHBoxLayout, QListWidget, QStackedWidget, QWidget

from sales_desk.domain.roles import Actor, Perm
from sales_desk.i18n import N_, _
from sales_desk.services.order_worklists import WORK_RIGHTS
from sales_desk.ui import geometry
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.orders.ledger import LedgerPage
from sales_desk.ui.tabs.orders.notices_page import NoticesPage
from sales_desk.ui.tabs.orders.order_list import OrdersPage
from sales_desk.ui.tabs.orders.products_page import ProductsPage
from sales_desk.ui.tabs.orders.register_page import RegisterPage
from sales_desk.ui.tabs.orders.worklist_page import WorklistPage
from sales_desk.ui.widgets.page import Page

DECIDERS = frozenset(WORK_RIGHTS.values())


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str  # msgid
    permissions: frozenset[Perm]  # shown to holders of any of these…
    factory: Callable[[AppContext, Actor], Page]
    unless: frozenset[Perm] = frozenset()  # …unless they hold one of these (it is in their other tab)

    def shows_for(self, actor: Actor) -> bool:
        return bool(self.permissions & actor.permissions) and not (self.unless & actor.permissions)


ORDER_PAGES: tuple[PageSpec, ...] = (
    PageSpec("orders", N_("Orders"), frozenset({Perm.ORDER_VIEW}), OrdersPage),
    PageSpec("waiting", N_("Waiting for me"), DECIDERS, WorklistPage),
    PageSpec("products", N_("Products and prices"), frozenset({Perm.ORDER_VIEW}), ProductsPage),
    PageSpec("register", N_("Dispatch register"), frozenset({Perm.ORDER_VIEW}), RegisterPage,
             unless=frozenset({Perm.DISPATCH_SHIP})),
    PageSpec("ledger", N_("Customer ledger"), frozenset({Perm.RECEIVABLE_VIEW}), LedgerPage),
)
WAREHOUSE_PAGES: tuple[PageSpec, ...] = (
    PageSpec("notices", N_("Dispatch notices"), frozenset({Perm.DISPATCH_SHIP}), NoticesPage),
    PageSpec("register", N_("Dispatch register"), frozenset({Perm.DISPATCH_SHIP}), RegisterPage),
)
# The warehouse holds order.view (to read what it ships) but none of these: no Orders tab.
ORDERS_TAB_PERMISSIONS = frozenset({Perm.ORDER_CREATE, Perm.ORDER_APPROVE, Perm.PRICING_SET,
                                    Perm.RECEIVABLE_VIEW, *DECIDERS})
WAREHOUSE_TAB_PERMISSIONS = frozenset({Perm.DISPATCH_SHIP})


class PagedTab(QWidget):
    """A list of pages on the left, the chosen one on the right; the last one chosen is
    remembered, the first time the user's work queue opens."""

    settings_key = ""

    def __init__(self, ctx: AppContext, actor: Actor, specs: tuple[PageSpec, ...], home: str,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.nav = QListWidget()
        self.nav.setObjectName(f"{self.settings_key}_nav")
        self.nav.setStyleSheet("QListWidget::item { padding: 5px 6px; }")
        self.stack = QStackedWidget()
        self.pages: dict[str, Page] = {}
        for spec in specs:
            if not spec.shows_for(actor):
                continue
            page = spec.factory(ctx, actor)
            page.setObjectName(f"page_{spec.key}")
            self.pages[spec.key] = page
            self.stack.addWidget(page)
            self.nav.addItem(_(spec.title))
        self.nav.setFixedWidth(max(150, self.nav.sizeHintForColumn(0) + 28))
        layout = QHBoxLayout(self)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        # Per user: several people may share one PC, each with their own work queue.
        self._page_key = f"{self.settings_key}/page/{actor.username}"
        keys = list(self.pages)
        last = geometry.settings().value(self._page_key)
        start = last if last in keys else home
        self.nav.setCurrentRow(keys.index(start) if start in keys else 0)
        self.stack.setCurrentIndex(self.nav.currentRow())
        self.nav.currentRowChanged.connect(self._show_page)

    def _show_page(self, row: int) -> None:
        if row < 0:
            return
        self.stack.setCurrentIndex(row)
        geometry.settings().setValue(self._page_key, list(self.pages)[row])

    def show_page(self, key: str) -> Page:
        self.nav.setCurrentRow(list(self.pages).index(key))
        return self.pages[key]

    def save_layout(self) -> None:
        for page in self.pages.values():
            page.save_layout()


def orders_home(actor: Actor) -> str:
    """A decision-maker starts on what waits for them; whoever takes orders, on the list."""
    if actor.can(Perm.ORDER_CREATE) or not (DECIDERS & actor.permissions):
        return "orders"
    return "waiting"


class OrdersTab(PagedTab):
    settings_key = "orders"

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(ctx, actor, ORDER_PAGES, orders_home(actor), parent)
        waiting = self.pages.get("waiting")
        if isinstance(waiting, WorklistPage):
            waiting.sig_open_order.connect(self.open_order)

    def orders_page(self) -> OrdersPage:
        page = self.pages["orders"]
        assert isinstance(page, OrdersPage)
        return page

    def open_order(self, order_id: int):  # noqa: ANN201 - the dialog, for tests
        return self.orders_page().open_order(order_id)

    def new_order(self):  # noqa: ANN201
        return self.orders_page().new_order()


class WarehouseTab(PagedTab):
    settings_key = "warehouse"

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(ctx, actor, WAREHOUSE_PAGES, "notices", parent)
