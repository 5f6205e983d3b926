"""Travel applications: one's own (apply, withdraw, claim an approved trip), and for the
sales manager and the general manager everyone's, to approve or refuse."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from sales_desk.domain.common.roles import Actor, Perm, Role
from sales_desk.domain.expenses.claims import StepKind, TravelStatus
from sales_desk.i18n import N_, _, ngettext
from sales_desk.services.expenses import travel
from sales_desk.services.expenses.common import sees_all
from sales_desk.services.expenses.travel import TravelRow
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.expenses.claim_form import ClaimFormDialog
from sales_desk.ui.tabs.expenses.common import TOPIC, day, travel_status_text
from sales_desk.ui.tabs.expenses.travel_dialogs import TravelApplyDialog, TravelDecisionDialog
from sales_desk.ui.widgets import dialogs
from sales_desk.ui.widgets.list_model import RowsTableModel
from sales_desk.ui.widgets.money import money_text
from sales_desk.ui.widgets.page import Page
from sales_desk.ui.widgets.shortcuts import enter_opens
from sales_desk.ui.widgets.table import Table
from sales_desk.ui.widgets.visibility import shown_if

HEADERS = (N_("No."), N_("Applicant"), N_("Destination"), N_("From"), N_("To"), N_("Estimated cost"),
           N_("Approver"), N_("Status"), N_("Decided by"), N_("Comment"), N_("Purpose"))


def approver_name(kind: str) -> str:
    return Role.GM.label if kind == StepKind.GM.value else Role.SALES_MANAGER.label


def _cell(r: TravelRow, column: int) -> str:
    status = travel_status_text(r.status)
    if r.claimed:
        status = _("{status}, claimed").format(status=status)
    return (str(r.id), r.applicant, r.destination, day(r.start_on), day(r.end_on), money_text(r.estimated_amount),
            approver_name(r.approver_kind), status, r.decided_by, r.decision_comment, r.purpose)[column]


class TravelPage(Page):
    topics = frozenset({TOPIC})

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(ctx, actor, parent)
        self.may_apply = actor.can(Perm.EXPENSE_APPLY)
        self.may_decide = actor.can(Perm.EXPENSE_APPROVE) or actor.can(Perm.EXPENSE_APPROVE_MAJOR)
        self.whose = QComboBox()
        self.whose.setObjectName("travel_whose")
        if self.may_apply:
            self.whose.addItem(_("My applications"), True)
        if sees_all(actor):
            self.whose.addItem(_("Everyone's applications"), False)
        if self.may_decide:  # the approver starts with what waits for them
            self.whose.setCurrentIndex(self.whose.findData(False))
        shown_if(self.whose, self.whose.count() > 1)
        self.status = QComboBox()
        self.status.setObjectName("travel_status")
        self.status.addItem(_("Any status"), "")
        for s in TravelStatus:
            self.status.addItem(s.label, s.value)
        for combo in (self.whose, self.status):
            combo.currentIndexChanged.connect(lambda _i: self.load())

        self.model: RowsTableModel[TravelRow] = RowsTableModel([_(h) for h in HEADERS], _cell, self,
                                                                right_aligned=(0, 5))
        self.table = Table("expenses/travel")
        self.table.setObjectName("travel_table")
        self.table.setModel(self.model)
        self.table.restore_layout({0: 44, 1: 60, 2: 80, 3: 82, 4: 82, 5: 95, 6: 125, 7: 125, 8: 62, 9: 110})
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        enter_opens(self.table, self.open_selected)

        self.apply_button = QPushButton(_("&Apply for travel…"))
        self.apply_button.setObjectName("apply_travel")
        shown_if(self.apply_button, self.may_apply)
        self.apply_button.clicked.connect(self.apply)
        self.decide_button = QPushButton(_("&Decide…"))
        self.decide_button.setObjectName("decide_travel")
        shown_if(self.decide_button, self.may_decide)
        self.decide_button.clicked.connect(self.decide)
        self.claim_button = QPushButton(_("&Claim this trip…"))
        self.claim_button.setObjectName("claim_travel")
        shown_if(self.claim_button, self.may_apply)
        self.claim_button.clicked.connect(self.claim)
        self.withdraw_button = QPushButton(_("&Withdraw…"))
        self.withdraw_button.setObjectName("withdraw_travel")
        shown_if(self.withdraw_button, self.may_apply)
        self.withdraw_button.clicked.connect(self.withdraw)
        self.count_label = QLabel()

        top = QHBoxLayout()
        top.addWidget(self.whose)
        top.addWidget(self.status)
        top.addStretch(1)
        for b in (self.apply_button, self.decide_button, self.claim_button, self.withdraw_button):
            top.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        self._update_buttons()

    def load(self) -> None:
        ctx, actor = self.ctx, self.actor
        mine, status = bool(self.whose.currentData()), str(self.status.currentData() or "")
        self.ctx.runner.run(lambda: travel.list_travel(ctx.uow(actor), mine=mine, status=status), self._show,
                            owner=self)

    def _show(self, rows: list[TravelRow]) -> None:
        selected = self.selected()
        self.model.set_rows(rows)
        if selected is not None:
            row = next((i for i, r in enumerate(rows) if r.id == selected.id), None)
            if row is not None:
                self.table.selectRow(row)
        self.count_label.setText(ngettext("{n} travel application.", "{n} travel applications.", len(rows))
                                 .format(n=len(rows)) if rows else _("No travel applications."))
        self._update_buttons()

    def selected(self) -> TravelRow | None:
        row = self.table.current_row()
        return None if row is None else self.model.row_at(row)

    def _may_decide(self, r: TravelRow | None) -> bool:
        if r is None or r.status != TravelStatus.PENDING.value or r.applicant_id == self.actor.user_id:
            return False
        return (self.actor.can(Perm.EXPENSE_APPROVE_MAJOR)
                or (self.actor.can(Perm.EXPENSE_APPROVE) and r.approver_kind == StepKind.APPROVE.value))

    def _update_buttons(self) -> None:
        r = self.selected()
        own = r is not None and r.applicant_id == self.actor.user_id
        self.decide_button.setEnabled(self._may_decide(r))
        self.claim_button.setEnabled(own and r.status == TravelStatus.APPROVED.value and not r.claimed)
        self.withdraw_button.setEnabled(own and r.status in (TravelStatus.PENDING.value, TravelStatus.APPROVED.value)
                                        and not r.claimed)

    def open_selected(self) -> None:
        r = self.selected()
        if self._may_decide(r):
            self.decide()
        elif r is not None and r.applicant_id == self.actor.user_id and self.claim_button.isEnabled():
            self.claim()

    def apply(self) -> TravelApplyDialog:
        dialog = TravelApplyDialog(self.ctx, self.actor, self)
        dialog.open()
        return dialog

    def decide(self) -> TravelDecisionDialog | None:
        r = self.selected()
        if not self._may_decide(r):
            return None
        assert r is not None
        dialog = TravelDecisionDialog(self.ctx, self.actor, r.id, self, row=r)
        dialog.open()
        return dialog

    def claim(self) -> ClaimFormDialog | None:
        r = self.selected()
        if r is None:
            return None
        dialog = ClaimFormDialog(self.ctx, self.actor, None, self, travel_application_id=r.id)
        dialog.open()
        return dialog

    def withdraw(self) -> None:
        r = self.selected()
        if r is None or not dialogs.confirm(
                self, _("Withdraw the travel application"),
                _("Withdraw travel application No. {id} to {where}?").format(id=r.id, where=r.destination),
                _("Withdraw"), destructive=True):
            return
        ctx, actor, app_id = self.ctx, self.actor, r.id
        self.ctx.runner.run(lambda: travel.withdraw_travel(ctx.uow(actor), app_id), writes=TOPIC, owner=self)

    def save_layout(self) -> None:
        self.table.save_layout()
