"""The month's commission [提成]: finance runs it under the scheme in force; per rep the money
collected, what was excluded (written-off debts), the commission on the bands, what a reversed
receipt took back, the liability deducted; the receipts behind the selected rep's figures; the
statement per person printed (Ctrl+P) and the payroll workbook, both documents of record."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.i18n import N_, _, current_language
from sales_desk.services.performance import commission
from sales_desk.services.performance.commission import (
    CommissionStatement,
    DocumentLine,
    StatementLine,
)
from sales_desk.ui.context import AppContext
from sales_desk.ui.records import DocumentPrinter
from sales_desk.ui.tabs.performance.common import TOPIC, money, period_picker, rows_table
from sales_desk.ui.widgets import dialogs
from sales_desk.ui.widgets.page import Page
from sales_desk.ui.widgets.shortcuts import shortcut
from sales_desk.ui.widgets.visibility import shown_if

TREATMENT = {"counted": N_("Counted"), "reversed": N_("Reversed in the month"),
             "taken_back": N_("Reversal of an earlier month: taken back"),
             "written_off": N_("Written-off debt: no commission")}


class CommissionPage(Page):
    topics = frozenset({TOPIC, "collections"})

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(ctx, actor, parent)
        self.year, self.month = period_picker(with_year=False)
        self.run_button = QPushButton(_("&Run the month"))
        shown_if(self.run_button, actor.can(Perm.COMMISSION_RUN))
        self.run_button.clicked.connect(self.run)
        self.print_button = QPushButton(_("&Print statement…"))
        self.print_button.setToolTip(_("Ctrl+P"))
        self.print_button.clicked.connect(self.print_statement)
        self.payroll_button = QPushButton(_("Payroll &workbook…"))
        shown_if(self.payroll_button, actor.can(Perm.COMMISSION_RUN))
        self.payroll_button.clicked.connect(self.payroll)
        shortcut(QKeySequence.StandardKey.Print, self, self.print_statement,
                 Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.documents = DocumentPrinter(ctx, actor, self)
        top = QHBoxLayout()
        label = QLabel(_("&Month:"))
        label.setBuddy(self.year)
        for w in (label, self.year, self.month, self.run_button):
            top.addWidget(w)
        top.addStretch(1)
        top.addWidget(self.payroll_button)
        top.addWidget(self.print_button)
        self.table, self.model = rows_table(
            "commission_lines", [_("Sales rep"), _("Collected"), _("Excluded"), _("Commission"), _("Taken back"),
                                 _("Liability"), _("Net")], self._line, right=(1, 2, 3, 4, 5, 6))
        self.docs, self.docs_model = rows_table(
            "commission_documents", [_("Receipt"), _("Customer"), _("Document"), _("Applied"), _("Amount"),
                                     _("Treatment")], self._doc, right=(4,), stretch=(1, 5))
        self.summary = QLabel()
        self.summary.setObjectName("commission_summary")
        self.summary.setWordWrap(True)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.docs)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addWidget(self.summary)
        self.statement: CommissionStatement | None = None
        self.table.selectionModel().currentRowChanged.connect(lambda c, _p: self._open(c.row()))
        self.year.valueChanged.connect(lambda _v: self.load())
        self.month.valueChanged.connect(lambda _v: self.load())

    def chosen_month(self) -> date:
        return date(self.year.value(), self.month.value(), 1)

    def load(self) -> None:
        ctx, actor, month = self.ctx, self.actor, self.chosen_month()
        ctx.runner.run(lambda: commission.commission_statement(ctx.uow(actor), month), self._arrived, owner=self)

    def _arrived(self, st: CommissionStatement) -> None:
        self.statement = st
        self.model.set_rows(st.lines)
        self.docs_model.set_rows([])
        if not st.computed:
            self.summary.setText(_("{month}: not run yet.").format(month=st.month.strftime("%Y-%m")))
        else:
            self.summary.setText(_("{month}: {total} to pay under the scheme “{scheme}”; run by {who}.").format(
                month=st.month.strftime("%Y-%m"), total=money(st.total), scheme=st.scheme, who=st.run_by))
        if st.lines:
            self.table.selectRow(0)
        self.print_button.setEnabled(bool(st.lines))

    def selected(self) -> StatementLine | None:
        row = self.table.current_row()
        return None if row is None else self.model.row_at(row)  # type: ignore[return-value]

    def _open(self, row: int) -> None:
        if not 0 <= row < len(self.model.rows()):
            return
        ctx, actor, month = self.ctx, self.actor, self.chosen_month()
        rep = self.model.row_at(row).rep_id  # type: ignore[attr-defined]
        ctx.runner.run(lambda: commission.commission_documents(ctx.uow(actor), month, rep), self.docs_model.set_rows,
                       owner=self)

    def _line(self, x: object, col: int) -> str:
        assert isinstance(x, StatementLine)
        return (x.rep, money(x.collected), money(x.excluded), money(x.commission), money(x.clawback),
                money(x.liability), money(x.net))[col]

    def _doc(self, d: object, col: int) -> str:
        assert isinstance(d, DocumentLine)
        return (d.receipt, f"{d.customer_code} {d.customer_name}", d.document, d.applied_on.isoformat(),
                money(d.amount), _(TREATMENT[d.treatment]))[col]

    def run(self) -> None:
        month = self.chosen_month()
        if not dialogs.confirm(self, _("Run commission"), _("Work out the commission of {month} for every rep?").format(
                month=month.strftime("%Y-%m")), _("Run")):
            return
        ctx, actor = self.ctx, self.actor
        ctx.runner.run(lambda: commission.run_commission(ctx.uow(actor), month), None, writes=TOPIC, owner=self)

    def print_statement(self) -> None:
        """Ctrl+P: the selected person's statement, issued as a document of record."""
        line = self.selected()
        if line is None:
            return
        from sales_desk.reports.records.performance import issue_commission_statement

        month, rep, lang = self.chosen_month(), line.rep_id, current_language()
        self.documents.issue_and_preview(lambda uow: issue_commission_statement(uow(), month, rep, lang))

    def payroll(self) -> None:
        from sales_desk.reports.records.performance import issue_commission_payroll

        month, lang = self.chosen_month(), current_language()
        self.documents.issue_and_preview(lambda uow: issue_commission_payroll(uow(), month, lang))
