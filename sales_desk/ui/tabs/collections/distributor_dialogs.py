"""The dialogs of the Distributors and rebates page: the sales manager marks a customer as a
distributor with its agreement and proposes a rebate agreement in tiers by volume [分段返利];
the rep enters what the distributor reported of a product for a month [进销存]. Each runs one
service call; a refusal shows under the fields and the dialog stays open."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from sales_desk.domain.collections.rebates import (
    BASIS_LABELS,
    PERIOD_LABELS,
    Basis,
    PeriodKind,
    StockFigures,
    Tier,
    parse_rate,
)
from sales_desk.domain.common.errors import ValidationError
from sales_desk.domain.common.money import parse_amount
from sales_desk.domain.common.roles import Actor
from sales_desk.i18n import _
from sales_desk.services.collections import distributors, rebates
from sales_desk.services.collections.distributors import (
    DistributorInput,
    DistributorRow,
    StockInput,
)
from sales_desk.services.collections.rebates import AgreementInput
from sales_desk.services.customers import files as customer_files
from sales_desk.services.orders import products
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.collections.common import TOPIC, date_edit, date_of
from sales_desk.ui.widgets.service_dialog import ServiceDialog

MAX_TIERS = 4


class _Dialog(ServiceDialog):
    topic = TOPIC

    def __init__(self, ctx: AppContext, actor: Actor, title: str, action: str, parent: QWidget | None):
        super().__init__(ctx, actor, title, parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.form = QFormLayout()
        self.ok = self.add_button(action, QDialogButtonBox.ButtonRole.AcceptRole, self.submit, "ok")
        self.add_close(_("Cancel"))

    def row(self, text: str, widget: QWidget, name: str = "") -> QWidget:
        if name:
            widget.setObjectName(name)
        label = QLabel(text)
        label.setBuddy(widget)
        self.form.addRow(label, widget)
        return widget

    def finish(self) -> None:
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)

    def submit(self) -> None:
        raise NotImplementedError

    def _update_buttons(self) -> None:
        self.ok.setEnabled(not self.busy())


class MarkDistributorDialog(_Dialog):
    """The sales manager marks a customer as a distributor with its distribution agreement."""

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(ctx, actor, _("Mark a distributor"), _("&Mark"), parent)
        self.code = self.row(_("C&ustomer code:"), QLineEdit(), "customer_code")
        self.agreement = self.row(_("&Agreement number:"), QLineEdit(), "agreement_no")
        self.signed = self.row(_("&Signed on:"), date_edit(), "signed_on")
        self.territory = self.row(_("&Territory:"), QLineEdit(), "territory")
        self.note = self.row(_("&Note:"), QLineEdit(), "note")
        self.finish()

    def submit(self) -> None:
        ctx, actor, code = self.ctx, self.actor, self.code.text().strip()
        agreement, signed = self.agreement.text(), date_of(self.signed)
        territory, note = self.territory.text(), self.note.text()

        def run() -> int:
            cid = customer_files.customer_id_by_code(ctx.uow(actor), code)
            return distributors.mark_distributor(ctx.uow(actor), DistributorInput(cid, agreement, signed, territory,
                                                                                   note))

        self.call(run, lambda _r: self.accept())


def _count(name: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setObjectName(name)
    spin.setRange(0, 10_000_000)
    spin.setGroupSeparatorShown(True)
    return spin


class StockReportDialog(_Dialog):
    """What the distributor reported of one product for one month: opening + received − sold
    = closing; a closing that does not add up is shown before it is saved."""

    def __init__(self, ctx: AppContext, actor: Actor, distributor: DistributorRow, month: date,
                 parent: QWidget | None = None):
        super().__init__(ctx, actor, _("Stock report of {customer}").format(customer=distributor.name),
                         _("&Save"), parent)
        self.customer_id = distributor.customer_id
        self.product = self.row(_("&Product code:"), QLineEdit(), "product_code")
        self.month = self.row(_("&Month:"), date_edit(month), "month")
        self.month.setDisplayFormat("yyyy-MM")
        self.opening = self.row(_("&Opening stock:"), _count("opening"))
        self.received = self.row(_("&Received:"), _count("received"))
        self.sold = self.row(_("So&ld:"), _count("sold"))
        self.closing = self.row(_("&Closing stock:"), _count("closing"))
        self.note = self.row(_("&Note:"), QLineEdit(), "note")
        self.check = QLabel()
        self.check.setObjectName("stock_check")
        self.form.addRow(self.check)
        for spin in (self.opening, self.received, self.sold, self.closing):
            spin.valueChanged.connect(lambda _v: self._recheck())
        self.finish()
        self._recheck()

    def figures(self) -> StockFigures:
        return StockFigures(self.opening.value(), self.received.value(), self.sold.value(), self.closing.value())

    def _recheck(self) -> None:
        f = self.figures()
        self.check.setText(_("Adds up.") if f.closing_gap == 0 else _(
            "Opening + received − sold = {expected}: the closing stock differs by {gap}.").format(
            expected=f"{f.expected_closing:,}", gap=f"{f.closing_gap:+,}"))

    def submit(self) -> None:
        ctx, actor, cid, code = self.ctx, self.actor, self.customer_id, self.product.text().strip()
        f, month, note = self.figures(), date_of(self.month), self.note.text()

        def run() -> int:
            found = [p for p in products.list_products(ctx.uow(actor), code, include_inactive=True)
                     if p.code.lower() == code.lower()]
            if not found:
                raise ValidationError(_("Product code"), _("no product has the code {code}").format(code=code))
            return distributors.record_stock(ctx.uow(actor), StockInput(cid, found[0].id, month, f.opening,
                                                                        f.received, f.sold, f.closing, note))

        self.call(run, lambda _r: self.accept())


class AgreementDialog(_Dialog):
    """A rebate agreement for the distributor: basis, settlement period, validity and up to
    four tiers (from a volume, a rate in per cent); the general manager approves it."""

    def __init__(self, ctx: AppContext, actor: Actor, distributor: DistributorRow, today: date,
                 parent: QWidget | None = None):
        super().__init__(ctx, actor, _("Rebate agreement for {customer}").format(customer=distributor.name),
                         _("&Propose"), parent)
        self.customer_id = distributor.customer_id
        self.basis = self.row(_("&Basis:"), QComboBox(), "basis")
        for b in Basis:
            self.basis.addItem(_(BASIS_LABELS[b]), b.value)
        self.period = self.row(_("&Settled:"), QComboBox(), "period_kind")
        for k in PeriodKind:
            self.period.addItem(_(PERIOD_LABELS[k]), k.value)
        self.period.setCurrentIndex(self.period.findData(PeriodKind.QUARTER.value))
        self.valid_from = self.row(_("Valid &from:"), date_edit(date(today.year, 1, 1)), "valid_from")
        self.valid_to = self.row(_("Valid &to:"), date_edit(date(today.year, 12, 31)), "valid_to")
        grid = QGridLayout()
        grid.addWidget(QLabel(_("From volume (amount or quantity)")), 0, 0)
        grid.addWidget(QLabel(_("Rate, %")), 0, 1)
        self.tiers: list[tuple[QLineEdit, QLineEdit]] = []
        for i in range(MAX_TIERS):
            volume, rate = QLineEdit(), QLineEdit()
            volume.setObjectName(f"tier{i}_from")
            rate.setObjectName(f"tier{i}_rate")
            grid.addWidget(volume, i + 1, 0)
            grid.addWidget(rate, i + 1, 1)
            self.tiers.append((volume, rate))
        tiers_label = QLabel(_("T&iers:"))
        tiers_label.setBuddy(self.tiers[0][0])
        self.form.addRow(tiers_label, grid)
        self.note = self.row(_("&Note:"), QLineEdit(), "note")
        self.finish()

    def read_tiers(self) -> tuple[Tier, ...]:
        """The rows filled in; a threshold in money for tiers by amount, else in units."""
        by_amount = self.basis.currentData() == Basis.AMOUNT.value
        out = []
        for volume, rate in self.tiers:
            v, r = volume.text().strip(), rate.text().strip()
            if not v and not r:
                continue
            if by_amount:
                threshold = parse_amount(v or "0")
            else:
                try:
                    threshold = int((v or "0").replace(",", ""))
                except ValueError:
                    raise ValidationError(_("Tiers"), _("a quantity is a whole number: {text}").format(text=v)) from None
            out.append(Tier(threshold, parse_rate(r or "0")))
        return tuple(out)

    def submit(self) -> None:
        try:
            tiers = self.read_tiers()
        except ValidationError as e:
            self.say(str(e), error=True)
            return
        ctx, actor = self.ctx, self.actor
        data = AgreementInput(self.customer_id, str(self.basis.currentData()), str(self.period.currentData()),
                              date_of(self.valid_from), date_of(self.valid_to), tiers, self.note.text())
        self.call(lambda: rebates.propose_agreement(ctx.uow(actor), data), lambda _r: self.accept())
