"""The annual expense-control report [年度营销费用控制报告] and the expense ledger
[销售费用台账] to Excel. The report: the year, its language and notes chosen here, then
issued as a document of record (once: printed again, a copy) and shown in the preview,
which prints it or saves it as PDF (ui/records.py). The ledger: written on the runner with
progress and Cancel; a cancelled or failed job leaves no file behind."""

from __future__ import annotations

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
from sales_desk.services.expenses import ledger as expense_ledger
from sales_desk.services.expenses import queries as expense_queries
from sales_desk.services.expenses.queries import ClaimFilter
from sales_desk.ui.context import AppContext
from sales_desk.ui.language import LANGUAGE_NAMES
from sales_desk.ui.records import DocumentPrinter
from sales_desk.ui.tasks import CancelToken
from sales_desk.ui.widgets import dialogs


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
    """Choose the year, the language and the notes, then preview the report issued."""

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
        self.save_button = buttons.addButton(_("&Preview…"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("save_report")
        self.save_button.setDefault(True)
        self.review_button = buttons.addButton(_("Submission and &filing…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.review_button.setObjectName("report_review")
        self.review_button.setToolTip(_("Submit the report to the general manager, review it, file it (费用 第11条2)"))
        self.review_button.clicked.connect(self.open_review)
        cancel = buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.clicked.connect(self.issue_and_preview)
        cancel.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)
        self.documents = DocumentPrinter(ctx, actor, parent or self)  # the preview outlives this dialog

    def open_review(self):  # noqa: ANN201 - the ReportReviewDialog opened
        """The year's way to the file, in a dialog of its own (this one closes)."""
        from sales_desk.ui.tabs.expenses.report_review import ReportReviewDialog

        parent = self.parentWidget() or self
        dialog = ReportReviewDialog(self.ctx, self.actor, self.year.value(), parent, self.notes.toPlainText())
        self.accept()
        dialog.open()
        return dialog

    def issue_and_preview(self) -> None:
        """Issue the report (or find it issued with the same figures and notes) and preview
        it (`self.documents.preview`)."""
        from sales_desk.reports.records.issuers import issue_expense_report  # lazy: reportlab

        year, lang, notes = self.year.value(), str(self.language.currentData()), self.notes.toPlainText()
        self.accept()
        self.documents.issue_and_preview(lambda uow: issue_expense_report(uow(), year, lang, notes))
