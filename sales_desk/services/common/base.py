"""The service decorator: every call is checked against the permission it declares.

The check lives here, below the UI: the user's roles and active flag are read
again from the database in the same transaction, so a role removed a moment ago
(or a disabled account) is refused at once, whatever the UI still shows.

Also here, what every service module shares: the acting user, "any of these duties"
checks for reads several duties share, the business date and user names for rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import wraps
from typing import Any, Concatenate, ParamSpec, TypeVar

from sqlalchemy import select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.common.errors import NotPermitted
from sales_desk.domain.common.roles import Actor, Perm, Role
from sales_desk.models import User, UserRole

P = ParamSpec("P")
R = TypeVar("R")

PUBLIC = "public"  # no login needed: first-run set-up, login itself
LOGGED_IN = "logged_in"  # any active user, no particular right


@dataclass(frozen=True)
class ServiceInfo:
    name: str
    permission: str
    func: Callable[..., Any]


REGISTRY: dict[str, ServiceInfo] = {}


def service(
    permission: Perm | str,
) -> Callable[[Callable[Concatenate[UnitOfWork, P], R]], Callable[Concatenate[UnitOfWork, P], R]]:
    """Declare a service function's permission; it runs inside `with uow:`."""

    def decorate(fn: Callable[Concatenate[UnitOfWork, P], R]) -> Callable[Concatenate[UnitOfWork, P], R]:
        @wraps(fn)
        def wrapper(uow: UnitOfWork, /, *args: P.args, **kwargs: P.kwargs) -> R:
            with uow:
                if permission != PUBLIC:
                    authorize(uow, permission)
                return fn(uow, *args, **kwargs)

        name = f"{fn.__module__.rsplit('.', 1)[-1]}.{fn.__name__}"
        REGISTRY[name] = ServiceInfo(name, str(permission), wrapper)
        wrapper.permission = str(permission)  # type: ignore[attr-defined]
        return wrapper

    return decorate


def authorize(uow: UnitOfWork, permission: Perm | str) -> Actor:
    actor = uow.actor
    if actor is None:
        raise NotPermitted(str(permission))
    row = uow.session.execute(select(User.active).where(User.id == actor.user_id)).first()
    if row is None or not row.active:
        raise NotPermitted(str(permission), actor.username)
    roles = frozenset(
        Role(r)
        for r in uow.session.scalars(select(UserRole.role).where(UserRole.user_id == actor.user_id))
    )
    fresh = actor.with_roles(roles)
    if permission != LOGGED_IN and permission not in fresh.permissions:
        raise NotPermitted(str(permission), actor.username)
    uow.actor = fresh
    return fresh


def current_actor(uow: UnitOfWork) -> Actor:
    assert uow.actor is not None, "services run with an authorized actor"
    return uow.actor


def require_any(uow: UnitOfWork, perms: Iterable[Perm]) -> Actor:
    """For reads several duties share (the decorator checks one permission)."""
    actor = current_actor(uow)
    perms = tuple(perms)
    if not any(actor.can(p) for p in perms):
        raise NotPermitted(" | ".join(str(p) for p in perms), actor.username)
    return actor


def business_today(uow: UnitOfWork) -> date:
    """Today in the office's local time (the business date)."""
    return uow.clock().astimezone().date()


def user_names(uow: UnitOfWork, ids: Iterable[int | None]) -> dict[int, str]:
    """Display names (full name, else the login) of these users, for rows that name them."""
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    rows = uow.session.execute(select(User.id, User.full_name, User.username).where(User.id.in_(wanted)))
    return {r.id: r.full_name or r.username for r in rows}
