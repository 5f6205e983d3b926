"""The prepayment paperwork (回款 第7条2): payment slips [缴款单] of the orders one sees, with
their state. The sales manager approves or returns a slip; finance records the payment detail
sheet [缴款明细单] against an approved one; anyone on the slip prints it. Reps fill slips from
the order (order_actions.py) and correct and resubmit a returned one here."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sales_desk.domain.collections.receivables import PaymentMethod
from sales_desk.domain.common.errors import DomainError
from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.domain.orders.payment_slips import SlipStatus
from sales_desk.i18n import _, ngettext
from sales_desk.services.orders import payment_slips
from sales_desk.services.orders.payment_slips import SlipRow
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.orders.common import (
    ORDER_TOPICS,
    DateEdit,
    ServiceDialog,
    day,
    heading,
    hint,
    local_day,
)
from sales_desk.ui.tabs.orders.printing import PaymentSlipPrintDialog
from sales_desk.ui.tabs.orders.reason_dialog import ReasonDialog
from sales_desk.ui.widgets import dialogs
from sales_desk.ui.widgets.list_model import RowsTableModel
from sales_desk.ui.widgets.money import MoneyEdit, money_text
from sales_desk.ui.widgets.page import Page
from sales_desk.ui.widgets.table import Table
from sales_desk.ui.widgets.visibility import shown_if

SLIP_PAGE_RIGHTS = frozenset({Perm.ORDER_CREATE, Perm.PREPAYMENT_SLIP_APPROVE, Perm.ORDER_RECORD_PREPAYMENT})


def _cell(r: SlipRow, column: int) -> str:
    return (r.number, SlipStatus(r.status).label, r.order_number, r.customer_name, money_text(r.amount),
            r.filled_by, local_day(r.filled_at), r.detail_number or "—")[column]


class SlipsPage(Page):
    topics = ORDER_TOPICS

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(ctx, actor, parent)
        self.model = RowsTableModel([_("Slip no."), _("Status"), _("Order no."), _("Customer"), _("Amount"),
                                     _("Filled by"), _("Filled on"), _("Detail sheet no.")], _cell, self,
                                    right_aligned=(4,))
        self.table = Table("orders/payment_slips")
        self.table.setObjectName("slip_table")
        self.table.setModel(self.model)
        self.table.restore_layout({0: 110, 1: 170, 2: 110, 3: 180, 4: 90, 5: 60, 6: 85, 7: 110})
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for key, text, slot, right in (
                ("resubmit", _("Correct and res&ubmit…"), self.resubmit, Perm.ORDER_CREATE),
                ("approve", _("&Approve"), self.approve, Perm.PREPAYMENT_SLIP_APPROVE),
                ("send_back", _("&Return…"), self.send_back, Perm.PREPAYMENT_SLIP_APPROVE),
                ("detail", _("Record the &detail sheet…"), self.detail, Perm.ORDER_RECORD_PREPAYMENT),
                ("print", _("Pr&int…"), self.print_slip, None)):
            b = QPushButton(text)
            b.setObjectName(key)
            b.clicked.connect(slot)
            shown_if(b, right is None or actor.can(right))
            row.addWidget(b)
            self.buttons[key] = b
        row.addStretch(1)
        self.count = hint()
        layout = QVBoxLayout(self)
        layout.addWidget(hint(_("The rep fills a payment slip once the prepayment has arrived; the sales manager "
                                "approves it; finance then records the payment detail sheet, and only then "
                                "may the order ship.")))
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selected())
        self._selected()

    def current(self) -> SlipRow | None:
        row = self.table.current_row()
        return None if row is None else self.model.row_at(row)

    def load(self) -> None:
        ctx, actor = self.ctx, self.actor
        self.ctx.runner.run(lambda: payment_slips.list_slips(ctx.uow(actor)), self._show, owner=self)

    def _show(self, rows: list[SlipRow]) -> None:
        self.model.set_rows(rows)
        self.count.setText(ngettext("{n} payment slip.", "{n} payment slips.", len(rows)).format(n=len(rows)))
        if rows:
            self.table.selectRow(0)
        self._selected()

    def _selected(self) -> None:
        s = self.current()
        status = SlipStatus(s.status) if s else None
        self.buttons["approve"].setEnabled(status is SlipStatus.SUBMITTED)
        self.buttons["send_back"].setEnabled(status is SlipStatus.SUBMITTED)
        self.buttons["detail"].setEnabled(status is SlipStatus.APPROVED)
        self.buttons["print"].setEnabled(s is not None)
        self.buttons["resubmit"].setEnabled(status is SlipStatus.RETURNED and s is not None
                                            and s.filled_by_id == self.actor.user_id)

    def resubmit(self) -> ResubmitSlipDialog | None:
        s = self.current()
        if s is None:
            return None
        dialog = ResubmitSlipDialog(self.ctx, self.actor, s, self)
        dialog.open()
        return dialog

    def approve(self) -> None:
        s = self.current()
        if s is None or not dialogs.confirm(self, _("Approve"), _("Approve payment slip {number} for {amount}?").format(
                number=s.number, amount=money_text(s.amount)), _("Approve")):
            return
        ctx, actor, sid = self.ctx, self.actor, s.id
        self.ctx.runner.run(lambda: payment_slips.decide_slip(ctx.uow(actor), sid, True), writes="orders", owner=self)

    def send_back(self) -> None:
        s = self.current()
        if s is None:
            return
        ctx, actor, sid = self.ctx, self.actor, s.id
        ReasonDialog(ctx, actor, _("Return the payment slip"),
                     _("Payment slip {number} goes back to the rep, who corrects and resubmits it.").format(
                         number=s.number), _("&Return"),
                     lambda why: payment_slips.decide_slip(ctx.uow(actor), sid, False, why),
                     _("Return this payment slip?"), self).open()

    def detail(self) -> None:
        s = self.current()
        if s is not None:
            DetailSheetDialog(self.ctx, self.actor, s, self).open()

    def print_slip(self) -> None:
        s = self.current()
        if s is not None:
            PaymentSlipPrintDialog(self.ctx, self.actor, s.id, s.number, s.detail_number, self).open()

    def save_layout(self) -> None:
        self.table.save_layout()


class ResubmitSlipDialog(ServiceDialog):
    """Who filled a returned slip corrects it and sends it to the sales manager again."""

    def __init__(self, ctx: AppContext, actor: Actor, slip: SlipRow, parent: QWidget | None = None):
        super().__init__(ctx, actor, _("Correct and resubmit payment slip {number}").format(number=slip.number),
                         parent)
        self.slip = slip
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("Order {order} · {customer}").format(order=slip.order_number,
                                                                        customer=slip.customer_name)))
        layout.addWidget(hint(_("Returned by {who}: {why}").format(who=slip.decided_by, why=slip.decision_note)))
        self.amount = MoneyEdit(slip.amount)
        self.amount.setObjectName("slip_amount")
        self.method = QComboBox()
        self.method.setObjectName("method")
        for m in PaymentMethod:
            self.method.addItem(m.label, m.value)
        self.method.setCurrentIndex(max(self.method.findData(slip.method), 0))
        self.note = QLineEdit(slip.note)
        self.note.setObjectName("note")
        form = QFormLayout()
        form.addRow(_("&Amount received:"), self.amount)
        form.addRow(_("&Method:"), self.method)
        form.addRow(_("&Note:"), self.note)
        layout.addLayout(form)
        self.add_button(_("Re&submit"), QDialogButtonBox.ButtonRole.AcceptRole, self.submit, "submit").setDefault(True)
        self.add_close(_("Cancel"))
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)

    def submit(self) -> None:
        try:
            amount = self.amount.minor(_("Amount"))
        except DomainError as e:
            self.say(str(e), error=True)
            return
        ctx, actor, sid = self.ctx, self.actor, self.slip.id
        method, note = self.method.currentData(), self.note.text()
        self.call(lambda: payment_slips.resubmit_slip(ctx.uow(actor), sid, amount, method, note),
                  lambda _r: self.accept())


class DetailSheetDialog(ServiceDialog):
    """Finance's payment detail sheet against an approved slip: what arrived, when, the reference."""

    sig_done = Signal()

    def __init__(self, ctx: AppContext, actor: Actor, slip: SlipRow, parent: QWidget | None = None):
        super().__init__(ctx, actor, _("Payment detail sheet"), parent)
        self.slip = slip
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("Payment slip {number} · order {order} · {customer}").format(
            number=slip.number, order=slip.order_number, customer=slip.customer_name)))
        layout.addWidget(hint(_("Approved by {name} on {date} for {amount}.").format(
            name=slip.decided_by, date=day(slip.decided_at.date()) if slip.decided_at else "",
            amount=money_text(slip.amount))))
        self.amount = MoneyEdit(slip.amount)
        self.amount.setObjectName("received_amount")
        self.received_on = DateEdit()
        self.received_on.setObjectName("received_on")
        self.reference = QLineEdit()
        self.reference.setObjectName("reference")
        self.reference.setPlaceholderText(_("Bank slip, cheque or draft number"))
        form = QFormLayout()
        form.addRow(_("&Amount received:"), self.amount)
        form.addRow(_("Receive&d on:"), self.received_on)
        form.addRow(_("R&eference:"), self.reference)
        layout.addLayout(form)
        self.add_button(_("&Record"), QDialogButtonBox.ButtonRole.AcceptRole, self.record, "record").setDefault(True)
        self.add_close(_("Cancel"))
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)

    def record(self) -> None:
        try:
            amount = self.amount.minor(_("Amount received"))
        except DomainError as e:
            self.say(str(e), error=True)
            return
        ctx, actor, sid = self.ctx, self.actor, self.slip.id
        on, ref = self.received_on.value(), self.reference.text()
        self.call(lambda: payment_slips.record_detail(ctx.uow(actor), sid, amount, on, ref), lambda _r: self._done())

    def _done(self) -> None:
        self.sig_done.emit()
        self.accept()
