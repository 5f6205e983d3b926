"""What the performance pages share: the topic their writes announce, tables over frozen
rows, a period picker, a dialog asking why."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import timedelta

from PySide6.QtWidgets import QHeaderView, QSpinBox

from sales_desk import clock
from sales_desk.i18n import _
from sales_desk.ui.widgets.list_model import RowsTableModel
from sales_desk.ui.widgets.money import money_text
from sales_desk.ui.widgets.table import Table

TOPIC = "performance"


def money(minor: int | None) -> str:
    return "" if minor is None else money_text(minor)


def rows_table(key: str, headers: Sequence[str], display: Callable[[object, int], str],
               right: Sequence[int] = (), stretch: Sequence[int] = (0,)) -> tuple[Table, RowsTableModel]:
    table = Table(f"performance/{key}")
    table.setObjectName(key)
    model = RowsTableModel(headers, display, table, right_aligned=right)
    table.setModel(model)
    table.restore_layout(None)
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    for col in range(len(headers)):
        header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch if col in stretch
                                    else QHeaderView.ResizeMode.ResizeToContents)
    return table, model


def period_picker(with_year: bool) -> tuple[QSpinBox, QSpinBox]:
    """Year and month of the last ended month; month 0 (shown as "whole year") if allowed."""
    last = clock.today().replace(day=1) - timedelta(days=1)
    year, month = QSpinBox(), QSpinBox()
    year.setRange(2000, 2100)
    year.setValue(last.year)
    month.setRange(0 if with_year else 1, 12)
    if with_year:
        month.setSpecialValueText(_("whole year"))
    month.setValue(last.month)
    return year, month
