"""What the readable audit trail needs from the other tables: the numbers, codes and names
behind a page's internal ids (one query per kind of entity on the page, never one per row),
and the filters by person, customer, document and kind of action as SQL conditions.

The filters keep to the trail's indexes where they can: the entity filters (customer,
document) go through ix_audit_log_entity (entity, entity_id); the kind of action through
the index on action. Person and date scan the trail newest first, which stops at a page
of matches.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import ColumnElement, String, and_, cast, false, func, or_, select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.admin.audit_fields import USERS, Names
from sales_desk.domain.admin.audit_sentences import GROUPS
from sales_desk.domain.admin.audit_text import EntryLike, payload
from sales_desk.i18n import _
from sales_desk.models import (
    AdvanceReport,
    AuditEntry,
    CollectionTarget,
    Customer,
    Deferral,
    ExpenseBudget,
    ExpenseClaim,
    IssuedDocument,
    Lawsuit,
    PaymentSlip,
    PolicyVersion,
    PriceList,
    Product,
    Rebate,
    RebateAgreement,
    Receipt,
    Receivable,
    SalesOrder,
    SalesPlan,
    Shipment,
    SubPlan,
    TravelApplication,
    User,
    WriteOff,
)
from sales_desk.services.admin.policy import group_label

# Entities known by a number of their own: the document filter finds them by it.
NUMBERED: dict[str, Any] = {
    "order": SalesOrder, "receipt": Receipt, "deferral": Deferral, "write_off": WriteOff,
    "lawsuit": Lawsuit, "shipment": Shipment, "document": IssuedDocument,
    "rebate": Rebate, "rebate_agreement": RebateAgreement,
}
# Entities that belong to one customer: the customer filter finds them too.
OF_CUSTOMER: dict[str, Any] = {**NUMBERED, "expense_claim": ExpenseClaim, "travel_application": TravelApplication}
MAX_MATCHES = 200  # customers or people a filter's words may name
# Actions whose after names other documents by number (a letter's DL…, an invoice, the order
# a dispatch note is for): the document filter reads these rows' text, through the action
# index, rather than every row's.
MENTIONS = ("order.create", "dispatch.ship", "dispatch.handover", "dispatch.return", "dunning.step",
            "receipt.record", "receipt.reverse", "receipt.apply_credits", "deferral.request", "deferral.apply",
            "writeoff.submit", "lawsuit.prepare", "lawsuit.file", "lawsuit.outcome", "document.issue",
            "document.output")


def _ids(rows: Iterable[tuple[str, str]], entity: str) -> set[int]:
    return {int(i) for e, i in rows if e == entity and i.isdigit()}


def resolve(uow: UnitOfWork, entries: Sequence[EntryLike]) -> Names:
    """The names behind a page of rows."""
    refs: set[tuple[str, str]] = {(e.entity, e.entity_id) for e in entries}
    user_ids = {e.user_id for e in entries if e.user_id is not None}
    codes: set[str] = set()
    for e in entries:
        for values in (payload(e.before), payload(e.after)):
            for key in USERS:
                if isinstance(values.get(key), int):
                    user_ids.add(values[key])  # type: ignore[arg-type]
            if isinstance(values.get("customer_id"), int):
                refs.add(("customer", str(values["customer_id"])))
            if isinstance(values.get("customer"), str):
                codes.add(values["customer"])  # type: ignore[arg-type]
    user_ids |= _ids(refs, "user")
    session = uow.session
    users = {uid: full or name for uid, name, full in session.execute(
        select(User.id, User.username, User.full_name).where(User.id.in_(user_ids)))} if user_ids else {}
    labels: dict[tuple[str, str], str] = {("user", str(k)): v for k, v in users.items()}
    customers = _ids(refs, "customer")
    by_code: dict[str, str] = {}
    if customers or codes:
        q = select(Customer.id, Customer.code, Customer.name).where(
            or_(Customer.id.in_(customers), Customer.code.in_(codes)))
        for cid, code, name in session.execute(q):
            labels[("customer", str(cid))] = by_code[code] = f"{code} {name}"
    for entity, model in NUMBERED.items():
        if ids := _ids(refs, entity):
            for rid, number in session.execute(select(model.id, model.number).where(model.id.in_(ids))):
                labels[(entity, str(rid))] = number
    if ids := _ids(refs, "product"):
        for rid, code, name in session.execute(select(Product.id, Product.code, Product.name).where(Product.id.in_(ids))):
            labels[("product", str(rid))] = f"{code} {name}"
    if ids := _ids(refs, "expense_claim"):
        for rid, item in session.execute(select(ExpenseClaim.id, ExpenseClaim.item).where(ExpenseClaim.id.in_(ids))):
            labels[("expense_claim", str(rid))] = f"#{rid} {item}"
    for entity, model in (("sales_plan", SalesPlan), ("expense_budget", ExpenseBudget)):
        if ids := _ids(refs, entity):
            for rid, year, rev in session.execute(select(model.id, model.year, model.revision).where(model.id.in_(ids))):
                labels[(entity, str(rid))] = _("{year}, revision {revision}").format(year=year, revision=rev)
    if ids := _ids(refs, "sales_sub_plan"):
        q = select(SubPlan.id, SubPlan.year, SubPlan.month, Product.code).outerjoin(
            Product, Product.id == SubPlan.product_id).where(SubPlan.id.in_(ids))
        for rid, year, month, code in session.execute(q):
            labels[("sales_sub_plan", str(rid))] = f"{year}-{month:02d}" + (f" {code}" if code else "")
    if ids := _ids(refs, "travel_application"):
        q = select(TravelApplication.id, TravelApplication.destination, TravelApplication.start_on).where(
            TravelApplication.id.in_(ids))
        for rid, where, start in session.execute(q):
            labels[("travel_application", str(rid))] = f"{where} {start.isoformat()}"
    if ids := _ids(refs, "collection_target"):
        q = select(CollectionTarget.id, CollectionTarget.month).where(CollectionTarget.id.in_(ids))
        for rid, month in session.execute(q):
            labels[("collection_target", str(rid))] = month.strftime("%Y-%m")
    _procedures(uow, refs, labels)
    return Names(users, labels, by_code)


def _procedures(uow: UnitOfWork, refs: set[tuple[str, str]], labels: dict[tuple[str, str], str]) -> None:
    """The issue-15 procedures by what a reader knows them by: a policy proposal by its group
    and date (and version once approved), a price list by its version, a payment slip by its
    number, an advance report by the invoice it is about."""
    session = uow.session
    if ids := _ids(refs, "policy"):
        q = select(PolicyVersion.id, PolicyVersion.group, PolicyVersion.effective_from, PolicyVersion.number)
        for rid, group, day, number in session.execute(q.where(PolicyVersion.id.in_(ids))):
            label = _("{group}, in force from {day}").format(group=group_label(group), day=day.isoformat())
            labels[("policy", str(rid))] = (_("version {n}").format(n=number) + " · " + label) if number else label
    if ids := _ids(refs, "price_list"):
        for rid, version in session.execute(select(PriceList.id, PriceList.version).where(PriceList.id.in_(ids))):
            labels[("price_list", str(rid))] = _("version {n}").format(n=version)
    if ids := _ids(refs, "payment_slip"):
        for rid, number in session.execute(select(PaymentSlip.id, PaymentSlip.number).where(PaymentSlip.id.in_(ids))):
            labels[("payment_slip", str(rid))] = number
    if ids := _ids(refs, "advance_report"):
        q = (select(AdvanceReport.id, Receivable.doc_no, AdvanceReport.due_date)
             .join(Receivable, Receivable.id == AdvanceReport.receivable_id).where(AdvanceReport.id.in_(ids)))
        for rid, doc_no, due in session.execute(q):
            labels[("advance_report", str(rid))] = _("{number}, due {day}").format(number=doc_no, day=due.isoformat())


# -- filters ------------------------------------------------------------------------------

def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _id_text(column: Any) -> Any:
    return cast(column, String)


def person_condition(uow: UnitOfWork, words: str) -> ColumnElement[bool]:
    """Rows written by the people whose user name or full name contains `words`."""
    like = _like(words.strip())
    ids = list(uow.session.scalars(select(User.id).where(
        or_(User.username.ilike(like, escape="\\"), User.full_name.ilike(like, escape="\\"))).limit(MAX_MATCHES)))
    return AuditEntry.user_id.in_(ids) if ids else false()


def customer_condition(uow: UnitOfWork, words: str) -> ColumnElement[bool]:
    """Rows about the customers whose code is `words` or whose name contains them: their
    file, and the orders, receipts, deferrals, … that are theirs."""
    text = words.strip()
    ids = list(uow.session.scalars(select(Customer.id).where(
        or_(func.upper(Customer.code) == text.upper(), Customer.name.ilike(_like(text), escape="\\"),
            Customer.short_name.ilike(_like(text), escape="\\"))).limit(MAX_MATCHES)))
    if not ids:
        return false()
    parts = [and_(AuditEntry.entity == "customer", AuditEntry.entity_id.in_([str(i) for i in ids]))]
    for entity, model in OF_CUSTOMER.items():
        parts.append(and_(AuditEntry.entity == entity, AuditEntry.entity_id.in_(
            select(_id_text(model.id)).where(model.customer_id.in_(ids)).scalar_subquery())))
    return or_(*parts)


def document_condition(uow: UnitOfWork, number: str) -> ColumnElement[bool]:
    """Rows about the document numbered `number` (an order, a receipt, a dispatch note, an
    issued document …), and rows that name it (a letter's DL number, an invoice)."""
    text = number.strip()
    parts: list[ColumnElement[bool]] = []
    for entity, model in NUMBERED.items():
        ids = [str(i) for i in uow.session.scalars(select(model.id).where(func.upper(model.number) == text.upper()))]
        if ids:
            parts.append(and_(AuditEntry.entity == entity, AuditEntry.entity_id.in_(ids)))
    parts.append(and_(AuditEntry.action.in_(MENTIONS), AuditEntry.after.like(_like(f'"{text}"'), escape="\\")))
    return or_(*parts)


def group_condition(group: str) -> ColumnElement[bool]:
    """Rows of one kind of action (GROUPS), by the prefixes of their codes."""
    _label, prefixes = GROUPS[group]
    return or_(*(AuditEntry.action.startswith(p, autoescape=True) for p in prefixes))
