"""The sales VP's review of an order before it is signed: a price below the floor, or a
major contract; approved (after asking, as it cannot be taken back) or refused back to
the rep with a reason."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialogButtonBox, QFormLayout, QVBoxLayout, QWidget

from sales_desk.domain.common.roles import Actor
from sales_desk.domain.orders.contracts import ApprovalKind
from sales_desk.i18n import _
from sales_desk.services.orders import approvals as order_approvals
from sales_desk.services.orders.views import OrderView
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.orders.common import ServiceDialog, heading, hint
from sales_desk.ui.tabs.orders.decision_layout import figures_grid, note_edit, order_title
from sales_desk.ui.widgets import dialogs
from sales_desk.ui.widgets.money import money_text


class ReviewDialog(ServiceDialog):
    """Approve or refuse (back to the rep, with a reason) a price below the floor or a major
    contract, before the contract is signed."""

    sig_decided = Signal()

    def __init__(self, ctx: AppContext, actor: Actor, view: OrderView, kind: ApprovalKind,
                 threshold: int | None = None, parent: QWidget | None = None):
        super().__init__(ctx, actor, kind.label, parent)
        self.view, self.kind = view, kind
        layout = QVBoxLayout(self)
        layout.addWidget(heading(order_title(view)))
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
        self.note = note_edit(_("Your note; say why when you refuse, so the rep can change the order"))
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
