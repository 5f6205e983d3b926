"""The shapes the customer services take and give: input dataclasses, frozen rows,
and the field groups of the file (which sections are confidential, their labels)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sales_desk.domain.customers.field_labels import FIELD_LABELS as FIELD_LABELS  # re-exported
from sales_desk.domain.customers.files import CLASSIFICATIONS

# -- the editable sections ----------------------------------------------------------------

TEXT_FIELDS = (
    "name", "short_name", "registration_no", "address", "phone", "legal_representative",
    "key_managers", "company_size", "service_area", "sales_capacity", "potential", "business_policy",
    "sales_history", "staff_quality", "competitor_relations", "cooperation_attitude", "trade_issues",
    "trade_strengths", "future_plan", "reputation", "credit_status", "trade_terms",
    "past_credit_problems", "purchasing_procedure", "demand_plan",
)
DATE_FIELDS = ("founded_on", "trading_since", "first_contact_on")
INT_FIELDS = ("staff_count",)
MONEY_FIELDS = ("registered_capital", "total_assets", "annual_sales")
BOOL_FIELDS = ("key_account",)
CLASS_FIELDS = tuple(CLASSIFICATIONS)  # region, industry, nature, customer_type, language, info_source_level
EDITABLE = TEXT_FIELDS + DATE_FIELDS + INT_FIELDS + MONEY_FIELDS + BOOL_FIELDS + CLASS_FIELDS


# Business and transaction status and the figures: the business secret [商业秘密].
CONFIDENTIAL_FIELDS = frozenset({
    "registered_capital", "total_assets", "annual_sales", "sales_history", "staff_quality",
    "competitor_relations", "cooperation_attitude", "trade_issues", "trade_strengths",
    "future_plan", "reputation", "credit_status", "trade_terms", "past_credit_problems",
})


@dataclass(frozen=True)
class CustomerInput:
    """A new file: every section of SPEC §2 (money in minor units, dates as business dates)."""

    name: str
    code: str = ""  # blank: the next free C000123
    short_name: str = ""
    registration_no: str = ""
    address: str = ""
    phone: str = ""
    legal_representative: str = ""
    key_managers: str = ""
    founded_on: date | None = None
    trading_since: date | None = None
    staff_count: int | None = None
    company_size: str = ""
    registered_capital: int | None = None
    total_assets: int | None = None
    service_area: str = ""
    sales_capacity: str = ""
    potential: str = ""
    business_policy: str = ""
    sales_history: str = ""
    annual_sales: int = 0
    staff_quality: str = ""
    competitor_relations: str = ""
    cooperation_attitude: str = ""
    trade_issues: str = ""
    trade_strengths: str = ""
    future_plan: str = ""
    reputation: str = ""
    credit_status: str = ""
    trade_terms: str = ""
    past_credit_problems: str = ""
    region: str = ""
    industry: str = ""
    nature: str = ""
    customer_type: str = ""
    language: str = ""  # the letters' language; "" the one chosen at print time
    key_account: bool = False
    first_contact_on: date | None = None
    rep_id: int | None = None  # blank: the creator keeps the file
    purchasing_procedure: str = ""  # 客户购买程序 (客户关系维护办法 第5条)
    demand_plan: str = ""  # 需求计划
    info_source_level: str = ""  # 信息渠道等级 1–4 (第6条)
    contacts: tuple[ContactInput, ...] = ()


@dataclass(frozen=True)
class ContactInput:
    name: str
    position: str = ""
    phone: str = ""
    email: str = ""
    key_person: bool = False
    note: str = ""


@dataclass(frozen=True)
class ContactRow:
    id: int
    name: str
    position: str
    phone: str
    email: str
    key_person: bool
    note: str
    version: int = 1  # the one an edit names (no lost update)


@dataclass(frozen=True)
class CustomerCard:
    id: int
    code: str
    name: str
    short_name: str
    registration_no: str
    address: str
    phone: str
    legal_representative: str
    key_managers: str
    founded_on: date | None
    trading_since: date | None
    staff_count: int | None
    company_size: str
    service_area: str
    sales_capacity: str
    potential: str
    business_policy: str
    region: str
    industry: str
    nature: str
    customer_type: str
    language: str
    value_grade: str
    key_account: bool
    credit_grade: str | None
    credit_score: Decimal | None  # exact: 84.99
    credit_hold: bool
    credit_limit: int
    payment_term_days: int | None
    payment_mode: str
    last_rated_on: date | None
    rerating_due_on: date | None
    rep_id: int | None
    rep_name: str
    first_contact_on: date | None
    created_at: datetime
    created_late: bool  # more than a week after first contact
    file_updated_on: date
    stale: bool
    review_status: str
    reviewed_by: str
    reviewed_at: datetime | None
    contacts: tuple[ContactRow, ...]
    may_open_full_file: bool  # own rep, or customer-manager level
    version: int = 1  # the record's version: a save names it (domain/common/versions.py)
    purchasing_procedure: str = ""  # 客户购买程序 (客户关系维护办法 第5条)
    demand_plan: str = ""  # 需求计划
    info_source_level: str = ""  # 信息渠道等级 1–4 (第6条)


@dataclass(frozen=True)
class DocumentRow:
    id: int
    title: str
    category: str
    original_name: str
    size: int
    sha256: str
    uploaded_by: str
    uploaded_at: datetime


@dataclass(frozen=True)
class CustomerFile:
    """The full file: the card plus the confidential sections and the documents."""

    card: CustomerCard
    registered_capital: int | None
    total_assets: int | None
    annual_sales: int
    sales_history: str
    staff_quality: str
    competitor_relations: str
    cooperation_attitude: str
    trade_issues: str
    trade_strengths: str
    future_plan: str
    reputation: str
    credit_status: str
    trade_terms: str
    past_credit_problems: str
    documents: tuple[DocumentRow, ...]


@dataclass(frozen=True)
class AccessRow:
    id: int
    customer_id: int
    customer_code: str
    customer_name: str
    username: str
    full_name: str
    opened_at: datetime
    reason: str
