"""Users and roles: the list, and the actions on the selected user."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from sales_desk.domain.common.roles import Actor, Role
from sales_desk.domain.common.versions import StaleRecord
from sales_desk.i18n import _
from sales_desk.services.admin import users
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.admin.user_dialogs import (
    AddUserDialog,
    EditRolesDialog,
    ResetPasswordDialog,
)
from sales_desk.ui.widgets import dialogs
from sales_desk.ui.widgets.list_model import RowsTableModel
from sales_desk.ui.widgets.page import Page
from sales_desk.ui.widgets.table import Table


def role_names(codes: tuple[str, ...]) -> str:
    return ", ".join(Role(c).label for c in codes)


class UsersPage(Page):
    topics = frozenset({"users"})

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(ctx, actor, parent)
        self.model: RowsTableModel[users.UserRow] = RowsTableModel(
            [_("User name"), _("Full name"), _("Roles"), _("Status"), _("Conflict justification")],
            self._cell, self,
        )
        self.table = Table("admin/users")
        self.table.setObjectName("users_table")
        self.table.setModel(self.model)
        self.table.restore_layout({0: 120, 1: 140, 2: 300, 3: 80})
        self.table.doubleClicked.connect(lambda _i: self.edit_roles())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selection_changed())

        self.add_button = QPushButton(_("&Add user…"))
        self.roles_button = QPushButton(_("Edit &roles…"))
        self.active_button = QPushButton(_("&Disable"))
        self.password_button = QPushButton(_("Reset &password…"))
        self.add_button.clicked.connect(self.add_user)
        self.roles_button.clicked.connect(self.edit_roles)
        self.active_button.clicked.connect(self.toggle_active)
        self.password_button.clicked.connect(self.reset_password)
        buttons = QHBoxLayout()
        for b in (self.add_button, self.roles_button, self.active_button, self.password_button):
            buttons.addWidget(b)
        buttons.addStretch(1)

        intro = QLabel(
            _(
                "Each person gets their own account and the roles of their duties. Roles that "
                "would give one person incompatible duties are refused unless you record why "
                "the firm cannot separate them."
            )
        )
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(buttons)
        layout.addWidget(self.table)
        self._selection_changed()

    def _cell(self, row: users.UserRow, column: int) -> str:
        if column == 0:
            return row.username
        if column == 1:
            return row.full_name
        if column == 2:
            return role_names(row.roles)
        if column == 3:
            return _("Active") if row.active else _("Disabled")
        # One reason usually covers several conflicting pairs: show each text once.
        reasons = dict.fromkeys(j.split(": ", 1)[-1] for j in row.justifications)
        return "; ".join(reasons)

    def load(self) -> None:
        self.ctx.runner.run(lambda: users.list_users(self.ctx.uow(self.actor)), self._show, owner=self)

    def _show(self, rows: list[users.UserRow]) -> None:
        selected = self.selected()
        self.model.set_rows(rows)
        if selected is not None:
            for i, r in enumerate(rows):
                if r.id == selected.id:
                    self.table.selectRow(i)
        self._selection_changed()

    def selected(self) -> users.UserRow | None:
        row = self.table.current_row()
        return None if row is None else self.model.row_at(row)

    def select_user(self, username: str) -> None:
        for i, r in enumerate(self.model.rows()):
            if r.username == username:
                self.table.selectRow(i)

    def _selection_changed(self) -> None:
        user = self.selected()
        for b in (self.roles_button, self.active_button, self.password_button):
            b.setEnabled(user is not None)
        self.active_button.setText(_("&Enable") if user is not None and not user.active else _("&Disable"))

    # -- actions ---------------------------------------------------------------------------
    def add_user(self) -> AddUserDialog:
        dialog = AddUserDialog(self.ctx, self.actor, self)
        dialog.open()
        return dialog

    def edit_roles(self) -> EditRolesDialog | None:
        user = self.selected()
        if user is None:
            return None
        dialog = EditRolesDialog(self.ctx, self.actor, user, self)
        dialog.open()
        return dialog

    def reset_password(self) -> ResetPasswordDialog | None:
        user = self.selected()
        if user is None:
            return None
        dialog = ResetPasswordDialog(self.ctx, self.actor, user, self)
        dialog.open()
        return dialog

    def toggle_active(self) -> None:
        user = self.selected()
        if user is None:
            return
        if user.active:
            ok = dialogs.confirm(
                self, _("Disable user"),
                _("Disable {user}? They can no longer log in; their records and history stay.")
                .format(user=user.username),
                _("Disable"), destructive=True,
            )
            if not ok:
                return
        name, active, version = user.username, not user.active, user.version

        def stale(exc: BaseException) -> bool | None:  # changed since the list showed it: show it now
            if isinstance(exc, StaleRecord):
                self.load()
            return None  # the runner shows who changed what

        self.ctx.runner.run(lambda: users.set_active(self.ctx.uow(self.actor), name, active, version=version),
                            on_error=stale, writes="users", owner=self)

    def save_layout(self) -> None:
        self.table.save_layout()
