"""Receipts [收款] (finance): a receipt for a customer, allocated to the open invoices —
oldest first by default (shown as a preview before recording), or by hand per invoice;
money for a debt already written off, as a recovery of those documents [核销后收回]; and the
customer's receipts so far, where one is reversed (a bounced cheque) with a reason."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sales_desk.domain.collections.allocation import OpenItem, oldest_first
from sales_desk.domain.collections.receivables import DocumentKind, PaymentMethod
from sales_desk.domain.common.errors import DomainError, ValidationError
from sales_desk.domain.common.money import parse_amount
from sales_desk.domain.common.roles import Actor
from sales_desk.i18n import N_, _
from sales_desk.services.collections import receipts
from sales_desk.services.collections.receipts import OpenDocument, ReceiptInput, ReceiptRow
from sales_desk.ui.context import AppContext
from sales_desk.ui.login import ERROR_STYLE
from sales_desk.ui.tabs.collections.common import (
    TOPIC,
    CustomerPicker,
    ReasonDialog,
    date_edit,
    date_of,
    day,
    fit_columns,
    money,
    rows_table,
)
from sales_desk.ui.tabs.collections.opening_import import start_opening_import
from sales_desk.ui.widgets import dialogs
from sales_desk.ui.widgets.money import MoneyEdit
from sales_desk.ui.widgets.page import Page
from sales_desk.ui.widgets.shortcuts import shortcut

COLUMNS = (N_("Document"), N_("Kind"), N_("Date"), N_("Due"), N_("Open amount"), N_("Allocate"))
ALLOC = 5
HISTORY = (N_("Receipt"), N_("Received on"), N_("Amount"), N_("Method"), N_("Reference"), N_("Settled"),
           N_("Status"))


def _method(code: str) -> str:
    try:
        return PaymentMethod(code).label
    except ValueError:
        return code


def _history_cell(r: ReceiptRow, column: int) -> str:
    if column == 5:
        return ", ".join(doc for doc, _amount in r.allocations)
    if column == 6:
        return (_("Reversed on {on}: {reason}").format(on=day(r.reversed_on), reason=r.reversal_reason)
                if r.reversed_on else _("Recorded by {name}").format(name=r.recorded_by))
    return (r.number, day(r.received_on), money(r.amount), _method(r.method), r.reference)[column]


class ReceiptsPage(Page):
    topics = frozenset({TOPIC})

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(ctx, actor, parent)
        self.customer = CustomerPicker(ctx, actor)
        self.customer.setObjectName("receipt_customer")
        self.received_on = date_edit()
        self.amount = MoneyEdit()
        self.amount.setObjectName("receipt_amount")
        self.method = QComboBox()
        for m in PaymentMethod:
            self.method.addItem(m.label, m.value)
        self.reference = QLineEdit()
        self.reference.setPlaceholderText(_("bank slip, cheque or draft number"))
        self.note = QLineEdit()
        self.recovery = QCheckBox(_("Money for a debt already &written off (a recovery)"))
        self.recovery.setObjectName("recovery")
        self.recovery.setToolTip(_("The documents listed are those written off as bad debt; the money "
                                   "undoes that much of their write-off"))
        self.recovery.toggled.connect(lambda _c: self.load())
        form = QFormLayout()
        form.addRow(_("&Customer:"), self.customer)
        form.addRow(_("Receive&d on:"), self.received_on)
        form.addRow(_("&Amount:"), self.amount)
        form.addRow(_("&Method:"), self.method)
        form.addRow(_("Referenc&e:"), self.reference)
        form.addRow(_("&Note:"), self.note)
        form.addRow("", self.recovery)
        self.docs = QTableWidget(0, len(COLUMNS))
        self.docs.setObjectName("open_documents")
        self.docs.setHorizontalHeaderLabels([_(c) for c in COLUMNS])
        self.docs.verticalHeader().hide()
        self.docs.setWordWrap(False)
        self.docs.horizontalHeader().setStretchLastSection(True)
        self.docs.setColumnWidth(0, 160)
        self.docs.setColumnWidth(1, 150)  # "Opening balance" whole
        self.docs.itemChanged.connect(self._edited)
        self.oldest = QPushButton(_("&Oldest first"))
        self.oldest.setToolTip(_("Allocate the amount to the invoices due first (a preview)"))
        self.oldest.clicked.connect(self.preview_oldest_first)
        self.record = QPushButton(_("Record &receipt"))
        self.record.setObjectName("record_receipt")
        self.record.clicked.connect(self.record_receipt)
        self.import_button = QPushButton(_("&Import opening balances…"))
        self.import_button.clicked.connect(lambda: start_opening_import(ctx, actor, self))
        self.history, self.history_model = rows_table("receipts", [_(h) for h in HISTORY], _history_cell,
                                                      right=(2,))
        self.history.setObjectName("receipt_history")
        fit_columns(self.history, stretch=(4, 5, 6))
        self.history.selectionModel().selectionChanged.connect(lambda *_a: self._update_reverse())
        self.reverse_button = QPushButton(_("Re&verse receipt…"))
        self.reverse_button.setObjectName("reverse_receipt")
        self.reverse_button.setToolTip(_("A bounced cheque or a receipt entered in error: the invoices it "
                                         "settled are open again"))
        self.reverse_button.clicked.connect(self.reverse_receipt)
        self.allocated = QLabel()
        self.problem = QLabel()
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.oldest)
        buttons.addWidget(self.allocated, 1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.record)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        self.docs_label = QLabel()
        layout.addWidget(self.docs_label)
        layout.addWidget(self.docs, 2)
        layout.addWidget(self.problem)
        layout.addLayout(buttons)
        history_head = QHBoxLayout()
        history_head.addWidget(QLabel(_("Receipts from this customer:")), 1)
        history_head.addWidget(self.reverse_button)
        layout.addLayout(history_head)
        layout.addWidget(self.history, 1)
        self._open: list[OpenDocument] = []
        self._filling = False
        self.by_hand = False
        self.customer.sig_changed.connect(self.load)
        self.amount.editingFinished.connect(self._amount_changed)
        shortcut("Ctrl+Return", self, self.record_receipt, Qt.ShortcutContext.WidgetWithChildrenShortcut)

    # -- loading ----------------------------------------------------------------------------
    def load(self) -> None:
        self.docs_label.setText(
            _("Written-off documents (the money recovers them, oldest first or as edited by hand):")
            if self.recovery.isChecked() else
            _("Open documents (allocation edited by hand per invoice, or oldest first):"))
        cid = self.customer.customer_id
        if cid is None:
            self._show_docs([])
            self._show_history([])
            return
        ctx, actor = self.ctx, self.actor
        read = receipts.written_off_documents if self.recovery.isChecked() else receipts.open_documents
        ctx.runner.run(lambda: read(ctx.uow(actor), cid), self._show_docs, owner=self)
        ctx.runner.run(lambda: receipts.customer_receipts(ctx.uow(actor), cid), self._show_history, owner=self)

    def _show_history(self, rows: list[ReceiptRow]) -> None:
        self.history_model.set_rows(rows)
        self._update_reverse()

    def current_receipt(self) -> ReceiptRow | None:
        row = self.history.current_row()
        return None if row is None else self.history_model.row_at(row)

    def _update_reverse(self) -> None:
        r = self.current_receipt()
        self.reverse_button.setEnabled(r is not None and r.reversed_on is None)

    def _show_docs(self, docs: list[OpenDocument]) -> None:
        self._open = [d for d in docs if d.open_amount > 0]
        self.by_hand = False
        self._filling = True
        self.docs.setRowCount(len(self._open))
        for r, d in enumerate(self._open):
            try:
                kind = DocumentKind(d.kind).label
            except ValueError:
                kind = d.kind
            for c, text in enumerate((d.doc_no, kind, day(d.doc_date), day(d.due_date), money(d.open_amount), "")):
                item = QTableWidgetItem(text)
                if c != ALLOC:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                if c >= 4:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.docs.setItem(r, c, item)
        self._filling = False
        self._amount_changed()

    # -- allocation -------------------------------------------------------------------------
    def _amount_changed(self) -> None:
        if not self.by_hand:
            self.preview_oldest_first()

    def preview_oldest_first(self) -> None:
        """Fill the allocation column as the service would allocate oldest first."""
        self.by_hand = False
        self.problem.clear()
        try:
            amount = parse_amount(self.amount.text()) if self.amount.text().strip() else 0
        except ValueError:
            amount = 0
        items = [OpenItem(d.id, d.doc_no, d.doc_date, d.due_date, d.open_amount) for d in self._open]
        try:
            plan = {a.receivable_id: a.amount for a in oldest_first(items, amount)} if amount > 0 else {}
        except DomainError as exc:
            plan = {}
            self._say(str(exc))
        self._filling = True
        for r, d in enumerate(self._open):
            self.docs.item(r, ALLOC).setText(money(plan[d.id]) if d.id in plan else "")
        self._filling = False
        self._show_total()

    def _edited(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() != ALLOC:
            return
        self.by_hand = True
        self._show_total()

    def allocations(self) -> dict[int, int]:
        out: dict[int, int] = {}
        for r, d in enumerate(self._open):
            text = self.docs.item(r, ALLOC).text().strip()
            if not text:
                continue
            try:
                value = parse_amount(text)
            except ValueError:
                raise ValidationError(d.doc_no, _("not an amount (e.g. 200,000.00)")) from None
            if value:
                out[d.id] = value
        return out

    def _show_total(self) -> None:
        try:
            total = sum(self.allocations().values())
        except ValidationError as exc:
            self._say(str(exc))
            return
        self.allocated.setText(_("Allocated: {amount}").format(amount=money(total))
                               + ("  " + _("(by hand)") if self.by_hand else ""))

    def _say(self, text: str) -> None:
        self.problem.setStyleSheet(ERROR_STYLE)
        self.problem.setText(text)

    # -- recording --------------------------------------------------------------------------
    def receipt_input(self) -> ReceiptInput:
        cid = self.customer.chosen_id()
        amount = self.amount.minor(_("Amount"))
        allocations = None
        if self.by_hand:
            allocations = self.allocations()
            if sum(allocations.values()) > amount:
                raise ValidationError(_("Allocate"), _("the allocations add up to more than the receipt"))
        return ReceiptInput(customer_id=cid, amount=amount, received_on=date_of(self.received_on),
                            method=self.method.currentData(), reference=self.reference.text().strip(),
                            note=self.note.text().strip(), allocations=allocations,
                            recovers_write_off=self.recovery.isChecked())

    def record_receipt(self) -> None:
        self.problem.clear()
        try:
            data = self.receipt_input()
        except DomainError as exc:
            self._say(str(exc))
            return
        how = _("as allocated by hand") if self.by_hand else _("oldest invoices first")
        if data.recovers_write_off:
            how = _("to the debts written off, {how}").format(how=how)
        if not dialogs.confirm(self, _("Record receipt"),
                               _("Record {amount} received from {customer} and allocate it {how}? "
                                 "An allocation cannot be undone.").format(
                                   amount=money(data.amount), customer=self.customer.text(), how=how),
                               _("Record")):
            return
        ctx, actor = self.ctx, self.actor

        def failed(exc: BaseException) -> bool:
            if isinstance(exc, DomainError):
                self._say(str(exc))
                return True
            return False

        ctx.runner.run(lambda: receipts.record_receipt(ctx.uow(actor), data), self._recorded, failed,
                       writes=TOPIC, owner=self)

    def reverse_receipt(self) -> ReasonDialog | None:
        """Ask why (a bounced cheque…) and reverse the selected receipt as of today."""
        r = self.current_receipt()
        if r is None or r.reversed_on is not None:
            return None
        ctx, actor, rid = self.ctx, self.actor, r.id
        dialog = ReasonDialog(ctx, actor, _("Reverse receipt"), _(
            "Reverse receipt {number} of {amount} from {customer}? The invoices it settled ({documents}) are "
            "open again from today, and the ledger shows the reversal. This cannot be undone.").format(
            number=r.number, amount=money(r.amount), customer=self.customer.text(),
            documents=", ".join(doc for doc, _a in r.allocations) or "—"), _("Re&verse"),
            lambda reason: receipts.reverse_receipt(ctx.uow(actor), rid, reason), self)
        dialog.accepted.connect(self.load)
        dialog.open()
        return dialog

    def _recorded(self, _receipt_id: int) -> None:
        self.amount.clear()
        self.reference.clear()
        self.note.clear()
        self.problem.setStyleSheet("")
        self.problem.setText(_("Receipt recorded."))
        self.load()
