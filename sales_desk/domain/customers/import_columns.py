"""The columns a customer file can be imported into, and how a spreadsheet's headers are
matched to them. Pure.

- Columns are matched from their headers in English or Chinese (our own export's
  headers included), ignoring case, width, spaces, marks and units; the user may change
  the mapping. A title row above the header (客户资料表) is skipped: the header is the
  first row that names two known columns.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from sales_desk.i18n import N_, translator

HEADER_SEARCH_ROWS = 20


class Kind(StrEnum):
    TEXT = "text"
    DATE = "date"
    COUNT = "count"
    MONEY = "money"
    BOOL = "bool"
    CHOICE = "choice"  # a classification list: region, industry, nature, type
    USER = "user"  # a sales rep's user name
    GRADE = "grade"
    DAYS = "days"  # a payment term; "not capped" for grade A
    MODE = "mode"


class Group(StrEnum):
    CUSTOMER = "customer"
    CONTACT = "contact"
    CREDIT = "credit"


@dataclass(frozen=True)
class ImportField:
    key: str
    label: str  # msgid, translated where shown
    kind: Kind = Kind.TEXT
    aliases: tuple[str, ...] = ()  # other headers it goes by (the label and its zh_CN translation count too)
    max_length: int = 0  # the column's width in the database
    group: Group = Group.CUSTOMER


def _f(key: str, label: str, kind: Kind = Kind.TEXT, aliases: str = "", max_length: int = 0,
       group: Group = Group.CUSTOMER) -> ImportField:
    return ImportField(key, label, kind, tuple(a for a in aliases.split("|") if a), max_length, group)


C, K, R = Group.CUSTOMER, Group.CONTACT, Group.CREDIT
FIELDS: tuple[ImportField, ...] = (
    _f("code", N_("Customer code"), aliases="code|customer no|客户编号|客户代码|客户编码|编号|代码", max_length=32),
    _f("name", N_("Name"), aliases="customer|customer name|company|客户名称|客户|名称|公司名称|企业名称|单位名称|客户全称",
       max_length=200),
    _f("short_name", N_("Short name"), aliases="简称|客户简称", max_length=100),
    _f("registration_no", N_("Registration no."),
       aliases="registration number|统一社会信用代码|营业执照号|注册号|注册登记号|工商注册号", max_length=64),
    _f("address", N_("Address"), aliases="地址|公司地址|详细地址|注册地址|经营地址", max_length=300),
    _f("phone", N_("Phone"), aliases="telephone|tel|电话|联系电话|公司电话|座机", max_length=64),
    _f("legal_representative", N_("Legal representative / owner"),
       aliases="legal representative|owner|法定代表人|法人代表|法人|所有者|负责人", max_length=100),
    _f("key_managers", N_("Key managers"), aliases="managers|管理者|主要管理者|主要管理人员"),
    _f("founded_on", N_("Founded"), Kind.DATE, "founded on|date founded|成立日期|成立时间|创立日期|创立时间"),
    _f("trading_since", N_("Trading with us since"), Kind.DATE,
       "trading since|与本公司交易时间|开始交易日期|合作开始日期|开始合作时间"),
    _f("staff_count", N_("Staff"), Kind.COUNT, "employees|staff count|员工人数|职工人数|人数|员工数"),
    _f("company_size", N_("Company size"), aliases="size|企业规模|规模", max_length=100),
    _f("registered_capital", N_("Registered capital"), Kind.MONEY, "注册资本|注册资金"),
    _f("total_assets", N_("Total assets"), Kind.MONEY, "assets|资产|总资产|资产总额"),
    _f("annual_sales", N_("Annual sales with us"), Kind.MONEY,
       "annual sales|年销售额|年度销售额|年销售额与本公司|与本公司年销售额"),
    _f("service_area", N_("Service area"), aliases="服务区域|服务区域范围"),
    _f("sales_capacity", N_("Sales capacity"), aliases="销售能力"),
    _f("potential", N_("Development potential"), aliases="potential|发展潜力|潜力"),
    _f("business_policy", N_("Business policy"), aliases="经营方针|经营政策|经营方针与政策|经营观念"),
    _f("sales_history", N_("Sales history with us"), aliases="sales history|销售历史|与本公司销售历史|销售业绩"),
    _f("staff_quality", N_("Quality of managers and staff"), aliases="人员素质|经营管理者和业务人员素质"),
    _f("competitor_relations", N_("Relations with competitors"), aliases="与竞争对手关系|与其他竞争者的关系"),
    _f("cooperation_attitude", N_("Cooperation attitude"), aliases="合作态度|与本公司合作态度"),
    _f("trade_issues", N_("Current issues"), aliases="issues|存在问题|存在的问题"),
    _f("trade_strengths", N_("Strengths"), aliases="保持优势|优势"),
    _f("future_plan", N_("Plans"), aliases="future plans|未来对策|未来计划"),
    _f("reputation", N_("Reputation and image"), aliases="reputation|企业形象和声誉|企业形象|声誉"),
    _f("credit_status", N_("Credit status"), aliases="信用状况|信用状态"),
    _f("trade_terms", N_("Trading terms"), aliases="交易条件"),
    _f("past_credit_problems", N_("Past credit problems"), aliases="以往出现的信用问题|信用问题"),
    _f("region", N_("Region"), Kind.CHOICE, "area|区域|地区|所属区域|所在区域"),
    _f("industry", N_("Industry"), Kind.CHOICE, "行业|所属行业"),
    _f("nature", N_("Nature"), Kind.CHOICE, "ownership|性质|企业性质|客户性质|经济性质"),
    _f("customer_type", N_("Customer type"), Kind.CHOICE, "type|类型|客户类型|客户类别"),
    _f("language", N_("Letter language"), Kind.CHOICE,
       "language|letters in|correspondence language|语言|函件语言|通知书语言|往来语言"),
    _f("key_account", N_("Key account"), Kind.BOOL, "key customer|大客户|是否大客户|重点客户"),
    _f("first_contact_on", N_("First contact"), Kind.DATE, "first contact on|首次接触|首次接触日期|首次联系日期"),
    _f("rep", N_("Sales rep"), Kind.USER, "rep|salesperson|业务员|销售专员|销售代表|负责业务员|客户经理"),
    _f("contact_name", N_("Contact person"), aliases="contact|contact name|联系人|联系人姓名|姓名",
       max_length=100, group=K),
    _f("contact_position", N_("Position"), aliases="title|job title|职务|职位|联系人职务", max_length=100, group=K),
    _f("contact_phone", N_("Contact's phone"), aliases="mobile|contact phone|手机|手机号|手机号码|联系人电话|联系人手机",
       max_length=64, group=K),
    _f("contact_email", N_("Email"), aliases="e-mail|mail|邮箱|电子邮件|电子邮箱|联系人邮箱", max_length=200, group=K),
    _f("contact_key_person", N_("Key person"), Kind.BOOL, "decision maker|关键人物|是否关键人物|决策人", group=K),
    _f("contact_note", N_("Note"), aliases="notes|remark|remarks|备注|说明", group=K),
    _f("credit_grade", N_("Credit grade"), Kind.GRADE, "grade|信用级别|资信等级|信用评级", group=R),
    _f("credit_limit", N_("Credit limit"), Kind.MONEY, "授信额度|赊销额度|信用限额", group=R),
    _f("payment_term_days", N_("Payment term"), Kind.DAYS,
       "term|payment term days|credit days|信用期|信用期限|账期|付款期限|回款期限|回款天数", group=R),
    _f("payment_mode", N_("Payment mode"), Kind.MODE, "payment|settlement|结算方式|付款方式|收款方式", group=R),
    _f("last_rated_on", N_("Rated on"), Kind.DATE, "rating date|last rated|评级日期|评定日期|信用评级日期", group=R),
)
FIELD_BY_KEY = {f.key: f for f in FIELDS}
CUSTOMER_KEYS = tuple(f.key for f in FIELDS if f.group is Group.CUSTOMER and f.key not in ("code", "rep"))
CONTACT_KEYS = tuple(f.key for f in FIELDS if f.group is Group.CONTACT)
CREDIT_KEYS = tuple(f.key for f in FIELDS if f.group is Group.CREDIT)

_BRACKETED = re.compile(r"[(（\[【<《][^)）\]】>》]*[)）\]】>》]")
_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)


def header_key(header: object) -> str:
    """Headers compare without case, width, spaces, punctuation, marks like '*' for
    required, or a unit in brackets: '*信用额度（元）' is '信用额度'."""
    text = unicodedata.normalize("NFKC", str(header or "")).casefold()
    return _NOT_WORD.sub("", _BRACKETED.sub("", text))


def _aliases() -> dict[str, str]:
    zh = translator("zh_CN")
    out: dict[str, str] = {}
    for f in FIELDS:
        for name in (f.key, f.label, zh(f.label), *f.aliases):
            out.setdefault(header_key(name), f.key)  # the first field to claim a name keeps it
    return out


def match_headers(headers: Sequence[object]) -> tuple[str | None, ...]:
    """The field each column holds (None: not imported); each field at most once."""
    aliases = _aliases()
    used: set[str] = set()
    out: list[str | None] = []
    for header in headers:
        key = aliases.get(header_key(header))
        out.append(key if key and key not in used else None)
        if key:
            used.add(key)
    return tuple(out)


def find_header(rows: Sequence[tuple[int, Sequence[object]]]) -> int:
    """The index in `rows` of the header: the first row naming two known columns among
    the first few, else the first row."""
    for i, (_number, cells) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        if sum(1 for key in match_headers(cells) if key) >= 2:
            return i
    return 0
