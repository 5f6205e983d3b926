"""Statements of account [对账单] and the customer's replies (rules:
domain/collections/statements.py, flow: services/collections/statements.py).

`account_statements` — one row per statement issued: the customer, the period, the
figures it showed (kept, so the list and the checks never re-read the ledger), the
document of record that holds its printed bytes (its number is the statement's number),
and the reply once recorded. A confirmed statement is never changed again.

`statement_differences` — each difference the customer raised on a statement: the amount
and their reason, open until finance resolves it with a note.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from sales_desk.models.base import Base, UTCDateTime, utcnow

Money = BigInteger  # minor units


class AccountStatement(Base):
    __tablename__ = "account_statements"
    __table_args__ = (
        UniqueConstraint("document_id", name="uq_account_statements_document"),
        Index("ix_account_statements_customer", "customer_id", "period_to"),
        Index("ix_account_statements_status", "status", "issued_on"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(32))  # the document of record's number (DR2026-00001)
    document_id: Mapped[int] = mapped_column(ForeignKey("issued_documents.id"))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    rep_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))  # the customer's rep when issued
    period_from: Mapped[date] = mapped_column(Date)
    period_to: Mapped[date] = mapped_column(Date)
    language: Mapped[str] = mapped_column(String(8))
    opening: Mapped[int] = mapped_column(Money)
    invoices: Mapped[int] = mapped_column(Money)
    receipts: Mapped[int] = mapped_column(Money)
    credit_notes: Mapped[int] = mapped_column(Money)
    write_offs: Mapped[int] = mapped_column(Money)
    closing: Mapped[int] = mapped_column(Money)
    status: Mapped[str] = mapped_column(String(16))  # domain.statements.StatementStatus
    issued_on: Mapped[date] = mapped_column(Date)
    issued_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    replied_on: Mapped[date | None] = mapped_column(Date)  # the day the customer's slip came back
    reply_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))  # who recorded it
    reply_note: Mapped[str] = mapped_column(Text, default="")  # who signed for the customer, etc.


class StatementDifference(Base):
    __tablename__ = "statement_differences"
    __table_args__ = (Index("ix_statement_differences_statement", "statement_id"),
                      Index("ix_statement_differences_open", "resolved_on"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    statement_id: Mapped[int] = mapped_column(ForeignKey("account_statements.id"))
    amount: Mapped[int] = mapped_column(Money)  # signed: + the customer says they owe more
    reason: Mapped[str] = mapped_column(Text)
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    resolved_on: Mapped[date | None] = mapped_column(Date)
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    resolution: Mapped[str] = mapped_column(Text, default="")
