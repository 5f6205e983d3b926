"""What the order, approval and dispatch services share: who sees which order, and the
order's figures as domain values. Document numbers and the business date are
services/common/documents.py's, the customer lock services/customers/scope.py's.

Visibility follows the customers' (services/customers/scope.py): a user whose only role
is sales rep sees the orders they are responsible for or took, and those of their own
customers; every other role with order.view sees all. An order outside one's view is
"not found".
"""

from __future__ import annotations

from sqlalchemy import Select, or_, select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.common.errors import NotFound
from sales_desk.domain.customers.files import sees_all_customers
from sales_desk.domain.orders.contracts import OrderMoney
from sales_desk.i18n import _
from sales_desk.models import Customer, SalesOrder
from sales_desk.services.common.base import current_actor


def scoped(uow: UnitOfWork, q: Select, *, customer_joined: bool = False) -> Select:
    """Restrict an order query to what the actor sees. `customer_joined`: `q` joins the
    order's customer, whose rep is then read on the row; else the rep's customers are
    listed first (for a rep with 50,000 customers, some 10 ms before the first row)."""
    actor = current_actor(uow)
    if sees_all_customers(actor.roles):
        return q
    uid = actor.user_id
    customer_is_theirs = (Customer.rep_id == uid if customer_joined
                          else SalesOrder.customer_id.in_(select(Customer.id).where(Customer.rep_id == uid)))
    return q.where(or_(SalesOrder.rep_id == uid, SalesOrder.created_by_id == uid, customer_is_theirs))


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



def order_money(o: SalesOrder) -> OrderMoney:
    return OrderMoney(o.total, o.shipped_value, o.prepayment_required, o.prepayment_received,
                      o.prepayment_applied, o.cash_on_delivery)
