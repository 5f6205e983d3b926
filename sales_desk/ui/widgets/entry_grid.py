"""A table typed into like a form: the grid of an order's (or a claim's, a budget's)
lines, entered without the mouse.

Tab and Shift+Tab walk the editable cells only (a read-only column such as the unit is
skipped) and leave the table at either end, so the form's tab chain runs through it;
Enter takes what was typed and goes to the next line's first cell, asking the owner for
a new line at the end (it adds none while the last one is still empty). Delete asks the
owner to remove the line (`remove_line`); a grid of fixed lines (a budget's categories, a
plan's reps) has no owner for it, and Delete empties the figure under the cursor instead.

The keys live in a mixin (EntryKeys) so that a table that also keeps its columns' layout
(widgets.table.Table: the budget and plan grids) types the same way as the order's lines.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView, QTableView, QWidget

from sales_desk.ui.widgets.table import Table

Index = QModelIndex | QPersistentModelIndex
Hint = QAbstractItemDelegate.EndEditHint
TYPING = (QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
          | QAbstractItemView.EditTrigger.AnyKeyPressed)


class EntryKeys:
    """The keys of a grid typed into like a form; mixed in before a QTableView class, and
    `entry_keys()` called from its __init__."""

    def entry_keys(self) -> None:
        # The line to go on to when Enter is pressed on the last one: its row, or None for
        # no new line (the last one is still empty, or the lines are not editable now).
        self.next_line: Callable[[], int | None] | None = None
        # Delete on a line: the owner removes it; None for fixed lines (the figure is emptied).
        self.remove_line: Callable[[int], None] | None = None
        self.setTabKeyNavigation(False)  # Tab is handled here, cell by editable cell

    # -- where the cursor goes -------------------------------------------------------------------
    def editable(self, index: Index) -> bool:
        return (index.isValid() and not self.isColumnHidden(index.column())
                and bool(self.model().flags(index) & Qt.ItemFlag.ItemIsEditable))

    def _cells(self) -> list[QModelIndex]:
        m = self.model()
        header = self.horizontalHeader()
        columns = [header.logicalIndex(v) for v in range(header.count())]  # in the order shown
        return [m.index(r, c) for r in range(m.rowCount()) for c in columns if self.editable(m.index(r, c))]

    def step(self, index: Index, forward: bool) -> QModelIndex | None:
        """The editable cell after (or before) `index`; None past either end."""
        cells = self._cells()
        if not cells:
            return None
        if not index.isValid():
            return cells[0] if forward else cells[-1]
        at = next((i for i, c in enumerate(cells) if (c.row(), c.column()) == (index.row(), index.column())), None)
        if at is None:  # on a read-only cell: the next editable one in reading order
            after = [c for c in cells if (c.row(), c.column()) > (index.row(), index.column())]
            before = [c for c in cells if (c.row(), c.column()) < (index.row(), index.column())]
            return (after[0] if after else None) if forward else (before[-1] if before else None)
        to = at + (1 if forward else -1)
        return cells[to] if 0 <= to < len(cells) else None

    def first_cell(self, row: int) -> QModelIndex | None:
        return next((c for c in self._cells() if c.row() == row), None)

    def _leave(self, forward: bool) -> None:
        QWidget.focusNextPrevChild(self, forward)  # the next widget in the form's chain

    def focusNextPrevChild(self, forward: bool) -> bool:  # noqa: N802 - Qt's name
        if self.hasFocus() and self.state() != QAbstractItemView.State.EditingState:
            target = self.step(self.currentIndex(), forward)
            if target is not None:
                self.setCurrentIndex(target)
                return True
        return super().focusNextPrevChild(forward)

    # -- Enter --------------------------------------------------------------------------------------
    def go_to_next_line(self, row: int) -> bool:
        """The first cell of the line after `row`, a new one at the end; opened for typing."""
        target = self.first_cell(row + 1)
        if target is None and self.next_line is not None:
            new = self.next_line()
            target = self.first_cell(new) if new is not None else None
        if target is None:
            return False
        self.setCurrentIndex(target)
        self.edit(target)
        return True

    def _delete(self) -> bool:
        index = self.currentIndex()
        if not index.isValid() or self.state() == QAbstractItemView.State.EditingState:
            return False
        if self.remove_line is not None:
            self.remove_line(index.row())
            return True
        if self.editable(index) and self.editTriggers() != QAbstractItemView.EditTrigger.NoEditTriggers:
            self.model().setData(index, "")  # an empty figure is 0
            return True
        return False

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.key() == Qt.Key.Key_Delete and not event.modifiers() and self._delete():
            event.accept()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers() \
                & ~Qt.KeyboardModifier.KeypadModifier:
            if self.state() == QAbstractItemView.State.EditingState:
                # Passed up by the cell's editor, whose delegate takes the value (closeEditor
                # below goes on): not the form's default button as well.
                event.accept()
                return
            if self.currentIndex().isValid() and self.go_to_next_line(self.currentIndex().row()):
                event.accept()
                return
        super().keyPressEvent(event)  # else as a table does (Enter unused: the form's default)

    def closeEditor(self, editor: QWidget, hint: Hint) -> None:  # noqa: N802 - Qt's name
        at = QModelIndex(self.currentIndex())
        if hint in (Hint.EditNextItem, Hint.EditPreviousItem):
            forward = hint == Hint.EditNextItem
            super().closeEditor(editor, Hint.NoHint)
            target = self.step(at, forward)
            if target is None:
                self._leave(forward)
            else:
                self.setCurrentIndex(target)
                self.edit(target)
            return
        if hint == Hint.SubmitModelCache and at.isValid():  # Enter in a cell being typed
            super().closeEditor(editor, Hint.NoHint)
            row = at.row()
            # Once this editor is gone (an editor opened while it is closing is closed too).
            QTimer.singleShot(0, self, lambda: self.go_to_next_line(row))
            return
        super().closeEditor(editor, hint)


class EntryGrid(EntryKeys, QTableView):
    """The order's lines: a bare table typed into."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.entry_keys()


class EntryTable(EntryKeys, Table):
    """A grid of fixed lines typed into (a budget, a plan), its columns' layout kept per user."""

    def __init__(self, layout_key: str, parent: QWidget | None = None):
        super().__init__(layout_key, parent)
        self.entry_keys()
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(TYPING)  # only the cells the model marks editable open

