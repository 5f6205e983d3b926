"""The annual expense-control report [年度营销费用控制报告] to PDF and the expense ledger
[销售费用台账] to Excel: the year (and the report's language and notes) chosen here,
then where to save; written on the runner with progress and Cancel; a cancelled or
failed job leaves no file behind."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from sales_desk.domain.common.roles import Actor
from sales_desk.i18n import _, current_language, ngettext
from sales_desk.services.expenses import analysis as expense_analysis
from sales_desk.services.expenses import ledger as expense_ledger
from sales_desk.services.expenses import queries as expense_queries
from sales_desk.services.expenses.queries import ClaimFilter
from sales_desk.ui.context import AppContext
from sales_desk.ui.language import LANGUAGE_NAMES
from sales_desk.ui.tasks import CancelToken
from sales_desk.ui.widgets import dialogs


def write_report(ctx: AppContext, actor: Actor, year: int, lang: str, notes: str, path: Path,
                 token: CancelToken) -> Path:
    """On the worker: the report's figures, then the PDF, through a .part file."""
    from sales_desk.reports.expenses.annual_report import render_expense_report  # lazy: reportlab

    token.progress(0, 0, _("Reading the {year} figures…").format(year=year))
    report = expense_analysis.annual_report(ctx.uow(actor), year, notes)
    token.progress(1, 2, _("Writing {name}…").format(name=path.name))
    part = path.with_name(path.name + ".part")
    try:
        render_expense_report(report, part, lang)
        token.check()  # cancelled while drawing: no file
        os.replace(part, path)
    finally:
        part.unlink(missing_ok=True)
    return path


def write_ledger(ctx: AppContext, actor: Actor, year: int, path: Path, token: CancelToken) -> int:
    """On the worker: every claim of the year streamed into the workbook (written whole or not at all)."""
    from sales_desk.reports.expenses.ledger_xlsx import write_expense_ledger  # lazy: xlsxwriter

    total, _amount = expense_queries.count_claims(ctx.uow(actor), ClaimFilter(year=year))
    lang = current_language()

    def sink(report, rows) -> int:  # noqa: ANN001 - the service hands its report and row iterator
        return write_expense_ledger(
            path, report, rows, lang=lang,
            progress=lambda n: token.progress(n, total, _("{n} claims written…").format(n=n)))

    return expense_ledger.export_expense_ledger(ctx.uow(actor), year, sink)


def _ask_path(parent: QWidget, title: str, default: Path, file_filter: str, suffix: str) -> Path | None:
    target = dialogs.save_file(parent, title, default, file_filter)
    if not target:
        return None
    path = Path(target)
    return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)


def export_ledger(ctx: AppContext, actor: Actor, year: int, parent: QWidget, path: Path | None = None) -> int | None:
    """Ask where (unless given) and write the ledger; returns the runner's task id."""
    path = path or _ask_path(parent, _("Export the expense ledger"),
                             Path.home() / _("expense-ledger-{year}.xlsx").format(year=year),
                             _("Excel workbook (*.xlsx)"), ".xlsx")
    if path is None:
        return None

    def done(n: int) -> None:
        window = parent.window()
        text = ngettext("{n} claim exported to {path}.", "{n} claims exported to {path}.", n).format(n=n, path=path)
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(text, 8000)

    return ctx.runner.run_long(lambda token: write_ledger(ctx, actor, year, path, token),
                               _("Exporting the expense ledger…"), done, owner=parent)


class AnnualReportDialog(QDialog):
    """Choose the year, the language and the notes, then where to save the PDF."""

    def __init__(self, ctx: AppContext, actor: Actor, year: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.actor = ctx, actor
        self.setWindowTitle(_("Annual expense-control report [年度营销费用控制报告]"))
        self.year = QSpinBox()
        self.year.setObjectName("report_year")
        self.year.setRange(2000, 2100)
        self.year.setValue(year)
        self.language = QComboBox()
        self.language.setObjectName("report_language")
        for lang, name in LANGUAGE_NAMES.items():
            self.language.addItem(name, lang)
        self.language.setCurrentIndex(max(0, self.language.findData(current_language())))
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("report_notes")
        self.notes.setPlaceholderText(_("optional: the analysis and the improvements proposed, printed in the notes"))
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(90)
        form = QFormLayout()
        for text, widget in ((_("&Year:"), self.year), (_("&Language of the report:"), self.language),
                             (_("&Notes:"), self.notes)):
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, widget)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(_("Save as &PDF…"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("save_report")
        self.save_button.setDefault(True)
        cancel = buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.clicked.connect(self.choose_file)
        cancel.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)

    def choose_file(self) -> None:
        year, lang = self.year.value(), str(self.language.currentData())
        path = _ask_path(self, _("Save the report as PDF"),
                         Path.home() / _("expense-report-{year}-{lang}.pdf").format(year=year, lang=lang),
                         _("PDF document (*.pdf)"), ".pdf")
        if path is not None:
            self.print_to(path)

    def print_to(self, path: Path) -> int:
        ctx, actor = self.ctx, self.actor
        year, lang, notes = self.year.value(), str(self.language.currentData()), self.notes.toPlainText()
        parent = self.parentWidget()
        self.accept()

        def done(written: Path) -> None:
            if dialogs.confirm(parent, _("PDF saved"), _("Saved to {path}. Open it now?").format(path=written),
                               _("&Open")):
                dialogs.open_path(parent, written)

        return ctx.runner.run_long(lambda token: write_report(ctx, actor, year, lang, notes, path, token),
                                   _("Printing the annual expense-control report…"), done, owner=parent)
