"""Each person's department, and the monthly expense allowance [支配范围] the policy gives
them: who applies for expenses draws on their department's budget, and inside their
allowance (and the monthly plan) a claim goes straight to finance. The administrator sets
the department (settings.manage), audited; the allowance is policy (SPEC §9), proposed by
the sales manager and approved by the general manager, so it is shown here, not edited."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sales_desk.domain.common.errors import DomainError
from sales_desk.domain.common.roles import Actor
from sales_desk.domain.common.versions import StaleRecord
from sales_desk.i18n import N_, _
from sales_desk.services.expenses import budgets
from sales_desk.services.expenses import settings as expense_settings
from sales_desk.services.expenses.settings import ProfileRow
from sales_desk.ui.context import AppContext
from sales_desk.ui.login import ERROR_STYLE
from sales_desk.ui.widgets.list_model import RowsTableModel
from sales_desk.ui.widgets.money import money_text
from sales_desk.ui.widgets.page import Page
from sales_desk.ui.widgets.stale import Reload, ask_reload, put_back_note
from sales_desk.ui.widgets.table import Table

TOPIC = "expense_profiles"  # the expense screens listen for it (departments, allowances)
HEADERS = (N_("User name"), N_("Full name"), N_("Department"), N_("Monthly allowance"))


def _cell(r: ProfileRow, column: int) -> str:
    if column == 0:
        return r.username
    if column == 1:
        return r.full_name
    if column == 2:
        return r.department or _("{name} (default)").format(name=r.effective_department)
    text = money_text(r.effective_allowance)
    return text if r.own_allowance else _("{amount} (default)").format(amount=text)


class ProfileDialog(QDialog):
    def __init__(self, ctx: AppContext, actor: Actor, row: ProfileRow, departments: list[str],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # made for one use
        self.ctx, self.actor, self.row = ctx, actor, row
        self.setWindowTitle(_("Department of {name}").format(name=row.full_name or row.username))
        self.department = QComboBox()
        self.department.setObjectName("department")
        self.department.setEditable(True)  # a new department is typed here
        self.department.addItem(_("(the default department)"), "")
        for d in departments:
            self.department.addItem(d, d)
        self._show_department(row.department)
        self.problem = QLabel()
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(ERROR_STYLE)
        form = QFormLayout()
        label = QLabel(_("&Department:"))
        label.setBuddy(self.department)
        form.addRow(label, self.department)
        allowance = QLabel(_("Monthly allowance: {amount} — policy, proposed by the sales manager and approved "
                             "by the general manager on the dashboard's Policy versions page.").format(
                                 amount=money_text(row.effective_allowance)))
        allowance.setObjectName("allowance_note")
        allowance.setWordWrap(True)
        form.addRow(allowance)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(_("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.setMinimumWidth(440)

    def _show_department(self, department: str) -> None:
        index = self.department.findData(department)
        self.department.setCurrentIndex(max(index, 0))
        if index < 0 and department:
            self.department.setEditText(department)

    def chosen_department(self) -> str:
        text = self.department.currentText().strip()
        index = self.department.findText(text)
        return str(self.department.itemData(index)) if index >= 0 else text

    def save(self) -> None:
        ctx, actor, uid, dept = self.ctx, self.actor, self.row.user_id, self.chosen_department()
        version = self.row.version  # as loaded: a newer one refuses the save (no lost update)

        def failed(exc: BaseException) -> bool:
            self.ok.setEnabled(True)
            if isinstance(exc, StaleRecord):
                self._stale(exc, dept)
                return True
            if isinstance(exc, DomainError):
                self.problem.setText(str(exc))
                return True
            return False

        self.ok.setEnabled(False)
        self.ctx.runner.run(lambda: expense_settings.set_expense_profile(ctx.uow(actor), uid, dept, version),
                            lambda _r: self.accept(), failed, writes=TOPIC, owner=self)

    def _stale(self, refusal: StaleRecord, mine: str) -> None:
        """Say who changed the department; reload it, keeping this admin's choice on top or not."""
        choice = ask_reload(self, str(refusal))
        if choice is Reload.LATER:
            self.problem.setText(str(refusal))
            return
        ctx, actor, uid = self.ctx, self.actor, self.row.user_id

        def reloaded(rows: list[ProfileRow]) -> None:
            fresh = next((r for r in rows if r.user_id == uid), None)
            if fresh is None:  # no longer applies for expenses
                self.problem.setText(str(refusal))
                return
            keep = choice is Reload.KEEP_MINE and mine != self.row.department
            self.row = fresh
            self._show_department(mine if keep else fresh.department)
            self.problem.setText(put_back_note([_("Department")] if keep else [], refusal)
                                 if choice is Reload.KEEP_MINE else "")

        self.ctx.runner.run(lambda: expense_settings.list_expense_profiles(ctx.uow(actor)), reloaded, owner=self)


class ExpenseProfilesPage(Page):
    topics = frozenset({TOPIC, "users", "settings"})

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(ctx, actor, parent)
        self.departments: list[str] = []
        self.model: RowsTableModel[ProfileRow] = RowsTableModel([_(h) for h in HEADERS], _cell, self,
                                                                 right_aligned=(3,))
        self.table = Table("admin/expense_profiles")
        self.table.setObjectName("profiles_table")
        self.table.setModel(self.model)
        self.table.restore_layout({0: 130, 1: 130, 2: 200})
        self.table.doubleClicked.connect(lambda _i: self.edit())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selection_changed())
        self.edit_button = QPushButton(_("&Edit…"))
        self.edit_button.setObjectName("edit_profile")
        self.edit_button.clicked.connect(self.edit)
        intro = QLabel(_("Everyone who applies for expenses draws on their department's budget. Within their "
                         "monthly allowance [支配范围] and the monthly plan a claim goes straight to finance; "
                         "beyond it the supervisor reviews and the sales manager approves. The allowances "
                         "are policy: the sales manager proposes them and the general manager approves."))
        intro.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.edit_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(buttons)
        layout.addWidget(self.table)
        self._selection_changed()

    def load(self) -> None:
        ctx, actor = self.ctx, self.actor
        self.ctx.runner.run(
            lambda: (expense_settings.list_expense_profiles(ctx.uow(actor)), budgets.departments(ctx.uow(actor))),
            self._show, owner=self)

    def _show(self, result: tuple[list[ProfileRow], list[str]]) -> None:
        rows, self.departments = result
        selected = self.selected()
        self.model.set_rows(rows)
        if selected is not None:
            row = next((i for i, r in enumerate(rows) if r.user_id == selected.user_id), None)
            if row is not None:
                self.table.selectRow(row)
        self._selection_changed()

    def selected(self) -> ProfileRow | None:
        row = self.table.current_row()
        return None if row is None else self.model.row_at(row)

    def _selection_changed(self) -> None:
        self.edit_button.setEnabled(self.selected() is not None)

    def edit(self) -> ProfileDialog | None:
        row = self.selected()
        if row is None:
            return None
        dialog = ProfileDialog(self.ctx, self.actor, row, self.departments, self)
        dialog.open()
        return dialog

    def save_layout(self) -> None:
        self.table.save_layout()
