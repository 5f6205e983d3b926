"""What the decision dialogs on an order are built from: the order's heading, a box for
the decider's note, and a grid of figures with the ones that stop the order in red."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QPlainTextEdit

from sales_desk.i18n import _
from sales_desk.services.orders.views import OrderView
from sales_desk.ui.tabs.orders.common import BAD_STYLE


def order_title(view: OrderView) -> str:
    return _("Order {number} · {customer}").format(number=view.number, customer=view.customer_name)


def note_edit(placeholder: str) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setObjectName("note")
    edit.setTabChangesFocus(True)
    edit.setPlaceholderText(placeholder)
    edit.setMaximumHeight(90)
    return edit


def figures_grid(rows: list[tuple[str, str, bool]]) -> QGridLayout:
    """Label / value pairs, values right-aligned; the flagged ones in bold red."""
    grid = QGridLayout()
    grid.setHorizontalSpacing(18)
    grid.setVerticalSpacing(4)
    for n, (label, value, flagged) in enumerate(rows):
        caption = QLabel(label)
        shown = QLabel(value)
        shown.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if flagged:
            shown.setStyleSheet(BAD_STYLE)
        grid.addWidget(caption, n, 0)
        grid.addWidget(shown, n, 1)
    grid.setColumnStretch(2, 1)
    return grid
