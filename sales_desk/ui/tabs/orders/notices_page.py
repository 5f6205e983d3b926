"""Dispatch notices [发货通知]: the approved orders with something left to ship, oldest
approval first; below, the chosen order's shipments with their hand-overs and notes.

Enter checks and ships the selected notice; the warehouse lands here.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.i18n import N_, _, ngettext
from sales_desk.services.orders import dispatch_register
from sales_desk.services.orders import views as order_views
from sales_desk.services.orders.dispatch_register import NoticeRow
from sales_desk.services.orders.views import OrderView, ShipmentRow
from sales_desk.ui import geometry
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.orders.common import ORDER_TOPICS, day, heading, hint, local_day
from sales_desk.ui.widgets.list_model import RowsTableModel
from sales_desk.ui.widgets.money import money_text
from sales_desk.ui.widgets.page import Page
from sales_desk.ui.widgets.paged_model import PagedTableModel
from sales_desk.ui.widgets.shortcuts import shortcut
from sales_desk.ui.widgets.table import Table
from sales_desk.ui.widgets.visibility import shown_if

PAGE_SIZE = 100
# What to do comes before the details; the address, longest, last.
HEADERS = (N_("Order no."), N_("Customer"), N_("State"), N_("Approved"), N_("Deliver by"), N_("Total"),
           N_("Shipped"), N_("Delivery address"))
STATE = 2
WAIT_COLOUR = QColor("#8a5a00")
HOLD_COLOUR = QColor("#b00020")


def state_text(r: NoticeRow) -> str:
    if r.on_hold:
        return _("Customer on credit hold")
    if r.awaiting_prepayment:
        return _("Awaiting prepayment ({received} of {required})").format(
            received=money_text(r.prepayment_received), required=money_text(r.prepayment_required))
    if r.shipped_value:
        return _("Rest to ship")
    return _("Ready to ship")


def notice_key(r: NoticeRow) -> tuple[datetime | None, int]:
    return (r.approved_at, r.order_id)


class NoticesModel(PagedTableModel[NoticeRow]):
    def __init__(self, ctx: AppContext, actor: Actor, parent=None, page_size: int = PAGE_SIZE):  # noqa: ANN001
        def load(after: tuple[datetime, int] | None) -> tuple[list[NoticeRow], bool]:
            rows, nxt = dispatch_register.dispatch_notices(ctx.uow(actor), after, page_size)
            return rows, nxt is not None

        super().__init__(ctx.runner, load, key=notice_key, parent=parent)
        self.headers = [_(h) for h in HEADERS]

    def display(self, r: NoticeRow, column: int) -> str:
        return (r.number, r.customer_name, state_text(r), local_day(r.approved_at), day(r.delivery_date),
                money_text(r.total), money_text(r.shipped_value), r.ship_to)[column]

    def alignment(self, column: int) -> Qt.AlignmentFlag | None:
        return Qt.AlignmentFlag.AlignRight if column in (5, 6) else None

    def row_of(self, order_id: int) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.order_id == order_id), None)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid() and index.column() == STATE \
                and 0 <= index.row() < len(self._rows):
            r = self._rows[index.row()]
            return HOLD_COLOUR if r.on_hold else WAIT_COLOUR if r.awaiting_prepayment else None
        return super().data(index, role)


def _shipment_cell(s: ShipmentRow, column: int) -> str:
    return (s.number, day(s.ship_date), money_text(s.value), s.carrier, s.tracking_no,
            day(s.handed_over_on) or _("not yet"))[column]


class NoticesPage(Page):
    topics = ORDER_TOPICS

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None, page_size: int = PAGE_SIZE):
        super().__init__(ctx, actor, parent)
        self.shipper = actor.can(Perm.DISPATCH_SHIP)
        self.view: OrderView | None = None
        self._select_id: int | None = None
        self.model = NoticesModel(ctx, actor, self, page_size)
        self.model.sig_page_loaded.connect(self._page_loaded)
        self.table = Table("orders/notices")
        self.table.setObjectName("notices_table")
        self.table.setModel(self.model)
        self.table.restore_layout({0: 115, 1: 200, 2: 265, 3: 85, 4: 80, 5: 100, 6: 100})
        self.table.doubleClicked.connect(lambda _i: self.ship_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selected())
        self.ship_button = QPushButton(_("Check and shi&p…"))
        self.ship_button.setObjectName("ship")
        self.ship_button.setToolTip(_("Enter"))
        self.ship_button.setDefault(True)
        shown_if(self.ship_button, self.shipper)
        self.ship_button.clicked.connect(self.ship_selected)
        self.count_label = QLabel()
        self.count_label.setObjectName("notice_count")
        top = QHBoxLayout()
        top.addWidget(hint(_("Approved orders with goods left to ship, oldest approval first. Check each "
                             "against its order before shipping.")), 1)
        top.addWidget(self.ship_button)
        upper = QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addLayout(top)
        upper_layout.addWidget(self.table, 1)
        upper_layout.addWidget(self.count_label)

        self.shipments = RowsTableModel([_("Note no."), _("Ship date"), _("Value"), _("Carrier"), _("Tracking no."),
                                         _("Handed over")], _shipment_cell, self, right_aligned=(2,))
        self.shipments_table = Table("orders/notice_shipments")
        self.shipments_table.setObjectName("notice_shipments")
        self.shipments_table.setModel(self.shipments)
        self.shipments_table.restore_layout({0: 115, 1: 85, 2: 105, 3: 100, 4: 140})
        self.shipments_table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self.shipments_title = heading(_("Shipments of the chosen order"))
        self.handover_button = QPushButton(_("Record the &hand-over…"))
        self.handover_button.setObjectName("handover")
        shown_if(self.handover_button, self.shipper)
        self.handover_button.clicked.connect(self.handover_selected)
        self.note_button = QPushButton(_("Print the dispatch &note…"))
        self.note_button.setObjectName("print_note")
        self.note_button.setToolTip(_("Ctrl+P"))
        self.note_button.clicked.connect(self.print_selected)
        lower_top = QHBoxLayout()
        lower_top.addWidget(self.shipments_title, 1)
        lower_top.addWidget(self.handover_button)
        lower_top.addWidget(self.note_button)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addLayout(lower_top)
        lower_layout.addWidget(self.shipments_table, 1)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(upper)
        self.splitter.addWidget(lower)
        self.splitter.setChildrenCollapsible(False)
        if not geometry.restore_splitter(self.splitter, "orders/notices"):
            self.splitter.setSizes([420, 200])
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            QShortcut(QKeySequence(key), self.table, self.ship_selected, context=Qt.ShortcutContext.WidgetShortcut)
        shortcut(QKeySequence.StandardKey.Print, self, self.print_selected, Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._update_buttons()

    # -- loading ------------------------------------------------------------------------------------
    def load(self) -> None:
        selected = self.selected()
        if selected is not None:
            self._select_id = selected.order_id
        self.model.reload()
        if self.view is not None:
            self._load_order(self.view.id)

    def _page_loaded(self, count: int) -> None:
        more = self.model.canFetchMore(QModelIndex())
        self.count_label.setText(ngettext("{n} dispatch notice shown; scroll for more.", "{n} dispatch notices shown; scroll for more.", count).format(n=count) if more
                                 else _("No dispatch notice waits.") if count == 0
                                 else ngettext("{n} dispatch notice.", "{n} dispatch notices.", count).format(n=count))
        if self._select_id is not None:
            row = self.model.row_of(self._select_id)
            if row is not None:
                self.table.selectRow(row)
                self._select_id = None
        if self.table.current_row() is None and count:
            self.table.selectRow(0)
        self._update_buttons()

    def selected(self) -> NoticeRow | None:
        row = self.table.current_row()
        return None if row is None else self.model.row_at(row)

    def _selected(self) -> None:
        r = self.selected()
        self._update_buttons()
        if r is not None and (self.view is None or self.view.id != r.order_id):
            self._load_order(r.order_id)

    def _load_order(self, order_id: int) -> None:
        ctx, actor = self.ctx, self.actor
        self.ctx.runner.run(lambda: order_views.get_order(ctx.uow(actor), order_id), self._show_order, owner=self)

    def _show_order(self, v: OrderView) -> None:
        r = self.selected()
        if r is not None and r.order_id != v.id:
            return
        self.view = v
        self.shipments_title.setText(_("Shipments of {number} · {customer}").format(number=v.number,
                                                                                     customer=v.customer_name))
        self.shipments.set_rows(list(v.shipments))
        self._update_buttons()

    def _shipment(self) -> ShipmentRow | None:
        row = self.shipments_table.current_row()
        return None if row is None else self.shipments.row_at(row)

    def _update_buttons(self) -> None:
        self.ship_button.setEnabled(self.selected() is not None)
        s = self._shipment()
        self.handover_button.setEnabled(s is not None and s.handed_over_on is None)
        self.note_button.setEnabled(s is not None)

    # -- actions ------------------------------------------------------------------------------------
    def ship_selected(self):  # noqa: ANN201 - the dialog, for tests
        from sales_desk.ui.tabs.orders.ship_dialog import ShipDialog

        r = self.selected()
        if r is None or not self.shipper:
            return None
        dialog = ShipDialog(self.ctx, self.actor, r, self)
        dialog.sig_shipped.connect(self._shipped)
        dialog.open()
        return dialog

    def _shipped(self, shipment_id: int, number: str) -> None:
        from sales_desk.ui.tabs.orders.printing import DispatchNotePrintDialog
        from sales_desk.ui.widgets import dialogs

        if dialogs.confirm(self, _("Shipped"), _("Shipped as dispatch note {number}. Print the note now, to go "
                                                 "with the goods?").format(number=number), _("Print")):
            DispatchNotePrintDialog(self.ctx, self.actor, shipment_id, number, self).open()

    def handover_selected(self):  # noqa: ANN201
        from sales_desk.ui.tabs.orders.handover_dialog import HandoverDialog

        s = self._shipment()
        if s is None:
            return None
        dialog = HandoverDialog(self.ctx, self.actor, s.id, s.number, self)
        dialog.open()
        return dialog

    def print_selected(self):  # noqa: ANN201
        from sales_desk.ui.tabs.orders.printing import DispatchNotePrintDialog

        s = self._shipment()
        if s is None:
            return None
        dialog = DispatchNotePrintDialog(self.ctx, self.actor, s.id, s.number, self)
        dialog.open()
        return dialog

    def save_layout(self) -> None:
        self.table.save_layout()
        self.shipments_table.save_layout()
        geometry.save_splitter(self.splitter, "orders/notices")
