"""The forms' grids (widgets/entry_grid.py) over the tab's line models: product and quantity
cells with their editors, Insert to add a line, one blank line to type into."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView

from sales_desk.ui.tabs.opportunities.lines import (
    HEADERS,
    PRODUCT,
    QUANTITY,
    ProductDelegate,
    ProductLines,
    QuantityDelegate,
)
from sales_desk.ui.tabs.opportunities.text_lines import TextLines
from sales_desk.ui.widgets.entry_grid import EntryGrid
from sales_desk.ui.widgets.shortcuts import shortcut

TYPING = (QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
          | QAbstractItemView.EditTrigger.AnyKeyPressed | QAbstractItemView.EditTrigger.SelectedClicked)


def grid(model: ProductLines | TextLines, name: str, stretch: int = 0) -> EntryGrid:
    """An EntryGrid over `model`, its product and quantity cells with their editors."""
    table = EntryGrid()
    table.setObjectName(name)
    table.setModel(model)
    table.next_line = model.next_line
    table.remove_line = model.remove_line
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(TYPING)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    if isinstance(model, ProductLines):
        table.setItemDelegateForColumn(PRODUCT, ProductDelegate(model, table))
        table.setItemDelegateForColumn(QUANTITY, QuantityDelegate(table))
        for col in range(1, len(HEADERS)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
    else:
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col in range(model.columnCount()):
            table.setColumnWidth(col, 140)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    shortcut(Qt.Key.Key_Insert, table, lambda: edit_new_line(table, model.add_line()))
    return table


def edit_new_line(table: EntryGrid, row: int) -> None:
    """The cursor in the first cell of line `row`, open for typing."""
    index = table.model().index(row, 0)
    table.setFocus(Qt.FocusReason.ShortcutFocusReason)
    table.setCurrentIndex(index)
    table.edit(index)


def with_a_blank_line(model: ProductLines | TextLines) -> None:
    """A grid shows one line to type into, at least (an empty last line is no line)."""
    model.next_line()  # adds one unless the last line is still blank
