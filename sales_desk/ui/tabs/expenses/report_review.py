"""The annual expense-control report's way to the file (费用 第11条2 "提交总经理审阅后，存档"):
the year's submissions with their review; who may issue the report issues it and submits
that edition to the general manager, the general manager approves it with remarks or
returns it with a reason, and the approved edition is filed. Each edition opens in the
preview exactly as issued."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from sales_desk.domain.common.records import FormKind, may_issue
from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.domain.expenses.report_review import ReportStatus
from sales_desk.i18n import N_, _, current_language
from sales_desk.services.expenses import report_review as review
from sales_desk.services.expenses.report_review import Submission
from sales_desk.ui import geometry
from sales_desk.ui.context import AppContext
from sales_desk.ui.language import LANGUAGE_NAMES
from sales_desk.ui.records import DocumentPrinter
from sales_desk.ui.tabs.expenses.common import ServiceDialog, hint, local_time
from sales_desk.ui.widgets.list_model import RowsTableModel
from sales_desk.ui.widgets.table import Table

HEADERS = (N_("Round"), N_("Status"), N_("Document"), N_("Submitted"), N_("Remarks"))


def _cell(s: Submission, column: int) -> str:
    return (str(s.round), ReportStatus(s.status).label, s.document_number,
            _("{who}, {at}").format(who=s.submitted_by, at=local_time(s.submitted_at)), s.remarks)[column]


def detail_text(s: Submission | None) -> str:
    """The chosen submission in full: who did what when, the remarks, the edition."""
    if s is None:
        return _("Not submitted yet.")
    lines = [_("{number}, edition {n}: submitted by {who} on {at}.").format(
        number=s.document_number, n=s.edition, who=s.submitted_by, at=local_time(s.submitted_at))]
    if s.note:
        lines.append(_("Covering note: {note}").format(note=s.note))
    if s.reviewed_at is not None:
        lines.append(_("{status} ({who}, {at}): {remarks}").format(
            status=ReportStatus.RETURNED.label if s.status == ReportStatus.RETURNED.value
            else ReportStatus.APPROVED.label, who=s.reviewed_by, at=local_time(s.reviewed_at),
            remarks=s.remarks or "—"))
    if s.filed_at is not None:
        lines.append(_("Filed by {who} on {at}.").format(who=s.filed_by, at=local_time(s.filed_at)))
    return "\n".join(lines)


class ReportReviewDialog(ServiceDialog):
    def __init__(self, ctx: AppContext, actor: Actor, year: int, parent: QWidget | None = None,
                 notes: str = ""):
        super().__init__(ctx, actor, _("Annual report: submission, review and filing"), parent)
        self.rows: list[Submission] = []
        self.issuer = may_issue(actor, FormKind.EXPENSE_REPORT)
        self.reviewer = actor.can(Perm.EXPENSE_REPORT_REVIEW)
        self.year = QSpinBox()
        self.year.setObjectName("review_year")
        self.year.setRange(2000, 2100)
        self.year.setValue(year)
        self.year.valueChanged.connect(lambda _v: self.reload())
        self.model: RowsTableModel[Submission] = RowsTableModel([_(h) for h in HEADERS], _cell, self)
        self.table = Table("expenses/report_review")
        self.table.setObjectName("submissions")
        self.table.setModel(self.model)
        self.table.restore_layout({0: 50, 1: 215, 2: 105, 3: 150})
        self.table.setMinimumHeight(90)
        self.detail = QLabel()
        self.detail.setObjectName("submission_detail")
        self.detail.setWordWrap(True)
        self.table.doubleClicked.connect(lambda _i: self.open_edition())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())

        # who may issue it: issue this year's edition and submit it
        self.submit_box = QGroupBox(_("Submit to the general manager"))
        self.language = QComboBox()
        self.language.setObjectName("review_language")
        for lang, name in LANGUAGE_NAMES.items():
            self.language.addItem(name, lang)
        self.language.setCurrentIndex(max(0, self.language.findData(current_language())))
        self.notes = QPlainTextEdit(notes)
        self.notes.setObjectName("review_notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(60)
        self.notes.setPlaceholderText(_("the analysis and the improvements proposed, printed in the notes"))
        self.note = QLineEdit()
        self.note.setObjectName("covering_note")
        self.note.setPlaceholderText(_("optional: a covering note for the general manager"))
        self.submit_button = QPushButton(_("Issue and &submit"))
        self.submit_button.setObjectName("submit_report")
        self.submit_button.clicked.connect(self.submit)
        form = QFormLayout(self.submit_box)
        for text, widget in ((_("&Language:"), self.language), (_("&Notes:"), self.notes),
                             (_("Co&vering note:"), self.note)):
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, widget)
        form.addRow("", self.submit_button)
        self.submit_box.setVisible(self.issuer)

        # the general manager: approve with remarks or return with a reason
        self.review_box = QGroupBox(_("The general manager's review"))
        self.remarks = QLineEdit()
        self.remarks.setObjectName("remarks")
        self.remarks.setPlaceholderText(_("remarks; returning it needs the reason"))
        self.approve_button = QPushButton(_("&Approve"))
        self.approve_button.setObjectName("approve_report")
        self.return_button = QPushButton(_("Re&turn"))
        self.return_button.setObjectName("return_report")
        for b in (self.approve_button, self.return_button):
            b.setAutoDefault(False)  # Enter after typing a remark decides nothing
        self.approve_button.clicked.connect(lambda: self.decide(True))
        self.return_button.clicked.connect(lambda: self.decide(False))
        row = QHBoxLayout(self.review_box)
        remarks_label = QLabel(_("Re&marks:"))
        remarks_label.setBuddy(self.remarks)
        row.addWidget(remarks_label)
        row.addWidget(self.remarks, 1)
        row.addWidget(self.approve_button)
        row.addWidget(self.return_button)
        self.review_box.setVisible(self.reviewer)

        self.open_button = self.add_button(_("&Open edition"), QDialogButtonBox.ButtonRole.ActionRole,
                                           self.open_edition, "open_edition")
        self.file_button = self.add_button(_("&File the approved report"), QDialogButtonBox.ButtonRole.ActionRole,
                                           self.file, "file_report")
        self.file_button.setVisible(self.issuer)
        self.add_close()
        self.documents = DocumentPrinter(ctx, actor, parent or self)

        top = QHBoxLayout()
        year_label = QLabel(_("&Year:"))
        year_label.setBuddy(self.year)
        top.addWidget(year_label)
        top.addWidget(self.year)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(hint(_("费用 第11条2: the report is submitted to the general manager, reviewed, then "
                                "filed; the edition filed is the one the general manager read.")))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addWidget(self.submit_box)
        layout.addWidget(self.review_box)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        geometry.restore_geom(self, "expenses/report_review", (680, 640))
        self.reload()

    # -- reading ---------------------------------------------------------------------------------
    def reload(self) -> None:
        ctx, actor, year = self.ctx, self.actor, self.year.value()
        self.call(lambda: review.report_submissions(ctx.uow(actor), year), self._show, writes=None)

    def _show(self, rows: list[Submission]) -> None:
        self.rows = rows
        self.model.set_rows(rows)
        if rows:
            self.table.selectRow(0)
        self._update_buttons()

    def latest(self) -> Submission | None:
        return self.rows[0] if self.rows else None

    def selected(self) -> Submission | None:
        row = self.table.current_row()
        return None if row is None else self.model.row_at(row)

    def _update_buttons(self) -> None:
        idle, latest = not self.busy(), self.latest()
        status = ReportStatus(latest.status) if latest else None
        self.submit_button.setEnabled(idle and status in (None, ReportStatus.RETURNED))
        waiting = idle and status is ReportStatus.SUBMITTED
        self.approve_button.setEnabled(waiting)
        self.return_button.setEnabled(waiting)
        self.file_button.setEnabled(idle and status is ReportStatus.APPROVED)
        self.open_button.setEnabled(idle and self.selected() is not None)
        self.detail.setText(detail_text(self.selected()))

    # -- acting ----------------------------------------------------------------------------------
    def _acted(self, _result: object = None) -> None:
        self.remarks.clear()
        self.note.clear()
        self.say("")
        self.reload()

    def submit(self) -> None:
        from sales_desk.reports.records.issuers import issue_expense_report  # lazy: reportlab

        ctx, actor, year = self.ctx, self.actor, self.year.value()
        lang, notes, note = str(self.language.currentData()), self.notes.toPlainText(), self.note.text()

        def job() -> int:
            ref = issue_expense_report(ctx.uow(actor), year, lang, notes)
            return review.submit_report(ctx.uow(actor), year, ref.id, note)

        self.call(job, self._acted)

    def decide(self, approve: bool) -> None:
        latest = self.latest()
        if latest is None:
            return
        remarks = self.remarks.text().strip()
        if not approve and not remarks:  # the sales department has to know what to change
            self.say(_("Returning the report needs a reason: write it in the remarks, then return it."),
                     error=True)
            self.remarks.setFocus()
            return
        ctx, actor, sid = self.ctx, self.actor, latest.id
        self.call(lambda: review.review_report(ctx.uow(actor), sid, approve, remarks), self._acted)

    def file(self) -> None:
        latest = self.latest()
        if latest is None:
            return
        ctx, actor, sid = self.ctx, self.actor, latest.id
        self.call(lambda: review.file_report(ctx.uow(actor), sid), self._acted)

    def open_edition(self) -> None:
        chosen = self.selected()
        if chosen is not None:
            self.documents.open_document(chosen.document_id)

    def done(self, result: int) -> None:
        self.table.save_layout()
        geometry.save_geom(self, "expenses/report_review")
        super().done(result)
