"""Seats: one row per log-in on a machine, while it lasts (issue 17). The administrator sees
them and can end one; the service check (services/common/base.py) refuses an ended seat's
next call."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from sales_desk.models.base import Base, UTCDateTime, utcnow


class Seat(Base):
    __tablename__ = "seats"
    __table_args__ = (Index("ix_seats_ended_at", "ended_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    machine: Mapped[str] = mapped_column(String(128))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # None: the seat logged out itself; else the administrator who ended it
    ended_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
