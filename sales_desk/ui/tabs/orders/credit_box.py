"""The customer's credit position beside the order [客户授信情况], live: grade, limit, open
receivables, approved-but-unshipped orders, what is available, what this order asks for
and what is left after it; a hold is shown first and in red (SPEC §3 Execution).

Asked through the runner after a short pause in typing (a line added, a quantity or the
prepayment changed), so the form never waits on the database.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from sales_desk.domain.common.roles import Actor
from sales_desk.domain.credit.rating import PaymentMode
from sales_desk.domain.orders.contracts import BlockReason, OrderStatus
from sales_desk.i18n import _, ngettext
from sales_desk.services.orders import credit_check as order_credit
from sales_desk.services.orders.credit_check import OrderCreditPosition
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.orders.common import (
    BAD_STYLE,
    HOLD_STYLE,
    OK_STYLE,
    banner,
    block_label,
    hint,
)
from sales_desk.ui.widgets.money import money_text

REFRESH_PAUSE_MS = 300


@dataclass(frozen=True)
class Ask:
    """What the position is asked for: an order being typed, or a saved one."""

    customer_id: int | None
    total: int = 0
    prepayment_percent: int = 0
    cash_on_delivery: bool = False
    order_id: int | None = None
    status: str = ""  # a saved order's (domain.orders.OrderStatus): the verdict depends on it


def terms_text(p: OrderCreditPosition) -> str:
    if p.payment_mode != PaymentMode.CREDIT:
        return PaymentMode(p.payment_mode).label if p.payment_mode in set(PaymentMode) else p.payment_mode
    if p.term_days is None:
        return _("Not capped")
    return ngettext("{days} day", "{days} days", p.term_days).format(days=p.term_days)


class CreditBox(QGroupBox):
    sig_position = Signal(object)
    """A position arrived (an OrderCreditPosition) for what the form shows now."""

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(_("Credit position"), parent)
        self.setObjectName("credit_box")
        self.ctx, self.actor = ctx, actor
        self.position: OrderCreditPosition | None = None
        self._ask: Ask | None = None
        self._asked: Ask | None = None  # the question whose answer is awaited
        self.hold = banner(HOLD_STYLE, "credit_hold_banner")
        self.values: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        for key, label in (("grade", _("Credit grade:")), ("terms", _("Payment term:")),
                           ("limit", _("Credit limit:")), ("receivables", _("Open receivables:")),
                           ("unshipped", _("Approved, not shipped:")), ("available", _("Available now:")),
                           ("this_order", _("This order asks:")), ("after", _("Available after it:"))):
            value = QLabel()
            value.setObjectName(f"credit_{key}")
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.values[key] = value
            form.addRow(label, value)
        self.values["after"].setStyleSheet("font-weight: bold;")
        self.verdict = QLabel()
        self.verdict.setObjectName("credit_verdict")
        self.verdict.setWordWrap(True)
        self.empty = hint(_("Choose the customer to see their credit."))
        layout = QVBoxLayout(self)
        layout.addWidget(self.hold)
        layout.addWidget(self.empty)
        layout.addLayout(form)
        layout.addWidget(self.verdict)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_PAUSE_MS)
        self._timer.timeout.connect(self._fetch)
        self._show(None)

    def ask(self, ask: Ask, now: bool = False) -> None:
        """Show the position for `ask`, after the typing pause (or at once)."""
        if ask == self._ask and self.position is not None:
            return
        self._ask = ask
        if ask.customer_id is None and ask.order_id is None:
            self._timer.stop()
            self._show(None)
            return
        if now:
            self._timer.stop()
            self._fetch()
        else:
            self._timer.start()

    def refresh(self) -> None:
        """Ask again (after a write: receivables or approvals may have moved)."""
        if self._ask is not None:
            self.position = None
            self.ask(self._ask, now=True)

    def pending(self) -> bool:
        return self._timer.isActive() or self._asked is not None

    def _fetch(self) -> None:
        ask = self._ask
        if ask is None:
            return
        self._asked = ask
        ctx, actor = self.ctx, self.actor

        def load() -> OrderCreditPosition:
            return order_credit.order_credit_position(
                ctx.uow(actor), ask.customer_id or 0, ask.total, ask.prepayment_percent, ask.cash_on_delivery,
                order_id=ask.order_id)

        def done(p: OrderCreditPosition) -> None:
            if self._asked == ask:
                self._asked = None
            if ask == self._ask:  # not an answer to a question since replaced
                self._show(p)

        def failed(_exc: BaseException) -> bool:
            if self._asked == ask:
                self._asked = None
            return False

        self.ctx.runner.run(load, done, failed, owner=self)

    @staticmethod
    def verdict_for(p: OrderCreditPosition, status: str, total: int | None = None) -> tuple[str, bool]:
        """What the figures mean for this order now, and whether that is good news: in the
        panel's own figures (available before, this order, available after)."""
        S = OrderStatus
        if status in (S.APPROVED, S.PARTLY_SHIPPED):
            if not p.this_order:
                return _("Approved; it holds no credit (prepaid or cash on delivery)."), True
            return _("Approved: it holds {amount} of the customer's credit until it ships.").format(
                amount=money_text(p.this_order)), True
        if status in (S.SHIPPED, S.CLOSED, S.CANCELLED):
            return _("This order holds none of the customer's credit any more."), True
        if p.blocked_by:
            if p.blocked_by == BlockReason.OVER_LIMIT and p.available < 0:
                # already over the limit: "beyond the available by 56,000" with −16,200 available reads wrong
                what = (_("Blocked ({reason}): the customer was already {over} over the limit; this order asks "
                          "for {asked} more, {after} over after it. It waits for a written override by the "
                          "finance director or the general manager.") if status == S.BLOCKED else
                        _("Approval would be refused ({reason}): the customer is already {over} over the limit; "
                          "this order asks for {asked} more, {after} over after it. Only a written override by "
                          "the finance director or the general manager would release it."))
                return what.format(reason=block_label(p.blocked_by), over=money_text(-p.available),
                                   asked=money_text(p.this_order), after=money_text(-p.available_after)), False
            what = (_("Blocked ({reason}): {excess} more than is available. It waits for a written override "
                      "by the finance director or the general manager.") if status == S.BLOCKED else
                    _("Approval would be refused ({reason}): {excess} more than is available. Only a written "
                      "override by the finance director or the general manager would release it."))
            return what.format(reason=block_label(p.blocked_by), excess=money_text(p.excess)), False
        if p.this_order == 0 and total == 0:
            return _("No lines yet: nothing to check against the credit."), True
        if p.this_order == 0:
            return _("This order asks for no credit (prepaid or cash on delivery)."), True
        return _("Within the available credit."), True

    def _show(self, p: OrderCreditPosition | None) -> None:
        self.position = p
        self.empty.setVisible(p is None)
        for value in self.values.values():
            value.setText("" if p is None else value.text())
        if p is None:
            self.hold.hide()
            self.verdict.setText("")
            return
        self.hold.setText("⚠ " + _("CREDIT HOLD: this customer gets nothing on credit until re-rated."))
        self.hold.setVisible(p.on_hold)
        v = self.values
        v["grade"].setText(p.grade or _("Not rated"))
        v["terms"].setText(terms_text(p))
        v["limit"].setText(money_text(p.limit))
        v["receivables"].setText(money_text(p.open_receivables))
        v["unshipped"].setText(money_text(p.approved_unshipped))
        v["available"].setText(money_text(p.available))
        v["this_order"].setText(money_text(p.this_order))
        v["after"].setText(money_text(p.available_after))
        v["after"].setStyleSheet(BAD_STYLE if p.available_after < 0 and p.this_order else "font-weight: bold;")
        ask = self._ask
        text, ok = self.verdict_for(p, ask.status if ask else "", ask.total if ask else None)
        self.verdict.setStyleSheet(OK_STYLE if ok else BAD_STYLE)
        self.verdict.setText(text)
        self.sig_position.emit(p)
