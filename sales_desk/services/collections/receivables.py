"""Receivables [应收账款]: invoices raised by shipments, credit notes raised by returns,
prepayments applied to invoices, and the customer ledger's basics (receipts come with
collections). Tables and the design for collections: models/receivables.py.

The helpers without a decorator run inside the shipment's, return's or prepayment's
own transaction (services/orders/dispatch.py, services/orders/approvals.py): open amounts are
kept equal to amount − allocations in the same commit.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.collections.receivables import (
    DOC_PREFIX,
    AllocationSource,
    DocumentKind,
    settle,
)
from sales_desk.domain.common.roles import Perm
from sales_desk.domain.orders.contracts import PaymentTerms, due_date
from sales_desk.models import (
    DispatchReturn,
    OrderPrepayment,
    Receivable,
    ReceivableAllocation,
    SalesOrder,
    Shipment,
)
from sales_desk.services.common.base import current_actor, service
from sales_desk.services.common.documents import next_number
from sales_desk.services.customers.scope import business_today, visible_customer

# -- raising and settling (inside other services' transactions) -------------------------------


def allocate(uow: UnitOfWork, debit: Receivable, amount: int, on: date, source: AllocationSource, *,
             credit_note: Receivable | None = None, prepayment: OrderPrepayment | None = None,
             order: SalesOrder | None = None, receipt_id: int | None = None,
             write_off_id: int | None = None) -> ReceivableAllocation:
    """Apply `amount` of a credit to an open debit document, keeping every open figure true.
    Collections passes the receipt or the write-off it comes from (services/collections/receipts.py)."""
    assert 0 < amount <= debit.open_amount, "allocate within what is open"
    a = ReceivableAllocation(receivable_id=debit.id, amount=amount, applied_on=on, source=source.value,
                             credit_note_id=credit_note.id if credit_note else None,
                             prepayment_id=prepayment.id if prepayment else None,
                             receipt_id=receipt_id, write_off_id=write_off_id,
                             created_by_id=current_actor(uow).user_id, created_at=uow.clock())
    uow.session.add(a)
    debit.open_amount -= amount
    if debit.open_amount == 0:
        debit.settled_on = on
    if credit_note is not None:
        assert credit_note.open_amount + amount <= 0
        credit_note.open_amount += amount
        if credit_note.open_amount == 0:
            credit_note.settled_on = on
    if prepayment is not None:
        prepayment.applied += amount
        if order is not None:
            order.prepayment_applied += amount
    return a


def apply_prepayments(uow: UnitOfWork, order: SalesOrder, invoices: list[Receivable]) -> int:
    """Settle the order's open invoices (oldest first) from its prepayments not yet applied
    (oldest first), each from the later of the money's arrival and the invoice's date;
    returns the amount applied."""
    payments = list(uow.session.scalars(
        select(OrderPrepayment).where(OrderPrepayment.order_id == order.id,
                                      OrderPrepayment.applied < OrderPrepayment.amount)
        .order_by(OrderPrepayment.received_on, OrderPrepayment.id)))
    applied = 0
    for inv in sorted(invoices, key=lambda r: (r.doc_date, r.id)):
        for p in payments:
            x = settle(inv.open_amount, p.amount - p.applied)
            if x:
                allocate(uow, inv, x, max(p.received_on, inv.doc_date), AllocationSource.PREPAYMENT,
                         prepayment=p, order=order)
                applied += x
    return applied


def open_invoices_of_order(uow: UnitOfWork, order_id: int) -> list[Receivable]:
    return list(uow.session.scalars(
        select(Receivable).where(Receivable.order_id == order_id,
                                 Receivable.kind == DocumentKind.INVOICE.value,
                                 Receivable.open_amount > 0)
        .order_by(Receivable.doc_date, Receivable.id)))


def raise_invoice(uow: UnitOfWork, order: SalesOrder, shipment: Shipment) -> Receivable:
    """The shipment's invoice, due on the ship date + the order's days to pay; the order's
    prepayment settles it as far as it goes."""
    inv = Receivable(
        doc_no=next_number(uow, DOC_PREFIX[DocumentKind.INVOICE], shipment.ship_date),
        kind=DocumentKind.INVOICE.value, customer_id=order.customer_id, rep_id=order.rep_id,
        doc_date=shipment.ship_date, due_date=due_date(shipment.ship_date, order_terms(order)),
        amount=shipment.value, open_amount=shipment.value, order_id=order.id, shipment_id=shipment.id,
        description=shipment.number, created_by_id=current_actor(uow).user_id, created_at=uow.clock())
    uow.session.add(inv)
    uow.session.flush()
    apply_prepayments(uow, order, [inv])
    return inv


def raise_credit_note(uow: UnitOfWork, order: SalesOrder, ret: DispatchReturn) -> Receivable:
    """The return's credit note (a negative amount), applied first to the invoice of the
    shipment the goods came from; what that invoice no longer owes stays open on the note
    and lowers the customer's balance all the same."""
    cn = Receivable(
        doc_no=next_number(uow, DOC_PREFIX[DocumentKind.CREDIT_NOTE], ret.returned_on),
        kind=DocumentKind.CREDIT_NOTE.value, customer_id=order.customer_id, rep_id=order.rep_id,
        doc_date=ret.returned_on, due_date=ret.returned_on, amount=-ret.value, open_amount=-ret.value,
        order_id=order.id, shipment_id=ret.shipment_id, return_id=ret.id, description=ret.number,
        created_by_id=current_actor(uow).user_id, created_at=uow.clock())
    uow.session.add(cn)
    uow.session.flush()
    invoice = uow.session.scalar(select(Receivable).where(
        Receivable.shipment_id == ret.shipment_id, Receivable.kind == DocumentKind.INVOICE.value))
    if invoice is not None:
        x = settle(invoice.open_amount, -cn.open_amount)
        if x:
            allocate(uow, invoice, x, ret.returned_on, AllocationSource.CREDIT_NOTE, credit_note=cn)
    return cn


# -- the customer ledger's basics ---------------------------------------------------------------


@dataclass(frozen=True)
class LedgerRow:
    on: date
    kind: str  # domain.receivables.DocumentKind, or "prepayment"
    doc_no: str
    reference: str  # the shipment, return or order it came from
    debit: int  # what the customer owes more
    credit: int  # what it owes less
    balance: int  # running
    due_date: date | None
    open_amount: int | None  # documents: still open today


@dataclass(frozen=True)
class LedgerView:
    customer_id: int
    code: str
    name: str
    rows: tuple[LedgerRow, ...]
    invoiced: int
    credited: int
    received: int
    balance: int
    open_receivables: int
    overdue: int  # open invoices past their due date today


PREPAYMENT_KIND = "prepayment"


def iter_ledger(uow: UnitOfWork, customer_id: int) -> Iterator[LedgerRow]:
    """Documents and prepayments by date, then in the order they were entered, with the
    running balance."""
    docs = uow.session.execute(
        select(Receivable.doc_date, Receivable.created_at, Receivable.id, Receivable.kind,
               Receivable.doc_no, Receivable.description, Receivable.amount, Receivable.due_date,
               Receivable.open_amount)
        .where(Receivable.customer_id == customer_id)).all()
    pays = uow.session.execute(
        select(OrderPrepayment.received_on, OrderPrepayment.recorded_at, OrderPrepayment.id,
               OrderPrepayment.reference, SalesOrder.number, OrderPrepayment.amount)
        .join(SalesOrder, SalesOrder.id == OrderPrepayment.order_id)
        .where(OrderPrepayment.customer_id == customer_id)).all()
    entries = ([((d.doc_date, d.created_at, 0, d.id), d) for d in docs]
               + [((p.received_on, p.recorded_at, 1, p.id), p) for p in pays])
    balance = 0
    for (_on, _at, is_payment, _id), e in sorted(entries, key=lambda t: t[0]):
        if is_payment:
            balance -= e.amount
            yield LedgerRow(e.received_on, PREPAYMENT_KIND, e.reference, e.number, 0, e.amount, balance,
                            None, None)
        else:
            balance += e.amount
            yield LedgerRow(e.doc_date, e.kind, e.doc_no, e.description, max(e.amount, 0),
                            max(-e.amount, 0), balance, e.due_date, e.open_amount)


@service(Perm.RECEIVABLE_VIEW, read_only=True)
def customer_ledger(uow: UnitOfWork, customer_id: int) -> LedgerView:
    """Invoices, credit notes and prepayments received, with the running balance."""
    c = visible_customer(uow, customer_id)
    rows = tuple(iter_ledger(uow, c.id))
    today = business_today(uow)
    open_total, overdue = uow.session.execute(
        select(func.coalesce(func.sum(Receivable.open_amount), 0),
               func.coalesce(func.sum(Receivable.open_amount).filter(
                   Receivable.due_date < today, Receivable.open_amount > 0), 0))
        .where(Receivable.customer_id == c.id)).one()
    invoiced = sum(r.debit for r in rows)
    credited = sum(r.credit for r in rows if r.kind != PREPAYMENT_KIND)
    received = sum(r.credit for r in rows if r.kind == PREPAYMENT_KIND)
    return LedgerView(c.id, c.code, c.name, rows, invoiced, credited, received,
                      invoiced - credited - received, int(open_total), int(overdue))


def order_terms(o: SalesOrder) -> PaymentTerms:
    return PaymentTerms(o.prepayment_percent, o.days_to_pay, o.cash_on_delivery)
