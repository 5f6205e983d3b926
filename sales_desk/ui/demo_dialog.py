"""The demo firm from the first-run dialog: the offer, the load, and its passwords shown once.

`load_demo_firm` runs services.demo.load_demo as the new administrator on the runner, has
the demo's people issue their documents of record (demo/documents.py), then shows `DemoUsersDialog`: the demo users with their real passwords, which exist
nowhere else (only their hashes are stored), so the dialog offers copying and saving
them and asks before closing if neither was done.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from sales_desk.domain.common.roles import Actor, Role
from sales_desk.i18n import _, join_list
from sales_desk.ui.context import AppContext
from sales_desk.ui.widgets import dialogs
from sales_desk.ui.widgets.list_model import RowsTableModel
from sales_desk.ui.widgets.table import Table

if TYPE_CHECKING:  # the demo's services load on the worker, when the demo is asked for
    from sales_desk.demo import firm as demo
    from sales_desk.ui.tasks import CancelToken

WARNING_STYLE = "color: #8a4b00; font-weight: bold;"
NOTE_STYLE = "color: #555555;"  # a hint, yet readable: it says what cannot be undone
PASSWORD_COLUMN = 3
MIN_TABLE_WIDTH = 540
MAX_TABLE_HEIGHT = 520  # more demo users than that scroll


class DemoOffer(QWidget):
    """The first-run check box (unticked: a real firm must not start with made-up data)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.box = QCheckBox(_("Load a &demo firm to try Sales Desk"))
        self.box.setObjectName("demo")
        note = QLabel(_(
            "Adds a made-up sales department to this database: users for every role, "
            "customers… The demo users' passwords are shown once, right after the "
            "administrator is created. Leave this unticked for your firm's real data: "
            "demo data is not removed later."
        ))
        note.setWordWrap(True)
        note.setStyleSheet(NOTE_STYLE)
        self.box.setAccessibleDescription(note.text())
        style = self.box.style()
        indent = (style.pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth)
                  + style.pixelMetric(QStyle.PixelMetric.PM_CheckBoxLabelSpacing))
        note.setContentsMargins(indent, 0, 0, 0)  # under the text, not the box
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.box)
        layout.addWidget(note)

    def isChecked(self) -> bool:  # noqa: N802 - reads like the check box it wraps
        return self.box.isChecked()


def role_names(codes: tuple[str, ...]) -> str:
    return ", ".join(Role(c).label for c in codes)


def demo_users_text(users: tuple[demo.DemoUser, ...], where: str) -> str:
    """Tab-separated, with a header row: pastes into a spreadsheet, reads in a text editor."""
    lines = [
        _("Sales Desk — demo users"),
        _("Database: {where}").format(where=where),
        "",
        "\t".join([_("User name"), _("Full name"), _("Roles"), _("Password")]),
    ]
    lines += ["\t".join([u.username, u.full_name, role_names(u.roles), u.password]) for u in users]
    return "\n".join(lines) + "\n"


class _UsersModel(RowsTableModel["demo.DemoUser"]):
    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.FontRole and index.column() == PASSWORD_COLUMN:
            return QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        return super().data(index, role)


def _cell(user: demo.DemoUser, column: int) -> str:
    return (user.username, user.full_name, role_names(user.roles), user.password)[column]


class DemoUsersDialog(QDialog):
    """The demo users and their passwords, shown this once."""

    def __init__(self, result: demo.DemoResult, where: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.demo_result, self.where = result, where
        self.kept = False  # copied or saved: closing needs no question
        self.setWindowTitle(_("Sales Desk — demo users"))
        title = QLabel(_("The demo firm is loaded"))
        title.setStyleSheet("font-size: 14pt; font-weight: bold;")
        from sales_desk.demo.context import made_text  # loaded already: the demo just ran

        made = QLabel(_("Made: {made}.").format(
            made=join_list(made_text(what, n) for what, n in result.made)))
        made.setWordWrap(True)
        icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize)
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(size))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.warning = QLabel(_(
            "Copy or save these passwords now: they are not shown again. Give each person "
            "theirs; the administrator can reset a forgotten one on the Users page."
        ))
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(WARNING_STYLE)
        warning_row = QHBoxLayout()
        warning_row.addWidget(icon)
        warning_row.addWidget(self.warning, 1)

        self.model = _UsersModel([_("User name"), _("Full name"), _("Roles"), _("Password")], _cell, self)
        self.model.set_rows(result.users)
        self.table = Table("demo/users")
        self.table.setObjectName("demo_users")
        self.table.setModel(self.model)
        self.table.setAccessibleName(_("Demo users and their passwords"))
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

        self.copy_button = QPushButton(_("&Copy to clipboard"))
        self.save_button = QPushButton(_("&Save as text file…"))
        self.continue_button = QPushButton(_("C&ontinue"))
        self.continue_button.setDefault(True)
        self.copy_button.clicked.connect(self.copy)
        self.save_button.clicked.connect(self.save)
        self.continue_button.clicked.connect(self.accept)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.hide()  # until there is something to confirm
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        buttons.addWidget(self.continue_button)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(made)
        layout.addLayout(warning_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self._fit_table()
        self.copy_button.setFocus()

    def _fit_table(self) -> None:
        """Every row and column visible at once: nothing to scroll past by mistake."""
        table = self.table
        table.resizeColumnsToContents()
        width = table.horizontalHeader().length() + 2 * table.frameWidth() + 4
        height = (table.horizontalHeader().sizeHint().height()
                  + table.verticalHeader().length() + 2 * table.frameWidth() + 4)
        table.setMinimumSize(max(width, MIN_TABLE_WIDTH), min(height, MAX_TABLE_HEIGHT))

    def text(self) -> str:
        return demo_users_text(self.demo_result.users, self.where)

    def _confirm(self, text: str) -> None:
        self.kept = True
        self.status.setText(text)
        self.status.show()

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text())
        self._confirm(_("Copied: paste them somewhere safe before you continue."))

    def save(self) -> None:
        target = dialogs.save_file(self, _("Save the demo users' passwords"),
                                   Path.home() / "sales-desk-demo-users.txt", _("Text files (*.txt)"))
        if target:
            self.save_to(Path(target))

    def save_to(self, path: Path) -> None:
        try:
            # With a BOM: older Windows Notepad otherwise guesses the Chinese names wrong.
            path.write_text(self.text(), encoding="utf-8-sig")
        except OSError as exc:
            dialogs.show_error(self, _("The file could not be written: {reason}").format(
                reason=exc.strerror or exc))
            return
        self._confirm(_("Saved to {path}. Keep the file safe: it holds passwords.").format(path=path))

    def done(self, result: int) -> None:  # Continue, Escape and the close button all end here
        if not self.kept and not dialogs.confirm(
            self, _("Sales Desk — demo users"),
            _("You have neither copied nor saved the demo users' passwords, and they are not "
              "shown again. Continue without them?"),
            _("Continue without them"), destructive=True,
        ):
            return
        super().done(result)


def load_demo_firm(ctx: AppContext, admin: Actor, parent: QWidget, then: Callable[[], None]) -> None:
    """Load the demo firm as `admin` on the runner; show its passwords, then call `then()`.

    A failure calls `then()` as well (the administrator exists already) and returns the
    error to the runner to show. The task has no owner on purpose: the runner would
    otherwise put the message on `parent`, which `then()` has just hidden, rather than
    on what is in front by then (the main window).
    """

    def loaded(result: demo.DemoResult) -> None:
        if not shiboken6.isValid(parent):  # the user quit meanwhile
            return
        dialog = DemoUsersDialog(result, ctx.description, parent)
        dialog.finished.connect(lambda _code: then())
        dialog.open()

    def failed(_exc: BaseException) -> bool:
        if shiboken6.isValid(parent):
            then()
        return False

    def load(token: CancelToken) -> demo.DemoResult:
        from sales_desk.demo import firm as demo
        from sales_desk.demo.documents import issue_demo_documents

        result = demo.load_demo(ctx.uow(admin))
        issue_demo_documents(ctx.uow(admin), result, lambda done, total: token.progress(
            done, total, _("Issuing the demo firm's documents ({done} of {total})…").format(done=done, total=total)))
        return result

    ctx.runner.run_long(load, _("Loading the demo firm…"),
                        loaded, failed, writes="users", cancellable=False)
