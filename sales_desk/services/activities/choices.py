"""What the activity forms offer to choose: a customer's contacts and the open opportunities
an activity may be on, and the people whose calendars and days the actor sees."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, literal, select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.common.roles import Perm
from sales_desk.domain.opportunities.stages import Outcome
from sales_desk.models import Customer, CustomerContact, Lead, Opportunity
from sales_desk.services.activities.activities import READERS
from sales_desk.services.activities.common import department, people_seen
from sales_desk.services.common.base import (
    LOGGED_IN,
    current_actor,
    require_any,
    service,
    user_names,
)
from sales_desk.services.customers.scope import visible_customer
from sales_desk.services.opportunities.scope import scoped


@dataclass(frozen=True)
class Choice:
    id: int
    label: str
    customer_id: int | None = None  # an opportunity's customer (None: on a lead)


@dataclass(frozen=True)
class PlanChoices:
    contacts: tuple[Choice, ...]
    opportunities: tuple[Choice, ...]


@service(Perm.ACTIVITY_RECORD, read_only=True)
def plan_choices(uow: UnitOfWork, customer_id: int | None, limit: int = 200) -> PlanChoices:
    """The customer's contacts and open opportunities (with no customer: the open
    opportunities the actor sees, on customers and on leads), for planning an activity."""
    contacts: list[Choice] = []
    o = Opportunity
    q = select(o.id, o.number, o.title, o.customer_id, func.coalesce(Customer.name, Lead.name, literal(""))).outerjoin(
        Customer, Customer.id == o.customer_id).outerjoin(Lead, Lead.id == o.lead_id).where(
        o.outcome == Outcome.OPEN.value)
    if customer_id is not None:
        visible_customer(uow, customer_id)
        contacts = [Choice(i, f"{name} {position}".strip()) for i, name, position in uow.session.execute(
            select(CustomerContact.id, CustomerContact.name, CustomerContact.position).where(
                CustomerContact.customer_id == customer_id).order_by(CustomerContact.name, CustomerContact.id))]
        q = q.where(o.customer_id == customer_id)
    rows = uow.session.execute(scoped(uow, q).order_by(o.id.desc()).limit(limit)).all()
    return PlanChoices(tuple(contacts), tuple(Choice(i, f"{number} {title} · {party}", c)
                                              for i, number, title, c, party in rows))


@service(LOGGED_IN, read_only=True)
def people_choices(uow: UnitOfWork) -> list[Choice]:
    """The people whose calendars and days the actor sees, the actor first when they have
    their own (a supervisor: their team; the managers: the department)."""
    actor = require_any(uow, READERS)
    people = people_seen(uow)
    others = sorted(people - {actor.user_id}) if people is not None else [
        i for i in department(uow) if i != actor.user_id]
    mine = [actor.user_id] if current_actor(uow).can(Perm.ACTIVITY_RECORD) else []
    names = user_names(uow, [*mine, *others])
    return [Choice(i, names.get(i, "")) for i in mine] + sorted(
        (Choice(i, names.get(i, "")) for i in others), key=lambda c: c.label)
