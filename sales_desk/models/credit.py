"""Credit reviews [客户信用管理]: investigations with their checklist, rating proposals
with scorecard lines, approved ratings (the history), limits set, downgrade triggers
and credit holds. Rules live in domain/credit*.py; flow in services/credit_*.py.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sales_desk.models.base import Base, Hundredths, UTCDateTime, utcnow
from sales_desk.models.versioned import Versioned

Money = BigInteger


class CreditInvestigation(Base, Versioned):
    """A credit investigation [信用调查] and its report [客户信用调查报告]."""

    __tablename__ = "credit_investigations"
    __table_args__ = (Index("ix_credit_investigations_customer_status", "customer_id", "status"),
                      # the late ones, read by status and due date (the dashboard's alert)
                      Index("ix_credit_investigations_status_due", "status", "due_on", "id"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"))
    occasion: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), default="open")
    opened_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # the last day to submit for review [在规定时间内递交审核], fixed on opening
    due_on: Mapped[date] = mapped_column(Date)
    report: Mapped[str] = mapped_column(Text, default="")
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # finance's review [财务部审核]
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    review_note: Mapped[str] = mapped_column(Text, default="")
    # the customer's figures, as stamped: they feed the limit calculator
    statement_date: Mapped[date | None] = mapped_column(Date)
    current_assets: Mapped[int | None] = mapped_column(Money)
    current_liabilities: Mapped[int | None] = mapped_column(Money)
    total_assets: Mapped[int | None] = mapped_column(Money)
    total_liabilities: Mapped[int | None] = mapped_column(Money)
    annual_revenue: Mapped[int | None] = mapped_column(Money)
    net_profit: Mapped[int | None] = mapped_column(Money)
    expected_annual_sales: Mapped[int | None] = mapped_column(Money)  # the customer's own sales
    cost_rate_bp: Mapped[int | None] = mapped_column(Integer)  # 7500 = 75 %
    supply_share_bp: Mapped[int | None] = mapped_column(Integer)  # our share of its supply
    supplier_count: Mapped[int | None] = mapped_column(Integer)
    # See Customer.version: a form saves only over the version it loaded (migration 0033).
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    __mapper_args__ = {"version_id_col": version, "version_id_generator": False}

    items: Mapped[list[InvestigationItem]] = relationship(
        back_populates="investigation", cascade="all, delete-orphan", lazy="raise",
        order_by="InvestigationItem.id",
    )


class InvestigationItem(Base):
    """One checklist item: received, when, its attachment, stamped by the customer."""

    __tablename__ = "credit_investigation_items"
    __table_args__ = (UniqueConstraint("investigation_id", "item_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    investigation_id: Mapped[int] = mapped_column(
        ForeignKey("credit_investigations.id", ondelete="CASCADE"))
    item_key: Mapped[str] = mapped_column(String(40))
    received: Mapped[bool] = mapped_column(Boolean, default=False)
    received_on: Mapped[date | None] = mapped_column(Date)
    document_id: Mapped[int | None] = mapped_column(
        ForeignKey("customer_documents.id", ondelete="SET NULL"))
    stamped: Mapped[bool] = mapped_column(Boolean, default=False)  # 盖章确认
    note: Mapped[str] = mapped_column(Text, default="")
    investigation: Mapped[CreditInvestigation] = relationship(back_populates="items", lazy="raise")


class RatingProposal(Base):
    """A proposed grade [信用等级初评] on the scorecard, and its approval or rejection."""

    __tablename__ = "credit_rating_proposals"
    __table_args__ = (Index("ix_credit_rating_proposals_customer_status", "customer_id", "status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"))
    investigation_id: Mapped[int] = mapped_column(ForeignKey("credit_investigations.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), default="proposed")
    # the exact weighted total (84.99), graded as it is
    total_score: Mapped[Decimal] = mapped_column("total_score_hundredths", Hundredths)
    grade: Mapped[str] = mapped_column(String(1))
    summary: Mapped[str] = mapped_column(Text, default="")  # 综合评价
    # the customer-service side's suggestion; the sales manager decides
    proposed_limit: Mapped[int | None] = mapped_column(Money)
    proposed_term_days: Mapped[int | None] = mapped_column(Integer)
    proposed_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    proposed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decision_note: Mapped[str] = mapped_column(Text, default="")

    lines: Mapped[list[ScorecardLine]] = relationship(
        back_populates="proposal", cascade="all, delete-orphan", lazy="raise",
        order_by="ScorecardLine.id",
    )


class ScorecardLine(Base):
    """One indicator as rated, with the weight in force when it was rated."""

    __tablename__ = "credit_scorecard_lines"
    __table_args__ = (UniqueConstraint("proposal_id", "indicator_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    proposal_id: Mapped[int] = mapped_column(ForeignKey("credit_rating_proposals.id", ondelete="CASCADE"))
    indicator_key: Mapped[str] = mapped_column(String(40))
    weight: Mapped[int] = mapped_column(Integer)
    rating: Mapped[int] = mapped_column(Integer)  # 0–100 % of the weight
    proposal: Mapped[RatingProposal] = relationship(back_populates="lines", lazy="raise")


class CreditRating(Base):
    """An approved rating: the rating history [信用等级评定记录]."""

    __tablename__ = "credit_ratings"
    __table_args__ = (Index("ix_credit_ratings_customer_rated", "customer_id", "rated_on"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"))
    proposal_id: Mapped[int] = mapped_column(ForeignKey("credit_rating_proposals.id"), unique=True)
    grade: Mapped[str] = mapped_column(String(1))
    score: Mapped[Decimal] = mapped_column("score_hundredths", Hundredths)
    previous_grade: Mapped[str | None] = mapped_column(String(1))
    rated_on: Mapped[date] = mapped_column(Date)
    due_on: Mapped[date] = mapped_column(Date)  # next annual re-rating
    approved_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    approved_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class CreditLimitDecision(Base):
    """A limit and term set [授信], with the method and the reasons; or a policy change on
    re-rating (automatic: D loses credit, C is capped)."""

    __tablename__ = "credit_limits"
    __table_args__ = (Index("ix_credit_limits_customer_set", "customer_id", "set_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"))
    rating_id: Mapped[int | None] = mapped_column(ForeignKey("credit_ratings.id"))
    grade: Mapped[str] = mapped_column(String(1))
    amount: Mapped[int] = mapped_column(Money)
    term_days: Mapped[int | None] = mapped_column(Integer)  # None: not capped (A)
    payment_mode: Mapped[str] = mapped_column(String(16))
    method: Mapped[str] = mapped_column(String(20))  # domain.credit_limits.LimitMethod or "policy"
    reasons: Mapped[str] = mapped_column(Text, default="")
    previous_amount: Mapped[int] = mapped_column(Money, default=0)
    automatic: Mapped[bool] = mapped_column(Boolean, default=False)
    set_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    set_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class CreditHold(Base):
    """Credit stopped [暂停授信] from a downgrade trigger until a new approved rating."""

    __tablename__ = "credit_holds"
    __table_args__ = (Index("ix_credit_holds_customer_released", "customer_id", "released_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    started_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    released_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    released_by_rating_id: Mapped[int | None] = mapped_column(ForeignKey("credit_ratings.id"))


class DowngradeTriggerRecord(Base):
    """A downgrade trigger [降级条件] recorded against a customer."""

    __tablename__ = "credit_triggers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"), index=True)
    trigger: Mapped[str] = mapped_column(String(32))  # domain.credit.DowngradeTrigger
    occurred_on: Mapped[date] = mapped_column(Date)
    description: Mapped[str] = mapped_column(Text)
    # the downgrade it made [降级处理]; None on triggers recorded before triggers lowered grades
    grade_before: Mapped[str | None] = mapped_column(String(1))
    grade_after: Mapped[str | None] = mapped_column(String(1))
    hold_id: Mapped[int] = mapped_column(ForeignKey("credit_holds.id"))
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
