"""Choices for the customer screens' pickers: the sales reps a list can be filtered by,
or a file assigned to.

A user who sees only their own customers (a sales rep) gets only themselves: the
names of colleagues' files are not theirs to browse.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.customers import sees_all_customers
from sales_desk.domain.roles import Perm, Role
from sales_desk.models import User, UserRole
from sales_desk.services.base import current_actor, service


@dataclass(frozen=True)
class RepChoice:
    id: int
    username: str
    name: str  # full name, else the user name
    active: bool


@service(Perm.CUSTOMER_VIEW)
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
