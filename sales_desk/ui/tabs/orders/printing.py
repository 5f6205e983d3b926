"""Print the sales contract (the customer's copy, or the internal one with the reviews and
approvals) or a dispatch note: choose the copy and the language; the form is issued as a
document of record (once: printed again, it is a copy) and shown in the preview, which
prints it or saves it as PDF (ui/records.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from sales_desk.domain.common.roles import Actor
from sales_desk.i18n import _, current_language
from sales_desk.services.records.issuing import IssuedRef
from sales_desk.ui.context import AppContext
from sales_desk.ui.language import LANGUAGE_NAMES
from sales_desk.ui.records import DocumentPrinter
from sales_desk.ui.tabs.orders.common import heading


class _PrintDialog(QDialog):
    def __init__(self, ctx: AppContext, actor: Actor, title: str, what: str, parent: QWidget | None):
        super().__init__(parent)
        self.ctx, self.actor = ctx, actor
        self.setWindowTitle(title)
        self.language = QComboBox()
        self.language.setObjectName("language")
        for lang, name in LANGUAGE_NAMES.items():
            self.language.addItem(name, lang)
        self.language.setCurrentIndex(max(0, self.language.findData(current_language())))
        self.form = QFormLayout()
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(_("&Preview…"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("preview_form")
        cancel = buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.issue_and_preview)
        cancel.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(what))
        layout.addLayout(self.form)
        layout.addWidget(buttons)
        self.setMinimumWidth(400)
        self.documents = DocumentPrinter(ctx, actor, parent or self)  # the preview outlives this dialog

    def lang(self) -> str:
        return str(self.language.currentData())

    def issuer(self) -> Callable[[Callable[[], Any]], IssuedRef]:
        raise NotImplementedError

    def issue_and_preview(self) -> None:
        """Issue the form chosen (or find it issued) and show it in the preview
        (`self.documents.preview` once shown); errors show as the runner shows them."""
        issue = self.issuer()
        self.accept()
        self.documents.issue_and_preview(issue)


class ContractPrintDialog(_PrintDialog):
    def __init__(self, ctx: AppContext, actor: Actor, order_id: int, number: str, parent: QWidget | None = None):
        super().__init__(ctx, actor, _("Print the sales contract"), _("Sales contract {number}").format(number=number),
                         parent)
        self.order_id, self.number = order_id, number
        self.customer_copy = QRadioButton(_("&Customer's copy"))
        self.customer_copy.setObjectName("customer_copy")
        self.internal_copy = QRadioButton(_("&Internal copy, with the reviews and approvals"))
        self.internal_copy.setObjectName("internal_copy")
        self.customer_copy.setChecked(True)
        copies = QVBoxLayout()
        copies.addWidget(self.customer_copy)
        copies.addWidget(self.internal_copy)
        self.form.addRow(_("Copy:"), copies)
        self.form.addRow(_("&Language:"), self.language)

    def issuer(self) -> Callable[[Callable[[], Any]], IssuedRef]:
        from sales_desk.reports.records.issuers import issue_contract  # lazy: reportlab

        oid, internal, lang = self.order_id, self.internal_copy.isChecked(), self.lang()
        return lambda uow: issue_contract(uow(), oid, lang, internal=internal)


class DispatchNotePrintDialog(_PrintDialog):
    def __init__(self, ctx: AppContext, actor: Actor, shipment_id: int, number: str,
                 parent: QWidget | None = None):
        super().__init__(ctx, actor, _("Print the dispatch note"), _("Dispatch note {number}").format(number=number),
                         parent)
        self.shipment_id, self.number = shipment_id, number
        self.form.addRow(_("&Language:"), self.language)

    def issuer(self) -> Callable[[Callable[[], Any]], IssuedRef]:
        from sales_desk.reports.records.issuers import issue_dispatch_note  # lazy: reportlab

        sid, lang = self.shipment_id, self.lang()
        return lambda uow: issue_dispatch_note(uow(), sid, lang)


class PriceListPrintDialog(_PrintDialog):
    def __init__(self, ctx: AppContext, actor: Actor, list_id: int, version: int, parent: QWidget | None = None):
        super().__init__(ctx, actor, _("Print the price list"),
                         _("Price list version {version}").format(version=version), parent)
        self.list_id = list_id
        self.form.addRow(_("&Language:"), self.language)

    def issuer(self) -> Callable[[Callable[[], Any]], IssuedRef]:
        from sales_desk.reports.records.issuers import issue_price_list  # lazy: reportlab

        lid, lang = self.list_id, self.lang()
        return lambda uow: issue_price_list(uow(), lid, lang)


class PaymentSlipPrintDialog(_PrintDialog):
    """The payment slip, or once finance recorded it, the payment detail sheet."""

    def __init__(self, ctx: AppContext, actor: Actor, slip_id: int, number: str, detail_number: str,
                 parent: QWidget | None = None):
        super().__init__(ctx, actor, _("Print the payment slip"), _("Payment slip {number}").format(number=number),
                         parent)
        self.slip_id = slip_id
        self.slip = QRadioButton(_("Payment &slip"))
        self.slip.setObjectName("slip_form")
        self.detail = QRadioButton(_("Payment &detail sheet"))
        self.detail.setObjectName("detail_form")
        self.detail.setEnabled(bool(detail_number))
        (self.detail if detail_number else self.slip).setChecked(True)
        forms = QVBoxLayout()
        forms.addWidget(self.slip)
        forms.addWidget(self.detail)
        self.form.addRow(_("Form:"), forms)
        self.form.addRow(_("&Language:"), self.language)

    def issuer(self) -> Callable[[Callable[[], Any]], IssuedRef]:
        from sales_desk.reports.records.issuers import issue_payment_slip  # lazy: reportlab

        sid, lang, detail = self.slip_id, self.lang(), self.detail.isChecked()
        return lambda uow: issue_payment_slip(uow(), sid, lang, detail=detail)
