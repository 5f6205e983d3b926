"""Receivables [应收账款]: the documents collections works on, and their allocations.

Design (issue 4 raises the documents; issue 5, collections, adds receipts):

`receivables` — one row per document that changes what a customer owes:
- kind: invoice (raised by a shipment), credit_note (raised by a return), opening
  (an opening balance imported by collections); domain.receivables.DocumentKind;
- doc_no (unique: INV2026-00001, CN2026-00001 from document_counters; imported
  opening balances keep the customer's number, prefixed by the importer if needed),
  doc_date (the business date: ship date, return date), due_date (invoice: ship date
  + the order's days to pay; credit note: its date);
- amount in minor units, SIGNED: debit documents positive, credit notes negative;
  open_amount with the same sign, moving toward 0 as allocations apply; settled_on is
  the date it reached 0 (a recovered bad debt's refund month, issue 5);
- customer_id, rep_id (responsible when raised: the order's rep; liability 5:3:2
  finds the manager and the VP by role), order/shipment/return it came from.

`receivable_allocations` — a credit applied to one debit document on a date:
- receivable_id: the debit document (invoice, opening) it settles; amount > 0, or < 0 for
  a receipt's reversal undoing its allocation (same receipt_id); applied_on: the business
  date from which it counts — so every "open at D = open today + Σ allocations after D"
  (aging, liability, year end) holds across a bounced cheque;
- the source, exactly one of: credit_note_id (a credit note's open amount moves up
  by the amount), prepayment_id (the prepayment's `applied` grows). Collections adds
  a nullable receipt_id (and write-off) column the same way: one source per row is a
  service rule, not a CHECK, so adding a source is an additive migration.
- The services keep open_amount = amount − Σ allocations in the same transaction.

What this gives collections:
- today's open items and aging from one covering index (customer_id, due_date,
  open_amount) — DESIGN's measured aging query, no join;
- aging as of any date D: debit documents with doc_date ≤ D, open at D = amount −
  Σ allocations with applied_on ≤ D (ix on (receivable_id, applied_on)); a credit
  note's unapplied rest counts from its own date;
- the ledger: documents and receipts (prepayments until then) by date with a running
  balance; the balance = Σ amount − Σ money received (applied or not).
- the credit position (SPEC §3): open receivables = Σ open_amount; a prepayment not yet
  applied lowers the credit of the order it was paid for (domain.orders.credit_exposure).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from sales_desk.models.base import Base, UTCDateTime, utcnow

Money = BigInteger  # minor units


class Receivable(Base):
    __tablename__ = "receivables"
    __table_args__ = (
        # aging and the credit position read (customer, due date, open amount) from the index alone
        Index("ix_receivables_customer_due_open", "customer_id", "due_date", "open_amount"),
        Index("ix_receivables_due_date", "due_date"),
        Index("ix_receivables_rep_id", "rep_id"),
        Index("ix_receivables_shipment_id", "shipment_id"),
        Index("ix_receivables_order_id", "order_id"),
        # aging as of a past date: the documents raised after it, read from the index alone
        Index("ix_receivables_doc_date_cover", "doc_date", "customer_id", "due_date", "open_amount", "amount"),
        # the debits open now, few beside all ever raised: the overdue warning and the year-end
        # clearance read them alone (a credit note's open amount is never above 0)
        Index("ix_receivables_open_debits", "customer_id", "due_date", "open_amount", "doc_date", "rep_id",
              sqlite_where=text("open_amount > 0")),
        CheckConstraint("(amount >= 0 AND open_amount BETWEEN 0 AND amount) OR "
                        "(amount < 0 AND open_amount BETWEEN amount AND 0)", name="open_within_amount"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    doc_no: Mapped[str] = mapped_column(String(40), unique=True)
    kind: Mapped[str] = mapped_column(String(16))  # domain.receivables.DocumentKind
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    rep_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    doc_date: Mapped[date] = mapped_column(Date)
    due_date: Mapped[date] = mapped_column(Date)
    amount: Mapped[int] = mapped_column(Money)  # signed: credit notes negative
    open_amount: Mapped[int] = mapped_column(Money)
    settled_on: Mapped[date | None] = mapped_column(Date)
    order_id: Mapped[int | None] = mapped_column(ForeignKey("sales_orders.id"))
    shipment_id: Mapped[int | None] = mapped_column(ForeignKey("shipments.id"))
    return_id: Mapped[int | None] = mapped_column(ForeignKey("dispatch_returns.id"))
    description: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ReceivableAllocation(Base):
    __tablename__ = "receivable_allocations"
    __table_args__ = (
        Index("ix_receivable_allocations_receivable_applied", "receivable_id", "applied_on"),
        Index("ix_receivable_allocations_credit_note_id", "credit_note_id"),
        Index("ix_receivable_allocations_prepayment_id", "prepayment_id"),
        # aging as of a past date adds back what was applied after it, read from the index alone
        Index("ix_receivable_allocations_applied_cover", "applied_on", "receivable_id", "amount", "credit_note_id"),
        Index("ix_receivable_allocations_receipt_id", "receipt_id"),
        Index("ix_receivable_allocations_write_off_id", "write_off_id"),
        # negative: a receipt's reversal (a bounced cheque) undoing its allocation from that day
        CheckConstraint("amount <> 0", name="amount_not_zero"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    receivable_id: Mapped[int] = mapped_column(ForeignKey("receivables.id"))
    amount: Mapped[int] = mapped_column(Money)
    applied_on: Mapped[date] = mapped_column(Date)
    source: Mapped[str] = mapped_column(String(16))  # domain.receivables.AllocationSource
    credit_note_id: Mapped[int | None] = mapped_column(ForeignKey("receivables.id"))
    prepayment_id: Mapped[int | None] = mapped_column(ForeignKey("order_prepayments.id"))
    receipt_id: Mapped[int | None] = mapped_column(ForeignKey("receipts.id"))  # models/collections.py
    write_off_id: Mapped[int | None] = mapped_column(ForeignKey("write_offs.id"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
