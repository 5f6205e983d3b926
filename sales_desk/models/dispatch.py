"""Shipments [发货] with carrier, tracking number, freight, insurance and the hand-over
[交接], returns [退货], and the movements that make the dispatch register [发货登记].

Every line that leaves or comes back is one row of `dispatch_movements`: the register
is a keyset-paged query over it (ix on (moved_on, id), and per customer and product),
with the shipment or return as its header. A return line points at the shipped line
it reverses; the shipped line counts what has come back.
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
)
from sqlalchemy.orm import Mapped, mapped_column

from sales_desk.models.base import Base, UTCDateTime, utcnow

Money = BigInteger  # minor units


class Shipment(Base):
    __tablename__ = "shipments"
    __table_args__ = (
        CheckConstraint("freight >= 0 AND insurance >= 0", name="charges"),
        Index("ix_shipments_order_id", "order_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)  # the dispatch note [发货单]
    order_id: Mapped[int] = mapped_column(ForeignKey("sales_orders.id"))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    ship_date: Mapped[date] = mapped_column(Date)
    carrier: Mapped[str] = mapped_column(String(100), default="")
    tracking_no: Mapped[str] = mapped_column(String(64), default="")
    freight: Mapped[int] = mapped_column(Money, default=0)  # our cost, not invoiced
    insurance: Mapped[int] = mapped_column(Money, default=0)
    value: Mapped[int] = mapped_column(Money, default=0)  # goods shipped, at the order's prices
    checked: Mapped[bool] = mapped_column(Boolean, default=False)  # notice checked against the order
    note: Mapped[str] = mapped_column(Text, default="")
    shipped_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    shipped_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # the hand-over to the carrier or the customer [交接]
    handed_over_on: Mapped[date | None] = mapped_column(Date)
    received_by: Mapped[str] = mapped_column(String(100), default="")
    handover_note: Mapped[str] = mapped_column(Text, default="")
    handover_recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    handover_recorded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class DispatchReturn(Base):
    """Goods sent back against one shipment; raises a credit note."""

    __tablename__ = "dispatch_returns"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    shipment_id: Mapped[int] = mapped_column(ForeignKey("shipments.id"), index=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("sales_orders.id"), index=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    returned_on: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)
    value: Mapped[int] = mapped_column(Money, default=0)
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Movement(Base):
    """One line out (shipped) or back in (returned): a row of the dispatch register."""

    __tablename__ = "dispatch_movements"
    __table_args__ = (
        Index("ix_dispatch_movements_moved_on_id", "moved_on", "id"),
        Index("ix_dispatch_movements_customer_moved", "customer_id", "moved_on", "id"),
        Index("ix_dispatch_movements_product_moved", "product_id", "moved_on", "id"),
        Index("ix_dispatch_movements_order_id", "order_id"),
        Index("ix_dispatch_movements_shipment_id", "shipment_id"),
        CheckConstraint("quantity > 0", name="quantity_positive"),
        CheckConstraint("returned_qty BETWEEN 0 AND quantity", name="returned_within_quantity"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(8))  # domain.dispatch.MovementKind
    moved_on: Mapped[date] = mapped_column(Date)
    shipment_id: Mapped[int] = mapped_column(ForeignKey("shipments.id"))
    return_id: Mapped[int | None] = mapped_column(ForeignKey("dispatch_returns.id"))
    reverses_id: Mapped[int | None] = mapped_column(ForeignKey("dispatch_movements.id"))
    order_id: Mapped[int] = mapped_column(ForeignKey("sales_orders.id"))
    order_line_id: Mapped[int] = mapped_column(ForeignKey("sales_order_lines.id"), index=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    quantity: Mapped[int] = mapped_column(Integer)  # always positive; kind gives the direction
    unit_price: Mapped[int] = mapped_column(Money)
    amount: Mapped[int] = mapped_column(Money)
    returned_qty: Mapped[int] = mapped_column(Integer, default=0)  # out lines: come back so far
