"""Who sees and works which opportunity [销售机会/项目的权限限制], and the stage time limits.

A rep sees and edits their own (the owner) and those on their own customers; supervisors and
managers see and edit their team's — the whole sales side, as for orders and customers
(services/customers/scope.py: every role but the rep's sees all); the VP and the GM read.
Outside one's view an opportunity is "not found", so its existence does not leak.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import ColumnElement, Select, and_, or_, select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.common.errors import NotFound, NotPermitted
from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.domain.customers.files import sees_all_customers
from sales_desk.domain.opportunities.stages import Stage, stage_days
from sales_desk.i18n import _
from sales_desk.models import Customer, Lead, Opportunity
from sales_desk.services.admin.settings import load_settings
from sales_desk.services.common.base import current_actor


def sees_team(actor: Actor) -> bool:
    return sees_all_customers(actor.roles)


def scoped(uow: UnitOfWork, q: Select) -> Select:
    """Restrict an opportunity query to what the actor sees."""
    actor = current_actor(uow)
    if sees_team(actor):
        return q
    uid = actor.user_id
    return q.where(or_(Opportunity.owner_id == uid,
                       Opportunity.customer_id.in_(select(Customer.id).where(Customer.rep_id == uid))))


def may_see(uow: UnitOfWork, o: Opportunity) -> bool:
    actor = current_actor(uow)
    if sees_team(actor) or o.owner_id == actor.user_id:
        return True
    return o.customer_id is not None and uow.session.scalar(
        select(Customer.rep_id).where(Customer.id == o.customer_id)) == actor.user_id


def visible_opportunity(uow: UnitOfWork, opportunity_id: int, *, for_update: bool = False) -> Opportunity:
    o = uow.session.get(Opportunity, opportunity_id, with_for_update=for_update or None,
                        populate_existing=for_update)
    if o is None or not may_see(uow, o):
        raise NotFound(_("Opportunity"), opportunity_id)
    return o


def may_edit(actor: Actor, o: Opportunity) -> bool:
    """The owner, or a supervisor or manager of the team; a rep never edits a colleague's."""
    if not actor.can(Perm.OPPORTUNITY_EDIT):
        return False
    return o.owner_id == actor.user_id or sees_team(actor)


def editable_opportunity(uow: UnitOfWork, opportunity_id: int) -> Opportunity:
    o = visible_opportunity(uow, opportunity_id, for_update=True)
    actor = current_actor(uow)
    if not may_edit(actor, o):
        raise NotPermitted(Perm.OPPORTUNITY_EDIT, actor.username)
    return o


def visible_lead(uow: UnitOfWork, lead_id: int) -> Lead:
    actor = current_actor(uow)
    lead = uow.session.get(Lead, lead_id)
    if lead is None or not (sees_team(actor) or lead.owner_id == actor.user_id):
        raise NotFound(_("Lead"), lead_id)
    return lead


def scoped_leads(uow: UnitOfWork, q: Select) -> Select:
    actor = current_actor(uow)
    return q if sees_team(actor) else q.where(Lead.owner_id == actor.user_id)


def limits(uow: UnitOfWork) -> dict[Stage, int]:
    """Days each open stage may last (the policy in force)."""
    return stage_days(load_settings(uow))


def stalled_where(lim: dict[Stage, int], today: date) -> ColumnElement[bool]:
    """Open opportunities past their stage's time limit, as a WHERE clause."""
    return and_(Opportunity.outcome == "open", or_(*(
        and_(Opportunity.stage == s.value, Opportunity.stage_since < today - timedelta(days=d))
        for s, d in lim.items())))
