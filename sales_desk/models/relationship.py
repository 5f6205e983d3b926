"""Customer maintenance plans [客户维护计划] and industry and market information reports
[客户行业与市场信息报告] (domain/relationship/plans.py): written, reviewed, filed; the filed
edition's printed form is a document of record (issued_documents)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from sales_desk.models.base import Base, UTCDateTime, utcnow


class _Reviewed:
    """What both share: who wrote it, its way through review to the file."""

    status: Mapped[str] = mapped_column(String(16), default="draft")  # domain.relationship.plans.Status
    written_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    written_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    review_note: Mapped[str] = mapped_column(Text, default="")  # remarks, or why it was returned
    filed_on: Mapped[date | None] = mapped_column(Date)  # the business date it was filed [归档]


class CarePlan(_Reviewed, Base):
    __tablename__ = "care_plans"
    # the last filed plan per customer (due dates), and a customer's plans newest first
    __table_args__ = (Index("ix_care_plans_customer_status", "customer_id", "status", "filed_on"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)  # CP2026-00001
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    year: Mapped[int] = mapped_column(Integer)  # the plan's year
    summary: Mapped[str] = mapped_column(Text, default="")  # 计划摘要
    profile: Mapped[str] = mapped_column(Text, default="")  # 客户概况
    competition: Mapped[str] = mapped_column(Text, default="")  # 竞争概况
    assessment: Mapped[str] = mapped_column(Text, default="")  # 情况评估
    actions: Mapped[str] = mapped_column(Text, default="")  # 维护计划


class MarketReport(_Reviewed, Base):
    __tablename__ = "market_reports"
    __table_args__ = (Index("ix_market_reports_period", "period", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)  # MR2026-00001
    period: Mapped[str] = mapped_column(String(7))  # YYYY-MM
    industry: Mapped[str] = mapped_column(String(64), default="")  # domain.customers.files INDUSTRIES code
    industry_news: Mapped[str] = mapped_column(Text, default="")  # 行业动态
    market: Mapped[str] = mapped_column(Text, default="")  # 市场信息
    customers: Mapped[str] = mapped_column(Text, default="")  # 客户动向
    competitors: Mapped[str] = mapped_column(Text, default="")  # 竞争对手
    suggestions: Mapped[str] = mapped_column(Text, default="")  # 建议
