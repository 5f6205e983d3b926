"""The opportunities list [销售机会] with its funnel, filtered and sorted in the query; the
selected one's time nodes [时间节点], and the steps: next stage, win, lose (reason and
competitor), print its quotation. Every step has a mnemonic (Alt+letter); Enter opens."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.domain.opportunities.stages import OPEN_STAGES, STAGES, LossReason, Outcome
from sales_desk.i18n import _
from sales_desk.services.opportunities import opportunities, opportunity_views, pipeline
from sales_desk.services.opportunities.opportunity_views import (
    OpportunityDetail,
    OpportunityFilter,
    OpportunityRow,
)
from sales_desk.services.opportunities.pipeline import PipelineSummary
from sales_desk.ui.context import AppContext
from sales_desk.ui.widgets.list_model import RowsTableModel
from sales_desk.ui.widgets.money import money_text
from sales_desk.ui.widgets.page import Page
from sales_desk.ui.widgets.table import Table

TOPIC = "opportunity"


def _cell(r: OpportunityRow, column: int) -> str:
    return (r.number, r.title, r.party, r.owner, r.stage.label if r.outcome is Outcome.OPEN else r.outcome.label,
            money_text(r.amount), money_text(r.weighted), r.expected_on.isoformat() if r.expected_on else "",
            r.stage_since.isoformat(), _("Stalled") if r.stalled else "")[column]


class LossDialog(QDialog):
    """Lost: the reason and the competitor are required."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Lost"))
        self.reason = QComboBox()
        for r in LossReason:
            self.reason.addItem(r.label, r.value)
        self.competitor = QLineEdit()
        self.note = QLineEdit()
        form = QFormLayout(self)
        form.addRow(_("&Reason lost"), self.reason)
        form.addRow(_("&Competitor"), self.competitor)
        form.addRow(_("&Note"), self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class OpportunitiesPage(Page):
    topics = frozenset({TOPIC, "orders", "customers"})

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(ctx, actor, parent)
        self.outcome = QComboBox()
        for label, value in ((_("Open"), "open"), (_("Won"), "won"), (_("Lost"), "lost"), (_("All"), "")):
            self.outcome.addItem(label, value)
        self.stage = QComboBox()
        self.stage.addItem(_("Every stage"), "")
        for s in STAGES:
            self.stage.addItem(s.label, s.value)
        self.sort = QComboBox()
        for label, value in ((_("Newest first"), "number"), (_("Largest first"), "amount"),
                             (_("Expected soonest"), "expected"), (_("Longest in stage"), "stage")):
            self.sort.addItem(label, value)
        self.stalled = QCheckBox(_("S&talled only"))
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Number, title or customer"))
        self.search.returnPressed.connect(self.load)
        for w in (self.outcome, self.stage, self.sort):
            w.currentIndexChanged.connect(self.load)
        self.stalled.toggled.connect(self.load)
        bar = QHBoxLayout()
        for label, w in ((_("&Status"), self.outcome), (_("St&age"), self.stage), (_("S&ort"), self.sort)):
            lab = QLabel(label)
            lab.setBuddy(w)
            bar.addWidget(lab)
            bar.addWidget(w)
        bar.addWidget(self.stalled)
        bar.addWidget(self.search, 1)
        self.funnel = QLabel()
        self.funnel.setObjectName("funnel")
        self.funnel.setWordWrap(True)
        self.model = RowsTableModel(
            [_("Number"), _("Title"), _("Customer or lead"), _("Sales rep"), _("Stage"), _("Expected amount"),
             _("Weighted amount"), _("Expected on"), _("Stage since"), _("Stalled")], _cell, self,
            right_aligned=(5, 6))
        self.table = Table("opportunities/list")
        self.table.setObjectName("opportunities_table")
        self.table.setModel(self.model)
        self.table.restore_layout({0: 110, 1: 180, 2: 200, 3: 70, 4: 90, 5: 110, 6: 110, 7: 90, 8: 90})
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selected())
        self.nodes = QLabel()
        self.nodes.setObjectName("time_nodes")
        self.nodes.setWordWrap(True)
        edit = actor.can(Perm.OPPORTUNITY_EDIT)
        self.next_button = QPushButton(_("&Next stage"))
        self.win_button = QPushButton(_("&Won"))
        self.lose_button = QPushButton(_("&Lost…"))
        self.print_button = QPushButton(_("&Print the quotation"))
        steps = QHBoxLayout()
        for b, fn in ((self.next_button, self.advance), (self.win_button, self.win),
                      (self.lose_button, self.lose), (self.print_button, self.print_quotation)):
            b.setVisible(edit)
            b.setEnabled(False)
            b.clicked.connect(fn)
            steps.addWidget(b)
        steps.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.funnel)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.nodes)
        layout.addLayout(steps)
        self.detail: OpportunityDetail | None = None

    # -- reading ---------------------------------------------------------------------------
    def load(self) -> None:
        ctx, actor = self.ctx, self.actor
        f = OpportunityFilter(self.outcome.currentData() or None, self.stage.currentData() or None, None,
                              self.stalled.isChecked(), self.search.text(), self.sort.currentData())
        self.ctx.runner.run(lambda: (opportunity_views.list_opportunities(ctx.uow(actor), f)[0],
                                     pipeline.pipeline_summary(ctx.uow(actor))), self._show, owner=self)

    def _show(self, result: tuple[list[OpportunityRow], PipelineSummary]) -> None:
        rows, summary = result
        self.model.set_rows(rows)
        parts = [f"{r.stage.label} {r.count} · {money_text(r.amount)}" for r in summary.funnel.rows]
        self.funnel.setText(_("Funnel: {stages}. Open {n}, weighted {weighted}, stalled {stalled}.").format(
            stages=" › ".join(parts), n=summary.funnel.count, weighted=money_text(summary.funnel.weighted),
            stalled=summary.funnel.stalled))
        self.detail = None
        self._buttons()
        if rows:
            self.table.selectRow(0)

    def _selected(self) -> None:
        row = self.table.current_row()
        if row is None:
            return
        oid = self.model.row_at(row).id
        ctx, actor = self.ctx, self.actor
        self.ctx.runner.run(lambda: opportunity_views.opportunity_detail(ctx.uow(actor), oid), self._show_detail,
                            owner=self)

    def _show_detail(self, d: OpportunityDetail) -> None:
        self.detail = d
        nodes = "  ›  ".join(
            f"{n.stage.label} {n.reached_on.isoformat()}" + (f" ({n.days} d)" if n.days is not None else "")
            + (" ⚠" if n.overdue else "") for n in d.nodes)
        extra = ""
        if d.row.outcome is Outcome.LOST:
            extra = _("Lost to {competitor}: {reason}").format(competitor=d.lost_to,
                                                               reason=LossReason(d.loss_reason).label)
        elif d.order_number:
            extra = _("Order {number}").format(number=d.order_number)
        self.nodes.setText(_("Time nodes: {nodes}").format(nodes=nodes) + (f"   {extra}" if extra else ""))
        self._buttons()

    def _buttons(self) -> None:
        d = self.detail
        open_ = d is not None and d.may_edit and d.row.outcome is Outcome.OPEN
        self.next_button.setEnabled(open_ and d.row.stage in OPEN_STAGES[:-1])  # type: ignore[union-attr]
        self.win_button.setEnabled(open_ and d.row.stage is OPEN_STAGES[-1])  # type: ignore[union-attr]
        self.lose_button.setEnabled(open_)
        self.print_button.setEnabled(d is not None and any(q.status in ("approved", "issued") for q in d.quotations))

    # -- the steps -------------------------------------------------------------------------
    def _write(self, fn) -> None:  # noqa: ANN001
        self.ctx.runner.run(fn, lambda _r: None, writes=TOPIC, owner=self)

    def advance(self) -> None:
        d, ctx, actor = self.detail, self.ctx, self.actor
        if d is not None:
            nxt = STAGES[d.row.stage.position + 1]
            self._write(lambda: opportunities.advance_stage(ctx.uow(actor), d.row.id, nxt))

    def win(self) -> None:
        d, ctx, actor = self.detail, self.ctx, self.actor
        if d is not None:
            self._write(lambda: opportunities.win_opportunity(ctx.uow(actor), d.row.id))

    def lose(self) -> None:
        d, ctx, actor = self.detail, self.ctx, self.actor
        if d is None:
            return
        dlg = LossDialog(self)
        if dlg.exec() == QDialog.DialogCode.Accepted:
            reason, who, note = dlg.reason.currentData(), dlg.competitor.text(), dlg.note.text()
            self._write(lambda: opportunities.lose_opportunity(ctx.uow(actor), d.row.id, reason, who, note))

    def print_quotation(self) -> None:
        d, ctx, actor = self.detail, self.ctx, self.actor
        if d is None:
            return
        # the PDF library loads on the first print, not with the window
        from sales_desk.reports.records.issuers import issue_quotation

        q = [q for q in d.quotations if q.status in ("approved", "issued")][-1]
        self.ctx.runner.run(lambda: issue_quotation(ctx.uow(actor), q.id), lambda ref: self.nodes.setText(
            _("Quotation {number} issued as {document}.").format(number=q.number, document=ref.number)),
            writes=TOPIC, owner=self)

    def save_layout(self) -> None:
        self.table.save_layout()
