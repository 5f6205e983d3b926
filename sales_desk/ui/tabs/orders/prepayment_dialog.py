"""Finance records money received in advance on an order (never the order taker): what
the terms ask, what came so far, and the receipt's amount, date, method and reference."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from sales_desk.domain.collections.receivables import PaymentMethod
from sales_desk.domain.common.errors import DomainError
from sales_desk.domain.common.roles import Actor
from sales_desk.i18n import _
from sales_desk.services.orders import prepayments
from sales_desk.services.orders.views import OrderView
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.orders.common import DateEdit, ServiceDialog, heading
from sales_desk.ui.tabs.orders.decision_layout import figures_grid, order_title
from sales_desk.ui.widgets.money import MoneyEdit, money_text


class PrepaymentDialog(ServiceDialog):
    """Money received in advance on an order, recorded by finance (never by the order taker)."""

    sig_done = Signal()

    def __init__(self, ctx: AppContext, actor: Actor, view: OrderView, parent: QWidget | None = None):
        super().__init__(ctx, actor, _("Record a prepayment"), parent)
        self.view = view
        layout = QVBoxLayout(self)
        layout.addWidget(heading(order_title(view)))
        due = max(view.prepayment_required - view.prepayment_received, 0)
        layout.addLayout(figures_grid([
            (_("Order total"), money_text(view.total), False),
            (_("Prepayment required ({percent} %)").format(percent=view.prepayment_percent),
             money_text(view.prepayment_required), False),
            (_("Received so far"), money_text(view.prepayment_received), False),
            (_("Still to arrive"), money_text(due), due > 0),
        ]))
        self.amount = MoneyEdit(due or 0)
        self.amount.setObjectName("prepayment_amount")
        self.received_on = DateEdit()
        self.received_on.setObjectName("received_on")
        self.method = QComboBox()
        self.method.setObjectName("method")
        for m in PaymentMethod:
            self.method.addItem(m.label, m.value)
        self.reference = QLineEdit()
        self.reference.setObjectName("reference")
        self.reference.setPlaceholderText(_("Bank slip, cheque or draft number"))
        form = QFormLayout()
        form.addRow(_("&Amount received:"), self.amount)
        form.addRow(_("Received &on:"), self.received_on)
        form.addRow(_("&Method:"), self.method)
        form.addRow(_("R&eference:"), self.reference)
        layout.addLayout(form)
        self.record_button = self.add_button(_("&Record"), QDialogButtonBox.ButtonRole.AcceptRole,
                                             self.record, "record")
        self.record_button.setDefault(True)
        self.add_close(_("Cancel"))
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)

    def _update_buttons(self) -> None:
        self.record_button.setEnabled(not self.busy())

    def record(self) -> None:
        try:
            amount = self.amount.minor(_("Amount"))
        except DomainError as e:
            self.say(str(e), error=True)
            return
        ctx, actor, oid = self.ctx, self.actor, self.view.id
        on, method, ref = self.received_on.value(), self.method.currentData(), self.reference.text()
        self.call(lambda: prepayments.record_prepayment(ctx.uow(actor), oid, amount, on, method, ref),
                  lambda _r: self._done())

    def _done(self) -> None:
        self.sig_done.emit()
        self.accept()
