"""Two tabs over one feature (orders and dispatch, SPEC §4), each a list of pages by duty.

- Orders [销售合同]: the order list and form for reps; what waits for the sales VP, the
  sales manager, the finance director or GM, and finance; products and price ranges; the
  price lists in versions and the payment slips (prepayment paperwork); the
  dispatch register; a customer's ledger.
- Warehouse [仓储]: dispatch notices to check and ship, and the dispatch register. It is
  the warehouse's first tab, so the keeper lands on the notices; the warehouse never
  sees the Orders tab (it takes no orders).
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.i18n import N_
from sales_desk.services.orders.worklists import WORK_RIGHTS
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.orders.ledger import LedgerPage
from sales_desk.ui.tabs.orders.notices_page import NoticesPage
from sales_desk.ui.tabs.orders.order_list import OrdersPage
from sales_desk.ui.tabs.orders.price_lists_page import PRICERS, PriceListsPage
from sales_desk.ui.tabs.orders.products_page import ProductsPage
from sales_desk.ui.tabs.orders.register_page import RegisterPage
from sales_desk.ui.tabs.orders.slips_page import SLIP_PAGE_RIGHTS, SlipsPage
from sales_desk.ui.tabs.orders.worklist_page import WorklistPage
from sales_desk.ui.widgets.paged_tab import PagedTab, PageSpec

DECIDERS = frozenset(WORK_RIGHTS.values())

ORDER_PAGES: tuple[PageSpec, ...] = (
    PageSpec("orders", N_("Orders"), frozenset({Perm.ORDER_VIEW}), OrdersPage),
    PageSpec("waiting", N_("Waiting for me"), DECIDERS, WorklistPage),
    PageSpec("products", N_("Products and prices"), frozenset({Perm.ORDER_VIEW}), ProductsPage),
    PageSpec("price_lists", N_("Price lists"), PRICERS, PriceListsPage),
    PageSpec("slips", N_("Payment slips"), SLIP_PAGE_RIGHTS, SlipsPage),
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
                                    Perm.RECEIVABLE_VIEW, *DECIDERS, *PRICERS, *SLIP_PAGE_RIGHTS})
WAREHOUSE_TAB_PERMISSIONS = frozenset({Perm.DISPATCH_SHIP})


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
