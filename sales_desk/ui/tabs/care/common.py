"""What the customer-service pages share: a table over frozen rows, dates, a labelled form."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QFormLayout, QLabel, QWidget

from sales_desk import clock
from sales_desk.ui.widgets.list_model import RowsTableModel
from sales_desk.ui.widgets.service_dialog import ServiceDialog
from sales_desk.ui.widgets.table import Table

TOPIC = "care"


class CareDialog(ServiceDialog):
    topic = TOPIC


def rows_table(key: str, headers: Sequence[str], display: Callable[[object, int], str],
               right: Sequence[int] = ()) -> tuple[Table, RowsTableModel]:
    table = Table(f"care/{key}")
    model = RowsTableModel(headers, display, table, right_aligned=right)
    table.setModel(model)
    table.restore_layout()
    return table, model


def day(d: date | None) -> str:
    return d.isoformat() if d else ""


def date_edit(value: date | None = None) -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    d = value or clock.today()
    edit.setDate(QDate(d.year, d.month, d.day))
    return edit


def date_of(edit: QDateEdit) -> date:
    q = edit.date()
    return date(q.year(), q.month(), q.day())


def form(rows: Sequence[tuple[str, QWidget]]) -> QFormLayout:
    """A form whose labels carry mnemonics to their fields (keyboard use)."""
    layout = QFormLayout()
    for text, widget in rows:
        label = QLabel(text)
        label.setBuddy(widget)
        layout.addRow(label, widget)
    return layout
