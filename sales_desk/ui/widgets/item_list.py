"""A list of short items edited as a list: one row each, added, renamed, moved, removed.

Used where a setting is a list (the expense items offered per category): typed as
comma text in a one-line field, an item with a comma in it or a stray separator
changed the list without the admin seeing it.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sales_desk.i18n import _

EDITABLE = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable


class ItemListEdit(QWidget):
    sig_changed = Signal()
    """An item was added, renamed, moved or removed."""

    def __init__(self, items: Iterable[str] = (), parent: QWidget | None = None):
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setObjectName("items")
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.list.setAlternatingRowColors(True)
        self.add_button = QPushButton(_("Add item"))
        self.remove_button = QPushButton(_("Remove"))
        self.up_button = QPushButton(_("Move up"))
        self.down_button = QPushButton(_("Move down"))
        self.add_button.clicked.connect(self.add_item)
        self.remove_button.clicked.connect(self.remove_item)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        # Delete removes the current item, Insert adds one: shortcuts of the list itself, so
        # not while a row is being typed (its editor has the focus). Not an event filter: one
        # overridden in Python was called on the widget half destroyed.
        for key, act in ((QKeySequence.StandardKey.Delete, self.remove_item), (Qt.Key.Key_Insert, self.add_item)):
            shortcut = QShortcut(QKeySequence(key), self.list, context=Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(act)
        # A child timer, not a bare singleShot: it dies with the widget (a page reload).
        self._tidy = QTimer(self, singleShot=True, interval=0)
        self._tidy.timeout.connect(self._drop_blank_rows)
        self.list.itemChanged.connect(self._edited)
        self.list.currentRowChanged.connect(lambda _r: self._update_buttons())
        buttons = QVBoxLayout()
        for b in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.set_items(items)

    def set_items(self, items: Iterable[str]) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for text in items:
            self._append(text)
        self.list.blockSignals(False)
        self._update_buttons()

    def items(self) -> list[str]:
        """The items in order, blank rows and repeats left out."""
        out: list[str] = []
        for row in range(self.list.count()):
            text = self.list.item(row).text().strip()
            if text and text not in out:
                out.append(text)
        return out

    def _append(self, text: str) -> QListWidgetItem:
        item = QListWidgetItem(text)
        item.setFlags(EDITABLE)
        self.list.addItem(item)
        return item

    def add_item(self) -> None:
        """A new row, open for typing; left empty, it is dropped."""
        item = self._append("")
        self.list.setCurrentItem(item)
        self.list.setFocus()
        self.list.editItem(item)

    def remove_item(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        self.list.takeItem(row)
        self.sig_changed.emit()
        self._update_buttons()

    def _move(self, step: int) -> None:
        row = self.list.currentRow()
        to = row + step
        if row < 0 or not 0 <= to < self.list.count():
            return
        item = self.list.takeItem(row)
        self.list.insertItem(to, item)
        self.list.setCurrentRow(to)
        self.sig_changed.emit()

    def _edited(self, _item: QListWidgetItem) -> None:
        # Once the editor has closed (not inside its commit): an emptied row is no item.
        self._tidy.start()
        self.sig_changed.emit()

    def _drop_blank_rows(self) -> None:
        if self.list.state() == QAbstractItemView.State.EditingState:
            return
        for row in reversed(range(self.list.count())):
            if not self.list.item(row).text().strip():
                self.list.takeItem(row)
        self._update_buttons()

    def _update_buttons(self) -> None:
        row, n = self.list.currentRow(), self.list.count()
        self.remove_button.setEnabled(row >= 0)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < n - 1)
