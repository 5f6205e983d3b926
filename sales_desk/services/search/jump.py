"""Jump to a record by its number or name (the window's search box, Ctrl+K).

One typed text is looked up as: a customer's code, name, pinyin or initials (through the
search index, services/common/search.py); the start of an order, invoice (any receivable
document), receipt or document-of-record number (each number column has a unique index,
so a prefix is an index range); a claim's number (its id); a customer's contact, and a
colleague, by name, pinyin or initials (indexed as customers are). Each kind is offered only to
those whose duties let them open its list, and only the records that list would show
them (the same scoping functions the lists use): a rep finds their own customers' orders,
a claimant their own claims, anyone who sees customers the contacts of those customers.
A colleague is found by whoever audits (the person's refusals open) and, among the
sales reps, by whoever sees every rep's customers (that rep's customers open).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Select, select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.common.pinyin_keys import normalize_search
from sales_desk.domain.common.roles import Actor, Perm, Role
from sales_desk.domain.customers.files import sees_all_customers
from sales_desk.models import (
    Customer,
    CustomerContact,
    ExpenseClaim,
    IssuedDocument,
    Receipt,
    Receivable,
    SalesOrder,
    User,
    UserRole,
)
from sales_desk.services.collections.common import scope_to_actor
from sales_desk.services.common.base import LOGGED_IN, current_actor, service
from sales_desk.services.common.search import name_order, name_search
from sales_desk.services.expenses.common import sees_all as sees_all_claims
from sales_desk.services.orders.common import scoped as scoped_orders
from sales_desk.services.records.register import scoped as scoped_documents

KINDS = ("customer", "contact", "person", "order", "invoice", "receipt", "claim", "document")
PER_KIND = 8
_CLAIM_NO = re.compile(r"#?(\d{1,9})")


@dataclass(frozen=True)
class Hit:
    kind: str  # one of KINDS
    id: int
    number: str  # code or number as printed
    name: str  # the customer's name (a claim: its item; a document: its title; a contact:
    # the contact and the customer; a person: their name)
    customer_id: int | None  # whose ledger an invoice or receipt opens in (a contact: whose file)


def _contacts(uow: UnitOfWork, actor: Actor, typed: str) -> list[Hit]:
    """The contacts of the customers the actor sees, by name, pinyin or initials."""
    q = (select(CustomerContact.id, CustomerContact.name, Customer.code, Customer.name, Customer.id)
         .join(Customer, Customer.id == CustomerContact.customer_id))
    if not sees_all_customers(actor.roles):
        q = q.where(Customer.rep_id == actor.user_id)
    q = name_search(uow, q, typed, model=CustomerContact).order_by(CustomerContact.name, CustomerContact.id)
    return [Hit("contact", r[0], r[2], f"{r[1]} · {r[3]}", r[4]) for r in uow.session.execute(q.limit(PER_KIND))]


def _people(uow: UnitOfWork, actor: Actor, typed: str) -> list[Hit]:
    """Colleagues by name, login, pinyin or initials: everyone for whoever audits, the sales
    reps for whoever sees every rep's customers; nobody for anyone else."""
    if actor.can(Perm.AUDIT_VIEW):
        q = select(User.id, User.username, User.full_name)
    elif actor.can(Perm.CUSTOMER_VIEW) and sees_all_customers(actor.roles):
        reps = select(UserRole.user_id).where(UserRole.role == Role.SALES_REP.value)
        q = select(User.id, User.username, User.full_name).where(User.id.in_(reps))
    else:
        return []
    q = name_search(uow, q.where(User.active.is_(True)), typed, model=User).order_by(User.full_name, User.id)
    return [Hit("person", r[0], r[1], r[2] or r[1], None) for r in uow.session.execute(q.limit(PER_KIND))]


def _prefix(uow: UnitOfWork, q: Select, column: object, typed: str) -> Select:
    # numbers are stored upper-case (SO2026-00042); startswith uses the unique index
    return q.where(column.startswith(typed.upper(), autoescape=True)).order_by(column).limit(PER_KIND)  # type: ignore[attr-defined]


@service(LOGGED_IN, read_only=True)
def jump_search(uow: UnitOfWork, text: str) -> list[Hit]:
    """The records the actor may see whose number starts with, or whose name contains,
    `text` — customers first, then orders, invoices, receipts, claims, documents."""
    typed = "".join(text.split())
    if not normalize_search(typed):
        return []
    actor = current_actor(uow)
    s = uow.session
    hits: list[Hit] = []
    if actor.can(Perm.CUSTOMER_VIEW):
        q = select(Customer.id, Customer.code, Customer.name)
        if not sees_all_customers(actor.roles):
            q = q.where(Customer.rep_id == actor.user_id)
        code = typed.upper()
        rows = list(s.execute(q.where(Customer.code == code)))  # a code typed in full first
        rest = name_search(uow, q.where(Customer.code != code), typed, walk_order=True)
        rows += s.execute(rest.order_by(name_order(), Customer.id).limit(PER_KIND))
        hits += [Hit("customer", r.id, r.code, r.name, r.id) for r in rows[:PER_KIND]]
        hits += _contacts(uow, actor, typed)
    hits += _people(uow, actor, typed)
    if actor.can(Perm.ORDER_VIEW):
        q = (select(SalesOrder.id, SalesOrder.number, Customer.name, SalesOrder.customer_id)
             .join(Customer, Customer.id == SalesOrder.customer_id))
        q = _prefix(uow, scoped_orders(uow, q), SalesOrder.number, typed)
        hits += [Hit("order", r[0], r[1], r[2], r[3]) for r in s.execute(q)]
    if actor.can(Perm.RECEIVABLE_VIEW):
        q = (select(Receivable.id, Receivable.doc_no, Customer.name, Receivable.customer_id)
             .join(Customer, Customer.id == Receivable.customer_id))
        q = _prefix(uow, scope_to_actor(uow, q, Receivable.customer_id), Receivable.doc_no, typed)
        hits += [Hit("invoice", r[0], r[1], r[2], r[3]) for r in s.execute(q)]
        q = (select(Receipt.id, Receipt.number, Customer.name, Receipt.customer_id)
             .join(Customer, Customer.id == Receipt.customer_id))
        q = _prefix(uow, scope_to_actor(uow, q, Receipt.customer_id), Receipt.number, typed)
        hits += [Hit("receipt", r[0], r[1], r[2], r[3]) for r in s.execute(q)]
    claim_no = _CLAIM_NO.fullmatch(typed)
    if claim_no:
        q = select(ExpenseClaim.id, ExpenseClaim.item).where(ExpenseClaim.id == int(claim_no.group(1)))
        if not sees_all_claims(actor):
            q = q.where(ExpenseClaim.claimant_id == actor.user_id)
        hits += [Hit("claim", r[0], str(r[0]), r[1], None) for r in s.execute(q)]
    q = (select(IssuedDocument.id, IssuedDocument.number, IssuedDocument.title, IssuedDocument.customer_id))
    q = _prefix(uow, scoped_documents(uow, q), IssuedDocument.number, typed)
    hits += [Hit("document", r[0], r[1], r[2], r[3]) for r in s.execute(q)]
    return hits
