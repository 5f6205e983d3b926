"""Record a step of the ladder for one customer: the step (the next one by default), its
date, how it was sent and the payment deadline. Asked to confirm: a step cannot be taken
back. A refusal of the service (e.g. a thank-you letter first for good credit) shows
under the fields."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from sales_desk import clock
from sales_desk.domain.collections.dunning import (
    DEFAULT_DEADLINE_DAYS,
    METHODS,
    WITH_DEADLINE,
    SendMethod,
    Step,
)
from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.i18n import _
from sales_desk.services.collections import dunning
from sales_desk.services.collections.dunning import BY_RUNNERS
from sales_desk.services.collections.worklist import WorkItem
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.collections.common import TOPIC, date_edit, date_of
from sales_desk.ui.widgets import dialogs
from sales_desk.ui.widgets.service_dialog import ServiceDialog


def steps_for(actor: Actor) -> list[Step]:
    out = list(BY_RUNNERS) if actor.can(Perm.DUNNING_RUN) else []
    if actor.can(Perm.DUNNING_OVERSEE):
        out.append(Step.LAWYER)
    return out


class RecordStepDialog(ServiceDialog):
    topic = TOPIC

    def __init__(self, ctx: AppContext, actor: Actor, item: WorkItem, parent: QWidget | None = None):
        super().__init__(ctx, actor, _("Record a step: {name} ({code})").format(name=item.name, code=item.code),
                         parent)
        self.item = item
        self.step = QComboBox()
        for s in steps_for(actor):
            self.step.addItem(s.label, s.value)
        if item.next_step and self.step.findData(item.next_step) >= 0:
            self.step.setCurrentIndex(self.step.findData(item.next_step))
        self.on = date_edit()
        self.sent_via = QComboBox()
        self.has_deadline = QCheckBox(_("Payment &deadline:"))
        self.deadline = date_edit(clock.today() + timedelta(days=DEFAULT_DEADLINE_DAYS))
        self.note = QLineEdit()
        form = QFormLayout()
        form.addRow(_("&Step:"), self.step)
        form.addRow(_("&On:"), self.on)
        form.addRow(_("Sent &via:"), self.sent_via)
        form.addRow(self.has_deadline, self.deadline)
        form.addRow(_("&Note:"), self.note)
        self.ok = self.add_button(_("&Record step"), QDialogButtonBox.ButtonRole.AcceptRole, self.record)
        self.ok.setObjectName("record_step")
        self.add_close(_("Cancel"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self.step.currentIndexChanged.connect(lambda _i: self._step_changed())
        self.has_deadline.toggled.connect(self.deadline.setEnabled)
        self._step_changed()
        self.recorded_id: int | None = None

    def chosen_step(self) -> Step:
        return Step(self.step.currentData())

    def _step_changed(self) -> None:
        s = self.chosen_step() if self.step.count() else None
        self.sent_via.clear()
        methods = METHODS.get(s) if s else None
        if methods:
            for m in SendMethod:
                if m in methods:
                    self.sent_via.addItem(m.label, m.value)
        self.sent_via.setEnabled(bool(methods))
        takes = s in WITH_DEADLINE
        self.has_deadline.setEnabled(takes)
        self.has_deadline.setChecked(takes)
        self.deadline.setEnabled(takes)

    def _update_buttons(self) -> None:
        self.ok.setEnabled(not self.busy() and self.step.count() > 0)

    def record(self) -> None:
        s = self.chosen_step()
        on: date = date_of(self.on)
        sent_via = self.sent_via.currentData() if self.sent_via.isEnabled() else None
        deadline = date_of(self.deadline) if self.has_deadline.isChecked() else None
        note = self.note.text().strip()
        if not dialogs.confirm(self, _("Record step"),
                               _("Record “{step}” for {code} on {day}? A step cannot be taken back.").format(
                                   step=s.label, code=self.item.code, day=on.isoformat()), _("Record")):
            return
        ctx, actor, cid = self.ctx, self.actor, self.item.customer_id
        if s is Step.LAWYER:
            def fn() -> int:
                return dunning.send_lawyer_letter(ctx.uow(actor), cid, on, sent_via, deadline, note)
        else:
            def fn() -> int:
                return dunning.record_step(ctx.uow(actor), cid, s.value, on, sent_via, deadline, note)
        self.call(fn, self._done)

    def _done(self, step_id: int) -> None:
        self.recorded_id = step_id
        self.accept()
