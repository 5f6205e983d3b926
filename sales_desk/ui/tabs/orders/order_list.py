"""The order list: filters in the query (status, customer, dates, number), pages by keyset
(newest first), Enter opens, Ctrl+N starts a new order (for those who take orders)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.domain.orders.contracts import OrderStatus
from sales_desk.i18n import N_, _, ngettext
from sales_desk.services.orders import views as order_views
from sales_desk.services.orders.views import OrderFilter, OrderRow
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.orders.common import ORDER_TOPICS, DateEdit, block_label, day, status_label
from sales_desk.ui.widgets.customer_picker import CustomerPicker
from sales_desk.ui.widgets.money import money_text
from sales_desk.ui.widgets.page import Page
from sales_desk.ui.widgets.paged_model import PagedTableModel
from sales_desk.ui.widgets.shortcuts import shortcut
from sales_desk.ui.widgets.table import Table
from sales_desk.ui.widgets.visibility import shown_if

PAGE_SIZE = 100
IN_PROGRESS = (OrderStatus.DRAFT, OrderStatus.SUBMITTED, OrderStatus.SIGNED, OrderStatus.BLOCKED,
               OrderStatus.APPROVED, OrderStatus.PARTLY_SHIPPED)
BLOCKED_COLOUR = QColor("#b00020")
DRAFT_COLOUR = QColor("#666666")


def _flags(r: OrderRow) -> str:
    out = []
    if r.major:
        out.append(_("major contract"))
    if r.needs_price_approval:
        out.append(_("below the floor"))
    if r.block_reason and r.status == OrderStatus.BLOCKED:
        out.append(block_label(r.block_reason))
    return ", ".join(out)


@dataclass(frozen=True)
class Column:
    title: str  # msgid
    width: int
    text: Callable[[OrderRow], str]
    right: bool = False


COLUMNS: tuple[Column, ...] = (
    Column(N_("Order no."), 115, lambda r: r.number),
    Column(N_("Date"), 85, lambda r: day(r.order_date)),
    Column(N_("Customer"), 225, lambda r: r.customer_name),
    Column(N_("Sales rep"), 60, lambda r: r.rep_name),
    Column(N_("Status"), 145, lambda r: status_label(r.status)),
    Column(N_("Total"), 105, lambda r: money_text(r.total), right=True),
    Column(N_("Shipped"), 105, lambda r: money_text(r.shipped_value), right=True),
    Column(N_("Notes"), 120, _flags),
)
STATUS_COLUMN = 4


class OrderListModel(PagedTableModel[OrderRow]):
    # by column (see COLUMNS): the service's ORDER_SORTS
    sort_fields = {0: "number", 1: "date", 2: "customer", 3: "rep", 4: "status", 5: "total", 6: "shipped"}

    def __init__(self, ctx: AppContext, actor: Actor, parent=None, page_size: int = PAGE_SIZE):  # noqa: ANN001
        self.ctx, self.actor, self.page_size = ctx, actor, page_size
        self.flt = OrderFilter(statuses=tuple(s.value for s in IN_PROGRESS))
        super().__init__(ctx.runner, self._loader_for(self.flt), key=self._after_key, parent=parent)
        self.headers = [_(c.title) for c in COLUMNS]

    def _after_key(self, row: OrderRow) -> Any:  # noqa: ANN401 - the service's `after`
        return order_views.order_sort_key(row, self.sorted_by[0] if self.sorted_by else None)

    def _loader_for(self, flt: OrderFilter):  # noqa: ANN202
        ctx, actor, size = self.ctx, self.actor, self.page_size

        def load(after: Any) -> tuple[list[OrderRow], bool]:  # noqa: ANN401
            # The sort as the page is read; a header click reloads, and a page asked for
            # under the old sort is dropped (its generation is past).
            sort, descending = self.sorted_by or (None, False)
            page = order_views.list_orders(ctx.uow(actor), flt, after=after, limit=size, sort=sort,
                                           descending=descending)
            return list(page.rows), page.next_after is not None

        return load

    def set_filter(self, flt: OrderFilter) -> None:
        self.flt = flt
        self.set_loader(self._loader_for(flt))

    def row_of(self, order_id: int) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.id == order_id), None)

    def display(self, row: OrderRow, column: int) -> str:
        return COLUMNS[column].text(row)

    def alignment(self, column: int) -> Qt.AlignmentFlag | None:
        return Qt.AlignmentFlag.AlignRight if COLUMNS[column].right else None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == STATUS_COLUMN:
            if row.status == OrderStatus.BLOCKED:
                return BLOCKED_COLOUR
            if row.status in (OrderStatus.CANCELLED, OrderStatus.CLOSED):
                return DRAFT_COLOUR
        return super().data(index, role)


class OrderFilterBar(QWidget):
    sig_changed = Signal()
    """The filter changed (after the typing pause for the number); read `current()`."""

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.number = QLineEdit()
        self.number.setObjectName("order_number_filter")
        self.number.setPlaceholderText(_("Order no. (Ctrl+F)"))
        self.number.setClearButtonEnabled(True)
        self.number.setMinimumWidth(200)
        self.status = QComboBox()
        self.status.setObjectName("order_status_filter")
        self.status.addItem(_("In progress"), tuple(s.value for s in IN_PROGRESS))
        self.status.addItem(_("All orders"), ())
        for s in OrderStatus:
            self.status.addItem(s.label, (s.value,))
        self.customer = CustomerPicker(ctx, actor)
        self.customer.setObjectName("order_customer_filter")
        self.customer.setMinimumWidth(220)
        self.date_from = DateEdit(optional=True)
        self.date_from.setObjectName("order_date_from")
        self.date_to = DateEdit(optional=True)
        self.date_to.setObjectName("order_date_to")
        self.clear_button = QPushButton(_("C&lear"))
        self.clear_button.clicked.connect(self.clear)
        status_label_ = QLabel(_("S&tatus:"))
        status_label_.setBuddy(self.status)
        customer_label = QLabel(_("C&ustomer:"))
        customer_label.setBuddy(self.customer)
        from_label = QLabel(_("Fro&m:"))
        from_label.setBuddy(self.date_from)
        to_label = QLabel(_("T&o:"))
        to_label.setBuddy(self.date_to)
        row = QHBoxLayout(self)  # the number box sits with the page's buttons, above
        row.setContentsMargins(0, 0, 0, 0)
        for w in (status_label_, self.status, customer_label, self.customer, from_label,
                  self.date_from, to_label, self.date_to, self.clear_button):
            row.addWidget(w)
        row.addStretch(1)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self.sig_changed)
        self.number.textChanged.connect(lambda _t: self._debounce.start())
        self.number.returnPressed.connect(self._now)
        self.status.currentIndexChanged.connect(lambda _i: self._now())
        self.customer.sig_changed.connect(self._now)
        self.date_from.dateChanged.connect(lambda _d: self._now())
        self.date_to.dateChanged.connect(lambda _d: self._now())
        self._muted = False

    def current(self) -> OrderFilter:
        return OrderFilter(statuses=tuple(self.status.currentData() or ()),
                           customer_id=self.customer.customer_id, number=self.number.text().strip(),
                           date_from=self.date_from.value(), date_to=self.date_to.value())

    def clear(self) -> None:
        self._muted = True
        try:
            self.number.clear()
            self.status.setCurrentIndex(0)
            self.customer.set_customer(None)
            self.date_from.set_value(None)
            self.date_to.set_value(None)
        finally:
            self._muted = False
        self._now()

    def _now(self) -> None:
        self._debounce.stop()
        if not self._muted:
            self.sig_changed.emit()


class OrdersPage(Page):
    topics = ORDER_TOPICS

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None,
                 page_size: int = PAGE_SIZE):
        super().__init__(ctx, actor, parent)
        self._first_load = True
        self._select_id: int | None = None
        self.filters = OrderFilterBar(ctx, actor)
        self.filters.sig_changed.connect(self.apply_filter)
        self.model = OrderListModel(ctx, actor, self, page_size)
        self.model.sig_page_loaded.connect(self._page_loaded)
        self.table = Table("orders/list")
        self.table.setObjectName("order_table")
        self.table.setModel(self.model)
        self.table.restore_layout({i: c.width for i, c in enumerate(COLUMNS)})
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selection_changed())

        self.new_button = QPushButton(_("&New order…"))
        self.new_button.setObjectName("new_order")
        self.new_button.setToolTip(_("Ctrl+N"))
        shown_if(self.new_button, actor.can(Perm.ORDER_CREATE))
        self.new_button.clicked.connect(self.new_order)
        self.open_button = QPushButton(_("Op&en"))
        self.open_button.setObjectName("open_order")
        self.open_button.setToolTip(_("Enter"))
        self.open_button.clicked.connect(self.open_selected)
        self.print_button = QPushButton(_("&Print contract…"))
        self.print_button.setObjectName("print_contract")
        self.print_button.setToolTip(_("Ctrl+P"))
        self.print_button.clicked.connect(self.print_selected)
        self.count_label = QLabel()
        self.count_label.setObjectName("order_count")

        buttons = QHBoxLayout()
        buttons.addWidget(self.filters.number)
        buttons.addStretch(1)
        for b in (self.new_button, self.open_button, self.print_button):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        self._keys()
        self._selection_changed()

    def _keys(self) -> None:
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        if self.actor.can(Perm.ORDER_CREATE):
            QShortcut(QKeySequence.StandardKey.New, self, self.new_order, context=context)
        QShortcut(QKeySequence.StandardKey.Find, self, self._find, context=context)
        shortcut(QKeySequence.StandardKey.Print, self, self.print_selected, context)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            QShortcut(QKeySequence(key), self.table, self.open_selected,
                      context=Qt.ShortcutContext.WidgetShortcut)

    def _find(self) -> None:
        self.filters.number.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filters.number.selectAll()

    # -- loading -----------------------------------------------------------------------------
    def load(self) -> None:
        if self._first_load:
            self._first_load = False
            self.model.set_filter(self.filters.current())
        else:
            selected = self.selected_id()
            if selected is not None:
                self._select_id = selected
            self.model.reload()

    def apply_filter(self) -> None:
        flt = self.filters.current()
        if flt != self.model.flt:
            self.model.set_filter(flt)

    def _page_loaded(self, count: int) -> None:
        if self.model.canFetchMore(QModelIndex()):
            text = ngettext("{n} order shown; scroll down for more.", "{n} orders shown; scroll down for more.", count).format(n=count)
        elif count == 0:
            text = _("No order matches these filters.")
        else:
            text = ngettext("{n} order.", "{n} orders.", count).format(n=count)
        self.count_label.setText(text)
        if self._select_id is not None:
            row = self.model.row_of(self._select_id)
            if row is not None:
                self.table.selectRow(row)
                self.table.scrollTo(self.model.index(row, 0))
                self._select_id = None
            elif not self.model.canFetchMore(QModelIndex()):
                self._select_id = None
        self._selection_changed()

    # -- the selected order --------------------------------------------------------------------
    def selected_id(self) -> int | None:
        row = self.table.current_row()
        return None if row is None else self.model.row_at(row).id

    def select(self, order_id: int) -> None:
        row = self.model.row_of(order_id)
        if row is None:
            self._select_id = order_id
        else:
            self.table.selectRow(row)

    def _selection_changed(self) -> None:
        chosen = self.selected_id() is not None
        self.open_button.setEnabled(chosen)
        self.print_button.setEnabled(chosen)

    def open_selected(self):  # noqa: ANN201 - the dialog, for tests
        order_id = self.selected_id()
        return None if order_id is None else self.open_order(order_id)

    def open_order(self, order_id: int):  # noqa: ANN201
        from sales_desk.ui.tabs.orders.order_form import OrderDialog

        dialog = OrderDialog(self.ctx, self.actor, order_id, self)
        dialog.sig_saved.connect(self._saved)
        dialog.open()
        return dialog

    def new_order(self, customer_id: int | None = None):  # noqa: ANN201
        from sales_desk.ui.tabs.orders.order_form import OrderDialog

        if not self.actor.can(Perm.ORDER_CREATE):
            return None
        dialog = OrderDialog(self.ctx, self.actor, None, self)
        dialog.sig_saved.connect(self._saved)
        dialog.open()
        return dialog

    def _saved(self, order_id: int) -> None:
        self._select_id = order_id

    def print_selected(self):  # noqa: ANN201
        from sales_desk.ui.tabs.orders.printing import ContractPrintDialog

        row = self.table.current_row()
        if row is None:
            return None
        r = self.model.row_at(row)
        dialog = ContractPrintDialog(self.ctx, self.actor, r.id, r.number, self)
        dialog.open()
        return dialog

    def save_layout(self) -> None:
        self.table.save_layout()

