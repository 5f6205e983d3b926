"""Seats (issue 17): who is logged in on which machine, since when, last active when; the
administrator ends a seat, and its session's rights end at its next call."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from sales_desk.domain.common.roles import Actor
from sales_desk.i18n import _
from sales_desk.services.admin import seats
from sales_desk.ui.context import AppContext
from sales_desk.ui.widgets import dialogs
from sales_desk.ui.widgets.list_model import RowsTableModel
from sales_desk.ui.widgets.page import Page
from sales_desk.ui.widgets.table import Table

TOPIC = "seats"


def _when(moment: datetime | None) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M") if moment is not None else ""


class SeatsPage(Page):
    topics = frozenset({TOPIC, "users"})

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(ctx, actor, parent)
        self.model: RowsTableModel[seats.SeatRow] = RowsTableModel(
            [_("User name"), _("Full name"), _("Machine"), _("Logged in since"), _("Last activity"), _("Ended")],
            self._cell, self)
        self.table = Table("admin/seats")
        self.table.setObjectName("seats_table")
        self.table.setModel(self.model)
        self.table.restore_layout({0: 110, 1: 140, 2: 160, 3: 130, 4: 130})
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selection_changed())
        self.end_button = QPushButton(_("&End this seat…"))
        self.end_button.setObjectName("end_seat")
        self.end_button.clicked.connect(self.end_selected)
        self.show_ended = QCheckBox(_("Show &ended seats"))
        self.show_ended.toggled.connect(self._ended_shown)
        buttons = QHBoxLayout()
        buttons.addWidget(self.end_button)
        buttons.addWidget(self.show_ended)
        buttons.addStretch(1)
        intro = QLabel(_("The seats connected to this database: each log-in on a machine is one seat; "
                         "a person logged in on two machines has two. Ending a seat ends that session's "
                         "rights at its next action; the person can log in again."))
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(buttons)
        layout.addWidget(self.table)
        self.table.setColumnHidden(5, True)  # the ended column, while only live seats show
        self._selection_changed()

    def _ended_shown(self, on: bool) -> None:
        self.table.setColumnHidden(5, not on)
        self.reload()

    def _cell(self, row: seats.SeatRow, column: int) -> str:
        if column == 0:
            return row.username + (" " + _("(this seat)") if row.mine else "")
        return (row.full_name, row.machine, _when(row.since), _when(row.last_activity),
                _when(row.ended_at))[column - 1]

    def load(self) -> None:
        ctx, actor, ended = self.ctx, self.actor, self.show_ended.isChecked()
        ctx.runner.run(lambda: seats.list_seats(ctx.uow(actor), include_ended=ended), self._show, owner=self)

    def _show(self, rows: list[seats.SeatRow]) -> None:
        self.model.set_rows(rows)
        self._selection_changed()

    def selected(self) -> seats.SeatRow | None:
        row = self.table.current_row()
        return None if row is None else self.model.row_at(row)

    def _selection_changed(self) -> None:
        seat = self.selected()
        self.end_button.setEnabled(seat is not None and not seat.mine and seat.ended_at is None)

    def end_selected(self) -> None:
        seat = self.selected()
        if seat is None:
            return
        if not dialogs.confirm(self, _("End seat"),
                               _("End {user}'s seat on {machine}? Their next action there is refused "
                                 "and they must log in again.").format(user=seat.username, machine=seat.machine),
                               _("End seat"), destructive=True):
            return
        ctx, actor, sid = self.ctx, self.actor, seat.id
        ctx.runner.run(lambda: seats.end_seat(ctx.uow(actor), sid), writes=TOPIC, owner=self)
