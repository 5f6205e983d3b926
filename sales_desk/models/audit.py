"""The append-only, hash-chained audit trail (see domain/admin/audit_chain.py)."""

from __future__ import annotations

from sqlalchemy import Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from sales_desk.models.base import Base


class AuditEntry(Base):
    __tablename__ = "audit_log"
    # entity: a record's history; at: the trail filtered to a day or a span
    __table_args__ = (Index("ix_audit_log_entity", "entity", "entity_id"), Index("ix_audit_log_at", "at"))

    # seq is assigned by the writer (last + 1) under the write lock: the chain needs
    # a gap-free order that does not depend on autoincrement behaviour.
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[str] = mapped_column(String(40))
    user_id: Mapped[int | None] = mapped_column(Integer)
    username: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64), index=True)
    entity: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[str] = mapped_column(String(64))
    before: Mapped[str | None] = mapped_column(Text)
    after: Mapped[str | None] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    # The author's Ed25519 signature of `hash` (domain/admin/signatures.py); outside the
    # hash, which it signs. None for rows the program writes with no one logged in.
    signature: Mapped[str | None] = mapped_column(String(128))
