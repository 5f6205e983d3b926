"""Importing customer files [客户档案] from a spreadsheet (SPEC §8): the columns, how
headers are matched, and each row checked into a record or a reason. Pure.

- Columns are matched from their headers in English or Chinese (our own export's
  headers included); the user may change the mapping. A title row above the header
  (客户资料表) is skipped: the header is the first row that names two known columns.
- One row is one customer. A row repeating an earlier row's customer code adds a
  contact to that customer (its other customer cells blank or the same).
- Credit figures (grade, limit, term, mode, rated on) are the position carried over
  from the firm's old books; they must fit the grade's policy (D gets no credit, C a
  small limit, terms within the grade's cap). A B limit above the base is taken as
  already raised step by step there.
- Every error names the spreadsheet's row number (as the spreadsheet shows it) and
  the column; the service writes nothing while any row has one.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from sales_desk.domain.common import import_values as cell
from sales_desk.domain.common.errors import ValidationError
from sales_desk.domain.credit.rating import (
    Grade,
    PaymentMode,
    Terms,
    TermsPolicy,
    check_terms,
    rerating_due,
)
from sales_desk.domain.customers.files import CLASSIFICATIONS, check_code
from sales_desk.i18n import N_, _, translator

MAX_ROWS = 20_000  # a small firm's customers many times over; more is a mistake or an attack
MAX_COLUMNS = 200
MAX_ERRORS = 1_000  # reported; the count says how many more
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


# -- records -----------------------------------------------------------------------------


@dataclass(frozen=True)
class RowError:
    row: int  # as the spreadsheet numbers it; 0: the file as a whole
    column: str  # the column's header as written, or "" for the whole row
    message: str

    def __str__(self) -> str:
        where = _("Row {row}").format(row=self.row) if self.row else _("The file")
        if self.column:
            return _("{where}, {column}: {message}").format(where=where, column=self.column, message=self.message)
        return _("{field}: {message}").format(field=where, message=self.message)


@dataclass(frozen=True)
class ContactRecord:
    name: str
    position: str = ""
    phone: str = ""
    email: str = ""
    key_person: bool = False
    note: str = ""


@dataclass(frozen=True)
class CreditRecord:
    grade: Grade
    limit: int
    term_days: int | None
    mode: PaymentMode
    rated_on: date | None
    rerating_due_on: date


@dataclass(frozen=True)
class CustomerRecord:
    row: int
    code: str  # upper-cased; "" when the service gives the next free one
    values: Mapping[str, object]  # the customer file's fields, typed (services/customer_data.EDITABLE)
    rep_id: int | None
    contacts: tuple[ContactRecord, ...] = ()
    credit: CreditRecord | None = None


@dataclass(frozen=True)
class ImportRules:
    """What the rows are checked against, read from the database by the service."""

    reps: Mapping[str, int]  # folded user name (and folded full name) → id of an active rep
    existing_codes: frozenset[str]
    may_set_credit: bool  # credit figures need the right to set limits
    today: date  # the business date
    policy: TermsPolicy = field(default_factory=TermsPolicy)
    rerating_months: int = 12
    source: str = ""  # the file's name, for the reasons on an imported limit


@dataclass(frozen=True)
class ParsedImport:
    records: tuple[CustomerRecord, ...]
    errors: tuple[RowError, ...]
    error_count: int  # errors beyond MAX_ERRORS are counted, not listed
    rows: int  # data rows read (blank ones skipped)

    @property
    def ok(self) -> bool:
        return not self.error_count and bool(self.records)

    @property
    def contacts(self) -> int:
        return sum(len(r.contacts) for r in self.records)

    @property
    def with_credit(self) -> int:
        return sum(1 for r in self.records if r.credit is not None)


def _choices(key: str) -> dict[str, str]:
    zh = translator("zh_CN")
    out: dict[str, str] = {}
    for c in CLASSIFICATIONS[key]:
        for name in (c.code, c.label, c.zh, zh(c.label), _(c.label)):
            out.setdefault(header_key(name), c.code)
    return out


_MODES = {**{header_key(m.value): m for m in PaymentMode},
          "赊销": PaymentMode.CREDIT, "credit": PaymentMode.CREDIT, "oncredit": PaymentMode.CREDIT,
          "信用": PaymentMode.CREDIT, "预付款": PaymentMode.PREPAYMENT, "预付": PaymentMode.PREPAYMENT,
          "款到发货": PaymentMode.PREPAYMENT, "货到付款": PaymentMode.CASH_ON_DELIVERY,
          "cashondelivery": PaymentMode.CASH_ON_DELIVERY}
_UNCAPPED = {"notcapped", "uncapped", "none", "不限", "无限制", "不限期"}


def _mode(value: object) -> PaymentMode:
    key = header_key(value)
    for m in PaymentMode:
        if key == header_key(_(m.label)) or key == header_key(translator("zh_CN")(m.label)):
            return m
    if key in _MODES:
        return _MODES[key]
    raise cell.CellError(_("one of: on credit, prepayment, cash on delivery"))


def _grade(value: object) -> Grade:
    key = header_key(value).removesuffix("级").upper()
    try:
        return Grade(key)
    except ValueError as exc:
        raise cell.CellError(_("one of A, B, C, D")) from exc


class _Row:
    """One row being read: typed values by field key, and its errors."""

    def __init__(self, number: int, headers: Sequence[str], cells: Sequence[object],
                 mapping: Sequence[str | None], rules: ImportRules, choices: dict[str, dict[str, str]]):
        self.number, self.errors = number, []
        self.values: dict[str, object] = {}
        self.headers = headers
        self.column_of: dict[str, int] = {}
        for i, key in enumerate(mapping):
            if key is None:
                continue
            self.column_of[key] = i
            raw = cells[i] if i < len(cells) else None
            if cell.is_blank(raw):
                continue
            try:
                self.values[key] = _read(FIELD_BY_KEY[key], raw, rules, choices)
            except cell.CellError as exc:
                self.error(key, str(exc))

    def error(self, key: str, message: str) -> None:
        i = self.column_of.get(key)
        # A mapping may name more columns than the header row has (a title-less file, --map).
        column = self.headers[i] if i is not None and i < len(self.headers) else ""
        self.errors.append(RowError(self.number, column or _(FIELD_BY_KEY[key].label), message))


def _read(f: ImportField, raw: object, rules: ImportRules, choices: dict[str, dict[str, str]]) -> object:
    if f.kind is Kind.TEXT:
        return cell.text(raw, f.max_length)
    if f.kind is Kind.DATE:
        return cell.day(raw)
    if f.kind is Kind.COUNT:
        return cell.count(raw)
    if f.kind is Kind.MONEY:
        return cell.money(raw)
    if f.kind is Kind.BOOL:
        return cell.yes_no(raw)
    if f.kind is Kind.CHOICE:
        code = choices[f.key].get(header_key(cell.text(raw)))
        if code is None:
            raise cell.CellError(_("not one of the listed values"))
        return code
    if f.kind is Kind.USER:
        rep = rules.reps.get(cell.fold(cell.text(raw)))
        if rep is None:
            raise cell.CellError(_("not an active sales rep's user name"))
        return rep
    if f.kind is Kind.GRADE:
        return _grade(raw)
    if f.kind is Kind.DAYS:
        if header_key(cell.text(raw)) in _UNCAPPED:
            return None
        return cell.count(raw, maximum=3650)
    return _mode(raw)


def _contact(row: _Row) -> ContactRecord | None:
    v = row.values
    if not any(k in v for k in CONTACT_KEYS):
        return None
    if not v.get("contact_name"):
        row.error("contact_name", _("a contact needs a name"))
        return None
    return ContactRecord(str(v["contact_name"]), str(v.get("contact_position", "")),
                         str(v.get("contact_phone", "")), str(v.get("contact_email", "")),
                         bool(v.get("contact_key_person", False)), str(v.get("contact_note", "")))


def _credit(row: _Row, rules: ImportRules) -> CreditRecord | None:
    v = row.values
    if not any(k in v for k in CREDIT_KEYS):
        return None
    grade = v.get("credit_grade")
    if not isinstance(grade, Grade):
        # No grade with nothing granted (limit 0, term 0, prepayment) is an unrated customer,
        # as our own export writes one: not credit figures at all.
        if (v.get("credit_limit", 0) == 0 and v.get("payment_term_days", 0) == 0 and "last_rated_on" not in v
                and v.get("payment_mode", PaymentMode.PREPAYMENT) is PaymentMode.PREPAYMENT):
            return None
        row.error("credit_grade", _("credit figures need the credit grade they were given under"))
        return None
    limit = int(v.get("credit_limit", 0))  # type: ignore[call-overload]
    term = v.get("payment_term_days", 0)
    mode = v.get("payment_mode") or (PaymentMode.CREDIT if limit else PaymentMode.PREPAYMENT)
    assert isinstance(mode, PaymentMode)
    if mode is not PaymentMode.CREDIT and "payment_term_days" not in v:
        term = 0
    terms = Terms(limit, term if term is None else int(term), mode)  # type: ignore[call-overload]
    try:
        # The limit was set in the old books: the B step rule (raise by at most half at a
        # time) is about raising it, so it is checked as if already at this limit.
        check_terms(grade, terms, current_limit=limit, policy=rules.policy,
                    reasons=_("Carried over from {file}").format(file=rules.source or "-"))
    except ValidationError as exc:
        wanted = "payment_term_days" if exc.field == _("Payment term") else "credit_limit"
        row.error(next((k for k in (wanted, "credit_limit", "credit_grade") if k in row.column_of), wanted),
                  exc.message)
        return None
    rated_on = v.get("last_rated_on")
    if isinstance(rated_on, date) and rated_on > rules.today:
        row.error("last_rated_on", _("in the future"))
        return None
    # Rated in the old books: due for re-rating a year later, or now when the date is
    # not known, so the grade is confirmed here [每年评定一次].
    due = rerating_due(rated_on, rules.rerating_months) if isinstance(rated_on, date) else rules.today
    return CreditRecord(grade, terms.limit, terms.term_days, terms.mode,
                        rated_on if isinstance(rated_on, date) else None, due)


def check_mapping(mapping: Sequence[str | None], rules: ImportRules) -> list[RowError]:
    errors = []
    keys = [k for k in mapping if k is not None]
    for key in sorted({str(k) for k in keys if k not in FIELD_BY_KEY}):
        errors.append(RowError(0, key[:64], _("not a field customers can be imported into")))
    keys = [k for k in keys if k in FIELD_BY_KEY]
    for key in sorted({k for k in keys if keys.count(k) > 1}):
        errors.append(RowError(0, _(FIELD_BY_KEY[key].label), _("more than one column holds this field")))
    if "name" not in keys:
        errors.append(RowError(0, _("Name"), _("no column holds the customer's name")))
    if not rules.may_set_credit and any(k in CREDIT_KEYS for k in keys):
        errors.append(RowError(0, _("Credit limit"), _(
            "only someone who may set credit limits can import credit figures: "
            "leave the credit columns out, or ask the sales manager")))
    return errors


def _header_text(header: object) -> str:
    try:
        return cell.text(header, 200)
    except cell.CellError:
        return str(header)[:200].replace("\x00", "")


def parse_rows(headers: Sequence[object], rows: Sequence[tuple[int, Sequence[object]]],
               mapping: Sequence[str | None], rules: ImportRules) -> ParsedImport:
    """Every data row checked: the records, or the errors (and then no records)."""
    header_texts = [_header_text(h) for h in headers]
    errors = check_mapping(mapping, rules)
    if len(rows) > MAX_ROWS:
        errors.append(RowError(0, "", _("more than {n} rows: import the file in parts").format(n=MAX_ROWS)))
    if errors:
        return ParsedImport((), tuple(errors[:MAX_ERRORS]), len(errors), len(rows))
    choices = {key: _choices(key) for key in CLASSIFICATIONS}
    first_of_code: dict[str, tuple[int, dict[str, object]]] = {}  # code → its first row, values
    contacts_of: dict[str | int, list[ContactRecord]] = {}  # a code, or the row of a codeless customer
    records: list[CustomerRecord] = []
    listed: list[RowError] = []
    count = 0

    for number, cells in rows:
        row = _Row(number, header_texts, cells, mapping, rules, choices)
        code = ""
        if "code" in row.values:
            try:
                code = check_code(str(row.values["code"]))
            except ValidationError as exc:
                row.error("code", exc.message)
        contact = _contact(row)
        if code and code in first_of_code:  # a further contact of a customer above
            first_row, first_values = first_of_code[code]
            differing = [k for k in (*CUSTOMER_KEYS, "rep", *CREDIT_KEYS)
                         if k in row.values and row.values[k] != first_values.get(k)]
            if differing:
                row.error(differing[0], _("row {row} has the same customer code with other details")
                          .format(row=first_row))
            elif contact is None and not row.errors:
                row.error("code", _("repeats the customer code of row {row}").format(row=first_row))
            elif contact is not None and code in contacts_of:
                contacts_of[code].append(contact)
        else:
            if "name" not in row.values:
                row.error("name", _("must not be empty"))
            if code and code in rules.existing_codes:
                row.error("code", _("customer {code} exists already").format(code=code))
            credit = _credit(row, rules)
            if code:
                first_of_code[code] = (number, row.values)
            if not row.errors:
                key: str | int = code or number
                contacts_of[key] = [contact] if contact else []
                records.append(CustomerRecord(
                    number, code, {k: v for k, v in row.values.items() if k in CUSTOMER_KEYS},
                    row.values.get("rep"), (), credit))  # type: ignore[arg-type]
        count += len(row.errors)
        listed.extend(row.errors[:max(MAX_ERRORS - len(listed), 0)])
    if not records and not count:
        return ParsedImport((), (RowError(0, "", _("there are no customer rows under the header")),), 1,
                            len(rows))
    if count:
        return ParsedImport((), tuple(listed), count, len(rows))
    return ParsedImport(tuple(
        CustomerRecord(r.row, r.code, r.values, r.rep_id, tuple(contacts_of[r.code or r.row]), r.credit)
        for r in records), (), 0, len(rows))
