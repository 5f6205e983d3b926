"""The rep's payment slip [缴款单] once the prepayment has arrived (回款 第7条2): what the terms
ask, what came so far, and the slip's amount, how it was paid and a note. The sales manager
approves it and finance records the detail sheet on the Payment slips page."""

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
from sales_desk.services.orders import payment_slips
from sales_desk.services.orders.views import OrderView
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.orders.common import ServiceDialog, heading
from sales_desk.ui.tabs.orders.decision_layout import figures_grid, order_title
from sales_desk.ui.widgets.money import MoneyEdit, money_text


class PrepaymentDialog(ServiceDialog):
    """The rep's payment slip for money received in advance on an order."""

    sig_done = Signal()

    def __init__(self, ctx: AppContext, actor: Actor, view: OrderView, parent: QWidget | None = None):
        super().__init__(ctx, actor, _("Fill a payment slip"), parent)
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
        self.method = QComboBox()
        self.method.setObjectName("method")
        for m in PaymentMethod:
            self.method.addItem(m.label, m.value)
        self.reference = QLineEdit()
        self.reference.setObjectName("reference")
        self.reference.setPlaceholderText(_("Anything finance should know, e.g. the payer's bank"))
        form = QFormLayout()
        form.addRow(_("&Amount received:"), self.amount)
        form.addRow(_("&Method:"), self.method)
        form.addRow(_("&Note:"), self.reference)
        layout.addLayout(form)
        self.record_button = self.add_button(_("&Submit the slip"), QDialogButtonBox.ButtonRole.AcceptRole,
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
        method, note = self.method.currentData(), self.reference.text()
        self.call(lambda: payment_slips.fill_slip(ctx.uow(actor), oid, amount, method, note),
                  lambda _r: self._done())

    def _done(self) -> None:
        self.sig_done.emit()
        self.accept()
