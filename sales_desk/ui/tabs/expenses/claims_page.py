"""The claim list: one's own claims, or every claim for those who oversee expenses;
filtered in the query, paged by keyset, counted with their total.

Keys: Enter (or a double click) opens the selected claim; Ctrl+N (the tab's) a new application.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from sales_desk import clock
from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.i18n import _, ngettext
from sales_desk.services.expenses import budgets
from sales_desk.services.expenses import forms as expense_forms
from sales_desk.services.expenses import queries as expense_queries
from sales_desk.services.expenses.common import sees_all
from sales_desk.services.expenses.queries import ClaimFilter
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.expenses.claim_dialog import ClaimDialog
from sales_desk.ui.tabs.expenses.claim_filters import ClaimFilterBar
from sales_desk.ui.tabs.expenses.claim_form import ClaimFormDialog
from sales_desk.ui.tabs.expenses.claims_model import COLUMNS, PAGE_SIZE, ClaimListModel
from sales_desk.ui.tabs.expenses.common import PROFILES_TOPIC, TOPIC
from sales_desk.ui.widgets.money import money_text
from sales_desk.ui.widgets.page import Page
from sales_desk.ui.widgets.shortcuts import enter_opens
from sales_desk.ui.widgets.table import Table
from sales_desk.ui.widgets.visibility import shown_if


class ClaimsPage(Page):
    topics = frozenset({TOPIC, PROFILES_TOPIC})

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None,
                 page_size: int = PAGE_SIZE, today: date | None = None):
        super().__init__(ctx, actor, parent)
        self.sees_all = sees_all(actor)
        self.may_apply = actor.can(Perm.EXPENSE_APPLY)
        self.total: tuple[int, int] | None = None
        self._first_load = True
        self._select_id: int | None = None

        self.filters = ClaimFilterBar(self.sees_all, today or clock.today())
        self.filters.sig_changed.connect(self.apply_filter)
        self.model = ClaimListModel(ctx, actor, self, page_size)
        self.model.sig_page_loaded.connect(self._page_loaded)
        self.table = Table("expenses/claims")
        self.table.setObjectName("claims_table")
        self.table.setModel(self.model)
        self.table.restore_layout({i: c.width for i, c in enumerate(COLUMNS)})
        # One's own claims: the claimant column says nothing. Set either way: the remembered
        # layout may come from a user who saw only their own.
        self.table.setColumnHidden(2, not self.sees_all)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selection_changed())

        self.new_button = QPushButton(_("&New application…"))
        self.new_button.setObjectName("new_claim")
        self.new_button.setToolTip(_("Ctrl+N"))
        shown_if(self.new_button, self.may_apply)
        self.new_button.clicked.connect(self.new_claim)
        self.open_button = QPushButton(_("&Open"))
        self.open_button.setObjectName("open_claim")
        self.open_button.setToolTip(_("Enter"))
        self.open_button.clicked.connect(self.open_selected)
        self.count_label = QLabel()
        self.count_label.setObjectName("claim_count")

        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.new_button)
        bottom.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self._keys()
        self._selection_changed()

    def _keys(self) -> None:
        # Ctrl+N belongs to the tab (ExpensesTab), so that it works from every expense page.
        enter_opens(self.table, self.open_selected)
        self.setTabOrder(self.filters.clear_button, self.table)
        self.setTabOrder(self.table, self.new_button)
        self.setTabOrder(self.new_button, self.open_button)

    # -- loading ---------------------------------------------------------------------------------
    def load(self) -> None:
        if self._first_load:
            self._first_load = False
            self.apply_filter(force=True)  # the rows first; the filters' choices after them
            if self.sees_all:
                ctx, actor = self.ctx, self.actor
                self.ctx.runner.run(
                    lambda: (expense_forms.claimants(ctx.uow(actor)), budgets.departments(ctx.uow(actor))),
                    self._choices, owner=self)
        else:
            selected = self.selected_id()
            if selected is not None:
                self._select_id = selected
            self.total = None
            self.model.reload()

    def _choices(self, choices: tuple) -> None:
        people, departments = choices
        self.filters.set_people(people)
        self.filters.set_departments(departments)

    def apply_filter(self, force: bool = False) -> None:
        flt = self.filters.current()
        if flt != self.model.flt or force:
            self.total = None
            self.model.set_filter(flt)

    def _page_loaded(self, _count: int) -> None:
        if self.total is None:
            self._count(self.model.flt)
        if self._select_id is not None:
            row = self.model.row_of(self._select_id)
            if row is not None:
                self.table.selectRow(row)
                self.table.scrollTo(self.model.index(row, 0))
                self._select_id = None
            elif not self.model.canFetchMore(QModelIndex()):
                self._select_id = None
        self._show_count()

    def _count(self, flt: ClaimFilter) -> None:
        self.total = (-1, 0)

        def counted(result: tuple[int, int]) -> None:
            if flt == self.model.flt:  # not an answer to a filter since replaced
                self.total = result
                self._show_count()

        self.ctx.runner.run(lambda: expense_queries.count_claims(self.ctx.uow(self.actor), flt), counted,
                            owner=self)

    def _show_count(self) -> None:
        shown = self.model.rowCount()
        if self.total is None or self.total[0] < 0:
            self.count_label.setText("")
            return
        n, amount = self.total
        if n == 0:
            text = (_("No claim matches these filters.") if self.filters.is_filtered()
                    else _("No expense claims yet."))
        elif shown < n:
            text = _("{shown} of {n} claims shown ({amount} in all); scroll down for more.").format(
                shown=shown, n=n, amount=money_text(amount))
        else:
            text = ngettext("{n} claim, {amount}.", "{n} claims, {amount} in all.", n).format(
                n=n, amount=money_text(amount))
        self.count_label.setText(text)

    # -- the selected claim ----------------------------------------------------------------------
    def selected_id(self) -> int | None:
        row = self.table.current_row()
        return None if row is None else self.model.row_at(row).id

    def _selection_changed(self) -> None:
        self.open_button.setEnabled(self.selected_id() is not None)

    def open_selected(self) -> ClaimDialog | None:
        claim_id = self.selected_id()
        return None if claim_id is None else self.open_claim(claim_id)

    def open_claim(self, claim_id: int) -> ClaimDialog:
        dialog = ClaimDialog(self.ctx, self.actor, claim_id, self)
        dialog.open()
        return dialog

    def new_claim(self) -> ClaimFormDialog | None:
        if not self.may_apply:
            return None
        dialog = ClaimFormDialog(self.ctx, self.actor, None, self)
        dialog.sig_saved.connect(self._submitted)
        dialog.open()
        return dialog

    def _submitted(self, claim_id: int) -> None:
        self._select_id = claim_id  # the list reloads on the write; show the new claim there
        window = self.window()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(_("Claim No. {id} submitted.").format(id=claim_id), 8000)

    def save_layout(self) -> None:
        self.table.save_layout()
