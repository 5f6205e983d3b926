"""Rating proposals: the customer-service manager's queue of proposals awaiting a decision,
and the decided ones for reference."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from sales_desk.domain.common.roles import Actor
from sales_desk.domain.credit.rating import score_text
from sales_desk.i18n import _, ngettext
from sales_desk.services.credit import rating as credit_rating
from sales_desk.services.credit.rating import ProposalRow, ProposalStatus
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.credit.common import (
    PROPOSAL_STATUS,
    TOPIC,
    local_time,
    proposal_status_label,
)
from sales_desk.ui.tabs.credit.scorecard import ProposalDialog
from sales_desk.ui.widgets.list_model import RowsTableModel
from sales_desk.ui.widgets.page import Page
from sales_desk.ui.widgets.table import Table


def _cell(r: ProposalRow, column: int) -> str:
    return (str(r.id), r.customer_code, r.customer_name, score_text(r.total_score), r.grade,
            proposal_status_label(r.status), r.proposed_by, local_time(r.proposed_at))[column]


class ProposalsPage(Page):
    topics = frozenset({TOPIC})

    sig_dialog_opened = Signal(object)
    """A proposal dialog was opened (for tests and screenshots to reach it)."""

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(ctx, actor, parent)
        self.status_combo = QComboBox()
        self.status_combo.setObjectName("status_filter")
        for status in (ProposalStatus.PROPOSED, ProposalStatus.APPROVED, ProposalStatus.REJECTED):
            self.status_combo.addItem(_(PROPOSAL_STATUS[status]), status)
        self.status_combo.addItem(_("All"), None)
        self.status_combo.currentIndexChanged.connect(lambda _i: self.reload())
        label = QLabel(_("Stat&us:"))
        label.setBuddy(self.status_combo)
        self.model: RowsTableModel[ProposalRow] = RowsTableModel(
            [_("No."), _("Code"), _("Customer"), _("Score"), _("Grade"), _("Status"), _("Proposed by"),
             _("Proposed on")], _cell, self, right_aligned=(0, 3))
        self.table = Table("credit/proposals")
        self.table.setObjectName("proposals_table")
        self.table.setModel(self.model)
        self.table.restore_layout({0: 50, 1: 70, 2: 240, 3: 60, 4: 60, 5: 140, 6: 90})
        self.table.activated.connect(lambda _i: self.open_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selection_changed())
        self.open_button = QPushButton(_("&Open…"))
        self.open_button.clicked.connect(self.open_selected)
        self.count_label = QLabel()
        bar = QHBoxLayout()
        bar.addWidget(label)
        bar.addWidget(self.status_combo)
        bar.addStretch(1)
        bar.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        self._selection_changed()

    def load(self) -> None:
        status = self.status_combo.currentData()
        self.ctx.runner.run(lambda: credit_rating.list_proposals(self.ctx.uow(self.actor), status),
                            self._show, owner=self)

    def _show(self, rows: list[ProposalRow]) -> None:
        self.model.set_rows(rows)
        self.count_label.setText(ngettext("{n} proposal.", "{n} proposals.", len(rows)).format(n=len(rows)))
        self._selection_changed()

    def selected(self) -> ProposalRow | None:
        row = self.table.current_row()
        return None if row is None else self.model.row_at(row)

    def _selection_changed(self) -> None:
        self.open_button.setEnabled(self.selected() is not None)

    def open_selected(self) -> ProposalDialog | None:
        row = self.selected()
        if row is None:
            return None
        dialog = ProposalDialog(self.ctx, self.actor, row.id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.sig_dialog_opened.emit(dialog)
        return dialog

    def save_layout(self) -> None:
        self.table.save_layout()
