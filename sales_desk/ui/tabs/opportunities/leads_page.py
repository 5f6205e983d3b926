"""Leads [线索]: prospects met before a customer file exists. "New lead…" records one (the firm,
its contact and the contact's position, phone, region, source, letter language, the day of
first contact); "Edit lead…" (or Enter on it) changes an open one, "Drop lead…" ends it with
the reason; "Convert to customer file…" opens the file from it, after a confirmation
(services/opportunities/leads.py: the file's own rules, and the lead's opportunities move
with it); a converted lead shows the file it became. "New opportunity…" opens one for the
selected lead. Every step has a mnemonic (Alt+letter); editing, dropping and converting are
offered on open leads to those who work leads (a rep sees only their own)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.domain.customers.files import choice_label
from sales_desk.i18n import _
from sales_desk.services.opportunities import leads
from sales_desk.services.opportunities.leads import LeadInput, LeadRow
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.opportunities.common import CUSTOMERS, TOPIC, lead_status
from sales_desk.ui.tabs.opportunities.lead_dialogs import DropLeadDialog, LeadDialog
from sales_desk.ui.widgets import dialogs
from sales_desk.ui.widgets.list_model import RowsTableModel
from sales_desk.ui.widgets.page import Page
from sales_desk.ui.widgets.shortcuts import enter_opens, shortcut
from sales_desk.ui.widgets.table import Table
from sales_desk.ui.widgets.visibility import shown_if

__all__ = ["LeadDialog", "LeadsPage"]

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
        enter_opens(self.table, self.edit_lead)
        self.table.doubleClicked.connect(lambda _i: self.edit_lead())
        edit = actor.can(Perm.OPPORTUNITY_EDIT)
        self.new_button = QPushButton(_("&New lead…"))
        self.new_button.setObjectName("new_lead")
        self.edit_button = QPushButton(_("&Edit lead…"))
        self.edit_button.setObjectName("edit_lead")
        self.drop_button = QPushButton(_("&Drop lead…"))
        self.drop_button.setObjectName("drop_lead")
        self.convert_button = QPushButton(_("&Convert to customer file…"))
        self.convert_button.setObjectName("convert_lead")
        self.opportunity_button = QPushButton(_("New &opportunity for the lead…"))
        self.opportunity_button.setObjectName("lead_opportunity")
        shown_if(self.convert_button, edit and actor.can(Perm.CUSTOMER_CREATE))
        steps = QHBoxLayout()
        for b, fn in ((self.new_button, self.new_lead), (self.edit_button, self.edit_lead),
                      (self.drop_button, self.drop_lead), (self.convert_button, self.convert),
                      (self.opportunity_button, self._new_opportunity)):
            b.clicked.connect(lambda _c=False, f=fn: f())
            steps.addWidget(b)
        for b in (self.new_button, self.edit_button, self.drop_button, self.opportunity_button):
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

    def editable(self) -> LeadRow | None:
        """The selected lead when it is open and the user works leads (the list holds only
        the leads they may change: a rep's own, the team's for supervisors and managers)."""
        r = self.selected()
        return r if r is not None and r.status == "open" and self.actor.can(Perm.OPPORTUNITY_EDIT) else None

    def _buttons(self) -> None:
        r = self.selected()
        open_ = self.editable() is not None
        for b in (self.edit_button, self.drop_button, self.convert_button):
            b.setEnabled(open_)
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

    def edit_lead(self) -> None:
        """The lead's form filled in from what it holds (read first: the list shows a part)."""
        r = self.editable()
        if r is None:
            return
        ctx, actor, lead_id = self.ctx, self.actor, r.id
        self.ctx.runner.run(lambda: leads.lead_input(ctx.uow(actor), lead_id),
                            lambda held: self._open_edit(r, held), owner=self)

    def _open_edit(self, r: LeadRow, held: LeadInput) -> LeadDialog:
        dialog = LeadDialog(self.ctx, self.actor, self, r.id, held)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._done(r.id, _("Lead {number} saved.").format(number=r.number)))
        dialog.open()
        return dialog

    def drop_lead(self) -> DropLeadDialog | None:
        r = self.editable()
        if r is None:
            return None
        dialog = DropLeadDialog(self.ctx, self.actor, r, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._done(None, _("Lead {number} dropped.").format(number=r.number)))
        dialog.open()
        return dialog

    def _done(self, lead_id: int | None, text: str) -> None:
        self._select_id = lead_id
        self.note.setText(text)

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
