"""Keeping the file: who keeps it, when it was made and last updated, and the superior's
review [交直接上级审核]; reviewers also hand a file to another rep."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.i18n import _
from sales_desk.services.customers import files as customers
from sales_desk.services.customers import pickers as customer_pickers
from sales_desk.services.customers.data import CustomerCard
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.customers.confidential import local_time

WARN_STYLE = "color: #7a4f00;"


class ReviewDialog(QDialog):
    def __init__(self, customer_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # made for one use
        self.setWindowTitle(_("Review the file of {customer}").format(customer=customer_name))
        intro = QLabel(_("Confirm that the file is complete and correct. You cannot review a file "
                         "you created yourself."))
        intro.setWordWrap(True)
        self.note = QLineEdit()
        self.note.setObjectName("review_note")
        self.note.setPlaceholderText(_("optional, e.g. what was checked"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Mark as reviewed"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(intro)
        form.addRow(_("&Note:"), self.note)
        form.addRow(buttons)
        self.setMinimumWidth(460)


class ReviewPanel(QWidget):
    sig_saved = Signal()
    """The file was reviewed or given to another rep (already saved)."""

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.actor = ctx, actor
        self.card: CustomerCard | None = None
        self.may_review = actor.can(Perm.CUSTOMER_REVIEW)
        self.rep = QLabel()
        self.created = QLabel()
        self.first_contact = QLabel()
        self.updated = QLabel()
        self.status = QLabel()
        self.status.setObjectName("review_status")
        for label in (self.rep, self.created, self.first_contact, self.updated, self.status):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setWordWrap(True)
        self.review_button = QPushButton(_("&Mark as reviewed…"))
        self.review_button.setObjectName("review_button")
        self.review_button.clicked.connect(self.review)
        self.review_button.setVisible(self.may_review)
        form = QFormLayout()
        form.addRow(_("Kept by:"), self.rep)
        form.addRow(_("File created:"), self.created)
        form.addRow(_("First contact:"), self.first_contact)
        form.addRow(_("Last updated:"), self.updated)
        form.addRow(_("Review:"), self.status)
        review_row = QHBoxLayout()
        review_row.addWidget(self.review_button)
        review_row.addStretch(1)
        form.addRow("", review_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)

        self.reps = QComboBox()
        self.reps.setObjectName("assign_rep")
        self.assign_button = QPushButton(_("&Give the file to this rep"))
        self.assign_button.clicked.connect(self.assign)
        assign = QGroupBox(_("Another rep keeps the file"))
        row = QHBoxLayout(assign)
        row.addWidget(self.reps, 1)
        row.addWidget(self.assign_button)
        assign.setVisible(self.may_review)
        layout.addWidget(assign)
        layout.addStretch(1)
        self._reps_loaded = False

    def set_card(self, card: CustomerCard) -> None:
        self.card = card
        self.rep.setText(card.rep_name or _("nobody"))
        self.created.setText(local_time(card.created_at))
        contact = card.first_contact_on.isoformat() if card.first_contact_on else _("not recorded")
        if card.created_late:
            contact = _("{date} — the file was made more than a week after it").format(date=contact)
        self.first_contact.setText(contact)
        self.first_contact.setStyleSheet(WARN_STYLE if card.created_late else "")
        updated = card.file_updated_on.isoformat()
        if card.stale:
            updated = _("{date} — stale: update the file at least every three months").format(date=updated)
        self.updated.setText(updated)
        self.updated.setStyleSheet(WARN_STYLE if card.stale else "")
        if card.review_status == "reviewed":
            self.status.setText(_("Reviewed by {who} on {at}").format(
                who=card.reviewed_by, at=local_time(card.reviewed_at)))
        else:
            self.status.setText(_("Waiting for the superior's review"))
        self.review_button.setEnabled(card.review_status != "reviewed")
        if self.may_review and not self._reps_loaded:
            self._reps_loaded = True
            self.ctx.runner.run(lambda: customer_pickers.list_reps(self.ctx.uow(self.actor)),
                                self._show_reps, owner=self)

    def _show_reps(self, reps: list[customer_pickers.RepChoice]) -> None:
        self.reps.clear()
        for r in reps:
            self.reps.addItem(r.name, r.id)
        if self.card is not None:
            self.reps.setCurrentIndex(max(self.reps.findData(self.card.rep_id), 0))

    def review(self) -> ReviewDialog | None:
        if self.card is None:
            return None
        dialog = ReviewDialog(self.card.name, self)
        cid = self.card.id
        dialog.accepted.connect(lambda: self._review(cid, dialog.note.text()))  # read on this thread
        dialog.open()
        return dialog

    def _review(self, customer_id: int, note: str) -> None:
        self._save(lambda: customers.review_customer_file(self.ctx.uow(self.actor), customer_id, note))

    def assign(self) -> None:
        rep_id = self.reps.currentData()
        if self.card is None or rep_id is None or rep_id == self.card.rep_id:
            return
        cid = self.card.id
        self._save(lambda: customers.assign_rep(self.ctx.uow(self.actor), cid, rep_id))

    def _save(self, call) -> None:  # noqa: ANN001 - a zero-argument service call
        self.ctx.runner.run(call, lambda _r: self.sig_saved.emit(), writes="customers", owner=self)
