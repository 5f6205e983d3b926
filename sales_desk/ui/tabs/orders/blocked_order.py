"""An order the credit check blocked: the refusal, with the check's figures (limit − open
receivables − approved-unshipped = available, and how far the order goes beyond), and
the written override by the finance director or the general manager that releases it
once [超信用额度书面批准]; each asks before it cannot be undone."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QVBoxLayout, QWidget

from sales_desk.domain.common.errors import DomainError
from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.domain.orders.contracts import OrderBlocked
from sales_desk.i18n import _
from sales_desk.services.orders import approvals as order_approvals
from sales_desk.services.orders import credit_check as order_credit
from sales_desk.services.orders.credit_check import OrderCreditPosition
from sales_desk.services.orders.views import OrderView
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.orders.common import (
    HOLD_STYLE,
    ServiceDialog,
    banner,
    block_label,
    heading,
    hint,
)
from sales_desk.ui.tabs.orders.decision_layout import figures_grid, note_edit, order_title
from sales_desk.ui.widgets import dialogs
from sales_desk.ui.widgets.money import MoneyEdit, money_text


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
        layout.addWidget(heading(order_title(view)))
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
        layout.addWidget(heading(order_title(view)))
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
        self.reason = note_edit(_("Why the order may ship beyond the customer's credit"))
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
