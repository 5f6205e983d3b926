"""Goods came back [退货]: from which shipment, how many of each line (never more than shipped
and not yet returned), and why; the return raises a credit note that lowers what the
customer owes."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QPlainTextEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sales_desk.domain.common.roles import Actor
from sales_desk.i18n import _
from sales_desk.services.orders import dispatch, dispatch_register
from sales_desk.services.orders.dispatch import ReturnInput
from sales_desk.services.orders.dispatch_register import ShipmentView
from sales_desk.services.orders.views import OrderView
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.orders.common import DISPATCH, DateEdit, ServiceDialog, day, heading, hint
from sales_desk.ui.widgets import dialogs
from sales_desk.ui.widgets.money import money_text


class ReturnDialog(ServiceDialog):
    sig_done = Signal()

    def __init__(self, ctx: AppContext, actor: Actor, view: OrderView, parent: QWidget | None = None):
        super().__init__(ctx, actor, _("Record a return"), parent)
        self.view = view
        self.shipment: ShipmentView | None = None
        self.spins: dict[int, QSpinBox] = {}
        self.shipment_combo = QComboBox()
        self.shipment_combo.setObjectName("shipment")
        for s in view.shipments:
            self.shipment_combo.addItem(_("{number} of {date} ({value})").format(
                number=s.number, date=day(s.ship_date), value=money_text(s.value)), s.id)
        self.shipment_combo.currentIndexChanged.connect(lambda _i: self._load())
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("return_lines")
        self.table.setHorizontalHeaderLabels([_("Product"), _("Unit"), _("Shipped"), _("Returned before"),
                                              _("Coming back now")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, 5):  # numbers: as wide as their titles
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.returned_on = DateEdit()
        self.returned_on.setObjectName("returned_on")
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("reason")
        self.reason.setTabChangesFocus(True)
        self.reason.setMaximumHeight(80)
        self.reason.setPlaceholderText(_("Why the goods came back (damaged in transit, wrong model…)"))
        self.reason.textChanged.connect(self._update_buttons)
        form = QFormLayout()
        form.addRow(_("&Shipment:"), self.shipment_combo)
        form.addRow(_("Returned &on:"), self.returned_on)
        form.addRow(_("&Reason:"), self.reason)
        self.record_button = self.add_button(_("Record the re&turn…"), QDialogButtonBox.ButtonRole.AcceptRole,
                                             self.record, "record_return")
        self.add_close(_("Cancel"))
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("Order {number} · {customer}").format(number=view.number,
                                                                         customer=view.customer_name)))
        layout.addWidget(hint(_("A credit note for the value of the returned goods lowers the customer's "
                                "balance; it is applied first to the shipment's invoice.")))
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self.resize(700, 480)
        self._update_buttons()
        self._load()

    def _load(self) -> None:
        sid = self.shipment_combo.currentData()
        if sid is None:
            return
        ctx, actor = self.ctx, self.actor
        self.ctx.runner.run(lambda: dispatch_register.get_shipment(ctx.uow(actor), sid), self._show, owner=self)

    def _show(self, s: ShipmentView) -> None:
        if s.id != self.shipment_combo.currentData():
            return
        self.shipment = s
        self.spins = {}
        self.table.setRowCount(len(s.lines))
        for row, ln in enumerate(s.lines):
            for col, text in enumerate((f"{ln.product_code} · {ln.product_name}", ln.unit, str(ln.quantity),
                                        str(ln.returned))):
                item = QTableWidgetItem(text)
                if col >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, col, item)
            spin = QSpinBox()
            spin.setRange(0, ln.quantity - ln.returned)
            spin.setEnabled(ln.quantity > ln.returned)
            spin.valueChanged.connect(lambda _v: self._update_buttons())
            self.spins[ln.movement_id] = spin
            self.table.setCellWidget(row, 4, spin)
        self._update_buttons()

    def quantities(self) -> dict[int, int]:
        return {mid: spin.value() for mid, spin in self.spins.items() if spin.value()}

    def _update_buttons(self) -> None:
        self.record_button.setEnabled(not self.busy() and bool(self.quantities())
                                      and bool(self.reason.toPlainText().strip()))

    def record(self) -> None:
        if self.shipment is None:
            return
        qty, sid = self.quantities(), self.shipment.id
        value = sum(ln.unit_price * qty.get(ln.movement_id, 0) for ln in self.shipment.lines)
        if not dialogs.confirm(self, _("Record a return"),
                               _("Record the return of goods worth {value} from {number}? A credit note "
                                 "is raised at once.").format(value=money_text(value), number=self.shipment.number),
                               _("Record")):
            return
        data = ReturnInput(qty, self.reason.toPlainText().strip(), self.returned_on.value())
        ctx, actor = self.ctx, self.actor
        self.call(lambda: dispatch.record_return(ctx.uow(actor), sid, data), lambda _r: self._done(),
                  writes=DISPATCH)

    def _done(self) -> None:
        self.sig_done.emit()
        self.accept()
