"""The order form's Lines tab: the lines table with its product and quantity editors,
the buttons that add and remove a line, the total, and the notes on what the sales VP
will review (a price below the floor, a major contract). The lines themselves live in
lines_model.py; the form decides when they may be edited.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sales_desk.i18n import _
from sales_desk.ui.tabs.orders.lines_model import (
    CEILING,
    FLOOR,
    PRODUCT,
    QUANTITY,
    RETURNED,
    SHIPPED,
    WIDTHS,
    LinesModel,
    ProductDelegate,
    QuantityDelegate,
)
from sales_desk.ui.widgets.entry_grid import EntryGrid
from sales_desk.ui.widgets.money import money_text

EDIT_TRIGGERS = (QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
                 | QAbstractItemView.EditTrigger.AnyKeyPressed | QAbstractItemView.EditTrigger.SelectedClicked)


class LinesEditor(QWidget):
    def __init__(self, lines: LinesModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.lines = lines
        self.lines_table = EntryGrid()
        self.lines_table.next_line = self._next_line
        self.lines_table.setObjectName("lines_table")
        self.lines_table.setModel(lines)
        self.lines_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.lines_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.lines_table.setEditTriggers(EDIT_TRIGGERS)
        self.lines_table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.lines_table.setItemDelegateForColumn(PRODUCT, ProductDelegate(lines, self.lines_table))
        self.lines_table.setItemDelegateForColumn(QUANTITY, QuantityDelegate(self.lines_table))
        for col, width in WIDTHS.items():
            self.lines_table.setColumnWidth(col, width)
        self.lines_table.horizontalHeader().setStretchLastSection(False)
        self.lines_table.horizontalHeader().setSectionResizeMode(PRODUCT, QHeaderView.ResizeMode.Stretch)
        self.add_button = QPushButton(_("Add line"))
        self.add_button.setObjectName("add_line")
        self.add_button.setToolTip(_("Insert"))
        self.remove_button = QPushButton(_("Remove line"))
        self.remove_button.setObjectName("remove_line")
        self.remove_button.setToolTip(_("Delete"))
        self.total_label = QLabel()
        self.total_label.setObjectName("order_total")
        self.total_label.setStyleSheet("font-weight: bold; font-size: 14px;")
        self.price_note = QLabel()
        self.price_note.setObjectName("price_note")
        self.price_note.setWordWrap(True)
        line_buttons = QHBoxLayout()
        line_buttons.addWidget(self.add_button)
        line_buttons.addWidget(self.remove_button)
        line_buttons.addWidget(self.price_note, 1)
        line_buttons.addWidget(self.total_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.lines_table, 1)
        layout.addLayout(line_buttons)

    def set_editable(self, on: bool) -> None:
        self.lines.editable = on
        self.add_button.setVisible(on)
        self.remove_button.setVisible(on)
        self.lines_table.setEditTriggers(EDIT_TRIGGERS if on else QAbstractItemView.EditTrigger.NoEditTriggers)

    def show_columns(self, shipping: bool) -> None:
        """Before shipping the price range beside each price; from then on what shipped and came back."""
        for col in ((FLOOR, CEILING) if shipping else (SHIPPED, RETURNED)):
            self.lines_table.hideColumn(col)
        for col in ((SHIPPED, RETURNED) if shipping else (FLOOR, CEILING)):
            self.lines_table.showColumn(col)

    def add_line(self) -> None:
        """A new line, its product chosen first."""
        row = self.lines.add_line()
        index = self.lines.index(row, PRODUCT)
        self.lines_table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.lines_table.setCurrentIndex(index)
        self.lines_table.edit(index)

    def _next_line(self) -> int | None:
        """Enter on the last line: a new one, unless that line has no product yet."""
        last = self.lines.rowCount() - 1
        if not self.lines.editable or (last >= 0 and self.lines.line(last).product_id is None):
            return None
        return self.lines.add_line()

    def remove_line(self) -> None:
        index = self.lines_table.currentIndex()
        if index.isValid():
            self.lines.remove_line(index.row())

    def show_total(self, total: int, threshold: int | None) -> None:
        """The total, and what the sales VP will review: lines below the floor, a major contract."""
        self.total_label.setText(_("Total {total}").format(total=money_text(total)))
        notes = []
        below = self.lines.below_floor()
        if below:
            notes.append(_("Line {lines} below the floor: the sales VP approves it after you submit.").format(
                lines=", ".join(str(i + 1) for i in below)))
        if threshold is not None and total >= threshold and total > 0:
            notes.append(_("A major contract (from {threshold}): the sales VP reviews it before signing.").format(
                threshold=money_text(threshold)))
        self.price_note.setText(" ".join(notes))
        self.price_note.setStyleSheet("color: #7a4f00;" if notes else "")
