"""Products with their approved price ranges [定价区间], sales orders/contracts [销售合同]
with lines, their approvals (price below the floor, major-contract review, credit
override) and the prepayments finance records on them. Rules in domain/orders/contracts.py,
domain/orders/pricing.py; flow in services/orders/entry.py, services/orders/approvals.py.

The order row keeps its running money figures (total, shipped value, prepayment
required/received/applied) so that a customer's approved-but-unshipped credit is read
from a handful of order rows, never from their lines (ix_sales_orders_customer_status).
Order lines keep the price range as it stood when the order was submitted.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
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


class Product(Base, Versioned):
    """A product with its unit, list price and the range the sales VP approved."""

    __tablename__ = "products"
    __table_args__ = (
        CheckConstraint("0 < floor_price AND floor_price <= list_price AND list_price <= ceiling_price",
                        name="price_range"),
        Index("ix_products_active_code", "active", "code"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    # code and name as typed, in full pinyin and initials (domain/common/pinyin_keys.py):
    # a product is found as a customer is; a few hundred rows, so no index of its own
    search_text: Mapped[str] = mapped_column(Text, default="")
    spec: Mapped[str] = mapped_column(String(200), default="")  # 规格型号
    unit: Mapped[str] = mapped_column(String(16))  # 台, 箱, kg…
    list_price: Mapped[int] = mapped_column(Money)
    floor_price: Mapped[int] = mapped_column(Money)
    ceiling_price: Mapped[int] = mapped_column(Money)
    # the standard cost per unit [成本], for each rep's gross profit contribution (issue 19)
    unit_cost: Mapped[int] = mapped_column(Money, default=0, server_default="0")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    price_set_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    price_set_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # See Customer.version: a form saves only over the version it loaded.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    __mapper_args__ = {"version_id_col": version, "version_id_generator": False}


class DocumentCounter(Base):
    """The last number given per document prefix and year (SO2026-00042): no gaps in
    committed documents, one writer at a time per prefix (the row is locked by UPDATE)."""

    __tablename__ = "document_counters"

    prefix: Mapped[str] = mapped_column(String(8), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last: Mapped[int] = mapped_column(Integer, default=0)


class SalesOrder(Base, Versioned):
    """An order/contract with its payment and delivery terms and its state."""

    __tablename__ = "sales_orders"
    __table_args__ = (
        # a customer's orders holding credit: approved and partly shipped
        Index("ix_sales_orders_customer_status", "customer_id", "status"),
        # the dispatch notices: approved orders oldest approval first
        Index("ix_sales_orders_status_approved", "status", "approved_at", "id"),
        Index("ix_sales_orders_rep_id", "rep_id", "id"),
        CheckConstraint("prepayment_percent BETWEEN 0 AND 100", name="prepayment_percent"),
        CheckConstraint("shipped_value <= total", name="shipped_within_total"),
        CheckConstraint("prepayment_applied <= prepayment_received", name="prepayment_applied"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)  # the contract number
    revision: Mapped[int] = mapped_column(Integer, default=0)  # +1 on each submission
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    rep_id: Mapped[int] = mapped_column(ForeignKey("users.id"))  # responsible [业务员]
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    status: Mapped[str] = mapped_column(String(16), default="draft")  # domain.orders.OrderStatus
    order_date: Mapped[date] = mapped_column(Date)

    # payment terms [付款方式]
    prepayment_percent: Mapped[int] = mapped_column(Integer, default=0)
    days_to_pay: Mapped[int] = mapped_column(Integer, default=0)
    cash_on_delivery: Mapped[bool] = mapped_column(Boolean, default=False)
    # delivery terms [交货条款]
    delivery_terms: Mapped[str] = mapped_column(Text, default="")
    delivery_address: Mapped[str] = mapped_column(Text, default="")
    delivery_date: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")

    # running figures, minor units
    total: Mapped[int] = mapped_column(Money, default=0)
    shipped_value: Mapped[int] = mapped_column(Money, default=0)
    returned_value: Mapped[int] = mapped_column(Money, default=0)
    prepayment_required: Mapped[int] = mapped_column(Money, default=0)
    prepayment_received: Mapped[int] = mapped_column(Money, default=0)
    prepayment_applied: Mapped[int] = mapped_column(Money, default=0)
    needs_price_approval: Mapped[bool] = mapped_column(Boolean, default=False)
    major: Mapped[bool] = mapped_column(Boolean, default=False)

    # the steps, who and when
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    signed_on: Mapped[date | None] = mapped_column(Date)
    signed_recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    blocked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    blocked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))  # ran the check
    block_reason: Mapped[str] = mapped_column(String(16), default="")  # domain.orders.BlockReason
    block_excess: Mapped[int | None] = mapped_column(Money)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    end_reason: Mapped[str] = mapped_column(Text, default="")  # why closed early or cancelled
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # moved on once per transaction that changes the row (models/versioned.py, migration 0032)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    __mapper_args__ = {"version_id_col": version, "version_id_generator": False}

    lines: Mapped[list[OrderLine]] = relationship(
        back_populates="order", cascade="all, delete-orphan", lazy="raise", order_by="OrderLine.line_no")


class OrderLine(Base):
    __tablename__ = "sales_order_lines"
    __table_args__ = (
        UniqueConstraint("order_id", "line_no"),
        CheckConstraint("quantity > 0", name="quantity_positive"),
        CheckConstraint("shipped_qty BETWEEN 0 AND quantity", name="shipped_within_ordered"),
        CheckConstraint("returned_qty BETWEEN 0 AND shipped_qty", name="returned_within_shipped"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("sales_orders.id", ondelete="CASCADE"))
    line_no: Mapped[int] = mapped_column(Integer)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    quantity: Mapped[int] = mapped_column(Integer)  # whole units of the product's unit
    unit_price: Mapped[int] = mapped_column(Money)
    amount: Mapped[int] = mapped_column(Money)
    # the range as it stood at submission
    list_price: Mapped[int] = mapped_column(Money)
    floor_price: Mapped[int] = mapped_column(Money)
    ceiling_price: Mapped[int] = mapped_column(Money)
    below_floor: Mapped[bool] = mapped_column(Boolean, default=False)
    shipped_qty: Mapped[int] = mapped_column(Integer, default=0)
    returned_qty: Mapped[int] = mapped_column(Integer, default=0)
    note: Mapped[str] = mapped_column(Text, default="")
    order: Mapped[SalesOrder] = relationship(back_populates="lines", lazy="raise")


class OrderApproval(Base):
    """A decision on an order: price below the floor, major review (approved or not), or a
    credit override [书面批准] with its reason and amount. One per kind and submission;
    an override only once per order (the revision is fixed from signing on)."""

    __tablename__ = "sales_order_approvals"
    __table_args__ = (UniqueConstraint("order_id", "kind", "revision"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("sales_orders.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))  # domain.orders.ApprovalKind
    revision: Mapped[int] = mapped_column(Integer)
    approved: Mapped[bool] = mapped_column(Boolean)
    note: Mapped[str] = mapped_column(Text, default="")  # the reason, in writing
    # override: the credit beyond the available it allows; reviews: the total reviewed
    amount: Mapped[int | None] = mapped_column(Money)
    exposure: Mapped[int | None] = mapped_column(Money)  # override: the credit the order asked
    available: Mapped[int | None] = mapped_column(Money)  # override: available before it
    approver_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class OrderPrepayment(Base):
    """A prepayment receipt [预付货款] finance records on the order (until collections
    records receipts in general); applied to the order's invoices as it ships."""

    __tablename__ = "order_prepayments"
    __table_args__ = (
        CheckConstraint("amount > 0", name="amount_positive"),
        CheckConstraint("applied BETWEEN 0 AND amount", name="applied_within_amount"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("sales_orders.id"), index=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    amount: Mapped[int] = mapped_column(Money)
    received_on: Mapped[date] = mapped_column(Date)
    method: Mapped[str] = mapped_column(String(16))  # transfer, cheque, cash…
    reference: Mapped[str] = mapped_column(String(100), default="")
    applied: Mapped[int] = mapped_column(Money, default=0)
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
