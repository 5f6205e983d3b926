"""The cashier pays a claim finance has signed [出纳支付]: cash, cheque or bank transfer,
with the cheque number or bank reference, on a date."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from sales_desk import clock
from sales_desk.domain.common.roles import Actor
from sales_desk.domain.expenses.claims import PaymentMethod
from sales_desk.i18n import _
from sales_desk.services.expenses.approvals import PaymentInput, pay_claim
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.expenses.common import ServiceDialog, date_edit, heading
from sales_desk.ui.widgets.money import money_text


class PaymentDialog(ServiceDialog):
    sig_paid = Signal(int)
    """The claim was paid; the argument is the claim's number."""

    def __init__(self, ctx: AppContext, actor: Actor, claim_id: int, amount: int, claimant: str,
                 parent: QWidget | None = None, today: date | None = None):
        super().__init__(ctx, actor, _("Pay claim No. {id}").format(id=claim_id), parent)
        self.claim_id = claim_id
        self.methods: dict[PaymentMethod, QRadioButton] = {}
        methods = QHBoxLayout()
        for m in PaymentMethod:
            button = QRadioButton(m.label)
            button.setObjectName(f"method_{m.value}")
            button.toggled.connect(lambda _on: self._method_changed())
            self.methods[m] = button
            methods.addWidget(button)
        methods.addStretch(1)
        self.reference = QLineEdit()
        self.reference.setObjectName("reference")
        self.reference.setMaxLength(100)
        self.paid_on = date_edit(today or clock.today())
        self.paid_on.setObjectName("paid_on")
        form = QFormLayout()
        form.addRow(_("Method:"), methods)
        form.addRow(_("Referenc&e:"), self.reference)
        form.addRow(_("Paid &on:"), self.paid_on)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("{amount} to {claimant}").format(amount=money_text(amount), claimant=claimant)))
        layout.addLayout(form)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self.pay_button = self.add_button(_("&Pay"), QDialogButtonBox.ButtonRole.AcceptRole, self.pay)
        self.pay_button.setObjectName("pay")
        self.pay_button.setDefault(True)
        self.add_close(_("Cancel"))
        self.methods[PaymentMethod.TRANSFER].setChecked(True)
        self.setMinimumWidth(440)

    def method(self) -> PaymentMethod:
        return next(m for m, b in self.methods.items() if b.isChecked())

    def _method_changed(self) -> None:
        if not any(b.isChecked() for b in self.methods.values()):
            return
        m = self.method()
        self.reference.setPlaceholderText({
            PaymentMethod.CASH: _("receipt no. (optional)"),
            PaymentMethod.CHEQUE: _("cheque no."),
            PaymentMethod.TRANSFER: _("bank reference"),
        }[m])

    def _update_buttons(self) -> None:
        self.pay_button.setEnabled(not self.busy())

    def pay(self) -> None:
        if self.busy():
            return
        payment = PaymentInput(self.method().value, self.reference.text().strip(), self.paid_on.date().toPython())
        ctx, actor, cid = self.ctx, self.actor, self.claim_id
        self.call(lambda: pay_claim(ctx.uow(actor), cid, payment), self._paid)

    def _paid(self, _payment_id: int) -> None:
        self.sig_paid.emit(self.claim_id)
        self.accept()
