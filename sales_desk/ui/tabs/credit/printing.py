"""Print the credit evaluation sheet or the rating report: choose the form and its language;
the form is issued as a document of record (once: printed again, a copy) and shown in the
preview, which prints it or saves it as PDF (ui/records.py). Issuing is audited (the sheet
carries confidential figures)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from sales_desk.domain.common.records import FormKind
from sales_desk.domain.common.roles import Actor
from sales_desk.i18n import N_, _, current_language
from sales_desk.ui.context import AppContext
from sales_desk.ui.language import LANGUAGE_NAMES
from sales_desk.ui.records import DocumentPrinter

SHEET, REPORT = "credit-sheet", "rating-report"
FORMS = {SHEET: N_("Credit &evaluation sheet"), REPORT: N_("Credit &rating report")}
KINDS = {SHEET: FormKind.CREDIT_SHEET, REPORT: FormKind.RATING_REPORT}


class PrintDialog(QDialog):
    def __init__(self, ctx: AppContext, actor: Actor, customer_id: int, code: str,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.actor, self.customer_id, self.code = ctx, actor, customer_id, code
        self.setWindowTitle(_("Print credit forms"))
        self.form_buttons: dict[str, QRadioButton] = {}
        forms = QVBoxLayout()
        for key, title in FORMS.items():
            button = QRadioButton(_(title))
            button.setObjectName(f"form_{key}")
            self.form_buttons[key] = button
            forms.addWidget(button)
        self.form_buttons[SHEET].setChecked(True)
        self.language = QComboBox()
        self.language.setObjectName("language")
        for lang, name in LANGUAGE_NAMES.items():
            self.language.addItem(name, lang)
        self.language.setCurrentIndex(max(0, self.language.findData(current_language())))
        form = QFormLayout()
        form.addRow(_("Form:"), forms)
        form.addRow(_("&Language of the form:"), self.language)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(_("&Preview…"), QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.issue_and_preview)
        cancel.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(380)
        self.documents = DocumentPrinter(ctx, actor, parent or self)  # the preview outlives this dialog

    def chosen(self) -> tuple[str, str]:
        form = next(k for k, b in self.form_buttons.items() if b.isChecked())
        return form, str(self.language.currentData())

    def issue_and_preview(self) -> None:
        """Issue the form chosen (or find it issued) and preview it (`self.documents.preview`)."""
        from sales_desk.reports.records.issuers import issue_credit_form  # lazy: reportlab

        form, lang = self.chosen()
        cid, kind = self.customer_id, KINDS[form]
        self.accept()
        self.documents.issue_and_preview(lambda uow: issue_credit_form(uow(), cid, kind, lang))
