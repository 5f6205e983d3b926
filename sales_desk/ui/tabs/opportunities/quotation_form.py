"""New quotation… for an opportunity [报价]: its products come in as lines at the list price in
force (services/opportunities/quotations.py), each price may be typed over; the grid warns
of a price below the floor (the quotation then waits for the sales VP's approval) or above
the ceiling (refused) — the service decides. Enter in a grid goes to the next line, Enter
in the note makes the quotation."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from sales_desk.domain.common.errors import ValidationError
from sales_desk.domain.common.roles import Actor
from sales_desk.domain.orders.pricing import PricePosition
from sales_desk.i18n import _
from sales_desk.services.opportunities import quotations
from sales_desk.services.opportunities.opportunity_views import OpportunityDetail
from sales_desk.services.opportunities.quotations import QuoteLineInput
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.opportunities.common import OpportunityDialog, buddy_row
from sales_desk.ui.tabs.opportunities.grids import grid, with_a_blank_line
from sales_desk.ui.tabs.opportunities.lines import PRODUCT, ProductLines
from sales_desk.ui.widgets.money import money_text


class QuotationForm(OpportunityDialog):
    def __init__(self, ctx: AppContext, actor: Actor, detail: OpportunityDetail, parent: QWidget | None = None):
        super().__init__(ctx, actor, _("New quotation"), parent)
        self.detail, self.created_id = detail, None
        heading = QLabel(_("Quotation for {number} “{title}” — {customer}").format(
            number=detail.row.number, title=detail.row.title, customer=detail.row.party))
        heading.setWordWrap(True)
        heading.setStyleSheet("font-weight: bold;")
        self.lines = ProductLines(priced=True, parent=self)
        self.lines.sig_problem.connect(lambda text: self.say(text, error=True))
        self.lines.sig_changed.connect(self._changed)
        self.lines_grid = grid(self.lines, "quotation_lines", PRODUCT)
        self.valid_days = QSpinBox()
        self.valid_days.setObjectName("valid_days")
        self.valid_days.setRange(1, 365)
        self.valid_days.setValue(30)
        self.valid_days.setSuffix(_(" days"))
        self.note = QLineEdit()
        self.note.setObjectName("quotation_note")
        self.total = QLabel()
        self.total.setObjectName("quotation_total")
        self.total.setStyleSheet("font-weight: bold;")
        self.price_note = QLabel()
        self.price_note.setObjectName("price_note")
        self.price_note.setWordWrap(True)
        form = QFormLayout()
        buddy_row(form, _("&Valid for:"), self.valid_days)
        buddy_row(form, _("N&ote on the quotation:"), self.note)
        sums = QHBoxLayout()
        sums.addWidget(self.price_note, 1)
        sums.addWidget(self.total)
        self.make_button = self.add_button(_("&Make the quotation"), QDialogButtonBox.ButtonRole.AcceptRole,
                                           self.make, "make")
        self.make_button.setDefault(True)
        self.add_close(_("Cancel"))
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(QLabel(_("Lines (Insert adds one, Delete removes it; a price typed over the list price "
                                  "is checked against its range):")))
        layout.addWidget(self.lines_grid, 1)
        layout.addLayout(sums)
        layout.addLayout(form)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self.resize(860, 480)
        ctx_, actor_ = ctx, actor
        self.call(lambda: quotations.quotable_products(ctx_.uow(actor_)), self._loaded, writes=None)

    def _loaded(self, products) -> None:  # noqa: ANN001
        self.lines.set_products(products)
        self.lines.set_lines([(p.product_id, p.quantity) for p in self.detail.products])
        with_a_blank_line(self.lines)
        self.lines_grid.setFocus()
        self.lines_grid.setCurrentIndex(self.lines.index(0, PRODUCT))

    def _changed(self) -> None:
        self.say("")
        self.total.setText(_("Total {total}").format(total=money_text(self.lines.total())))
        below = [str(n) for n, ln in enumerate(self.lines.lines(), start=1)
                 if ln.position is PricePosition.BELOW_FLOOR]
        above = [str(n) for n, ln in enumerate(self.lines.lines(), start=1)
                 if ln.position is PricePosition.ABOVE_CEILING]
        notes = []
        if below:
            notes.append(_("Line {lines} below the floor: the quotation waits for the sales VP's approval "
                           "before it can be printed.").format(lines=", ".join(below)))
        if above:
            notes.append(_("Line {lines} above the ceiling: a quotation at that price is refused.").format(
                lines=", ".join(above)))
        self.price_note.setText(" ".join(notes))
        self.price_note.setStyleSheet("color: #7a4f00;" if notes else "")

    def items(self) -> list[QuoteLineInput]:
        return [QuoteLineInput(ln.product.id, ln.quantity, ln.unit_price)
                for ln in self.lines.chosen() if ln.product is not None]

    def make(self) -> None:
        if self.busy():
            return
        try:
            items = self.items()
        except ValidationError as e:
            self.say(str(e), error=True)
            return
        ctx, actor, oid = self.ctx, self.actor, self.detail.row.id
        days, note = self.valid_days.value(), self.note.text()
        self.call(lambda: quotations.create_quotation(ctx.uow(actor), oid, items, days, note), self._made)

    def _made(self, quotation_id: int) -> None:
        self.created_id = quotation_id
        self.accept()

    def _update_buttons(self) -> None:
        self.make_button.setEnabled(not self.busy())
