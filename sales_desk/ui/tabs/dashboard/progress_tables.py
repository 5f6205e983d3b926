"""The tables under the plan grid: sales against the plan in force (ProgressModel, the pace
in its level's colour) and, for those who follow receivables, collections against their
targets (CollectionsModel)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from sales_desk.domain.planning.warnings import Level
from sales_desk.i18n import N_, _
from sales_desk.services.collections.targets import Performance
from sales_desk.services.planning.progress import ProgressRow
from sales_desk.ui.tabs.dashboard.common import LEVEL_COLOURS, percent_text
from sales_desk.ui.widgets.list_model import RowsTableModel
from sales_desk.ui.widgets.money import money_text

PROGRESS_HEADERS = (N_("Name"), N_("Target"), N_("Sold"), N_("Due by today"), N_("Reached"), N_("Pace"))
COLLECTION_HEADERS = (N_("Sales rep"), N_("Collection target"), N_("Collected"), N_("Rate"), N_("Overdue"))


def _progress_cell(r: ProgressRow, column: int) -> str:
    return (r.label, money_text(r.target), money_text(r.actual), money_text(r.expected), percent_text(r.percent),
            Level(r.level).label)[column]


def _collection_cell(p: Performance, column: int) -> str:
    rate: Decimal | None = p.rate
    return (p.rep, "—" if p.target is None else money_text(p.target), money_text(p.collected), percent_text(rate),
            money_text(p.overdue))[column]


class ProgressModel(RowsTableModel[ProgressRow]):
    """Progress rows; the pace in the colour of its level."""

    def __init__(self, parent=None):  # noqa: ANN001
        super().__init__([_(h) for h in PROGRESS_HEADERS], _progress_cell, parent, right_aligned=range(1, 5))

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.ForegroundRole and index.isValid() and index.column() == 5
                and 0 <= index.row() < self.rowCount()):
            return QColor(LEVEL_COLOURS[Level(self.row_at(index.row()).level)])
        return super().data(index, role)


class CollectionsModel(RowsTableModel[Performance]):
    """Each rep's collections this period against their target."""

    def __init__(self, parent=None):  # noqa: ANN001
        super().__init__([_(h) for h in COLLECTION_HEADERS], _collection_cell, parent, right_aligned=range(1, 5))
