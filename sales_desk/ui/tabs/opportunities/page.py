"""The opportunities list [销售机会] with its funnel, filtered and sorted in the query, and
under it the selected one (detail.py) with the day's work on it: new and edit (Enter opens
it), advance stage with its day [时间节点], won — which makes the draft order once and offers
to open it in the Orders tab —, lost (reason and competitor), new quotation, the sales VP's
approval or refusal of a price below the floor, print. Every step has a mnemonic (Alt+letter)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.domain.opportunities.stages import OPEN_STAGES, STAGES, Outcome
from sales_desk.i18n import _
from sales_desk.services.opportunities import opportunities, opportunity_views, pipeline
from sales_desk.services.opportunities.opportunity_views import (
    OpportunityDetail,
    OpportunityFilter,
    OpportunityRow,
)
from sales_desk.services.opportunities.pipeline import PipelineSummary
from sales_desk.services.opportunities.quotations import QuotationStatus
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.opportunities.common import CUSTOMERS, ORDERS, TOPIC
from sales_desk.ui.tabs.opportunities.detail import DetailPanel
from sales_desk.ui.tabs.opportunities.opportunity_form import OpportunityForm
from sales_desk.ui.tabs.opportunities.quotation_form import QuotationForm
from sales_desk.ui.tabs.opportunities.steps import LossDialog, PriceDecisionDialog, StageDialog
from sales_desk.ui.widgets import dialogs
from sales_desk.ui.widgets.list_model import RowsTableModel
from sales_desk.ui.widgets.money import money_text
from sales_desk.ui.widgets.page import Page
from sales_desk.ui.widgets.shortcuts import enter_opens, shortcut
from sales_desk.ui.widgets.table import Table
from sales_desk.ui.widgets.visibility import shown_if


def _cell(r: OpportunityRow, column: int) -> str:
    return (r.number, r.title, r.party, r.owner, r.stage.label if r.outcome is Outcome.OPEN else r.outcome.label,
            money_text(r.amount), money_text(r.weighted), r.expected_on.isoformat() if r.expected_on else "",
            r.stage_since.isoformat(), _("Stalled") if r.stalled else "")[column]


class OpportunitiesPage(Page):
    topics = frozenset({TOPIC, ORDERS, CUSTOMERS})

    sig_open_item = Signal(str, str, int)
    """Open this in another tab (tab key, kind, id): the order a win made."""

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(ctx, actor, parent)
        self.outcome = QComboBox()
        for o in Outcome:
            self.outcome.addItem(o.label, o.value)
        self.outcome.addItem(_("All"), "")
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
        enter_opens(self.table, self.edit)
        self.table.doubleClicked.connect(lambda _i: self.edit())
        shortcut("Ctrl+N", self, lambda: self.new_opportunity() if self.new_button.isEnabled() else None,
                 Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.detail_panel = DetailPanel()
        self.nodes = self.detail_panel.nodes
        edit = actor.can(Perm.OPPORTUNITY_EDIT)
        decide = actor.can(Perm.PRICE_BELOW_FLOOR_APPROVE)
        self.new_button = QPushButton(_("&New opportunity…"))
        self.edit_button = QPushButton(_("&Edit…"))
        self.next_button = QPushButton(_("A&dvance stage…"))
        self.win_button = QPushButton(_("&Won…"))
        self.lose_button = QPushButton(_("&Lost…"))
        self.quote_button = QPushButton(_("New &quotation…"))
        self.print_button = QPushButton(_("&Print the quotation"))
        self.approve_button = QPushButton(_("Appro&ve the prices…"))
        self.refuse_button = QPushButton(_("Ref&use the prices…"))
        steps, quotes = QHBoxLayout(), QHBoxLayout()
        for b, fn, shown, row in (
                (self.new_button, self.new_opportunity, edit, steps), (self.edit_button, self.edit, edit, steps),
                (self.next_button, self.advance, edit, steps), (self.win_button, self.win, edit, steps),
                (self.lose_button, self.lose, edit, steps), (self.quote_button, self.new_quotation, edit, quotes),
                (self.print_button, self.print_quotation, True, quotes),
                (self.approve_button, lambda: self.decide(True), decide, quotes),
                (self.refuse_button, lambda: self.decide(False), decide, quotes)):
            shown_if(b, shown)
            b.setEnabled(False)
            b.clicked.connect(lambda _c=False, f=fn: f())
            row.addWidget(b)
        self.new_button.setEnabled(edit)
        self.detail_panel.open_order_button.clicked.connect(self.open_order)
        self.detail_panel.quote_table.selectionModel().selectionChanged.connect(lambda *_a: self._buttons())
        steps.addStretch(1)
        quotes.addStretch(1)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addLayout(steps)
        lower_layout.addWidget(self.detail_panel, 1)
        lower_layout.addLayout(quotes)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(lower)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.funnel)
        layout.addWidget(split, 1)
        self.note = QLabel()
        self.note.setObjectName("opportunity_note")
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.detail: OpportunityDetail | None = None
        self._select_id: int | None = None

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
        self.detail_panel.show_detail(None)
        self._buttons()
        ids = [r.id for r in self.model.rows()]
        if ids:
            self.table.selectRow(ids.index(self._select_id) if self._select_id in ids else 0)

    def _selected(self) -> None:
        row = self.table.current_row()
        if row is None:
            return
        oid = self.model.row_at(row).id
        ctx, actor = self.ctx, self.actor
        self.ctx.runner.run(lambda: opportunity_views.opportunity_detail(ctx.uow(actor), oid), self._show_detail,
                            owner=self)

    def _show_detail(self, d: OpportunityDetail) -> None:
        row = self.table.current_row()
        if row is None or self.model.row_at(row).id != d.row.id:
            return  # another one was chosen meanwhile
        self.detail = d
        self.detail_panel.show_detail(d)
        self._buttons()

    def _buttons(self) -> None:
        d = self.detail
        open_ = d is not None and d.may_edit and d.row.outcome is Outcome.OPEN
        self.edit_button.setEnabled(open_)
        self.next_button.setEnabled(open_ and d.row.stage in OPEN_STAGES[:-1])  # type: ignore[union-attr]
        self.win_button.setEnabled(open_ and d.row.stage is OPEN_STAGES[-1])  # type: ignore[union-attr]
        self.lose_button.setEnabled(open_)
        self.quote_button.setEnabled(open_ and d.customer_id is not None)  # type: ignore[union-attr]
        q = self.detail_panel.quotation() if d is not None else None
        self.print_button.setEnabled(q is not None and q.status in (QuotationStatus.APPROVED, QuotationStatus.ISSUED))
        pending = q is not None and q.status == QuotationStatus.PENDING
        self.approve_button.setEnabled(pending)
        self.refuse_button.setEnabled(pending)

    # -- the steps -------------------------------------------------------------------------
    def _dialog(self, dialog: QDialog, select: int | None = None) -> QDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if select is not None:
            self._select_id = select
        dialog.open()
        return dialog

    def new_opportunity(self, lead: tuple[int, str] | None = None) -> OpportunityForm:
        form = OpportunityForm(self.ctx, self.actor, None, lead, self)
        form.accepted.connect(lambda: setattr(self, "_select_id", form.saved_id))
        return self._dialog(form)  # type: ignore[return-value]

    def edit(self) -> OpportunityForm | None:
        d = self.detail
        if d is None or not (d.may_edit and d.row.outcome is Outcome.OPEN):
            return None
        return self._dialog(OpportunityForm(self.ctx, self.actor, d, None, self), d.row.id)  # type: ignore[return-value]

    def advance(self) -> StageDialog | None:
        d = self.detail
        if d is None or not self.next_button.isEnabled():
            return None
        return self._dialog(StageDialog(self.ctx, self.actor, d, self), d.row.id)  # type: ignore[return-value]

    def lose(self) -> LossDialog | None:
        d = self.detail
        if d is None or not self.lose_button.isEnabled():
            return None
        return self._dialog(LossDialog(self.ctx, self.actor, d, self), d.row.id)  # type: ignore[return-value]

    def new_quotation(self) -> QuotationForm | None:
        d = self.detail
        if d is None or not self.quote_button.isEnabled():
            return None
        return self._dialog(QuotationForm(self.ctx, self.actor, d, self), d.row.id)  # type: ignore[return-value]

    def decide(self, approve: bool) -> PriceDecisionDialog | None:
        d, q = self.detail, self.detail_panel.quotation()
        if d is None or q is None or q.status != QuotationStatus.PENDING:
            return None
        return self._dialog(PriceDecisionDialog(self.ctx, self.actor, q, approve, self), d.row.id)  # type: ignore[return-value]

    def win(self) -> None:
        d, ctx, actor = self.detail, self.ctx, self.actor
        if d is None or not self.win_button.isEnabled():
            return
        if not dialogs.confirm(self, _("Opportunity won"), _(
                "Close {number} “{title}” as won? Its draft order is made once, from its latest quotation "
                "ready to print (else its products at the list price); the order's own rules take over "
                "from there.").format(number=d.row.number, title=d.row.title), _("Win and make the order")):
            return
        oid = d.row.id
        self._select_id = oid
        self.ctx.runner.run(lambda: (opportunities.win_opportunity(ctx.uow(actor), oid),
                                     opportunity_views.opportunity_detail(ctx.uow(actor), oid)),
                            self._won, writes=ORDERS, owner=self)

    def _won(self, result: tuple[int, OpportunityDetail]) -> None:
        order_id, d = result
        self.show_opportunity(d.row.id)  # among every status: no longer an open one
        self.note.setText(_("{number} is won: draft order {order}.").format(number=d.row.number,
                                                                            order=d.order_number))
        if dialogs.confirm(self, _("Opportunity won"), _("{number} is won: draft order {order} was made from it. Open the "
                                             "order in the Orders tab?").format(number=d.row.number,
                                                                                order=d.order_number),
                           _("Open the order")):
            self.sig_open_item.emit("orders", "order", order_id)

    def open_order(self) -> None:
        d = self.detail
        if d is not None and d.order_id is not None:
            self.sig_open_item.emit("orders", "order", d.order_id)

    def print_quotation(self) -> None:
        q = self.detail_panel.quotation()
        if q is None or q.status not in (QuotationStatus.APPROVED, QuotationStatus.ISSUED):
            return
        ctx, actor = self.ctx, self.actor
        # the PDF library loads on the first print, not with the window
        from sales_desk.reports.records.issuers import issue_quotation

        self.ctx.runner.run(lambda: issue_quotation(ctx.uow(actor), q.id), lambda ref: self.note.setText(
            _("Quotation {number} issued as {document}.").format(number=q.number, document=ref.number)),
            writes=TOPIC, owner=self)

    def show_opportunity(self, opportunity_id: int) -> None:
        """Select it in the list of every status (another tab asked for it)."""
        self._select_id = opportunity_id
        self.search.clear()
        blocked = self.outcome.blockSignals(True)
        self.outcome.setCurrentIndex(self.outcome.findData(""))
        self.outcome.blockSignals(blocked)
        self.reload()

    def save_layout(self) -> None:
        self.table.save_layout()
        self.detail_panel.quote_table.save_layout()
