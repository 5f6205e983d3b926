"""New opportunity… / Edit…: for a customer (picked by name, code or pinyin, as in the order
form) or a lead, its title, expected amount and day, and on four pages the products with
their quantities, the contacts involved, the competitors met and the competitive analysis
[竞争分析]. Enter saves from any one-line field (in a grid it goes to the next line; Insert
adds one, Delete removes it); a refusal shows under the fields and the form stays open."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QTabBar,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from sales_desk.domain.common.errors import ValidationError
from sales_desk.domain.common.roles import Actor
from sales_desk.i18n import _
from sales_desk.services.opportunities import leads, opportunities, quotations
from sales_desk.services.opportunities.opportunities import (
    CompetitorInput,
    ContactRef,
    OpportunityInput,
)
from sales_desk.services.opportunities.opportunity_views import OpportunityDetail
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.opportunities.common import DateField, OpportunityDialog, buddy_row
from sales_desk.ui.tabs.opportunities.grids import grid, with_a_blank_line
from sales_desk.ui.tabs.opportunities.lines import PRODUCT, ProductLines
from sales_desk.ui.tabs.opportunities.text_lines import TextLines
from sales_desk.ui.widgets.customer_picker import CustomerPicker
from sales_desk.ui.widgets.money import MoneyEdit
from sales_desk.ui.widgets.typed_choice import typed_combo


class _PageBar(QTabBar):
    sig_chosen = Signal(int)
    """A page's mnemonic was pressed (Alt+its letter), whether or not it was showing already."""

    def event(self, e: QEvent) -> bool:
        handled = super().event(e)
        if e.type() == QEvent.Type.Shortcut:
            self.sig_chosen.emit(self.currentIndex())
        return handled


class OpportunityForm(OpportunityDialog):
    def __init__(self, ctx: AppContext, actor: Actor, detail: OpportunityDetail | None = None,
                 lead: tuple[int, str] | None = None, parent: QWidget | None = None):
        title = _("New opportunity") if detail is None else _("Opportunity {number}").format(number=detail.row.number)
        super().__init__(ctx, actor, title, parent)
        self.detail, self.saved_id = detail, None
        self.for_customer = QRadioButton(_("C&ustomer"))
        self.for_customer.setObjectName("for_customer")
        self.for_lead = QRadioButton(_("&Lead"))
        self.for_lead.setObjectName("for_lead")
        group = QButtonGroup(self)
        for b in (self.for_customer, self.for_lead):
            group.addButton(b)
        self.customer = CustomerPicker(ctx, actor)
        self.customer.setObjectName("customer")
        self.lead = typed_combo(QComboBox(), _("type the lead's number or name"))
        self.lead.setObjectName("lead")
        self.title = QLineEdit()
        self.title.setObjectName("title")
        self.amount = MoneyEdit()
        self.amount.setObjectName("amount")
        self.expected = DateField(optional=True)
        self.expected.setObjectName("expected_on")
        party = QHBoxLayout()
        party.addWidget(self.for_customer)
        party.addWidget(self.customer, 2)
        party.addSpacing(12)
        party.addWidget(self.for_lead)
        party.addWidget(self.lead, 1)
        form = QFormLayout()
        form.addRow(_("For:"), party)
        buddy_row(form, _("T&itle:"), self.title)
        buddy_row(form, _("Expected &amount:"), self.amount)
        buddy_row(form, _("Expected &on:"), self.expected)

        self.products = ProductLines(priced=False, parent=self)
        self.products.sig_problem.connect(lambda text: self.say(text, error=True))
        self.products_grid = grid(self.products, "products_grid", PRODUCT)
        self.contacts = TextLines([_("Contact name"), _("Role in the deal")], self)
        self.contacts_grid = grid(self.contacts, "contacts_grid", 1)
        self.competitors = TextLines([_("Competitor"), _("Their strengths"), _("Their weaknesses"),
                                      _("On price")], self)
        self.competitors_grid = grid(self.competitors, "competitors_grid", 3)
        self.analysis = QPlainTextEdit()
        self.analysis.setObjectName("competitive_analysis")
        self.analysis.setTabChangesFocus(True)
        self.analysis.setPlaceholderText(_("How we stand against each competitor, and how we mean to win [竞争分析]"))
        self.pages = QTabWidget()
        bar = _PageBar()
        self.pages.setTabBar(bar)
        bar.sig_chosen.connect(self._page_focus)
        for w, label in ((self.products_grid, _("&Products")), (self.contacts_grid, _("&Contacts involved")),
                         (self.competitors_grid, _("Co&mpetitors met")), (self.analysis, _("Competitive a&nalysis"))):
            self.pages.addTab(w, label)

        self.save_button = self.add_button(_("&Save"), QDialogButtonBox.ButtonRole.AcceptRole, self.save, "save")
        self.save_button.setDefault(True)
        self.add_close(_("Cancel"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self.resize(860, 560)
        self.for_customer.toggled.connect(self._party)
        chain = [self.for_customer, self.customer, self.for_lead, self.lead, self.title, self.amount, self.expected,
                 self.pages]
        for a, b in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(a, b)
        self._fill(lead)
        self._load(lead)
        (self.customer if detail is None and lead is None else self.title).setFocus()

    def _page_focus(self, index: int) -> None:
        """A page chosen (Alt+its letter): the cursor in it, on its first cell."""
        w = self.pages.widget(index)
        w.setFocus()
        if isinstance(w, QTableView) and not w.currentIndex().isValid() and w.model().rowCount():
            w.setCurrentIndex(w.model().index(0, 0))

    # -- filling in ------------------------------------------------------------------------
    def _fill(self, lead: tuple[int, str] | None) -> None:
        d = self.detail
        if d is None:
            (self.for_lead if lead else self.for_customer).setChecked(True)
            if lead:
                self.lead.addItem(lead[1], lead[0])
                self.lead.setCurrentIndex(0)
        else:
            on_lead = d.customer_id is None and d.lead_id is not None
            (self.for_lead if on_lead else self.for_customer).setChecked(True)
            if on_lead:
                self.lead.addItem(d.row.party, d.lead_id)
                self.lead.setCurrentIndex(0)
            else:
                self.customer.set_customer(d.customer_id, d.party_code, d.party_name)
            self.title.setText(d.row.title)
            self.amount.set_minor(d.row.amount)
            self.expected.set_value(d.row.expected_on)
            self.contacts.set_lines([(k.name, k.role) for k in d.contacts])
            self.competitors.set_lines([(c.name, c.strengths, c.weaknesses, c.price_note) for c in d.competitors])
            self.analysis.setPlainText(d.competitive_analysis)
        for m in (self.contacts, self.competitors):
            with_a_blank_line(m)
        self._party()

    def _load(self, lead: tuple[int, str] | None) -> None:
        ctx, actor = self.ctx, self.actor
        self.call(lambda: (quotations.quotable_products(ctx.uow(actor)), leads.list_leads(ctx.uow(actor), "open")),
                  self._loaded, writes=None)

    def _loaded(self, result) -> None:  # noqa: ANN001
        products, open_leads = result
        self.products.set_products(products)
        self.products.set_lines([(p.product_id, p.quantity) for p in self.detail.products] if self.detail else [])
        with_a_blank_line(self.products)
        chosen = self.lead.currentData()
        for r in open_leads:
            if r.id != chosen:
                self.lead.addItem(f"{r.number} {r.name}", r.id)
        if chosen is None:
            self.lead.setCurrentIndex(-1)
            self.lead.clearEditText()
        self.for_lead.setEnabled(bool(self.lead.count()))

    def _party(self) -> None:
        customer = self.for_customer.isChecked()
        self.customer.setEnabled(customer)
        self.lead.setEnabled(not customer)

    # -- saving -----------------------------------------------------------------------------
    def data(self) -> OpportunityInput:
        customer_id = lead_id = None
        if self.for_customer.isChecked():
            customer_id = self.customer.chosen_id()
        else:
            lead_id = self.lead.itemData(self.lead.findText(self.lead.currentText()))
            if lead_id is None:
                raise ValidationError(_("Lead"), _("pick the lead from the list"))
        known = {k.name: k.contact_id for k in self.detail.contacts} if self.detail else {}
        d = self.detail
        return OpportunityInput(
            self.title.text(), customer_id, lead_id, self.amount.minor(_("Expected amount")), self.expected.value(),
            tuple((ln.product.id, ln.quantity) for ln in self.products.chosen() if ln.product),
            tuple(ContactRef(name, role, known.get(name)) for name, role in self.contacts.lines()),
            tuple(CompetitorInput(*c) for c in self.competitors.lines()),
            self.analysis.toPlainText(), d.note if d else "")

    def save(self) -> None:
        if self.busy():
            return
        try:
            data = self.data()
        except ValidationError as e:
            self.say(str(e), error=True)
            return
        ctx, actor, d = self.ctx, self.actor, self.detail
        if d is None:
            self.call(lambda: opportunities.create_opportunity(ctx.uow(actor), data), self._saved)
        else:
            self.call(lambda: opportunities.update_opportunity(ctx.uow(actor), d.row.id, data),
                      lambda _r: self._saved(d.row.id))

    def _saved(self, opportunity_id: int) -> None:
        self.saved_id = opportunity_id
        self.accept()

    def _update_buttons(self) -> None:
        self.save_button.setEnabled(not self.busy())
