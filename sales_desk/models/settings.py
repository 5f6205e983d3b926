"""Settings (key → JSON value; defaults in domain/admin/settings.py) and policy versions."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from sales_desk.models.base import Base, UTCDateTime, utcnow
from sales_desk.models.versioned import Versioned


class Setting(Base, Versioned):
    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # See Customer.version: a form saves only over the version it loaded (migration 0033).
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    __mapper_args__ = {"version_id_col": version, "version_id_generator": False}


class PolicyVersion(Base):
    """A proposed change of the business numbers; once approved, a version of the policy.

    `changes` holds only the numbers it changes (JSON key → value): the numbers in force
    on a day are the approved versions up to that day laid over each other
    (domain/admin/policy.py). `number` is given at approval: versions count 1, 2, 3…
    """

    __tablename__ = "policy_versions"
    __table_args__ = (Index("ix_policy_versions_status", "status", "effective_from"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[int | None] = mapped_column(Integer, unique=True)
    group: Mapped[str] = mapped_column(String(32))  # PolicyGroup; "all" for version 1
    status: Mapped[str] = mapped_column(String(16))  # ProposalStatus
    changes: Mapped[str] = mapped_column(Text)
    effective_from: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text, default="")
    proposed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    proposed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decision_note: Mapped[str] = mapped_column(Text, default="")
