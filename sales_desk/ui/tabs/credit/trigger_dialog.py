"""Record a downgrade trigger [降级条件]: the grade drops at once by at least one step (the
new grade's limit and terms; D: no credit) and the customer goes on credit hold [降级处理]."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialogButtonBox,
    QFormLayout,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from sales_desk import clock
from sales_desk.domain.common.roles import Actor
from sales_desk.domain.credit.downgrade import downgrade_choices
from sales_desk.domain.credit.rating import DowngradeTrigger, Grade
from sales_desk.i18n import _
from sales_desk.services.credit import position as credit
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.credit.common import HOLD_STYLE, ServiceDialog, heading, hint
from sales_desk.ui.widgets import dialogs


class TriggerDialog(ServiceDialog):
    def __init__(self, ctx: AppContext, actor: Actor, customer_id: int, customer: str,
                 grade: str | None = None, parent: QWidget | None = None):
        super().__init__(ctx, actor, _("Record a downgrade trigger"), parent)
        self.customer_id, self.customer, self.grade = customer_id, customer, grade
        warning = hint(_("Recording a trigger lowers the credit grade at once, with the new grade's limit "
                         "and payment term (D: no credit), and puts the customer on credit hold until a "
                         "new rating is approved (第14条). It cannot be undone."))
        warning.setStyleSheet(HOLD_STYLE)
        self.trigger_combo = QComboBox()
        self.trigger_combo.setObjectName("trigger")
        for t in DowngradeTrigger:
            self.trigger_combo.addItem(t.label, t.value)
        self.grade_combo = QComboBox()
        self.grade_combo.setObjectName("new_grade")
        for g in downgrade_choices(grade):
            self.grade_combo.addItem(_("{grade} (from {current})").format(grade=g.label, current=grade or "—"),
                                     g.value)
        self.date_edit = QDateEdit(QDate(clock.today()))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setMaximumDate(QDate(clock.today()))
        self.description = QPlainTextEdit()
        self.description.setObjectName("description")
        self.description.setTabChangesFocus(True)
        self.description.setPlaceholderText(_("What happened, and where it is documented"))
        self.description.textChanged.connect(self._update_buttons)
        form = QFormLayout()
        form.addRow(_("&Trigger:"), self.trigger_combo)
        form.addRow(_("&New grade:"), self.grade_combo)
        form.addRow(_("&Occurred on:"), self.date_edit)
        form.addRow(_("&Description:"), self.description)
        self.record_button = self.add_button(_("&Record and downgrade…"),
                                             QDialogButtonBox.ButtonRole.AcceptRole, self.record)
        self.add_close(_("Cancel"))
        layout = QVBoxLayout(self)
        layout.addWidget(heading(customer))
        layout.addWidget(warning)
        layout.addLayout(form)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.record_button.setEnabled(bool(self.description.toPlainText().strip()) and not self.busy())

    def chosen(self) -> DowngradeTrigger:
        return DowngradeTrigger(self.trigger_combo.currentData())

    def new_grade(self) -> Grade:
        return Grade(self.grade_combo.currentData())

    def record(self) -> None:
        text = self.description.toPlainText().strip()
        if not text:
            self.say(_("Describe what happened."), error=True)
            return
        trigger, when, grade = self.chosen(), self.date_edit.date().toPython(), self.new_grade()
        if not dialogs.confirm(
                self, _("Downgrade the customer"),
                _("Record “{trigger}” for {customer}? The grade drops from {current} to {grade} at once, "
                  "with that grade's terms, and the customer goes on credit hold until a new rating is "
                  "approved.").format(trigger=trigger.label, customer=self.customer,
                                      current=self.grade or "—", grade=grade.value),
                _("Record and downgrade"), destructive=True):
            return
        cid = self.customer_id
        self.call(lambda: credit.record_trigger(self.ctx.uow(self.actor), cid, trigger, when, text, grade),
                  lambda _id: self.accept())
