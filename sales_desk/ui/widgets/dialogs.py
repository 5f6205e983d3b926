"""Every message box the app shows goes through these functions.

One place for the look (title, icon, default button) and one place for tests to
replace, since a modal box would otherwise wait for a click that never comes.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from sales_desk.i18n import _


def _box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # user data is never rich text
    return box


def show_error(parent: QWidget | None, text: str, title: str | None = None) -> None:
    box = _box(parent, QMessageBox.Icon.Warning, title or _("Sales Desk"), text)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.exec()


def show_info(parent: QWidget | None, text: str, title: str | None = None) -> None:
    box = _box(parent, QMessageBox.Icon.Information, title or _("Sales Desk"), text)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.exec()


def confirm(parent: QWidget | None, title: str, text: str, action: str, destructive: bool = False) -> bool:
    """Ask before acting; `action` names the button ("Restore", "Disable"…).

    A destructive action is not the default button: Enter alone never confirms it.
    """
    box = _box(parent, QMessageBox.Icon.Question, title, text)
    yes = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
    no = box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no if destructive else yes)
    box.setEscapeButton(no)
    box.exec()
    return box.clickedButton() is yes


def save_file(parent: QWidget | None, title: str, default: Path, file_filter: str) -> str | None:
    """Ask where to save; None if the user cancels."""
    path, _selected = QFileDialog.getSaveFileName(parent, title, str(default), file_filter)
    return path or None


def open_file(parent: QWidget | None, title: str, file_filter: str = "") -> str | None:
    """Ask which file to open (to attach it); None if the user cancels."""
    path, _selected = QFileDialog.getOpenFileName(parent, title, "", file_filter)
    return path or None


def open_path(parent: QWidget | None, path: Path) -> None:
    """Show a stored file in the program the system uses for its type."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
        show_error(parent, _("No program could open {path}.").format(path=path))


def choose_folder(parent: QWidget | None, title: str) -> str | None:
    """Ask for a folder (to write several files into); None if the user cancels."""
    path = QFileDialog.getExistingDirectory(parent, title, "")
    return path or None
