"""The order form's buttons: which steps the user may take now (their rights, the order's
state, never their own approvals), and running each one — asking first where it cannot
be undone, showing a refusal where the service makes one (the credit check's, with its
figures).

The form owns its actions (order_form.py builds them); the actions know the form only
as an `OrderForm`, what they read of it and call back, so imports run one way.
"""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtWidgets import QHBoxLayout, QPushButton

from sales_desk.domain.common.errors import DomainError
from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.domain.common.versions import StaleRecord
from sales_desk.domain.orders.contracts import ApprovalKind, OrderBlocked, OrderStatus
from sales_desk.i18n import _
from sales_desk.services.orders import approvals as order_approvals
from sales_desk.services.orders import credit_check as order_credit
from sales_desk.services.orders import entry as orders
from sales_desk.services.orders.entry import OrderInput
from sales_desk.services.orders.prepayments import TAKES_PREPAYMENT
from sales_desk.services.orders.views import OrderView
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.orders.blocked_order import OverrideDialog, RefusalDialog
from sales_desk.ui.tabs.orders.common import ORDERS, notify
from sales_desk.ui.tabs.orders.ledger import LedgerDialog
from sales_desk.ui.tabs.orders.prepayment_dialog import PrepaymentDialog
from sales_desk.ui.tabs.orders.printing import ContractPrintDialog
from sales_desk.ui.tabs.orders.reason_dialog import ReasonDialog
from sales_desk.ui.tabs.orders.return_dialog import ReturnDialog
from sales_desk.ui.tabs.orders.review_dialog import ReviewDialog
from sales_desk.ui.widgets import dialogs
from sales_desk.ui.widgets.customer_picker import CustomerPicker
from sales_desk.ui.widgets.money import money_text

S = OrderStatus
CANCELLABLE = frozenset({S.DRAFT, S.SUBMITTED, S.SIGNED, S.BLOCKED, S.APPROVED})


class OrderForm(Protocol):
    """What the actions need of the order form (OrderDialog); the form is also the widget
    their dialogs and questions open over."""

    ctx: AppContext
    actor: Actor
    view: OrderView | None  # None for a new order
    order_id: int | None
    threshold: int | None  # the major-contract threshold, for the review
    customer: CustomerPicker

    def editable_now(self) -> bool: ...
    def order_input(self) -> OrderInput: ...
    def say(self, text: str, error: bool = False) -> None: ...
    def saved(self, order_id: int) -> None: ...
    def stale(self, refusal: StaleRecord) -> None: ...
    def reject(self) -> None: ...


class OrderActions:
    def __init__(self, form: OrderForm):
        self.form = form
        self.ctx, self.actor = form.ctx, form.actor
        self.busy = False
        self.last_dialog: Any = None  # the dialog a step opened (for tests and screenshots)
        b = self.buttons = {}
        for key, text in (
            ("save", _("&Save draft")), ("submit", _("Save and su&bmit")), ("withdraw", _("&Withdraw to draft")),
            ("sign", _("Si&gn…")), ("review_price", _("Review the &price…")),
            ("review_major", _("Review the ma&jor contract…")), ("approve", _("&Approve for dispatch…")),
            ("override", _("&Override…")), ("prepayment", _("&Fill payment slip…")),
            ("record_return", _("Record a retur&n…")), ("close_order", _("&Close order…")),
            ("cancel_order", _("&Cancel order…")), ("ledger", _("Le&dger…")), ("print", _("Pr&int…")),
            ("close", _("Close")),
        ):
            button = QPushButton(text)
            button.setObjectName(key)
            button.setAutoDefault(False)
            b[key] = button
        b["ledger"].setToolTip(_("The customer's invoices, credit notes and prepayments"))
        for key, slot in (("save", lambda: self.save(False)), ("submit", lambda: self.save(True)),
                          ("withdraw", self.withdraw), ("sign", self.sign),
                          ("review_price", lambda: self.review(ApprovalKind.PRICE)),
                          ("review_major", lambda: self.review(ApprovalKind.MAJOR_REVIEW)),
                          ("approve", self.approve), ("override", self.override),
                          ("prepayment", self.prepayment), ("record_return", self.record_return),
                          ("close_order", self.close_order), ("cancel_order", self.cancel_order),
                          ("ledger", self.ledger), ("print", self.print_contract), ("close", form.reject)):
            b[key].clicked.connect(lambda _c=False, s=slot: s())
        self.row = QHBoxLayout()
        for key in ("save", "submit", "withdraw", "sign", "review_price", "review_major", "approve", "override",
                    "prepayment", "record_return", "close_order", "cancel_order"):
            self.row.addWidget(b[key])
        self.row.addStretch(1)
        for key in ("ledger", "print", "close"):
            self.row.addWidget(b[key])

    # -- what shows ----------------------------------------------------------------------------------
    def allowed(self) -> dict[str, bool]:
        f, a = self.form, self.actor
        v = f.view
        editable = f.editable_now()
        if v is None:
            return {"save": editable, "submit": editable, "ledger": a.can(Perm.RECEIVABLE_VIEW)
                    and f.customer.customer_id is not None, "close": True}
        s = OrderStatus(v.status)
        own = a.user_id in (v.created_by_id, v.rep_id)
        taker = a.can(Perm.ORDER_CREATE)
        return {
            "save": editable, "submit": editable,
            "withdraw": taker and s is S.SUBMITTED,
            "sign": taker and s is S.SUBMITTED,
            "review_price": a.can(Perm.PRICE_BELOW_FLOOR_APPROVE) and not own
                            and ApprovalKind.PRICE.value in v.pending_reviews,
            "review_major": a.can(Perm.CONTRACT_REVIEW_MAJOR) and not own
                            and ApprovalKind.MAJOR_REVIEW.value in v.pending_reviews,
            "approve": a.can(Perm.ORDER_APPROVE) and not own and s in (S.SIGNED, S.BLOCKED),
            "override": a.can(Perm.CREDIT_OVERRIDE) and not own and s is S.BLOCKED and not v.overridden,
            "prepayment": a.can(Perm.ORDER_CREATE) and s in TAKES_PREPAYMENT
                          and v.prepayment_received < v.total,
            "record_return": a.can(Perm.RETURN_RECORD) and bool(v.shipments),
            "close_order": a.can(Perm.ORDER_APPROVE) and s in (S.PARTLY_SHIPPED, S.SHIPPED),
            "cancel_order": (a.can(Perm.ORDER_APPROVE) or (taker and own)) and s in CANCELLABLE
                            and not v.shipped_value,
            "ledger": a.can(Perm.RECEIVABLE_VIEW),
            "print": True, "close": True,
        }

    def update(self) -> None:
        allowed = self.allowed()
        v = self.form.view
        for key, button in self.buttons.items():
            button.setVisible(allowed.get(key, False))
            button.setEnabled(not self.busy)
        sign = self.buttons["sign"]
        if v is not None and v.pending_reviews:
            sign.setEnabled(False)
            sign.setToolTip(_("The sales VP's reviews come first."))
        else:
            sign.setToolTip("")
        # Enter does the step this user is here for; the irreversible ones ask first.
        primary = next((k for k in ("save", "review_price", "review_major", "approve", "override", "prepayment",
                                    "sign") if allowed.get(k)), "close")
        for key, button in self.buttons.items():
            button.setDefault(key == primary)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.update()

    # -- running a step ------------------------------------------------------------------------------
    def run(self, fn, done=None, refused=None, writes: str = ORDERS) -> None:  # noqa: ANN001
        """One service call through the runner; a refusal shown under the form (or by `refused`)."""
        form = self.form
        form.say("")
        self._set_busy(True)

        def finished(result: Any) -> None:
            self._set_busy(False)
            if done is not None:
                done(result)

        def failed(exc: BaseException) -> bool:
            self._set_busy(False)
            if isinstance(exc, DomainError):
                if refused is None or not refused(exc):
                    form.say(str(exc), error=True)
                return True
            return False

        self.ctx.runner.run(fn, finished, failed, writes=writes, owner=form)

    def _uow(self):  # noqa: ANN202
        return self.ctx.uow(self.actor)

    def _oid(self) -> int:
        assert self.form.order_id is not None
        return self.form.order_id

    # -- the rep's steps -------------------------------------------------------------------------------
    def save(self, submit: bool) -> None:
        form = self.form
        try:
            data = form.order_input()
        except DomainError as e:
            form.say(str(e), error=True)
            return
        oid = form.order_id
        version = form.view.version if form.view is not None else None  # the one the form shows

        def work() -> int:
            new_id = orders.create_order(self._uow(), data) if oid is None else oid
            if oid is not None:
                orders.update_order(self._uow(), oid, data, version=version)
            return new_id

        def saved(new_id: int) -> None:
            form.saved(new_id)
            if submit:
                self.run(lambda: orders.submit_order(self._uow(), new_id), lambda _r: self._after(_("Submitted.")))
            else:
                notify(form, _("Order saved as a draft."))

        def stale(exc: DomainError) -> bool:  # changed by someone else since: the form offers a reload
            if isinstance(exc, StaleRecord):
                form.stale(exc)
                return True
            return False

        self.run(work, saved, stale)

    def _after(self, note: str) -> None:
        notify(self.form, note)
        self.form.saved(self._oid())

    def withdraw(self) -> None:
        oid = self._oid()
        self.run(lambda: orders.withdraw_order(self._uow(), oid), lambda _r: self._after(_("Back to draft.")))

    def sign(self) -> None:
        v = self.form.view
        assert v is not None
        if not dialogs.confirm(self.form, _("Sign the contract"),
                               _("Record that contract {number} for {total} was signed today? It can then no "
                                 "longer be changed, only cancelled.").format(number=v.number,
                                                                              total=money_text(v.total)),
                               _("Record the signing")):
            return
        oid = v.id
        self.run(lambda: orders.sign_order(self._uow(), oid), lambda _r: self._after(_("Contract signed.")))

    def cancel_order(self):  # noqa: ANN201
        v = self.form.view
        assert v is not None
        oid, ctx, actor = v.id, self.ctx, self.actor
        dialog = ReasonDialog(
            ctx, actor, _("Cancel order {number}").format(number=v.number),
            _("A cancelled order stays on file. A prepayment already received stays on the customer's "
              "account for finance to refund."), _("&Cancel the order"),
            lambda reason: orders.cancel_order(ctx.uow(actor), oid, reason),
            _("Cancel order {number}? This cannot be undone.").format(number=v.number), self.form)
        dialog.sig_done.connect(lambda: self._after(_("Order cancelled.")))
        return self._open(dialog)

    def record_return(self):  # noqa: ANN201
        v = self.form.view
        assert v is not None
        dialog = ReturnDialog(self.ctx, self.actor, v, self.form)
        dialog.sig_done.connect(lambda: self._after(_("Return recorded; a credit note was raised.")))
        return self._open(dialog)

    # -- decisions -----------------------------------------------------------------------------------
    def review(self, kind: ApprovalKind):  # noqa: ANN201
        v = self.form.view
        assert v is not None
        dialog = ReviewDialog(self.ctx, self.actor, v, kind, self.form.threshold, self.form)
        dialog.sig_decided.connect(lambda: self._after(_("Decision recorded.")))
        return self._open(dialog)

    def approve(self) -> None:
        v = self.form.view
        assert v is not None
        if not dialogs.confirm(self.form, _("Approve for dispatch"),
                               _("Run the credit check and approve order {number} ({total}) for dispatch? "
                                 "If the customer's credit does not cover it, it is blocked instead.").format(
                                   number=v.number, total=money_text(v.total)), _("Approve")):
            return
        oid = v.id

        def approved(decision) -> None:  # noqa: ANN001 - domain.orders.CreditDecision
            self._after(_("Approved for dispatch; {left} of credit left.").format(
                left=money_text(decision.available_after)))

        def refused(exc: DomainError) -> bool:
            if not isinstance(exc, OrderBlocked):
                return False
            # The refusal saved the order as blocked: a write all the same.
            self.ctx.runner.sig_data_changed.emit(ORDERS)
            self.form.saved(oid)
            self.ctx.runner.run(lambda: order_credit.order_credit_position(self._uow(), 0, order_id=oid),
                                lambda p: self.show_refusal(exc, p), lambda _e: self.show_refusal(exc, None) or True,
                                owner=self.form)
            return True

        self.run(lambda: order_approvals.approve_order(self._uow(), oid), approved, refused)

    def show_refusal(self, exc: OrderBlocked, position):  # noqa: ANN001, ANN201
        v = self.form.view
        assert v is not None
        dialog = RefusalDialog(self.ctx, self.actor, v, exc, position, self.form)
        dialog.sig_override.connect(self.override)
        return self._open(dialog)

    def override(self):  # noqa: ANN201
        v = self.form.view
        assert v is not None
        dialog = OverrideDialog(self.ctx, self.actor, v, self.form)
        dialog.sig_done.connect(lambda: self._after(_("Override recorded; the order is approved for dispatch.")))
        return self._open(dialog)

    def prepayment(self):  # noqa: ANN201
        v = self.form.view
        assert v is not None
        dialog = PrepaymentDialog(self.ctx, self.actor, v, self.form)
        dialog.sig_done.connect(lambda: self._after(_("Payment slip submitted to the sales manager.")))
        return self._open(dialog)

    def close_order(self):  # noqa: ANN201
        v = self.form.view
        assert v is not None
        oid, ctx, actor = v.id, self.ctx, self.actor
        dialog = ReasonDialog(
            ctx, actor, _("Close order {number}").format(number=v.number),
            _("Closing ends the order: what has not shipped will not ship, and the credit it held is "
              "released."), _("&Close the order"),
            lambda reason: orders.close_order(ctx.uow(actor), oid, reason),
            _("Close order {number}? This cannot be undone.").format(number=v.number), self.form)
        dialog.sig_done.connect(lambda: self._after(_("Order closed.")))
        return self._open(dialog)

    # -- reading -------------------------------------------------------------------------------------
    def ledger(self):  # noqa: ANN201
        cid = self.form.customer.customer_id
        if cid is None:
            return None
        return self._open(LedgerDialog(self.ctx, self.actor, cid, self.form))

    def print_contract(self):  # noqa: ANN201
        v = self.form.view
        if v is None:
            return None
        return self._open(ContractPrintDialog(self.ctx, self.actor, v.id, v.number, self.form))

    def _open(self, dialog):  # noqa: ANN001, ANN202
        self.last_dialog = dialog
        dialog.open()
        return dialog
