"""Performance evaluation [工作表现及评估] and commission [提成方案] (rules in
domain/performance/, flow in services/performance/).

- perf_weightings: the criteria's weights (JSON {criterion: percent}), proposed by the sales
  manager, approved by the GM, in force from a month; the latest approved one in force applies.
- commission_schemes: bands by volume collected (JSON [[start, rate bp], …]) and whether the
  month's staff liability is deducted; proposed and approved the same way.
- perf_evaluations: one per rep and period (month 0: the year), with the figures and scores
  it was worked out from (JSON), the manager's feedback and the rep's acknowledgement.
- commission_runs / commission_lines: a month's commission per rep, as computed and kept.
"""

from __future__ import annotations

from datetime import date, datetime

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
from sqlalchemy.orm import Mapped, mapped_column

from sales_desk.models.base import Base, UTCDateTime, utcnow

Money = BigInteger  # minor units


class _Decided:
    """Who proposed it and who decided it (never the same person)."""

    status: Mapped[str] = mapped_column(String(16), default="proposed")  # domain Status
    effective_from: Mapped[date] = mapped_column(Date)  # the 1st of a month
    note: Mapped[str] = mapped_column(Text, default="")
    proposed_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    proposed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decision_note: Mapped[str] = mapped_column(Text, default="")


class PerfWeighting(_Decided, Base):
    __tablename__ = "perf_weightings"
    __table_args__ = (Index("ix_perf_weightings_status_from", "status", "effective_from"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    weights: Mapped[str] = mapped_column(Text)  # JSON {criterion key: whole percent}


class CommissionScheme(_Decided, Base):
    __tablename__ = "commission_schemes"
    __table_args__ = (Index("ix_commission_schemes_status_from", "status", "effective_from"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    tiers: Mapped[str] = mapped_column(Text)  # JSON [[start minor units, rate bp], …]
    deduct_liability: Mapped[bool] = mapped_column(Boolean, default=False)


class PerfEvaluation(Base):
    __tablename__ = "perf_evaluations"
    __table_args__ = (UniqueConstraint("rep_id", "year", "month"),
                      Index("ix_perf_evaluations_period", "year", "month"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    rep_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    year: Mapped[int] = mapped_column(Integer)
    month: Mapped[int] = mapped_column(Integer)  # 1–12, or 0 for the year
    weighting_id: Mapped[int] = mapped_column(ForeignKey("perf_weightings.id"))
    figures: Mapped[str] = mapped_column(Text)  # JSON {key: [value, against, score]}
    total: Mapped[int] = mapped_column(Integer)  # the weighted score × 100 (87.25 → 8725)
    status: Mapped[str] = mapped_column(String(16), default="draft")  # domain EvalStatus
    feedback: Mapped[str] = mapped_column(Text, default="")
    evaluated_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    evaluated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    given_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    given_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    rep_comment: Mapped[str] = mapped_column(Text, default="")


class CommissionRun(Base):
    __tablename__ = "commission_runs"

    month: Mapped[date] = mapped_column(Date, primary_key=True)  # the 1st of the month
    scheme_id: Mapped[int] = mapped_column(ForeignKey("commission_schemes.id"))
    total: Mapped[int] = mapped_column(Money, default=0)
    run_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    run_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class CommissionLine(Base):
    __tablename__ = "commission_lines"
    __table_args__ = (UniqueConstraint("month", "rep_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    month: Mapped[date] = mapped_column(Date)
    rep_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    collected: Mapped[int] = mapped_column(Money)  # receipts applied in the month, less same-month reversals
    excluded: Mapped[int] = mapped_column(Money)  # applied to debts written off: no commission
    commission: Mapped[int] = mapped_column(Money)  # on the bands
    clawback: Mapped[int] = mapped_column(Money)  # ≥ 0: earlier months' receipts reversed this month
    liability: Mapped[int] = mapped_column(Money)  # deducted (the scheme says so), signed as charged
    net: Mapped[int] = mapped_column(Money)
