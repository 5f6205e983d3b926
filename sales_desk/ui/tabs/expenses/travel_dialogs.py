"""Travel applications [差旅申请]: applied for before the money is spent; a rep's (or
supervisor's) approved by the sales manager, the sales manager's by the general manager."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from sales_desk import clock
from sales_desk.domain.common.errors import ValidationError
from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.domain.expenses.claims import StepKind, TravelStatus
from sales_desk.domain.expenses.routing import travel_approver
from sales_desk.i18n import _
from sales_desk.services.expenses import travel
from sales_desk.services.expenses.travel import TravelInput, TravelRow
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.expenses.common import (
    ServiceDialog,
    date_edit,
    day,
    heading,
    hint,
    travel_status_text,
)
from sales_desk.ui.widgets.customer_picker import CustomerPicker
from sales_desk.ui.widgets.money import MoneyEdit, money_text


def approver_text(kind: str) -> str:
    return (_("The general manager approves it.") if kind == StepKind.GM.value
            else _("The sales manager approves it."))


class TravelApplyDialog(ServiceDialog):
    sig_applied = Signal(int)
    """The application was made; the argument is its number."""

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None, today: date | None = None):
        super().__init__(ctx, actor, _("Apply for travel [差旅申请]"), parent)
        start = (today or clock.today()) + timedelta(days=1)
        self.destination = QLineEdit()
        self.destination.setObjectName("destination")
        self.destination.setMaxLength(200)
        self.purpose = QLineEdit()
        self.purpose.setObjectName("travel_purpose")
        self.start_on = date_edit(start)
        self.start_on.setObjectName("start_on")
        self.end_on = date_edit(start + timedelta(days=2))
        self.end_on.setObjectName("end_on")
        self.estimate = MoneyEdit()
        self.estimate.setObjectName("estimate")
        self.estimate.setText("")
        self.estimate.setPlaceholderText(_("transport, hotel, meals"))
        self.customer = CustomerPicker(ctx, actor)
        self.customer.setObjectName("travel_customer")
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for text, widget in ((_("&Destination:"), self.destination), (_("&Purpose:"), self.purpose),
                             (_("&From:"), self.start_on), (_("&To:"), self.end_on),
                             (_("&Estimated cost:"), self.estimate), (_("Cu&stomer:"), self.customer)):
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, widget)
        self.note = hint(_("Travel is applied for before it starts, and claimed afterwards with a reference to "
                           "this application. {who}").format(who=approver_text(travel_approver(actor.roles).value)))
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addLayout(form)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self.apply_button = self.add_button(_("&Apply"), QDialogButtonBox.ButtonRole.AcceptRole, self.apply)
        self.apply_button.setObjectName("apply_travel")
        self.apply_button.setDefault(True)
        self.add_close(_("Cancel"))
        self.setMinimumWidth(520)

    def travel_input(self) -> TravelInput:
        text = self.estimate.text().strip()
        amount = self.estimate.minor(_("Estimated cost")) if text else 0
        if not self.destination.text().strip():
            raise ValidationError(_("Destination"), _("must not be empty"))
        return TravelInput(self.destination.text().strip(), self.purpose.text().strip(),
                           self.start_on.date().toPython(), self.end_on.date().toPython(), amount,
                           self.customer.chosen_id(required=False))

    def _update_buttons(self) -> None:
        self.apply_button.setEnabled(not self.busy())

    def apply(self) -> None:
        if self.busy():
            return
        try:
            data = self.travel_input()
        except ValidationError as exc:
            self.say(str(exc), error=True)
            return
        ctx, actor = self.ctx, self.actor
        self.call(lambda: travel.apply_for_travel(ctx.uow(actor), data), self._applied)

    def _applied(self, app_id: int) -> None:
        self.sig_applied.emit(app_id)
        self.accept()


class TravelDecisionDialog(ServiceDialog):
    """The sales manager (or the general manager) approves or refuses a travel application."""

    sig_decided = Signal(int)

    def __init__(self, ctx: AppContext, actor: Actor, app_id: int, parent: QWidget | None = None,
                 row: TravelRow | None = None):
        super().__init__(ctx, actor, _("Travel application No. {id}").format(id=app_id), parent)
        self.app_id = app_id
        self.row: TravelRow | None = None
        self.title = heading(_("Travel application No. {id}").format(id=app_id))
        self.details = QLabel()
        self.details.setObjectName("travel_details")
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.comment = QLineEdit()
        self.comment.setObjectName("travel_comment")
        self.comment.setPlaceholderText(_("comment; a refusal needs the reason"))
        form = QFormLayout()
        label = QLabel(_("Co&mment:"))
        label.setBuddy(self.comment)
        form.addRow(label, self.comment)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.details)
        layout.addLayout(form)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self.approve_button = self.add_button(_("&Approve"), QDialogButtonBox.ButtonRole.AcceptRole, self.approve)
        self.approve_button.setObjectName("approve_travel")
        self.refuse_button = self.add_button(_("Ref&use"), QDialogButtonBox.ButtonRole.ActionRole, self.refuse)
        self.refuse_button.setObjectName("refuse_travel")
        self.add_close()
        self.setMinimumWidth(520)
        if row is not None:
            self.show_row(row)
        else:
            self._load()

    def _load(self) -> None:
        ctx, actor, app_id = self.ctx, self.actor, self.app_id

        def find() -> TravelRow | None:
            rows = travel.list_travel(ctx.uow(actor), mine=False, status=TravelStatus.PENDING.value)
            return next((r for r in rows if r.id == app_id), None)

        self.ctx.runner.run(find, self._found, owner=self)

    def _found(self, row: TravelRow | None) -> None:
        if row is None:
            self.say(_("This travel application is no longer waiting for a decision."), error=True)
            self._update_buttons()
            return
        self.show_row(row)

    def show_row(self, r: TravelRow) -> None:
        self.row = r
        self.details.setText("\n".join((
            _("Applicant: {who} ({department})").format(who=r.applicant, department=r.department),
            _("Destination: {where}").format(where=r.destination),
            _("Purpose: {purpose}").format(purpose=r.purpose),
            _("Dates: {start} to {end}").format(start=day(r.start_on), end=day(r.end_on)),
            _("Estimated cost: {amount}").format(amount=money_text(r.estimated_amount)),
            _("Applied on {day}; {who}").format(day=day(r.applied_on), who=approver_text(r.approver_kind)),
            _("Status: {status}").format(status=travel_status_text(r.status)),
        )))
        self._update_buttons()

    def _update_buttons(self) -> None:
        r = self.row
        open_ = (r is not None and r.status == TravelStatus.PENDING.value and not self.busy()
                 and r.applicant_id != self.actor.user_id)
        self.approve_button.setEnabled(open_)
        self.refuse_button.setEnabled(open_)

    def _decide(self, approve: bool) -> None:
        if self.row is None or self.busy():
            return
        comment = self.comment.text().strip()
        if not approve and not comment:
            self.say(_("A refusal needs a reason: write it in the comment, then refuse."), error=True)
            self.comment.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        ctx, actor, app_id = self.ctx, self.actor, self.app_id
        # The GM's service decides either kind; the sales manager's only the reps' travel.
        decide = (travel.gm_approve_travel if actor.can(Perm.EXPENSE_APPROVE_MAJOR) else travel.approve_travel)
        self.call(lambda: decide(ctx.uow(actor), app_id, approve, comment), self._decided)

    def approve(self) -> None:
        self._decide(True)

    def refuse(self) -> None:
        self._decide(False)

    def _decided(self, _result: object) -> None:
        self.sig_decided.emit(self.app_id)
        self.accept()
