"""Check a dispatch notice against its order and ship all or part of it [审核发货通知, 发货]:
per line the quantity now (never more than is left), carrier, tracking number, freight and
insurance, and the box that says the goods were checked. Nothing ships before the
prepayment is in, nor on credit to a customer on hold; the service holds both."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sales_desk.domain.common.errors import DomainError
from sales_desk.domain.common.roles import Actor
from sales_desk.i18n import _
from sales_desk.services.orders import dispatch
from sales_desk.services.orders import views as order_views
from sales_desk.services.orders.dispatch import ShipmentInput
from sales_desk.services.orders.dispatch_register import NoticeRow
from sales_desk.services.orders.views import OrderView
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.orders.common import (
    DISPATCH,
    GATE_STYLE,
    HOLD_STYLE,
    DateEdit,
    ServiceDialog,
    banner,
    day,
    heading,
)
from sales_desk.ui.widgets import dialogs
from sales_desk.ui.widgets.money import MoneyEdit, money_text

COLUMNS = ("No.", "Code", "Product", "Unit", "Ordered", "Shipped", "Left", "Ship now")
SHIP_NOW = 7


class ShipDialog(ServiceDialog):
    sig_shipped = Signal(int, str)
    """A shipment was recorded: its id and dispatch note number."""

    def __init__(self, ctx: AppContext, actor: Actor, notice: NoticeRow, parent: QWidget | None = None):
        super().__init__(ctx, actor, _("Check and ship order {number}").format(number=notice.number), parent)
        self.notice = notice
        self.view: OrderView | None = None
        self.spins: dict[int, QSpinBox] = {}
        self.title = heading(_("Order {number} · {customer}").format(number=notice.number,
                                                                     customer=notice.customer_name))
        self.terms = QLabel()
        self.terms.setObjectName("delivery")
        self.terms.setWordWrap(True)
        self.gate = banner(GATE_STYLE, "prepayment_gate")
        if notice.awaiting_prepayment:
            self.gate.setText("⚠ " + _("Nothing ships before the prepayment is in full: {received} of {required} "
                                       "received.").format(received=money_text(notice.prepayment_received),
                                                           required=money_text(notice.prepayment_required)))
            self.gate.show()
        self.hold = banner(HOLD_STYLE, "hold_banner")
        if notice.on_hold:
            self.hold.setText("⚠ " + _("The customer is on credit hold: nothing more ships on credit unless an "
                                       "override released this order."))
            self.hold.show()

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("ship_lines")
        self.table.setHorizontalHeaderLabels([_("No."), _("Code"), _("Product"), _("Unit"), _("Ordered"),
                                              _("Shipped"), _("Left"), _("Ship now")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setTabKeyNavigation(False)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for col, width in ((0, 40), (1, 80), (3, 45), (4, 70), (5, 70), (6, 70), (7, 90)):
            self.table.setColumnWidth(col, width)
        self.all_button = QPushButton(_("Ship &all that is left"))
        self.all_button.setObjectName("ship_all")
        self.all_button.clicked.connect(self.ship_all)
        self.none_button = QPushButton(_("&None"))
        self.none_button.setObjectName("ship_none")
        self.none_button.clicked.connect(lambda: [s.setValue(0) for s in self.spins.values()])
        self.value_label = QLabel()
        self.value_label.setObjectName("shipment_value")
        self.value_label.setStyleSheet("font-weight: bold;")
        qty_row = QHBoxLayout()
        qty_row.addWidget(self.all_button)
        qty_row.addWidget(self.none_button)
        qty_row.addStretch(1)
        qty_row.addWidget(self.value_label)

        self.ship_date = DateEdit()
        self.ship_date.setObjectName("ship_date")
        self.carrier = QLineEdit()
        self.carrier.setObjectName("carrier")
        self.carrier.setPlaceholderText(_("e.g. 顺丰速运"))
        self.tracking = QLineEdit()
        self.tracking.setObjectName("tracking_no")
        self.freight = MoneyEdit()
        self.freight.setObjectName("freight")
        self.insurance = MoneyEdit()
        self.insurance.setObjectName("insurance")
        self.note = QLineEdit()
        self.note.setObjectName("note")
        transport = QGroupBox(_("Transport"))
        form = QFormLayout(transport)
        form.addRow(_("Ship &date:"), self.ship_date)
        form.addRow(_("Ca&rrier:"), self.carrier)
        form.addRow(_("&Tracking no.:"), self.tracking)
        form.addRow(_("&Freight (our cost):"), self.freight)
        form.addRow(_("&Insurance:"), self.insurance)
        form.addRow(_("N&ote:"), self.note)
        self.checked = QCheckBox(_("I have &checked the goods against the order (products, quantities, "
                                   "delivery terms)"))
        self.checked.setObjectName("checked")
        self.checked.toggled.connect(lambda _c: self._update_buttons())

        self.ship_button = self.add_button(_("&Ship…"), QDialogButtonBox.ButtonRole.AcceptRole, self.ship, "ship")
        self.ship_button.setDefault(True)
        self.add_close(_("Cancel"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.terms)
        layout.addWidget(self.gate)
        layout.addWidget(self.hold)
        layout.addWidget(self.table, 1)
        layout.addLayout(qty_row)
        layout.addWidget(transport)
        layout.addWidget(self.checked)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self.resize(860, 640)
        QWidget.setTabOrder(self.table, self.all_button)
        self._update_buttons()
        ctx_, actor_, oid = ctx, actor, notice.order_id
        self.ctx.runner.run(lambda: order_views.get_order(ctx_.uow(actor_), oid), self._show, owner=self)

    def _show(self, v: OrderView) -> None:
        self.view = v
        parts = [_("Deliver to: {address}").format(address=v.ship_to or "—")]
        if v.delivery_terms:
            parts.append(_("Terms: {terms}").format(terms=v.delivery_terms))
        if v.delivery_date:
            parts.append(_("By {day}").format(day=day(v.delivery_date)))
        self.terms.setText("  ·  ".join(parts))
        self.spins = {}
        self.table.setRowCount(len(v.lines))
        for row, ln in enumerate(v.lines):
            name = ln.product_name + (f" ({ln.spec})" if ln.spec else "")
            for col, text in enumerate((str(ln.line_no), ln.product_code, name, ln.unit, str(ln.quantity),
                                        str(ln.shipped_qty), str(ln.remaining))):
                item = QTableWidgetItem(text)
                if col in (0, 4, 5, 6):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, col, item)
            spin = QSpinBox()
            spin.setObjectName(f"ship_qty_{ln.line_no}")
            spin.setRange(0, ln.remaining)
            spin.setValue(ln.remaining)
            spin.setEnabled(ln.remaining > 0)
            spin.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            spin.valueChanged.connect(lambda _v: self._update_buttons())
            self.spins[ln.id] = spin
            self.table.setCellWidget(row, SHIP_NOW, spin)
        self.table.resizeRowsToContents()
        self._update_buttons()

    def ship_all(self) -> None:
        if self.view is None:
            return
        for ln in self.view.lines:
            self.spins[ln.id].setValue(ln.remaining)

    def quantities(self) -> dict[int, int]:
        return {line_id: spin.value() for line_id, spin in self.spins.items() if spin.value()}

    def value(self) -> int:
        if self.view is None:
            return 0
        qty = self.quantities()
        return sum(ln.unit_price * qty.get(ln.id, 0) for ln in self.view.lines)

    def _update_buttons(self) -> None:
        self.value_label.setText(_("This shipment: {value}").format(value=money_text(self.value())))
        self.ship_button.setEnabled(not self.busy() and self.checked.isChecked() and bool(self.quantities()))

    def ship(self) -> None:
        if self.view is None:
            return
        try:
            freight, insurance = self.freight.minor(_("Freight")), self.insurance.minor(_("Insurance"))
        except DomainError as e:
            self.say(str(e), error=True)
            return
        qty = self.quantities()
        whole = all(qty.get(ln.id, 0) == ln.remaining for ln in self.view.lines)
        what = _("the whole rest of the order") if whole else _("part of the order")
        if not dialogs.confirm(
                self, _("Ship"), _("Ship {what} ({value}) on order {number}? The invoice is raised at once; a "
                                   "shipment cannot be undone (goods coming back are a return).").format(
                    what=what, value=money_text(self.value()), number=self.notice.number), _("Ship")):
            return
        data = ShipmentInput(qty, self.ship_date.value(), self.carrier.text(), self.tracking.text(), freight,
                             insurance, self.checked.isChecked(), self.note.text())
        ctx, actor, oid = self.ctx, self.actor, self.notice.order_id

        def work() -> tuple[int, str]:
            sid = dispatch.ship_order(ctx.uow(actor), oid, data)
            from sales_desk.services.orders import dispatch_register

            return sid, dispatch_register.get_shipment(ctx.uow(actor), sid).number

        self.call(work, self._shipped, writes=DISPATCH)

    def _shipped(self, result: tuple[int, str]) -> None:
        self.sig_shipped.emit(*result)
        self.accept()
