"""Receipts [回款]: finance records money received and allocates it to the customer's open
documents, oldest first or by hand (rules: domain/collections/allocation.py).

- A receipt settles debit documents dated on or before it, from its own date; all of it
  is allocated (an advance is a prepayment on its order, services/orders/prepayments.py).
- Open credit notes (a return's credit not yet used) are applied to open invoices,
  oldest first, by `apply_open_credits`.
- When the money leaves nothing overdue, the customer's collection cycle ends as
  collected (services/collections/dunning.py close_if_collected).
- Money for a debt already written off [核销后收回] is recorded as a recovery: each
  document's write-off is undone by a negative write-off allocation and the money
  settles it, both dated that day (its open amount stays 0; the ledger shows the debt
  reinstated and the money). A bad debt recovered in full earns its staff liability
  refund like one paid before a write-off (domain/collections/liability.py).
- A receipt is reversed (a bounced cheque, money entered against the wrong customer) by
  finance with a reason and a date: each of its allocations is undone by a negative one
  dated that day, so the documents it settled are open again from then on, and aging,
  liability and the ledger as of any earlier day still read what was true that day. A
  customer with something overdue again re-enters the ladder.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import func, select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.collections.allocation import OpenItem, by_hand, check_amount, oldest_first
from sales_desk.domain.collections.receivables import AllocationSource, PaymentMethod, settle
from sales_desk.domain.common.errors import NotFound, ValidationError
from sales_desk.domain.common.money import format_money
from sales_desk.domain.common.roles import Perm
from sales_desk.i18n import _
from sales_desk.models import Receipt, Receivable, ReceivableAllocation, WriteOff
from sales_desk.services.collections.common import open_debits, open_items
from sales_desk.services.collections.dunning import close_if_collected
from sales_desk.services.collections.receivables import allocate
from sales_desk.services.common.base import current_actor, service
from sales_desk.services.common.documents import business_date, next_number
from sales_desk.services.customers.scope import (
    business_today,
    lock_customer,
    user_names,
    visible_customer,
)

RECEIPT_PREFIX = "RC"


@dataclass(frozen=True)
class ReceiptInput:
    customer_id: int
    amount: int  # minor units
    received_on: date | None = None  # today when omitted
    method: str = PaymentMethod.TRANSFER.value
    reference: str = ""  # bank slip, cheque or draft number
    note: str = ""
    allocations: Mapping[int, int] | None = field(default=None)  # by hand: document id → amount
    recovers_write_off: bool = False  # money for documents written off as bad debt


def written_off(uow: UnitOfWork, customer_id: int, on: date | None = None) -> dict[int, tuple[int, int]]:
    """The customer's documents written off (on or before `on`) and not yet recovered:
    document id → (write-off id, amount still written off)."""
    a = ReceivableAllocation
    q = (select(a.receivable_id, func.max(a.write_off_id), func.sum(a.amount))
         .join(Receivable, Receivable.id == a.receivable_id).join(WriteOff, WriteOff.id == a.write_off_id)
         .where(Receivable.customer_id == customer_id, a.source == AllocationSource.WRITE_OFF.value)
         .group_by(a.receivable_id).having(func.sum(a.amount) > 0))
    if on is not None:
        q = q.where(WriteOff.written_off_on <= on)
    return {rid: (wid, int(left)) for rid, wid, left in uow.session.execute(q)}


def _written_off_items(uow: UnitOfWork, customer_id: int, on: date) -> tuple[list[Receivable], list[OpenItem],
                                                                              dict[int, int]]:
    """For a recovery: the written-off documents (locked), as items open for what is still
    written off, and each one's write-off."""
    left = written_off(uow, customer_id, on)
    docs = list(uow.session.scalars(select(Receivable).where(Receivable.id.in_(left))
                                    .order_by(Receivable.due_date, Receivable.doc_date, Receivable.id)
                                    .with_for_update()))
    if not docs:
        raise ValidationError(_("Recovery"), _("nothing of this customer's was written off on or before {on}")
                              .format(on=on.isoformat()))
    items = [OpenItem(d.id, d.doc_no, d.doc_date, d.due_date, left[d.id][1]) for d in docs]
    return docs, items, {d.id: left[d.id][0] for d in docs}


def _reinstate(uow: UnitOfWork, doc: Receivable, amount: int, on: date, write_off_id: int) -> None:
    """Undo `amount` of a document's write-off from `on` (the money that recovers it follows)."""
    uow.session.add(ReceivableAllocation(
        receivable_id=doc.id, amount=-amount, applied_on=on, source=AllocationSource.WRITE_OFF.value,
        write_off_id=write_off_id, created_by_id=current_actor(uow).user_id, created_at=uow.clock()))
    doc.open_amount += amount


def _record(uow: UnitOfWork, data: ReceiptInput) -> Receipt:
    c = lock_customer(uow, visible_customer(uow, data.customer_id).id)
    check_amount(data.amount)
    on = business_date(uow, data.received_on, _("Received on"))
    try:
        method = PaymentMethod(data.method)
    except ValueError:
        raise ValidationError(_("Method"), _("unknown payment method: {m}").format(m=data.method)) from None
    write_offs: dict[int, int] = {}
    if data.recovers_write_off:
        docs, items, write_offs = _written_off_items(uow, c.id, on)
        still = sum(i.open_amount for i in items)
        if data.amount > still:
            raise ValidationError(_("Amount"), _("more than is still written off for this customer ({amount})")
                                  .format(amount=format_money(still)))
    else:
        docs = open_debits(uow, c.id, on, lock=True)
        items = open_items(docs)
    allocs = (by_hand(items, data.allocations, data.amount) if data.allocations
              else oldest_first(items, data.amount))
    receipt = Receipt(number=next_number(uow, RECEIPT_PREFIX, on), customer_id=c.id, received_on=on,
                      amount=data.amount, method=method.value, reference=data.reference.strip()[:100],
                      note=data.note.strip(), by_hand=bool(data.allocations),
                      recorded_by_id=current_actor(uow).user_id, recorded_at=uow.clock())
    uow.session.add(receipt)
    uow.session.flush()
    by_id = {d.id: d for d in docs}
    for a in allocs:
        if data.recovers_write_off:
            _reinstate(uow, by_id[a.receivable_id], a.amount, on, write_offs[a.receivable_id])
        allocate(uow, by_id[a.receivable_id], a.amount, on, AllocationSource.RECEIPT, receipt_id=receipt.id)
    uow.audit("receipt.record", "receipt", receipt.id, None,
              {"number": receipt.number, "customer": c.code, "received_on": on, "amount": data.amount,
               "method": method.value, "reference": receipt.reference, "by_hand": receipt.by_hand,
               "recovers_write_off": data.recovers_write_off,
               "allocations": {by_id[a.receivable_id].doc_no: a.amount for a in allocs}})
    close_if_collected(uow, c, on)
    return receipt


@service(Perm.RECEIPT_RECORD)
def record_receipt(uow: UnitOfWork, data: ReceiptInput) -> int:
    """Record money received and allocate all of it; returns the receipt's id."""
    receipt = _record(uow, data)
    uow.commit()
    return receipt.id


def _apply_credits(uow: UnitOfWork, customer_id: int) -> int:
    c = lock_customer(uow, visible_customer(uow, customer_id).id)
    today = business_today(uow)
    notes = list(uow.session.scalars(
        select(Receivable).where(Receivable.customer_id == c.id, Receivable.open_amount < 0)
        .order_by(Receivable.doc_date, Receivable.id).with_for_update()))
    debits = open_debits(uow, c.id, lock=True)
    applied = 0
    moves: dict[str, int] = {}
    for cn in notes:
        for inv in debits:
            x = settle(inv.open_amount, -cn.open_amount)
            if x:
                allocate(uow, inv, x, today, AllocationSource.CREDIT_NOTE, credit_note=cn)
                applied += x
                moves[f"{cn.doc_no}→{inv.doc_no}"] = x
    if applied:
        uow.audit("receipt.apply_credits", "customer", c.id, None,
                  {"customer": c.code, "applied": applied, "moves": moves, "on": today})
        close_if_collected(uow, c, today)
    return applied


@service(Perm.RECEIPT_RECORD)
def apply_open_credits(uow: UnitOfWork, customer_id: int) -> int:
    """Apply the customer's open credit notes to its open invoices, oldest first; returns
    the amount applied."""
    applied = _apply_credits(uow, customer_id)
    uow.commit()
    return applied


def _reverse(uow: UnitOfWork, receipt_id: int, reason: str, on: date | None) -> Receipt:
    receipt = uow.session.get(Receipt, receipt_id, with_for_update=True, populate_existing=True)
    if receipt is None:
        raise NotFound(_("Receipt"), receipt_id)
    c = lock_customer(uow, visible_customer(uow, receipt.customer_id).id)
    if receipt.reversed_on is not None:
        raise ValidationError(_("Receipt"), _("{number} was already reversed on {on}").format(
            number=receipt.number, on=receipt.reversed_on.isoformat()))
    if not reason.strip():
        raise ValidationError(_("Reason"), _("say why the receipt is reversed (e.g. the cheque bounced)"))
    on = business_date(uow, on, _("Reversed on"))
    if on < receipt.received_on:
        raise ValidationError(_("Reversed on"), _("cannot be before the money was received ({on})").format(
            on=receipt.received_on.isoformat()))
    allocs = list(uow.session.scalars(select(ReceivableAllocation).where(
        ReceivableAllocation.receipt_id == receipt.id).order_by(ReceivableAllocation.id)))
    docs = {d.id: d for d in uow.session.scalars(select(Receivable).where(
        Receivable.id.in_([a.receivable_id for a in allocs])).with_for_update())}
    undone: dict[str, int] = {}
    actor = current_actor(uow)
    for a in allocs:
        d = docs[a.receivable_id]
        d.open_amount += a.amount
        d.settled_on = None
        undone[d.doc_no] = undone.get(d.doc_no, 0) + a.amount
        uow.session.add(ReceivableAllocation(
            receivable_id=d.id, amount=-a.amount, applied_on=on, source=a.source, receipt_id=receipt.id,
            created_by_id=actor.user_id, created_at=uow.clock()))
    receipt.reversed_on, receipt.reversed_by_id, receipt.reversed_at = on, actor.user_id, uow.clock()
    receipt.reversal_reason = reason.strip()
    uow.audit("receipt.reverse", "receipt", receipt.id, {"reversed_on": None, "allocations": undone},
              {"number": receipt.number, "customer": c.code, "amount": receipt.amount, "reversed_on": on,
               "reason": receipt.reversal_reason, "reopened": undone})
    return receipt


@service(Perm.RECEIPT_RECORD)
def reverse_receipt(uow: UnitOfWork, receipt_id: int, reason: str, on: date | None = None) -> None:
    """Finance reverses a receipt (a bounced cheque, an entry in error): the invoices it
    settled are open again; the ledger shows the receipt and its reversal."""
    _reverse(uow, receipt_id, reason, on)
    uow.commit()


# -- reading ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class OpenDocument:
    id: int
    doc_no: str
    kind: str
    doc_date: date
    due_date: date
    amount: int
    open_amount: int
    description: str


@service(Perm.RECEIVABLE_VIEW, read_only=True)
def open_documents(uow: UnitOfWork, customer_id: int) -> list[OpenDocument]:
    """The customer's open documents (credit notes too), due first first: the allocation form."""
    c = visible_customer(uow, customer_id)
    rows = uow.session.scalars(select(Receivable).where(Receivable.customer_id == c.id,
                                                        Receivable.open_amount != 0)
                               .order_by(Receivable.due_date, Receivable.doc_date, Receivable.id))
    return [OpenDocument(r.id, r.doc_no, r.kind, r.doc_date, r.due_date, r.amount, r.open_amount, r.description)
            for r in rows]


@service(Perm.RECEIVABLE_VIEW, read_only=True)
def written_off_documents(uow: UnitOfWork, customer_id: int) -> list[OpenDocument]:
    """The customer's written-off documents a recovery may settle, open for what is still
    written off, due first first: the allocation form of a recovery."""
    c = visible_customer(uow, customer_id)
    left = written_off(uow, c.id)
    rows = uow.session.scalars(select(Receivable).where(Receivable.id.in_(left))
                               .order_by(Receivable.due_date, Receivable.doc_date, Receivable.id))
    return [OpenDocument(r.id, r.doc_no, r.kind, r.doc_date, r.due_date, r.amount, left[r.id][1], r.description)
            for r in rows]


@dataclass(frozen=True)
class ReceiptRow:
    id: int
    number: str
    received_on: date
    amount: int
    method: str
    reference: str
    note: str
    by_hand: bool
    recorded_by: str
    recorded_at: datetime
    allocations: tuple[tuple[str, int], ...]  # (document no., amount), as allocated
    reversed_on: date | None = None
    reversal_reason: str = ""
    reversed_by: str = ""


@service(Perm.RECEIVABLE_VIEW, read_only=True)
def customer_receipts(uow: UnitOfWork, customer_id: int) -> list[ReceiptRow]:
    """The customer's receipts, newest first, with the documents each settled."""
    c = visible_customer(uow, customer_id)
    receipts = list(uow.session.scalars(select(Receipt).where(Receipt.customer_id == c.id)
                                        .order_by(Receipt.received_on.desc(), Receipt.id.desc())))
    allocs: dict[int, list[tuple[str, int]]] = {}
    for rid, doc_no, amount in uow.session.execute(
            select(ReceivableAllocation.receipt_id, Receivable.doc_no, ReceivableAllocation.amount)
            .join(Receivable, Receivable.id == ReceivableAllocation.receivable_id)
            .where(ReceivableAllocation.receipt_id.in_([r.id for r in receipts]), ReceivableAllocation.amount > 0)
            .order_by(ReceivableAllocation.id)):
        allocs.setdefault(rid, []).append((doc_no, amount))
    names = user_names(uow, [r.recorded_by_id for r in receipts] + [r.reversed_by_id for r in receipts])
    return [ReceiptRow(r.id, r.number, r.received_on, r.amount, r.method, r.reference, r.note, r.by_hand,
                       names.get(r.recorded_by_id, ""), r.recorded_at, tuple(allocs.get(r.id, ())),
                       r.reversed_on, r.reversal_reason, names.get(r.reversed_by_id or 0, ""))
            for r in receipts]
