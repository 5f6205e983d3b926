"""Plan an activity [客户接待、拜访、提案] and record its outcome [结果, 下一步], optionally
planning the next one in the same step. Keyboard: each field has its mnemonic, Enter plans
or records, Esc closes."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QGroupBox,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from sales_desk import clock
from sales_desk.domain.activities.rules import ActivityKind, minute_text
from sales_desk.domain.common.errors import ValidationError
from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.i18n import _
from sales_desk.services.activities import activities, choices
from sales_desk.services.activities.activities import ActivityInput, ActivityRow
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.activities.common import (
    ServiceDialog,
    choice_combo,
    date_edit,
    day_text,
    fill_combo,
    form,
    hint,
    kind_combo,
    read_minute,
    time_edit,
)
from sales_desk.ui.widgets.customer_picker import CustomerPicker


class PlanDialog(ServiceDialog):
    """Plan an activity on a customer (picked by name, code or pinyin), one of its contacts,
    or an opportunity; a supervisor may plan it for one of their people."""

    sig_planned = Signal(int)
    """The activity was planned; the argument is its id."""

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None, on: date | None = None):
        super().__init__(ctx, actor, _("Plan an activity"), parent)
        self.kind = kind_combo("plan_kind")
        self.customer = CustomerPicker(ctx, actor)
        self.customer.setObjectName("plan_customer")
        self.contact = choice_combo("plan_contact", (), _("— no contact —"))
        self.opportunity = choice_combo("plan_opportunity", (), _("— no opportunity —"))
        self.day = date_edit(on or clock.today(), "plan_day")
        self.time = time_edit("plan_time")
        self.subject = QLineEdit()
        self.subject.setObjectName("plan_subject")
        self.subject.setMaxLength(200)
        self.place = QLineEdit()
        self.place.setObjectName("plan_place")
        self.place.setMaxLength(200)
        rows = [(_("&Kind:"), self.kind), (_("Cu&stomer:"), self.customer), (_("Co&ntact:"), self.contact),
                (_("O&pportunity:"), self.opportunity), (_("&Day:"), self.day), (_("&Time:"), self.time),
                (_("S&ubject:"), self.subject), (_("P&lace:"), self.place)]
        self.person = choice_combo("plan_person", ())
        if actor.can(Perm.TEAM_OVERSEE):
            rows.insert(0, (_("&For:"), self.person))
            ctx.runner.run(lambda: choices.people_choices(ctx.uow(actor)),
                           lambda people: fill_combo(self.person, ((p.id, p.label) for p in people)), owner=self)
        layout = QVBoxLayout(self)
        layout.addWidget(hint(_("An activity is on a customer, one of its contacts, or an opportunity. Type the "
                                "customer's name, code or pinyin and pick it.")))
        layout.addLayout(form(rows))
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self.plan_button = self.add_button(_("&Plan"), QDialogButtonBox.ButtonRole.AcceptRole, self.plan, "plan")
        self.plan_button.setDefault(True)
        self.add_close(_("Cancel"))
        self.customer.sig_changed.connect(self._load_choices)
        self.setMinimumWidth(560)
        self._load_choices()

    def _load_choices(self) -> None:
        ctx, actor, customer_id = self.ctx, self.actor, self.customer.customer_id
        ctx.runner.run(lambda: choices.plan_choices(ctx.uow(actor), customer_id), self._show_choices, owner=self)

    def _show_choices(self, offered: choices.PlanChoices) -> None:
        fill_combo(self.contact, ((c.id, c.label) for c in offered.contacts), _("— no contact —"))
        fill_combo(self.opportunity, ((o.id, o.label) for o in offered.opportunities), _("— no opportunity —"))

    def activity_input(self) -> ActivityInput:
        subject = self.subject.text().strip()
        if not subject:
            raise ValidationError(_("Subject"), _("must not be empty"))
        customer_id = self.customer.chosen_id(required=False)
        if customer_id is None and self.opportunity.currentData() is None:
            raise ValidationError(_("Customer"), _("an activity is on a customer, an opportunity or a contact"))
        return ActivityInput(self.kind.currentData(), subject, self.day.date().toPython(), read_minute(self.time),
                             customer_id=customer_id, contact_id=self.contact.currentData(),
                             opportunity_id=self.opportunity.currentData(), place=self.place.text().strip(),
                             rep_id=self.person.currentData() if self.actor.can(Perm.TEAM_OVERSEE) else None)

    def _update_buttons(self) -> None:
        self.plan_button.setEnabled(not self.busy())

    def plan(self) -> None:
        if self.busy() or self.customer.pending():
            return
        try:
            data = self.activity_input()
        except ValidationError as exc:
            self.say(str(exc), error=True)
            return
        ctx, actor = self.ctx, self.actor
        self.call(lambda: activities.plan_activity(ctx.uow(actor), data), self._planned)

    def _planned(self, activity_id: int) -> None:
        self.sig_planned.emit(activity_id)
        self.accept()


class OutcomeDialog(ServiceDialog):
    """What came of a planned activity, the next step, and — ticked — the next activity on
    the same customer and opportunity, recorded together."""

    sig_recorded = Signal(int)
    """The outcome was recorded; the argument is the activity's id."""

    def __init__(self, ctx: AppContext, actor: Actor, row: ActivityRow, parent: QWidget | None = None):
        super().__init__(ctx, actor, _("Record the outcome"), parent)
        self.row = row
        today = clock.today()
        what = _("{kind} “{subject}” planned for {day} {time}").format(
            kind=ActivityKind(row.kind).label, subject=row.subject, day=day_text(row.planned_on),
            time=minute_text(row.planned_minute)).strip()
        self.outcome = QPlainTextEdit()
        self.outcome.setObjectName("outcome")
        self.outcome.setTabChangesFocus(True)
        self.outcome.setFixedHeight(self.fontMetrics().height() * 5)
        self.next_step = QLineEdit()
        self.next_step.setObjectName("next_step")
        self.done_on = date_edit(min(today, row.planned_on), "done_on")  # done on its day, unless still ahead
        self.plan_next = QCheckBox(_("Plan the ne&xt activity"))
        self.plan_next.setObjectName("plan_next")
        self.next_kind = kind_combo("next_kind")
        self.next_kind.setCurrentIndex(self.next_kind.findData(row.kind))
        self.next_day = date_edit(today + timedelta(days=7), "next_day")
        self.next_time = time_edit("next_time", row.planned_minute)
        self.next_subject = QLineEdit()
        self.next_subject.setObjectName("next_subject")
        self.next_subject.setMaxLength(200)
        self.next_box = QGroupBox(_("The next activity"))
        self.next_box.setLayout(form([(_("K&ind:"), self.next_kind), (_("D&ay:"), self.next_day),
                                      (_("Ti&me:"), self.next_time), (_("Su&bject:"), self.next_subject)]))
        self.next_box.setVisible(False)
        self.plan_next.toggled.connect(self._toggle_next)
        self.next_step.textEdited.connect(self._follow_step)
        layout = QVBoxLayout(self)
        layout.addWidget(hint(what + (" · " + row.customer if row.customer else "")))
        layout.addLayout(form([(_("&Outcome:"), self.outcome), (_("&Next step:"), self.next_step),
                               (_("&Done on:"), self.done_on)]))
        layout.addWidget(self.plan_next)
        layout.addWidget(self.next_box)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self.record_button = self.add_button(_("&Record"), QDialogButtonBox.ButtonRole.AcceptRole, self.record,
                                             "record")
        self.record_button.setDefault(True)
        self.add_close(_("Cancel"))
        QShortcut(QKeySequence("Ctrl+Return"), self, self.record)  # from inside the outcome's lines
        self.setMinimumWidth(540)

    def _toggle_next(self, on: bool) -> None:
        self.next_box.setVisible(on)
        if on and not self.next_subject.text():
            self.next_subject.setText(self.next_step.text())
        self.adjustSize()

    def _follow_step(self, text: str) -> None:
        """The next activity's subject follows the next step until typed on its own."""
        if not self.next_subject.isModified():
            self.next_subject.setText(text)

    def next_input(self) -> ActivityInput | None:
        if not self.plan_next.isChecked():
            return None
        return ActivityInput(self.next_kind.currentData(), self.next_subject.text(), self.next_day.date().toPython(),
                             read_minute(self.next_time), customer_id=self.row.customer_id,
                             contact_id=self.row.contact_id, opportunity_id=self.row.opportunity_id,
                             rep_id=self.row.rep_id if self.row.rep_id != self.actor.user_id else None)

    def _update_buttons(self) -> None:
        self.record_button.setEnabled(not self.busy())

    def record(self) -> None:
        if self.busy():
            return
        outcome, step = self.outcome.toPlainText(), self.next_step.text()
        try:
            if not outcome.strip():
                raise ValidationError(_("Outcome"), _("must not be empty"))
            following = self.next_input()
        except ValidationError as exc:
            self.say(str(exc), error=True)
            return
        ctx, actor, row, done_on = self.ctx, self.actor, self.row, self.done_on.date().toPython()
        self.call(lambda: activities.complete_activity(ctx.uow(actor), row.id, outcome, step, done_on, following),
                  lambda _next: self._recorded())

    def _recorded(self) -> None:
        self.sig_recorded.emit(self.row.id)
        self.accept()


class CancelDialog(ServiceDialog):
    """Cancel a planned activity, with the reason (kept as its outcome)."""

    def __init__(self, ctx: AppContext, actor: Actor, row: ActivityRow, parent: QWidget | None = None):
        super().__init__(ctx, actor, _("Cancel the activity"), parent)
        self.row = row
        self.reason = QLineEdit()
        self.reason.setObjectName("cancel_reason")
        self.reason.setMaxLength(500)
        self.reason.setPlaceholderText(_("required: why it will not take place"))
        layout = QVBoxLayout(self)
        layout.addWidget(hint(_("{kind} “{subject}” planned for {day}").format(
            kind=ActivityKind(row.kind).label, subject=row.subject, day=day_text(row.planned_on))))
        layout.addLayout(form([(_("&Reason:"), self.reason)]))
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self.cancel_button = self.add_button(_("Cancel the &activity"), QDialogButtonBox.ButtonRole.AcceptRole,
                                             self.cancel_activity, "cancel_activity")
        self.cancel_button.setDefault(True)
        self.add_close(_("Keep it"))
        self.setMinimumWidth(480)

    def _update_buttons(self) -> None:
        self.cancel_button.setEnabled(not self.busy())

    def cancel_activity(self) -> None:
        reason = self.reason.text().strip()
        if self.busy():
            return
        if not reason:
            self.say(str(ValidationError(_("Reason"), _("must not be empty"))), error=True)
            return
        ctx, actor, activity_id = self.ctx, self.actor, self.row.id
        self.call(lambda: activities.cancel_activity(ctx.uow(actor), activity_id, reason), lambda _r: self.accept())


class RescheduleDialog(ServiceDialog):
    """Move a planned activity to another day and time (empty: some time that day); a day
    already past is refused with the reason, and the dialog stays open."""

    def __init__(self, ctx: AppContext, actor: Actor, row: ActivityRow, parent: QWidget | None = None):
        super().__init__(ctx, actor, _("Reschedule the activity"), parent)
        self.row = row
        self.day = date_edit(max(row.planned_on, clock.today()), "reschedule_day")
        self.time = time_edit("reschedule_time", row.planned_minute)
        layout = QVBoxLayout(self)
        layout.addWidget(hint(_("{kind} “{subject}” planned for {day} {time}").format(
            kind=ActivityKind(row.kind).label, subject=row.subject, day=day_text(row.planned_on),
            time=minute_text(row.planned_minute)).strip() + (" · " + row.customer if row.customer else "")))
        layout.addLayout(form([(_("&Day:"), self.day), (_("&Time:"), self.time)]))
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self.move_button = self.add_button(_("&Move"), QDialogButtonBox.ButtonRole.AcceptRole, self.reschedule,
                                           "move")
        self.move_button.setDefault(True)
        self.add_close(_("Cancel"))
        self.setMinimumWidth(460)
        self.day.setFocus()

    def _update_buttons(self) -> None:
        self.move_button.setEnabled(not self.busy())

    def reschedule(self) -> None:
        if self.busy():
            return
        try:
            minute = read_minute(self.time)
        except ValidationError as exc:
            self.say(str(exc), error=True)
            return
        ctx, actor, activity_id, day = self.ctx, self.actor, self.row.id, self.day.date().toPython()
        self.call(lambda: activities.reschedule_activity(ctx.uow(actor), activity_id, day, minute),
                  lambda _r: self.accept())
