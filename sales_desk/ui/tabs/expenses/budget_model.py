"""The budget grid: the seven categories down, the twelve months across, with totals; one
department at a time (or all of them added up, read-only). Typed amounts are parsed
as money; a wrong one is refused and said why (sig_refused)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont

from sales_desk.domain.common.money import MINOR_PER_MAJOR, from_minor, parse_amount
from sales_desk.domain.expenses.claims import Category
from sales_desk.i18n import _, current_language
from sales_desk.services.expenses.budgets import BudgetLineRow
from sales_desk.ui.tabs.expenses.common import month_name
from sales_desk.ui.widgets.money import money_text

Index = QModelIndex | QPersistentModelIndex
CATEGORIES = tuple(Category)
MONTHS = 12
TOTAL_ROW = len(CATEGORIES)
TOTAL_COLUMN = MONTHS
Cell = tuple[int, str, str]  # month, category, department


def grid_money(minor: int) -> str:
    """Budgets are mostly whole yuan: shown without ".00" so that thirteen columns fit;
    an amount with fen keeps them."""
    if minor % MINOR_PER_MAJOR:
        return money_text(minor)
    from babel.numbers import format_decimal

    return format_decimal(minor // MINOR_PER_MAJOR, format="#,##0", locale=current_language())


class BudgetGridModel(QAbstractTableModel):
    sig_refused = Signal(str)
    """A typed figure was not accepted; the argument says why."""

    sig_edited = Signal()
    """A figure was changed by typing (not yet saved)."""

    def __init__(self, parent=None):  # noqa: ANN001
        super().__init__(parent)
        self.values: dict[Cell, int] = {}
        self.department: str | None = None  # None: every department added up
        self.editable = False
        self.dirty = False

    # -- contents ----------------------------------------------------------------------------------
    def set_lines(self, lines: tuple[BudgetLineRow, ...] | list[BudgetLineRow], editable: bool) -> None:
        self.beginResetModel()
        self.values = {(x.month, x.category, x.department): x.amount for x in lines}
        self.editable = editable
        self.dirty = False
        self.endResetModel()

    def set_department(self, department: str | None) -> None:
        self.beginResetModel()
        self.department = department
        self.endResetModel()

    def set_editable(self, editable: bool) -> None:
        self.beginResetModel()
        self.editable = editable
        self.endResetModel()

    def lines(self) -> list[tuple[int, str, str, int]]:
        return sorted((m, c, d, amount) for (m, c, d), amount in self.values.items())

    def departments(self) -> set[str]:
        return {d for (_m, _c, d) in self.values}

    def amount(self, month: int, category: str, department: str | None = None) -> int:
        dept = self.department if department is None else department
        if dept is None:
            return sum(v for (m, c, _d), v in self.values.items() if m == month and c == category)
        return self.values.get((month, category, dept), 0)

    def cell_value(self, row: int, column: int) -> int:
        categories = [c.value for c in CATEGORIES] if row == TOTAL_ROW else [CATEGORIES[row].value]
        months = range(1, MONTHS + 1) if column == TOTAL_COLUMN else (column + 1,)
        return sum(self.amount(m, c) for c in categories for m in months)

    def total(self) -> int:
        return self.cell_value(TOTAL_ROW, TOTAL_COLUMN)

    def fill_row(self, row: int, column: int) -> bool:
        """Copy the figure of (row, month) into every month of that row."""
        if not self._editable_cell(row, column):
            return False
        value = self.cell_value(row, column)
        for m in range(1, MONTHS + 1):
            self._store(m, CATEGORIES[row].value, value)
        self.dirty = True
        self.dataChanged.emit(self.index(0, 0), self.index(TOTAL_ROW, TOTAL_COLUMN))
        self.sig_edited.emit()
        return True

    def _store(self, month: int, category: str, amount: int) -> None:
        assert self.department is not None
        self.values[(month, category, self.department)] = amount

    def _editable_cell(self, row: int, column: int) -> bool:
        return self.editable and self.department is not None and row < TOTAL_ROW and column < TOTAL_COLUMN

    # -- QAbstractTableModel -------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else TOTAL_ROW + 1

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else TOTAL_COLUMN + 1

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._editable_cell(index.row(), index.column()):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() <= TOTAL_ROW and 0 <= index.column() <= TOTAL_COLUMN):
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
        if role == Qt.ItemDataRole.FontRole and (row == TOTAL_ROW or column == TOTAL_COLUMN):
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
        try:
            amount = parse_amount(str(value)) if str(value).strip() else 0
        except ValueError:
            self.sig_refused.emit(_("{category}, {month}: not an amount (e.g. 12,000.00)").format(
                category=CATEGORIES[row].label, month=month_name(column + 1)))
            return False
        if amount < 0:
            self.sig_refused.emit(_("{category}, {month}: a budget is not negative").format(
                category=CATEGORIES[row].label, month=month_name(column + 1)))
            return False
        self._store(column + 1, CATEGORIES[row].value, amount)
        self.dirty = True
        self.dataChanged.emit(index, index)
        self.dataChanged.emit(self.index(row, TOTAL_COLUMN), self.index(row, TOTAL_COLUMN))
        self.dataChanged.emit(self.index(TOTAL_ROW, 0), self.index(TOTAL_ROW, TOTAL_COLUMN))
        self.sig_edited.emit()
        return True

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section <= TOTAL_COLUMN:
            return _("Year") if section == TOTAL_COLUMN else month_name(section + 1)
        if orientation == Qt.Orientation.Vertical and 0 <= section <= TOTAL_ROW:
            return _("Total") if section == TOTAL_ROW else CATEGORIES[section].label
        return None
