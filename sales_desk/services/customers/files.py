"""Customer files [客户档案]: create, edit, review, and open the confidential file.

Visibility: see services/customers/scope.py (a rep sees their own customers, managers all).

Two levels of reading:
- the card (`customer_card`): basic information, characteristics, classification,
  contacts and credit state: anyone who sees the customer;
- the full file (`customer_file` for the customer's own rep, the keeper of the file;
  `open_confidential_file` for customer-manager level and above, with a reason,
  written on the library card [借阅卡] and in the audit trail). It adds the business
  and transaction status, the financial figures and the documents [商业秘密].
Editing the confidential sections needs the same standing as reading them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import fields
from datetime import date, datetime

from sqlalchemy import func, select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.care.key_accounts import KeyAccountByScreening
from sales_desk.domain.common import pinyin_keys
from sales_desk.domain.common.approvals import ensure_not_self_approval
from sales_desk.domain.common.errors import (
    DomainError,
    DuplicateError,
    NotFound,
    NotPermitted,
    ValidationError,
)
from sales_desk.domain.common.roles import Perm, Role
from sales_desk.domain.customers.files import (
    ReviewStatus,
    ValueBands,
    check_access_reason,
    check_classification,
    check_code,
    file_created_late,
    is_stale,
    may_open_confidential,
    name_keys,
    value_grade_for,
)
from sales_desk.i18n import _
from sales_desk.models import (
    Customer,
    CustomerContact,
    CustomerDocument,
    FileAccess,
    User,
    UserRole,
)
from sales_desk.services.admin.settings import load_settings
from sales_desk.services.common.base import current_actor, service
from sales_desk.services.common.versions import ensure_current
from sales_desk.services.customers.data import (
    BOOL_FIELDS,
    CLASS_FIELDS,
    CONFIDENTIAL_FIELDS,
    DATE_FIELDS,
    EDITABLE,
    FIELD_LABELS,
    TEXT_FIELDS,
    AccessRow,
    ContactInput,
    ContactRow,
    CustomerCard,
    CustomerFile,
    CustomerInput,
    DocumentRow,
)
from sales_desk.services.customers.scope import (
    business_today,
    stale_months,
    touch,
    user_names,
    visible_customer,
)

# -- reading ---------------------------------------------------------------------------------


def _card(uow: UnitOfWork, c: Customer) -> CustomerCard:
    actor = current_actor(uow)
    contacts = uow.session.scalars(
        select(CustomerContact).where(CustomerContact.customer_id == c.id).order_by(CustomerContact.id))
    names = user_names(uow, [c.rep_id, c.reviewed_by_id])
    return CustomerCard(
        id=c.id, code=c.code, name=c.name, short_name=c.short_name, registration_no=c.registration_no,
        address=c.address, phone=c.phone, legal_representative=c.legal_representative,
        key_managers=c.key_managers, founded_on=c.founded_on, trading_since=c.trading_since,
        staff_count=c.staff_count, company_size=c.company_size, service_area=c.service_area,
        sales_capacity=c.sales_capacity, potential=c.potential, business_policy=c.business_policy,
        region=c.region, industry=c.industry, nature=c.nature, customer_type=c.customer_type, language=c.language,
        value_grade=c.value_grade, key_account=c.key_account, credit_grade=c.credit_grade,
        credit_score=c.credit_score, credit_hold=c.credit_hold, credit_limit=c.credit_limit,
        payment_term_days=c.payment_term_days, payment_mode=c.payment_mode,
        last_rated_on=c.last_rated_on, rerating_due_on=c.rerating_due_on, rep_id=c.rep_id,
        rep_name=names.get(c.rep_id or 0, ""), first_contact_on=c.first_contact_on,
        created_at=c.created_at,
        created_late=file_created_late(c.first_contact_on, c.created_at.astimezone().date()),
        file_updated_on=c.file_updated_on,
        stale=is_stale(c.file_updated_on, business_today(uow), stale_months(uow)),
        review_status=c.review_status, reviewed_by=names.get(c.reviewed_by_id or 0, ""),
        reviewed_at=c.reviewed_at,
        contacts=tuple(ContactRow(k.id, k.name, k.position, k.phone, k.email, k.key_person, k.note,
                                  k.version)
                       for k in contacts),
        may_open_full_file=c.rep_id == actor.user_id or may_open_confidential(actor.permissions),
        version=c.version,
        purchasing_procedure=c.purchasing_procedure, demand_plan=c.demand_plan,
        info_source_level=c.info_source_level,
    )


def _full_file(uow: UnitOfWork, c: Customer) -> CustomerFile:
    docs = list(uow.session.scalars(
        select(CustomerDocument).where(CustomerDocument.customer_id == c.id).order_by(CustomerDocument.id)))
    names = user_names(uow, [d.uploaded_by_id for d in docs])
    return CustomerFile(
        card=_card(uow, c),
        **{f: getattr(c, f) for f in (
            "registered_capital", "total_assets", "annual_sales", "sales_history", "staff_quality",
            "competitor_relations", "cooperation_attitude", "trade_issues", "trade_strengths",
            "future_plan", "reputation", "credit_status", "trade_terms", "past_credit_problems")},
        documents=tuple(
            DocumentRow(d.id, d.title, d.category, d.original_name, d.size, d.sha256,
                        names.get(d.uploaded_by_id or 0, ""), d.uploaded_at) for d in docs),
    )


@service(Perm.CUSTOMER_VIEW)
def customer_card(uow: UnitOfWork, customer_id: int) -> CustomerCard:
    return _card(uow, visible_customer(uow, customer_id))


@service(Perm.CUSTOMER_VIEW, read_only=True)
def customer_id_by_code(uow: UnitOfWork, code: str) -> int:
    c = uow.session.scalar(select(Customer).where(Customer.code == code.strip().upper()))
    if c is None:
        raise NotFound(_("Customer"), code)
    return visible_customer(uow, c.id).id


@service(Perm.CUSTOMER_VIEW)
def customer_file(uow: UnitOfWork, customer_id: int) -> CustomerFile:
    """The full file for the rep who keeps it; everyone else opens it with a reason."""
    c = visible_customer(uow, customer_id)
    if c.rep_id != current_actor(uow).user_id:
        raise NotPermitted(Perm.CUSTOMER_CONFIDENTIAL, current_actor(uow).username)
    return _full_file(uow, c)


@service(Perm.CUSTOMER_CONFIDENTIAL)
def open_confidential_file(uow: UnitOfWork, customer_id: int, reason: str) -> CustomerFile:
    """Open the full file [商业秘密]: the reason goes on the library card and in the audit."""
    reason = check_access_reason(reason)
    c = visible_customer(uow, customer_id)
    actor = current_actor(uow)
    uow.session.add(FileAccess(customer_id=c.id, user_id=actor.user_id, opened_at=uow.clock(),
                               reason=reason))
    uow.audit("customer.open_confidential", "customer", c.id, None, {"code": c.code, "reason": reason})
    view = _full_file(uow, c)
    uow.commit()
    return view


@service(Perm.CUSTOMER_CONFIDENTIAL, read_only=True)
def file_access_log(uow: UnitOfWork, customer_id: int | None = None, before_id: int | None = None,
                    limit: int = 200) -> tuple[list[AccessRow], bool]:
    """The library card, newest first, keyset-paged; one customer's or everyone's."""
    q = (select(FileAccess, Customer.code, Customer.name, User.username, User.full_name)
         .join(Customer, Customer.id == FileAccess.customer_id)
         .join(User, User.id == FileAccess.user_id)
         .order_by(FileAccess.id.desc()).limit(limit + 1))
    if customer_id is not None:
        q = q.where(FileAccess.customer_id == visible_customer(uow, customer_id).id)
    if before_id is not None:
        q = q.where(FileAccess.id < before_id)
    rows = [AccessRow(a.id, a.customer_id, code, name, un, fn, a.opened_at, a.reason)
            for a, code, name, un, fn in uow.session.execute(q)]
    return rows[:limit], len(rows) > limit


# -- writing ---------------------------------------------------------------------------------


def _coerce(field: str, value: object) -> object:
    label = _(FIELD_LABELS.get(field, field))
    if field in CLASS_FIELDS:
        return check_classification(field, str(value or ""))
    if field in TEXT_FIELDS:
        text = str(value or "").strip()
        if field == "name" and not text:
            raise ValidationError(_("Name"), _("must not be empty"))
        return text
    if value is None:
        if field in BOOL_FIELDS or field == "annual_sales":
            raise ValidationError(label, _("not a valid value"))
        return None
    if field in DATE_FIELDS:
        if isinstance(value, datetime) or not isinstance(value, date):
            raise ValidationError(label, _("not a valid date"))
        return value
    if field in BOOL_FIELDS:
        if not isinstance(value, bool):
            raise ValidationError(label, _("not a valid value"))
        return value
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValidationError(label, _("a whole number ≥ 0"))
    return value


def _check_may_edit(uow: UnitOfWork, c: Customer, changed: Iterable[str]) -> None:
    actor = current_actor(uow)
    secret = CONFIDENTIAL_FIELDS.intersection(changed)
    if secret and c.rep_id != actor.user_id and not may_open_confidential(actor.permissions):
        raise NotPermitted(Perm.CUSTOMER_CONFIDENTIAL, actor.username)


def _apply(uow: UnitOfWork, c: Customer, changes: Mapping[str, object]) -> dict[str, tuple[object, object]]:
    diff: dict[str, tuple[object, object]] = {}
    for field, raw in changes.items():
        if field not in EDITABLE:
            raise ValidationError(field, _("not an editable field"))
        value = _coerce(field, raw)
        if field == "key_account" and bool(value) != bool(c.key_account):
            raise KeyAccountByScreening()  # 大客户筛选: approved screenings alone set it (services/care)
        if getattr(c, field) != value:
            diff[field] = (getattr(c, field), value)
            setattr(c, field, value)
    if {"code", "name", "short_name"} & set(diff) or not c.search_text:
        _key(c)
    grade = value_grade_for(c.annual_sales, ValueBands.from_settings(load_settings(uow))).value
    if grade != c.value_grade:
        diff["value_grade"] = (c.value_grade, grade)
        c.value_grade = grade
    return diff


def _key(c: Customer) -> None:
    """Search and sort keys (characters, pinyin, initials) whenever a name is saved."""
    for column, value in name_keys(c.code, c.name, c.short_name).items():
        setattr(c, column, value)


def _check_rep(uow: UnitOfWork, user_id: int) -> None:
    ok = uow.session.scalar(
        select(User.id).join(UserRole, UserRole.user_id == User.id)
        .where(User.id == user_id, User.active.is_(True), UserRole.role == Role.SALES_REP.value))
    if ok is None:
        raise ValidationError(_("Sales rep"), _("choose an active user with the sales-rep role"))


def _next_code(uow: UnitOfWork) -> str:
    last = uow.session.scalar(select(func.max(Customer.id))) or 0
    return f"C{last + 1:06d}"


@service(Perm.CUSTOMER_CREATE)
def create_customer(uow: UnitOfWork, data: CustomerInput) -> int:
    """The person in direct contact opens the file [一周内负责建立]; their superior reviews it."""
    c = open_file(uow, data)
    uow.commit()
    return c.id


def open_file(uow: UnitOfWork, data: CustomerInput) -> Customer:
    """create_customer's step inside the caller's transaction (a lead converted into its file):
    the same rules, keys and audit row, committed by the caller. Needs customer.create."""
    actor = current_actor(uow)
    if not actor.can(Perm.CUSTOMER_CREATE):
        raise NotPermitted(Perm.CUSTOMER_CREATE, actor.username)
    code = check_code(data.code) if data.code.strip() else _next_code(uow)
    if uow.session.scalar(select(Customer.id).where(Customer.code == code)) is not None:
        raise DuplicateError(_("Customer code"), code)
    rep_id = data.rep_id or actor.user_id
    if rep_id != actor.user_id:
        _check_rep(uow, rep_id)
    now = uow.clock()
    c = Customer(code=code, name="", search_text="", rep_id=rep_id, created_by_id=actor.user_id,
                 created_at=now, updated_at=now, file_updated_on=business_today(uow),
                 review_status=ReviewStatus.PENDING.value, credit_limit=0, payment_term_days=0,
                 payment_mode="prepayment", credit_hold=False, annual_sales=0, value_grade="D")
    values = {f.name: getattr(data, f.name) for f in fields(data) if f.name in EDITABLE}
    _apply(uow, c, values)
    _key(c)
    uow.session.add(c)
    uow.session.flush()
    for k in data.contacts:
        uow.session.add(contact_row(c.id, k))
    uow.audit("customer.create", "customer", c.id, None,
              {"code": code, "rep_id": rep_id, **{k: v for k, v in values.items() if v not in ("", None)},
               "contacts": len(data.contacts)})
    return c


@service(Perm.CUSTOMER_EDIT)
def update_customer(uow: UnitOfWork, customer_id: int, changes: Mapping[str, object],
                    version: int | None = None) -> None:
    """Change the given fields only; the file counts as updated (no longer stale).
    `version`: the one the form loaded (CustomerCard.version); a newer one refuses the save."""
    c = visible_customer(uow, customer_id)
    ensure_current(uow, "customer", c.id, _("Customer file"), c.code, version, c.version, FIELD_LABELS)
    _check_may_edit(uow, c, changes)
    diff = _apply(uow, c, changes)
    touch(uow, c)
    uow.audit("customer.update", "customer", c.id,
              {k: v[0] for k, v in diff.items()}, {k: v[1] for k, v in diff.items()})
    uow.commit()


@service(Perm.CUSTOMER_REVIEW)
def review_customer_file(uow: UnitOfWork, customer_id: int, note: str = "") -> None:
    """The superior reviews a new file [交直接上级审核]; never the person who created it."""
    c = visible_customer(uow, customer_id)
    actor = current_actor(uow)
    ensure_not_self_approval(c.created_by_id, actor.user_id, "customer file")
    if c.review_status == ReviewStatus.REVIEWED.value:
        raise DomainError(_("This customer file has already been reviewed."))
    c.review_status = ReviewStatus.REVIEWED.value
    c.reviewed_by_id, c.reviewed_at, c.review_note = actor.user_id, uow.clock(), note.strip()
    uow.audit("customer.review", "customer", c.id, {"review_status": "pending"},
              {"review_status": "reviewed", "note": c.review_note})
    uow.commit()


@service(Perm.CUSTOMER_REVIEW)
def assign_rep(uow: UnitOfWork, customer_id: int, rep_id: int) -> None:
    c = visible_customer(uow, customer_id)
    _check_rep(uow, rep_id)
    before = c.rep_id
    c.rep_id = rep_id
    c.updated_at = uow.clock()
    uow.audit("customer.assign_rep", "customer", c.id, {"rep_id": before}, {"rep_id": rep_id})
    uow.commit()


def contact_row(customer_id: int, k: ContactInput) -> CustomerContact:
    if not k.name.strip():
        raise ValidationError(_("Contact name"), _("must not be empty"))
    return CustomerContact(customer_id=customer_id, name=k.name.strip(), position=k.position.strip(),
                           phone=k.phone.strip(), email=k.email.strip(), key_person=k.key_person,
                           note=k.note.strip(), **pinyin_keys.person_keys([], k.name.strip()))
