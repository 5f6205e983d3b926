"""The order's lines as an editable table: product, quantity, unit price, with each product's
approved range beside the price, the amount per line, and a price below the floor
highlighted (the sales VP must approve it) or above the ceiling marked (refused).

Typed prices are read as money (never a float); a draft's lines are edited here and
saved whole by the service; a submitted order's lines are shown read-only.
"""

from __future__ import annotations

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
from sales_desk.services.orders.entry import OrderLineInput
from sales_desk.services.orders.products import ProductRow
from sales_desk.services.orders.views import LineRow
from sales_desk.ui.tabs.orders.common import ABOVE_CEILING_FG, BELOW_FLOOR_BG
from sales_desk.ui.widgets.money import money_text
from sales_desk.ui.widgets.typed_choice import clear_choice, typed_combo, unique_match

Index = QModelIndex | QPersistentModelIndex
MAX_QUANTITY = 10_000_000

PRODUCT, UNIT, QUANTITY, PRICE, FLOOR, CEILING, AMOUNT, SHIPPED, RETURNED = range(9)
HEADERS = (N_("Product"), N_("Unit"), N_("Quantity"), N_("Unit price"), N_("Floor"), N_("Ceiling"),
           N_("Amount"), N_("Shipped"), N_("Returned"))
RIGHT = {QUANTITY, PRICE, FLOOR, CEILING, AMOUNT, SHIPPED, RETURNED}
WIDTHS = {PRODUCT: 250, UNIT: 40, QUANTITY: 65, PRICE: 95, FLOOR: 85, CEILING: 85, AMOUNT: 105,
          SHIPPED: 65, RETURNED: 65}


@dataclass(frozen=True)
class EditLine:
    product_id: int | None = None
    code: str = ""
    name: str = ""
    spec: str = ""
    unit: str = ""
    quantity: int = 1
    unit_price: int | None = None  # minor units; None until a product is chosen
    list_price: int = 0
    floor: int = 0
    ceiling: int = 0
    shipped: int = 0
    returned: int = 0
    note: str = ""

    @property
    def amount(self) -> int:
        return self.quantity * (self.unit_price or 0)

    @property
    def position(self) -> PricePosition | None:
        if self.product_id is None or self.unit_price is None:
            return None
        return PriceRange(self.list_price, self.floor, self.ceiling).position(self.unit_price)

    @property
    def product_text(self) -> str:
        if self.product_id is None:
            return ""
        spec = f" ({self.spec})" if self.spec else ""
        return f"{self.code} · {self.name}{spec}"

    @classmethod
    def of_product(cls, p: ProductRow, quantity: int = 1) -> EditLine:
        return cls(p.id, p.code, p.name, p.spec, p.unit, quantity, p.list_price, p.list_price,
                   p.floor_price, p.ceiling_price)

    @classmethod
    def of_row(cls, ln: LineRow) -> EditLine:
        return cls(ln.product_id, ln.product_code, ln.product_name, ln.spec, ln.unit, ln.quantity,
                   ln.unit_price, ln.list_price, ln.floor_price, ln.ceiling_price, ln.shipped_qty,
                   ln.returned_qty, ln.note)


def product_choice(p: ProductRow) -> str:
    spec = f" ({p.spec})" if p.spec else ""
    return f"{p.code} · {p.name}{spec}"


class LinesModel(QAbstractTableModel):
    sig_changed = Signal()
    """A line was added, removed or changed: the totals and the credit position follow."""

    sig_problem = Signal(str)
    """A typed value was refused (not a quantity, not an amount); the text says why."""

    def __init__(self, parent=None):  # noqa: ANN001
        super().__init__(parent)
        self._lines: list[EditLine] = []
        self._products: dict[int, ProductRow] = {}
        self.editable = True
        self.shipping = False  # show shipped and returned quantities

    # -- content ---------------------------------------------------------------------------------
    def set_products(self, products: list[ProductRow]) -> None:
        self._products = {p.id: p for p in products}

    def products(self) -> list[ProductRow]:
        return list(self._products.values())

    def set_lines(self, lines: list[EditLine], editable: bool, shipping: bool = False) -> None:
        self.beginResetModel()
        self._lines = list(lines)
        self.editable, self.shipping = editable, shipping
        self.endResetModel()
        self.sig_changed.emit()

    def lines(self) -> list[EditLine]:
        return list(self._lines)

    def line(self, row: int) -> EditLine:
        return self._lines[row]

    def add_line(self, product_id: int | None = None) -> int:
        row = len(self._lines)
        p = self._products.get(product_id or 0)
        self.beginInsertRows(QModelIndex(), row, row)
        self._lines.append(EditLine.of_product(p) if p else EditLine())
        self.endInsertRows()
        self.sig_changed.emit()
        return row

    def remove_line(self, row: int) -> None:
        if 0 <= row < len(self._lines):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._lines[row]
            self.endRemoveRows()
            self.sig_changed.emit()

    def total(self) -> int:
        return sum(ln.amount for ln in self._lines)

    def below_floor(self) -> list[int]:
        """Rows priced below their floor (the sales VP must approve them)."""
        return [i for i, ln in enumerate(self._lines) if ln.position is PricePosition.BELOW_FLOOR]

    def inputs(self) -> list[OrderLineInput]:
        """The lines for the service; ValidationError names a line without a product."""
        out = []
        for n, ln in enumerate(self._lines, start=1):
            if ln.product_id is None:
                raise ValidationError(_("Line {n}").format(n=n), _("choose a product"))
            out.append(OrderLineInput(ln.product_id, ln.quantity, ln.unit_price, ln.note))
        return out

    # -- QAbstractTableModel -----------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else (len(HEADERS) if self.shipping else AMOUNT + 1)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < self.columnCount():
            return _(HEADERS[section])
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.editable and index.column() in (PRODUCT, QUANTITY, PRICE):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def _text(self, ln: EditLine, column: int) -> str:
        if column == PRODUCT:
            return ln.product_text or _("(choose a product)")
        if ln.product_id is None and column != QUANTITY:
            return ""
        return {
            UNIT: ln.unit,
            QUANTITY: str(ln.quantity),
            PRICE: money_text(ln.unit_price or 0),
            FLOOR: money_text(ln.floor),
            CEILING: money_text(ln.ceiling),
            AMOUNT: money_text(ln.amount),
            SHIPPED: str(ln.shipped),
            RETURNED: str(ln.returned) if ln.returned else "",
        }[column]

    def _tooltip(self, ln: EditLine, column: int) -> str | None:
        pos = ln.position
        if column in (PRICE, FLOOR, AMOUNT) and pos is PricePosition.BELOW_FLOOR:
            return _("Below the floor price {floor}: the sales VP must approve this price before "
                     "the contract is signed.").format(floor=money_text(ln.floor))
        if column in (PRICE, CEILING) and pos is PricePosition.ABOVE_CEILING:
            return _("Above the approved ceiling {ceiling}: the order cannot be saved at this "
                     "price.").format(ceiling=money_text(ln.ceiling))
        if column == PRICE and ln.product_id is not None:
            return _("List price {price}; approved range {floor} – {ceiling}").format(
                price=money_text(ln.list_price), floor=money_text(ln.floor), ceiling=money_text(ln.ceiling))
        return self._text(ln, column) if column == PRODUCT else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._lines)):
            return None
        ln, column = self._lines[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(ln, column)
        if role == Qt.ItemDataRole.EditRole:
            if column == PRODUCT:
                return ln.product_id
            if column == QUANTITY:
                return ln.quantity
            if column == PRICE:
                return money_text(ln.unit_price or 0)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(ln, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in RIGHT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        pos = ln.position
        if role == Qt.ItemDataRole.BackgroundRole and pos is PricePosition.BELOW_FLOOR \
                and column in (PRICE, FLOOR, AMOUNT):
            return QBrush(QColor(BELOW_FLOOR_BG))
        if role == Qt.ItemDataRole.ForegroundRole and pos is PricePosition.ABOVE_CEILING \
                and column in (PRICE, CEILING):
            return QBrush(QColor(ABOVE_CEILING_FG))
        if role == Qt.ItemDataRole.ForegroundRole and column == PRODUCT and ln.product_id is None:
            return QBrush(QColor("#888888"))
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        row, column = index.row(), index.column()
        ln = self._lines[row]
        if column == PRODUCT:
            p = self._products.get(int(value)) if value is not None else None
            if p is None:
                return False
            if p.id == ln.product_id:
                return True
            new = EditLine.of_product(p, ln.quantity)
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
            if price <= 0:
                self.sig_problem.emit(_("Unit price: an amount above 0"))
                return False
            new = replace(ln, unit_price=price)
        self._lines[row] = new
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))
        self.sig_changed.emit()
        return True


def match_product(products: list[ProductRow], typed: str) -> ProductRow | None:
    """The product a typed text names: its code in full (any case), its choice text, or
    the one product whose code or name contains it. None when none or several do."""
    return unique_match(((p, (p.code, product_choice(p))) for p in products), typed)


class ProductDelegate(QStyledItemDelegate):
    """The product column: typed into by code or name, the matches listed under it as one
    types; nothing is chosen that was not typed or picked (an empty line stays empty)."""

    def __init__(self, model: LinesModel, parent=None):  # noqa: ANN001
        super().__init__(parent)
        self._model = model

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = QComboBox(parent)
        combo.setObjectName("product_editor")
        for p in self._model.products():
            combo.addItem(product_choice(p), p.id)
        return typed_combo(combo, _("type a product code or name"))

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        i = editor.findData(index.data(Qt.ItemDataRole.EditRole))
        editor.setCurrentIndex(i)  # -1 for a line without a product: nothing preselected
        if i < 0:
            clear_choice(editor)

    def setModelData(self, editor: QWidget, model, index: Index) -> None:  # noqa: ANN001
        assert isinstance(editor, QComboBox)
        typed = editor.currentText()
        if not typed.strip():
            return  # nothing typed: the line keeps what it had
        p = match_product(self._model.products(), typed)
        if p is None:
            self._model.sig_problem.emit(_("Line {n}: no single product matches “{typed}”").format(
                n=index.row() + 1, typed=typed.strip()))
            return
        model.setData(index, p.id)


class QuantityDelegate(QStyledItemDelegate):
    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        spin = QSpinBox(parent)
        spin.setRange(1, MAX_QUANTITY)
        spin.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return spin
