"""Leads, opportunities with their time nodes, products, contacts and competitors, and the
quotations made from them [线索, 销售机会/项目, 时间节点, 竞争分析, 报价]
(domain/opportunities/stages.py has the rules).

The funnel reads `opportunities` alone through (outcome, stage, amount): 300,000 rows sum
in one pass of that index. The time nodes keep each stage's days once it is left, so the
average time per stage is a GROUP BY over (stage, days) with no date arithmetic.
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


class Lead(Base):
    """A prospect [潜在客户] not yet a customer file: what was gathered before the file is opened."""

    __tablename__ = "leads"
    __table_args__ = (Index("ix_leads_owner_status", "owner_id", "status", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)  # LD2026-00001
    name: Mapped[str] = mapped_column(String(200))  # the firm
    contact_name: Mapped[str] = mapped_column(String(100), default="")
    contact_position: Mapped[str] = mapped_column(String(100), default="")
    phone: Mapped[str] = mapped_column(String(64), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    region: Mapped[str] = mapped_column(String(64), default="")
    industry: Mapped[str] = mapped_column(String(64), default="")
    source: Mapped[str] = mapped_column(String(100), default="")  # exhibition, referral, call …
    language: Mapped[str] = mapped_column(String(8), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default="open")  # open, converted, dropped
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    first_contact_on: Mapped[date] = mapped_column(Date)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"))  # once converted
    converted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Opportunity(Base):
    """A sales opportunity or project [销售机会/项目], for a customer or a lead."""

    __tablename__ = "opportunities"
    __table_args__ = (
        Index("ix_opportunities_funnel", "outcome", "stage", "amount"),
        Index("ix_opportunities_outcome_id", "outcome", "id"),  # the list: open ones, newest first
        Index("ix_opportunities_owner", "owner_id", "outcome", "stage", "amount"),
        Index("ix_opportunities_customer", "customer_id"),
        Index("ix_opportunities_lead", "lead_id"),
        Index("ix_opportunities_stage_since", "outcome", "stage", "stage_since"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)  # OP2026-00001
    title: Mapped[str] = mapped_column(String(200))
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"))
    lead_id: Mapped[int | None] = mapped_column(ForeignKey("leads.id"))
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"))  # the rep responsible
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    stage: Mapped[str] = mapped_column(String(16))  # domain Stage
    stage_since: Mapped[date] = mapped_column(Date)  # the current stage's time node
    outcome: Mapped[str] = mapped_column(String(8), default="open")  # domain Outcome
    amount: Mapped[int] = mapped_column(Money, default=0)  # expected
    expected_on: Mapped[date | None] = mapped_column(Date)
    opened_on: Mapped[date] = mapped_column(Date)
    competitive_analysis: Mapped[str] = mapped_column(Text, default="")  # 竞争分析
    note: Mapped[str] = mapped_column(Text, default="")
    loss_reason: Mapped[str] = mapped_column(String(16), default="")  # domain LossReason
    lost_to: Mapped[str] = mapped_column(String(200), default="")  # the competitor
    close_note: Mapped[str] = mapped_column(Text, default="")
    closed_on: Mapped[date | None] = mapped_column(Date)
    # the draft order winning made: unique, so a second win can never make a second order
    order_id: Mapped[int | None] = mapped_column(ForeignKey("sales_orders.id"), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class OpportunityNode(Base):
    """A stage's time node [时间节点]: the day it was reached and the day it was left."""

    __tablename__ = "opportunity_nodes"
    __table_args__ = (
        UniqueConstraint("opportunity_id", "stage", name="uq_opportunity_nodes_stage"),
        Index("ix_opportunity_nodes_stage_days", "stage", "days"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    opportunity_id: Mapped[int] = mapped_column(ForeignKey("opportunities.id", ondelete="CASCADE"))
    stage: Mapped[str] = mapped_column(String(16))
    reached_on: Mapped[date] = mapped_column(Date)
    left_on: Mapped[date | None] = mapped_column(Date)
    days: Mapped[int | None] = mapped_column(Integer)  # left_on − reached_on, once left
    by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class OpportunityProduct(Base):
    __tablename__ = "opportunity_products"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    opportunity_id: Mapped[int] = mapped_column(ForeignKey("opportunities.id", ondelete="CASCADE"), index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    quantity: Mapped[int] = mapped_column(Integer)


class OpportunityContact(Base):
    """A person involved [联系人]: a contact of the customer file, or named (a lead's)."""

    __tablename__ = "opportunity_contacts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    opportunity_id: Mapped[int] = mapped_column(ForeignKey("opportunities.id", ondelete="CASCADE"), index=True)
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("customer_contacts.id"))
    name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(100), default="")  # decision maker, user, buyer …


class OpportunityCompetitor(Base):
    """A competitor met on the deal, with the rep's analysis of them [竞争分析]."""

    __tablename__ = "opportunity_competitors"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    opportunity_id: Mapped[int] = mapped_column(ForeignKey("opportunities.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    strengths: Mapped[str] = mapped_column(Text, default="")
    weaknesses: Mapped[str] = mapped_column(Text, default="")
    price_note: Mapped[str] = mapped_column(Text, default="")


class Quotation(Base):
    """A quotation [报价单] at the price list in force on its date; below a floor it waits
    for the sales VP like an order does."""

    __tablename__ = "quotations"
    __table_args__ = (Index("ix_quotations_opportunity", "opportunity_id", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)  # QT2026-00001
    opportunity_id: Mapped[int] = mapped_column(ForeignKey("opportunities.id"))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    status: Mapped[str] = mapped_column(String(16))  # domain QuotationStatus
    quote_date: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date] = mapped_column(Date)
    total: Mapped[int] = mapped_column(Money, default=0)
    needs_price_approval: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decision_note: Mapped[str] = mapped_column(Text, default="")
    issued_document: Mapped[str] = mapped_column(String(32), default="")  # DR number once printed


class QuotationLine(Base):
    __tablename__ = "quotation_lines"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    quotation_id: Mapped[int] = mapped_column(ForeignKey("quotations.id", ondelete="CASCADE"), index=True)
    line_no: Mapped[int] = mapped_column(Integer)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    quantity: Mapped[int] = mapped_column(Integer)
    unit_price: Mapped[int] = mapped_column(Money)
    amount: Mapped[int] = mapped_column(Money)
    list_price: Mapped[int] = mapped_column(Money)
    floor_price: Mapped[int] = mapped_column(Money)
    ceiling_price: Mapped[int] = mapped_column(Money)
    below_floor: Mapped[bool] = mapped_column(Boolean, default=False)
