"""The budget grid's view: the categories down and the months across, all of it shown at
once (no scroll bars, no moving columns), cells chosen one at a time, and typing figures
the way the order's lines are (widgets.entry_grid: Tab from month to month, Enter to the
next category, Delete empties a figure) while the version is open to
its preparer. The figures themselves live in budget_model.BudgetGridModel.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QWidget

from sales_desk.ui.tabs.expenses.budget_model import TOTAL_COLUMN, TOTAL_ROW, BudgetGridModel
from sales_desk.ui.widgets.entry_grid import TYPING, EntryTable


class BudgetGrid(EntryTable):
    def __init__(self, model: BudgetGridModel, parent: QWidget | None = None):
        super().__init__("expenses/budget_grid", parent)
        self.setObjectName("budget_grid")
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setAlternatingRowColors(False)
        self.verticalHeader().show()
        header = self.horizontalHeader()
        header.setSectionsMovable(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(60)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(TOTAL_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFixedHeight(header.sizeHint().height()
                            + (TOTAL_ROW + 1) * self.verticalHeader().defaultSectionSize()
                            + 2 * self.frameWidth())

    def set_typing(self, editable: bool) -> None:
        self.setEditTriggers(TYPING if editable else QAbstractItemView.EditTrigger.NoEditTriggers)

    def finish_typing(self) -> None:
        """Commit the figure being typed, if any, before the lines are read."""
        if self.state() == QAbstractItemView.State.EditingState:
            self.setFocus()

    def on_a_figure(self) -> bool:
        """The current cell is a month of a category, not a total."""
        current = self.currentIndex()
        return current.isValid() and current.row() < TOTAL_ROW and current.column() < TOTAL_COLUMN

    def select_cell(self, row: int, column: int) -> None:
        index = self.model().index(row, column)
        self.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
