"""Aging [账龄分析] as of any date, in the buckets of the settings, by customer, rep or
region, with totals, a chart of the buckets, drill-down to a customer's invoices
(double-click or Enter) and export to Excel."""

from __future__ import annotations

from datetime import date

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from sales_desk.domain.collections.receivables import DocumentKind
from sales_desk.domain.common.money import from_minor
from sales_desk.domain.common.roles import Actor
from sales_desk.domain.customers.files import choice_label
from sales_desk.i18n import N_, _
from sales_desk.services.collections import aging
from sales_desk.services.collections.aging import AgingGroup, AgingItem, AgingReport, AgingRow
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
from sales_desk.ui.tasks import CancelToken
from sales_desk.ui.widgets import dialogs
from sales_desk.ui.widgets.page import Page
from sales_desk.ui.widgets.shortcuts import enter_opens

GROUPS = (("customer", N_("By customer")), ("rep", N_("By rep")), ("region", N_("By region")))


class AgingPage(Page):
    topics = frozenset({TOPIC})

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(ctx, actor, parent)
        self.as_of = date_edit()
        self.as_of.setObjectName("aging_as_of")
        self.group = QComboBox()
        for key, title in GROUPS:
            self.group.addItem(_(title), key)
        self.export_button = QPushButton(_("E&xport to Excel…"))
        self.export_button.clicked.connect(self.export)
        top = QHBoxLayout()
        as_of_label = QLabel(_("&As of:"))
        as_of_label.setBuddy(self.as_of)
        top.addWidget(as_of_label)
        top.addWidget(self.as_of)
        top.addWidget(self.group)
        top.addStretch(1)
        top.addWidget(self.export_button)
        self.table, self.model = rows_table("aging", (), self._display)
        self.table.setObjectName("aging_table")
        self.table.doubleClicked.connect(lambda _i: self.drill_down())
        enter_opens(self.table, self.drill_down)
        self.totals = QLabel()
        self.totals.setObjectName("aging_totals")
        self.totals.setWordWrap(True)
        self.chart = QChartView()
        self.chart.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart.setMinimumHeight(220)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.chart)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addWidget(self.totals)
        self.report: AgingReport | None = None
        self.as_of.dateChanged.connect(lambda _d: self.load())
        self.group.currentIndexChanged.connect(lambda _i: self._show())

    def load(self) -> None:
        ctx, actor, as_of = self.ctx, self.actor, date_of(self.as_of)
        ctx.runner.run(lambda: aging.aging_report(ctx.uow(actor), as_of), self._arrived, owner=self)

    def _arrived(self, report: AgingReport) -> None:
        self.report = report
        self._show()

    def by(self) -> str:
        return str(self.group.currentData())

    def _show(self) -> None:
        r = self.report
        if r is None:
            return
        labels = list(r.labels)
        if self.by() == "customer":
            self.model.headers = [_("Code"), _("Customer"), _("Rep"), _("Region"), *labels, _("Credits"), _("Total")]
            rows: list[object] = list(r.rows)
        else:
            first = _("Rep") if self.by() == "rep" else _("Region")
            self.model.headers = [first, _("Customers"), *labels, _("Credits"), _("Total")]
            rows = list(aging.rollup(r, self.by()))
        lead = 4 if self.by() == "customer" else 2
        self.model._right = set(range(lead if self.by() == "customer" else 1, len(self.model.headers)))
        self.model.set_rows(rows)
        # the name (or the rep, the region) shares what the figures leave: no sideways scrolling
        fit_columns(self.table, stretch=(1,) if self.by() == "customer" else (0,))
        self.totals.setText(_("As of {day}: {total} receivable, of which overdue {overdue}; {n} customers.").format(
            day=day(r.as_of), total=money(r.total), overdue=money(sum(r.totals[1:])), n=len(r.rows)))
        self._chart(r)

    def _display(self, row: object, col: int) -> str:
        if isinstance(row, AgingRow):
            lead: tuple[str, ...] = (row.code, row.name, row.rep, choice_label("region", row.region))
        else:
            assert isinstance(row, AgingGroup)
            key = choice_label("region", row.key) if self.by() == "region" else row.key
            lead = (key or _("(none)"), str(row.customers))
        if col < len(lead):
            return lead[col]
        values = (*row.buckets, row.credits, row.total)  # type: ignore[attr-defined]
        i = col - len(lead)
        return money(values[i]) if i < len(values) else ""

    def _chart(self, r: AgingReport) -> None:
        chart = QChart()
        chart.setTitle(_("Receivables by age as of {day}").format(day=day(r.as_of)))
        bars = QBarSet(_("Open amount"))
        for total in r.totals:
            bars.append(float(from_minor(total)))  # drawing only: the figures shown are exact
        series = QStackedBarSeries()
        series.append(bars)
        chart.addSeries(series)
        axis_x = QBarCategoryAxis()
        axis_x.append(list(r.labels))
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(axis_x)
        axis_y = QValueAxis()
        axis_y.setLabelFormat("%.0f")
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis_y)
        axis_y.applyNiceNumbers()  # round ticks (100000, not 119123), once the range is known
        chart.legend().hide()
        self.chart.setChart(chart)

    # -- drill-down and export ----------------------------------------------------------------
    def drill_down(self) -> AgingItemsDialog | None:
        row = self.table.current_row()
        if row is None or self.report is None or self.by() != "customer":
            return None
        cust = self.model.row_at(row)
        assert isinstance(cust, AgingRow)
        dialog = AgingItemsDialog(self.ctx, self.actor, cust, self.report, self)
        dialog.open()
        return dialog

    def export(self) -> None:
        from pathlib import Path

        as_of = date_of(self.as_of)
        path = dialogs.save_file(self, _("Export aging"), Path.home() / f"aging-{as_of.isoformat()}.xlsx",
                                 _("Excel workbooks (*.xlsx)"))
        if path:
            self.export_to(path, as_of)

    def export_to(self, path: str, as_of: date) -> None:
        from sales_desk.reports.collections.aging_xlsx import export_aging_xlsx

        ctx, actor = self.ctx, self.actor

        def job(token: CancelToken) -> int:
            token.progress(0, 0, _("Exporting the aging…"))
            return export_aging_xlsx(ctx.uow(actor), path, as_of)

        ctx.runner.run_long(job, _("Exporting the aging…"),
                            lambda n: dialogs.show_info(self, _("Wrote the aging of {n} customers to {path}.").format(
                                n=n, path=path)), owner=self)


class AgingItemsDialog(QDialog):
    """A customer's open documents as of the report's date, with their bucket."""

    def __init__(self, ctx: AppContext, actor: Actor, cust: AgingRow, report: AgingReport,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("{name} ({code}) as of {day}").format(name=cust.name, code=cust.code,
                                                                    day=day(report.as_of)))
        self.resize(820, 420)
        self.labels = report.labels
        headers = (_("Document"), _("Kind"), _("Date"), _("Due"), _("Amount"), _("Open amount"), _("Days overdue"),
                   _("Bucket"))
        self.table, self.model = rows_table("aging_items", headers, self._display, right=(4, 5, 6),
                                            widths={0: 150, 1: 110, 2: 90, 3: 90, 4: 100, 5: 100, 6: 90})
        self.table.setObjectName("aging_items")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        ctx.runner.run(lambda: aging.aging_items(ctx.uow(actor), cust.customer_id, report.as_of),
                       self.model.set_rows, owner=self)

    def _display(self, i: object, col: int) -> str:
        assert isinstance(i, AgingItem)
        try:
            kind = DocumentKind(i.kind).label
        except ValueError:
            kind = i.kind
        bucket = self.labels[i.bucket] if 0 <= i.bucket < len(self.labels) else ""
        return (i.doc_no, kind, day(i.doc_date), day(i.due_date), money(i.amount), money(i.open_amount),
                str(i.days_overdue), bucket)[col]
