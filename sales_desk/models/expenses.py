"""Sales expenses [销售费用]: budgets with their lines and revisions, expense applications
[销售费用使用申请表] with their approval steps, receipts and payment, travel applications,
and each person's expense profile (department, monthly discretionary allowance).

Rules live in domain/expenses/claims.py, domain/expenses/routing.py and budget.py; flow in
services/expenses/claims.py and services/expenses/budgets.py.
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
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.sql.expression import false

from sales_desk.models.base import Base, UTCDateTime, utcnow
from sales_desk.models.versioned import Versioned

Money = BigInteger  # minor units


class ExpenseBudget(Base, Versioned):
    """One version of a year's budget [销售费用预算]: revision 1 is the original."""

    __tablename__ = "expense_budgets"
    __table_args__ = (UniqueConstraint("year", "revision"), Index("ix_expense_budgets_status", "status"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    revision: Mapped[int] = mapped_column(Integer, default=1)
    status: Mapped[str] = mapped_column(String(16), default="draft")  # domain.budget.BudgetStatus
    note: Mapped[str] = mapped_column(Text, default="")
    revision_reason: Mapped[str] = mapped_column(Text, default="")
    prepared_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    prepared_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    checked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    checked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    check_comment: Mapped[str] = mapped_column(Text, default="")
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    approval_comment: Mapped[str] = mapped_column(Text, default="")
    returned_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    returned_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    returned_reason: Mapped[str] = mapped_column(Text, default="")
    # Moved on once per changing transaction (models/versioned.py): the form saves on the version it loaded.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    __mapper_args__ = {"version_id_col": version, "version_id_generator": False}

    lines: Mapped[list[ExpenseBudgetLine]] = relationship(
        back_populates="budget", cascade="all, delete-orphan", lazy="raise",
    )


class ExpenseBudgetLine(Base):
    """The figure for one month, category and department."""

    __tablename__ = "expense_budget_lines"
    __table_args__ = (UniqueConstraint("budget_id", "month", "category", "department"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    budget_id: Mapped[int] = mapped_column(ForeignKey("expense_budgets.id", ondelete="CASCADE"))
    month: Mapped[int] = mapped_column(Integer)
    category: Mapped[str] = mapped_column(String(24))  # domain.expenses.Category
    department: Mapped[str] = mapped_column(String(64))
    amount: Mapped[int] = mapped_column(Money)
    budget: Mapped[ExpenseBudget] = relationship(back_populates="lines", lazy="raise")


class ExpenseProfile(Base, Versioned):
    """A person's department (a technical setting, the administrator's); without a row the
    default department applies. The allowance [支配范围] is policy (expense.personal_allowances)."""

    __tablename__ = "expense_profiles"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    department: Mapped[str] = mapped_column(String(64), default="")
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # See Customer.version: a form saves only over the version it loaded (migration 0033).
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    __mapper_args__ = {"version_id_col": version, "version_id_generator": False}


class TravelApplication(Base):
    """A travel application [差旅申请], made before the trip (先申请后花费)."""

    __tablename__ = "travel_applications"
    __table_args__ = (
        Index("ix_travel_applications_applicant_id", "applicant_id", "id"),
        Index("ix_travel_applications_status_id", "status", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    applicant_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    department: Mapped[str] = mapped_column(String(64))
    destination: Mapped[str] = mapped_column(String(200))
    purpose: Mapped[str] = mapped_column(Text)
    start_on: Mapped[date] = mapped_column(Date)
    end_on: Mapped[date] = mapped_column(Date)
    estimated_amount: Mapped[int] = mapped_column(Money)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id", ondelete="SET NULL"))
    approver_kind: Mapped[str] = mapped_column(String(16))  # StepKind.APPROVE or GM
    status: Mapped[str] = mapped_column(String(16), default="pending")  # TravelStatus
    applied_on: Mapped[date] = mapped_column(Date)  # business date of the application
    applied_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decision_comment: Mapped[str] = mapped_column(Text, default="")


class ExpenseClaim(Base, Versioned):
    """An expense application [销售费用使用申请表] and its claim for payment.

    Status, current step and the route's flags are kept on the row so the lists,
    "waiting for me" and the analyses filter and group in SQL.
    """

    __tablename__ = "expense_claims"
    __table_args__ = (
        # the list, newest first, for one person or one status; "waiting for me" by step
        Index("ix_expense_claims_claimant_id", "claimant_id", "id"),
        Index("ix_expense_claims_status_id", "status", "id"),
        Index("ix_expense_claims_current_step", "current_step", "id"),
        # budget left for a line: covering (category, department, month range, status, amount)
        Index("ix_expense_claims_budget", "category", "department", "spent_on", "status", "amount"),
        # analyses and the annual report: a year's claims grouped in SQL
        Index("ix_expense_claims_spent_on", "spent_on", "status", "category", "amount"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    claimant_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    department: Mapped[str] = mapped_column(String(64))
    category: Mapped[str] = mapped_column(String(24))  # domain.expenses.Category
    item: Mapped[str] = mapped_column(String(100))
    amount: Mapped[int] = mapped_column(Money)
    spent_on: Mapped[date] = mapped_column(Date)  # the month whose budget it draws on
    purpose: Mapped[str] = mapped_column(Text)  # 用途/事由
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id", ondelete="SET NULL"))
    event: Mapped[str] = mapped_column(String(200), default="")  # or the event it served
    is_travel: Mapped[bool] = mapped_column(Boolean, default=False)
    # 费用 第8条3: the department's own application, with its explanation form [情况说明表]
    # that the sales VP reviews first; a person's claim has none.
    is_department: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    explanation: Mapped[str] = mapped_column(Text, default="", server_default="")
    # Why no receipt is attached (lost, not issued, to follow): written, or the claim is refused.
    no_receipt_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    # 费用 第13条1: the item's spending standard in force on spent_on (None: the item has none),
    # and why the claim is above it; a per-diem's days and city tier
    standard: Mapped[int | None] = mapped_column(Money, nullable=True)
    standard_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    days: Mapped[int | None] = mapped_column(Integer, nullable=True)
    city_tier: Mapped[int | None] = mapped_column(Integer, nullable=True)
    travel_application_id: Mapped[int | None] = mapped_column(
        ForeignKey("travel_applications.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), default="in_route")  # ClaimStatus
    current_step: Mapped[str | None] = mapped_column(String(16))  # StepKind while in route
    round: Mapped[int] = mapped_column(Integer, default=1)  # +1 on each resubmission
    discretionary: Mapped[bool] = mapped_column(Boolean, default=False)
    major: Mapped[bool] = mapped_column(Boolean, default=False)
    over_budget: Mapped[bool] = mapped_column(Boolean, default=False)
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    returned_reason: Mapped[str] = mapped_column(Text, default="")
    signed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    signed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    paid_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # moved on once per transaction that changes the row (models/versioned.py, migration 0032)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    __mapper_args__ = {"version_id_col": version, "version_id_generator": False}

    steps: Mapped[list[ExpenseClaimStep]] = relationship(
        back_populates="claim", cascade="all, delete-orphan", lazy="raise",
        order_by=lambda: (ExpenseClaimStep.round, ExpenseClaimStep.position),
    )


class ExpenseClaimStep(Base):
    """One approval on a claim's route: who, when, the comment and the decision."""

    __tablename__ = "expense_claim_steps"
    # (claim_id, round, …) answers "did I already act on this round?" per claim; an index on
    # actor_id alone would tempt SQLite to scan all of a person's steps for every claim instead.
    __table_args__ = (UniqueConstraint("claim_id", "round", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("expense_claims.id", ondelete="CASCADE"))
    round: Mapped[int] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))  # StepKind
    status: Mapped[str] = mapped_column(String(16), default="pending")  # StepStatus
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    comment: Mapped[str] = mapped_column(Text, default="")
    claim: Mapped[ExpenseClaim] = relationship(back_populates="steps", lazy="raise")


class ExpenseAttachment(Base):
    """A receipt or other document, copied into the data folder's attachments."""

    __tablename__ = "expense_attachments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("expense_claims.id", ondelete="CASCADE"), index=True)
    relative_path: Mapped[str] = mapped_column(String(300))
    original_name: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(BigInteger)
    added_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    added_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ExpensePayment(Base):
    """The cashier's payment [出纳支付] of a signed claim."""

    __tablename__ = "expense_payments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("expense_claims.id", ondelete="CASCADE"), unique=True)
    method: Mapped[str] = mapped_column(String(16))  # PaymentMethod
    reference: Mapped[str] = mapped_column(String(100), default="")
    amount: Mapped[int] = mapped_column(Money)
    paid_on: Mapped[date] = mapped_column(Date)
    paid_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    paid_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ExpenseReportSubmission(Base):
    """The annual expense-control report submitted to the general manager, reviewed and
    filed (第11条2); one row per submission, a returned report is submitted anew.
    The document is the edition submitted: the one the GM reads and the one filed."""

    __tablename__ = "expense_report_submissions"
    __table_args__ = (UniqueConstraint("year", "round"), Index("ix_expense_report_submissions_status",
                                                               "status", "id"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    round: Mapped[int] = mapped_column(Integer, default=1)
    document_id: Mapped[int] = mapped_column(ForeignKey("issued_documents.id"))
    status: Mapped[str] = mapped_column(String(16), default="submitted")  # domain ReportStatus
    note: Mapped[str] = mapped_column(Text, default="")  # the submitter's covering note
    submitted_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    remarks: Mapped[str] = mapped_column(Text, default="")  # the GM's remarks or reason for returning
    filed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    filed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
