"""Fault records on debts charged for staff liability [回款责任: 故意或重大过失] (seed 001 客户信用
管理制度 第19条 3; rules in domain/collections/liability.py, flow in
services/collections/liability_faults.py).

One row per determination the sales manager records on a debt (a receivable): fault
(intent or gross negligence, final at once) or no fault (an exemption for the general
manager). A rejected exemption stays as history; the debt's live record is its one row
in status final, pending or exempted, and every charge and refund on the debt follows it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from sales_desk.models.base import Base, UTCDateTime, utcnow


class LiabilityFault(Base):
    __tablename__ = "liability_faults"
    __table_args__ = (Index("ix_liability_faults_receivable_id", "receivable_id"),
                      Index("ix_liability_faults_status", "status"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    receivable_id: Mapped[int] = mapped_column(ForeignKey("receivables.id"))
    finding: Mapped[str] = mapped_column(String(20))  # domain.liability.Finding
    reason: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16))  # domain.liability.RecordStatus
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))  # the GM, on an exemption
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decision_note: Mapped[str] = mapped_column(Text, default="")
