"""The sales-expense budget [销售费用预算]: per year, a figure per month, category and
department. The sales side prepares it, finance checks it, the general manager
approves it; a change after approval is a revision that goes the same way while the
approved version stays in force. The break-even calculator sits beside it.

This page loads the budget chosen (budget_chooser), keeps its state and runs the
writes; the grid (budget_grid, budget_model), the versions and how they read
(budget_versions) and the check and approval box (budget_decision) are beside it.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sales_desk import clock
from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.domain.expenses.budget import IN_PROGRESS, OPEN, BudgetStatus
from sales_desk.i18n import _
from sales_desk.services.expenses import budgets
from sales_desk.services.expenses.budgets import BudgetLineRow, BudgetView
from sales_desk.ui.context import AppContext
from sales_desk.ui.login import ERROR_STYLE
from sales_desk.ui.tabs.expenses.break_even import BreakEvenPanel
from sales_desk.ui.tabs.expenses.budget_chooser import BudgetChooser
from sales_desk.ui.tabs.expenses.budget_decision import BudgetDecisionBox
from sales_desk.ui.tabs.expenses.budget_grid import BudgetGrid
from sales_desk.ui.tabs.expenses.budget_model import BudgetGridModel
from sales_desk.ui.tabs.expenses.budget_versions import VersionsTable, shown_version_texts
from sales_desk.ui.tabs.expenses.common import BUDGET_TOPIC, HINT_STYLE, PROFILES_TOPIC
from sales_desk.ui.tabs.expenses.reason_dialog import ReasonDialog
from sales_desk.ui.widgets import dialogs
from sales_desk.ui.widgets.page import Page
from sales_desk.ui.widgets.visibility import shown_if


class BudgetPage(Page):
    topics = frozenset({BUDGET_TOPIC, PROFILES_TOPIC})

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None, today: date | None = None):
        super().__init__(ctx, actor, parent)
        self.preparer = actor.can(Perm.BUDGET_PREPARE)
        self.checker = actor.can(Perm.BUDGET_CHECK)
        self.approver = actor.can(Perm.BUDGET_APPROVE)
        self.versions: list[BudgetView] = []
        self.current: BudgetView | None = None
        self.new_draft = False  # a first version being typed, not yet saved
        self._select_id: int | None = None
        self._message = ""  # said once the page has reloaded after a save

        self.chooser = BudgetChooser((today or clock.today()).year)
        self.year, self.version, self.department = self.chooser.year, self.chooser.version, self.chooser.department
        self._year = self.year.value()  # the year shown
        self.year.valueChanged.connect(lambda _y: self._year_changed())
        self.version.currentIndexChanged.connect(lambda _i: self._version_chosen())
        self.department.currentIndexChanged.connect(lambda _i: self._department_chosen())

        self.model = BudgetGridModel(self)
        self.model.sig_refused.connect(lambda text: self.say(text, error=True))
        self.model.sig_edited.connect(self._edited)
        self.grid = BudgetGrid(self.model)
        self.grid.selectionModel().currentChanged.connect(lambda *_a: self._update())

        self.versions_table = VersionsTable()
        self.versions_table.activated.connect(lambda index: self._pick_version(index.row()))
        self.versions_table.clicked.connect(lambda index: self._pick_version(index.row()))

        self.status = QLabel()
        self.status.setObjectName("budget_status")
        self.status.setStyleSheet("font-weight: bold;")
        self.history = QLabel()
        self.history.setObjectName("budget_history")
        self.history.setWordWrap(True)
        self.history.setTextFormat(Qt.TextFormat.PlainText)
        self.history.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message = QLabel()
        self.message.setObjectName("budget_message")
        self.message.setWordWrap(True)
        self.message.hide()

        self.new_button = QPushButton(_("&Start this year's budget"))
        self.new_button.setObjectName("new_budget")
        self.revise_button = QPushButton(_("&Revise…"))
        self.revise_button.setObjectName("revise_budget")
        self.save_button = QPushButton(_("&Save"))
        self.save_button.setObjectName("save_budget")
        self.submit_button = QPushButton(_("Su&bmit to finance"))
        self.submit_button.setObjectName("submit_budget")
        self.fill_button = QPushButton(_("Same for every &month"))
        self.fill_button.setObjectName("fill_row")
        self.fill_button.setToolTip(_("Copy the selected month's figure into every month of its category"))
        for b, slot in ((self.new_button, self.start_new), (self.revise_button, self.revise),
                        (self.save_button, self.save), (self.submit_button, self.submit),
                        (self.fill_button, self.fill_row)):
            b.clicked.connect(slot)
            shown_if(b, self.preparer)
        self.decision_box = BudgetDecisionBox(self.checker, self.approver)
        self.decision_box.sig_decided.connect(self.decide)
        self.comment = self.decision_box.comment
        self.pass_button = self.decision_box.pass_button
        self.return_button = self.decision_box.return_button
        self.break_even = BreakEvenPanel()
        self.break_even.setMinimumWidth(300)

        actions = QHBoxLayout()
        for b in (self.new_button, self.revise_button, self.fill_button, self.save_button, self.submit_button):
            actions.addWidget(b)
        actions.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(self.status)
        left.addWidget(self.history)
        left.addWidget(self.message)
        left.addLayout(actions)
        left.addWidget(self.decision_box)
        versions_title = QLabel(_("Versions of this year's budget"))
        versions_title.setStyleSheet("font-weight: bold;")
        left.addWidget(versions_title)
        left.addWidget(self.versions_table, 1)
        right = QVBoxLayout()
        right.addWidget(self.break_even)
        right.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addLayout(left, 3)
        bottom.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.chooser)
        layout.addWidget(self.grid)
        layout.addLayout(bottom, 1)
        self._update()

    # -- loading ---------------------------------------------------------------------------------
    def load(self) -> None:
        ctx, actor, year = self.ctx, self.actor, self.year.value()
        self.ctx.runner.run(
            lambda: (budgets.budget_versions(ctx.uow(actor), year), budgets.departments(ctx.uow(actor), year)),
            lambda r: self._show(year, *r), owner=self)

    def _show(self, year: int, versions: list[BudgetView], departments: list[str]) -> None:
        if year != self.year.value():
            return  # the user has since chosen another year
        self._year = year
        self.versions = versions
        self.new_draft = False
        self.model.set_department(self.chooser.set_departments(departments))
        wanted = self._select_id if self._select_id is not None else (self.current.id if self.current else None)
        self._select_id = None
        self.chooser.set_versions(versions, wanted)
        self.versions_table.rows.set_rows(versions)
        self._version_chosen(ask=False)
        if self._message:
            self.say(self._message)
            self._message = ""

    def select_budget(self, budget_id: int) -> None:
        """Show this version (from "waiting for me"): its year, then it."""
        self._select_id = budget_id
        ctx, actor = self.ctx, self.actor
        self.ctx.runner.run(lambda: budgets.get_budget(ctx.uow(actor), budget_id),
                            lambda v: self._go_to(v), owner=self)

    def _go_to(self, v: BudgetView) -> None:
        self._select_id = v.id
        if self.year.value() != v.year:
            self.chooser.set_year(v.year)
        self.reload()

    # -- choosing --------------------------------------------------------------------------------
    def editing(self) -> bool:
        return self.model.dirty or self.new_draft

    def _discard_ok(self) -> bool:
        if not (self.model.dirty or self.new_draft):
            return True
        return dialogs.confirm(self, _("Unsaved budget figures"),
                               _("The figures typed here are not saved. Discard them?"), _("Discard"),
                               destructive=True)

    def _year_changed(self) -> None:
        if not self._discard_ok():
            self.chooser.set_year(self._year)
            return
        self.model.dirty = False
        self.new_draft = False
        self.current = None
        self.reload()

    def _version_chosen(self, ask: bool = True) -> None:
        budget_id = self.version.currentData()
        v = next((x for x in self.versions if x.id == budget_id), None)
        if ask and v is not self.current and not self._discard_ok():
            self.chooser.set_version(self.current.id if self.current else None)
            return
        self.current = v
        self.new_draft = False
        self.model.set_lines(v.lines if v else (), self._editable(v))
        row = self.versions.index(v) if v in self.versions else -1
        if row >= 0 and self.versions_table.current_row() != row:
            self.versions_table.selectRow(row)
        self.say("")
        self._update()

    def _pick_version(self, row: int) -> None:
        if 0 <= row < len(self.versions) and self.versions[row] is not self.current:
            self.version.setCurrentIndex(row)  # asks about unsaved figures, as the combo does

    def _department_chosen(self) -> None:
        self.model.set_department(self.department.currentData())
        self._update()

    def _editable(self, v: BudgetView | None) -> bool:
        return self.preparer and v is not None and BudgetStatus(v.status) in OPEN

    # -- state -----------------------------------------------------------------------------------
    def say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else HINT_STYLE)
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _edited(self) -> None:
        self.say("")
        self._update()

    def _update(self) -> None:
        v, year = self.current, self.year.value()
        statuses = [BudgetStatus(x.status) for x in self.versions]
        in_progress = any(s in IN_PROGRESS for s in statuses)
        status_text, history = shown_version_texts(year, v, self.versions, self.new_draft, self.preparer,
                                                   self.model.department, self.model.total())
        editable = self.new_draft or self._editable(v)
        if editable and self.model.department is None:
            history += "\n" + _("Choose a department above to change its figures.")
        self.status.setText(status_text)
        self.history.setText(history)
        self.model.editable = editable  # without a reset: the grid keeps its current cell
        self.grid.set_typing(editable)
        self.new_button.setVisible(self.preparer and not self.versions and not self.new_draft)
        self.revise_button.setEnabled(BudgetStatus.APPROVED in statuses and not in_progress)
        self.save_button.setEnabled(editable and (self.model.dirty or self.new_draft))
        self.submit_button.setEnabled(editable)
        self.fill_button.setEnabled(editable and self.model.department is not None and self.grid.on_a_figure())
        self.decision_box.show_for(BudgetStatus(v.status) if v else None)

    # -- preparing -------------------------------------------------------------------------------
    def start_new(self) -> None:
        """A first version for the year, starting from last year's budget in force."""
        ctx, actor, year = self.ctx, self.actor, self.year.value()

        def previous() -> list[BudgetLineRow]:
            last = budgets.budget_versions(ctx.uow(actor), year - 1)
            in_force = next((v for v in last if v.status == BudgetStatus.APPROVED.value), None)
            return list(in_force.lines) if in_force else []

        def started(lines: list[BudgetLineRow]) -> None:
            if year != self.year.value():
                return
            self.current = None
            self.model.set_lines(lines, True)
            self.new_draft = True
            self.say(_("Copied from the {year} budget in force: change what differs.").format(year=year - 1)
                     if lines else _("No budget in force last year: type the figures."))
            self._update()

        self.ctx.runner.run(previous, started, owner=self)

    def fill_row(self) -> None:
        index = self.grid.currentIndex()
        if index.isValid() and self.model.fill_row(index.row(), index.column()):
            self._update()

    def _prepare_call(self):  # noqa: ANN202 - a zero-argument call returning the budget id
        ctx, actor, year, lines = self.ctx, self.actor, self.year.value(), self.model.lines()
        # the open version as this page loaded it (0: none was open): a save made meanwhile
        # at another seat refuses this one, naming who (domain/common/versions.py)
        v = self.current
        version = 0 if self.new_draft or v is None else v.version if v.status in ("draft", "returned") else None
        return lambda: budgets.prepare_budget(ctx.uow(actor), year, lines, version=version)

    def _run(self, fn, done=None) -> None:  # noqa: ANN001
        def failed(exc: BaseException) -> bool | None:
            from sales_desk.domain.common.errors import DomainError

            if isinstance(exc, DomainError):
                self.say(str(exc), error=True)
                return True
            return None

        self.ctx.runner.run(fn, done, failed, writes=BUDGET_TOPIC, owner=self)

    def _saved(self, budget_id: int, text: str) -> None:
        """After a write: the page reloads (the write's topic) and then shows this version."""
        self._select_id = budget_id
        self.model.dirty = False
        self.new_draft = False
        self._message = text

    def save(self) -> None:
        self.grid.finish_typing()
        self._run(self._prepare_call(), lambda bid: self._saved(bid, _("Saved.")))

    def submit(self) -> None:
        self.grid.finish_typing()
        prepare, ctx, actor = self._prepare_call(), self.ctx, self.actor
        current_id = None if self.model.dirty or self.new_draft or self.current is None else self.current.id

        def job() -> int:
            budget_id = prepare() if current_id is None else current_id
            budgets.submit_budget(ctx.uow(actor), budget_id)
            return budget_id

        self._run(job, lambda bid: self._saved(bid, _("Submitted to finance for its check.")))

    def revise(self) -> ReasonDialog:
        year = self.year.value()
        dialog = ReasonDialog(_("Revise the {year} budget").format(year=year),
                              _("A revision is a new version of the approved budget: change its figures, then "
                                "finance checks it and the general manager approves it again. The approved "
                                "budget stays in force meanwhile."), _("Start the revision"), self)
        dialog.accepted.connect(lambda: self._revise(year, dialog.reason()))
        dialog.open()
        return dialog

    def _revise(self, year: int, reason: str) -> None:
        ctx, actor = self.ctx, self.actor
        self._run(lambda: budgets.revise_budget(ctx.uow(actor), year, reason),
                  lambda bid: self._saved(bid, _("Revision started: change the figures, save and submit.")))

    # -- checking and approving ------------------------------------------------------------------
    def decide(self, approve: bool) -> None:
        v = self.current
        if v is None:
            return
        comment = self.comment.text().strip()
        if not approve and not comment:
            self.say(_("Returning the budget needs a reason: write it in the comment."), error=True)
            self.comment.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        ctx, actor, bid = self.ctx, self.actor, v.id
        if self.decision_box.checks(BudgetStatus(v.status)):
            call = lambda: budgets.check_budget(ctx.uow(actor), bid, approve, comment)  # noqa: E731
        else:
            call = lambda: budgets.approve_budget(ctx.uow(actor), bid, approve, comment)  # noqa: E731
        self.comment.clear()
        self._run(call, lambda _r: self._saved(bid, _("Passed on.") if approve else _("Returned to the preparer.")))

    def select_cell(self, row: int, column: int) -> None:
        self.grid.select_cell(row, column)

    def save_layout(self) -> None:
        self.versions_table.save_layout()
