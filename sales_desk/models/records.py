"""Documents of record and the refusals log.

An issued document [正式文件] is a printed form as it left the firm: numbered (DR2026-00001),
dated, who issued it and about what, its bytes kept (document_contents) and their SHA-256
written here and into the audit chain. Every later output (print, save) is logged in
document_outputs; the first is the original, the rest are copies [副本]. All three tables
are append-only: a document is never changed, only issued again as a new edition.

The refusals log holds every refused attempt (no right, one's own approval, a rule's
refusal), hash-chained like the audit trail (domain/admin/audit_chain.py) and written after
the refused transaction rolled back.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from sales_desk.models.base import Base, UTCDateTime


class IssuedDocument(Base):
    __tablename__ = "issued_documents"
    __table_args__ = (
        # One edition per number of a form about one subject in one language: two seats
        # issuing the same contract at once collide here, and the loser reads the winner's.
        UniqueConstraint("kind", "subject", "language", "edition", name="uq_issued_documents_edition"),
        Index("ix_issued_documents_customer", "customer_id", "id"),
        Index("ix_issued_documents_kind", "kind", "id"),
        Index("ix_issued_documents_issued_on", "issued_on", "id"),
        Index("ix_issued_documents_issued_by", "issued_by_id", "id"),
        Index("ix_issued_documents_reference", "reference"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)  # DR2026-00001
    kind: Mapped[str] = mapped_column(String(32))  # domain/common/records.py FormKind
    subject: Mapped[str] = mapped_column(String(64))  # what it is about, e.g. "order:29"
    edition: Mapped[int] = mapped_column(Integer, default=1)  # a new one when the data changed
    language: Mapped[str] = mapped_column(String(8))
    reference: Mapped[str] = mapped_column(String(64), default="")  # the form's own number (DL…, SO…)
    title: Mapped[str] = mapped_column(String(200))
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"))
    fingerprint: Mapped[str] = mapped_column(String(64))  # SHA-256 of the data the form shows
    issued_on: Mapped[date] = mapped_column(Date)  # the business date
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime)
    issued_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    media_type: Mapped[str] = mapped_column(String(80), default="application/pdf")
    size: Mapped[int] = mapped_column(Integer)
    pages: Mapped[int] = mapped_column(Integer, default=0)
    sha256: Mapped[str] = mapped_column(String(64))
    # the policy version in force on issued_on, which the form's rules used (policy_versions.number)
    policy_version: Mapped[int | None] = mapped_column(Integer)


class DocumentContent(Base):
    """The bytes of an issued document, apart from the register so that listing it never
    reads them."""

    __tablename__ = "document_contents"

    document_id: Mapped[int] = mapped_column(ForeignKey("issued_documents.id"), primary_key=True)
    content: Mapped[bytes] = mapped_column(LargeBinary)


class DocumentOutput(Base):
    """One print or save of an issued document: the first is the original, later ones copies."""

    __tablename__ = "document_outputs"
    __table_args__ = (Index("ix_document_outputs_document", "document_id", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("issued_documents.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    copy: Mapped[bool] = mapped_column(Boolean)
    destination: Mapped[str] = mapped_column(String(200), default="")  # printer name or "file"


class RefusalEntry(Base):
    """A refused attempt, chained like audit_log (seq, prev_hash, hash)."""

    __tablename__ = "refusal_log"
    __table_args__ = (Index("ix_refusal_log_user", "user_id", "seq"),)

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[str] = mapped_column(String(40))
    user_id: Mapped[int | None] = mapped_column(Integer)
    username: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(80))  # the service refused, e.g. orders.create_order
    kind: Mapped[str] = mapped_column(String(32))  # no_right, own_approval, rule
    entity: Mapped[str] = mapped_column(String(64), default="")
    entity_id: Mapped[str] = mapped_column(String(64), default="")
    reason: Mapped[str] = mapped_column(Text)  # the refusal as the user read it
    detail: Mapped[str | None] = mapped_column(Text)  # JSON: the refusal's code and arguments
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    signature: Mapped[str | None] = mapped_column(String(128))
