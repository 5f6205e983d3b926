"""The numbers, codes and names behind a page of refusals (domain/admin/refusal_sentences.py):
one query per kind of record on the page, never one per row, as audit_names.py does for
the audit trail. The record keys are record_of's: `order` for an `order_id`, `claim` for
a `claim_id`, `user` for a user id or a login …
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from sqlalchemy import select

from sales_desk.db.uow import UnitOfWork
from sales_desk.i18n import _
from sales_desk.models import (
    CreditInvestigation,
    Customer,
    CustomerContact,
    Deferral,
    ExpenseBudget,
    ExpenseClaim,
    Interaction,
    IssuedDocument,
    Lawsuit,
    LiabilityFault,
    PaymentSlip,
    PolicyVersion,
    PriceList,
    Product,
    RatingProposal,
    Rebate,
    RebateAgreement,
    Receipt,
    Receivable,
    SalesOrder,
    SalesPlan,
    Shipment,
    TravelApplication,
    User,
    WriteOff,
)
from sales_desk.services.admin.policy import group_label

# Records known by a number of their own.
NUMBERED: dict[str, Any] = {
    "order": SalesOrder, "shipment": Shipment, "receipt": Receipt, "deferral": Deferral, "writeoff": WriteOff,
    "lawsuit": Lawsuit, "document": IssuedDocument, "rebate": Rebate, "agreement": RebateAgreement,
}
# Records known by their id and the customer they are for.
OF_CUSTOMER: dict[str, Any] = {"investigation": CreditInvestigation, "proposal": RatingProposal,
                               "interaction": Interaction, "contact": CustomerContact}


class RowLike(Protocol):
    user_id: int | None
    action: str
    entity: str
    entity_id: str


def _ids(rows: Iterable[RowLike], *entities: str) -> set[int]:
    # A customer file's attachment is also a `document_id`: not an issued document.
    return {int(r.entity_id) for r in rows if r.entity in entities and r.entity_id.isdigit()
            and not (r.entity == "document" and r.action.startswith("records."))}


def resolve(uow: UnitOfWork, rows: Sequence[RowLike]) -> tuple[dict[int, str], dict[tuple[str, str], str]]:
    """(user id → full name of the people refused, (entity, id) → the record's label)."""
    session = uow.session
    labels: dict[tuple[str, str], str] = {}
    user_ids = {r.user_id for r in rows if r.user_id is not None} | _ids(rows, "user", "rep")
    logins = {r.entity_id for r in rows if r.entity == "user" and not r.entity_id.isdigit()}
    people: dict[int, str] = {}
    if user_ids or logins:
        q = select(User.id, User.username, User.full_name).where(User.id.in_(user_ids) | User.username.in_(logins))
        for uid, login, full in session.execute(q):
            people[uid] = full or login
            labels[("user", str(uid))] = labels[("rep", str(uid))] = full or login
            labels[("user", login)] = f"{full} ({login})" if full and full != login else login
    customers = _ids(rows, "customer")
    for entity, model in OF_CUSTOMER.items():
        if ids := _ids(rows, entity):
            found = session.execute(select(model.id, Customer.code, Customer.name)
                                    .join(Customer, Customer.id == model.customer_id).where(model.id.in_(ids)))
            for rid, code, name in found:
                labels[(entity, str(rid))] = f"#{rid} ({code} {name})"
    if customers:
        for cid, code, name in session.execute(select(Customer.id, Customer.code, Customer.name)
                                               .where(Customer.id.in_(customers))):
            labels[("customer", str(cid))] = f"{code} {name}"
    for entity, model in NUMBERED.items():
        if ids := _ids(rows, entity):
            for rid, number in session.execute(select(model.id, model.number).where(model.id.in_(ids))):
                labels[(entity, str(rid))] = number
    if ids := _ids(rows, "product"):
        for rid, code, name in session.execute(select(Product.id, Product.code, Product.name)
                                               .where(Product.id.in_(ids))):
            labels[("product", str(rid))] = f"{code} {name}"
    if ids := _ids(rows, "claim"):
        for rid, item in session.execute(select(ExpenseClaim.id, ExpenseClaim.item).where(ExpenseClaim.id.in_(ids))):
            labels[("claim", str(rid))] = f"#{rid} {item}"
    for entity, model in (("plan", SalesPlan), ("budget", ExpenseBudget)):
        if ids := _ids(rows, entity):
            for rid, year, rev in session.execute(select(model.id, model.year, model.revision)
                                                  .where(model.id.in_(ids))):
                labels[(entity, str(rid))] = _("{year}, revision {revision}").format(year=year, revision=rev)
    if ids := _ids(rows, "app"):
        q = select(TravelApplication.id, TravelApplication.destination, TravelApplication.start_on).where(
            TravelApplication.id.in_(ids))
        for rid, where, start in session.execute(q):
            labels[("app", str(rid))] = f"#{rid} {where} {start.isoformat()}"
    _procedures(uow, rows, labels)
    return people, labels


def _procedures(uow: UnitOfWork, rows: Sequence[RowLike], labels: dict[tuple[str, str], str]) -> None:
    """The issue-15 procedures' records: a policy proposal by its group and date, an invoice
    (an advance report's) by its number, a price list by its version, a payment slip by its number."""
    session = uow.session
    if ids := _ids(rows, "policy"):
        q = select(PolicyVersion.id, PolicyVersion.group, PolicyVersion.effective_from)
        for rid, group, day in session.execute(q.where(PolicyVersion.id.in_(ids))):
            labels[("policy", str(rid))] = _("{group}, in force from {day}").format(
                group=group_label(group), day=day.isoformat())
    if ids := _ids(rows, "receivable"):
        for rid, doc_no in session.execute(select(Receivable.id, Receivable.doc_no).where(Receivable.id.in_(ids))):
            labels[("receivable", str(rid))] = doc_no
    if ids := _ids(rows, "list"):
        for rid, version in session.execute(select(PriceList.id, PriceList.version).where(PriceList.id.in_(ids))):
            labels[("list", str(rid))] = _("version {n}").format(n=version)
    if ids := _ids(rows, "slip"):
        for rid, number in session.execute(select(PaymentSlip.id, PaymentSlip.number).where(PaymentSlip.id.in_(ids))):
            labels[("slip", str(rid))] = number
    if ids := _ids(rows, "fault"):  # a fault record by its debt's invoice number
        q = (select(LiabilityFault.id, Receivable.doc_no).join(Receivable, Receivable.id == LiabilityFault.receivable_id)
             .where(LiabilityFault.id.in_(ids)))
        for rid, doc_no in session.execute(q):
            labels[("fault", str(rid))] = doc_no
