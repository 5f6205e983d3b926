"""The rep's advance reports [提前汇报] (信用 第15条3): the open invoices falling due within the
report days that nobody has reported on, and the reports filed. The customer's rep
reports (Report…, or Enter on the invoice): why it will be paid late, when, and what they
are doing; the sales manager and the GM read them here and on their dashboards.
"""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.i18n import N_, _
from sales_desk.services.collections import advance_reports
from sales_desk.services.collections.advance_reports import DueRow, ReportRow
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.collections.common import (
    TOPIC,
    date_edit,
    date_of,
    day,
    fit_columns,
    money,
    rows_table,
)
from sales_desk.ui.widgets.page import Page
from sales_desk.ui.widgets.service_dialog import ServiceDialog
from sales_desk.ui.widgets.visibility import shown_if

DUE_HEADERS = (N_("Document"), N_("Customer"), N_("Sales rep"), N_("Due date"), N_("Days left"), N_("Open amount"))
FILED_HEADERS = (N_("Document"), N_("Customer"), N_("Sales rep"), N_("Due date"), N_("Expected payment"),
                 N_("Reason"), N_("Actions"), N_("Reported on"))


def _due_cell(r: DueRow, col: int) -> str:
    return (r.doc_no, r.customer, r.rep, day(r.due_date), str(r.days_left), money(r.open_amount))[col]


def _filed_cell(r: ReportRow, col: int) -> str:
    return (r.doc_no, r.customer, r.rep, day(r.due_date), day(r.expected_on), r.reason, r.actions,
            r.filed_at.astimezone().strftime("%Y-%m-%d %H:%M"))[col]


class AdvanceReportDialog(ServiceDialog):
    """The report on one invoice: reason, expected payment date, actions."""

    topic = TOPIC

    def __init__(self, ctx: AppContext, actor: Actor, row: DueRow, parent: QWidget | None = None):
        super().__init__(ctx, actor, _("Advance report"), parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.row = row
        intro = QLabel(_("{doc} of {customer}, {amount} due on {due}, will not be paid on time. The sales "
                         "manager and the general manager read this report (信用 第15条3).").format(
            doc=row.doc_no, customer=row.customer, amount=money(row.open_amount), due=day(row.due_date)))
        intro.setWordWrap(True)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("reason")
        self.reason.setTabChangesFocus(True)
        self.expected = date_edit(row.due_date + timedelta(days=7))
        self.expected.setObjectName("expected_on")
        self.actions = QPlainTextEdit()
        self.actions.setObjectName("actions")
        self.actions.setTabChangesFocus(True)
        form = QFormLayout()
        for text, widget in ((_("&Reason:"), self.reason), (_("&Expected payment:"), self.expected),
                             (_("&Actions:"), self.actions)):
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, widget)
        self.ok = self.add_button(_("&File report"), QDialogButtonBox.ButtonRole.AcceptRole, self.submit, "file")
        self.add_close(_("Cancel"))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self.resize(480, 360)

    def submit(self) -> None:
        ctx, actor, rid = self.ctx, self.actor, self.row.receivable_id
        reason, expected, acts = self.reason.toPlainText(), date_of(self.expected), self.actions.toPlainText()
        self.call(lambda: advance_reports.file_report(ctx.uow(actor), rid, reason, expected, acts),
                  lambda _r: self.accept())

    def _update_buttons(self) -> None:
        self.ok.setEnabled(not self.busy())


class AdvanceReportsPage(Page):
    topics = frozenset({TOPIC})

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(ctx, actor, parent)
        self.files = actor.can(Perm.ADVANCE_REPORT_FILE)
        self.due_view, self.due = rows_table("advance_due", [_(h) for h in DUE_HEADERS], _due_cell, (4, 5))
        self.due_view.setObjectName("advance_due")
        self.due_view.doubleClicked.connect(lambda _i: self.report())
        self.filed_view, self.filed = rows_table("advance_filed", [_(h) for h in FILED_HEADERS], _filed_cell)
        self.filed_view.setObjectName("advance_filed")
        self.report_button = QPushButton(_("&Report…"))
        self.report_button.setObjectName("report")
        self.report_button.clicked.connect(self.report)
        shown_if(self.report_button, self.files)
        self.note = QLabel()
        self.note.setWordWrap(True)
        top = QWidget()
        tl = QVBoxLayout(top)
        tl.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        head.addWidget(QLabel(_("Invoices falling due soon without an advance report")), 1)
        head.addWidget(self.report_button)
        tl.addLayout(head)
        tl.addWidget(self.due_view)
        tl.addWidget(self.note)
        bottom = QWidget()
        bl = QVBoxLayout(bottom)
        bl.setContentsMargins(0, 0, 0, 0)
        bl.addWidget(QLabel(_("Advance reports filed")))
        bl.addWidget(self.filed_view)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(bottom)
        layout = QVBoxLayout(self)
        layout.addWidget(split)

    def keyPressEvent(self, event) -> None:  # noqa: ANN001 - Enter on an invoice reports on it
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.due_view.hasFocus():
            self.report()
            return
        super().keyPressEvent(event)

    def load(self) -> None:
        ctx, actor = self.ctx, self.actor

        def read() -> tuple[list[DueRow], list[ReportRow]]:
            return (advance_reports.reports_due(ctx.uow(actor)), advance_reports.filed_reports(ctx.uow(actor)))

        ctx.runner.run(read, self._arrived, owner=self)

    def _arrived(self, got: tuple[list[DueRow], list[ReportRow]]) -> None:
        due, filed = got
        self.due.set_rows(due)
        self.filed.set_rows(filed)
        fit_columns(self.due_view, {1})
        fit_columns(self.filed_view, {5, 6})
        if due:
            self.due_view.selectRow(0)
        self.note.setText(_("Report before the due date; after it the invoice follows the collection ladder.")
                          if self.files else "")
        self.report_button.setEnabled(bool(due))

    def report(self) -> AdvanceReportDialog | None:
        row = self.due_view.current_row()
        if not self.files or row is None:
            return None
        dialog = AdvanceReportDialog(self.ctx, self.actor, self.due.row_at(row), self)
        dialog.open()
        return dialog

    def save_layout(self) -> None:
        self.due_view.save_layout()
        self.filed_view.save_layout()
