"""The selected opportunity under the list: what it is and where it stands (its stage, the
stalled flag with the days allowed), its time nodes [时间节点] stage by stage, what it is
about (products, contacts, competitors, the competitive analysis), the order a win made,
and its quotations with their status — the table the quotation steps act on."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from sales_desk.domain.opportunities.stages import LossReason, Outcome
from sales_desk.i18n import _
from sales_desk.services.opportunities.opportunity_views import (
    NodeRow,
    OpportunityDetail,
    QuotationRef,
)
from sales_desk.services.opportunities.quotations import QuotationStatus
from sales_desk.ui.widgets.list_model import RowsTableModel
from sales_desk.ui.widgets.money import money_text
from sales_desk.ui.widgets.table import Table

STALLED_STYLE = "color: #b00020; font-weight: bold;"


def quotation_status(status: str) -> str:
    try:
        return QuotationStatus(status).label
    except ValueError:
        return status


def _quote_cell(q: QuotationRef, column: int) -> str:
    return (q.number, q.quote_date.isoformat(), money_text(q.total), quotation_status(q.status), q.made_by,
            q.issued_document or q.decision_note)[column]


def node_text(n: NodeRow) -> str:
    text = f"{n.stage.label} {n.reached_on.isoformat()}"
    if n.days is not None:
        text += " " + _("({days} d)").format(days=n.days)
    return text + (" ⚠" if n.overdue else "")


class DetailPanel(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.summary = QLabel()
        self.summary.setObjectName("opportunity_summary")
        self.summary.setWordWrap(True)
        self.stalled = QLabel()
        self.stalled.setObjectName("stalled_flag")
        self.stalled.setStyleSheet(STALLED_STYLE)
        self.nodes = QLabel()
        self.nodes.setObjectName("time_nodes")
        self.nodes.setWordWrap(True)
        self.about = QLabel()
        self.about.setObjectName("opportunity_about")
        self.about.setWordWrap(True)
        self.order = QLabel()
        self.order.setObjectName("opportunity_order")
        self.open_order_button = QPushButton(_("Open the orde&r"))
        self.open_order_button.setObjectName("open_order")
        self.quotes = RowsTableModel([_("Quotation number"), _("Quotation date"), _("Total"), _("Status"),
                                      _("Made by"), _("Document or decision")], _quote_cell, self,
                                     right_aligned=(2,))
        self.quote_table = Table("opportunities/quotations")
        self.quote_table.setObjectName("quotations_table")
        self.quote_table.setModel(self.quotes)
        self.quote_table.restore_layout({0: 120, 1: 100, 2: 100, 3: 180, 4: 80})
        self.quote_table.setMaximumHeight(self.quote_table.verticalHeader().defaultSectionSize() * 4 + 30)
        head = QHBoxLayout()
        head.addWidget(self.summary, 1)
        head.addWidget(self.stalled)
        order = QHBoxLayout()
        order.addWidget(self.order)
        order.addWidget(self.open_order_button)
        order.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        layout.addWidget(self.nodes)
        layout.addWidget(self.about)
        layout.addLayout(order)
        layout.addWidget(self.quote_table)
        self.show_detail(None)

    def show_detail(self, d: OpportunityDetail | None) -> None:
        self.open_order_button.setVisible(d is not None and d.order_id is not None)
        if d is None:
            for w in (self.summary, self.stalled, self.nodes, self.about, self.order):
                w.clear()
            self.quotes.set_rows([])
            return
        r = d.row
        state = r.stage.label if r.outcome is Outcome.OPEN else r.outcome.label
        expected = _("expected {amount}").format(amount=money_text(r.amount))
        if r.expected_on:
            expected += " " + _("by {day}").format(day=r.expected_on.isoformat())
        self.summary.setText(_("{number} “{title}” — {party} · {state} · {expected} · {owner}").format(
            number=r.number, title=r.title, party=r.party, state=state, expected=expected, owner=r.owner))
        limit = next((n.limit for n in d.nodes if n.stage is r.stage), None)
        self.stalled.setText(_("Stalled: {days} days in this stage, {limit} allowed").format(
            days=r.days_in_stage, limit=limit) if r.stalled else "")
        self.nodes.setText(_("Time nodes: {nodes}").format(nodes="  ›  ".join(node_text(n) for n in d.nodes)))
        about = [_("Products: {items}").format(items="; ".join(
            f"{p.code} {p.name} × {p.quantity}" for p in d.products) or "—")]
        if d.contacts:
            about.append(_("Contacts: {items}").format(items="; ".join(
                f"{k.name} ({k.role})" if k.role else k.name for k in d.contacts)))
        if d.competitors:
            about.append(_("Competitors met: {items}").format(items="; ".join(c.name for c in d.competitors)))
        if d.competitive_analysis:
            about.append(_("Competitive analysis: {text}").format(text=d.competitive_analysis))
        self.about.setText("\n".join(about))
        if r.outcome is Outcome.LOST:
            self.order.setText(_("Lost to {competitor}: {reason}").format(
                competitor=d.lost_to, reason=LossReason(d.loss_reason).label))
        elif d.order_number:
            self.order.setText(_("Won on {day}: draft order {number} made from it.").format(
                day=d.closed_on.isoformat() if d.closed_on else "", number=d.order_number))
        else:
            self.order.clear()
        self.quotes.set_rows(list(d.quotations))
        if d.quotations:
            self.quote_table.selectRow(len(d.quotations) - 1)

    def quotation(self) -> QuotationRef | None:
        """The quotation chosen in the table (the latest unless moved)."""
        row = self.quote_table.current_row()
        return None if row is None else self.quotes.row_at(row)
