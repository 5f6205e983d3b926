"""Leads [线索]: prospects met before a customer file exists. "New lead…" records one (the firm,
its contact and the contact's position, phone, region, source, letter language, the day of
first contact); "Convert to customer file…" opens the file from it, after a confirmation
(services/opportunities/leads.py: the file's own rules, and the lead's opportunities move
with it); a converted lead shows the file it became. "New opportunity…" opens one for the
selected lead. Every step has a mnemonic (Alt+letter)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sales_desk import clock
from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.domain.customers.files import (
    INDUSTRIES,
    LETTER_LANGUAGES,
    REGIONS,
    Choice,
    choice_label,
)
from sales_desk.i18n import N_, _, current_language
from sales_desk.services.opportunities import leads
from sales_desk.services.opportunities.leads import LeadInput, LeadRow
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.opportunities.common import (
    CUSTOMERS,
    TOPIC,
    DateField,
    OpportunityDialog,
    buddy_row,
    lead_status,
)
from sales_desk.ui.widgets import dialogs
from sales_desk.ui.widgets.list_model import RowsTableModel
from sales_desk.ui.widgets.page import Page
from sales_desk.ui.widgets.shortcuts import shortcut
from sales_desk.ui.widgets.table import Table
from sales_desk.ui.widgets.visibility import shown_if

# Offered in the source field; anything else may be typed.
SOURCES = (N_("Exhibition"), N_("Referral by a customer"), N_("Telephone enquiry"), N_("Company website"),
           N_("Advertisement"), N_("Industry association"))


def _choices(combo: QComboBox, choices: tuple[Choice, ...], empty: str | None) -> QComboBox:
    if empty is not None:
        combo.addItem(empty, "")
    for c in choices:
        combo.addItem(_(c.label), c.code)
    return combo


class LeadDialog(OpportunityDialog):
    """New lead: Enter saves it; a refusal shows under the fields and the form stays open."""

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(ctx, actor, _("New lead"), parent)
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
                         (_("Contact's &position:"), self.position), (_("&Phone:"), self.phone),
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

    def data(self) -> LeadInput:
        return LeadInput(self.name.text(), self.contact.text(), self.position.text(), self.phone.text(),
                         region=self.region.currentData() or "", industry=self.industry.currentData() or "",
                         source=self.source.currentText(), language=self.language.currentData() or "",
                         first_contact_on=self.first_contact.value())

    def save(self) -> None:
        if self.busy():
            return
        ctx, actor, data = self.ctx, self.actor, self.data()
        self.call(lambda: leads.create_lead(ctx.uow(actor), data), self._saved)

    def _saved(self, lead_id: int) -> None:
        self.created_id = lead_id
        self.accept()

    def _update_buttons(self) -> None:
        self.save_button.setEnabled(not self.busy())


def _cell(r: LeadRow, column: int) -> str:
    return (r.number, r.name, r.contact_name, r.contact_position, r.phone, choice_label("region", r.region),
            r.source, r.first_contact_on.isoformat(), lead_status(r.status), r.customer, r.owner)[column]


class LeadsPage(Page):
    topics = frozenset({TOPIC, CUSTOMERS})

    sig_new_opportunity = Signal(int, str)
    """New opportunity for this lead (its id, its number and name): the tab opens the form."""

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(ctx, actor, parent)
        self.status = QComboBox()
        self.status.setObjectName("lead_status_filter")
        for label, value in ((_("Every lead"), ""), (_("Not yet converted"), "open"),
                             (_("Converted"), "converted"), (_("Dropped"), "dropped")):
            self.status.addItem(label, value)
        self.status.currentIndexChanged.connect(self.load)
        bar = QHBoxLayout()
        lab = QLabel(_("&Show:"))
        lab.setBuddy(self.status)
        bar.addWidget(lab)
        bar.addWidget(self.status)
        bar.addStretch(1)
        self.model = RowsTableModel(
            [_("Number"), _("Firm name"), _("Contact"), _("Position"), _("Phone"), _("Region"),
             _("Source"), _("First contact"), _("Status"), _("Customer file"), _("Sales rep")],
            _cell, self)
        self.table = Table("opportunities/leads")
        self.table.setObjectName("leads_table")
        self.table.setModel(self.model)
        self.table.restore_layout({0: 105, 1: 180, 2: 60, 3: 70, 4: 120, 5: 80, 6: 60, 7: 80, 8: 100, 9: 200})
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._buttons())
        edit = actor.can(Perm.OPPORTUNITY_EDIT)
        self.new_button = QPushButton(_("&New lead…"))
        self.new_button.setObjectName("new_lead")
        self.convert_button = QPushButton(_("&Convert to customer file…"))
        self.convert_button.setObjectName("convert_lead")
        self.opportunity_button = QPushButton(_("New &opportunity for the lead…"))
        self.opportunity_button.setObjectName("lead_opportunity")
        shown_if(self.convert_button, edit and actor.can(Perm.CUSTOMER_CREATE))
        steps = QHBoxLayout()
        for b, fn in ((self.new_button, self.new_lead), (self.convert_button, self.convert),
                      (self.opportunity_button, self._new_opportunity)):
            b.clicked.connect(lambda _c=False, f=fn: f())
            steps.addWidget(b)
        for b in (self.new_button, self.opportunity_button):
            shown_if(b, edit)
        steps.addStretch(1)
        shortcut("Ctrl+N", self, lambda: self.new_lead() if edit else None,
                 Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.note = QLabel()
        self.note.setObjectName("leads_note")
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        layout.addLayout(steps)
        self._select_id: int | None = None
        self._buttons()

    def load(self) -> None:
        ctx, actor, status = self.ctx, self.actor, self.status.currentData() or None
        self.ctx.runner.run(lambda: leads.list_leads(ctx.uow(actor), status), self._show, owner=self)

    def _show(self, rows: list[LeadRow]) -> None:
        self.model.set_rows(rows)
        ids = [r.id for r in self.model.rows()]
        if rows:
            self.table.selectRow(ids.index(self._select_id) if self._select_id in ids else 0)
        self._buttons()

    def selected(self) -> LeadRow | None:
        row = self.table.current_row()
        return None if row is None else self.model.row_at(row)

    def _buttons(self) -> None:
        r = self.selected()
        open_ = r is not None and r.status == "open"
        self.convert_button.setEnabled(open_)
        self.opportunity_button.setEnabled(r is not None and r.status != "dropped")

    def new_lead(self) -> LeadDialog:
        dialog = LeadDialog(self.ctx, self.actor, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._created(dialog.created_id))
        dialog.open()
        return dialog

    def _created(self, lead_id: int | None) -> None:
        self._select_id = lead_id
        self.note.setText(_("Lead recorded."))

    def convert(self) -> None:
        r = self.selected()
        if r is None or r.status != "open":
            return
        if not dialogs.confirm(self, _("Convert to customer file"), _(
                "Open a customer file for {name} from lead {number}? Its contact becomes the file's key "
                "person and its open opportunities move to the file; the file then waits for its review "
                "like any new one.").format(name=r.name, number=r.number), _("Open the customer file")):
            return
        ctx, actor, lid = self.ctx, self.actor, r.id
        self._select_id = lid
        self.ctx.runner.run(lambda: leads.convert_lead(ctx.uow(actor), lid),
                            lambda _cid: self.note.setText(_("Lead {number} is now a customer file.").format(
                                number=r.number)), writes=CUSTOMERS, owner=self)

    def _new_opportunity(self) -> None:
        r = self.selected()
        if r is not None:
            self.sig_new_opportunity.emit(r.id, f"{r.number} {r.name}")

    def save_layout(self) -> None:
        self.table.save_layout()
