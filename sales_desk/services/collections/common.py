"""What the collections services share: the settings, a customer's open documents and
overdue money, who sees which customer, and the people answerable for a debt.

Debit documents (invoices, opening balances) have a positive amount; credit notes a
negative one (domain/collections/receivables.py). "Open" means open_amount ≠ 0; "overdue on D"
means a debit document open with due_date < D (days overdue ≥ 1).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, func, select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.collections.aging import Buckets
from sales_desk.domain.collections.allocation import OpenItem
from sales_desk.domain.collections.deferral import DEFAULT_MAX_MONTHS
from sales_desk.domain.collections.liability import Policy
from sales_desk.domain.common.roles import Role
from sales_desk.domain.customers.files import sees_all_customers
from sales_desk.models import Customer, Receivable, User, UserRole
from sales_desk.services.admin.settings import load_settings
from sales_desk.services.common.base import current_actor


@dataclass(frozen=True)
class CollectionSettings:
    buckets: Buckets
    liability: Policy
    deferral_months: int
    company: str
    currency: str


def collection_settings(uow: UnitOfWork) -> CollectionSettings:
    values = load_settings(uow)
    return CollectionSettings(Buckets.from_settings(values), Policy.from_settings(values),
                              int(values.get("deferral.max_months", DEFAULT_MAX_MONTHS)),  # type: ignore[call-overload]
                              str(values["company.name"]), str(values["company.currency"]))


def sees_all(uow: UnitOfWork) -> bool:
    return sees_all_customers(current_actor(uow).roles)


def scope_to_actor(uow: UnitOfWork, q: Select, customer_col: object) -> Select:
    """Restrict a query on customers to what the actor sees (a rep: their own customers)."""
    if sees_all(uow):
        return q
    mine = select(Customer.id).where(Customer.rep_id == current_actor(uow).user_id)
    return q.where(customer_col.in_(mine))  # type: ignore[attr-defined]


def open_debits(uow: UnitOfWork, customer_id: int, on: date | None = None, *,
                lock: bool = False) -> list[Receivable]:
    """The customer's open debit documents (dated on or before `on`), due first first."""
    q = (select(Receivable).where(Receivable.customer_id == customer_id, Receivable.amount > 0,
                                  Receivable.open_amount > 0)
         .order_by(Receivable.due_date, Receivable.doc_date, Receivable.id))
    if on is not None:
        q = q.where(Receivable.doc_date <= on)
    if lock:
        q = q.with_for_update()
    return list(uow.session.scalars(q))


def open_items(docs: Iterable[Receivable]) -> list[OpenItem]:
    return [OpenItem(r.id, r.doc_no, r.doc_date, r.due_date, r.open_amount) for r in docs]


@dataclass(frozen=True)
class Standing:
    """A customer's money today: what is open, what is overdue and since when."""

    open_debits: int
    overdue: int
    oldest_due: date | None  # earliest due date among the overdue documents
    open_credits: int  # credit notes not yet applied (≤ 0)

    @property
    def balance(self) -> int:
        return self.open_debits + self.open_credits


def standing(uow: UnitOfWork, customer_id: int, today: date) -> Standing:
    r = Receivable
    row = uow.session.execute(
        select(func.coalesce(func.sum(r.open_amount).filter(r.open_amount > 0), 0),
               func.coalesce(func.sum(r.open_amount).filter(r.open_amount > 0, r.due_date < today), 0),
               func.min(r.due_date).filter(r.open_amount > 0, r.due_date < today),
               func.coalesce(func.sum(r.open_amount).filter(r.open_amount < 0), 0))
        .where(r.customer_id == customer_id)).one()
    return Standing(int(row[0]), int(row[1]), row[2], int(row[3]))


def first_due_after(uow: UnitOfWork, customer_id: int, after: date) -> date | None:
    """The earliest due date of an open debit document falling due on or after `after`."""
    return uow.session.scalar(
        select(func.min(Receivable.due_date))
        .where(Receivable.customer_id == customer_id, Receivable.open_amount > 0,
               Receivable.due_date >= after))


def role_holder(uow: UnitOfWork, role: Role) -> User | None:
    """The person in a role, for the liability split: the active holder entered first
    (a firm has one sales manager and one marketing director; ours if it has more)."""
    return uow.session.scalar(
        select(User).join(UserRole, UserRole.user_id == User.id)
        .where(UserRole.role == role.value, User.active.is_(True)).order_by(User.id).limit(1))


def customer_by_id(uow: UnitOfWork, customer_id: int) -> Customer:
    c = uow.session.get(Customer, customer_id)
    assert c is not None
    return c
