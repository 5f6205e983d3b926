"""The Activities tab's pages [活动与日程]: the calendar week, what is due, the team's days
(statuses and work logs) and, for managers, the territories."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QInputDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from sales_desk import clock
from sales_desk.domain.activities.attendance import StatusKind
from sales_desk.domain.activities.rules import ActivityKind, ActivityStatus, minute_text, week_of
from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.i18n import _
from sales_desk.services.activities import activities, team, territories
from sales_desk.ui.context import AppContext
from sales_desk.ui.widgets.list_model import RowsTableModel
from sales_desk.ui.widgets.page import Page
from sales_desk.ui.widgets.table import Table

TOPIC = "activities"


def _activity_cells(row: activities.ActivityRow, column: int) -> str:
    status = ActivityStatus(row.status).label + (" · " + _("overdue") if row.overdue else "")
    return (row.planned_on.isoformat(), minute_text(row.planned_minute), ActivityKind(row.kind).label,
            row.subject, row.customer, row.rep, status, row.outcome, row.next_step)[column]


def _activity_headers() -> list[str]:
    return [_("Day"), _("Time"), _("Kind"), _("Subject"), _("Customer"), _("Person"), _("Status"),
            _("Outcome"), _("Next step")]


class _ActivityList(Page):
    topics = frozenset({TOPIC})

    def __init__(self, ctx: AppContext, actor: Actor, key: str, parent: QWidget | None = None):
        super().__init__(ctx, actor, parent)
        self.model: RowsTableModel[activities.ActivityRow] = RowsTableModel(_activity_headers(), _activity_cells, self)
        self.table = Table(f"activities/{key}")
        self.table.setObjectName(f"{key}_table")
        self.table.setModel(self.model)
        self.table.restore_layout({0: 90, 1: 50, 2: 90, 3: 200, 4: 200, 5: 90, 6: 110, 7: 160, 8: 160})
        self.done_button = QPushButton(_("Record the &outcome…"))
        self.done_button.setObjectName("record_outcome")
        self.done_button.clicked.connect(self.record_outcome)
        self.bar = QHBoxLayout()
        layout = QVBoxLayout(self)
        layout.addLayout(self.bar)
        layout.addWidget(self.table)

    def _show(self, rows: list[activities.ActivityRow]) -> None:
        self.model.set_rows(rows)

    def record_outcome(self) -> None:
        current = self.table.current_row()
        row = None if current is None else self.model.row_at(current)
        if row is None or row.status != ActivityStatus.PLANNED:
            return
        outcome, ok = QInputDialog.getMultiLineText(self, _("Outcome"), _("What came of “{subject}”?").format(
            subject=row.subject))
        if not ok or not outcome.strip():
            return
        step, ok = QInputDialog.getText(self, _("Next step"), _("The next step (may be empty):"))
        if not ok:
            return
        ctx, actor = self.ctx, self.actor
        ctx.runner.run(lambda: activities.complete_activity(ctx.uow(actor), row.id, outcome, step),
                       writes=TOPIC, owner=self)


class CalendarPage(_ActivityList):
    """The week (Monday to Sunday) of one's own activities; Alt+P / Alt+N step the weeks."""

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(ctx, actor, "calendar", parent)
        self.monday = week_of(clock.today())[0]
        self.week_label = QLabel()
        self.week_label.setObjectName("week_label")
        previous, following, this = (QPushButton(_("&Previous week")), QPushButton(_("&Next week")),
                                     QPushButton(_("&This week")))
        previous.clicked.connect(lambda: self.step(-7))
        following.clicked.connect(lambda: self.step(7))
        this.clicked.connect(self.this_week)
        for w in (previous, this, following, self.week_label):
            self.bar.addWidget(w)
        self.bar.addStretch(1)
        self.bar.addWidget(self.done_button)
        QShortcut(QKeySequence("Ctrl+PgUp"), self, lambda: self.step(-7))
        QShortcut(QKeySequence("Ctrl+PgDown"), self, lambda: self.step(7))

    def this_week(self) -> None:
        self.monday = week_of(clock.today())[0]
        self.reload()

    def step(self, days: int) -> None:
        self.monday += timedelta(days=days)
        self.reload()

    def load(self) -> None:
        ctx, actor, start = self.ctx, self.actor, self.monday
        end = start + timedelta(days=6)
        self.week_label.setText(_("Week of {start} to {end}").format(start=start.isoformat(), end=end.isoformat()))
        ctx.runner.run(lambda: activities.calendar(ctx.uow(actor), None, start, end), self._show, owner=self)


class DuePage(_ActivityList):
    """What is due in the next days, the overdue first — one's own, the team's, or all."""

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(ctx, actor, "due", parent)
        intro = QLabel(_("Planned activities due within {days} days; overdue ones first.").format(
            days=activities.DUE_DAYS))
        self.bar.addWidget(intro)
        self.bar.addStretch(1)
        self.bar.addWidget(self.done_button)

    def load(self) -> None:
        ctx, actor = self.ctx, self.actor
        ctx.runner.run(lambda: activities.due_list(ctx.uow(actor)), self._show, owner=self)


def _status_cells(row: team.StatusRow, column: int) -> str:
    return (row.person, StatusKind(row.kind).label, row.start_on.isoformat(), row.end_on.isoformat(), row.note)[column]


def _log_cells(row: team.LogRow, column: int) -> str:
    return (row.day.isoformat(), row.person, row.text,
            "\n".join(f"{c.author}: {c.text}" for c in row.comments))[column]


class TeamPage(Page):
    """The team's days this month: statuses (travel from approved applications) and work logs
    with the supervisor's comments [员工日志, 状态, 批复]."""

    topics = frozenset({TOPIC, "travel"})

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(ctx, actor, parent)
        self.statuses: RowsTableModel[team.StatusRow] = RowsTableModel(
            [_("Person"), _("Status"), _("From"), _("To"), _("Note")], _status_cells, self)
        self.logs: RowsTableModel[team.LogRow] = RowsTableModel(
            [_("Day"), _("Person"), _("Work log"), _("Comments")], _log_cells, self)
        self.status_table, self.log_table = Table("activities/statuses"), Table("activities/logs")
        self.status_table.setModel(self.statuses)
        self.log_table.setModel(self.logs)
        self.status_table.restore_layout({0: 100, 1: 140, 2: 90, 3: 90, 4: 200})
        self.log_table.restore_layout({0: 90, 1: 100, 2: 360, 3: 260})
        write = QPushButton(_("&Write today's work log…"))
        write.clicked.connect(self.write_log)
        comment = QPushButton(_("&Comment on the log…"))
        comment.clicked.connect(self.comment)
        comment.setVisible(actor.can(Perm.TEAM_OVERSEE))
        bar = QHBoxLayout()
        bar.addWidget(write)
        bar.addWidget(comment)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Statuses this month")))
        layout.addWidget(self.status_table)
        layout.addLayout(bar)
        layout.addWidget(self.log_table)

    def load(self) -> None:
        ctx, actor = self.ctx, self.actor
        today = clock.today()
        first = today.replace(day=1)
        end = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)

        def fetch() -> tuple[list[team.StatusRow], list[team.LogRow]]:
            return (team.team_statuses(ctx.uow(actor), first, end),
                    team.work_logs(ctx.uow(actor), today - timedelta(days=30), today))

        ctx.runner.run(fetch, self._show, owner=self)

    def _show(self, result: tuple[list[team.StatusRow], list[team.LogRow]]) -> None:
        self.statuses.set_rows(result[0])
        self.logs.set_rows(result[1])

    def write_log(self) -> None:
        text, ok = QInputDialog.getMultiLineText(self, _("Work log"), _("What did you do today?"))
        if ok and text.strip():
            ctx, actor = self.ctx, self.actor
            ctx.runner.run(lambda: team.write_work_log(ctx.uow(actor), text), writes=TOPIC, owner=self)

    def comment(self) -> None:
        current = self.log_table.current_row()
        row = None if current is None else self.logs.row_at(current)
        if row is None:
            return
        text, ok = QInputDialog.getMultiLineText(self, _("Comment"), _("Your comment on {person}'s log:").format(
            person=row.person))
        if ok and text.strip():
            ctx, actor = self.ctx, self.actor
            ctx.runner.run(lambda: team.comment_on_log(ctx.uow(actor), row.id, text), writes=TOPIC, owner=self)


def _territory_cells(row: territories.TerritoryRow, column: int) -> str:
    return (row.label, ", ".join(n for _i, n in row.reps), str(row.customers))[column]


class TerritoriesPage(Page):
    """The sales regions [销售区域] with the reps responsible and their customers."""

    topics = frozenset({TOPIC, "customers"})

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(ctx, actor, parent)
        self.model: RowsTableModel[territories.TerritoryRow] = RowsTableModel(
            [_("Region"), _("Reps responsible"), _("Customers")], _territory_cells, self)
        self.table = Table("activities/territories")
        self.table.setObjectName("territories_table")
        self.table.setModel(self.model)
        self.table.restore_layout({0: 160, 1: 300, 2: 90})
        intro = QLabel(_("Reassigning a rep's customers, with what is open on them, is done with a reason and "
                         "recorded in the audit trail."))
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)

    def load(self) -> None:
        ctx, actor = self.ctx, self.actor
        ctx.runner.run(lambda: territories.territories(ctx.uow(actor)), self.model.set_rows, owner=self)


__all__ = ["CalendarPage", "DuePage", "TeamPage", "TerritoriesPage"]
