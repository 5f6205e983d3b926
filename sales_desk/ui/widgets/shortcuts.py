"""Keyboard shortcuts with the context they are meant to have.

PySide6 6.11 drops the context given to `QShortcut(key, parent, slot, context)`, so a key
made that way acts window-wide: a tab's Ctrl+N would fire while another tab is shown.
Every shortcut goes through `shortcut()`, which sets the context explicitly.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

Key = QKeySequence | QKeySequence.StandardKey | Qt.Key | str


def shortcut(key: Key, parent: QWidget, slot: Callable[[], Any],
             context: Qt.ShortcutContext = Qt.ShortcutContext.WidgetShortcut) -> QShortcut:
    """A key for `parent` in `context` (by default only while `parent` has the focus)."""
    sc = QShortcut(key if isinstance(key, QKeySequence) else QKeySequence(key), parent)
    sc.setContext(context)
    sc.activated.connect(slot)
    return sc


def enter_opens(table: QWidget, slot: Callable[[], Any]) -> None:
    """Return and Enter on the table (only while it has the focus) open the selected row."""
    for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        shortcut(key, table, slot)
