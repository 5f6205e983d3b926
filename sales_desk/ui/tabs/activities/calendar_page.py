"""The calendar (a day or a week) and the list of what is due [日程].

The week shows as a grid, the seven days as columns (week_grid.py); the day as a list.
Keyboard: PgUp/PgDn or Alt+Left/Alt+Right step a day or a week, T goes to today, D and W
switch between the day and the week; in the week the arrows move between the cells (past
Monday or Sunday to the next week). Alt+P plans an activity (on the day of the cell, or
Enter on an empty cell), Enter on a planned one (or Alt+O) records its outcome, Alt+R moves
it to another day and time, Alt+C cancels it with the reason. A supervisor picks one of
their people, or the whole team; the VP and the GM read their people's calendars and due
list without recording any.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QItemSelection, QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from sales_desk import clock
from sales_desk.domain.activities.rules import ActivityStatus, week_of
from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.i18n import _
from sales_desk.services.activities import activities, choices
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.activities.activity_dialogs import (
    CancelDialog,
    OutcomeDialog,
    PlanDialog,
    RescheduleDialog,
)
from sales_desk.ui.tabs.activities.common import (
    TOPIC,
    activity_cells,
    activity_headers,
    arrow_button,
    choice_combo,
    day_text,
    fill_combo,
)
from sales_desk.ui.tabs.activities.week_grid import WeekGrid, WeekModel
from sales_desk.ui.widgets.list_model import RowsTableModel
from sales_desk.ui.widgets.page import Page
from sales_desk.ui.widgets.table import Table
from sales_desk.ui.widgets.visibility import shown_if

WHOLE_TEAM = -1  # the person list's entry for everyone the supervisor sees


class ActivityList(Page):
    """A table of activities with "Plan…" and "Record the outcome…" for those who record."""

    topics = frozenset({TOPIC})

    def __init__(self, ctx: AppContext, actor: Actor, key: str, parent: QWidget | None = None):
        super().__init__(ctx, actor, parent)
        self.model: RowsTableModel[activities.ActivityRow] = RowsTableModel(activity_headers(), activity_cells, self)
        self.table = Table(f"activities/{key}")
        self.table.setObjectName(f"{key}_table")
        self.table.setModel(self.model)
        self.table.restore_layout({0: 110, 1: 50, 2: 90, 3: 200, 4: 200, 5: 90, 6: 140, 7: 160, 8: 160})
        self.table.activated.connect(self._activated)
        records = actor.can(Perm.ACTIVITY_RECORD)
        self.plan_button = QPushButton(_("&Plan activity…"))
        self.plan_button.setObjectName("plan_activity")
        self.plan_button.clicked.connect(self.plan)
        self.done_button = QPushButton(_("Record the &outcome…"))
        self.done_button.setObjectName("record_outcome")
        self.done_button.clicked.connect(self.record_outcome)
        self.reschedule_button = QPushButton(_("&Reschedule…"))
        self.reschedule_button.setObjectName("reschedule_activity")
        self.reschedule_button.clicked.connect(self.reschedule)
        self.cancel_button = QPushButton(_("&Cancel activity…"))
        self.cancel_button.setObjectName("cancel_activity")
        self.cancel_button.clicked.connect(self.cancel_activity)
        buttons = (self.plan_button, self.done_button, self.reschedule_button, self.cancel_button)
        for b in buttons:
            shown_if(b, records)
        self.bar = QHBoxLayout()  # what is shown: the page fills it
        actions = QHBoxLayout()  # what is done, under the table
        actions.addStretch(1)
        for b in buttons:
            actions.addWidget(b)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addLayout(self.bar)
        self.layout_.addWidget(self.table, 1)
        self.layout_.addLayout(actions)

    def _show(self, rows: list[activities.ActivityRow]) -> None:
        self.model.set_rows(rows)
        if rows and self.table.current_row() is None:
            self.table.selectRow(0)

    def selected(self) -> activities.ActivityRow | None:
        current = self.table.current_row()
        return None if current is None else self.model.row_at(current)

    def planning_day(self) -> date:
        return clock.today()

    def plan(self) -> PlanDialog | None:
        if not self.actor.can(Perm.ACTIVITY_RECORD):
            return None
        dialog = PlanDialog(self.ctx, self.actor, self, max(self.planning_day(), clock.today()))
        dialog.open()
        return dialog

    def _activated(self, _index: QModelIndex) -> None:
        self.record_outcome()

    def planned(self) -> activities.ActivityRow | None:
        """The selected activity when it is still planned and the user records activities."""
        row = self.selected()
        if row is None or row.status != ActivityStatus.PLANNED or not self.actor.can(Perm.ACTIVITY_RECORD):
            return None
        return row

    def record_outcome(self) -> OutcomeDialog | None:
        row = self.planned()
        if row is None:
            return None
        dialog = OutcomeDialog(self.ctx, self.actor, row, self)
        dialog.open()
        return dialog

    def reschedule(self) -> RescheduleDialog | None:
        row = self.planned()
        if row is None:
            return None
        dialog = RescheduleDialog(self.ctx, self.actor, row, self)
        dialog.open()
        return dialog

    def cancel_activity(self) -> CancelDialog | None:
        row = self.planned()
        if row is None:
            return None
        dialog = CancelDialog(self.ctx, self.actor, row, self)
        dialog.open()
        return dialog


class CalendarPage(ActivityList):
    """One person's day or week (Monday to Sunday), or the whole team's."""

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(ctx, actor, "calendar", parent)
        self.day = clock.today()
        self.week = True
        self.person = choice_combo("calendar_person", ())
        shown_if(self.person, actor.can(Perm.TEAM_OVERSEE))
        self.person.currentIndexChanged.connect(lambda _i: self.reload())
        person_label = QLabel(_("&Whose:"))
        person_label.setBuddy(self.person)
        shown_if(person_label, actor.can(Perm.TEAM_OVERSEE))
        self.day_button, self.week_button = QPushButton(_("Da&y")), QPushButton(_("W&eek"))
        for b, week in ((self.day_button, False), (self.week_button, True)):
            b.setCheckable(True)
            b.setToolTip(_("Week (W)") if week else _("Day (D)"))
            b.setObjectName("week_view" if week else "day_view")
            b.clicked.connect(lambda _c=False, w=week: self.set_view(w))
        previous = arrow_button("◀", _("Previous (PgUp, Alt+Left)"))
        following = arrow_button("▶", _("Next (PgDn, Alt+Right)"))
        today = QPushButton(_("&Today"))
        today.setToolTip(_("Today (T)"))
        previous.clicked.connect(lambda: self.step(-1))
        following.clicked.connect(lambda: self.step(1))
        today.clicked.connect(self.today)
        self.period_label = QLabel()
        self.period_label.setObjectName("period_label")
        self.period_label.setStyleSheet("font-weight: bold;")
        for w in (person_label, self.person, self.day_button, self.week_button, previous, today, following,
                  self.period_label):
            self.bar.addWidget(w)
        self.bar.addStretch(1)
        for keys, slot in (("PgUp", lambda: self.step(-1)), ("PgDown", lambda: self.step(1)),
                           ("Alt+Left", lambda: self.step(-1)), ("Alt+Right", lambda: self.step(1)),
                           ("T", self.today), ("D", lambda: self.set_view(False)), ("W", lambda: self.set_view(True))):
            shortcut = QShortcut(QKeySequence(keys), self, slot)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)  # plain keys: only on this page
        self.week_model = WeekModel(self)
        self.grid = WeekGrid()
        self.grid.setModel(self.week_model)
        self.layout_.insertWidget(2, self.grid, 1)
        self.grid.activated.connect(self._grid_activated)
        self.grid.sig_edge.connect(self._edge)
        self.grid.selectionModel().currentChanged.connect(self._grid_moved)
        self.table.selectionModel().selectionChanged.connect(self._table_moved)
        self._syncing = False  # the grid and the list follow each other's selection
        self._want_column: int | None = None  # the day to land on in the next week shown
        self._update_view_buttons()
        if actor.can(Perm.TEAM_OVERSEE):
            ctx.runner.run(lambda: choices.people_choices(ctx.uow(actor)), self._people, owner=self)

    def _people(self, people: list[choices.Choice]) -> None:
        mine = [(p.id, _("My calendar")) for p in people if p.id == self.actor.user_id]
        others = [(p.id, p.label) for p in people if p.id != self.actor.user_id]
        blocked = self.person.blockSignals(True)
        fill_combo(self.person, [*mine, (WHOLE_TEAM, _("The whole team")), *others])
        self.person.blockSignals(blocked)
        self.reload()

    def period(self) -> tuple[date, date]:
        if self.week:
            return week_of(self.day)
        return self.day, self.day

    def planning_day(self) -> date:
        start, _end = self.period()
        chosen = self.grid.current_day() if self.week else None
        return self.day if not self.week else max(chosen or start, clock.today())

    def set_view(self, week: bool) -> None:
        self.week = week
        self._update_view_buttons()
        self.reload()

    def _update_view_buttons(self) -> None:
        self.day_button.setChecked(not self.week)
        self.week_button.setChecked(self.week)
        focused = self.table.hasFocus() or self.grid.hasFocus()
        self.grid.setVisible(self.week)
        self.table.setVisible(not self.week)
        if focused:
            (self.grid if self.week else self.table).setFocus()

    # -- the week's grid, following the list's selection and followed by it ------------------
    def _show_week(self, start: date, rows: list[activities.ActivityRow]) -> None:
        keep = self.selected()
        self.week_model.set_week(start, rows if self.week else [], clock.today(),
                                 self.person.currentData() == WHOLE_TEAM)
        self._show(rows)
        if not self.week:
            return
        model, index = self.week_model, QModelIndex()
        if keep is not None:
            index = model.index_of(keep.id)
        if not index.isValid() and self._want_column is not None:
            index = model.index(0, self._want_column)
        if not index.isValid():
            busy = [c for c, day in enumerate(model.days) if day]
            today = model.today_column()
            index = model.index(0, today if today is not None else (busy[0] if busy else 0))
        self._want_column = None
        self.grid.go_to(index)

    def _grid_moved(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._syncing:
            return
        r = self.week_model.activity_at(current)
        ids = [x.id for x in self.model.rows()]
        self._syncing = True
        try:
            if r is None or r.id not in ids:
                self.table.clearSelection()  # an empty cell: nothing selected to act on
            else:
                self.table.selectRow(ids.index(r.id))
        finally:
            self._syncing = False

    def _table_moved(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        r = self.selected()
        if self._syncing or not self.week or r is None:
            return
        self._syncing = True
        try:
            self.grid.go_to(self.week_model.index_of(r.id))
        finally:
            self._syncing = False

    def _grid_activated(self, index: QModelIndex) -> None:
        """Enter on a cell: a planned activity's outcome; on an empty one, plan on that day."""
        if self.week_model.activity_at(index) is None:
            self.plan()
        else:
            self.record_outcome()

    def _edge(self, n: int) -> None:
        """The arrows went past Monday or Sunday: the week before lands on Sunday, after on Monday."""
        self._want_column = 6 if n < 0 else 0
        self.step(n)

    def step(self, n: int) -> None:
        self.day += timedelta(days=7 * n if self.week else n)
        self.reload()

    def today(self) -> None:
        self.day = clock.today()
        self.reload()

    def load(self) -> None:
        ctx, actor = self.ctx, self.actor
        start, end = self.period()
        self.period_label.setText(_("Week of {start} to {end}").format(start=day_text(start), end=day_text(end))
                                  if self.week else day_text(start))
        whose = self.person.currentData() if self.person.count() else None
        if whose == WHOLE_TEAM:
            ctx.runner.run(lambda: activities.team_calendar(ctx.uow(actor), start, end),
                           lambda rows: self._show_week(start, rows), owner=self)
            return
        if whose is None and not actor.can(Perm.ACTIVITY_RECORD):
            return  # the overseer's people are on their way
        rep = None if whose in (None, actor.user_id) else whose
        ctx.runner.run(lambda: activities.calendar(ctx.uow(actor), rep, start, end),
                       lambda rows: self._show_week(start, rows), owner=self)


class DuePage(ActivityList):
    """What is due in the next days, the overdue first — one's own, the team's, or all."""

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(ctx, actor, "due", parent)
        intro = QLabel(_("Planned activities due within {days} days; overdue ones first.").format(
            days=activities.DUE_DAYS))
        intro.setWordWrap(True)
        self.bar.addWidget(intro, 1)

    def load(self) -> None:
        ctx, actor = self.ctx, self.actor
        ctx.runner.run(lambda: activities.due_list(ctx.uow(actor)), self._show, owner=self)
