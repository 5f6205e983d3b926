"""The lead's forms: "New lead…" and "Edit lead…" (the same fields, the second filled in from
the lead and saved through leads.update_lead, keeping what the form does not show — e-mail,
address, notes), and "Drop lead…" (the reason, then a confirmation: a dropped lead is no
longer worked nor converted). Enter saves; a refusal shows under the fields and the form
stays open."""

from __future__ import annotations

from dataclasses import replace

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
from sales_desk.domain.common.errors import ValidationError
from sales_desk.domain.common.roles import Actor
from sales_desk.domain.customers.files import (
    INDUSTRIES,
    LETTER_LANGUAGES,
    REGIONS,
    Choice,
)
from sales_desk.i18n import N_, _, current_language
from sales_desk.services.opportunities import leads
from sales_desk.services.opportunities.leads import LeadInput, LeadRow
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.opportunities.common import DateField, OpportunityDialog, buddy_row
from sales_desk.ui.widgets import dialogs

# Offered in the source field; anything else may be typed.
SOURCES = (N_("Exhibition"), N_("Referral by a customer"), N_("Telephone enquiry"), N_("Company website"),
           N_("Advertisement"), N_("Industry association"))


def _choices(combo: QComboBox, choices: tuple[Choice, ...], empty: str | None) -> QComboBox:
    if empty is not None:
        combo.addItem(empty, "")
    for c in choices:
        combo.addItem(_(c.label), c.code)
    return combo


def _pick(combo: QComboBox, value: str) -> None:
    i = combo.findData(value)
    if i >= 0:
        combo.setCurrentIndex(i)


class LeadDialog(OpportunityDialog):
    """New lead, or — given the lead's id and what it holds — that lead edited."""

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None,
                 lead_id: int | None = None, held: LeadInput | None = None):
        super().__init__(ctx, actor, _("Edit lead") if lead_id is not None else _("New lead"), parent)
        self.lead_id, self.held = lead_id, held
        self.created_id: int | None = None
        self.name = QLineEdit()
        self.name.setObjectName("lead_name")
        self.contact = QLineEdit()
        self.contact.setObjectName("lead_contact")
        self.position = QLineEdit()
        self.position.setObjectName("lead_position")
        self.phone = QLineEdit()
        self.phone.setObjectName("lead_phone")
        self.region = _choices(QComboBox(), REGIONS, _("(not known yet)"))
        self.region.setObjectName("lead_region")
        self.industry = _choices(QComboBox(), INDUSTRIES, _("(not known yet)"))
        self.source = QComboBox()
        self.source.setObjectName("lead_source")
        self.source.setEditable(True)
        self.source.addItems(["", *(_(s) for s in SOURCES)])
        self.source.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.language = _choices(QComboBox(), LETTER_LANGUAGES, None)
        self.language.setCurrentIndex(max(0, self.language.findData(current_language())))
        self.first_contact = DateField(latest=clock.today())
        self.first_contact.setObjectName("lead_first_contact")
        form = QFormLayout()
        for label, w in ((_("Firm &name:"), self.name), (_("&Contact person:"), self.contact),
                         (_("Contact's posi&tion:"), self.position), (_("&Phone:"), self.phone),
                         (_("&Region:"), self.region), (_("&Industry:"), self.industry),
                         (_("&Source of the lead:"), self.source), (_("Letter &language:"), self.language),
                         (_("&First contact on:"), self.first_contact)):
            buddy_row(form, label, w)
        self.save_button = self.add_button(_("Save the lead"), QDialogButtonBox.ButtonRole.AcceptRole, self.save,
                                           "save")
        self.save_button.setDefault(True)
        self.add_close(_("Cancel"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)
        if held is not None:
            self._fill(held)

    def _fill(self, d: LeadInput) -> None:
        self.name.setText(d.name)
        self.contact.setText(d.contact_name)
        self.position.setText(d.contact_position)
        self.phone.setText(d.phone)
        for combo, value in ((self.region, d.region), (self.industry, d.industry), (self.language, d.language)):
            _pick(combo, value)
        self.source.setCurrentText(d.source)
        self.first_contact.set_value(d.first_contact_on)

    def data(self) -> LeadInput:
        shown = LeadInput(self.name.text(), self.contact.text(), self.position.text(), self.phone.text(),
                          region=self.region.currentData() or "", industry=self.industry.currentData() or "",
                          source=self.source.currentText(), language=self.language.currentData() or "",
                          first_contact_on=self.first_contact.value())
        if self.held is None:
            return shown
        return replace(self.held, **{f: getattr(shown, f) for f in (
            "name", "contact_name", "contact_position", "phone", "region", "industry", "source", "language",
            "first_contact_on")})

    def save(self) -> None:
        if self.busy():
            return
        ctx, actor, data, lead_id = self.ctx, self.actor, self.data(), self.lead_id
        if lead_id is None:
            self.call(lambda: leads.create_lead(ctx.uow(actor), data), self._saved)
        else:
            self.call(lambda: leads.update_lead(ctx.uow(actor), lead_id, data), lambda _r: self._saved(lead_id))

    def _saved(self, lead_id: int) -> None:
        self.created_id = lead_id
        self.accept()

    def _update_buttons(self) -> None:
        self.save_button.setEnabled(not self.busy())


class DropLeadDialog(OpportunityDialog):
    """Drop a lead no longer worked: the reason is required, and a confirmation follows."""

    def __init__(self, ctx: AppContext, actor: Actor, lead: LeadRow, parent: QWidget | None = None):
        super().__init__(ctx, actor, _("Drop lead"), parent)
        self.lead = lead
        intro = QLabel(_("Lead {number} {name} is no longer worked: it leaves the open leads and can no longer be "
                         "converted into a customer file. Say why.").format(number=lead.number, name=lead.name))
        intro.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setObjectName("drop_reason")
        self.reason.setMaxLength(500)
        self.reason.setPlaceholderText(_("required: e.g. chose a competitor, no budget, a duplicate"))
        form = QFormLayout()
        buddy_row(form, _("&Reason:"), self.reason)
        self.drop_button = self.add_button(_("&Drop the lead"), QDialogButtonBox.ButtonRole.AcceptRole, self.drop,
                                           "drop")
        self.drop_button.setDefault(True)
        self.add_close(_("Keep it"))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

    def drop(self) -> None:
        if self.busy():
            return
        reason = self.reason.text().strip()
        if not reason:
            self.say(str(ValidationError(_("Reason"), _("say why the lead is dropped"))), error=True)
            self.reason.setFocus()
            return
        if not dialogs.confirm(self, _("Drop lead"), _("Drop lead {number} {name} for this reason: “{reason}”? "
                                                       "It cannot be taken up again.").format(
                number=self.lead.number, name=self.lead.name, reason=reason), _("Drop the lead"),
                destructive=True):
            return
        ctx, actor, lead_id = self.ctx, self.actor, self.lead.id
        self.call(lambda: leads.drop_lead(ctx.uow(actor), lead_id, reason), lambda _r: self.accept())

    def _update_buttons(self) -> None:
        self.drop_button.setEnabled(not self.busy())
