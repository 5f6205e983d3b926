"""What an order waits for, in one sentence under the order form's title: a refusal to
answer, the sales VP's reviews, the signing, the credit check, a credit block, the
prepayment gate, or the shipping so far — with the style that says how urgent it is."""

from __future__ import annotations

from sales_desk.domain.orders.contracts import ApprovalKind, OrderStatus
from sales_desk.i18n import _
from sales_desk.services.orders.views import OrderView
from sales_desk.ui.tabs.orders.common import GATE_STYLE, HINT_STYLE, HOLD_STYLE
from sales_desk.ui.widgets.money import money_text


def status_text(v: OrderView) -> tuple[str, str]:
    """What the order waits for, in a sentence, and the style to show it in."""
    s = OrderStatus(v.status)
    if s is OrderStatus.DRAFT:
        refused = [d for d in v.decisions if not d.approved]
        if refused and refused[-1].revision == v.revision:
            d = refused[-1]
            return (_("Draft: refused by {who} — “{note}”. Change the order and submit it again.").format(
                who=d.approver, note=d.note), GATE_STYLE)
        return _("Draft: not yet submitted."), HINT_STYLE
    if s is OrderStatus.SUBMITTED:
        if v.pending_reviews:
            waits = [ApprovalKind(k).label for k in v.pending_reviews]
            return (_("Submitted; before signing it waits for the sales VP: {what}.").format(
                what=", ".join(waits)), GATE_STYLE)
        return _("Submitted; every review is done: the contract may be signed."), HINT_STYLE
    if s is OrderStatus.SIGNED:
        return (_("Signed on {day}; waiting for approval for dispatch (the credit check).").format(
            day=v.signed_on.isoformat() if v.signed_on else ""), GATE_STYLE)
    if s is OrderStatus.BLOCKED:
        return (_("Blocked on credit: beyond the available credit by {excess}. Only a written override by "
                  "the finance director or the general manager releases it.").format(
                    excess=money_text(v.block_excess or 0)), HOLD_STYLE)
    if s in (OrderStatus.APPROVED, OrderStatus.PARTLY_SHIPPED) and v.prepayment_received < v.prepayment_required:
        return (_("Approved for dispatch; nothing ships before the prepayment of {required} is in "
                  "({received} received).").format(required=money_text(v.prepayment_required),
                                                   received=money_text(v.prepayment_received)), GATE_STYLE)
    if s is OrderStatus.APPROVED:
        return _("Approved for dispatch by {who}: with the warehouse.").format(who=v.approved_by), HINT_STYLE
    if s is OrderStatus.PARTLY_SHIPPED:
        return (_("Partly shipped: {shipped} of {total}.").format(shipped=money_text(v.shipped_value),
                                                                  total=money_text(v.total)), HINT_STYLE)
    if s in (OrderStatus.CLOSED, OrderStatus.CANCELLED) and v.end_reason:
        return _("{status}: {reason}").format(status=s.label, reason=v.end_reason), HINT_STYLE
    return s.label, HINT_STYLE
