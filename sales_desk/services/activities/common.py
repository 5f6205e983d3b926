"""What the activity, team and territory services share: whose records the actor sees
(domain/activities/rules.py's visibility by team) and the checks on a person named."""

from __future__ import annotations

from sqlalchemy import ColumnElement, Select, select, true

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.activities.rules import visible_people
from sales_desk.domain.common.errors import NotFound
from sales_desk.domain.common.roles import ROLE_PERMISSIONS, Actor, Perm
from sales_desk.i18n import _
from sales_desk.models import TeamMember, User, UserRole
from sales_desk.services.common.base import current_actor


def team_of(uow: UnitOfWork, supervisor_id: int) -> list[int]:
    """The people a supervisor leads."""
    return list(uow.session.scalars(select(TeamMember.member_id).where(TeamMember.supervisor_id == supervisor_id)))


def people_seen(uow: UnitOfWork, actor: Actor | None = None) -> frozenset[int] | None:
    """Whose activities and days the actor sees: None for everyone."""
    actor = actor or current_actor(uow)
    return visible_people(actor.user_id, actor.roles, team_of(uow, actor.user_id))


def seen_by(column: ColumnElement, people: frozenset[int] | None) -> ColumnElement[bool]:
    return true() if people is None else column.in_(sorted(people))


def scope(q: Select, column: ColumnElement, uow: UnitOfWork) -> Select:
    people = people_seen(uow)
    return q if people is None else q.where(column.in_(sorted(people)))


def check_person(uow: UnitOfWork, user_id: int) -> int:
    """A person the actor sees ("not found" otherwise, so others' existence does not leak)."""
    people = people_seen(uow)
    if (people is not None and user_id not in people) or uow.session.get(User, user_id) is None:
        raise NotFound(_("Person"), user_id)
    return user_id


def department(uow: UnitOfWork) -> list[int]:
    """Everyone with activities and days of their own (a role recording activities), active,
    and everyone in a team: whom "everyone" means for those who see all."""
    roles = [r.value for r, perms in ROLE_PERMISSIONS.items() if Perm.ACTIVITY_RECORD in perms]
    recording = set(uow.session.scalars(select(UserRole.user_id).join(User, User.id == UserRole.user_id).where(
        UserRole.role.in_(roles), User.active.is_(True))))
    return sorted(recording | set(uow.session.scalars(select(TeamMember.member_id))))
