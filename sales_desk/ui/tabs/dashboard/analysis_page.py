"""Analysis charts: the composition of sales [客户构成分析] by credit grade, value grade,
product, region or rep; receivables by aging bucket; the collection rate per rep; expenses
against budget. Each chart with its table; the chart saves as PNG, its data to Excel.
Only the charts the user's duties read are offered; figures come from the runner."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
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
from sales_desk.domain.collections.liability import month_end
from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.domain.planning.plans import reads_plans
from sales_desk.i18n import N_, _
from sales_desk.reports.common.xlsx_writer import Kind
from sales_desk.services.collections import targets as collection_targets
from sales_desk.services.collections.targets import Performance
from sales_desk.services.expenses.common import OVERSEERS
from sales_desk.services.planning import analysis
from sales_desk.services.planning.analysis import (
    AgingTotals,
    ExpenseAgainstBudget,
    SalesBy,
    SalesComposition,
)
from sales_desk.ui import geometry
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.dashboard.chart import BarChart, Series
from sales_desk.ui.tabs.dashboard.common import (
    PLANS_TOPIC,
    export_table,
    month_name,
    save_chart,
)
from sales_desk.ui.widgets.list_model import RowsTableModel
from sales_desk.ui.widgets.money import money_text
from sales_desk.ui.widgets.page import Page
from sales_desk.ui.widgets.table import Table

SALES, AGING, COLLECTION, EXPENSES = "sales", "aging", "collection", "expenses"
CHARTS = ((SALES, N_("Sales composition")), (AGING, N_("Receivables aging")),
          (COLLECTION, N_("Collection rate per rep")), (EXPENSES, N_("Expenses against budget")))


def charts_for(actor: Actor) -> list[str]:
    out = []
    if reads_plans(actor.roles):
        out.append(SALES)
    if actor.can(Perm.RECEIVABLE_VIEW):
        out += [AGING, COLLECTION]
    if any(actor.can(p) for p in OVERSEERS):
        out.append(EXPENSES)
    return out


@dataclass(frozen=True)
class Shown:
    """A chart's figures, as drawn, tabled and exported."""

    title: str
    name: str  # file name stem
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    headers: tuple[str, ...]
    cells: tuple[tuple[str, ...], ...]  # the table, as shown
    columns: tuple[tuple[str, Kind, float], ...]  # the workbook's
    rows: tuple[tuple[object, ...], ...]
    horizontal: bool = False
    money: bool = True


SALES_TITLES = {
    SalesBy.CREDIT_GRADE: N_("Sales by credit grade, {period}"),
    SalesBy.VALUE_GRADE: N_("Sales by value grade, {period}"),
    SalesBy.PRODUCT: N_("Sales by product, {period}"),
    SalesBy.REGION: N_("Sales by region, {period}"),
    SalesBy.REP: N_("Sales by rep, {period}"),
}


def _stamp(year: int, month: int | None) -> str:
    return f"{year}-{month:02d}" if month else str(year)


def _rate(value: object) -> str:
    return "—" if value is None else f"{value} %"


class FiguresModel(RowsTableModel[tuple[str, ...]]):
    """The chart's table: the headers change with the chart; figures right-aligned."""

    def __init__(self, parent=None):  # noqa: ANN001
        super().__init__([], lambda r, c: r[c], parent)

    def set_table(self, headers: Sequence[str], rows: Sequence[tuple[str, ...]]) -> None:
        self.headers = list(headers)
        self.set_rows(rows)  # sorted as the reader last chose, when they did

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and index.isValid() and index.column() > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return super().data(index, role)


class AnalysisPage(Page):
    topics = frozenset({PLANS_TOPIC, "orders", "dispatch", "collections", "expenses", "expense_budget"})

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None, today: date | None = None):
        super().__init__(ctx, actor, parent)
        today = today or clock.today()
        self.shown: Shown | None = None
        self.kind = QComboBox()
        self.kind.setObjectName("analysis_chart")
        for key, title in CHARTS:
            if key in charts_for(actor):
                self.kind.addItem(_(title), key)
        self.by = QComboBox()
        self.by.setObjectName("analysis_by")
        for dim in SalesBy:
            self.by.addItem(dim.label, dim.value)
        self.year = QSpinBox()
        self.year.setObjectName("analysis_year")
        self.year.setRange(2000, 2100)
        self.year.setValue(today.year)
        self.period = QComboBox()
        self.period.setObjectName("analysis_period")
        self.period.addItem(_("Whole year"), 0)
        for m in range(1, 13):
            self.period.addItem(month_name(m, long=True), m)
        for w in (self.kind, self.by, self.period):
            w.currentIndexChanged.connect(lambda _i: self.reload())
        self.year.valueChanged.connect(lambda _v: self.reload())
        self.png_button = QPushButton(_("Save chart as P&NG…"))
        self.png_button.setObjectName("save_chart")
        self.png_button.clicked.connect(lambda: self.save_chart())
        self.xlsx_button = QPushButton(_("E&xport data (Excel)…"))
        self.xlsx_button.setObjectName("export_data")
        self.xlsx_button.clicked.connect(lambda: self.export_data())
        self.summary = QLabel()
        self.summary.setObjectName("analysis_summary")
        self.summary.setWordWrap(True)
        self.chart = BarChart()
        self.chart.setObjectName("analysis_chart_view")
        self.chart.setMinimumHeight(260)
        self.model = FiguresModel(self)
        self.table = Table("dashboard/analysis")
        self.table.setObjectName("analysis_table")
        self.table.setModel(self.model)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.chart)
        self.splitter.addWidget(self.table)
        self.splitter.setChildrenCollapsible(False)
        if not geometry.restore_splitter(self.splitter, "dashboard/analysis"):
            self.splitter.setSizes([380, 220])
        top = QHBoxLayout()
        self.by_label = QLabel(_("&By:"))
        for text, widget in ((_("C&hart:"), self.kind), (None, self.by), (_("&Year:"), self.year),
                             (_("Peri&od:"), self.period)):
            label = self.by_label if text is None else QLabel(text)
            label.setBuddy(widget)
            top.addWidget(label)
            top.addWidget(widget)
            top.addSpacing(6)
        top.addStretch(1)
        top.addWidget(self.png_button)
        top.addWidget(self.xlsx_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.splitter, 1)
        self._update_controls()

    # -- reading -------------------------------------------------------------------------------
    def chart_kind(self) -> str:
        return self.kind.currentData() or ""

    def _update_controls(self) -> None:
        sales = self.chart_kind() == SALES
        self.by.setVisible(sales)
        self.by_label.setVisible(sales)
        self.png_button.setEnabled(self.shown is not None)
        self.xlsx_button.setEnabled(self.shown is not None)

    def load(self) -> None:
        self._update_controls()
        kind, year, month = self.chart_kind(), self.year.value(), self.period.currentData() or None
        ctx, actor = self.ctx, self.actor
        fetch: Callable[[], Any]
        if kind == SALES:
            by = self.by.currentData()
            fetch = lambda: analysis.sales_composition(ctx.uow(actor), by, year, month)  # noqa: E731
        elif kind == AGING:
            as_of = min(month_end(date(year, month or 12, 1)), clock.today())
            fetch = lambda: analysis.aging_totals(ctx.uow(actor), as_of)  # noqa: E731
        elif kind == COLLECTION:
            first = date(year, month or clock.today().month, 1)
            fetch = lambda: collection_targets.collection_performance(ctx.uow(actor), first)  # noqa: E731
        elif kind == EXPENSES:
            fetch = lambda: analysis.expenses_against_budget(ctx.uow(actor), year, month)  # noqa: E731
        else:
            return
        key = (kind, self.by.currentData(), year, month)
        ctx.runner.run(fetch, lambda data: self._arrived(key, data), owner=self)

    def _period_text(self, year: int, month: int | None) -> str:
        return _("{month} {year}").format(month=month_name(month, long=True), year=year) if month else str(year)

    def _arrived(self, key: tuple, data: Any) -> None:
        kind, by, year, month = key
        if key != (self.chart_kind(), self.by.currentData(), self.year.value(), self.period.currentData() or None):
            return  # an answer to a choice since changed
        if kind == SALES:
            self.shown = self._sales(data, year, month)
        elif kind == AGING:
            self.shown = self._aging(data)
        elif kind == COLLECTION:
            self.shown = self._collection(data, year, month)
        else:
            self.shown = self._expenses(data, year, month)
        self._draw()

    def _sales(self, c: SalesComposition, year: int, month: int | None) -> Shown:
        by = SalesBy(c.by)
        total = c.total
        cells = tuple((r.label, money_text(r.amount), f"{r.amount * 100 // total} %" if total else "—")
                      + ((str(r.quantity),) if by is SalesBy.PRODUCT else ()) for r in c.rows)
        headers = (_("Name"), _("Sold"), _("Share of sales")) + ((_("Quantity"),) if by is SalesBy.PRODUCT else ())
        columns = ((_("Name"), "text", 30), (_("Sold"), "money", 16)) + \
            (((_("Quantity"), "int", 10),) if by is SalesBy.PRODUCT else ())
        rows = tuple((r.label, r.amount) + ((r.quantity,) if by is SalesBy.PRODUCT else ()) for r in c.rows)
        title = _(SALES_TITLES[by]).format(period=self._period_text(year, month))
        self.summary.setText(_("Sold {amount} (shipped less returned, at the order's prices).").format(
            amount=money_text(total)))
        return Shown(title, f"sales-{by.value}-{_stamp(year, month)}",
                     tuple(r.label for r in c.rows), (Series(_("Sold"), tuple(r.amount for r in c.rows)),),
                     headers, cells, columns, rows, horizontal=True)

    def _aging(self, a: AgingTotals) -> Shown:
        headers = (_("Bucket"), _("Amount"), _("Customers"))
        cells = tuple((label, money_text(v), str(n)) for label, v, n in zip(a.labels, a.amounts, a.customers,
                                                                            strict=True))
        columns = ((_("Bucket"), "text", 18), (_("Amount"), "money", 16), (_("Customers"), "int", 12))
        rows = tuple(zip(a.labels, a.amounts, a.customers, strict=True))
        self.summary.setText(_("Open receivables as of {date}: {total} (unapplied credit notes {credits}).").format(
            date=a.as_of.isoformat(), total=money_text(a.total), credits=money_text(a.credits)))
        return Shown(_("Receivables by aging bucket, as of {date}").format(date=a.as_of.isoformat()),
                     f"aging-{a.as_of.isoformat()}", a.labels, (Series(_("Open"), a.amounts),), headers, cells,
                     columns, rows)

    def _collection(self, perf: Sequence[Performance], year: int, month: int | None) -> Shown:
        m = month or clock.today().month
        headers = tuple(_(h) for h in (N_("Sales rep"), N_("Collection target"), N_("Collected"), N_("Rate"),
                                       N_("Overdue")))
        cells = tuple((p.rep, "—" if p.target is None else money_text(p.target), money_text(p.collected),
                       _rate(p.rate), money_text(p.overdue)) for p in perf)
        columns = ((headers[0], "text", 16), (headers[1], "money", 16), (headers[2], "money", 16),
                   (_("Rate (%)"), "number", 10), (headers[4], "money", 16))
        rows = tuple((p.rep, p.target, p.collected, p.rate, p.overdue) for p in perf)  # the rate a number
        self.summary.setText(_("Collected in {period}: receipts applied to each rep's documents against the "
                               "target the sales VP set.").format(period=self._period_text(year, m)))
        return Shown(_("Collection rate per rep, {period}").format(period=self._period_text(year, m)),
                     f"collection-rate-{year}-{m:02d}", tuple(p.rep for p in perf),
                     (Series(_("Collection target"), tuple(p.target or 0 for p in perf)),
                      Series(_("Collected"), tuple(p.collected for p in perf))), headers, cells, columns, rows)

    def _expenses(self, e: ExpenseAgainstBudget, year: int, month: int | None) -> Shown:
        headers = (_("Category"), _("Budget"), _("Spent"), _("Left"))
        cells = tuple((r.label, money_text(r.budget), money_text(r.spent), money_text(r.left)) for r in e.rows)
        columns = ((headers[0], "text", 16), (headers[1], "money", 16), (headers[2], "money", 16),
                   (headers[3], "money", 16))
        rows = tuple((r.label, r.budget, r.spent, r.left) for r in e.rows)
        self.summary.setText(_("Budget {budget}, spent {spent} (in approval, signed or paid).").format(
            budget=money_text(e.budget), spent=money_text(e.spent)) if e.revision is not None
            else _("No approved budget for {year}: spent {spent}.").format(year=year, spent=money_text(e.spent)))
        return Shown(_("Expenses against budget, {period}").format(period=self._period_text(year, month)),
                     f"expenses-{_stamp(year, month)}", tuple(r.label for r in e.rows),
                     (Series(_("Budget"), tuple(r.budget for r in e.rows)),
                      Series(_("Spent"), tuple(r.spent for r in e.rows))), headers, cells, columns, rows,
                     horizontal=True)

    def _draw(self) -> None:
        s = self.shown
        if s is None:
            return
        self.chart.horizontal = s.horizontal
        self.chart.set_data(s.title, s.categories, s.series, _("Amount"), s.money)
        self.model.set_table(s.headers, s.cells)
        self.table.setColumnWidth(0, 240)
        for column in range(1, len(s.headers)):
            self.table.setColumnWidth(column, 130)
        self._update_controls()

    # -- files ---------------------------------------------------------------------------------
    def save_chart(self, path=None):  # noqa: ANN001, ANN201 - the path written, if any
        return save_chart(self, self.chart, self.shown.name, path) if self.shown else None

    def export_data(self, path=None):  # noqa: ANN001, ANN201 - the path asked for, if any
        s = self.shown
        if s is None:
            return None
        return export_table(self.ctx, self.actor, self, s.title[:31], s.name, s.columns, s.rows, path)

    def save_layout(self) -> None:
        self.table.save_layout()
        geometry.save_splitter(self.splitter, "dashboard/analysis")
