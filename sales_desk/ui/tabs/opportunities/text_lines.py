"""Lines of short texts typed into a grid (the contacts involved in a deal, the competitors
met): a line whose first text is empty is no line."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex


class TextLines(QAbstractTableModel):
    """Lines of short texts; a line whose first text is empty is no line."""

    def __init__(self, headers: Sequence[str], parent=None):  # noqa: ANN001
        super().__init__(parent)
        self.headers = list(headers)
        self._lines: list[list[str]] = []

    def set_lines(self, lines: Sequence[Sequence[str]]) -> None:
        self.beginResetModel()
        self._lines = [list(x) + [""] * (len(self.headers) - len(x)) for x in lines]
        self.endResetModel()

    def lines(self) -> list[tuple[str, ...]]:
        return [tuple(s.strip() for s in x) for x in self._lines if x[0].strip()]

    def add_line(self) -> int:
        row = len(self._lines)
        self.beginInsertRows(QModelIndex(), row, row)
        self._lines.append([""] * len(self.headers))
        self.endInsertRows()
        return row

    def remove_line(self, row: int) -> None:
        if 0 <= row < len(self._lines):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._lines[row]
            self.endRemoveRows()

    def next_line(self) -> int | None:
        if self._lines and not self._lines[-1][0].strip():
            return None
        return self.add_line()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.headers):
            return self.headers[section]
        return section + 1 if orientation == Qt.Orientation.Vertical else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole,
                                        Qt.ItemDataRole.ToolTipRole):
            return self._lines[index.row()][index.column()]
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        self._lines[index.row()][index.column()] = str(value or "")
        self.dataChanged.emit(index, index)
        return True
