"""Choices for the pickers: the sales reps a customer list can be filtered by, or a file
assigned to; and the customers a typed name or code finds (ui/widgets/customer_picker.py).

A user who sees only their own customers (a sales rep) gets only themselves and their
own customers: the names of colleagues' files are not theirs to browse.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.common.roles import Perm, Role
from sales_desk.domain.customers.files import normalize_search, sees_all_customers
from sales_desk.models import Customer, User, UserRole
from sales_desk.services.common.base import current_actor, service
from sales_desk.services.common.search import name_order, name_search


@dataclass(frozen=True)
class RepChoice:
    id: int
    username: str
    name: str  # full name, else the user name
    active: bool


@service(Perm.CUSTOMER_VIEW, read_only=True)
def list_reps(uow: UnitOfWork, include_inactive: bool = False) -> list[RepChoice]:
    """Users with the sales-rep role, by name; a disabled rep may still keep old files."""
    actor = current_actor(uow)
    q = (select(User.id, User.username, User.full_name, User.active)
         .join(UserRole, UserRole.user_id == User.id)
         .where(UserRole.role == Role.SALES_REP.value)
         .order_by(User.full_name, User.username))
    if not include_inactive:
        q = q.where(User.active.is_(True))
    if not sees_all_customers(actor.roles):
        q = q.where(User.id == actor.user_id)
    return [RepChoice(r.id, r.username, r.full_name or r.username, r.active) for r in uow.session.execute(q)]


@dataclass(frozen=True)
class CustomerChoice:
    id: int
    code: str
    name: str


@service(Perm.CUSTOMER_VIEW, read_only=True)
def find_customers(uow: UnitOfWork, text: str, limit: int = 20) -> list[CustomerChoice]:
    """The customers whose code or names contain `text` (as the customer list matches it),
    a code typed in full first, then by name; nothing for an empty text."""
    needle = normalize_search(text)
    if not needle:
        return []
    actor = current_actor(uow)
    q = select(Customer.id, Customer.code, Customer.name)
    if not sees_all_customers(actor.roles):
        q = q.where(Customer.rep_id == actor.user_id)
    # a code typed in full first (codes are stored upper-case), then the rest by name: two
    # queries, so the second walks the name index (services/common/search.py)
    code = needle.upper()
    exact = list(uow.session.execute(q.where(Customer.code == code)))
    rest = name_search(uow, q.where(Customer.code != code), needle, walk_order=True)
    rows = exact + list(uow.session.execute(rest.order_by(name_order(), Customer.id).limit(limit)))
    return [CustomerChoice(r.id, r.code, r.name) for r in rows[:limit]]
