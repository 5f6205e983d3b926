"""Collections [销售回款]: receipts, the ladder's steps, lawsuits, write-offs, deferrals,
staff liability and collection targets. Rules in domain/collections/dunning.py, deferral.py,
liability.py, allocation.py; flow in services/collections/receipts.py and its neighbours.

Money in minor units. A receipt and an approved write-off settle debit documents
through `receivable_allocations` (models/receivables.py: receipt_id, write_off_id), so
every open amount stays amount − Σ allocations and the aging as of any date reads
the allocations dated after it.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
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


class Receipt(Base):
    """Money received from a customer [回款], allocated in full to its open documents."""

    __tablename__ = "receipts"
    __table_args__ = (
        Index("ix_receipts_customer_received", "customer_id", "received_on"),
        Index("ix_receipts_received_on", "received_on"),
        CheckConstraint("amount > 0", name="amount_positive"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)  # RC2026-00001
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    received_on: Mapped[date] = mapped_column(Date)
    amount: Mapped[int] = mapped_column(Money)
    method: Mapped[str] = mapped_column(String(16))  # domain.receivables.PaymentMethod
    reference: Mapped[str] = mapped_column(String(100), default="")  # bank slip, cheque no.
    note: Mapped[str] = mapped_column(Text, default="")
    by_hand: Mapped[bool] = mapped_column(Boolean, default=False)  # allocated by hand, not oldest first
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # reversed (a bounced cheque, a receipt entered in error): its allocations are undone
    reversed_on: Mapped[date | None] = mapped_column(Date)
    reversed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reversed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reversal_reason: Mapped[str] = mapped_column(Text, default="")


class DunningStep(Base):
    """One dated step of the collection ladder [催款流程], who took it and how it was sent."""

    __tablename__ = "dunning_steps"
    __table_args__ = (
        Index("ix_dunning_steps_customer_id", "customer_id", "id"),
        Index("ix_dunning_steps_step_taken_on", "step", "taken_on"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    cycle: Mapped[int] = mapped_column(Integer)  # 1, 2…: a new one after each outcome
    step: Mapped[str] = mapped_column(String(16))  # domain.dunning.Step
    taken_on: Mapped[date] = mapped_column(Date)
    by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    rep_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))  # the rep told / in charge
    sent_via: Mapped[str] = mapped_column(String(16), default="")  # domain.dunning.SendMethod; "" internal
    letter_ref: Mapped[str] = mapped_column(String(32), default="")  # DL2026-00001 on a letter
    deadline: Mapped[date | None] = mapped_column(Date)  # payment deadline the letter sets
    overdue_amount: Mapped[int] = mapped_column(Money, default=0)  # at the time
    open_amount: Mapped[int] = mapped_column(Money, default=0)  # all open at the time
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # A letter step keeps what its letter says as of that day (JSON of LetterData): the
    # letter printed later shows the debt it was about, whatever was paid since.
    letter_data: Mapped[str | None] = mapped_column(Text)


class Lawsuit(Base):
    """Step 6 [起诉]: prepared with its evidence, filed, and its outcome."""

    __tablename__ = "lawsuits"
    __table_args__ = (Index("ix_lawsuits_customer_id", "customer_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)  # LS2026-00001
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    cycle: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default="preparing")  # preparing, filed, closed
    claim_amount: Mapped[int] = mapped_column(Money, default=0)
    court: Mapped[str] = mapped_column(String(200), default="")
    case_no: Mapped[str] = mapped_column(String(64), default="")
    opened_on: Mapped[date] = mapped_column(Date)
    opened_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    filed_on: Mapped[date | None] = mapped_column(Date)
    filed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    outcome: Mapped[str] = mapped_column(String(16), default="")  # domain.dunning.LawsuitOutcome
    outcome_on: Mapped[date | None] = mapped_column(Date)
    outcome_note: Mapped[str] = mapped_column(Text, default="")
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class LawsuitEvidence(Base):
    """One item of the evidence checklist [证据清单]."""

    __tablename__ = "lawsuit_evidence"
    __table_args__ = (UniqueConstraint("lawsuit_id", "item"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    lawsuit_id: Mapped[int] = mapped_column(ForeignKey("lawsuits.id", ondelete="CASCADE"))
    item: Mapped[str] = mapped_column(String(32))  # domain.dunning.Evidence
    required: Mapped[bool] = mapped_column(Boolean, default=False)
    received: Mapped[bool] = mapped_column(Boolean, default=False)
    received_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class WriteOff(Base):
    """A bad-debt write-off [呆账核销]: submitted by finance, approved by the sales manager."""

    __tablename__ = "write_offs"
    __table_args__ = (Index("ix_write_offs_status", "status", "id"),
                      Index("ix_write_offs_customer_id", "customer_id"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)  # WO2026-00001
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    lawsuit_id: Mapped[int | None] = mapped_column(ForeignKey("lawsuits.id"))
    status: Mapped[str] = mapped_column(String(16), default="submitted")  # submitted, approved, refused
    reason: Mapped[str] = mapped_column(Text)
    amount: Mapped[int] = mapped_column(Money)  # submitted
    written_off: Mapped[int] = mapped_column(Money, default=0)  # at approval (less if paid meanwhile)
    submitted_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decision_note: Mapped[str] = mapped_column(Text, default="")
    written_off_on: Mapped[date | None] = mapped_column(Date)


class WriteOffItem(Base):
    __tablename__ = "write_off_items"
    __table_args__ = (UniqueConstraint("write_off_id", "receivable_id"),
                      CheckConstraint("amount > 0", name="amount_positive"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    write_off_id: Mapped[int] = mapped_column(ForeignKey("write_offs.id", ondelete="CASCADE"))
    receivable_id: Mapped[int] = mapped_column(ForeignKey("receivables.id"), index=True)
    amount: Mapped[int] = mapped_column(Money)  # open when submitted


class Deferral(Base):
    """A deferred payment [延期付款]: filed by the rep, checked by finance, approved by the sales VP
    and the GM; returned by finance, corrected and resubmitted or withdrawn."""

    __tablename__ = "deferrals"
    __table_args__ = (Index("ix_deferrals_status", "status", "id"),
                      Index("ix_deferrals_customer_id", "customer_id"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)  # DF2026-00001
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    status: Mapped[str] = mapped_column(String(16), default="requested")  # domain.deferral.DeferralStatus
    new_due_date: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)
    amount: Mapped[int] = mapped_column(Money)  # open on the deferred documents at the request
    requested_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    requested_on: Mapped[date] = mapped_column(Date)
    finance_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))  # finance's check passed
    finance_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finance_note: Mapped[str] = mapped_column(Text, default="")
    returned_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))  # the last return
    returned_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    return_note: Mapped[str] = mapped_column(Text, default="")
    resubmissions: Mapped[int] = mapped_column(Integer, default=0)
    vp_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    vp_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    vp_note: Mapped[str] = mapped_column(Text, default="")
    gm_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    gm_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    gm_note: Mapped[str] = mapped_column(Text, default="")
    refused_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    refused_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    refusal_note: Mapped[str] = mapped_column(Text, default="")
    approved_on: Mapped[date | None] = mapped_column(Date)


class DeferralItem(Base):
    """A document a deferral moves: its contract due date (the cap counts from it), the due
    date before, and what was open."""

    __tablename__ = "deferral_items"
    __table_args__ = (UniqueConstraint("deferral_id", "receivable_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    deferral_id: Mapped[int] = mapped_column(ForeignKey("deferrals.id", ondelete="CASCADE"))
    receivable_id: Mapped[int] = mapped_column(ForeignKey("receivables.id"), index=True)
    contract_due_date: Mapped[date] = mapped_column(Date)
    previous_due_date: Mapped[date] = mapped_column(Date)
    amount: Mapped[int] = mapped_column(Money)


class LiabilityRun(Base):
    """A month's staff-liability charges were computed [回款责任扣款], once, by finance."""

    __tablename__ = "liability_runs"

    month: Mapped[date] = mapped_column(Date, primary_key=True)  # the 1st of the month
    charges: Mapped[int] = mapped_column(Integer, default=0)
    total: Mapped[int] = mapped_column(Money, default=0)  # signed: refunds negative
    run_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    run_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class LiabilityCharge(Base):
    """One debt's charge (or refund) of a month, before it is split 5:3:2."""

    __tablename__ = "liability_charges"
    __table_args__ = (
        UniqueConstraint("month", "receivable_id", "kind"),
        Index("ix_liability_charges_receivable_id", "receivable_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    month: Mapped[date] = mapped_column(Date)
    receivable_id: Mapped[int] = mapped_column(ForeignKey("receivables.id"))
    kind: Mapped[str] = mapped_column(String(16))  # domain.liability.ChargeKind
    due_date: Mapped[date] = mapped_column(Date)  # in force at the month's end
    days_overdue: Mapped[int] = mapped_column(Integer)
    base_amount: Mapped[int] = mapped_column(Money)  # open at the month's end
    total: Mapped[int] = mapped_column(Money)  # signed


class LiabilityShare(Base):
    """One person's share of a charge: the rep 5, the sales manager 3, the director 2."""

    __tablename__ = "liability_shares"
    __table_args__ = (
        Index("ix_liability_shares_month_user", "month", "user_id"),
        Index("ix_liability_shares_charge_id", "charge_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    charge_id: Mapped[int] = mapped_column(ForeignKey("liability_charges.id", ondelete="CASCADE"))
    month: Mapped[date] = mapped_column(Date)
    responsible: Mapped[str] = mapped_column(String(16))  # domain.liability.Responsible
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))  # None: nobody in the role
    weight: Mapped[int] = mapped_column(Integer)
    amount: Mapped[int] = mapped_column(Money)  # signed


class CollectionTarget(Base):
    """A rep's collection target for a month [回款目标]: proposed in the sales manager's monthly
    plan, in force once the sales VP approves it (回款 第11条; services/planning/sub_plans.py)."""

    __tablename__ = "collection_targets"
    __table_args__ = (UniqueConstraint("month", "rep_id"),
                      CheckConstraint("amount >= 0", name="amount_not_negative"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    month: Mapped[date] = mapped_column(Date)
    rep_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    amount: Mapped[int] = mapped_column(Money)
    note: Mapped[str] = mapped_column(Text, default="")
    set_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    set_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # the approved monthly plan it came from (None: set directly before plans carried targets)
    sub_plan_id: Mapped[int | None] = mapped_column(ForeignKey("sales_sub_plans.id"))
