"""The relationship log [客户关系维护]: visits, return visits [回访], complaints [投诉]
with their handling, returns and exchanges [退换货]."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from sales_desk.models.base import Base, UTCDateTime, utcnow


class Interaction(Base):
    __tablename__ = "customer_interactions"
    __table_args__ = (
        Index("ix_customer_interactions_customer_on", "customer_id", "occurred_on"),
        Index("ix_customer_interactions_kind_status", "kind", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))  # domain.customers.InteractionKind
    occurred_on: Mapped[date] = mapped_column(Date)
    contact_person: Mapped[str] = mapped_column(String(100), default="")
    subject: Mapped[str] = mapped_column(String(200))
    detail: Mapped[str] = mapped_column(Text, default="")
    # returns/exchanges: the goods and their value (minor units)
    goods: Mapped[str] = mapped_column(Text, default="")
    amount: Mapped[int | None] = mapped_column(BigInteger)
    # complaints and returns are handled: open → closed, with what was done [处理结果]
    status: Mapped[str] = mapped_column(String(16), default="closed")
    handling: Mapped[str] = mapped_column(Text, default="")
    handled_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    handled_on: Mapped[date | None] = mapped_column(Date)
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
