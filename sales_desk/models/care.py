"""Customer care [客户关系维护]: complaints and after-sales service cases with their steps,
satisfaction scores, and key-account screenings [大客户筛选] (domain/care/)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Integer, SmallInteger, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from sales_desk.models.base import Base, UTCDateTime, utcnow


class ServiceCase(Base):
    """A complaint [投诉] or an after-sales service case [售后服务]."""

    __tablename__ = "service_cases"
    __table_args__ = (
        # the analysis of a period reads only this index (covering): cause, product, severity,
        # customer and the days to close beside the day received
        Index("ix_service_cases_received", "received_on", "kind", "cause", "product_id", "severity",
              "customer_id", "days_to_close", "repeat_of_id", "due_on", "closed_on"),
        Index("ix_service_cases_customer_received", "customer_id", "received_on"),
        Index("ix_service_cases_status_due", "status", "due_on"),
        Index("ix_service_cases_rep_received", "rep_id", "received_on"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    kind: Mapped[str] = mapped_column(String(12))  # domain.care.complaints.CaseKind
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"))
    # the customer's rep on the day received: a complaint counts in that rep's evaluation
    rep_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    received_on: Mapped[date] = mapped_column(Date)
    cause: Mapped[str] = mapped_column(String(16))
    product_id: Mapped[int | None] = mapped_column(ForeignKey("products.id"))
    severity: Mapped[str] = mapped_column(String(10))
    subject: Mapped[str] = mapped_column(String(200))
    detail: Mapped[str] = mapped_column(Text, default="")
    contact_person: Mapped[str] = mapped_column(String(100), default="")
    handler_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    due_on: Mapped[date] = mapped_column(Date)
    repeat_of_id: Mapped[int | None] = mapped_column(ForeignKey("service_cases.id"))
    status: Mapped[str] = mapped_column(String(8), default="open")
    resolution: Mapped[str] = mapped_column(Text, default="")
    confirmed_by: Mapped[str] = mapped_column(String(100), default="")  # the customer's person
    confirmed_on: Mapped[date | None] = mapped_column(Date)
    closed_on: Mapped[date | None] = mapped_column(Date)
    days_to_close: Mapped[int | None] = mapped_column(Integer)  # closed_on − received_on
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ServiceStep(Base):
    """A step taken on a case [处理过程]: what was done, when, by whom."""

    __tablename__ = "service_steps"
    __table_args__ = (Index("ix_service_steps_case", "case_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("service_cases.id", ondelete="CASCADE"))
    taken_on: Mapped[date] = mapped_column(Date)
    action: Mapped[str] = mapped_column(Text)
    by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class SatisfactionScore(Base):
    """The customer's satisfaction [满意度], 1–5: after a case closed, or at a return visit."""

    __tablename__ = "satisfaction_scores"
    __table_args__ = (
        Index("ix_satisfaction_scores_customer_on", "customer_id", "recorded_on"),
        Index("ix_satisfaction_scores_on", "recorded_on", "score"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("service_cases.id", ondelete="CASCADE"))
    occasion: Mapped[str] = mapped_column(String(16))  # domain.care.complaints.Occasion
    recorded_on: Mapped[date] = mapped_column(Date)
    score: Mapped[int] = mapped_column(SmallInteger)
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class KeyAccountScreening(Base):
    """A key-account screening [大客户筛选]: five criteria scored, proposed, decided by the
    sales manager. An approved one is the key account's since-when and why."""

    __tablename__ = "key_account_screenings"
    __table_args__ = (Index("ix_key_account_screenings_customer", "customer_id", "status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"))
    volume: Mapped[int] = mapped_column(SmallInteger)
    concentration: Mapped[int] = mapped_column(SmallInteger)
    service: Mapped[int] = mapped_column(SmallInteger)
    price: Mapped[int] = mapped_column(SmallInteger)
    partnership: Mapped[int] = mapped_column(SmallInteger)
    total: Mapped[int] = mapped_column(SmallInteger)
    reason: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10), default="proposed")
    proposed_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    proposed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_on: Mapped[date | None] = mapped_column(Date)  # approved: a key account since this day
    decision_note: Mapped[str] = mapped_column(Text, default="")
