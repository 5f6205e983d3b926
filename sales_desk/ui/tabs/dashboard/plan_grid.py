"""The plan's targets as a grid: one dimension at a time (reps, products or regions) down,
the twelve months across and the year, with a total row. A figure typed into a month is
that month's target; one typed into the year is spread over the months to the fen
(domain.plans.spread_evenly). A wrong amount is refused and said why (sig_refused)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont

from sales_desk.domain.common.money import MINOR_PER_MAJOR, from_minor, parse_amount
from sales_desk.domain.planning.plans import Dimension, spread_evenly
from sales_desk.i18n import _, current_language
from sales_desk.ui.tabs.dashboard.common import month_name
from sales_desk.ui.widgets.money import money_text

Index = QModelIndex | QPersistentModelIndex
MONTHS = 12
YEAR_COLUMN = MONTHS


def grid_money(minor: int) -> str:
    """Targets are mostly whole yuan: shown without ".00" so that thirteen columns fit;
    an amount with fen keeps them."""
    if minor % MINOR_PER_MAJOR:
        return money_text(minor)
    from babel.numbers import format_decimal

    return format_decimal(minor // MINOR_PER_MAJOR, format="#,##0", locale=current_language())


@dataclass
class GridRow:
    dimension: str
    key: str
    label: str
    months: list[int] = field(default_factory=lambda: [0] * MONTHS)


class PlanGridModel(QAbstractTableModel):
    sig_refused = Signal(str)
    """A typed figure was not accepted; the argument says why."""

    sig_edited = Signal()
    """A target was changed by typing (not yet saved)."""

    def __init__(self, parent=None):  # noqa: ANN001
        super().__init__(parent)
        self.rows: dict[str, list[GridRow]] = {d.value: [] for d in Dimension}
        self.dimension = Dimension.REP.value
        self.editable = False
        self.dirty = False

    # -- contents ----------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[GridRow], editable: bool) -> None:
        self.beginResetModel()
        self.rows = {d.value: [] for d in Dimension}
        for r in rows:
            self.rows[r.dimension].append(GridRow(r.dimension, r.key, r.label, list(r.months)))
        self.editable = editable
        self.dirty = False
        self.endResetModel()

    def set_dimension(self, dimension: str) -> None:
        self.beginResetModel()
        self.dimension = dimension
        self.endResetModel()

    def shown(self) -> list[GridRow]:
        return self.rows[self.dimension]

    def targets(self) -> list[tuple[str, str, int, int]]:
        """(dimension, key, month, amount) of every figure above 0, for prepare_plan."""
        return [(r.dimension, r.key, m + 1, amount) for rows in self.rows.values() for r in rows
                for m, amount in enumerate(r.months) if amount]

    def total(self, dimension: str | None = None) -> int:
        return sum(sum(r.months) for r in self.rows[dimension or self.dimension])

    def cell_value(self, row: int, column: int) -> int:
        rows = self.shown() if row == len(self.shown()) else [self.shown()[row]]
        months = range(MONTHS) if column == YEAR_COLUMN else (column,)
        return sum(r.months[m] for r in rows for m in months)

    def _editable_cell(self, row: int, column: int) -> bool:
        return self.editable and row < len(self.shown()) and 0 <= column <= YEAR_COLUMN

    # -- QAbstractTableModel -----------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.shown()) + 1

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else YEAR_COLUMN + 1

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._editable_cell(index.row(), index.column()):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < self.rowCount() and 0 <= index.column() <= YEAR_COLUMN):
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return grid_money(self.cell_value(row, column))
        if role == Qt.ItemDataRole.ToolTipRole:
            return money_text(self.cell_value(row, column))
        if role == Qt.ItemDataRole.EditRole:
            return str(from_minor(self.cell_value(row, column)))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and (row == len(self.shown()) or column == YEAR_COLUMN):
            font = QFont()
            font.setBold(True)
            return font
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        row, column = index.row(), index.column()
        if not self._editable_cell(row, column):
            return False
        r = self.shown()[row]
        where = _("{name}, {month}").format(name=r.label, month=_("Year") if column == YEAR_COLUMN
                                            else month_name(column + 1))
        try:
            amount = parse_amount(str(value)) if str(value).strip() else 0
        except ValueError:
            self.sig_refused.emit(_("{where}: not an amount (e.g. 120,000.00)").format(where=where))
            return False
        if amount < 0:
            self.sig_refused.emit(_("{where}: a target is not negative").format(where=where))
            return False
        if column == YEAR_COLUMN:
            r.months = spread_evenly(amount, MONTHS)
        else:
            r.months[column] = amount
        self.dirty = True
        self.dataChanged.emit(self.index(row, 0), self.index(row, YEAR_COLUMN))
        self.dataChanged.emit(self.index(len(self.shown()), 0), self.index(len(self.shown()), YEAR_COLUMN))
        self.sig_edited.emit()
        return True

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section <= YEAR_COLUMN:
            return _("Year") if section == YEAR_COLUMN else month_name(section + 1)
        if orientation == Qt.Orientation.Vertical and 0 <= section <= len(self.shown()):
            return _("Total") if section == len(self.shown()) else self.shown()[section].label
        return None
