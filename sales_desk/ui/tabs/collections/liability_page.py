"""Staff liability [回款责任] (5:3:2): a month's statement per person with the invoices behind
each charge and where each stands (第19条 3: proposed until the sales manager records fault,
final, exempted by the GM, or an exemption awaiting the GM); finance computes a month; the
sales manager records fault on the selected line's debt, the GM decides an exemption; export
to Excel for payroll. Also the monthly credit audit PDF. What was still open on 1 January,
deferred or not, is on the year-end page (year_end_page.py), with each debt's liability."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from sales_desk import clock
from sales_desk.domain.collections.liability import (
    ChargeKind,
    ChargeStatus,
    Finding,
    Responsible,
    month_start,
)
from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.i18n import N_, _, current_language
from sales_desk.services.collections import liability, liability_faults
from sales_desk.services.collections.liability import (
    LiabilityLine,
    LiabilityStatement,
    PersonStatement,
)
from sales_desk.ui.context import AppContext
from sales_desk.ui.records import DocumentPrinter
from sales_desk.ui.tabs.collections.common import (
    TOPIC,
    ReasonDialog,
    day,
    fit_columns,
    money,
    rows_table,
)
from sales_desk.ui.tabs.collections.fault_dialog import FaultDialog
from sales_desk.ui.tasks import CancelToken
from sales_desk.ui.widgets import dialogs
from sales_desk.ui.widgets.page import Page
from sales_desk.ui.widgets.shortcuts import shortcut
from sales_desk.ui.widgets.visibility import shown_if

PEOPLE = (N_("Person"), N_("Charged"), N_("Refunded"), N_("To deduct"), N_("Not final"))
LINES = (N_("Role"), N_("Charge"), N_("Document"), N_("Customer"), N_("Due"), N_("Days"), N_("Base"),
         N_("Whole charge"), N_("Share"), N_("Amount"), N_("Status"))


def fault_text(x: LiabilityLine) -> str:
    """The line's debt: where it stands, the finding with its reason and who recorded it."""
    status = ChargeStatus(x.status)
    if status is ChargeStatus.PROPOSED:
        return _("{document}: proposed, awaiting the sales manager's fault record.").format(document=x.doc_no)
    text = _("{document}: {finding} — {reason} (recorded by {who}).").format(
        document=x.doc_no, finding=Finding(x.finding).label, reason=x.reason, who=x.recorded_by)
    if status is ChargeStatus.EXEMPTED:
        text += " " + _("Exempted by {who}.").format(who=x.decided_by)
    elif status is ChargeStatus.EXEMPTION_PENDING:
        text += " " + _("The exemption awaits the general manager.")
    return text


def month_picker() -> tuple[QSpinBox, QSpinBox]:
    last = month_start(clock.today()) - timedelta(days=1)  # the last ended month: the one finance computes
    year, month = QSpinBox(), QSpinBox()
    year.setRange(2000, 2100)
    year.setValue(last.year)
    month.setRange(1, 12)
    month.setValue(last.month)
    return year, month


class LiabilityPage(Page):
    topics = frozenset({TOPIC})

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(ctx, actor, parent)
        self.year, self.month = month_picker()
        self.compute_button = QPushButton(_("&Compute the month"))
        shown_if(self.compute_button, actor.can(Perm.CREDIT_AUDIT))
        self.compute_button.clicked.connect(self.compute)
        self.export_button = QPushButton(_("E&xport for payroll…"))
        self.export_button.clicked.connect(self.export)
        self.audit_button = QPushButton(_("Credit &audit PDF…"))
        shown_if(self.audit_button, actor.can(Perm.CREDIT_AUDIT))
        self.audit_button.clicked.connect(self.print_audit)
        self.audit_button.setToolTip(_("Ctrl+P"))
        self.documents = DocumentPrinter(ctx, actor, self)
        shortcut(QKeySequence.StandardKey.Print, self, self.print_audit, Qt.ShortcutContext.WidgetWithChildrenShortcut)
        top = QHBoxLayout()
        label = QLabel(_("&Month:"))
        label.setBuddy(self.year)
        for w in (label, self.year, self.month, self.compute_button, self.export_button):
            top.addWidget(w)
        top.addStretch(1)
        top.addWidget(self.audit_button)
        self.people, self.people_model = rows_table("liability_people", [_(h) for h in PEOPLE], self._person,
                                                    right=(1, 2, 3, 4))
        fit_columns(self.people, stretch=(0,))
        self.people.setObjectName("liability_people")
        self.lines, self.lines_model = rows_table("liability_lines", [_(h) for h in LINES], self._line,
                                                  right=(5, 6, 7, 8, 9))
        fit_columns(self.lines, stretch=(1, 3, 10))  # the charge, the customer and the status share the rest
        self.lines.setObjectName("liability_lines")
        # the selected line's debt: its fault record, and what this user may decide on it
        self.fault = QLabel()
        self.fault.setObjectName("liability_fault")
        self.fault.setWordWrap(True)
        self.fault.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fault_button = QPushButton(_("Record fa&ult…"))
        shown_if(self.fault_button, actor.can(Perm.LIABILITY_RECORD_FAULT))
        self.fault_button.clicked.connect(self.record_fault)
        self.approve_button = QPushButton(_("A&pprove exemption"))
        self.reject_button = QPushButton(_("Re&ject exemption…"))
        for b, slot in ((self.approve_button, lambda: self.decide(True)),
                        (self.reject_button, lambda: self.decide(False))):
            shown_if(b, actor.can(Perm.LIABILITY_EXEMPT))
            b.clicked.connect(slot)
        lines_box = QWidget()
        ll = QVBoxLayout(lines_box)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.lines, 1)
        fault_row = QHBoxLayout()
        fault_row.addWidget(self.fault, 1)
        for b in (self.fault_button, self.approve_button, self.reject_button):
            fault_row.addWidget(b)
        ll.addLayout(fault_row)
        self.total = QLabel()
        self.total.setObjectName("liability_total")
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.people)
        split.addWidget(lines_box)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addWidget(self.total)
        self.statement: LiabilityStatement | None = None
        self._wanted: int | None = None  # a debt to select once its month has arrived (open_debt)
        self.people.selectionModel().currentRowChanged.connect(lambda c, _p: self._show_lines(c.row()))
        self.lines.selectionModel().selectionChanged.connect(lambda *_a: self._show_fault())
        self._show_fault()
        self.year.valueChanged.connect(lambda _v: self.load())
        self.month.valueChanged.connect(lambda _v: self.load())

    def chosen_month(self) -> date:
        return date(self.year.value(), self.month.value(), 1)

    def load(self) -> None:
        ctx, actor, month = self.ctx, self.actor, self.chosen_month()
        ctx.runner.run(lambda: liability.liability_statement(ctx.uow(actor), month), self._arrived, owner=self)

    def _arrived(self, st: LiabilityStatement) -> None:
        self.statement = st
        self.people_model.set_rows(st.people)
        self.lines_model.set_rows([])
        if st.people:
            self.people.selectRow(0)
        self._select_wanted()
        self.total.setText(_("{month}: {total} to deduct in all.").format(month=st.month.strftime("%Y-%m"),
                                                                         total=money(st.total))
                           + ("  " + _("{amount} not final: awaiting a fault record or the general manager.").format(
                               amount=money(st.awaiting)) if st.awaiting else "")
                           + ("" if st.computed else "  " + _("(not computed yet)")))

    def _show_lines(self, row: int) -> None:
        if self.statement is None or not (0 <= row < len(self.statement.people)):
            return
        self.lines_model.set_rows(self.statement.people[row].lines)
        if self.statement.people[row].lines:
            self.lines.selectRow(0)
        self._show_fault()

    def open_debt(self, receivable_id: int) -> None:
        """From the dashboard: the month the debt was last charged, its line selected."""
        ctx, actor = self.ctx, self.actor

        def show(month: date | None) -> None:
            self._wanted = receivable_id
            if month is not None:
                self.year.setValue(month.year)
                self.month.setValue(month.month)
            self.load()

        ctx.runner.run(lambda: liability_faults.last_month_charged(ctx.uow(actor), receivable_id), show, owner=self)

    def _select_wanted(self) -> None:
        if self.statement is None or self._wanted is None:
            return
        for p_row, p in enumerate(self.statement.people):
            for l_row, x in enumerate(p.lines):
                if x.receivable_id == self._wanted:
                    self.people.selectRow(p_row)
                    self.lines.selectRow(l_row)
                    self._wanted = None
                    return

    def current_line(self) -> LiabilityLine | None:
        row = self.lines.current_row()
        line = None if row is None else self.lines_model.row_at(row)
        return line if isinstance(line, LiabilityLine) else None

    def _show_fault(self) -> None:
        x = self.current_line()
        self.fault.setText(fault_text(x) if x else "")
        status = ChargeStatus(x.status) if x else None
        self.fault_button.setEnabled(status is ChargeStatus.PROPOSED)
        self.approve_button.setEnabled(status is ChargeStatus.EXEMPTION_PENDING)
        self.reject_button.setEnabled(status is ChargeStatus.EXEMPTION_PENDING)

    def record_fault(self) -> FaultDialog | None:
        x = self.current_line()
        if x is None or not self.actor.can(Perm.LIABILITY_RECORD_FAULT):
            return None
        dialog = FaultDialog(self.ctx, self.actor, x.receivable_id, x.doc_no, x.customer_name, self)
        dialog.open()
        return dialog

    def decide(self, approve: bool) -> ReasonDialog | None:
        """The GM approves (asked to confirm) or rejects (asked why) the exemption on the line's debt."""
        x = self.current_line()
        if x is None or x.fault_id is None or not self.actor.can(Perm.LIABILITY_EXEMPT):
            return None
        ctx, actor, fid = self.ctx, self.actor, x.fault_id
        if not approve:
            dialog = ReasonDialog(ctx, actor, _("Reject exemption"), _(
                "Why is the exemption on {document} rejected? Its charges then await a fault record again.").format(
                document=x.doc_no), _("Re&ject"),
                lambda note: liability_faults.decide_exemption(ctx.uow(actor), fid, False, note), self)
            dialog.open()
            return dialog
        if dialogs.confirm(self, _("Approve exemption"), _(
                "Exempt {document} of {customer}: no fault ({reason})? Its charges then fall on nobody.").format(
                document=x.doc_no, customer=x.customer_name, reason=x.reason), _("Approve")):
            ctx.runner.run(lambda: liability_faults.decide_exemption(ctx.uow(actor), fid, True), None,
                           writes=TOPIC, owner=self)
        return None

    def _person(self, p: object, col: int) -> str:
        assert isinstance(p, PersonStatement)
        return (p.name or _("(nobody)"), money(p.charged), money(p.refunded), money(p.total), money(p.awaiting))[col]

    def _line(self, x: object, col: int) -> str:
        assert isinstance(x, LiabilityLine)
        return (Responsible(x.responsible).label, ChargeKind(x.kind).label, x.doc_no, x.customer_name,
                day(x.due_date), str(x.days_overdue), money(x.base_amount), money(x.charge), f"{x.weight}/10",
                money(x.amount), ChargeStatus(x.status).label)[col]

    def compute(self) -> None:
        month = month_start(self.chosen_month())
        if not dialogs.confirm(self, _("Compute liability"), _("Compute the liability charges of {month}?").format(
                month=month.strftime("%Y-%m")), _("Compute")):
            return
        ctx, actor = self.ctx, self.actor
        ctx.runner.run(lambda: liability.run_liability(ctx.uow(actor), month), None, writes=TOPIC, owner=self)

    def export(self) -> None:
        month = self.chosen_month()
        path = dialogs.save_file(self, _("Export liability"),
                                 Path.home() / f"liability-{month.strftime('%Y-%m')}.xlsx", _("Excel workbooks (*.xlsx)"))
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> None:
        from sales_desk.reports.collections.liability_xlsx import export_liability_xlsx

        ctx, actor, month = self.ctx, self.actor, self.chosen_month()

        def job(token: CancelToken) -> int:
            token.progress(0, 0, _("Exporting the statement…"))
            return export_liability_xlsx(ctx.uow(actor), month, path)

        ctx.runner.run_long(job, _("Exporting the statement…"), lambda n: dialogs.show_info(
            self, _("Wrote {n} liability lines to {path}.").format(n=n, path=path)), owner=self)

    def print_audit(self) -> None:
        """Ctrl+P: the month's credit audit, issued as a document of record and previewed
        (`self.documents.preview`)."""
        if not self.actor.can(Perm.CREDIT_AUDIT):
            return
        from sales_desk.reports.records.issuers import issue_credit_audit

        month, lang = self.chosen_month(), current_language()
        self.documents.issue_and_preview(lambda uow: issue_credit_audit(uow(), month, lang))
