"""The customer ledger [应收明细账]: invoices, receipts, credit notes and write-offs with the
running balance; export to Excel with progress and Cancel."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from sales_desk.domain.common.roles import Actor
from sales_desk.i18n import N_, _, ngettext
from sales_desk.reports.collections.ledger_xlsx import kind_label
from sales_desk.services.collections import ledger
from sales_desk.services.collections.ledger import Ledger, LedgerLine
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.collections.common import (
    TOPIC,
    CustomerPicker,
    day,
    fit_columns,
    money,
    rows_table,
)
from sales_desk.ui.tasks import CancelToken
from sales_desk.ui.widgets import dialogs
from sales_desk.ui.widgets.page import Page

# "Credit amount" and "Open today": "Credit" and "Open" already mean the credit rating and a status
HEADERS = (N_("Date"), N_("Kind"), N_("Number"), N_("Reference"), N_("Due"), N_("Debit"), N_("Credit amount"),
           N_("Balance"), N_("Open today"))


class LedgerPage(Page):
    topics = frozenset({TOPIC})

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(ctx, actor, parent)
        self.customer = CustomerPicker(ctx, actor)
        self.customer.setObjectName("ledger_customer")
        self.export_button = QPushButton(_("E&xport to Excel…"))
        self.export_button.clicked.connect(self.export)
        top = QHBoxLayout()
        label = QLabel(_("&Customer:"))
        label.setBuddy(self.customer)
        top.addWidget(label)
        top.addWidget(self.customer, 1)
        top.addWidget(self.export_button)
        self.table, self.model = rows_table("ledger", [_(h) for h in HEADERS], self._display, right=(5, 6, 7, 8))
        fit_columns(self.table, stretch=(3,))  # the reference takes what the figures leave
        self.table.setObjectName("ledger_table")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        self.ledger: Ledger | None = None
        self.customer.sig_changed.connect(self.load)
        self._update()

    def show_customer(self, customer_id: int, code: str, name: str) -> None:
        self.customer.set_customer(customer_id, code, name)

    def open_customer(self, customer_id: int) -> None:
        """A customer's ledger by id alone (what the dashboard opens): the picker names the
        customer once the ledger has arrived."""
        self.customer.blockSignals(True)
        self.customer.clear()
        self.customer.customer_id = customer_id
        self.customer.blockSignals(False)
        self.load()

    def load(self) -> None:
        cid = self.customer.customer_id
        if cid is None:
            self.ledger = None
            self.model.set_rows([])
            self._update()
            return
        ctx, actor = self.ctx, self.actor
        ctx.runner.run(lambda: ledger.customer_ledger(ctx.uow(actor), cid), self._arrived, owner=self)

    def _arrived(self, result: Ledger) -> None:
        if result.customer_id != self.customer.customer_id:
            return  # an earlier customer's, overtaken by the one chosen since
        self.customer.set_customer(result.customer_id, result.code, result.name)  # same id: no reload
        self.ledger = result
        self.model.set_rows(result.lines)
        self._update()

    def _update(self) -> None:
        self.export_button.setEnabled(self.ledger is not None)
        g = self.ledger
        self.summary.setText("" if g is None else _(
            "Invoiced {debits}, credit notes {credits}, received {received}, written off {written}; "
            "balance {balance}, of which overdue {overdue}.").format(
            debits=money(g.debits), credits=money(g.credit_notes), received=money(g.received),
            written=money(g.written_off), balance=money(g.balance), overdue=money(g.overdue)))

    def _display(self, x: object, col: int) -> str:
        assert isinstance(x, LedgerLine)
        return (day(x.on), kind_label(x.kind), x.number, x.reference, day(x.due_date),
                money(x.debit) if x.debit else "", money(x.credit) if x.credit else "", money(x.balance),
                money(x.open_amount))[col]

    def export(self) -> None:
        if self.ledger is None:
            return
        path = dialogs.save_file(self, _("Export ledger"), Path.home() / f"ledger-{self.ledger.code}.xlsx",
                                 _("Excel workbooks (*.xlsx)"))
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> None:
        from sales_desk.reports.collections.ledger_xlsx import export_ledger_xlsx

        assert self.ledger is not None
        ctx, actor, cid, total = self.ctx, self.actor, self.ledger.customer_id, len(self.ledger.lines)

        def job(token: CancelToken) -> int:
            return export_ledger_xlsx(ctx.uow(actor), cid, path,
                                      lambda n: token.progress(n, total, _("{n} lines written").format(n=n)))

        ctx.runner.run_long(job, _("Exporting the ledger…"),
                            lambda n: dialogs.show_info(self, ngettext("Wrote {n} ledger line to {path}.", "Wrote {n} ledger lines to {path}.", n).format(
                                n=n, path=path)), owner=self)
