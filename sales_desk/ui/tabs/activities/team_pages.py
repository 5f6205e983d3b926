"""The team's days [人员管理]: statuses and the month's attendance statistics [状态, 考勤统计];
work logs with the supervisor's comments, and the reminders [员工日志, 批复、提醒].

Keyboard: on the statuses page PgUp/PgDn (or Alt+Left/Right) step the month and T goes to
this month; Alt+E enters a status. On the logs page Alt+W writes one's log, Alt+C (or Enter
on a log) comments on it, Alt+M sends a reminder, Alt+S marks a reminder seen to.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from sales_desk import clock
from sales_desk.domain.activities.attendance import StatusKind, month_bounds
from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.i18n import _
from sales_desk.services.activities import team
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.activities.common import TOPIC, arrow_button
from sales_desk.ui.tabs.activities.team_dialogs import (
    CommentDialog,
    ReminderDialog,
    StatusDialog,
    WorkLogDialog,
)
from sales_desk.ui.widgets.list_model import RowsTableModel
from sales_desk.ui.widgets.page import Page
from sales_desk.ui.widgets.table import Table
from sales_desk.ui.widgets.visibility import shown_if

_KINDS = tuple(StatusKind)


def _status_cells(row: team.StatusRow, column: int) -> str:
    return (row.person, StatusKind(row.kind).label, row.start_on.isoformat(), row.end_on.isoformat(), row.note)[column]


def _attendance_cells(row: team.AttendanceRow, column: int) -> str:
    m = row.month
    values = (row.person, m.working_days, m.attended, m.leave_working_days, *(m.days[k.value] for k in _KINDS))
    return str(values[column])


def _log_cells(row: team.LogRow, column: int) -> str:
    return (row.day.isoformat(), row.person, row.text,
            "\n".join(f"{c.author}: {c.text}" for c in row.comments))[column]


def _note_cells(row: team.NoteRow, column: int) -> str:
    return (row.due_on.isoformat() if row.due_on else "", row.author, row.text)[column]


def _table(name: str, model: RowsTableModel, widths: dict[int, int]) -> Table:
    table = Table(f"activities/{name}")
    table.setObjectName(f"{name}_table")
    table.setModel(model)
    table.restore_layout(widths)
    return table


class StatusesPage(Page):
    """Whose status is what this month, and the month's attendance per person."""

    topics = frozenset({TOPIC, "travel"})

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(ctx, actor, parent)
        self.first = clock.today().replace(day=1)
        self.statuses: RowsTableModel[team.StatusRow] = RowsTableModel(
            [_("Person"), _("Status"), _("Start"), _("End"), _("Note")], _status_cells, self)
        self.attendance: RowsTableModel[team.AttendanceRow] = RowsTableModel(
            [_("Person"), _("Working days"), _("Attended"), _("Leave on working days"), *(k.label for k in _KINDS)],
            _attendance_cells, self)
        self.status_table = _table("statuses", self.statuses, {0: 100, 1: 150, 2: 90, 3: 90, 4: 200})
        self.attendance_table = _table("attendance", self.attendance,
                                       {0: 100, 1: 100, 2: 90, 3: 160, **{4 + i: 150 for i in range(len(_KINDS))}})
        self.month_label = QLabel()
        self.month_label.setObjectName("month_label")
        self.month_label.setStyleSheet("font-weight: bold;")
        previous = arrow_button("◀", _("Previous (PgUp, Alt+Left)"))
        following = arrow_button("▶", _("Next (PgDn, Alt+Right)"))
        this = QPushButton(_("This &month"))
        this.setToolTip(_("This month (T)"))
        previous.clicked.connect(lambda: self.step(-1))
        following.clicked.connect(lambda: self.step(1))
        this.clicked.connect(self.this_month)
        self.enter_button = QPushButton(_("&Enter status…"))
        self.enter_button.setObjectName("enter_status")
        self.enter_button.clicked.connect(self.enter_status)
        shown_if(self.enter_button, actor.can(Perm.ACTIVITY_RECORD))
        bar = QHBoxLayout()
        for w in (previous, this, following, self.month_label):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.enter_button)
        split = QSplitter(Qt.Orientation.Vertical)
        for title, table in ((_("Statuses (travel from approved travel applications)"), self.status_table),
                             (_("Attendance statistics: days per status in the month"), self.attendance_table)):
            box = QWidget()
            inner = QVBoxLayout(box)
            inner.setContentsMargins(0, 0, 0, 0)
            inner.addWidget(QLabel(title))
            inner.addWidget(table)
            split.addWidget(box)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(split, 1)
        for keys, slot in (("PgUp", lambda: self.step(-1)), ("PgDown", lambda: self.step(1)),
                           ("Alt+Left", lambda: self.step(-1)), ("Alt+Right", lambda: self.step(1)),
                           ("T", self.this_month)):
            shortcut = QShortcut(QKeySequence(keys), self, slot)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)  # plain keys: only on this page

    def step(self, months: int) -> None:
        y, m = divmod(self.first.year * 12 + self.first.month - 1 + months, 12)
        self.first = date(y, m + 1, 1)
        self.reload()

    def this_month(self) -> None:
        self.first = clock.today().replace(day=1)
        self.reload()

    def load(self) -> None:
        ctx, actor = self.ctx, self.actor
        first, last = month_bounds(self.first.year, self.first.month)
        self.month_label.setText(_("{year}-{month:02d}").format(year=first.year, month=first.month))

        def fetch() -> tuple[list[team.StatusRow], list[team.AttendanceRow]]:
            return (team.team_statuses(ctx.uow(actor), first, last),
                    team.attendance_sheet(ctx.uow(actor), first.year, first.month))

        ctx.runner.run(fetch, self._show, owner=self)

    def _show(self, result: tuple[list[team.StatusRow], list[team.AttendanceRow]]) -> None:
        self.statuses.set_rows(result[0])
        self.attendance.set_rows(result[1])

    def enter_status(self) -> StatusDialog | None:
        if not self.actor.can(Perm.ACTIVITY_RECORD):
            return None
        today = clock.today()
        on = today if (today.year, today.month) == (self.first.year, self.first.month) else self.first
        dialog = StatusDialog(self.ctx, self.actor, self, on)
        dialog.open()
        return dialog


class LogsPage(Page):
    """The last 30 days' work logs of the people seen, with comments; the reminders to me."""

    topics = frozenset({TOPIC})
    DAYS = 30

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(ctx, actor, parent)
        oversees, records = actor.can(Perm.TEAM_OVERSEE), actor.can(Perm.ACTIVITY_RECORD)
        self.logs: RowsTableModel[team.LogRow] = RowsTableModel(
            [_("Day"), _("Person"), _("Work log"), _("Comments")], _log_cells, self)
        self.notes: RowsTableModel[team.NoteRow] = RowsTableModel([_("Due"), _("Reminded by"), _("Reminder")],
                                                                  _note_cells, self)
        self.log_table = _table("logs", self.logs, {0: 90, 1: 100, 2: 380, 3: 260})
        self.log_table.setWordWrap(True)
        self.log_table.activated.connect(self._activated)
        self.note_table = _table("reminders", self.notes, {0: 90, 1: 100, 2: 380})
        self.note_table.setMaximumHeight(self.note_table.fontMetrics().height() * 7)
        buttons = []
        for text, name, slot, shown in ((_("&Write work log…"), "write_log", self.write_log, records),
                                        (_("&Comment…"), "comment_log", self.comment, oversees),
                                        (_("Re&mind…"), "remind", self.remind, oversees)):
            b = QPushButton(text)
            b.setObjectName(name)
            b.clicked.connect(lambda _c=False, s=slot: s())
            shown_if(b, shown)
            buttons.append(b)
        self.seen_button = QPushButton(_("&Seen to"))
        self.seen_button.setObjectName("reminder_done")
        self.seen_button.clicked.connect(self.reminder_done)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(_("Work logs of the last {days} days").format(days=self.DAYS)))
        bar.addStretch(1)
        for b in buttons:
            bar.addWidget(b)
        self.reminders_title = QLabel(_("Reminders to me"))
        notes_bar = QHBoxLayout()
        notes_bar.addWidget(self.reminders_title)
        notes_bar.addStretch(1)
        notes_bar.addWidget(self.seen_button)
        self.reminders_box = QWidget()
        inner = QVBoxLayout(self.reminders_box)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addLayout(notes_bar)
        inner.addWidget(self.note_table)
        self.reminders_box.setVisible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.reminders_box)
        layout.addLayout(bar)
        layout.addWidget(self.log_table, 1)

    def load(self) -> None:
        ctx, actor, today = self.ctx, self.actor, clock.today()

        def fetch() -> tuple[list[team.LogRow], list[team.NoteRow]]:
            return (team.work_logs(ctx.uow(actor), today - timedelta(days=self.DAYS), today),
                    team.my_reminders(ctx.uow(actor)))

        ctx.runner.run(fetch, self._show, owner=self)

    def _show(self, result: tuple[list[team.LogRow], list[team.NoteRow]]) -> None:
        self.logs.set_rows(result[0])
        self.notes.set_rows(result[1])
        self.reminders_box.setVisible(bool(result[1]))
        if result[0] and self.log_table.current_row() is None:
            self.log_table.selectRow(0)
        self.log_table.resizeRowsToContents()

    def selected_log(self) -> team.LogRow | None:
        current = self.log_table.current_row()
        return None if current is None else self.logs.row_at(current)

    def write_log(self) -> WorkLogDialog:
        dialog = WorkLogDialog(self.ctx, self.actor, self)
        dialog.open()
        return dialog

    def _activated(self, _index: QModelIndex) -> None:
        if self.actor.can(Perm.TEAM_OVERSEE):
            self.comment()

    def comment(self) -> CommentDialog | None:
        log = self.selected_log()
        if log is None or not self.actor.can(Perm.TEAM_OVERSEE) or log.user_id == self.actor.user_id:
            return None
        dialog = CommentDialog(self.ctx, self.actor, log, self)
        dialog.open()
        return dialog

    def remind(self) -> ReminderDialog:
        log = self.selected_log()
        dialog = ReminderDialog(self.ctx, self.actor, log.user_id if log else None, self)
        dialog.open()
        return dialog

    def reminder_done(self) -> None:
        current = self.note_table.current_row()
        if current is None:
            return
        note = self.notes.row_at(current)
        ctx, actor = self.ctx, self.actor
        ctx.runner.run(lambda: team.reminder_done(ctx.uow(actor), note.id), writes=TOPIC, owner=self)
