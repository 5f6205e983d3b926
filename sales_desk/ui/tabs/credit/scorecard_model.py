"""The scorecard [客户等级评分表] as a table: five dimensions, their weighted indicators, a
rating of 0–100 % per indicator and the points it earns (weight × rating)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QSpinBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from sales_desk.domain.credit.rating import (
    DIMENSION_BY_KEY,
    INDICATOR_BY_KEY,
    INDICATORS,
    MAX_RATING,
    ScoreLine,
)
from sales_desk.i18n import _

Index = QModelIndex | QPersistentModelIndex
DIMENSION, INDICATOR, WEIGHT, RATING, POINTS = range(5)


@dataclass(frozen=True)
class ScoreRow:
    indicator: str
    weight: int
    rating: int | None  # None: not rated yet

    @property
    def dimension(self) -> str:
        return INDICATOR_BY_KEY[self.indicator].dimension

    @property
    def points(self) -> Decimal | None:
        return None if self.rating is None else ScoreLine(self.indicator, self.weight, self.rating).points


def points_text(points: Decimal) -> str:
    return f"{points:.2f}"


class ScorecardModel(QAbstractTableModel):
    sig_ratings_changed = Signal()
    """A rating was typed: the totals follow."""

    def __init__(self, parent=None):  # noqa: ANN001
        super().__init__(parent)
        self.headers = [_("Dimension"), _("Indicator"), _("Weight"), _("Rating (%)"), _("Points")]
        self._rows: list[ScoreRow] = []
        self.editable = False

    def set_rows(self, weights: Mapping[str, int], ratings: Mapping[str, int] | None = None,
                 editable: bool = False) -> None:
        """Every indicator in the scorecard's order, weighted, rated where known."""
        self.beginResetModel()
        ratings = ratings or {}
        self._rows = [ScoreRow(i.key, weights[i.key], ratings.get(i.key)) for i in INDICATORS
                      if i.key in weights]
        self.editable = editable
        self.endResetModel()
        self.sig_ratings_changed.emit()

    def rows(self) -> list[ScoreRow]:
        return list(self._rows)

    def ratings(self) -> dict[str, int]:
        return {r.indicator: r.rating for r in self._rows if r.rating is not None}

    def unrated(self) -> list[str]:
        return [r.indicator for r in self._rows if r.rating is None]

    def row_of(self, indicator: str) -> int:
        return next(n for n, r in enumerate(self._rows) if r.indicator == indicator)

    # -- QAbstractTableModel ---------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(self.headers):
            return self.headers[section]
        return None

    def _first_of_dimension(self, row: int) -> bool:
        return row == 0 or self._rows[row - 1].dimension != self._rows[row].dimension

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == DIMENSION:
                return _(DIMENSION_BY_KEY[r.dimension].label) if self._first_of_dimension(index.row()) else ""
            if column == INDICATOR:
                return _(INDICATOR_BY_KEY[r.indicator].label)
            if column == WEIGHT:
                return str(r.weight)
            if column == RATING:
                return "" if r.rating is None else f"{r.rating} %"
            return "" if r.points is None else points_text(r.points)
        if role == Qt.ItemDataRole.EditRole and column == RATING:
            return r.rating if r.rating is not None else 0
        if role == Qt.ItemDataRole.ToolTipRole and column in (DIMENSION, INDICATOR):
            return DIMENSION_BY_KEY[r.dimension].zh if column == DIMENSION else INDICATOR_BY_KEY[r.indicator].zh
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (WEIGHT, RATING, POINTS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and column == DIMENSION:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.editable and index.column() == RATING:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not (self.editable and index.isValid() and index.column() == RATING
                and role == Qt.ItemDataRole.EditRole):
            return False
        try:
            rating = int(value)
        except (TypeError, ValueError):
            return False
        if not 0 <= rating <= MAX_RATING:
            return False
        row = index.row()
        self._rows[row] = replace(self._rows[row], rating=rating)
        self.dataChanged.emit(self.index(row, RATING), self.index(row, POINTS))
        self.sig_ratings_changed.emit()
        return True


class RatingDelegate(QStyledItemDelegate):
    """A 0–100 % spin box for the rating."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        spin = QSpinBox(parent)
        spin.setRange(0, MAX_RATING)
        spin.setSuffix(" %")
        spin.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return spin

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        super().setEditorData(editor, index)
        if isinstance(editor, QSpinBox):
            editor.selectAll()  # the digits typed replace the rating, as in a spreadsheet
