"""The login dialog, and the first-run dialog that creates the administrator.

There is no default account: until an administrator exists, the first-run dialog
is the only way in. Both run their service call on the background runner (the
password hash is deliberately slow) and show refusals inline, under the fields.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sales_desk.domain.admin.passwords import MIN_LENGTH, password_weakness
from sales_desk.domain.common.errors import DomainError
from sales_desk.domain.common.roles import Actor
from sales_desk.i18n import _, current_language
from sales_desk.ui.context import AppContext
from sales_desk.ui.demo_dialog import DemoOffer, load_demo_firm
from sales_desk.ui.language import LANGUAGE_NAMES
from sales_desk.ui.widgets.password_strength import PasswordStrength

ERROR_STYLE = "color: #b00020;"


def _auth():  # noqa: ANN202 - the services.auth module
    """The login services, imported when first called, on the worker thread: drawing the
    login window needs no SQLAlchemy (~0.3 s of imports), only answering it does."""
    from sales_desk.services.admin import auth

    return auth


def _seated(ctx: AppContext, actor: Actor) -> Actor:
    """Take a seat on this machine (services/admin/seats.py): the administrator sees it and
    can end it; the actor returned carries it into every call."""
    import socket

    from sales_desk.services.admin import seats

    return seats.open_seat(ctx.uow(actor), socket.gethostname())


class LanguageCombo(QComboBox):
    """English / 简体中文, each written in its own language."""

    sig_language_chosen = Signal(str)
    """The user picked another language (its code: "en" or "zh_CN")."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        for code, name in LANGUAGE_NAMES.items():
            self.addItem(name, code)
        self.setCurrentIndex(max(0, self.findData(current_language())))
        self.currentIndexChanged.connect(lambda _i: self.sig_language_chosen.emit(self.currentData()))


def _error_label() -> QLabel:
    label = QLabel()
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


def _password_edit() -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class _Dialog(QDialog):
    sig_logged_in = Signal(object)
    """Someone is in: the argument is their Actor."""

    sig_language_chosen = Signal(str)
    """The user switched the language here; the shell rebuilds the dialog in it."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.error = _error_label()
        self.language = LanguageCombo()
        self.language.sig_language_chosen.connect(self.sig_language_chosen)
        self.database_label = QLabel(_("Database: {where}").format(where=ctx.description))
        self.database_label.setStyleSheet("color: palette(mid);")
        self.database_label.setWordWrap(True)
        self.database_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.upgrade_label = QLabel(parent=self, text=_(
            "Bringing the database up to this version of Sales Desk, after a backup of it. On a "
            "large file this can take a few minutes; you can log in as soon as it is done."))
        self.upgrade_label.setWordWrap(True)
        self.upgrade_label.hide()

    def show_upgrading(self, on: bool) -> None:
        self.upgrade_label.setVisible(on)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def _busy(self, busy: bool) -> None:
        # Read-only rather than disabled: a disabled field would lose the keyboard focus.
        for w in self.findChildren(QLineEdit):
            w.setReadOnly(busy)
        self.ok.setEnabled(not busy and self._valid())
        self.ok.setDefault(True)  # Enter works again once the answer is in
        self.language.setEnabled(not busy)

    def _valid(self) -> bool:
        return True

    def _refused(self, exc: BaseException) -> bool:
        self._busy(False)
        if isinstance(exc, DomainError):
            self.show_error(str(exc))
            return True  # shown here, under the fields
        return False  # the runner shows a generic message and logs the rest

    def _in(self, actor: Actor) -> None:
        self._busy(False)
        self.sig_logged_in.emit(actor)
        self.done(QDialog.DialogCode.Accepted)


class LoginDialog(_Dialog):
    def __init__(self, ctx: AppContext, message: str = "", username: str = "",
                 parent: QWidget | None = None, password: str = ""):
        super().__init__(ctx, parent)
        self.setWindowTitle(_("Sales Desk — log in"))
        title = QLabel(_("Sales Desk"))
        title.setStyleSheet("font-size: 18pt; font-weight: bold;")
        self.notice = QLabel(message)
        self.notice.setWordWrap(True)
        self.notice.setVisible(bool(message))
        self.username = QLineEdit(username)
        self.username.setObjectName("username")
        self.password = _password_edit()
        self.password.setObjectName("password")
        self.password.setText(password)  # kept across a language switch
        form = QFormLayout()
        form.addRow(_("&User name:"), self.username)
        form.addRow(_("&Password:"), self.password)
        form.addRow(_("&Language:"), self.language)
        buttons = QDialogButtonBox()
        self.ok = buttons.addButton(_("Log &in"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setDefault(True)  # Enter logs in
        quit_button = buttons.addButton(_("&Quit"), QDialogButtonBox.ButtonRole.RejectRole)
        self.ok.clicked.connect(self.log_in)
        quit_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.notice)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        layout.addWidget(self.upgrade_label)
        layout.addWidget(self.database_label)
        self.setMinimumWidth(420)
        (self.password if username else self.username).setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        # Enter logs in from any field, the language list included, whichever button last
        # had the focus: QDialog would press the focused button (Quit) or none at all.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers() \
                & ~Qt.KeyboardModifier.KeypadModifier:
            event.accept()
            self.log_in()
            return
        super().keyPressEvent(event)

    def log_in(self) -> None:
        if self.username.isReadOnly():
            return  # an answer is awaited: a second Enter does not ask twice
        name, password = self.username.text().strip(), self.password.text()
        if not name or not password:
            self.show_error(_("Enter your user name and password."))
            (self.username if not name else self.password).setFocus()
            return
        self.show_error("")
        self._busy(True)
        self.ctx.runner.run(
            lambda: _seated(self.ctx, _auth().login(self.ctx.uow(), name, password)),
            self._in, self._refused_login, owner=self,
        )

    def _refused_login(self, exc: BaseException) -> bool:
        self.password.clear()
        handled = self._refused(exc)
        self.password.setFocus()
        return handled


class FirstRunDialog(_Dialog):
    """Create the administrator: the only account the program ever makes by itself."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.setWindowTitle(_("Sales Desk — first start"))
        title = QLabel(_("Welcome to Sales Desk"))
        title.setStyleSheet("font-size: 18pt; font-weight: bold;")
        intro = QLabel(
            _(
                "There are no accounts yet. Create the administrator, who manages users, "
                "roles, settings and backups. The administrator holds no business rights: "
                "people who also do sales work get a second, ordinary account."
            )
        )
        intro.setWordWrap(True)
        self.username = QLineEdit("admin")
        self.username.setObjectName("username")
        self.full_name = QLineEdit()
        self.full_name.setObjectName("full_name")
        self.password = _password_edit()
        self.password.setObjectName("password")
        self.repeat = _password_edit()
        self.repeat.setObjectName("repeat")
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        form = QFormLayout()
        form.addRow(_("&User name:"), self.username)
        form.addRow(_("&Full name:"), self.full_name)
        form.addRow(_("&Password:"), self.password)
        form.addRow("", PasswordStrength(self.password, self._names))
        form.addRow(_("&Repeat password:"), self.repeat)
        form.addRow("", self.hint)
        form.addRow(_("&Language:"), self.language)
        self.demo = DemoOffer()
        buttons = QDialogButtonBox()
        self.ok = buttons.addButton(_("&Create administrator"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setDefault(True)
        quit_button = buttons.addButton(_("&Quit"), QDialogButtonBox.ButtonRole.RejectRole)
        self.ok.clicked.connect(self.create)
        quit_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addSpacing(6)
        layout.addWidget(self.demo)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        layout.addWidget(self.upgrade_label)
        layout.addWidget(self.database_label)
        self.setMinimumWidth(460)
        for edit in (self.username, self.full_name, self.password, self.repeat):
            edit.textChanged.connect(self._update)
        self._update()
        self.password.setFocus()

    def _names(self) -> tuple[str, ...]:
        return self.username.text().strip(), self.full_name.text().strip()

    def _valid(self) -> bool:
        return (
            bool(self.username.text().strip())
            and password_weakness(self.password.text(), self._names()) is None
            and self.password.text() == self.repeat.text()
        )

    def _update(self) -> None:
        pw, again = self.password.text(), self.repeat.text()
        weakness = password_weakness(pw, self._names())
        if len(pw) < MIN_LENGTH:
            hint = _("At least {n} characters ({have} so far).").format(n=MIN_LENGTH, have=len(pw))
        elif weakness:
            hint = _("The password is {why}.").format(why=weakness)
        elif pw != again:
            hint = _("The two passwords differ.")
        else:
            hint = _("The passwords match.")
        self.hint.setText(hint)
        self.ok.setEnabled(self._valid())

    def create(self) -> None:
        if not self._valid():
            return
        name, full, pw = self.username.text().strip(), self.full_name.text().strip(), self.password.text()
        self.show_error("")
        self._busy(True)
        self.ctx.runner.run(
            lambda: _auth().create_first_admin(self.ctx.uow(), name, pw, full),
            self._created, self._refused, writes="users", owner=self,
        )

    def _created(self, admin: Actor) -> None:
        if self.demo.isChecked():  # disabled while busy: still as ticked when pressed
            load_demo_firm(self.ctx, admin, self, lambda: self._in(admin))
        else:
            self._in(admin)

    def _busy(self, busy: bool) -> None:
        super()._busy(busy)
        self.demo.setEnabled(not busy)


class ChangePasswordDialog(QDialog):
    """Change one's own password (the current one is asked again)."""

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.actor = ctx, actor
        self.setWindowTitle(_("Change my password"))
        self.current = _password_edit()
        self.new = _password_edit()
        self.repeat = _password_edit()
        self.error = _error_label()
        form = QFormLayout(self)
        form.addRow(_("&Current password:"), self.current)
        form.addRow(_("&New password:"), self.new)
        form.addRow("", PasswordStrength(self.new, lambda: (actor.username,)))
        form.addRow(_("&Repeat new password:"), self.repeat)
        form.addRow(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok: QPushButton = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(_("Change password"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.setMinimumWidth(380)

    def submit(self) -> None:
        weakness = password_weakness(self.new.text(), (self.actor.username,))
        if weakness:
            self._show(_("The new password is {why}.").format(why=weakness))
            return
        if self.new.text() != self.repeat.text():
            self._show(_("The two new passwords differ."))
            return
        old, new = self.current.text(), self.new.text()
        self.ok.setEnabled(False)
        self.ctx.runner.run(
            lambda: _auth().change_own_password(self.ctx.uow(self.actor), old, new),
            lambda _r: self.done(QDialog.DialogCode.Accepted), self._refused,
            writes="users", owner=self,
        )

    def _show(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def _refused(self, exc: BaseException) -> bool:
        self.ok.setEnabled(True)
        if isinstance(exc, DomainError):
            self._show(str(exc))
            return True
        return False
