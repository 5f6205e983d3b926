"""Distributors [经销商], their stock reports [进销存] and rebates [返利] (rules:
domain/collections/rebates.py; services/collections/distributors.py and rebates.py).

- `distributors`: a customer marked as one, with its distribution agreement [经销协议].
- `distributor_stock`: per distributor, product and month (the month's first day) what the
  rep entered from the distributor's report; one row per month, corrected in place (audited).
- `rebate_agreements` with `rebate_tiers`: the rates, proposed by the sales manager,
  approved by the general manager, in force for [valid_from, valid_to].
- `rebates`: one per agreement and period while not refused (a partial unique index:
  "a rebate is paid once"); `rebate_items` the shipments and returns behind its figure;
  paid as a credit note in the receivables ledger (credit_note_id, unique).
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
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from sales_desk.models.base import Base, UTCDateTime, utcnow

Money = BigInteger  # minor units


class Distributor(Base):
    __tablename__ = "distributors"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), unique=True)
    agreement_no: Mapped[str] = mapped_column(String(40))
    signed_on: Mapped[date] = mapped_column(Date)
    territory: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    marked_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    marked_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class StockReport(Base):
    __tablename__ = "distributor_stock"
    __table_args__ = (
        UniqueConstraint("customer_id", "product_id", "period", name="uq_distributor_stock_month"),
        CheckConstraint("opening >= 0 AND received >= 0 AND sold >= 0 AND closing >= 0", name="not_negative"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    period: Mapped[date] = mapped_column(Date)  # the month's first day
    opening: Mapped[int] = mapped_column(Integer)
    received: Mapped[int] = mapped_column(Integer)
    sold: Mapped[int] = mapped_column(Integer)
    closing: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")
    entered_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    entered_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class RebateAgreement(Base):
    __tablename__ = "rebate_agreements"
    __table_args__ = (Index("ix_rebate_agreements_customer", "customer_id", "valid_from"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    basis: Mapped[str] = mapped_column(String(16))  # domain Basis
    period_kind: Mapped[str] = mapped_column(String(16))  # domain PeriodKind
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16))  # proposed, approved, refused
    note: Mapped[str] = mapped_column(Text, default="")
    proposed_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    proposed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decision_note: Mapped[str] = mapped_column(Text, default="")


class RebateTier(Base):
    __tablename__ = "rebate_tiers"
    __table_args__ = (UniqueConstraint("agreement_id", "from_volume", name="uq_rebate_tiers_threshold"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("rebate_agreements.id"))
    from_volume: Mapped[int] = mapped_column(BigInteger)
    rate_bp: Mapped[int] = mapped_column(Integer)


class Rebate(Base):
    __tablename__ = "rebates"
    __table_args__ = (
        # a rebate is paid once: one live rebate per agreement and period. Partial on PostgreSQL
        # too (migration 0030); not named here, as naming it loads that dialect at every start.
        Index("uq_rebates_live_period", "agreement_id", "period_start", unique=True,
              sqlite_where=text("status <> 'refused'")),
        Index("ix_rebates_status", "status", "id"),
        Index("ix_rebates_customer", "customer_id", "period_start"),
        CheckConstraint("amount >= 0", name="amount_not_negative"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("rebate_agreements.id"))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    shipped_qty: Mapped[int] = mapped_column(Integer)
    returned_qty: Mapped[int] = mapped_column(Integer)
    shipped_amount: Mapped[int] = mapped_column(Money)
    returned_amount: Mapped[int] = mapped_column(Money)
    volume: Mapped[int] = mapped_column(Money)
    rate_bp: Mapped[int] = mapped_column(Integer)
    amount: Mapped[int] = mapped_column(Money)
    status: Mapped[str] = mapped_column(String(16))  # proposed, approved, refused, paid
    proposed_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    proposed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decision_note: Mapped[str] = mapped_column(Text, default="")
    paid_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    paid_on: Mapped[date | None] = mapped_column(Date)
    credit_note_id: Mapped[int | None] = mapped_column(ForeignKey("receivables.id"), unique=True)


class RebateItem(Base):
    """A shipment or a return behind a rebate's figure (signed: returns negative)."""

    __tablename__ = "rebate_items"
    __table_args__ = (Index("ix_rebate_items_rebate", "rebate_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    rebate_id: Mapped[int] = mapped_column(ForeignKey("rebates.id"))
    shipment_id: Mapped[int] = mapped_column(ForeignKey("shipments.id"))
    return_id: Mapped[int | None] = mapped_column(ForeignKey("dispatch_returns.id"))
    moved_on: Mapped[date] = mapped_column(Date)
    quantity: Mapped[int] = mapped_column(Integer)
    amount: Mapped[int] = mapped_column(Money)
