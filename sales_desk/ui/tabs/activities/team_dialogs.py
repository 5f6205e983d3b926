"""The team's days, written: one's status over some days [状态], one's work log [员工日志],
and the supervisor's comment on a log or reminder to one of their people [批复、提醒]."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from sales_desk import clock
from sales_desk.domain.activities.attendance import ENTERED
from sales_desk.domain.common.errors import ValidationError
from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.i18n import _
from sales_desk.services.activities import choices, team
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.activities.common import (
    ServiceDialog,
    choice_combo,
    date_edit,
    fill_combo,
    form,
    hint,
)


def _text_edit(name: str, lines: int = 5) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setObjectName(name)
    edit.setTabChangesFocus(True)  # Tab leaves; Ctrl+Enter saves
    edit.setFixedHeight(edit.fontMetrics().height() * lines + 12)
    return edit


class _WriteDialog(ServiceDialog):
    """One form, one "Save" that runs one service call; Ctrl+Enter saves from a text box."""

    def finish(self, rows: list, intro: str, action: str) -> None:
        layout = QVBoxLayout(self)
        if intro:
            layout.addWidget(hint(intro))
        layout.addLayout(form(rows))
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self.save_button = self.add_button(action, QDialogButtonBox.ButtonRole.AcceptRole, self.save, "save")
        self.save_button.setDefault(True)
        self.add_close(_("Cancel"))
        QShortcut(QKeySequence("Ctrl+Return"), self, self.save)
        self.setMinimumWidth(480)

    def _update_buttons(self) -> None:
        self.save_button.setEnabled(not self.busy())

    def save(self) -> None:
        if self.busy():
            return
        try:
            fn = self.service_call()
        except ValidationError as exc:
            self.say(str(exc), error=True)
            return
        self.call(fn, lambda _r: self.accept())

    def service_call(self):  # noqa: ANN201 - a callable running the service
        raise NotImplementedError


def _required(text: str, field: str) -> str:
    if not text.strip():
        raise ValidationError(field, _("must not be empty"))
    return text


class StatusDialog(_WriteDialog):
    """One's status over some days (a supervisor: one of their people's). Travel is not
    entered: approved travel applications show as travelling by themselves."""

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None, on: date | None = None):
        super().__init__(ctx, actor, _("Enter a status"), parent)
        start = on or clock.today()
        self.kind = choice_combo("status_kind", ((k.value, k.label) for k in ENTERED))
        self.start_on, self.end_on = date_edit(start, "status_from"), date_edit(start, "status_to")
        self.start_on.dateChanged.connect(lambda d: self.end_on.setDate(max(d, self.end_on.date())))
        self.note = QLineEdit()
        self.note.setObjectName("status_note")
        self.note.setMaxLength(200)
        rows = [(_("&Status:"), self.kind), (_("&From:"), self.start_on), (_("&To:"), self.end_on),
                (_("&Note:"), self.note)]
        self.person = choice_combo("status_person", ())
        if actor.can(Perm.TEAM_OVERSEE):
            rows.insert(0, (_("&Whose:"), self.person))
            ctx.runner.run(lambda: choices.people_choices(ctx.uow(actor)),
                           lambda people: fill_combo(self.person, ((p.id, p.label) for p in people)), owner=self)
        self.finish(rows, _("Travel is not entered here: approved travel applications show as travelling."),
                    _("&Save"))

    def service_call(self):  # noqa: ANN201
        ctx, actor = self.ctx, self.actor
        kind, start, end = self.kind.currentData(), self.start_on.date().toPython(), self.end_on.date().toPython()
        note = self.note.text()
        whose = self.person.currentData() if self.actor.can(Perm.TEAM_OVERSEE) else None
        user_id = None if whose in (None, actor.user_id) else whose
        return lambda: team.record_status(ctx.uow(actor), kind, start, end, note, user_id)


class WorkLogDialog(_WriteDialog):
    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(ctx, actor, _("Write the work log"), parent)
        self.day = date_edit(clock.today(), "log_day")
        self.text = _text_edit("log_text", 8)
        self.finish([(_("&Day:"), self.day), (_("&What was done:"), self.text)], "", _("&Save"))

    def service_call(self):  # noqa: ANN201
        ctx, actor = self.ctx, self.actor
        text, day = _required(self.text.toPlainText(), _("Work log")), self.day.date().toPython()
        return lambda: team.write_work_log(ctx.uow(actor), text, day)


class CommentDialog(_WriteDialog):
    """The supervisor's comment on one work log [批复]."""

    def __init__(self, ctx: AppContext, actor: Actor, log: team.LogRow, parent: QWidget | None = None):
        super().__init__(ctx, actor, _("Comment on the work log"), parent)
        self.log = log
        self.text = _text_edit("comment_text")
        intro = _("{person}, {day}: {text}").format(person=log.person, day=log.day.isoformat(), text=log.text)
        self.finish([(_("&Comment:"), self.text)], intro, _("&Send"))

    def service_call(self):  # noqa: ANN201
        ctx, actor, log_id = self.ctx, self.actor, self.log.id
        text = _required(self.text.toPlainText(), _("Comment"))
        return lambda: team.comment_on_log(ctx.uow(actor), log_id, text)


class ReminderDialog(_WriteDialog):
    """A reminder to one of one's people, for a day [提醒]."""

    def __init__(self, ctx: AppContext, actor: Actor, person_id: int | None = None, parent: QWidget | None = None):
        super().__init__(ctx, actor, _("Send a reminder"), parent)
        self.person = choice_combo("remind_person", ())
        self.due_on = date_edit(clock.today(), "remind_due")
        self.text = QLineEdit()
        self.text.setObjectName("remind_text")
        self.text.setMaxLength(500)

        def people(rows: list[choices.Choice]) -> None:
            fill_combo(self.person, ((p.id, p.label) for p in rows if p.id != actor.user_id))
            if person_id is not None and self.person.findData(person_id) >= 0:
                self.person.setCurrentIndex(self.person.findData(person_id))

        ctx.runner.run(lambda: choices.people_choices(ctx.uow(actor)), people, owner=self)
        self.finish([(_("&To:"), self.person), (_("&By:"), self.due_on), (_("&Reminder:"), self.text)], "",
                    _("&Send"))

    def service_call(self):  # noqa: ANN201
        ctx, actor = self.ctx, self.actor
        person, text, due = self.person.currentData(), _required(self.text.text(), _("Reminder")), \
            self.due_on.date().toPython()
        if person is None:
            raise ValidationError(_("Person"), _("must not be empty"))
        return lambda: team.remind(ctx.uow(actor), person, text, due)
