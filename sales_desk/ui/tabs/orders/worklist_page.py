"""Orders waiting for *my* decision: the sales VP's prices below the floor and major
contracts, the manager's signed contracts, the blocked orders for the finance director
or the general manager, finance's prepayments. Enter opens the order, where the step is."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from sales_desk.domain.common.roles import Actor
from sales_desk.i18n import _, ngettext
from sales_desk.services.orders import worklists as order_worklists
from sales_desk.services.orders.worklists import WorkKind, WorkRow
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.orders.common import ORDER_TOPICS, block_label, hint, local_day
from sales_desk.ui.widgets.list_model import RowsTableModel
from sales_desk.ui.widgets.money import money_text
from sales_desk.ui.widgets.page import Page
from sales_desk.ui.widgets.table import Table


def _detail(r: WorkRow) -> str:
    if r.kind == WorkKind.OVERRIDE:
        return _("{reason}; beyond by {excess}").format(reason=block_label(r.block_reason),
                                                        excess=money_text(r.block_excess or 0))
    if r.kind == WorkKind.PREPAYMENT:
        return _("{received} of {required} received").format(received=money_text(r.prepayment_received),
                                                             required=money_text(r.prepayment_required))
    return ""


def _cell(r: WorkRow, column: int) -> str:
    return (WorkKind(r.kind).label, local_day(r.since), r.number, r.customer_name, r.rep_name, money_text(r.total),
            _detail(r))[column]


class WorklistPage(Page):
    topics = ORDER_TOPICS

    sig_open_order = Signal(int)
    """Open this order (its id) in the form."""

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(ctx, actor, parent)
        self.model = RowsTableModel(
            [_("Waiting for"), _("Since"), _("Order no."), _("Customer"), _("Sales rep"), _("Total"),
             _("Details")], _cell, self, right_aligned=(5,))
        self.table = Table("orders/worklist")
        self.table.setObjectName("worklist_table")
        self.table.setModel(self.model)
        self.table.restore_layout({0: 170, 1: 85, 2: 115, 3: 240, 4: 65, 5: 110})
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.open_button = QPushButton(_("&Open the order"))
        self.open_button.setObjectName("open_work")
        self.open_button.setToolTip(_("Enter"))
        self.open_button.clicked.connect(self.open_selected)
        self.table.selectionModel().selectionChanged.connect(
            lambda *_a: self.open_button.setEnabled(self.table.current_row() is not None))
        self.count_label = QLabel()
        self.count_label.setObjectName("work_count")
        kinds = order_worklists.work_kinds(actor.permissions)
        intro = hint(_("Orders waiting for your decision: {kinds}. Your own orders are never on your list.").format(
            kinds=", ".join(k.label for k in kinds)))
        top = QHBoxLayout()
        top.addWidget(intro, 1)
        top.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            QShortcut(QKeySequence(key), self.table, self.open_selected, context=Qt.ShortcutContext.WidgetShortcut)
        self.open_button.setEnabled(False)

    def load(self) -> None:
        ctx, actor = self.ctx, self.actor
        self.ctx.runner.run(lambda: order_worklists.waiting_for_me(ctx.uow(actor)), self._show, owner=self)

    def _show(self, rows: list[WorkRow]) -> None:
        self.model.set_rows(rows)
        self.count_label.setText(_("Nothing is waiting for you.") if not rows
                                 else ngettext("{n} order waits for you.", "{n} orders wait for you.",
                                               len(rows)).format(n=len(rows)))
        if rows and self.table.current_row() is None:
            self.table.selectRow(0)

    def open_selected(self) -> None:
        row = self.table.current_row()
        if row is not None:
            self.sig_open_order.emit(self.model.row_at(row).order_id)

    def save_layout(self) -> None:
        self.table.save_layout()
