"""The dashboard's first page, made for the person logged in: the early warnings as tiles
across the top, "waiting for me" (oldest first; Enter or a double click opens the item
in its own tab) and a chart — sales against plan by month for the sales side, overdue
money by bucket for those who follow receivables.

Both reads run on the runner the moment the page shows, so the window answers at once;
`sig_drawn` tells when both have arrived and been drawn (tests, the benchmark).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from sales_desk.domain.common.roles import Actor
from sales_desk.domain.planning.warnings import WarningKind
from sales_desk.i18n import N_, _, ngettext
from sales_desk.services.planning import dashboard
from sales_desk.services.planning import inbox as approvals_inbox
from sales_desk.services.planning.dashboard import Dashboard
from sales_desk.services.planning.inbox import DECIDERS, InboxItem
from sales_desk.services.planning.warning_scope import warnings_for
from sales_desk.ui import geometry
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.dashboard.chart import PLAN_COLOUR, SOLD_COLOUR, BarChart, Series
from sales_desk.ui.tabs.dashboard.common import heading, hint, local_time, month_name
from sales_desk.ui.tabs.dashboard.records_dialog import RecordsDialog
from sales_desk.ui.tabs.dashboard.tiles import WarningTile
from sales_desk.ui.widgets.list_model import RowsTableModel
from sales_desk.ui.widgets.money import money_text
from sales_desk.ui.widgets.page import ANY, Page
from sales_desk.ui.widgets.shortcuts import enter_opens
from sales_desk.ui.widgets.table import Table
from sales_desk.ui.widgets.visibility import shown_if

HEADERS = (N_("Waiting for"), N_("Subject"), N_("From"), N_("Amount"), N_("Since"))
TILE_COLUMNS = 4
# The waiting list and the chart below the cards: some six rows, twelve readable months
# (dragged smaller, half of it at least).
WAITING_HEIGHT = 240


def _cell(item: InboxItem, column: int) -> str:
    return (item.title, item.subject, item.who, "" if item.amount is None else money_text(item.amount),
            local_time(item.since)[:10])[column]


class WaitingModel(RowsTableModel[InboxItem]):
    """The waiting list: the day it waits since, the time too in the tooltip."""

    def __init__(self, parent=None):  # noqa: ANN001
        super().__init__([_(h) for h in HEADERS], _cell, parent, right_aligned=(3,))

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.ToolTipRole and index.isValid() and index.column() == 4
                and 0 <= index.row() < self.rowCount()):
            return local_time(self.row_at(index.row()).since)
        return super().data(index, role)


class OverviewPage(Page):
    topics = ANY  # any change may move a count or a waiting item: reload when shown

    sig_open_item = Signal(str, str, int)
    """Open an item in its tab: the tab's key, what to open, its id."""

    sig_open_plans = Signal()
    """Show the sales plans page (sales against plan has no records of its own)."""

    sig_drawn = Signal()
    """The warnings and the waiting list have both arrived and are drawn."""

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(ctx, actor, parent)
        self.board: Dashboard | None = None
        self.items: list[InboxItem] | None = None
        self.tiles: dict[str, WarningTile] = {}
        self.title = heading(_("Dashboard of {name}").format(name=actor.username))
        self.title.setObjectName("dashboard_title")
        self.tile_box = QWidget()
        self.tile_grid = QGridLayout(self.tile_box)
        self.tile_grid.setContentsMargins(0, 0, 0, 0)
        self.tile_grid.setSpacing(8)
        for column in range(TILE_COLUMNS):
            self.tile_grid.setColumnStretch(column, 1)
        self.no_warnings = hint(_("Your duties have no early warnings."))
        shown_if(self.no_warnings, not warnings_for(actor))

        self.model = WaitingModel(self)
        self.table = Table("dashboard/waiting")
        self.table.setObjectName("waiting_table")
        self.table.setModel(self.model)
        self.table.restore_layout({0: 175, 1: 175, 2: 50, 3: 85})
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selection_changed())
        enter_opens(self.table, self.open_selected)
        self.open_button = QPushButton(_("&Open"))
        self.open_button.setObjectName("open_waiting")
        self.open_button.setToolTip(_("Enter"))
        self.open_button.clicked.connect(self.open_selected)
        self.waiting_label = heading(_("Waiting for me"))
        self.waiting_count = QLabel(_("Loading…"))
        self.waiting_count.setObjectName("waiting_count")
        waiting = QWidget()
        top = QHBoxLayout()
        top.addWidget(self.waiting_label)
        top.addStretch(1)
        top.addWidget(self.open_button)
        box = QVBoxLayout(waiting)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(top)
        box.addWidget(self.table, 1)
        box.addWidget(self.waiting_count)
        shown_if(waiting, bool(DECIDERS & actor.permissions))

        self.chart = BarChart()
        self.chart.setObjectName("dashboard_chart")
        self.chart.setMinimumWidth(320)
        self.chart.setVisible(False)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(waiting)
        self.splitter.addWidget(self.chart)
        self.splitter.setChildrenCollapsible(False)
        if not geometry.restore_splitter(self.splitter, "dashboard/overview"):
            self.splitter.setSizes([600, 420])  # room for twelve months under the chart
        # The cards keep the height their lines need and scroll, above the waiting list and
        # the chart, rather than a small window clipping an aging line or a rep's total (the
        # general manager's eighteen cards did not fit 760 px).
        cards = QWidget()
        inner = QVBoxLayout(cards)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(self.tile_box)
        inner.addWidget(self.no_warnings)
        inner.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setObjectName("dashboard_scroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(cards)
        self.splitter.setMinimumHeight(WAITING_HEIGHT // 2)
        self.split_down = QSplitter(Qt.Orientation.Vertical)
        self.split_down.addWidget(self.scroll)
        self.split_down.addWidget(self.splitter)
        self.split_down.setChildrenCollapsible(False)
        self.split_down.setStretchFactor(0, 1)
        if not geometry.restore_splitter(self.split_down, "dashboard/overview_cards"):
            self.split_down.setSizes([10_000, WAITING_HEIGHT])  # the rest to the cards
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.split_down, 1)
        self._selection_changed()

    # -- loading -------------------------------------------------------------------------
    def load(self) -> None:
        ctx, actor = self.ctx, self.actor
        self.board, self.items = None, None
        ctx.runner.run(lambda: dashboard.dashboard(ctx.uow(actor)), self._board_arrived, owner=self)
        if DECIDERS & actor.permissions:
            ctx.runner.run(lambda: approvals_inbox.waiting_for_me(ctx.uow(actor)), self._items_arrived, owner=self)
        else:
            self.items = []

    def drawn(self) -> bool:
        return self.board is not None and self.items is not None

    def _board_arrived(self, board: Dashboard) -> None:
        self.board = board
        self.title.setText(_("Dashboard of {name}, {date}").format(name=board.user_name, date=board.as_of.isoformat()))
        for tile in self.tiles.values():
            self.tile_grid.removeWidget(tile)
            tile.deleteLater()
        self.tiles = {}
        for i, card in enumerate(board.cards):
            tile = WarningTile(card)
            tile.sig_drill.connect(self.drill)
            self.tiles[card.kind] = tile
            self.tile_grid.addWidget(tile, i // TILE_COLUMNS, i % TILE_COLUMNS)
        self._draw_chart(board)
        self._maybe_drawn()

    def _items_arrived(self, items: list[InboxItem]) -> None:
        selected = self.selected()
        self.items = items
        self.model.set_rows(items)
        keep = next((i for i, x in enumerate(items) if selected and x.key == selected.key), None)
        if keep is not None:
            self.table.selectRow(keep)
        self.waiting_count.setText(
            ngettext("{n} item waits for you, oldest first. Your own requests never wait for you.",
                     "{n} items wait for you, oldest first. Your own requests never wait for you.",
                     len(items)).format(n=len(items))
            if items else _("Nothing waits for you."))
        self._selection_changed()
        self._maybe_drawn()

    def _maybe_drawn(self) -> None:
        if self.drawn():
            self.sig_drawn.emit()

    def _draw_chart(self, board: Dashboard) -> None:
        overdue = board.card(WarningKind.OVERDUE)
        if board.sales_by_month:
            months = board.sales_by_month
            series = [Series(_("Sold"), tuple(m.sold for m in months), SOLD_COLOUR)]
            if any(m.target for m in months):
                series.insert(0, Series(_("Plan"), tuple(m.target for m in months), PLAN_COLOUR))
            self.chart.set_data(_("Sales against plan by month, {year}").format(year=board.as_of.year),
                                [month_name(m.month) for m in months], series, _("Amount"))
        elif overdue is not None:
            self.chart.horizontal = True  # the buckets' names read beside their bars
            self.chart.set_data(_("Overdue receivables by bucket"), [f.label for f in overdue.figures],
                                [Series(_("Overdue"), tuple(f.amount or 0 for f in overdue.figures))], _("Amount"))
        else:
            self.chart.setVisible(False)
            return
        self.chart.setVisible(True)

    # -- acting --------------------------------------------------------------------------
    def selected(self) -> InboxItem | None:
        row = self.table.current_row()
        return None if row is None else self.model.row_at(row)

    def _selection_changed(self) -> None:
        self.open_button.setEnabled(self.selected() is not None)

    def open_selected(self) -> InboxItem | None:
        item = self.selected()
        if item is not None:
            self.sig_open_item.emit(item.tab, item.open_kind, item.open_id)
        return item

    def drill(self, kind: str, part: str = "") -> RecordsDialog | None:
        """The records behind warning `kind` (of one figure when `part` names it)."""
        if kind == WarningKind.SALES_PROGRESS:
            self.sig_open_plans.emit()
            return None
        card = self.board.card(kind) if self.board else None
        label = next((f.label for f in card.figures if f.key == part), "") if card and part else ""
        dialog = RecordsDialog(self.ctx, self.actor, kind, part, label, self)
        dialog.sig_open.connect(self.sig_open_item)
        dialog.open()
        return dialog

    def save_layout(self) -> None:
        self.table.save_layout()
        geometry.save_splitter(self.splitter, "dashboard/overview")
        geometry.save_splitter(self.split_down, "dashboard/overview_cards")
