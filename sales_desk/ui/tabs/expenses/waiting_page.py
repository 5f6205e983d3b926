"""Waiting for me: the claims at a step this user decides, the signed claims the cashier
pays, travel applications to approve, budgets to check or approve and the annual report
to review — oldest first.
Enter (or a double click) opens the item where it is decided."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.i18n import N_, _, ngettext
from sales_desk.services.expenses import waiting as expense_waiting
from sales_desk.services.expenses.waiting import WaitingItem
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.expenses.claim_dialog import ClaimDialog
from sales_desk.ui.tabs.expenses.common import (
    BUDGET_TOPIC,
    TOPIC,
    budget_status_text,
    item_text,
    local_time,
    step_label,
)
from sales_desk.ui.tabs.expenses.travel_dialogs import TravelDecisionDialog
from sales_desk.ui.widgets.list_model import RowsTableModel
from sales_desk.ui.widgets.money import money_text
from sales_desk.ui.widgets.page import Page
from sales_desk.ui.widgets.shortcuts import enter_opens
from sales_desk.ui.widgets.table import Table

# Whoever holds one of these has work that can wait for them here.
DECIDERS = frozenset({Perm.EXPENSE_REVIEW, Perm.EXPENSE_APPROVE, Perm.EXPENSE_APPROVE_MAJOR,
                      Perm.EXPENSE_FINANCE_CHECK, Perm.EXPENSE_PAY, Perm.BUDGET_CHECK, Perm.BUDGET_APPROVE,
                      Perm.EXPENSE_REVIEW_EXPLANATION, Perm.EXPENSE_REPORT_REVIEW})
HEADERS = (N_("Waiting for"), N_("No."), N_("From"), N_("Amount"), N_("Since"), N_("What"))


def what_text(item: WaitingItem) -> str:
    if item.kind == "claim":
        return step_label(item.step)
    if item.kind == "payment":
        return _("Payment by the cashier")
    if item.kind == "travel":
        return _("Travel application: {step}").format(step=step_label(item.step))
    if item.kind == "report":
        return _("Annual report: the general manager's review")
    return _("Budget: {status}").format(status=budget_status_text(item.step))


def _cell(item: WaitingItem, column: int) -> str:
    if column == 5:
        if item.kind == "budget":  # "2026 r2"
            year, _sep, revision = item.summary.partition(" r")
            return _("Budget {year}, revision {revision}").format(year=year, revision=revision)
        if item.kind == "report":
            return _("Annual expense-control report {year}").format(year=item.summary)
        if item.kind in ("claim", "payment"):  # "item · purpose": the item is shown translated
            what, sep, purpose = item.summary.partition(" · ")
            return item_text(what) + sep + purpose
        return item.summary
    return (what_text(item), str(item.id), item.who, money_text(item.amount) if item.amount else "",
            local_time(item.since))[column]


class WaitingPage(Page):
    topics = frozenset({TOPIC, BUDGET_TOPIC})

    sig_open_budget = Signal(int)
    """Open this budget (by id) on the budget page, where it is checked or approved."""

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(ctx, actor, parent)
        self.model: RowsTableModel[WaitingItem] = RowsTableModel([_(h) for h in HEADERS], _cell, self,
                                                                  right_aligned=(1, 3))
        self.table = Table("expenses/waiting")
        self.table.setObjectName("waiting_table")
        self.table.setModel(self.model)
        self.table.restore_layout({0: 270, 1: 60, 2: 80, 3: 100, 4: 130})
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selection_changed())
        enter_opens(self.table, self.open_selected)
        self.open_button = QPushButton(_("&Open"))
        self.open_button.setObjectName("open_waiting")
        self.open_button.setToolTip(_("Enter"))
        self.open_button.clicked.connect(self.open_selected)
        self.count_label = QLabel()
        self.count_label.setObjectName("waiting_count")
        intro = QLabel(_("What waits for your decision, oldest first. Your own claims never wait for you."))
        intro.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(intro, 1)
        top.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        self._selection_changed()

    def load(self) -> None:
        ctx, actor = self.ctx, self.actor
        self.ctx.runner.run(lambda: expense_waiting.waiting_for_me(ctx.uow(actor)), self._show, owner=self)

    def _show(self, items: list[WaitingItem]) -> None:
        selected = self.selected()
        self.model.set_rows(items)
        keep = next((i for i, x in enumerate(items) if selected and (x.kind, x.id) == (selected.kind, selected.id)),
                    None)
        if keep is not None:
            self.table.selectRow(keep)
        self.count_label.setText(
            ngettext("{n} item waits for you.", "{n} items wait for you.", len(items)).format(n=len(items))
            if items else _("Nothing waits for you."))
        self._selection_changed()

    def selected(self) -> WaitingItem | None:
        row = self.table.current_row()
        return None if row is None else self.model.row_at(row)

    def _selection_changed(self) -> None:
        self.open_button.setEnabled(self.selected() is not None)

    def open_selected(self):  # noqa: ANN201 - the dialog opened, if any
        item = self.selected()
        if item is None:
            return None
        if item.kind in ("claim", "payment"):
            dialog = ClaimDialog(self.ctx, self.actor, item.id, self)
            dialog.open()
            return dialog
        if item.kind == "travel":
            travel = TravelDecisionDialog(self.ctx, self.actor, item.id, self)
            travel.open()
            return travel
        if item.kind == "report":
            from sales_desk.ui.tabs.expenses.report_review import ReportReviewDialog

            report = ReportReviewDialog(self.ctx, self.actor, int(item.summary), self)
            report.open()
            return report
        self.sig_open_budget.emit(item.id)
        return None

    def save_layout(self) -> None:
        self.table.save_layout()
