"""A customer's ledger [应收账款明细账]: invoices raised by shipments, credit notes raised by
returns, prepayments and receipts received, write-offs, with the running balance, and
what is open and overdue today (services/collections/ledger.py). Opened from an order, or on its
own page."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from sales_desk.domain.collections.receivables import DocumentKind
from sales_desk.domain.common.roles import Actor
from sales_desk.i18n import N_, _
from sales_desk.services.collections import ledger
from sales_desk.services.collections.ledger import (
    PREPAYMENT,
    RECEIPT,
    RECOVERY,
    REVERSAL,
    WRITE_OFF,
    Ledger,
    LedgerLine,
)
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.orders.common import DISPATCH, ORDERS, day, heading, hint
from sales_desk.ui.widgets.customer_picker import CustomerPicker
from sales_desk.ui.widgets.list_model import RowsTableModel
from sales_desk.ui.widgets.money import money_text
from sales_desk.ui.widgets.page import Page
from sales_desk.ui.widgets.table import Table

MONEY_KINDS = {PREPAYMENT: N_("Prepayment received"), RECEIPT: N_("Receipt"), WRITE_OFF: N_("Written off"),
               REVERSAL: N_("Receipt reversed"), RECOVERY: N_("Written-off debt recovered")}


def kind_label(kind: str) -> str:
    if kind in MONEY_KINDS:
        return _(MONEY_KINDS[kind])
    return DocumentKind(kind).label if kind in set(DocumentKind) else kind


def _cell(r: LedgerLine, column: int) -> str:
    return (day(r.on), kind_label(r.kind), r.number, r.reference,
            money_text(r.debit) if r.debit else "", money_text(r.credit) if r.credit else "",
            money_text(r.balance), day(r.due_date),
            "" if r.open_amount is None else money_text(r.open_amount))[column]


class LedgerWidget(QWidget):
    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.actor = ctx, actor
        self.customer_id: int | None = None
        self.view: Ledger | None = None
        self.title = heading()
        self.title.setObjectName("ledger_title")
        self.model = RowsTableModel(
            [_("Date"), _("Document"), _("No."), _("From"), _("Debit"), _("Credit amount"), _("Balance"),
             _("Due"), _("Open amount")], _cell, self, right_aligned=(4, 5, 6, 8))
        self.table = Table("orders/ledger")
        self.table.setObjectName("ledger_table")
        self.table.setModel(self.model)
        self.table.restore_layout({0: 85, 1: 120, 2: 115, 3: 115, 4: 100, 5: 100, 6: 110, 7: 85})
        self.totals: dict[str, QLabel] = {}
        row = QHBoxLayout()
        for key, label in (("invoiced", _("Invoiced")), ("credited", _("Credit notes")),
                           ("received", _("Received")), ("written_off", _("Written off")),
                           ("balance", _("Balance")), ("overdue", _("Overdue today"))):
            value = QLabel()
            value.setObjectName(f"ledger_{key}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.totals[key] = value
            row.addWidget(QLabel(label + ":"))
            row.addWidget(value)
            row.addSpacing(12)
        row.addStretch(1)
        self.totals["balance"].setStyleSheet("font-weight: bold;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)

    def show_customer(self, customer_id: int | None) -> None:
        self.customer_id = customer_id
        if customer_id is None:
            self.view = None
            self.title.setText("")
            self.model.set_rows([])
            for value in self.totals.values():
                value.setText("")
            return
        self.reload()

    def reload(self) -> None:
        cid = self.customer_id
        if cid is None:
            return
        ctx, actor = self.ctx, self.actor
        self.ctx.runner.run(lambda: ledger.customer_ledger(ctx.uow(actor), cid),
                            lambda v: self._show(cid, v), owner=self)

    def _show(self, customer_id: int, v: Ledger) -> None:
        if customer_id != self.customer_id:
            return
        self.view = v
        self.title.setText(_("Ledger of {code} · {name}").format(code=v.code, name=v.name))
        self.model.set_rows(list(v.lines))
        if v.lines:
            self.table.scrollToBottom()  # the latest, with today's balance
        t = self.totals
        t["invoiced"].setText(money_text(v.debits))
        t["credited"].setText(money_text(v.credit_notes))
        t["received"].setText(money_text(v.received))
        t["written_off"].setText(money_text(v.written_off))
        t["balance"].setText(money_text(v.balance))
        t["overdue"].setText(money_text(v.overdue))
        t["overdue"].setStyleSheet("color: #b00020; font-weight: bold;" if v.overdue else "")

    def save_layout(self) -> None:
        self.table.save_layout()


class LedgerDialog(QDialog):
    def __init__(self, ctx: AppContext, actor: Actor, customer_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Customer ledger"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.ledger = LedgerWidget(ctx, actor)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.ledger, 1)
        layout.addWidget(buttons)
        self.resize(960, 520)
        self.ledger.show_customer(customer_id)

    def done(self, result: int) -> None:
        self.ledger.save_layout()
        super().done(result)


class LedgerPage(Page):
    topics = frozenset({ORDERS, DISPATCH})

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(ctx, actor, parent)
        self.picker = CustomerPicker(ctx, actor)
        self.picker.setObjectName("ledger_customer")
        self.picker.setMinimumWidth(320)
        label = QLabel(_("C&ustomer:"))
        label.setBuddy(self.picker)
        self.ledger = LedgerWidget(ctx, actor)
        self.empty = hint(_("Pick a customer to see their invoices, credit notes and the money received, "
                            "with the running balance."))
        top = QHBoxLayout()
        top.addWidget(label)
        top.addWidget(self.picker)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.empty)
        layout.addWidget(self.ledger, 1)
        self.picker.sig_changed.connect(self._chosen)
        self._chosen()

    def _chosen(self) -> None:
        cid = self.picker.customer_id
        self.empty.setVisible(cid is None)
        self.ledger.setVisible(cid is not None)
        self.ledger.show_customer(cid)

    def show_customer(self, customer_id: int, name: str, code: str) -> None:
        self.picker.set_customer(customer_id, code, name)

    def load(self) -> None:
        self.ledger.reload()

    def save_layout(self) -> None:
        self.ledger.save_layout()
