"""What the customer and credit services share: the business date, who sees which
customer, user names for rows, and "any of these duties" checks.

Visibility rule: a user whose only role is sales rep sees the customers they are the
rep of; every other role holding customer.view sees all (domain.customers.sees_all_customers).
A customer outside one's view is "not found", so its existence does not leak.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.customers import sees_all_customers
from sales_desk.domain.errors import NotFound, NotPermitted
from sales_desk.domain.roles import Actor, Perm
from sales_desk.i18n import _
from sales_desk.models import Customer, User
from sales_desk.services.base import current_actor
from sales_desk.services.settings import load_settings


def business_today(uow: UnitOfWork) -> date:
    """Today in the office's local time (the business date)."""
    return uow.clock().astimezone().date()


def visible_customer(uow: UnitOfWork, customer_id: int) -> Customer:
    """The customer if the actor may see it; "not found" otherwise."""
    actor = current_actor(uow)
    c = uow.session.get(Customer, customer_id)
    if c is None or not (sees_all_customers(actor.roles) or c.rep_id == actor.user_id):
        raise NotFound(_("Customer"), customer_id)
    return c


def user_names(uow: UnitOfWork, ids: Iterable[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    rows = uow.session.execute(select(User.id, User.full_name, User.username).where(User.id.in_(wanted)))
    return {r.id: r.full_name or r.username for r in rows}


def require_any(uow: UnitOfWork, perms: Iterable[Perm]) -> Actor:
    """For reads several duties share (the decorator checks one permission)."""
    actor = current_actor(uow)
    perms = tuple(perms)
    if not any(actor.can(p) for p in perms):
        raise NotPermitted(" | ".join(str(p) for p in perms), actor.username)
    return actor


def touch(uow: UnitOfWork, c: Customer) -> None:
    """The file was filled in: it is no longer stale."""
    c.file_updated_on = business_today(uow)
    c.updated_at = uow.clock()


def stale_months(uow: UnitOfWork) -> int:
    return int(load_settings(uow)["customer.stale_months"])  # type: ignore[call-overload]
