"""A table model over a short list of frozen rows (users, backups): all in memory, so
it sorts itself when a header is clicked (paged lists sort in SQL instead)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from sales_desk.domain.common.money import parse_amount

Row = TypeVar("Row")
Index = QModelIndex | QPersistentModelIndex


def text_sort_key(text: str) -> tuple:
    """A shown value as it sorts: amounts and counts as numbers ("9.00" before "10.00"),
    dates (shown ISO) and words as text, ignoring case; empty cells last."""
    if not text:
        return (2, 0, "")
    try:
        return (0, parse_amount(text), "")
    except ValueError:
        return (1, 0, text.casefold())


class RowsTableModel(QAbstractTableModel, Generic[Row]):
    sortable = True  # all rows are here: a header click sorts them (see widgets/table.py)

    def __init__(self, headers: Sequence[str], display: Callable[[Row, int], str],
                 parent=None, right_aligned: Sequence[int] = (),  # noqa: ANN001
                 sort_key: Callable[[Row, int], Any] | None = None):
        super().__init__(parent)
        self.headers = list(headers)
        self._display = display
        self._rows: list[Row] = []
        self._loaded: list[Row] = []  # in the order the service gave them
        self._right = set(right_aligned)
        self._sort_key = sort_key or (lambda row, column: text_sort_key(display(row, column)))
        self._sorted_by: tuple[int, Qt.SortOrder] = (-1, Qt.SortOrder.AscendingOrder)

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self._loaded = list(rows)
        self._rows = self._in_order(self._loaded)
        self.endResetModel()

    def _in_order(self, rows: list[Row]) -> list[Row]:
        column, order = self._sorted_by
        if not 0 <= column < len(self.headers):
            return list(rows)  # no column chosen: as the service ordered them
        # Stable: rows equal in the column keep the service's order (its key the tie-break).
        return sorted(rows, key=lambda r: self._sort_key(r, column),
                      reverse=order == Qt.SortOrder.DescendingOrder)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        rows_before = [self._rows[i.row()] for i in old]
        self._sorted_by = (column, order)
        self._rows = self._in_order(self._loaded)
        where = {id(r): n for n, r in enumerate(self._rows)}
        self.changePersistentIndexList(old, [self.index(where[id(r)], i.column())
                                             for r, i in zip(rows_before, old, strict=True)])
        self.layoutChanged.emit()

    def rows(self) -> list[Row]:
        return list(self._rows)

    def row_at(self, row: int) -> Row:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._display(self._rows[index.row()], index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in self._right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section] if 0 <= section < len(self.headers) else None
        return None
