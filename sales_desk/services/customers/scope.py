"""What the customer and credit services share: the business date, who sees which
customer, user names for rows, and "any of these duties" checks.

Visibility rule: a user whose only role is sales rep sees the customers they are the
rep of; every other role holding customer.view sees all (domain.customers.sees_all_customers).
A customer outside one's view is "not found", so its existence does not leak.

business_today, require_any and user_names are services.base's now (every service
shares them); they are still importable from here.
"""

from __future__ import annotations

from sqlalchemy import select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.common.errors import NotFound
from sales_desk.domain.customers.files import sees_all_customers
from sales_desk.i18n import _
from sales_desk.models import Customer
from sales_desk.services.admin.settings import load_settings
from sales_desk.services.common.base import business_today, current_actor
from sales_desk.services.common.base import require_any as require_any
from sales_desk.services.common.base import user_names as user_names


def visible_customer(uow: UnitOfWork, customer_id: int) -> Customer:
    """The customer if the actor may see it; "not found" otherwise."""
    actor = current_actor(uow)
    c = uow.session.get(Customer, customer_id)
    if c is None or not (sees_all_customers(actor.roles) or c.rep_id == actor.user_id):
        raise NotFound(_("Customer"), customer_id)
    return c


def touch(uow: UnitOfWork, c: Customer) -> None:
    """The file was filled in: it is no longer stale."""
    c.file_updated_on = business_today(uow)
    c.updated_at = uow.clock()


def stale_months(uow: UnitOfWork) -> int:
    return int(load_settings(uow)["customer.stale_months"])  # type: ignore[call-overload]


def lock_customer(uow: UnitOfWork, customer_id: int) -> Customer:
    """Lock the customer row for the rest of the transaction and read it afresh.

    Two seats approving orders of one customer at once queue here (SELECT … FOR UPDATE on
    PostgreSQL; on SQLite BEGIN IMMEDIATE has serialized them already), so the second sees
    the first's approval when it reads the credit position.
    """
    c = uow.session.scalars(
        select(Customer).where(Customer.id == customer_id).with_for_update()
        .execution_options(populate_existing=True)).one_or_none()
    if c is None:
        raise NotFound(_("Customer"), customer_id)
    return c
