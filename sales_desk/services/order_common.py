"""What the order, approval, dispatch and receivable services share: document numbers,
who sees which order, the customer lock, and the order's figures as domain values.

Visibility follows the customers' (services/customer_scope.py): a user whose only role
is sales rep sees the orders they are responsible for or took, and those of their own
customers; every other role with order.view sees all. An order outside one's view is
"not found".
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Select, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.customers import sees_all_customers
from sales_desk.domain.errors import NotFound, ValidationError
from sales_desk.domain.orders import OrderMoney, PaymentTerms
from sales_desk.i18n import _
from sales_desk.models import Customer, DocumentCounter, SalesOrder
from sales_desk.services.base import current_actor
from sales_desk.services.customer_scope import business_today


def next_number(uow: UnitOfWork, prefix: str, on: date) -> str:
    """The next document number of `prefix` in the year of `on`, e.g. SO2026-00042.

    The counter row is created if missing (no race: ON CONFLICT DO NOTHING) and then
    bumped by one UPDATE, which holds its row lock until commit on PostgreSQL (SQLite's
    BEGIN IMMEDIATE already serializes writers): committed numbers have no gaps.
    """
    s = uow.session
    dialect = s.get_bind().dialect.name
    ins = (pg_insert if dialect == "postgresql" else sqlite_insert)(DocumentCounter)
    s.execute(ins.values(prefix=prefix, year=on.year, last=0).on_conflict_do_nothing())
    n = s.execute(
        update(DocumentCounter)
        .where(DocumentCounter.prefix == prefix, DocumentCounter.year == on.year)
        .values(last=DocumentCounter.last + 1)
        .returning(DocumentCounter.last)
    ).scalar_one()
    return f"{prefix}{on.year}-{n:05d}"


def scoped(uow: UnitOfWork, q: Select) -> Select:
    """Restrict an order query to what the actor sees."""
    actor = current_actor(uow)
    if sees_all_customers(actor.roles):
        return q
    uid = actor.user_id
    return q.where(or_(SalesOrder.rep_id == uid, SalesOrder.created_by_id == uid,
                       SalesOrder.customer_id.in_(select(Customer.id).where(Customer.rep_id == uid))))


def may_see(uow: UnitOfWork, order: SalesOrder) -> bool:
    actor = current_actor(uow)
    if sees_all_customers(actor.roles) or actor.user_id in (order.rep_id, order.created_by_id):
        return True
    return uow.session.scalar(select(Customer.rep_id).where(Customer.id == order.customer_id)) == actor.user_id


def visible_order(uow: UnitOfWork, order_id: int, *, for_update: bool = False) -> SalesOrder:
    """The order if the actor may see it; "not found" otherwise. `for_update` reloads it
    under a row lock (PostgreSQL; SQLite's write lock is already held)."""
    o = uow.session.get(SalesOrder, order_id, with_for_update=for_update or None,
                        populate_existing=for_update)
    if o is None or not may_see(uow, o):
        raise NotFound(_("Order"), order_id)
    return o


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


def order_money(o: SalesOrder) -> OrderMoney:
    return OrderMoney(o.total, o.shipped_value, o.prepayment_required, o.prepayment_received,
                      o.prepayment_applied, o.cash_on_delivery)


def order_terms(o: SalesOrder) -> PaymentTerms:
    return PaymentTerms(o.prepayment_percent, o.days_to_pay, o.cash_on_delivery)


def business_date(uow: UnitOfWork, value: date | None, field: str) -> date:
    """A business date given by the user: today when omitted, never in the future."""
    today = business_today(uow)
    if value is None:
        return today
    if value > today:
        raise ValidationError(field, _("must not lie in the future"))
    return value
