"""The calendar's week as a grid [日程]: the seven days Monday to Sunday as columns, headed by
their date (today's marked), each day's activities down its column in time order — the
time and kind, the customer, and whose it is when the whole team is shown.

Keyboard: the arrows move between cells; Left on Monday and Right on Sunday go on to the
week before or after (the page steps the week); Enter or a double click on a cell is the
page's to handle (the outcome of a planned activity, planning on an empty day).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from sales_desk.domain.activities.rules import ActivityKind, ActivityStatus, minute_text
from sales_desk.i18n import _
from sales_desk.services.activities.activities import ActivityRow
from sales_desk.ui.tabs.activities.common import WEEKDAYS

Index = QModelIndex | QPersistentModelIndex
DAYS = 7
TODAY_BACKGROUND = QColor("#fff6d5")
OVERDUE_COLOUR = QColor("#b00020")
DONE_COLOUR = QColor("#5f6b73")


def cell_text(row: ActivityRow, team: bool) -> str:
    """09:30 Visit / C0001 上海甲公司 (/ whose, for the team): a done one ticked."""
    when = minute_text(row.planned_minute) or _("Time open")
    lines = [f"{'✓ ' if row.status == ActivityStatus.DONE else ''}{when} {ActivityKind(row.kind).label}",
             row.customer or row.subject]
    if team:
        lines.append(row.rep)
    return "\n".join(lines)


def _time_order(row: ActivityRow) -> tuple[bool, int, str, int]:
    return row.planned_minute is None, row.planned_minute or 0, row.rep, row.id


class WeekModel(QAbstractTableModel):
    """Column d is the week's day d (Monday 0); row i the day's i-th activity by time."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.monday = date.min
        self.today = date.min
        self.team = False
        self.days: list[list[ActivityRow]] = [[] for _d in range(DAYS)]

    def set_week(self, monday: date, rows: Sequence[ActivityRow], today: date, team: bool = False) -> None:
        self.beginResetModel()
        self.monday, self.today, self.team = monday, today, team
        self.days = [[] for _d in range(DAYS)]
        for r in rows:
            offset = (r.planned_on - monday).days
            if 0 <= offset < DAYS:
                self.days[offset].append(r)
        for day in self.days:
            day.sort(key=_time_order)
        self.endResetModel()

    def day_of(self, column: int) -> date:
        return self.monday + timedelta(days=column)

    def today_column(self) -> int | None:
        offset = (self.today - self.monday).days
        return offset if 0 <= offset < DAYS else None

    def activity_at(self, index: Index) -> ActivityRow | None:
        if not index.isValid() or not 0 <= index.column() < DAYS:
            return None
        day = self.days[index.column()]
        return day[index.row()] if index.row() < len(day) else None

    def index_of(self, activity_id: int) -> QModelIndex:
        for column, day in enumerate(self.days):
            for i, r in enumerate(day):
                if r.id == activity_id:
                    return self.index(i, column)
        return QModelIndex()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt's name and default
        return 0 if parent.isValid() else max(1, *(len(d) for d in self.days))

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else DAYS

    def flags(self, index: Index) -> Qt.ItemFlag:
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable if index.isValid() else Qt.ItemFlag.NoItemFlags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        r = self.activity_at(index)
        if role == Qt.ItemDataRole.BackgroundRole and index.isValid() and index.column() == self.today_column():
            return QBrush(TODAY_BACKGROUND)
        if r is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(r, self.team)
        if role == Qt.ItemDataRole.ToolTipRole:
            parts = [r.subject, r.customer, r.place, r.rep, ActivityStatus(r.status).label, r.outcome, r.next_step]
            return "\n".join(p for p in parts if p)
        if role == Qt.ItemDataRole.ForegroundRole:
            if r.overdue:
                return QBrush(OVERDUE_COLOUR)
            return QBrush(DONE_COLOUR) if r.status == ActivityStatus.DONE else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt's name
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < DAYS:
            return None
        day = self.day_of(section)
        today = section == self.today_column()
        if role == Qt.ItemDataRole.DisplayRole:
            text = f"{_(WEEKDAYS[day.weekday()])} {day.month:02d}-{day.day:02d}"
            return text + "\n" + _("Today") if today else text + "\n"
        if role == Qt.ItemDataRole.FontRole and today:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return day.isoformat()
        return None


class _Roomy(QStyledItemDelegate):
    """A little air above and below each activity."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802 - Qt's name
        size = super().sizeHint(option, index)
        return QSize(size.width(), size.height() + 10)


class WeekGrid(QTableView):
    """The week's cells; moving past Monday or Sunday asks for the next week (sig_edge)."""

    sig_edge = Signal(int)
    """-1: Left on Monday (the week before), 1: Right on Sunday (the week after)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("week_grid")
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)  # Tab leaves the grid; arrows move inside it
        self.setWordWrap(True)
        self.setShowGrid(True)
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.horizontalHeader().setSectionsClickable(False)
        self.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.setItemDelegate(_Roomy(self))
        self.setMinimumHeight(self.fontMetrics().height() * 12)

    def week(self) -> WeekModel:
        model = self.model()
        assert isinstance(model, WeekModel)
        return model

    def current_activity(self) -> ActivityRow | None:
        return self.week().activity_at(self.currentIndex())

    def current_day(self) -> date | None:
        index = self.currentIndex()
        return self.week().day_of(index.column()) if index.isValid() else None

    def go_to(self, index: QModelIndex) -> None:
        if index.isValid():
            self.setCurrentIndex(index)
            self.scrollTo(index)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        column = self.currentIndex().column()
        plain = event.modifiers() in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
        if plain and event.key() == Qt.Key.Key_Left and column == 0:
            self.sig_edge.emit(-1)
            event.accept()
            return
        if plain and event.key() == Qt.Key.Key_Right and column == DAYS - 1:
            self.sig_edge.emit(1)
            event.accept()
            return
        super().keyPressEvent(event)
