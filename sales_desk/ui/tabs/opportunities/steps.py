"""The small forms of an opportunity's steps, each one service call that stays open on a
refusal: the next stage with the day it was reached [时间节点], the loss with its reason and
the competitor, a quotation's price refused with the reason the rep will read."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from sales_desk import clock
from sales_desk.domain.common.roles import Actor
from sales_desk.domain.opportunities.stages import STAGES, LossReason
from sales_desk.i18n import _
from sales_desk.services.opportunities import opportunities, quotations
from sales_desk.services.opportunities.opportunity_views import OpportunityDetail, QuotationRef
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.opportunities.common import DateField, OpportunityDialog, buddy_row
from sales_desk.ui.widgets.money import money_text


class _Step(OpportunityDialog):
    def __init__(self, ctx: AppContext, actor: Actor, title: str, action: str, parent: QWidget | None):
        super().__init__(ctx, actor, title, parent)
        self.form = QFormLayout()
        self.go = self.add_button(action, QDialogButtonBox.ButtonRole.AcceptRole, self.run, "go")
        self.go.setDefault(True)
        self.add_close(_("Cancel"))
        layout = QVBoxLayout(self)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(440)

    def run(self) -> None:
        """The step's call (subclasses)."""

    def _update_buttons(self) -> None:
        self.go.setEnabled(not self.busy())


class StageDialog(_Step):
    """Advance stage: to the next one, on a day no earlier than the current one was reached."""

    def __init__(self, ctx: AppContext, actor: Actor, d: OpportunityDetail, parent: QWidget | None = None):
        self.detail, self.target = d, STAGES[d.row.stage.position + 1]
        super().__init__(ctx, actor, _("Advance stage"), _("&Advance"), parent)
        self.intro.setText(_("{number}: from “{current}” (since {since}) to “{target}”.").format(
            number=d.row.number, current=d.row.stage.label, since=d.row.stage_since.isoformat(),
            target=self.target.label))
        self.on = DateField(latest=clock.today())
        self.on.setObjectName("reached_on")
        self.on.setMinimumDate(QDate(d.row.stage_since))
        buddy_row(self.form, _("&Reached on:"), self.on)

    def run(self) -> None:
        if self.busy():
            return
        ctx, actor, oid, target, on = self.ctx, self.actor, self.detail.row.id, self.target, self.on.value()
        self.call(lambda: opportunities.advance_stage(ctx.uow(actor), oid, target, on), lambda _r: self.accept())


class LossDialog(_Step):
    """Lost: the reason and the competitor it went to are required."""

    def __init__(self, ctx: AppContext, actor: Actor, d: OpportunityDetail, parent: QWidget | None = None):
        self.detail = d
        super().__init__(ctx, actor, _("Opportunity lost"), _("&Mark as lost"), parent)
        self.intro.setText(_("{number} “{title}” is closed as lost: say why and to whom.").format(
            number=d.row.number, title=d.row.title))
        self.reason = QComboBox()
        self.reason.setObjectName("loss_reason")
        for r in LossReason:
            self.reason.addItem(r.label, r.value)
        self.competitor = QComboBox()
        self.competitor.setObjectName("lost_to")
        self.competitor.setEditable(True)
        self.competitor.addItems([c.name for c in d.competitors])
        self.note = QLineEdit()
        self.note.setObjectName("loss_note")
        buddy_row(self.form, _("&Reason lost"), self.reason)
        buddy_row(self.form, _("&Competitor"), self.competitor)
        buddy_row(self.form, _("&Note"), self.note)

    def run(self) -> None:
        if self.busy():
            return
        ctx, actor, oid = self.ctx, self.actor, self.detail.row.id
        reason, who, note = self.reason.currentData(), self.competitor.currentText(), self.note.text()
        self.call(lambda: opportunities.lose_opportunity(ctx.uow(actor), oid, reason, who, note),
                  lambda _r: self.accept())


class PriceDecisionDialog(_Step):
    """The sales VP approves or refuses a quotation's prices below the floor; a refusal says why."""

    def __init__(self, ctx: AppContext, actor: Actor, q: QuotationRef, approve: bool, parent: QWidget | None = None):
        self.quotation, self.approve = q, approve
        super().__init__(ctx, actor, _("Approve the prices") if approve else _("Refuse the prices"),
                         _("&Approve") if approve else _("Ref&use the prices"), parent)
        self.intro.setText(_("Quotation {number} of {day}, total {total}, made by {rep}: a price below the floor "
                             "waits for your decision.").format(
            number=q.number, day=q.quote_date.isoformat(), total=money_text(q.total), rep=q.made_by))
        self.note = QLineEdit()
        self.note.setObjectName("decision_note")
        buddy_row(self.form, _("&Note for the rep:") if approve else _("&Why (the rep reads it):"), self.note)

    def run(self) -> None:
        if self.busy():
            return
        ctx, actor, qid, approve, note = self.ctx, self.actor, self.quotation.id, self.approve, self.note.text()
        self.call(lambda: quotations.decide_quotation(ctx.uow(actor), qid, approve, note), lambda _r: self.accept())
