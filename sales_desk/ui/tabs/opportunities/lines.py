"""The product lines of the opportunity and quotation forms, typed into like the order's
lines (grids.py puts them in an EntryGrid: Tab walks the cells, Enter goes to the next line
and adds one at the end, Delete removes a line): product and quantity (an opportunity's
products); `priced`, also the unit price — the list price in force until typed over — with
the range beside it and the amount (a quotation's lines). A price below the floor is shaded
(the sales VP approves it), one above the ceiling marked (refused): the service decides,
the grid only warns.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from sales_desk.domain.common.errors import ValidationError
from sales_desk.domain.common.money import parse_amount
from sales_desk.domain.orders.pricing import PricePosition, PriceRange
from sales_desk.i18n import N_, _
from sales_desk.services.opportunities.quotations import QuotableProduct
from sales_desk.ui.widgets.money import money_text
from sales_desk.ui.widgets.typed_choice import clear_choice, typed_combo, unique_match

Index = QModelIndex | QPersistentModelIndex
MAX_QUANTITY = 10_000_000
PRODUCT, UNIT, QUANTITY, PRICE, FLOOR, CEILING, AMOUNT = range(7)
HEADERS = (N_("Product"), N_("Unit"), N_("Quantity"), N_("Unit price"), N_("Floor price"), N_("Ceiling price"),
           N_("Amount"))
BELOW_FLOOR_BG = "#ffe0a3"  # amber: for the sales VP
ABOVE_CEILING_FG = "#b00020"



def product_text(p: QuotableProduct) -> str:
    return f"{p.code} · {p.name}" + (f" ({p.spec})" if p.spec else "")


@dataclass(frozen=True)
class Line:
    product: QuotableProduct | None = None
    quantity: int = 1
    unit_price: int | None = None  # minor units; None: the list price in force

    @property
    def price(self) -> int:
        return self.unit_price if self.unit_price is not None else (self.product.list_price if self.product else 0)

    @property
    def position(self) -> PricePosition | None:
        p = self.product
        return None if p is None else PriceRange(p.list_price, p.floor, p.ceiling).position(self.price)


class ProductLines(QAbstractTableModel):
    sig_problem = Signal(str)
    """A typed value was refused; the text says why."""

    sig_changed = Signal()
    """A line was added, removed or changed."""

    def __init__(self, priced: bool, parent=None):  # noqa: ANN001
        super().__init__(parent)
        self.priced = priced
        self.products: list[QuotableProduct] = []
        self._lines: list[Line] = []

    def set_products(self, products: Sequence[QuotableProduct]) -> None:
        self.products = list(products)

    def set_lines(self, lines: Sequence[tuple[int, int]]) -> None:
        """(product id, quantity) each, at the list price; unknown products left out."""
        known = {p.id: p for p in self.products}
        self.beginResetModel()
        self._lines = [Line(known[pid], qty) for pid, qty in lines if pid in known]
        self.endResetModel()
        self.sig_changed.emit()

    def lines(self) -> list[Line]:
        return list(self._lines)

    def add_line(self) -> int:
        row = len(self._lines)
        self.beginInsertRows(QModelIndex(), row, row)
        self._lines.append(Line())
        self.endInsertRows()
        return row

    def remove_line(self, row: int) -> None:
        if 0 <= row < len(self._lines):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._lines[row]
            self.endRemoveRows()
            self.sig_changed.emit()

    def next_line(self) -> int | None:
        """Enter on the last line: a new one, unless that line has no product yet."""
        if self._lines and self._lines[-1].product is None:
            return None
        return self.add_line()

    def chosen(self) -> list[Line]:
        """The lines with a product (an empty last line is no line); a line without one
        between others is refused, naming it."""
        out = []
        for n, ln in enumerate(self._lines, start=1):
            if ln.product is None:
                if n == len(self._lines):
                    break
                raise ValidationError(_("Line {n}").format(n=n), _("choose a product"))
            out.append(ln)
        return out

    def total(self) -> int:
        return sum(ln.quantity * ln.price for ln in self._lines if ln.product is not None)

    # -- QAbstractTableModel -----------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else (len(HEADERS) if self.priced else QUANTITY + 1)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < self.columnCount():
            return _(HEADERS[section])
        return section + 1 if orientation == Qt.Orientation.Vertical else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.isValid() and index.column() in (PRODUCT, QUANTITY, PRICE):
            return base | Qt.ItemFlag.ItemIsEditable
        return base if index.isValid() else Qt.ItemFlag.NoItemFlags

    def _text(self, ln: Line, column: int) -> str:
        p = ln.product
        if column == PRODUCT:
            return product_text(p) if p else _("(choose a product)")
        if column == QUANTITY:
            return str(ln.quantity)
        if p is None:
            return ""
        return {UNIT: p.unit, PRICE: money_text(ln.price), FLOOR: money_text(p.floor),
                CEILING: money_text(p.ceiling), AMOUNT: money_text(ln.quantity * ln.price)}[column]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._lines):
            return None
        ln, column = self._lines[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(ln, column)
        if role == Qt.ItemDataRole.EditRole:
            return {PRODUCT: ln.product.id if ln.product else None, QUANTITY: ln.quantity,
                    PRICE: money_text(ln.price)}.get(column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column not in (PRODUCT, UNIT):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        pos = ln.position if self.priced else None
        if role == Qt.ItemDataRole.BackgroundRole and pos is PricePosition.BELOW_FLOOR and column in (PRICE, FLOOR):
            return QBrush(QColor(BELOW_FLOOR_BG))
        if role == Qt.ItemDataRole.ForegroundRole and pos is PricePosition.ABOVE_CEILING \
                and column in (PRICE, CEILING):
            return QBrush(QColor(ABOVE_CEILING_FG))
        if role == Qt.ItemDataRole.ForegroundRole and column == PRODUCT and ln.product is None:
            return QBrush(QColor("#888888"))
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        row, column = index.row(), index.column()
        ln = self._lines[row]
        if column == PRODUCT:
            p = next((p for p in self.products if p.id == value), None)
            if p is None:
                return False
            new = replace(ln, product=p, unit_price=None) if p != ln.product else ln
        elif column == QUANTITY:
            try:
                qty = int(str(value).strip())
            except ValueError:
                qty = 0
            if not 0 < qty <= MAX_QUANTITY:
                self.sig_problem.emit(_("Quantity: a whole number above 0"))
                return False
            new = replace(ln, quantity=qty)
        else:
            try:
                price = parse_amount(str(value))
            except ValueError:
                self.sig_problem.emit(_("Unit price: not an amount (e.g. 1,580.00)"))
                return False
            new = replace(ln, unit_price=None if ln.product and price == ln.product.list_price else price)
        self._lines[row] = new
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))
        self.sig_changed.emit()
        return True


class ProductDelegate(QStyledItemDelegate):
    """The product cell: typed by code or name, the matches listed under it."""

    def __init__(self, model: ProductLines, parent=None):  # noqa: ANN001
        super().__init__(parent)
        self._model = model

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:  # noqa: N802
        combo = QComboBox(parent)
        combo.setObjectName("product_editor")
        for p in self._model.products:
            combo.addItem(product_text(p), p.id)
        return typed_combo(combo, _("type a product code or name"))

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        assert isinstance(editor, QComboBox)
        i = editor.findData(index.data(Qt.ItemDataRole.EditRole))
        editor.setCurrentIndex(i)
        if i < 0:
            clear_choice(editor)

    def setModelData(self, editor: QWidget, model, index: Index) -> None:  # noqa: ANN001, N802
        assert isinstance(editor, QComboBox)
        typed = editor.currentText()
        if not typed.strip():
            return
        p = unique_match(((p, (p.code, product_text(p))) for p in self._model.products), typed)
        if p is None:
            self._model.sig_problem.emit(_("Line {n}: no single product matches “{typed}”").format(
                n=index.row() + 1, typed=typed.strip()))
            return
        model.setData(index, p.id)


class QuantityDelegate(QStyledItemDelegate):
    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:  # noqa: N802
        spin = QSpinBox(parent)
        spin.setRange(1, MAX_QUANTITY)
        spin.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return spin
