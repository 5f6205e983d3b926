"""Customer-file rules [客户档案] (seed 002: 篇4 档案管理制度, 篇5 档案管理办法).

- The person in direct contact creates the file within a week of first contact;
  their superior reviews it.
- The file is filled in at least every `customer.stale_months` months (每季度):
  untouched for longer, it is stale.
- Classification [客户分类]: industry, nature, region, type; value grade by sales
  volume; key account [大客户].
- The full file is a business secret [商业秘密]: opened only at customer-manager
  level and above, each opening logged with a reason like a library card [借阅卡].
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from sales_desk.domain.common import pinyin_keys
from sales_desk.domain.common.calendar import add_months
from sales_desk.domain.common.errors import ValidationError
from sales_desk.domain.common.pinyin_keys import normalize_search  # noqa: F401 - re-exported
from sales_desk.domain.common.roles import Perm, Role
from sales_desk.i18n import N_, _

FIRST_FILE_DAYS = 7  # 一周内负责建立

# -- staleness ---------------------------------------------------------------------------


def stale_cutoff(today: date, months: int = 3) -> date:
    """Files last updated *before* this date are stale today."""
    return add_months(today, -months)


def is_stale(file_updated_on: date, today: date, months: int = 3) -> bool:
    """Stale once untouched for longer than `months` months: updated 15 Jan, still fresh
    on 15 Apr, stale from 16 Apr."""
    return file_updated_on < stale_cutoff(today, months)


def file_created_late(first_contact_on: date | None, created_on: date) -> bool:
    """Created more than a week after the first contact."""
    return first_contact_on is not None and created_on - first_contact_on > timedelta(days=FIRST_FILE_DAYS)


# -- value grade by sales volume [客户等级分类] ------------------------------------------


class ValueGrade(StrEnum):
    A = "A"  # key accounts by volume
    B = "B"
    C = "C"
    D = "D"


@dataclass(frozen=True)
class ValueBands:
    """Lowest annual sales (minor units) of value grades A, B and C; settings customer.value_*_min."""

    a_min: int = 100_000_000  # 1,000,000.00
    b_min: int = 30_000_000
    c_min: int = 5_000_000

    @classmethod
    def from_settings(cls, values: Mapping[str, object]) -> ValueBands:
        return cls(*(int(values[f"customer.value_{g}_min"]) for g in "abc"))  # type: ignore[call-overload]


def value_grade_for(annual_sales: int, bands: ValueBands = ValueBands()) -> ValueGrade:
    if annual_sales >= bands.a_min:
        return ValueGrade.A
    if annual_sales >= bands.b_min:
        return ValueGrade.B
    if annual_sales >= bands.c_min:
        return ValueGrade.C
    return ValueGrade.D


# -- classification value lists [客户性质分类] ---------------------------------------------


@dataclass(frozen=True)
class Choice:
    code: str
    label: str  # msgid
    zh: str


REGIONS: tuple[Choice, ...] = (
    Choice("north", N_("North China"), "华北"),
    Choice("northeast", N_("Northeast China"), "东北"),
    Choice("east", N_("East China"), "华东"),
    Choice("central", N_("Central China"), "华中"),
    Choice("south", N_("South China"), "华南"),
    Choice("southwest", N_("Southwest China"), "西南"),
    Choice("northwest", N_("Northwest China"), "西北"),
    Choice("overseas", N_("Overseas"), "境外"),
)
INDUSTRIES: tuple[Choice, ...] = (
    Choice("manufacturing", N_("Manufacturing"), "制造业"),
    Choice("wholesale", N_("Wholesale and distribution"), "批发分销"),
    Choice("retail", N_("Retail"), "零售业"),
    Choice("healthcare", N_("Healthcare"), "医疗卫生"),
    Choice("construction", N_("Construction"), "建筑业"),
    Choice("food", N_("Food and beverage"), "食品饮料"),
    Choice("it", N_("Information technology"), "信息技术"),
    Choice("logistics", N_("Transport and logistics"), "交通物流"),
    Choice("other", N_("Other industry"), "其他行业"),
)
NATURES: tuple[Choice, ...] = (
    Choice("state", N_("State-owned"), "国有企业"),
    Choice("private", N_("Private"), "民营企业"),
    Choice("foreign", N_("Foreign-invested"), "外资企业"),
    Choice("joint", N_("Joint venture"), "合资企业"),
    Choice("collective", N_("Collective"), "集体企业"),
    Choice("individual", N_("Individual business"), "个体工商户"),
    Choice("institution", N_("Public institution"), "事业单位"),
)
CUSTOMER_TYPES: tuple[Choice, ...] = (
    Choice("distributor", N_("Distributor"), "经销商"),
    Choice("agent", N_("Agent"), "代理商"),
    Choice("retailer", N_("Retailer"), "零售商"),
    Choice("hospital", N_("Hospital"), "医院"),
    Choice("pharmacy", N_("Pharmacy"), "药店"),
    Choice("end_user", N_("End user"), "终端用户"),
    Choice("other", N_("Other type"), "其他"),
)
# The language the customer's letters are printed in (the forms' languages, i18n.LANGUAGES).
LETTER_LANGUAGES: tuple[Choice, ...] = (
    Choice("zh_CN", N_("Simplified Chinese"), "简体中文"),
    Choice("en", N_("English"), "英文"),
)
# The channel the file's information came from [客户信息渠道] (客户关系维护办法 第6条), first to fourth level.
SOURCE_LEVELS: tuple[Choice, ...] = (
    Choice("1", N_("Level 1: the customer's own publications"), "第一等级：客户年报、广告、宣传册、产品介绍、网站等"),
    Choice("2", N_("Level 2: industry analysts, trade press, public data"), "第二等级：行业分析报告、行业刊物、政府公开数据等"),
    Choice("3", N_("Level 3: contacts at or close to the customer"), "第三等级：客户相关联系人及密切合作方"),
    Choice("4", N_("Level 4: insiders working with us (exact needs, tender criteria)"),
           "第四等级：客户内部密切联系人（确切需求、招标评估标准）"),
)
CLASSIFICATIONS: dict[str, tuple[Choice, ...]] = {
    "region": REGIONS, "industry": INDUSTRIES, "nature": NATURES, "customer_type": CUSTOMER_TYPES,
    "language": LETTER_LANGUAGES, "info_source_level": SOURCE_LEVELS,
}
CLASSIFICATION_LABELS = {
    "region": N_("Region"), "industry": N_("Industry"), "nature": N_("Nature"),
    "customer_type": N_("Customer type"), "language": N_("Letter language"),
    "info_source_level": N_("Information source level"),
}


def check_classification(field: str, code: str) -> str:
    """Empty, or one of the codes of that list."""
    code = (code or "").strip()
    if code and code not in {c.code for c in CLASSIFICATIONS[field]}:
        raise ValidationError(_(CLASSIFICATION_LABELS[field]), _("not one of the listed values"))
    return code


def choice_label(field: str, code: str) -> str:
    for c in CLASSIFICATIONS[field]:
        if c.code == code:
            return _(c.label)
    return code


# -- codes and search --------------------------------------------------------------------

_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$")


def check_code(code: str) -> str:
    """Letters, digits, '-' and '_' (it names the attachments folder too), upper-cased."""
    code = code.strip()
    if not _CODE.match(code):
        raise ValidationError(_("Customer code"), _("1–32 letters, digits, “-” or “_”"))
    return code.upper()


def search_key(code: str, name: str, short_name: str = "") -> str:
    """What the list filter searches: code and names as written, in full pinyin and in
    initials (华通 -> huatong, ht), joined by separators no query contains (pinyin_keys.search_text)."""
    return pinyin_keys.search_text([code], [name, short_name])


def search_grams(code: str, name: str, short_name: str = "") -> str:
    """The 1- and 2-character runs of code, names and initials (queries shorter than 3)."""
    return pinyin_keys.search_grams([code], [name, short_name])


def name_keys(code: str, name: str, short_name: str = "") -> dict[str, str]:
    """Every key a customer row keeps for search and pinyin order, by column."""
    return {"search_text": search_key(code, name, short_name),
            "search_grams": search_grams(code, name, short_name),
            "sort_key": pinyin_keys.sort_key(name)}


# -- who sees what -----------------------------------------------------------------------

# Roles that see only the customers they are the rep of. Everyone else with
# customer.view (supervisors, managers, customer service, finance…) sees all.
OWN_CUSTOMERS_ONLY = frozenset({Role.SALES_REP})


def sees_all_customers(roles: Iterable[Role]) -> bool:
    return any(Role(r) not in OWN_CUSTOMERS_ONLY for r in roles)


def may_open_confidential(permissions: Iterable[Perm]) -> bool:
    """Customer-manager level and above [商业秘密]: the permission customer.open_confidential."""
    return Perm.CUSTOMER_CONFIDENTIAL in set(permissions)


def check_access_reason(reason: str) -> str:
    reason = reason.strip()
    if len(reason) < 2:
        raise ValidationError(_("Reason"), _("say why you open the confidential file"))
    return reason


# -- relationship log [客户关系维护] -------------------------------------------------------


class InteractionKind(StrEnum):
    VISIT = "visit"  # 拜访
    RETURN_VISIT = "return_visit"  # 回访
    COMPLAINT = "complaint"  # 投诉
    RETURN_EXCHANGE = "return_exchange"  # 退换货

    @property
    def label(self) -> str:
        return _(INTERACTION_LABELS[self])


INTERACTION_LABELS = {
    InteractionKind.VISIT: N_("Visit"),
    InteractionKind.RETURN_VISIT: N_("Return visit"),
    InteractionKind.COMPLAINT: N_("Complaint"),
    InteractionKind.RETURN_EXCHANGE: N_("Return or exchange"),
}


class ReviewStatus(StrEnum):
    PENDING = "pending"  # created, waiting for the superior [交直接上级审核]
    REVIEWED = "reviewed"
