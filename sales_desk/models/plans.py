"""Sales plans [销售计划]: one version of a year's plan per row, with its targets per month
for each rep, product and region. Rules in domain/planning/plans.py; flow in services/planning/plans.py.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sales_desk.models.base import Base, UTCDateTime, utcnow
from sales_desk.models.orders import SalesOrder
from sales_desk.models.receivables import Receivable
from sales_desk.models.versioned import Versioned

Money = BigInteger  # minor units


class SalesPlan(Base, Versioned):
    """One version of a year's sales plan: revision 1 is the original."""

    __tablename__ = "sales_plans"
    __table_args__ = (UniqueConstraint("year", "revision"), Index("ix_sales_plans_status", "status"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    revision: Mapped[int] = mapped_column(Integer, default=1)
    status: Mapped[str] = mapped_column(String(16), default="draft")  # domain.plans.PlanStatus
    note: Mapped[str] = mapped_column(Text, default="")
    revision_reason: Mapped[str] = mapped_column(Text, default="")
    prepared_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    prepared_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    approval_comment: Mapped[str] = mapped_column(Text, default="")
    returned_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    returned_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    returned_reason: Mapped[str] = mapped_column(Text, default="")
    # the year's target as worked out by one of the six methods (费用 第5条2), carried into
    # the plan with the method named and its workings: domain/planning/target_methods.py
    target_method: Mapped[str] = mapped_column(String(24), default="", server_default="")
    target_figure: Mapped[int | None] = mapped_column(Money, nullable=True)
    target_workings: Mapped[str] = mapped_column(Text, default="", server_default="")
    # Moved on once per changing transaction (models/versioned.py): the form saves on the version it loaded.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    __mapper_args__ = {"version_id_col": version, "version_id_generator": False}

    targets: Mapped[list[SalesPlanTarget]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", lazy="raise")


class SalesPlanTarget(Base):
    """The target for one month and one rep, product or region."""

    __tablename__ = "sales_plan_targets"
    __table_args__ = (
        UniqueConstraint("plan_id", "dimension", "key", "month"),
        CheckConstraint("month BETWEEN 1 AND 12", name="month_of_year"),
        CheckConstraint("amount >= 0", name="amount_not_negative"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("sales_plans.id", ondelete="CASCADE"))
    dimension: Mapped[str] = mapped_column(String(8))  # domain.plans.Dimension
    key: Mapped[str] = mapped_column(String(64))  # user id, product id or region code
    month: Mapped[int] = mapped_column(Integer)
    amount: Mapped[int] = mapped_column(Money)
    plan: Mapped[SalesPlan] = relationship(back_populates="targets", lazy="raise")


class SubPlan(Base):
    """A plan under the overall plan (domain/planning/hierarchy.py): the sales manager's
    monthly plan (parent None: the overall plan in force for its year), or a supervisor's
    plan for one product under a monthly plan."""

    __tablename__ = "sales_sub_plans"
    __table_args__ = (
        CheckConstraint("month BETWEEN 1 AND 12", name="month_of_year"),
        Index("ix_sales_sub_plans_period", "year", "month", "level"),
        Index("ix_sales_sub_plans_parent", "parent_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    level: Mapped[str] = mapped_column(String(8))  # PlanLevel: monthly or product
    year: Mapped[int] = mapped_column(Integer)
    month: Mapped[int] = mapped_column(Integer)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("sales_sub_plans.id"))
    product_id: Mapped[int | None] = mapped_column(ForeignKey("products.id"))
    status: Mapped[str] = mapped_column(String(16), default="draft")  # PlanStatus
    note: Mapped[str] = mapped_column(Text, default="")
    prepared_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    prepared_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    approval_comment: Mapped[str] = mapped_column(Text, default="")
    returned_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    returned_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    returned_reason: Mapped[str] = mapped_column(Text, default="")


class SubPlanLine(Base):
    """A rep's sales or collection target in a monthly or product plan."""

    __tablename__ = "sales_sub_plan_lines"
    __table_args__ = (
        UniqueConstraint("sub_plan_id", "kind", "rep_id"),
        CheckConstraint("amount >= 0", name="amount_not_negative"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sub_plan_id: Mapped[int] = mapped_column(ForeignKey("sales_sub_plans.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(12))  # LineKind
    rep_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    amount: Mapped[int] = mapped_column(Money)


class AdvanceReport(Base):
    """The rep's report that an invoice will not be paid by its due date [信用 第15条3], to the
    sales manager and the GM; kept as filed (append-only)."""

    __tablename__ = "advance_reports"
    __table_args__ = (Index("ix_advance_reports_receivable", "receivable_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    receivable_id: Mapped[int] = mapped_column(ForeignKey("receivables.id"))
    rep_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    due_date: Mapped[date] = mapped_column(Date)  # the invoice's, when reported
    reason: Mapped[str] = mapped_column(Text)
    expected_on: Mapped[date] = mapped_column(Date)
    actions: Mapped[str] = mapped_column(Text)
    filed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


# Indexes the plans' progress and the dashboard read on other modules' tables (created with
# the plans by migration 0006; declared here, where the reads that need them live):
# - what was sold in a period, per rep, region or grade, from the documents alone
#   (services/orders/sales_totals.py): a year of 1M order lines in ~10 ms instead of ~400;
Index("ix_receivables_sales", Receivable.doc_date, Receivable.kind, Receivable.rep_id, Receivable.amount,
      Receivable.customer_id)
# - each customer's last order for the churn warning, from the index alone (~50 ms at 100k
#   customers and 330k orders instead of ~300).
Index("ix_sales_orders_customer_date", SalesOrder.customer_id, SalesOrder.order_date, SalesOrder.status)
