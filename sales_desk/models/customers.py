"""Customer files [客户档案]: the record with every section of SPEC §2, key persons,
documents, and the library card [借阅卡] of confidential-file openings.

Credit data (ratings, limits, holds) lives in models/credit.py; the customer row
keeps the current grade, limit and hold so the 100k-row list filters in SQL.
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
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sales_desk.models.base import Base, Hundredths, UTCDateTime, utcnow
from sales_desk.models.versioned import Versioned

Money = BigInteger  # minor units; 2**31 fen is only 21 million yuan


class Customer(Base, Versioned):
    __tablename__ = "customers"
    __table_args__ = (
        # The list pages by (name, id), or (sort_key, id) in the Chinese UI, for all or
        # (rep_id, …) for one rep: those indexes are db/search_index.ORDER_INDEXES, which
        # on SQLite carry search_text for a search page's walk (migration 0038).
        Index("ix_customers_credit_grade", "credit_grade"),
        Index("ix_customers_file_updated_on", "file_updated_on"),
        Index("ix_customers_rerating_due_on", "rerating_due_on"),
        # the dashboard's few among many: files on hold, key accounts, new files to review
        Index("ix_customers_credit_hold", "credit_hold"),
        Index("ix_customers_key_account_code", "key_account", "code"),
        Index("ix_customers_review_created", "review_status", "created_at", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    short_name: Mapped[str] = mapped_column(String(100), default="")
    # normalized code + names, their pinyin and initials (domain.customers.search_key):
    # the substring filter, through a trigram index (db/search_index.py)
    search_text: Mapped[str] = mapped_column(Text, default="")
    # 1- and 2-character runs of the names and initials: queries too short for trigrams
    search_grams: Mapped[str] = mapped_column(Text, default="")
    sort_key: Mapped[str] = mapped_column(String(800), default="")  # the name in pinyin

    # basic information [客户基础资料]
    registration_no: Mapped[str] = mapped_column(String(64), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    phone: Mapped[str] = mapped_column(String(64), default="")
    legal_representative: Mapped[str] = mapped_column(String(100), default="")  # 法定代表人/所有者
    key_managers: Mapped[str] = mapped_column(Text, default="")  # 管理者
    founded_on: Mapped[date | None] = mapped_column(Date)
    trading_since: Mapped[date | None] = mapped_column(Date)  # 与本公司交易时间
    staff_count: Mapped[int | None] = mapped_column(Integer)
    company_size: Mapped[str] = mapped_column(String(100), default="")  # 企业规模
    registered_capital: Mapped[int | None] = mapped_column(Money)
    total_assets: Mapped[int | None] = mapped_column(Money)  # 资产

    # characteristics [客户特征]
    service_area: Mapped[str] = mapped_column(Text, default="")
    sales_capacity: Mapped[str] = mapped_column(Text, default="")
    potential: Mapped[str] = mapped_column(Text, default="")
    business_policy: Mapped[str] = mapped_column(Text, default="")  # 经营方针与政策

    # business status [业务状况]
    sales_history: Mapped[str] = mapped_column(Text, default="")
    annual_sales: Mapped[int] = mapped_column(Money, default=0)  # with us, drives the value grade
    staff_quality: Mapped[str] = mapped_column(Text, default="")
    competitor_relations: Mapped[str] = mapped_column(Text, default="")
    cooperation_attitude: Mapped[str] = mapped_column(Text, default="")

    # transaction status [交易活动现状]
    trade_issues: Mapped[str] = mapped_column(Text, default="")
    trade_strengths: Mapped[str] = mapped_column(Text, default="")
    future_plan: Mapped[str] = mapped_column(Text, default="")
    reputation: Mapped[str] = mapped_column(Text, default="")
    credit_status: Mapped[str] = mapped_column(Text, default="")
    trade_terms: Mapped[str] = mapped_column(Text, default="")
    past_credit_problems: Mapped[str] = mapped_column(Text, default="")

    # customer information [客户信息] (客户关系维护办法 第5–6条): how they buy, what they plan to
    # buy, and the level of the channel the file's information came from (1–4, "" not stated)
    purchasing_procedure: Mapped[str] = mapped_column(Text, default="")  # 客户购买程序
    demand_plan: Mapped[str] = mapped_column(Text, default="")  # 需求计划
    info_source_level: Mapped[str] = mapped_column(String(16), default="")  # 信息渠道等级

    # classification [客户分类]
    region: Mapped[str] = mapped_column(String(64), default="", index=True)
    industry: Mapped[str] = mapped_column(String(64), default="")
    nature: Mapped[str] = mapped_column(String(64), default="")
    customer_type: Mapped[str] = mapped_column(String(64), default="")
    value_grade: Mapped[str] = mapped_column(String(1), default="D")
    key_account: Mapped[bool] = mapped_column(Boolean, default=False)  # 大客户
    # the letters' language (en, zh_CN); "" prints in the language chosen at print time
    language: Mapped[str] = mapped_column(String(8), default="")

    # credit, current state (history in models/credit.py)
    credit_grade: Mapped[str | None] = mapped_column(String(1))
    credit_score: Mapped[Decimal | None] = mapped_column("credit_score_hundredths", Hundredths)  # 84.99
    credit_hold: Mapped[bool] = mapped_column(Boolean, default=False)
    credit_limit: Mapped[int] = mapped_column(Money, default=0)
    payment_term_days: Mapped[int | None] = mapped_column(Integer, default=0)  # None: not capped
    payment_mode: Mapped[str] = mapped_column(String(16), default="prepayment")
    last_rated_on: Mapped[date | None] = mapped_column(Date)
    rerating_due_on: Mapped[date | None] = mapped_column(Date)

    # upkeep: who keeps the file, when it was touched and reviewed
    rep_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    first_contact_on: Mapped[date | None] = mapped_column(Date)
    file_updated_on: Mapped[date] = mapped_column(Date)  # business date, set by the services
    review_status: Mapped[str] = mapped_column(String(16), default="pending")
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    review_note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Moved on once by each transaction that changes the row (models/versioned.py): a form saves only over the version
    # it loaded (services/common/versions.py), and two transactions racing on the same row
    # cannot both write (the second's UPDATE … WHERE version = n matches nothing).
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    __mapper_args__ = {"version_id_col": version, "version_id_generator": False}

    contacts: Mapped[list[CustomerContact]] = relationship(
        back_populates="customer", cascade="all, delete-orphan", lazy="raise",
        order_by="CustomerContact.id",
    )
    documents: Mapped[list[CustomerDocument]] = relationship(
        back_populates="customer", cascade="all, delete-orphan", lazy="raise",
        order_by="CustomerDocument.id",
    )


class CustomerContact(Base, Versioned):
    """Key persons and contacts [关键人物/联系人]."""

    __tablename__ = "customer_contacts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    # the name in characters, pinyin and initials (pinyin_keys.person_keys), for the search
    # box; indexed by db/search_index.py (migration 0031)
    search_text: Mapped[str] = mapped_column(Text, default="")
    search_grams: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[str] = mapped_column(String(100), default="")
    phone: Mapped[str] = mapped_column(String(64), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    key_person: Mapped[bool] = mapped_column(Boolean, default=False)  # decision maker [关键人物]
    note: Mapped[str] = mapped_column(Text, default="")
    # moved on once per transaction that changes the row (models/versioned.py, migration 0032)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    __mapper_args__ = {"version_id_col": version, "version_id_generator": False}
    customer: Mapped[Customer] = relationship(back_populates="contacts", lazy="raise")


class CustomerDocument(Base):
    """An attachment copied into the data folder: attachments/<code>/<file>."""

    __tablename__ = "customer_documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(64), default="")
    original_name: Mapped[str] = mapped_column(String(255))
    relative_path: Mapped[str] = mapped_column(String(400), unique=True)  # posix, under attachments
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(BigInteger)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    customer: Mapped[Customer] = relationship(back_populates="documents", lazy="raise")


class FileAccess(Base):
    """The library card [借阅卡]: who opened the confidential file, when, and why."""

    __tablename__ = "customer_file_access"
    __table_args__ = (Index("ix_customer_file_access_customer_at", "customer_id", "opened_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    reason: Mapped[str] = mapped_column(Text)
