"""The monthly expense analysis [费用分析] (seed 001, 第11条): spending against budget by
category, department or person, as a chart and a table; the chart saved as PNG; the
annual expense-control report printed and the ledger exported from here."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from sales_desk import clock
from sales_desk.domain.common.roles import Actor
from sales_desk.i18n import N_, _, ngettext
from sales_desk.services.expenses import analysis as expense_analysis
from sales_desk.services.expenses.analysis import MonthlyAnalysis, SpendRow
from sales_desk.ui import geometry
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.expenses.common import (
    BUDGET_TOPIC,
    TOPIC,
    category_label,
    month_name,
)
from sales_desk.ui.tabs.expenses.reports import AnnualReportDialog, export_ledger
from sales_desk.ui.tabs.expenses.spend_chart import Bar, SpendChart
from sales_desk.ui.widgets import dialogs
from sales_desk.ui.widgets.list_model import RowsTableModel
from sales_desk.ui.widgets.money import money_text
from sales_desk.ui.widgets.page import Page
from sales_desk.ui.widgets.table import Table

CATEGORY, DEPARTMENT, PERSON = "category", "department", "person"
DIMENSIONS = ((CATEGORY, N_("By category")), (DEPARTMENT, N_("By department")), (PERSON, N_("By person")))
HEADERS = (N_("Name"), N_("Budget"), N_("Paid"), N_("In approval or unpaid"), N_("Spent"), N_("Left"),
           N_("Used"), N_("Claims"))
OVER_COLOUR = QColor("#b00020")


def used_text(r: SpendRow) -> str:
    if r.budget <= 0:
        return "—" if not r.spent else _("no budget")
    return f"{r.spent * 100 // r.budget} %"


class SpendModel(RowsTableModel[SpendRow]):
    """The analysis table; a row spent beyond its budget shows its "left" in red."""

    def __init__(self, parent=None):  # noqa: ANN001
        self.dimension = CATEGORY
        super().__init__([_(h) for h in HEADERS], self._cell, parent, right_aligned=range(1, 8))

    def name(self, r: SpendRow) -> str:
        if self.dimension == CATEGORY:
            return category_label(r.key) if r.key else _("Total")
        if self.dimension == PERSON:
            return r.label or r.key
        return r.key or _("Total")

    def _cell(self, r: SpendRow, column: int) -> str:
        if column == 0:
            return self.name(r)
        if column == 7:
            return str(r.claims)
        if column == 6:
            return used_text(r)
        budget = "—" if self.dimension == PERSON else money_text(r.budget)
        left = "—" if self.dimension == PERSON else money_text(r.left)
        return (budget, money_text(r.paid), money_text(r.pending), money_text(r.spent), left)[column - 1]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.ForegroundRole and index.isValid() and index.column() in (5, 6)
                and 0 <= index.row() < self.rowCount() and self.dimension != PERSON):
            r = self.row_at(index.row())
            return OVER_COLOUR if r.left < 0 else None
        return super().data(index, role)


class AnalysisPage(Page):
    topics = frozenset({TOPIC, BUDGET_TOPIC})

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None, today: date | None = None):
        super().__init__(ctx, actor, parent)
        today = today or clock.today()
        self.analysis: MonthlyAnalysis | None = None
        self.year = QSpinBox()
        self.year.setObjectName("analysis_year")
        self.year.setRange(2000, 2100)
        self.year.setValue(today.year)
        self.month = QComboBox()
        self.month.setObjectName("analysis_month")
        for m in range(1, 13):
            self.month.addItem(month_name(m, long=True), m)
        self.month.setCurrentIndex(today.month - 1)
        self.dimension = QComboBox()
        self.dimension.setObjectName("analysis_dimension")
        for key, title in DIMENSIONS:
            self.dimension.addItem(_(title), key)
        self.year.valueChanged.connect(lambda _v: self.reload())
        self.month.currentIndexChanged.connect(lambda _i: self.reload())
        self.dimension.currentIndexChanged.connect(lambda _i: self._show())

        self.png_button = QPushButton(_("Save chart as P&NG…"))
        self.png_button.setObjectName("save_chart")
        self.png_button.clicked.connect(self.save_chart)
        self.report_button = QPushButton(_("Annual &report (PDF)…"))
        self.report_button.setObjectName("annual_report")
        self.report_button.clicked.connect(self.annual_report)
        self.ledger_button = QPushButton(_("Export &ledger (Excel)…"))
        self.ledger_button.setObjectName("export_ledger")
        self.ledger_button.clicked.connect(lambda: export_ledger(self.ctx, self.actor, self.year.value(), self))

        self.summary = QLabel()
        self.summary.setObjectName("analysis_summary")
        self.summary.setWordWrap(True)
        self.chart = SpendChart()
        self.chart.setMinimumHeight(240)
        self.model = SpendModel(self)
        self.table = Table("expenses/analysis")
        self.table.setObjectName("analysis_table")
        self.table.setModel(self.model)
        self.table.restore_layout({0: 150, 1: 110, 2: 110, 3: 150, 4: 110, 5: 110, 6: 70})
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.chart)
        self.splitter.addWidget(self.table)
        self.splitter.setChildrenCollapsible(False)
        if not geometry.restore_splitter(self.splitter, "expenses/analysis"):
            self.splitter.setSizes([420, 250])  # the chart first; the table shows its rows

        top = QHBoxLayout()
        for text, widget in ((_("&Year:"), self.year), (_("&Month:"), self.month), (_("&Show:"), self.dimension)):
            label = QLabel(text)
            label.setBuddy(widget)
            top.addWidget(label)
            top.addWidget(widget)
            top.addSpacing(8)
        top.addStretch(1)
        for b in (self.png_button, self.report_button, self.ledger_button):
            top.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.splitter, 1)

    def load(self) -> None:
        ctx, actor, year, month = self.ctx, self.actor, self.year.value(), int(self.month.currentData())
        self.ctx.runner.run(lambda: expense_analysis.monthly_analysis(ctx.uow(actor), year, month),
                            self._arrived, owner=self)

    def _arrived(self, analysis: MonthlyAnalysis) -> None:
        if (analysis.year, analysis.month) != (self.year.value(), self.month.currentData()):
            return  # an answer to a month since changed
        self.analysis = analysis
        self._show()

    def rows(self) -> tuple[SpendRow, ...]:
        a = self.analysis
        if a is None:
            return ()
        return {CATEGORY: a.by_category, DEPARTMENT: a.by_department, PERSON: a.by_person}[
            self.dimension.currentData()]

    def _show(self) -> None:
        a = self.analysis
        if a is None:
            return
        dimension = self.dimension.currentData()
        self.model.dimension = dimension
        rows = self.rows()
        self.model.set_rows([*rows, a.total] if dimension != PERSON and rows else list(rows))
        t = a.total
        parts = [_("Budget {amount}").format(amount=money_text(t.budget)),
                 _("paid {amount}").format(amount=money_text(t.paid)),
                 _("in approval or unpaid {amount}").format(amount=money_text(t.pending)),
                 _("left {amount}").format(amount=money_text(t.left)),
                 _("within allowances {amount}").format(amount=money_text(a.discretionary)),
                 ngettext("{n} returned to its author", "{n} returned to their authors", a.returned).format(n=a.returned)]
        self.summary.setText(_("{month} {year}: {figures}.").format(
            month=month_name(a.month, long=True), year=a.year, figures=" · ".join(parts)))
        self.summary.setStyleSheet("color: #b00020;" if t.left < 0 else "")
        title = {CATEGORY: _("Spending against budget by category, {month} {year}"),
                 DEPARTMENT: _("Spending against budget by department, {month} {year}"),
                 PERSON: _("Spending by person, {month} {year}")}[dimension].format(
            month=month_name(a.month, long=True), year=a.year)
        self.chart.set_bars(title, [Bar(self.model.name(r), r.budget, r.paid, r.pending) for r in rows],
                            with_budget=dimension != PERSON)

    def save_chart(self) -> Path | None:
        a = self.analysis
        stamp = f"{a.year}-{a.month:02d}" if a else ""
        default = Path.home() / _("expense-chart-{month}.png").format(month=stamp)
        target = dialogs.save_file(self, _("Save the chart as PNG"), default, _("PNG image (*.png)"))
        if not target:
            return None
        path = Path(target) if Path(target).suffix.lower() == ".png" else Path(target + ".png")
        if not self.chart.save_png(path):
            dialogs.show_error(self, _("The chart could not be written to {path}.").format(path=path))
            return None
        return path

    def annual_report(self) -> AnnualReportDialog:
        dialog = AnnualReportDialog(self.ctx, self.actor, self.year.value(), self)
        dialog.open()
        return dialog

    def save_layout(self) -> None:
        self.table.save_layout()
        geometry.save_splitter(self.splitter, "expenses/analysis")
