"""The order form's terms, beside the credit position: the payment terms (prepayment
share, days to pay, cash on delivery) with the prepayment they ask for before anything
ships, and the delivery and other terms. Days to pay follow the customer's credit term
until the user types their own; cash on delivery leaves no days to pay.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from sales_desk.domain.orders.contracts import PaymentTerms, required_prepayment
from sales_desk.i18n import _
from sales_desk.services.orders.credit_check import OrderCreditPosition
from sales_desk.ui.tabs.orders.common import HINT_STYLE
from sales_desk.ui.widgets.money import money_text


class PaymentTermsBox(QGroupBox):
    sig_changed = Signal(bool)
    """A term changed (prepayment, days, cash on delivery): True when the user changed it,
    False when the form filled it in or the days followed the customer's term."""

    def __init__(self, days_typed: bool, parent: QWidget | None = None):
        super().__init__(_("Payment terms"), parent)
        self._filling = False
        self._days_typed = days_typed  # a saved order's days are its own, not the customer's term
        self.prepayment = QSpinBox()
        self.prepayment.setObjectName("prepayment_percent")
        self.prepayment.setRange(0, 100)
        self.prepayment.setSuffix(" %")
        self.days = QSpinBox()
        self.days.setObjectName("days_to_pay")
        self.days.setRange(0, 3650)
        self.days.setSuffix(_(" days"))
        self.cod = QCheckBox(_("Cas&h on delivery"))
        self.cod.setObjectName("cash_on_delivery")
        self.prepayment_due = QLabel()
        self.prepayment_due.setObjectName("prepayment_due")
        self.prepayment_due.setStyleSheet(HINT_STYLE)
        form = QFormLayout(self)
        form.addRow(_("Prepay&ment:"), self.prepayment)
        form.addRow(_("Da&ys to pay:"), self.days)
        form.addRow("", self.cod)
        form.addRow("", self.prepayment_due)
        for w in (self.prepayment, self.days):
            w.valueChanged.connect(lambda _v: self.sig_changed.emit(not self._filling))
        self.days.valueChanged.connect(self._days_changed)
        self.cod.toggled.connect(self._cod_toggled)

    def terms(self) -> PaymentTerms:
        return PaymentTerms(self.prepayment.value(), self.days.value(), self.cod.isChecked())

    def set_terms(self, t: PaymentTerms) -> None:
        self._filling = True
        try:
            self.prepayment.setValue(t.prepayment_percent)
            self.days.setValue(t.days_to_pay)
            self.cod.setChecked(t.cash_on_delivery)
        finally:
            self._filling = False

    def set_editable(self, on: bool) -> None:
        for w in (self.prepayment, self.days):
            w.setReadOnly(not on)
            w.setButtonSymbols(QSpinBox.ButtonSymbols.UpDownArrows if on else QSpinBox.ButtonSymbols.NoButtons)
        self.cod.setEnabled(on)

    def show_due(self, total: int) -> None:
        required = required_prepayment(total, self.prepayment.value())
        self.prepayment_due.setText(_("Prepayment due before shipping: {amount}").format(amount=money_text(required)))
        self.prepayment_due.setVisible(bool(required))

    def follow_term(self, p: OrderCreditPosition) -> None:
        """Days to pay follow the customer's term until the user types their own."""
        if self._days_typed or self.cod.isChecked():
            return
        if p.payment_mode != "credit" or p.grade not in ("A", "B", "C"):
            days = 0
        else:
            days = 30 if p.term_days is None else p.term_days
        self._filling = True
        try:
            self.days.setValue(days)
        finally:
            self._filling = False

    def _days_changed(self, _v: int) -> None:
        if not self._filling:
            self._days_typed = True

    def _cod_toggled(self, on: bool) -> None:
        if on and not self._filling:
            self.days.setValue(0)
        self.days.setEnabled(not on)
        self.sig_changed.emit(not self._filling)


class DeliveryTermsBox(QGroupBox):
    sig_edited = Signal()
    """The user typed in one of the fields."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(_("Delivery and other terms"), parent)
        self.delivery_terms = QLineEdit()
        self.delivery_terms.setObjectName("delivery_terms")
        self.delivery_terms.setPlaceholderText(_("e.g. delivered to the door, freight paid by us"))
        self.address = QLineEdit()
        self.address.setObjectName("delivery_address")
        self.address.setPlaceholderText(_("the customer's address"))
        self.note = QLineEdit()
        self.note.setObjectName("note")
        form = QFormLayout(self)
        form.addRow(_("Delivery te&rms:"), self.delivery_terms)
        form.addRow(_("Addr&ess:"), self.address)
        form.addRow(_("Other terms:"), self.note)
        for w in (self.delivery_terms, self.address, self.note):
            w.textEdited.connect(lambda _t: self.sig_edited.emit())

    def set_editable(self, on: bool) -> None:
        for w in (self.delivery_terms, self.address, self.note):
            w.setReadOnly(not on)
