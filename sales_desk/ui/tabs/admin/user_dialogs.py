"""Dialogs of the users page: add a user, change roles, reset a password.

Each checks what it can while the admin types (password length, role conflicts)
and keeps OK disabled until the input could be saved; the service checks again.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sales_desk.domain.admin.passwords import password_weakness
from sales_desk.domain.common.errors import DomainError
from sales_desk.domain.common.roles import Actor
from sales_desk.domain.common.versions import StaleRecord
from sales_desk.i18n import _
from sales_desk.services.admin import users
from sales_desk.ui.context import AppContext
from sales_desk.ui.login import ERROR_STYLE
from sales_desk.ui.tabs.admin.role_picker import RolePicker
from sales_desk.ui.widgets.password_strength import PasswordStrength
from sales_desk.ui.widgets.stale import Reload, ask_reload, put_back_note

HINT_STYLE = "color: #555555;"


def _password() -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


def password_problem(password: str, repeat: str, names: tuple[str, ...] = ()) -> str:
    weakness = password_weakness(password, names)
    if weakness:
        return _("The password is {why}.").format(why=weakness)
    if password != repeat:
        return _("The two passwords differ.")
    return ""


class _ServiceDialog(QDialog):
    """OK runs one service call; refusals show under the fields, and the dialog stays."""

    def __init__(self, ctx: AppContext, actor: Actor, title: str, ok_text: str,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.actor = ctx, actor
        self.setWindowTitle(title)
        self.problem_label = QLabel()
        self.problem_label.setObjectName("problem")
        self.problem_label.setWordWrap(True)
        self.problem_label.setStyleSheet(HINT_STYLE)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok: QPushButton = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(ok_text)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._saving = False

    def problem(self) -> str:
        return ""

    def _update(self) -> None:
        problem = self.problem()
        self.problem_label.setStyleSheet(HINT_STYLE)
        self.problem_label.setText(problem)
        self.ok.setEnabled(not problem and not self._saving)

    def accept(self) -> None:
        """Save, unless something is still wrong: then say what, and stay open."""
        problem = self.problem()
        if problem:
            self.problem_label.setText(problem)
            return
        self._saving = True
        self.ok.setEnabled(False)
        self.ctx.runner.run(self.save_call(), self._saved, self._refused,
                            writes="users", owner=self)

    def save_call(self):  # noqa: ANN201 - a zero-argument callable
        raise NotImplementedError

    def _saved(self, _result: object) -> None:
        self._saving = False
        self.done(QDialog.DialogCode.Accepted)

    def _refused(self, exc: BaseException) -> bool:
        self._saving = False
        self._update()
        if isinstance(exc, DomainError):
            self.problem_label.setStyleSheet(ERROR_STYLE)
            self.problem_label.setText(str(exc))
            return True
        return False


class AddUserDialog(_ServiceDialog):
    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(ctx, actor, _("Add user"), _("Add user"), parent)
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.full_name = QLineEdit()
        self.full_name.setObjectName("full_name")
        self.password = _password()
        self.password.setObjectName("password")
        self.repeat = _password()
        self.repeat.setObjectName("repeat")
        self.picker = RolePicker()
        form = QFormLayout()
        form.addRow(_("&User name:"), self.username)
        form.addRow(_("&Full name:"), self.full_name)
        form.addRow(_("&Password:"), self.password)
        form.addRow("", PasswordStrength(self.password, self._names))
        form.addRow(_("&Repeat password:"), self.repeat)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.picker)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        for edit in (self.username, self.full_name, self.password, self.repeat):
            edit.textChanged.connect(self._update)
        self.picker.sig_changed.connect(self._update)
        self.setMinimumWidth(560)
        self._update()

    def _names(self) -> tuple[str, ...]:
        return self.username.text().strip(), self.full_name.text().strip()

    def problem(self) -> str:
        if not self.username.text().strip():
            return _("Enter a user name.")
        return (password_problem(self.password.text(), self.repeat.text(), self._names())
                or self.picker.problem())

    def save_call(self):  # noqa: ANN201
        name, full, pw = self.username.text().strip(), self.full_name.text().strip(), self.password.text()
        roles = [r.value for r in self.picker.roles()]
        why = self.picker.justification_text() if self.picker.conflicts() else None
        return lambda: users.add_user(self.ctx.uow(self.actor), name, pw, roles,
                                      full_name=full, justification=why)


def _reason(user: users.UserRow) -> str:
    """The recorded reason for the user's conflicting roles, offered again to confirm or rewrite."""
    return user.justifications[0].split(": ", 1)[-1] if user.justifications else ""


class EditRolesDialog(_ServiceDialog):
    def __init__(self, ctx: AppContext, actor: Actor, user: users.UserRow,
                 parent: QWidget | None = None):
        super().__init__(ctx, actor, _("Roles of {user}").format(user=user.username),
                         _("Save roles"), parent)
        self.user = user  # as loaded: the save names its version (no lost update)
        self.picker = RolePicker(user.roles, _reason(user))
        heading = QLabel(_("{user} ({name})").format(user=user.username, name=user.full_name))
        heading.setStyleSheet("font-weight: bold;")
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.picker)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self.picker.sig_changed.connect(self._update)
        self.setMinimumWidth(560)
        self._update()

    def problem(self) -> str:
        return self.picker.problem()

    def save_call(self):  # noqa: ANN201
        roles = [r.value for r in self.picker.roles()]
        why = self.picker.justification_text() if self.picker.conflicts() else None
        name, version = self.user.username, self.user.version
        return lambda: users.set_roles(self.ctx.uow(self.actor), name, roles, justification=why, version=version)

    # -- changed by someone else since (no lost update) ------------------------------------------
    def _refused(self, exc: BaseException) -> bool:
        if not isinstance(exc, StaleRecord):
            return super()._refused(exc)
        self._saving = False
        choice = ask_reload(self, str(exc))
        if choice is Reload.LATER:
            super()._refused(exc)  # the refusal stays under the roles
            return True
        name = self.user.username
        self.ctx.runner.run(lambda: users.list_users(self.ctx.uow(self.actor)),
                            lambda rows: self._reloaded(rows, name, exc, choice), owner=self)
        return True

    def _reloaded(self, rows: list[users.UserRow], name: str, refusal: StaleRecord, choice: Reload) -> None:
        """The account as it is now; with "keep mine", the roles or the reason this admin
        changed go back on top of it."""
        fresh = next((u for u in rows if u.username == name), None)
        if fresh is None:
            return
        loaded, self.user = self.user, fresh
        roles, why = {r.value for r in self.picker.roles()}, self.picker.justification.toPlainText().strip()
        keep = choice is Reload.KEEP_MINE
        mine = [label for label, moved in ((_("Roles"), roles != set(loaded.roles)),
                                           (_("Justification"), why != _reason(loaded))) if keep and moved]
        self.picker.set_state(roles if _("Roles") in mine else set(fresh.roles),
                              why if _("Justification") in mine else _reason(fresh))
        self._update()
        if keep:
            self.problem_label.setText(put_back_note(mine, refusal))


class ResetPasswordDialog(_ServiceDialog):
    def __init__(self, ctx: AppContext, actor: Actor, user: users.UserRow,
                 parent: QWidget | None = None):
        super().__init__(ctx, actor, _("Reset the password of {user}").format(user=user.username),
                         _("Reset password"), parent)
        self.user = user
        self.password = _password()
        self.password.setObjectName("password")
        self.repeat = _password()
        self.repeat.setObjectName("repeat")
        note = QLabel(_("Tell {user} the new password in person; they can change it after logging in.")
                      .format(user=user.username))
        note.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(note)
        form.addRow(_("&New password:"), self.password)
        form.addRow("", PasswordStrength(self.password, lambda: (user.username, user.full_name)))
        form.addRow(_("&Repeat password:"), self.repeat)
        form.addRow(self.problem_label)
        form.addRow(self.buttons)
        for edit in (self.password, self.repeat):
            edit.textChanged.connect(self._update)
        self.setMinimumWidth(420)
        self._update()

    def problem(self) -> str:
        return password_problem(self.password.text(), self.repeat.text(), (self.user.username, self.user.full_name))

    def save_call(self):  # noqa: ANN201
        name, pw = self.user.username, self.password.text()
        return lambda: users.reset_password(self.ctx.uow(self.actor), name, pw)
