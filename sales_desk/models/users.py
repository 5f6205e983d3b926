"""Users, their roles, recorded SoD justifications, failed logins."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sales_desk.models.base import Base, UTCDateTime, utcnow
from sales_desk.models.versioned import Versioned


class User(Base, Versioned):
    __tablename__ = "users"
    # a password or key pair changed is no edit of the account the admin has open
    unversioned = frozenset({"password_hash", "sealed_key", "public_key"})

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(128), default="")
    # login and name as typed, in full pinyin and initials (domain/common/pinyin_keys.py,
    # person_keys), for the search box; indexed by db/search_index.py (migration 0031)
    search_text: Mapped[str] = mapped_column(Text, default="")
    search_grams: Mapped[str] = mapped_column(Text, default="")
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Ed25519 (domain/admin/signatures.py): the public key, base64, and the private key
    # sealed with the password (services/admin/keys.py); None until the first log-in
    # after the upgrade that introduced them.
    public_key: Mapped[str | None] = mapped_column(String(64))
    sealed_key: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    roles: Mapped[list[UserRole]] = relationship(
        back_populates="user", cascade="all, delete-orphan", lazy="selectin"
    )
    # See Customer.version: a form saves only over the version it loaded (migration 0033).
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    __mapper_args__ = {"version_id_col": version, "version_id_generator": False}

    @property
    def role_codes(self) -> list[str]:
        return sorted(r.role for r in self.roles)


class UserRole(Base):
    __tablename__ = "user_roles"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[str] = mapped_column(String(32), primary_key=True)
    user: Mapped[User] = relationship(back_populates="roles", lazy="raise")


class SodJustification(Base):
    """Why a small firm lets one person hold both sides of a conflicting pair."""

    __tablename__ = "sod_justifications"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    conflict_key: Mapped[str] = mapped_column(String(80))
    justification: Mapped[str] = mapped_column(Text)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class LoginFailure(Base):
    __tablename__ = "login_failures"
    __table_args__ = (Index("ix_login_failures_username_at", "username", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64))  # lower-cased; unknown names too
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
