"""Print the credit evaluation sheet or the rating report to PDF: choose the form and its
language, then where to save it; written on the runner; then offered to open."""

from __future__ import annotations

import os
from pathlib import Path

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
from sales_desk.i18n import N_, _, current_language
from sales_desk.services.credit import forms as credit_print
from sales_desk.ui.context import AppContext
from sales_desk.ui.language import LANGUAGE_NAMES
from sales_desk.ui.tasks import CancelToken
from sales_desk.ui.widgets import dialogs

SHEET, REPORT = "credit-sheet", "rating-report"
FORMS = {SHEET: N_("Credit &evaluation sheet"), REPORT: N_("Credit &rating report")}


def write_form(ctx: AppContext, actor: Actor, customer_id: int, form: str, lang: str, path: Path) -> Path:
    """On the worker: read the dossier and render it; a half-written file never stays."""
    from sales_desk.reports.credit.credit_sheet import render_credit_sheet  # lazy: reportlab
    from sales_desk.reports.credit.rating_report import render_rating_report

    dossier = credit_print.credit_dossier(ctx.uow(actor), customer_id)
    render = render_credit_sheet if form == SHEET else render_rating_report
    part = path.with_name(path.name + ".part")
    try:
        render(dossier, part, lang)
        os.replace(part, path)
    finally:
        part.unlink(missing_ok=True)
    return path


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
        self.save_button = buttons.addButton(_("Save as &PDF…"), QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.choose_file)
        cancel.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(380)

    def chosen(self) -> tuple[str, str]:
        form = next(k for k, b in self.form_buttons.items() if b.isChecked())
        return form, str(self.language.currentData())

    def choose_file(self) -> None:
        form, lang = self.chosen()
        default = Path.home() / f"{form}-{self.code}-{lang}.pdf"
        target = dialogs.save_file(self, _("Save the form as PDF"), default, _("PDF document (*.pdf)"))
        if target:
            self.print_to(Path(target))

    def print_to(self, path: Path) -> None:
        form, lang = self.chosen()
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        ctx, actor, cid = self.ctx, self.actor, self.customer_id
        parent = self.parentWidget()
        self.accept()

        def job(token: CancelToken) -> Path:
            token.progress(0, 0, _("Writing {name}…").format(name=path.name))
            return write_form(ctx, actor, cid, form, lang, path)

        def done(written: Path) -> None:
            if dialogs.confirm(parent, _("PDF saved"),
                               _("Saved to {path}. Open it now?").format(path=written), _("&Open")):
                dialogs.open_path(parent, written)

        # Printing is audited (the sheet carries confidential figures): the audit page listens.
        ctx.runner.run_long(job, _("Printing…"), done, writes="credit_print", owner=parent,
                            cancellable=False)
