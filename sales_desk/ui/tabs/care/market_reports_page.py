"""The customer industry and market information report [客户行业与市场信息报告] (客户关系维护办法
第7条1: 定期编制): a rep or a customer-service specialist writes one for a month (and an
industry, or all), submits it; the sales manager files it or returns it. Filed reports are
everyone's reading; a draft is its writer's. Enter opens one, Ctrl+P prints it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sales_desk import clock
from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.domain.customers.files import INDUSTRIES, choice_label
from sales_desk.domain.relationship.plans import REPORT_LABELS, REPORT_PARTS, Status
from sales_desk.i18n import N_, _, current_language
from sales_desk.services.relationship import market_reports
from sales_desk.services.relationship.market_reports import ReportView
from sales_desk.ui.context import AppContext
from sales_desk.ui.records import DocumentPrinter
from sales_desk.ui.tabs.care.common import TOPIC, day, rows_table
from sales_desk.ui.tabs.care.parts_dialog import Calls, Part, PartsDialog
from sales_desk.ui.widgets.page import Page
from sales_desk.ui.widgets.shortcuts import shortcut
from sales_desk.ui.widgets.visibility import shown_if

HEADERS = (N_("Number"), N_("Period"), N_("Industry"), N_("Status"), N_("Written by"), N_("Reviewed by"),
           N_("Filed on"))
MNEMONICS = {"industry_news": N_("Industry &developments:"), "market": N_("&Market information:"),
             "customers": N_("&Customers' developments:"), "competitors": N_("C&ompetitors:"),
             "suggestions": N_("Su&ggestions:")}


def industry_text(code: str) -> str:
    return choice_label("industry", code) if code else _("All industries")


def _cell(r: ReportView, col: int) -> str:
    return (r.number, r.period, industry_text(r.industry), Status(r.status).label, r.written_by, r.reviewed_by,
            day(r.filed_on))[col]


def report_mode(actor: Actor, r: ReportView | None) -> str:
    if r is None or (r.status in (Status.DRAFT.value, Status.RETURNED.value) and r.written_by_id == actor.user_id):
        return "edit"
    if r.status == Status.SUBMITTED.value and actor.can(Perm.CARE_REVIEW) and r.written_by_id != actor.user_id:
        return "review"
    return "read"


class MarketReportsPage(Page):
    topics = frozenset({TOPIC})

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(ctx, actor, parent)
        self.table, self.model = rows_table("market_reports", [_(h) for h in HEADERS], _cell)
        self.table.setObjectName("market_reports")
        self.table.activated.connect(lambda _i: self.open_report())
        self.new_button = QPushButton(_("&New report…"))
        self.new_button.setObjectName("new")
        shown_if(self.new_button, actor.can(Perm.CARE_WRITE_REPORT))
        self.new_button.clicked.connect(self.new)
        self.open_button = QPushButton(_("&Open…"))
        self.open_button.setToolTip(_("Enter"))
        self.open_button.clicked.connect(self.open_report)
        self.print_button = QPushButton(_("&Print…"))
        self.print_button.setToolTip(_("Ctrl+P"))
        self.print_button.clicked.connect(self.print_selected)
        shortcut(QKeySequence.StandardKey.Print, self, self.print_selected, Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.documents = DocumentPrinter(ctx, actor, self)
        bar = QHBoxLayout()
        label = QLabel(_("Industry and market information &reports"))
        label.setBuddy(self.table)
        bar.addWidget(label)
        bar.addStretch(1)
        for b in (self.new_button, self.open_button, self.print_button):
            bar.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)

    def load(self) -> None:
        ctx, actor = self.ctx, self.actor
        ctx.runner.run(lambda: market_reports.list_reports(ctx.uow(actor)), self._arrived, owner=self)

    def _arrived(self, rows: list[ReportView]) -> None:
        self.model.set_rows(rows)
        if rows and self.table.current_row() is None:
            self.table.selectRow(0)

    def _selected(self) -> ReportView | None:
        row = self.table.current_row()
        return None if row is None else self.model.row_at(row)

    def dialog(self, r: ReportView | None) -> PartsDialog:
        ctx, actor = self.ctx, self.actor
        mode = report_mode(actor, r)
        period = QLineEdit(r.period if r else (clock.today().replace(day=1)).strftime("%Y-%m"))
        period.setObjectName("period")
        period.setInputMask("0000-00")
        industry = QComboBox()
        industry.setObjectName("industry")
        industry.addItem(_("All industries"), "")
        for c in INDUSTRIES:
            industry.addItem(_(c.label), c.code)
        industry.setCurrentIndex(max(0, industry.findData(r.industry if r else "")))
        for w in (period, industry):
            w.setEnabled(mode == "edit")
        state: dict[str, int | None] = {"id": r.id if r else None}

        def save(parts: dict[str, str]) -> int:
            state["id"] = market_reports.save_report(ctx.uow(actor), period.text(), str(industry.currentData()),
                                                     parts, state["id"])
            return state["id"]  # type: ignore[return-value]

        calls = Calls(save, lambda rid: market_reports.submit_report(ctx.uow(actor), rid),
                      lambda rid, ok, note: market_reports.review_report(ctx.uow(actor), rid, ok, note))
        parts = [Part(k, _(MNEMONICS[k]), _(REPORT_LABELS[k])) for k in REPORT_PARTS]
        title = _("Market information report {number}").format(number=r.number) if r else _("New market report")
        d = PartsDialog(ctx, actor, title, parts, dict(r.parts) if r else {}, mode, calls, state["id"],
                        head=[(_("Pe&riod (YYYY-MM):"), period), (_("Indus&try:"), industry)],
                        note=r.review_note if r and r.status == Status.RETURNED.value else "", parent=self)
        d.period, d.industry = period, industry  # type: ignore[attr-defined]
        d.open()
        return d

    def new(self) -> PartsDialog | None:
        return self.dialog(None) if self.actor.can(Perm.CARE_WRITE_REPORT) else None

    def open_report(self) -> PartsDialog | None:
        r = self._selected()
        return None if r is None else self.dialog(r)

    def print_selected(self) -> None:
        r = self._selected()
        if r is None:
            return
        from sales_desk.reports.records.relationship import issue_market_report  # lazy: reportlab

        rid, lang = r.id, current_language()
        self.documents.issue_and_preview(lambda uow: issue_market_report(uow(), rid, lang))

    def save_layout(self) -> None:
        self.table.save_layout()
