"""Customers whose re-rating is due [客户信用评级频率]: the annual one, or after a downgrade
trigger; oldest first."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.i18n import _, ngettext
from sales_desk.services.credit import position as credit
from sales_desk.services.credit.position import DueRow
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.credit.common import HOLD_COLOR, TOPIC, day, hint
from sales_desk.ui.widgets.list_model import Index, RowsTableModel
from sales_desk.ui.widgets.page import Page
from sales_desk.ui.widgets.table import Table
from sales_desk.ui.widgets.visibility import shown_if


def _cell(r: DueRow, column: int) -> str:
    return (r.code, r.name, r.grade or "—", day(r.last_rated_on), day(r.rerating_due_on),
            _("ON HOLD") if r.on_hold else "")[column]


class DueModel(RowsTableModel[DueRow]):
    """A customer on credit hold shows in red."""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid() \
                and 0 <= index.row() < self.rowCount() and self.row_at(index.row()).on_hold:
            return QBrush(QColor(HOLD_COLOR))
        return super().data(index, role)


class DuePage(Page):
    topics = frozenset({TOPIC, "customers"})

    sig_show_customer = Signal(int, str)
    """Show this customer (id, code) on the customers page."""

    sig_investigate = Signal(int, str)
    """Open a new investigation of this customer (id, "code name")."""

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(ctx, actor, parent)
        self.model = DueModel(
            [_("Code"), _("Customer"), _("Grade"), _("Last rated"), _("Due on"), _("Hold")], _cell, self)
        self.table = Table("credit/due")
        self.table.setObjectName("due_table")
        self.table.setModel(self.model)
        self.table.restore_layout({0: 80, 1: 260, 2: 60, 3: 100, 4: 100})
        self.table.activated.connect(lambda _i: self.show_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selection_changed())
        self.show_button = QPushButton(_("Show &customer"))
        self.show_button.clicked.connect(self.show_selected)
        self.investigate_button = QPushButton(_("New &investigation…"))
        self.investigate_button.clicked.connect(self.investigate_selected)
        shown_if(self.investigate_button, actor.can(Perm.CREDIT_INVESTIGATE))
        self.count_label = QLabel()
        bar = QHBoxLayout()
        bar.addWidget(hint(_("Rated once a year after the annual statements, and again at once after "
                             "a downgrade trigger.")), 1)
        bar.addWidget(self.show_button)
        if actor.can(Perm.CREDIT_INVESTIGATE):
            bar.addWidget(self.investigate_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        self._selection_changed()

    def load(self) -> None:
        self.ctx.runner.run(lambda: credit.reratings_due(self.ctx.uow(self.actor)), self._show, owner=self)

    def _show(self, rows: list[DueRow]) -> None:
        self.model.set_rows(rows)
        self.count_label.setText(ngettext("{n} customer is due for re-rating.", "{n} customers are due for re-rating.", len(rows)).format(n=len(rows)))
        self._selection_changed()

    def selected(self) -> DueRow | None:
        row = self.table.current_row()
        return None if row is None else self.model.row_at(row)

    def _selection_changed(self) -> None:
        enabled = self.selected() is not None
        self.show_button.setEnabled(enabled)
        self.investigate_button.setEnabled(enabled)

    def show_selected(self) -> None:
        row = self.selected()
        if row is not None:
            self.sig_show_customer.emit(row.customer_id, row.code)

    def investigate_selected(self) -> None:
        row = self.selected()
        if row is not None:
            self.sig_investigate.emit(row.customer_id, f"{row.code} {row.name}")

    def save_layout(self) -> None:
        self.table.save_layout()
