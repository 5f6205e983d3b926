"""Complaint analysis [投诉分析]: a period's cases by cause, product, severity, month and
customer, with how many closed, the average days to close, repeats and late ones."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from sales_desk import clock
from sales_desk.domain.common.roles import Actor
from sales_desk.i18n import N_, _
from sales_desk.services.care import complaint_analysis
from sales_desk.services.care.complaint_analysis import ComplaintAnalysis, Group
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.care.common import TOPIC, date_edit, date_of, rows_table
from sales_desk.ui.widgets.page import Page

HEADERS = (N_("By"), N_("Group"), N_("Cases"), N_("Closed"), N_("Average days to close"), N_("Repeats"), N_("Late"))
DIMENSIONS = (("by_cause", N_("Cause")), ("by_product", N_("Product")), ("by_severity", N_("Severity")),
              ("by_month", N_("Month")), ("by_customer", N_("Customer")))


def _cell(row: tuple[str, Group], col: int) -> str:
    by, g = row
    return (by, g.label, str(g.count), str(g.closed), "" if g.average_days is None else str(g.average_days),
            str(g.repeats), str(g.late))[col]


class AnalysisPage(Page):
    topics = frozenset({TOPIC})

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(ctx, actor, parent)
        today = clock.today()
        self.start, self.end = date_edit(today - timedelta(days=365)), date_edit(today)
        self.run_button = QPushButton(_("&Analyse"))
        self.run_button.setObjectName("analyse")
        self.run_button.clicked.connect(self.load)
        self.summary = QLabel()
        self.table, self.model = rows_table("analysis", [_(h) for h in HEADERS], _cell, (2, 3, 4, 5, 6))
        self.table.setObjectName("analysis")
        bar = QHBoxLayout()
        for text, w in ((_("From"), self.start), (_("to"), self.end)):
            bar.addWidget(QLabel(text))
            bar.addWidget(w)
        bar.addWidget(self.run_button)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)

    def load(self) -> None:
        ctx, actor, start, end = self.ctx, self.actor, date_of(self.start), date_of(self.end)
        ctx.runner.run(lambda: complaint_analysis.complaint_analysis(ctx.uow(actor), start, end),
                       self._arrived, owner=self)

    def _arrived(self, a: ComplaintAnalysis) -> None:
        t = a.total
        self.summary.setText(_("{count} complaints, {closed} closed, {repeats} repeats, {late} late; "
                               "on average {days} days to close").format(
            count=t.count, closed=t.closed, repeats=t.repeats, late=t.late,
            days="–" if t.average_days is None else t.average_days))
        self.model.set_rows([(_(label), g) for attr, label in DIMENSIONS for g in getattr(a, attr)])

    def save_layout(self) -> None:
        self.table.save_layout()
