"""The sales-expense budget [销售费用预算]: per year, a figure per month, category and
department. The sales side prepares it, finance checks it, the general manager
approves it; a change after approval is a revision that goes the same way while the
approved version stays in force. The break-even calculator sits beside it.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from sales_desk import clock
from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.domain.expenses.budget import OPEN, BudgetStatus
from sales_desk.i18n import N_, _
from sales_desk.services.expenses import budgets
from sales_desk.services.expenses.budgets import BudgetLineRow, BudgetView
from sales_desk.ui.context import AppContext
from sales_desk.ui.login import ERROR_STYLE
from sales_desk.ui.tabs.expenses.break_even import BreakEvenPanel
from sales_desk.ui.tabs.expenses.budget_model import TOTAL_COLUMN, TOTAL_ROW, BudgetGridModel
from sales_desk.ui.tabs.expenses.common import (
    BUDGET_TOPIC,
    HINT_STYLE,
    PROFILES_TOPIC,
    budget_status_text,
    local_time,
)
from sales_desk.ui.tabs.expenses.reason_dialog import ReasonDialog
from sales_desk.ui.widgets import dialogs
from sales_desk.ui.widgets.list_model import RowsTableModel
from sales_desk.ui.widgets.money import money_text
from sales_desk.ui.widgets.page import Page
from sales_desk.ui.widgets.table import Table

IN_PROGRESS = (BudgetStatus.DRAFT, BudgetStatus.RETURNED, BudgetStatus.SUBMITTED, BudgetStatus.CHECKED)
VERSION_HEADERS = (N_("Revision"), N_("Status"), N_("Total"), N_("Prepared by"), N_("Checked by"),
                   N_("Approved by"))


def _version_cell(v: BudgetView, column: int) -> str:
    return (str(v.revision), budget_status_text(v.status), money_text(v.total), v.prepared_by, v.checked_by,
            v.approved_by)[column]


def version_text(v: BudgetView) -> str:
    text = _("Revision {n}: {status}").format(n=v.revision, status=budget_status_text(v.status))
    return _("{version} (in force)").format(version=text) if v.status == BudgetStatus.APPROVED.value else text


def history_text(v: BudgetView) -> str:
    """Who prepared, checked, approved or returned this version, and when."""
    lines = [_("Prepared by {who} on {at}.").format(who=v.prepared_by, at=local_time(v.prepared_at))]
    if v.revision_reason:
        lines.append(_("Reason for the revision: {reason}").format(reason=v.revision_reason))
    if v.checked_at:
        lines.append(_("Checked by {who} (finance) on {at}.").format(who=v.checked_by, at=local_time(v.checked_at))
                     + (" " + _("“{comment}”").format(comment=v.check_comment) if v.check_comment else ""))
    if v.approved_at:
        lines.append(_("Approved by {who} on {at}.").format(who=v.approved_by, at=local_time(v.approved_at))
                     + (" " + _("“{comment}”").format(comment=v.approval_comment) if v.approval_comment else ""))
    if v.status == BudgetStatus.RETURNED.value and v.returned_at:
        lines.append(_("Returned by {who} on {at}: {reason}").format(
            who=v.returned_by, at=local_time(v.returned_at), reason=v.returned_reason))
    return "\n".join(lines)


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

        self.year = QSpinBox()
        self.year.setObjectName("budget_year")
        self.year.setRange(2000, 2100)
        self.year.setValue((today or clock.today()).year)
        self._year = self.year.value()  # the year shown
        self.year.valueChanged.connect(lambda _y: self._year_changed())
        self.version = QComboBox()
        self.version.setObjectName("budget_version")
        self.version.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.version.currentIndexChanged.connect(lambda _i: self._version_chosen())
        self.department = QComboBox()
        self.department.setObjectName("budget_department")
        self.department.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.department.currentIndexChanged.connect(lambda _i: self._department_chosen())

        self.model = BudgetGridModel(self)
        self.model.sig_refused.connect(lambda text: self.say(text, error=True))
        self.model.sig_edited.connect(self._edited)
        self.grid = Table("expenses/budget_grid")
        self.grid.setObjectName("budget_grid")
        self.grid.setModel(self.model)
        self.grid.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.grid.setAlternatingRowColors(False)
        self.grid.verticalHeader().show()
        self.grid.horizontalHeader().setSectionsMovable(False)
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid.horizontalHeader().setMinimumSectionSize(60)
        self.grid.horizontalHeader().setStretchLastSection(False)
        self.grid.horizontalHeader().setSectionResizeMode(TOTAL_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        self.grid.setTabKeyNavigation(True)  # Tab moves from month to month while typing figures
        self.grid.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.grid.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.grid.selectionModel().currentChanged.connect(lambda *_a: self._update())
        self.grid.setFixedHeight(self.grid.horizontalHeader().sizeHint().height()
                                 + (TOTAL_ROW + 1) * self.grid.verticalHeader().defaultSectionSize()
                                 + 2 * self.grid.frameWidth())

        self.versions_model: RowsTableModel[BudgetView] = RowsTableModel(
            [_(h) for h in VERSION_HEADERS], _version_cell, self, right_aligned=(0, 2))
        self.versions_table = Table("expenses/budget_versions")
        self.versions_table.setObjectName("budget_versions")
        self.versions_table.setModel(self.versions_model)
        self.versions_table.restore_layout({0: 64, 1: 150, 2: 105, 3: 88, 4: 84})
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
            b.setVisible(self.preparer)
        self.comment = QLineEdit()
        self.comment.setObjectName("budget_comment")
        self.comment.setPlaceholderText(_("comment; returning it needs the reason"))
        self.pass_button = QPushButton(_("&Approve"))
        self.pass_button.setObjectName("pass_budget")
        self.return_button = QPushButton(_("Re&turn…"))
        self.return_button.setObjectName("return_budget")
        self.pass_button.clicked.connect(lambda: self.decide(True))
        self.return_button.clicked.connect(lambda: self.decide(False))
        self.decision_box = QGroupBox()
        self.decision_box.setObjectName("budget_decision")
        dlayout = QHBoxLayout(self.decision_box)
        dlayout.addWidget(self.comment, 1)
        dlayout.addWidget(self.pass_button)
        dlayout.addWidget(self.return_button)
        self.decision_box.hide()
        self.break_even = BreakEvenPanel()
        self.break_even.setMinimumWidth(300)

        top = QHBoxLayout()
        for text, widget in ((_("&Year:"), self.year), (_("&Version:"), self.version),
                             (_("&Department:"), self.department)):
            label = QLabel(text)
            label.setBuddy(widget)
            top.addWidget(label)
            top.addWidget(widget)
            top.addSpacing(8)
        top.addStretch(1)
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
        layout.addLayout(top)
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
        self._fill_departments(departments)
        wanted = self._select_id if self._select_id is not None else (self.current.id if self.current else None)
        self._select_id = None
        self.version.blockSignals(True)
        self.version.clear()
        for v in versions:
            self.version.addItem(version_text(v), v.id)
        index = self.version.findData(wanted) if wanted is not None else -1
        self.version.setCurrentIndex(index if index >= 0 else (0 if versions else -1))
        self.version.blockSignals(False)
        self.versions_model.set_rows(versions)
        self._version_chosen(ask=False)
        if self._message:
            self.say(self._message)
            self._message = ""

    def _fill_departments(self, names: list[str]) -> None:
        chosen = self.department.currentData()
        self.department.blockSignals(True)
        self.department.clear()
        self.department.addItem(_("All departments"), None)
        for n in names:
            self.department.addItem(n, n)
        index = self.department.findData(chosen) if chosen is not None else -1
        self.department.setCurrentIndex(max(index, 0))  # at first the whole firm, added up
        self.department.blockSignals(False)
        self.model.set_department(self.department.currentData())

    def select_budget(self, budget_id: int) -> None:
        """Show this version (from "waiting for me"): its year, then it."""
        self._select_id = budget_id
        ctx, actor = self.ctx, self.actor
        self.ctx.runner.run(lambda: budgets.get_budget(ctx.uow(actor), budget_id),
                            lambda v: self._go_to(v), owner=self)

    def _go_to(self, v: BudgetView) -> None:
        self._select_id = v.id
        if self.year.value() != v.year:
            self.year.blockSignals(True)
            self.year.setValue(v.year)
            self.year.blockSignals(False)
        self.reload()

    # -- choosing --------------------------------------------------------------------------------
    def _discard_ok(self) -> bool:
        if not (self.model.dirty or self.new_draft):
            return True
        return dialogs.confirm(self, _("Unsaved budget figures"),
                               _("The figures typed here are not saved. Discard them?"), _("Discard"),
                               destructive=True)

    def _year_changed(self) -> None:
        if not self._discard_ok():
            self.year.blockSignals(True)
            self.year.setValue(self._year)
            self.year.blockSignals(False)
            return
        self.model.dirty = False
        self.new_draft = False
        self.current = None
        self.reload()

    def _version_chosen(self, ask: bool = True) -> None:
        budget_id = self.version.currentData()
        v = next((x for x in self.versions if x.id == budget_id), None)
        if ask and v is not self.current and not self._discard_ok():
            self.version.blockSignals(True)
            self.version.setCurrentIndex(max(0, self.version.findData(self.current.id if self.current else None)))
            self.version.blockSignals(False)
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
        if self.new_draft:
            self.status.setText(_("New budget for {year}, not saved yet — total {total}").format(
                year=year, total=money_text(self.model.total())))
            self.history.setText(_("Type the figures per department (choose it above), then save and "
                                   "submit them to finance."))
        elif v is None:
            self.status.setText(_("No budget for {year} yet.").format(year=year))
            self.history.setText(_("The sales side prepares it; finance checks it; the general manager "
                                   "approves it.") if not self.preparer else
                                 _("Start it: the figures of the budget in force last year are copied in "
                                   "to begin with."))
        else:
            total = _("{version} — total {total}").format(version=version_text(v), total=money_text(v.total))
            if self.model.department is not None:
                total = _("{total}; {department}: {amount}").format(
                    total=total, department=self.model.department, amount=money_text(self.model.total()))
            self.status.setText(total)
            text = history_text(v)
            in_force = next((x for x in self.versions if x.status == BudgetStatus.APPROVED.value), None)
            if BudgetStatus(v.status) in IN_PROGRESS and in_force is not None:
                text += "\n" + _("Revision {n} stays in force until this one is approved.").format(
                    n=in_force.revision)
            self.history.setText(text)
        editable = self.new_draft or self._editable(v)
        if editable and self.model.department is None:
            self.history.setText(self.history.text() + "\n" + _("Choose a department above to change its figures."))
        self.model.editable = editable  # without a reset: the grid keeps its current cell
        triggers = (QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
                    | QAbstractItemView.EditTrigger.AnyKeyPressed) if editable else \
            QAbstractItemView.EditTrigger.NoEditTriggers
        self.grid.setEditTriggers(triggers)
        current = self.grid.currentIndex()
        self.new_button.setVisible(self.preparer and not self.versions and not self.new_draft)
        self.revise_button.setEnabled(BudgetStatus.APPROVED in statuses and not in_progress)
        self.save_button.setEnabled(editable and (self.model.dirty or self.new_draft))
        self.submit_button.setEnabled(editable)
        self.fill_button.setEnabled(editable and self.model.department is not None and current.isValid()
                                    and current.row() < TOTAL_ROW and current.column() < TOTAL_COLUMN)
        status = BudgetStatus(v.status) if v else None
        deciding = ((self.checker and status is BudgetStatus.SUBMITTED)
                    or (self.approver and status is BudgetStatus.CHECKED))
        self.decision_box.setVisible(deciding)
        if deciding:
            checking = status is BudgetStatus.SUBMITTED
            self.decision_box.setTitle(_("Finance's check [财务部审核]") if checking
                                       else _("The general manager's approval [总经理审批]"))
            self.pass_button.setText(_("&Checked: pass to the general manager") if checking else _("&Approve"))

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
        return lambda: budgets.prepare_budget(ctx.uow(actor), year, lines)

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
        if self.grid.state() == QAbstractItemView.State.EditingState:
            self.grid.setFocus()  # commit the figure being typed
        self._run(self._prepare_call(), lambda bid: self._saved(bid, _("Saved.")))

    def submit(self) -> None:
        if self.grid.state() == QAbstractItemView.State.EditingState:
            self.grid.setFocus()
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
        status = BudgetStatus(v.status)
        if status is BudgetStatus.SUBMITTED and self.checker:
            call = lambda: budgets.check_budget(ctx.uow(actor), bid, approve, comment)  # noqa: E731
        else:
            call = lambda: budgets.approve_budget(ctx.uow(actor), bid, approve, comment)  # noqa: E731
        self.comment.clear()
        self._run(call, lambda _r: self._saved(bid, _("Passed on.") if approve else _("Returned to the preparer.")))

    def select_cell(self, row: int, column: int) -> None:
        index = self.model.index(row, column)
        self.grid.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def save_layout(self) -> None:
        self.versions_table.save_layout()
