"""Staff liability [回款责任] (5:3:2): a month's statement per person with the invoices behind
each charge; finance computes a month; export to Excel for payroll. Also the year-end list
of deferred balances not cleared and the monthly credit audit PDF."""

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
from sales_desk.domain.collections.liability import ChargeKind, Responsible, month_start
from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.i18n import N_, _, current_language
from sales_desk.services.collections import liability, year_end
from sales_desk.services.collections.liability import (
    LiabilityLine,
    LiabilityStatement,
    PersonStatement,
)
from sales_desk.services.collections.year_end import YearEndRow
from sales_desk.ui.context import AppContext
from sales_desk.ui.records import DocumentPrinter
from sales_desk.ui.tabs.collections.common import (
    TOPIC,
    day,
    fit_columns,
    money,
    rows_table,
)
from sales_desk.ui.tasks import CancelToken
from sales_desk.ui.widgets import dialogs
from sales_desk.ui.widgets.page import Page
from sales_desk.ui.widgets.shortcuts import shortcut

PEOPLE = (N_("Person"), N_("Charged"), N_("Refunded"), N_("To deduct"))
LINES = (N_("Role"), N_("Charge"), N_("Document"), N_("Customer"), N_("Due"), N_("Days"), N_("Base"),
         N_("Whole charge"), N_("Share"), N_("Amount"))


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
        self.compute_button.setVisible(actor.can(Perm.CREDIT_AUDIT))
        self.compute_button.clicked.connect(self.compute)
        self.export_button = QPushButton(_("E&xport for payroll…"))
        self.export_button.clicked.connect(self.export)
        self.audit_button = QPushButton(_("Credit &audit PDF…"))
        self.audit_button.setVisible(actor.can(Perm.CREDIT_AUDIT))
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
                                                    right=(1, 2, 3))
        fit_columns(self.people, stretch=(0,))
        self.people.setObjectName("liability_people")
        self.lines, self.lines_model = rows_table("liability_lines", [_(h) for h in LINES], self._line,
                                                  right=(5, 6, 7, 8, 9))
        fit_columns(self.lines, stretch=(1, 3))  # the charge and the customer share the rest
        self.lines.setObjectName("liability_lines")
        self.total = QLabel()
        self.total.setObjectName("liability_total")
        self.year_end, self.year_end_model = rows_table(
            "year_end", [_(h) for h in (N_("Deferral"), N_("Customer"), N_("Rep"), N_("Document"),
                                        N_("Contract due"), N_("Deferred to"), N_("Open at 31 Dec"), N_("Open now"))],
            self._year_end, right=(6, 7))
        fit_columns(self.year_end, stretch=(1,))
        self.year_end_label = QLabel()
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.people)
        split.addWidget(self.lines)
        ye = QWidget()
        yl = QVBoxLayout(ye)
        yl.setContentsMargins(0, 0, 0, 0)
        yl.addWidget(self.year_end_label)
        yl.addWidget(self.year_end, 1)
        split.addWidget(ye)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addWidget(self.total)
        self.statement: LiabilityStatement | None = None
        self.people.selectionModel().currentRowChanged.connect(lambda c, _p: self._show_lines(c.row()))
        self.year.valueChanged.connect(lambda _v: self.load())
        self.month.valueChanged.connect(lambda _v: self.load())

    def chosen_month(self) -> date:
        return date(self.year.value(), self.month.value(), 1)

    def load(self) -> None:
        ctx, actor, month = self.ctx, self.actor, self.chosen_month()
        ctx.runner.run(lambda: liability.liability_statement(ctx.uow(actor), month), self._arrived, owner=self)
        ye = self.year.value() - 1
        self.year_end_label.setText(_("Deferred balances not cleared by 31 Dec {year}:").format(year=ye))
        ctx.runner.run(lambda: year_end.year_end_deferrals(ctx.uow(actor), ye), self.year_end_model.set_rows,
                       owner=self)

    def _arrived(self, st: LiabilityStatement) -> None:
        self.statement = st
        self.people_model.set_rows(st.people)
        self.lines_model.set_rows([])
        if st.people:
            self.people.selectRow(0)
        self.total.setText(_("{month}: {total} to deduct in all.").format(month=st.month.strftime("%Y-%m"),
                                                                         total=money(st.total))
                           + ("" if st.computed else "  " + _("(not computed yet)")))

    def _show_lines(self, row: int) -> None:
        if self.statement is None or not (0 <= row < len(self.statement.people)):
            return
        self.lines_model.set_rows(self.statement.people[row].lines)

    def _person(self, p: object, col: int) -> str:
        assert isinstance(p, PersonStatement)
        return (p.name or _("(nobody)"), money(p.charged), money(p.refunded), money(p.total))[col]

    def _line(self, x: object, col: int) -> str:
        assert isinstance(x, LiabilityLine)
        return (Responsible(x.responsible).label, ChargeKind(x.kind).label, x.doc_no, x.customer_name,
                day(x.due_date), str(x.days_overdue), money(x.base_amount), money(x.charge), f"{x.weight}/10",
                money(x.amount))[col]

    def _year_end(self, y: object, col: int) -> str:
        assert isinstance(y, YearEndRow)
        return (y.deferral, y.customer_name, y.rep, y.doc_no, day(y.contract_due_date), day(y.deferred_to),
                money(y.open_at_year_end), money(y.open_now))[col]

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

        month, lang, by = self.chosen_month(), current_language(), self.actor.username
        self.documents.issue_and_preview(lambda uow: issue_credit_audit(uow(), month, lang, by))
