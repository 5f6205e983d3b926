"""Decisions on an order, each a small dialog: the sales VP's review of a price below the
floor or a major contract, the credit check's refusal with its figures, the written
override by the finance director or the general manager, finance's prepayment receipt,
and a reason for cancelling or closing. Each asks before an irreversible step."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from sales_desk.domain.collections.receivables import PaymentMethod
from sales_desk.domain.common.errors import DomainError
from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.domain.orders.contracts import ApprovalKind, OrderBlocked
from sales_desk.i18n import _
from sales_desk.services.orders import approvals as order_approvals
from sales_desk.services.orders import credit_check as order_credit
from sales_desk.services.orders import prepayments
from sales_desk.services.orders.credit_check import OrderCreditPosition
from sales_desk.services.orders.views import OrderView
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.orders.common import (
    BAD_STYLE,
    HOLD_STYLE,
    DateEdit,
    ServiceDialog,
    banner,
    block_label,
    heading,
    hint,
)
from sales_desk.ui.widgets import dialogs
from sales_desk.ui.widgets.money import MoneyEdit, money_text


def _title(view: OrderView) -> str:
    return _("Order {number} · {customer}").format(number=view.number, customer=view.customer_name)


def _note_edit(placeholder: str) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setObjectName("note")
    edit.setTabChangesFocus(True)
    edit.setPlaceholderText(placeholder)
    edit.setMaximumHeight(90)
    return edit


def figures_grid(rows: list[tuple[str, str, bool]]) -> QGridLayout:
    """Label / value pairs, values right-aligned; the flagged ones in bold red."""
    grid = QGridLayout()
    grid.setHorizontalSpacing(18)
    grid.setVerticalSpacing(4)
    for n, (label, value, flagged) in enumerate(rows):
        caption = QLabel(label)
        shown = QLabel(value)
        shown.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if flagged:
            shown.setStyleSheet(BAD_STYLE)
        grid.addWidget(caption, n, 0)
        grid.addWidget(shown, n, 1)
    grid.setColumnStretch(2, 1)
    return grid


def position_rows(p: OrderCreditPosition, exposure: int | None = None, available: int | None = None,
                  excess: int | None = None) -> list[tuple[str, str, bool]]:
    """The credit check's figures: limit − open receivables − approved-unshipped = available;
    what the order asks and by how much it goes beyond (the refusal's own figures first)."""
    ask = p.this_order if exposure is None else exposure
    avail = p.available if available is None else available
    over = p.excess if excess is None else excess
    return [
        (_("Credit limit"), money_text(p.limit), False),
        (_("Open receivables"), money_text(p.open_receivables), False),
        (_("Approved, not shipped"), money_text(p.approved_unshipped), False),
        (_("Available"), money_text(avail), avail < ask),
        (_("This order asks"), money_text(ask), False),
        (_("Beyond the available credit"), money_text(over), over > 0),
    ]


# -- the sales VP's reviews ---------------------------------------------------------------------


class ReviewDialog(ServiceDialog):
    """Approve or refuse (back to the rep, with a reason) a price below the floor or a major
    contract, before the contract is signed."""

    sig_decided = Signal()

    def __init__(self, ctx: AppContext, actor: Actor, view: OrderView, kind: ApprovalKind,
                 threshold: int | None = None, parent: QWidget | None = None):
        super().__init__(ctx, actor, kind.label, parent)
        self.view, self.kind = view, kind
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_title(view)))
        if kind is ApprovalKind.PRICE:
            lines = [ln for ln in view.lines if ln.below_floor]
            layout.addWidget(hint(_("These lines are priced below the floor the sales VP approved:")))
            rows = []
            for ln in lines:
                short = ln.floor_price - ln.unit_price
                rows.append((_("Line {n}: {product} × {qty}").format(n=ln.line_no, product=ln.product_name,
                                                                     qty=ln.quantity),
                             _("{price} (floor {floor}, {short} under)").format(
                                 price=money_text(ln.unit_price), floor=money_text(ln.floor_price),
                                 short=money_text(short)), True))
            layout.addLayout(figures_grid(rows))
        else:
            text = _("The contract total {total} is at or above the major-contract threshold").format(
                total=money_text(view.total))
            if threshold is not None:
                text += " " + _("({threshold})").format(threshold=money_text(threshold))
            layout.addWidget(hint(text + _(": it is reviewed before it is signed.")))
        self.note = _note_edit(_("Your note; say why when you refuse, so the rep can change the order"))
        form = QFormLayout()
        form.addRow(_("&Note:"), self.note)
        layout.addLayout(form)
        self.approve_button = self.add_button(_("&Approve…"), QDialogButtonBox.ButtonRole.AcceptRole,
                                              lambda: self.decide(True), "approve")
        self.refuse_button = self.add_button(_("&Refuse, back to the rep"),
                                             QDialogButtonBox.ButtonRole.ActionRole,
                                             lambda: self.decide(False), "refuse")
        self.add_close(_("Cancel"))
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)

    def _update_buttons(self) -> None:
        self.approve_button.setEnabled(not self.busy())
        self.refuse_button.setEnabled(not self.busy())

    def decide(self, approve: bool) -> None:
        note = self.note.toPlainText().strip()
        if not approve and not note:
            self.say(_("Say why the order is refused, so the rep can change it."), error=True)
            return
        if approve and not dialogs.confirm(
                self, self.kind.label,
                _("Approve {what} on order {number}? The decision is recorded and cannot be taken "
                  "back.").format(what=self.kind.label, number=self.view.number), _("Approve")):
            return
        fn = (order_approvals.approve_price if self.kind is ApprovalKind.PRICE
              else order_approvals.review_major_contract)
        ctx, actor, oid = self.ctx, self.actor, self.view.id
        self.call(lambda: fn(ctx.uow(actor), oid, approve, note), lambda _r: self._done())

    def _done(self) -> None:
        self.sig_decided.emit()
        self.accept()


# -- the credit check's refusal ------------------------------------------------------------------


class RefusalDialog(QDialog):
    """The approval was refused by the credit check: the order is now blocked; the figures
    say by how much, and the finance director or GM may override it in writing."""

    sig_override = Signal()
    """The user (who may override) asked to write the override now."""

    def __init__(self, ctx: AppContext, actor: Actor, view: OrderView, refusal: OrderBlocked,
                 position: OrderCreditPosition | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Approval refused by the credit check"))
        self.refusal = refusal
        d = refusal.decision
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_title(view)))
        reason = banner(HOLD_STYLE, "refusal_reason")
        reason.setText(_("Blocked: {reason}").format(reason=block_label(d.reason.value if d.reason else "")))
        reason.show()
        layout.addWidget(reason)
        message = hint(str(refusal))
        message.setObjectName("refusal_text")
        message.setStyleSheet("")
        layout.addWidget(message)
        if position is not None:
            layout.addLayout(figures_grid(position_rows(position, d.exposure, d.available, d.excess)))
        else:
            layout.addLayout(figures_grid([
                (_("Available"), money_text(d.available), True),
                (_("This order asks"), money_text(d.exposure), False),
                (_("Beyond the available credit"), money_text(d.excess), True)]))
        buttons = QDialogButtonBox()
        self.override_button = buttons.addButton(_("Write an &override…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.override_button.setObjectName("override")
        self.override_button.clicked.connect(self._override)
        may = actor.can(Perm.CREDIT_OVERRIDE) and actor.user_id not in (view.created_by_id, view.rep_id)
        self.override_button.setVisible(may)
        close = buttons.addButton(_("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        close.setDefault(True)
        close.clicked.connect(self.reject)
        if not may:
            layout.addWidget(hint(_("The order stays blocked until the finance director or the general "
                                    "manager approves an override in writing, or the credit frees up "
                                    "and it is approved again.")))
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def _override(self) -> None:
        self.accept()
        self.sig_override.emit()


# -- the written override ------------------------------------------------------------------------


class OverrideDialog(ServiceDialog):
    """The finance director's or general manager's written override of a blocked order
    [超信用额度书面批准]: the reason and the amount beyond the available credit it allows,
    at least the excess now; once per order; never by the order's creator or rep."""

    sig_done = Signal()

    def __init__(self, ctx: AppContext, actor: Actor, view: OrderView, parent: QWidget | None = None):
        super().__init__(ctx, actor, _("Credit override in writing"), parent)
        self.view = view
        self.position: OrderCreditPosition | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_title(view)))
        reason = banner(HOLD_STYLE, "block_reason")
        if view.block_reason:
            reason.setText(_("Blocked: {reason}").format(reason=block_label(view.block_reason)))
            reason.show()
        layout.addWidget(reason)
        self.figures = QWidget()
        self.figures_layout = QVBoxLayout(self.figures)
        self.figures_layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.figures)
        layout.addWidget(hint(_("The override releases this order only, once. It is recorded with your "
                                "name, the time, the reason and the amount, and shows on the internal "
                                "copy of the contract.")))
        self.amount = MoneyEdit()
        self.amount.setObjectName("override_amount")
        self.reason = _note_edit(_("Why the order may ship beyond the customer's credit"))
        self.reason.setObjectName("override_reason")
        form = QFormLayout()
        form.addRow(_("&Amount allowed beyond the credit:"), self.amount)
        form.addRow(_("&Reason:"), self.reason)
        layout.addLayout(form)
        self.approve_button = self.add_button(_("Appro&ve the override…"), QDialogButtonBox.ButtonRole.AcceptRole,
                                              self.approve, "approve_override")
        self.add_close(_("Cancel"))
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        self.reason.textChanged.connect(self._update_buttons)
        self._update_buttons()
        self._load()

    def _load(self) -> None:
        ctx, actor, oid = self.ctx, self.actor, self.view.id
        self.ctx.runner.run(lambda: order_credit.order_credit_position(ctx.uow(actor), 0, order_id=oid),
                            self._show, owner=self)

    def _show(self, p: OrderCreditPosition) -> None:
        self.position = p
        self.figures_layout.addLayout(figures_grid(position_rows(p)))
        self.adjustSize()  # the figures arrived after the dialog was laid out
        if not self.amount.text().strip() or self.amount.text() == money_text(0):
            self.amount.set_minor(p.excess)

    def _update_buttons(self) -> None:
        self.approve_button.setEnabled(not self.busy() and bool(self.reason.toPlainText().strip()))

    def approve(self) -> None:
        try:
            amount = self.amount.minor(_("Amount"))
        except DomainError as e:
            self.say(str(e), error=True)
            return
        reason = self.reason.toPlainText().strip()
        if not dialogs.confirm(
                self, _("Credit override"),
                _("Release order {number} beyond the customer's credit by up to {amount}, in your name? "
                  "This is the order's one override and cannot be taken back.").format(
                    number=self.view.number, amount=money_text(amount)), _("Approve the override")):
            return
        ctx, actor, oid = self.ctx, self.actor, self.view.id
        self.call(lambda: order_approvals.override_credit(ctx.uow(actor), oid, amount, reason),
                  lambda _r: self._done())

    def _done(self) -> None:
        self.sig_done.emit()
        self.accept()


# -- finance's prepayment ------------------------------------------------------------------------


class PrepaymentDialog(ServiceDialog):
    """Money received in advance on an order, recorded by finance (never by the order taker)."""

    sig_done = Signal()

    def __init__(self, ctx: AppContext, actor: Actor, view: OrderView, parent: QWidget | None = None):
        super().__init__(ctx, actor, _("Record a prepayment"), parent)
        self.view = view
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_title(view)))
        due = max(view.prepayment_required - view.prepayment_received, 0)
        layout.addLayout(figures_grid([
            (_("Order total"), money_text(view.total), False),
            (_("Prepayment required ({percent} %)").format(percent=view.prepayment_percent),
             money_text(view.prepayment_required), False),
            (_("Received so far"), money_text(view.prepayment_received), False),
            (_("Still to arrive"), money_text(due), due > 0),
        ]))
        self.amount = MoneyEdit(due or 0)
        self.amount.setObjectName("prepayment_amount")
        self.received_on = DateEdit()
        self.received_on.setObjectName("received_on")
        self.method = QComboBox()
        self.method.setObjectName("method")
        for m in PaymentMethod:
            self.method.addItem(m.label, m.value)
        self.reference = QLineEdit()
        self.reference.setObjectName("reference")
        self.reference.setPlaceholderText(_("Bank slip, cheque or draft number"))
        form = QFormLayout()
        form.addRow(_("&Amount received:"), self.amount)
        form.addRow(_("Received &on:"), self.received_on)
        form.addRow(_("&Method:"), self.method)
        form.addRow(_("R&eference:"), self.reference)
        layout.addLayout(form)
        self.record_button = self.add_button(_("&Record"), QDialogButtonBox.ButtonRole.AcceptRole,
                                             self.record, "record")
        self.record_button.setDefault(True)
        self.add_close(_("Cancel"))
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)

    def _update_buttons(self) -> None:
        self.record_button.setEnabled(not self.busy())

    def record(self) -> None:
        try:
            amount = self.amount.minor(_("Amount"))
        except DomainError as e:
            self.say(str(e), error=True)
            return
        ctx, actor, oid = self.ctx, self.actor, self.view.id
        on, method, ref = self.received_on.value(), self.method.currentData(), self.reference.text()
        self.call(lambda: prepayments.record_prepayment(ctx.uow(actor), oid, amount, on, method, ref),
                  lambda _r: self._done())

    def _done(self) -> None:
        self.sig_done.emit()
        self.accept()


# -- a reason, for cancelling or closing ----------------------------------------------------------


class ReasonDialog(ServiceDialog):
    sig_done = Signal()

    def __init__(self, ctx: AppContext, actor: Actor, title: str, text: str, action: str,
                 run: Callable[[str], object], confirm_text: str, parent: QWidget | None = None):
        super().__init__(ctx, actor, title, parent)
        self._run, self._confirm_text, self._action = run, confirm_text, action
        layout = QVBoxLayout(self)
        layout.addWidget(hint(text))
        self.reason = _note_edit(_("The reason, for the record"))
        self.reason.setObjectName("reason")
        self.reason.textChanged.connect(self._update_buttons)
        layout.addWidget(self.reason)
        self.go_button = self.add_button(action, QDialogButtonBox.ButtonRole.AcceptRole, self.go, "go")
        self.add_close(_("Back"))
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.go_button.setEnabled(not self.busy() and bool(self.reason.toPlainText().strip()))

    def go(self) -> None:
        reason = self.reason.toPlainText().strip()
        if not dialogs.confirm(self, self.windowTitle(), self._confirm_text, self._action.replace("&", ""),
                               destructive=True):
            return
        self.call(lambda: self._run(reason), lambda _r: self._done())

    def _done(self) -> None:
        self.sig_done.emit()
        self.accept()
