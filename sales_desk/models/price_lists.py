"""Price lists in versions [产品定价] and the prepayment paperwork [缴款单, 缴款明细单]
(domain/orders/price_lists.py, domain/orders/payment_slips.py).

A price list keeps who took each step and when; its lines keep the range proposed and the
unit cost finance checked. A payment slip carries its detail sheet's fields once finance
fills them, and points at the prepayment that sheet recorded on the order.
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
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sales_desk.models.base import Base, UTCDateTime, utcnow
from sales_desk.models.versioned import Versioned

Money = BigInteger  # minor units


class PriceList(Base, Versioned):
    __tablename__ = "price_lists"
    __table_args__ = (Index("ix_price_lists_status_effective", "status", "effective_from"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(Integer, unique=True)
    status: Mapped[str] = mapped_column(String(16))  # domain.orders.price_lists.PriceListStatus
    effective_from: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text, default="")
    proposed_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    proposed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    cost_checked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    cost_checked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cost_note: Mapped[str] = mapped_column(Text, default="")
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    review_note: Mapped[str] = mapped_column(Text, default="")
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    returned_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    returned_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    return_note: Mapped[str] = mapped_column(Text, default="")
    # The record's version as Customer.version (migration 0033); `version` is the list's number.
    revision: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    version_attr = "revision"

    __mapper_args__ = {"version_id_col": revision, "version_id_generator": False}

    lines: Mapped[list[PriceListLine]] = relationship(
        back_populates="price_list", cascade="all, delete-orphan", lazy="raise", order_by="PriceListLine.id")


class PriceListLine(Base):
    __tablename__ = "price_list_lines"
    __table_args__ = (
        UniqueConstraint("price_list_id", "product_id"),
        CheckConstraint("0 < floor_price AND floor_price <= list_price AND list_price <= ceiling_price",
                        name="price_range"),
        Index("ix_price_list_lines_product", "product_id", "price_list_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    price_list_id: Mapped[int] = mapped_column(ForeignKey("price_lists.id", ondelete="CASCADE"))
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    list_price: Mapped[int] = mapped_column(Money)
    floor_price: Mapped[int] = mapped_column(Money)
    ceiling_price: Mapped[int] = mapped_column(Money)
    unit_cost: Mapped[int | None] = mapped_column(Money)  # finance's cost check
    price_list: Mapped[PriceList] = relationship(back_populates="lines", lazy="raise")


class PaymentSlip(Base):
    """The rep's payment slip [缴款单] and, once finance fills it, its detail sheet [缴款明细单]."""

    __tablename__ = "payment_slips"
    __table_args__ = (
        CheckConstraint("amount > 0", name="amount_positive"),
        Index("ix_payment_slips_order", "order_id", "status"),
        Index("ix_payment_slips_status", "status", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)  # PS2026-00001
    order_id: Mapped[int] = mapped_column(ForeignKey("sales_orders.id"))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    amount: Mapped[int] = mapped_column(Money)
    method: Mapped[str] = mapped_column(String(16))  # domain.collections.receivables.PaymentMethod
    note: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16))  # domain.orders.payment_slips.SlipStatus
    filled_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    filled_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decision_note: Mapped[str] = mapped_column(Text, default="")
    # the detail sheet
    detail_number: Mapped[str | None] = mapped_column(String(32), unique=True)  # PD2026-00001
    received_on: Mapped[date | None] = mapped_column(Date)
    reference: Mapped[str] = mapped_column(String(100), default="")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    prepayment_id: Mapped[int | None] = mapped_column(ForeignKey("order_prepayments.id"))
