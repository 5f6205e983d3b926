"""Allocating a receipt to a customer's open documents [回款核销] (SPEC §5).

- Oldest first by default: the document due first is settled first (then the earlier
  document date, then the one entered first), so the money goes to what has been
  overdue longest and the aging and the staff liability fall where they should.
- By hand: finance names the documents and the amount for each.
- Either way every yuan of the receipt is allocated, and only to debit documents open
  on the receipt's date (dated on or before it): a receipt counts from its own date,
  so the aging as of any day and the ledger agree. Money beyond what is open is not a
  receipt against invoices: it is refused (an advance is a prepayment on its order).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from sales_desk.domain.common.errors import DomainError, ValidationError
from sales_desk.domain.common.money import format_money
from sales_desk.i18n import _, current_language


def _money(minor: int) -> str:
    return format_money(minor, "zh_CN" if current_language() == "zh_CN" else "en")


@dataclass(frozen=True)
class OpenItem:
    """A debit document (invoice, opening balance) with what is still open on it."""

    id: int
    doc_no: str
    doc_date: date
    due_date: date
    open_amount: int


@dataclass(frozen=True)
class Allocation:
    receivable_id: int
    amount: int


class ReceiptExceedsOpen(DomainError):
    def __init__(self, amount: int, open_total: int):
        self.amount, self.open_total = amount, open_total
        super().__init__(_(
            "The receipt of {amount} is more than the customer's open invoices dated on or before "
            "it ({open}). Record an advance as a prepayment on its order."
        ).format(amount=_money(amount), open=_money(open_total)))


class AllocationMismatch(DomainError):
    def __init__(self, amount: int, allocated: int):
        self.amount, self.allocated = amount, allocated
        super().__init__(_(
            "The amounts allocated ({allocated}) must add up to the receipt ({amount})."
        ).format(allocated=_money(allocated), amount=_money(amount)))


def check_amount(amount: int) -> int:
    if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
        raise ValidationError(_("Amount"), _("must be above zero"))
    return amount


def oldest_order(items: Iterable[OpenItem]) -> list[OpenItem]:
    return sorted((i for i in items if i.open_amount > 0), key=lambda i: (i.due_date, i.doc_date, i.id))


def oldest_first(items: Iterable[OpenItem], amount: int) -> list[Allocation]:
    """Settle the documents due first, each as far as the money goes."""
    check_amount(amount)
    ordered = oldest_order(items)
    open_total = sum(i.open_amount for i in ordered)
    if amount > open_total:
        raise ReceiptExceedsOpen(amount, open_total)
    out: list[Allocation] = []
    left = amount
    for item in ordered:
        if left == 0:
            break
        x = min(item.open_amount, left)
        out.append(Allocation(item.id, x))
        left -= x
    return out


def by_hand(items: Iterable[OpenItem], requested: Mapping[int, int], amount: int) -> list[Allocation]:
    """The documents and amounts finance chose: each within what is open, adding up to the receipt."""
    check_amount(amount)
    open_by_id = {i.id: i for i in items if i.open_amount > 0}
    out: list[Allocation] = []
    for rid, x in sorted(requested.items()):
        if x == 0:
            continue
        item = open_by_id.get(rid)
        if item is None:
            raise ValidationError(_("Allocation"), _("document {id} is not open for this receipt").format(id=rid))
        if isinstance(x, bool) or not isinstance(x, int) or x < 0:
            raise ValidationError(item.doc_no, _("must be above zero"))
        if x > item.open_amount:
            raise ValidationError(item.doc_no, _("at most the open {open}").format(open=_money(item.open_amount)))
        out.append(Allocation(rid, x))
    allocated = sum(a.amount for a in out)
    if allocated != amount:
        open_total = sum(i.open_amount for i in open_by_id.values())
        if amount > open_total:
            raise ReceiptExceedsOpen(amount, open_total)
        raise AllocationMismatch(amount, allocated)
    return out
