"""The goods were handed over [交接]: when, and to whom (the carrier's driver or the
customer's receiver); once per shipment."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialogButtonBox, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from sales_desk.domain.common.roles import Actor
from sales_desk.i18n import _
from sales_desk.services.orders import dispatch
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.orders.common import DISPATCH, DateEdit, ServiceDialog, heading


class HandoverDialog(ServiceDialog):
    sig_done = Signal()

    def __init__(self, ctx: AppContext, actor: Actor, shipment_id: int, number: str, parent: QWidget | None = None):
        super().__init__(ctx, actor, _("Record the hand-over"), parent)
        self.shipment_id = shipment_id
        self.on = DateEdit()
        self.on.setObjectName("handed_over_on")
        self.received_by = QLineEdit()
        self.received_by.setObjectName("received_by")
        self.received_by.setPlaceholderText(_("The driver, or the customer's receiver"))
        self.received_by.textChanged.connect(lambda _t: self._update_buttons())
        self.note = QLineEdit()
        self.note.setObjectName("note")
        self.note.setPlaceholderText(_("e.g. packaging intact, quantities checked"))
        form = QFormLayout()
        form.addRow(_("Handed over &on:"), self.on)
        form.addRow(_("Received &by:"), self.received_by)
        form.addRow(_("&Note:"), self.note)
        self.record_button = self.add_button(_("&Record"), QDialogButtonBox.ButtonRole.AcceptRole, self.record,
                                             "record")
        self.record_button.setDefault(True)
        self.add_close(_("Cancel"))
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("Dispatch note {number}").format(number=number)))
        layout.addLayout(form)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(440)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.record_button.setEnabled(not self.busy() and bool(self.received_by.text().strip()))

    def record(self) -> None:
        ctx, actor, sid = self.ctx, self.actor, self.shipment_id
        on, who, note = self.on.value(), self.received_by.text(), self.note.text()
        self.call(lambda: dispatch.record_handover(ctx.uow(actor), sid, on, who, note), lambda _r: self._done(),
                  writes=DISPATCH)

    def _done(self) -> None:
        self.sig_done.emit()
        self.accept()
