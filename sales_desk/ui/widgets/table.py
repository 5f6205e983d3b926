"""A read-only, row-selecting table view whose column layout is remembered."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from sales_desk.ui import geometry


class Table(QTableView):
    def __init__(self, layout_key: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.layout_key = layout_key
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.horizontalHeader().setStretchLastSection(True)
        self.horizontalHeader().setSectionsMovable(True)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
        self._restored = False

    def restore_layout(self, default_widths: dict[int, int] | None = None) -> None:
        """Call once the model has its columns."""
        if self._restored:
            return
        self._restored = True
        if not geometry.restore_header(self.horizontalHeader(), self.layout_key):
            for col, width in (default_widths or {}).items():
                self.setColumnWidth(col, width)

    def save_layout(self) -> None:
        if self._restored:
            geometry.save_header(self.horizontalHeader(), self.layout_key)

    def current_row(self) -> int | None:
        rows = self.selectionModel().selectedRows() if self.selectionModel() else []
        return rows[0].row() if rows else None
