"""The sales manager's fault record on a charged debt (seed 001 客户信用管理制度 第19条 3): intent,
gross negligence or no fault, and the reason in writing; one service call, a refusal shown
under the fields and the dialog kept open."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from sales_desk.domain.collections.liability import Finding
from sales_desk.domain.common.roles import Actor
from sales_desk.i18n import _
from sales_desk.services.collections import liability_faults
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.collections.common import TOPIC
from sales_desk.ui.widgets.service_dialog import ServiceDialog


class FaultDialog(ServiceDialog):
    topic = TOPIC

    def __init__(self, ctx: AppContext, actor: Actor, receivable_id: int, doc_no: str, customer: str,
                 parent: QWidget | None = None):
        super().__init__(ctx, actor, _("Record fault"), parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # made for one use
        self.receivable_id = receivable_id
        intro = QLabel(_("Was the liability charged on {document} of {customer} caused by the responsible "
                         "people's intent or gross negligence (第19条 3)? Fault makes its charges final; "
                         "no fault asks the general manager to exempt them.").format(
                             document=doc_no, customer=customer))
        intro.setWordWrap(True)
        self.finding = QComboBox()
        self.finding.setObjectName("finding")
        for f in Finding:
            self.finding.addItem(f.label, f.value)
        finding_label = QLabel(_("&Finding:"))
        finding_label.setBuddy(self.finding)
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setObjectName("reason")
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setFixedHeight(80)
        reason_label = QLabel(_("&Reason:"))
        reason_label.setBuddy(self.reason_edit)
        self.ok = self.add_button(_("&Record"), QDialogButtonBox.ButtonRole.AcceptRole, self.submit)
        self.add_close(_("Cancel"))
        layout = QVBoxLayout(self)
        for w in (intro, finding_label, self.finding, reason_label, self.reason_edit, self.problem_label,
                  self.buttons):
            layout.addWidget(w)
        self.reason_edit.textChanged.connect(self._update_buttons)
        self.setMinimumWidth(480)
        self._update_buttons()

    def reason(self) -> str:
        return self.reason_edit.toPlainText().strip()

    def _update_buttons(self) -> None:
        self.ok.setEnabled(not self.busy() and bool(self.reason()))

    def submit(self) -> None:
        reason, finding = self.reason(), str(self.finding.currentData())
        if not reason or self.busy():
            return
        ctx, actor, rid = self.ctx, self.actor, self.receivable_id
        self.call(lambda: liability_faults.record_fault(ctx.uow(actor), rid, finding, reason),
                  lambda _r: self.accept())
