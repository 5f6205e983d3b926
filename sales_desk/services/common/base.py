"""The service decorator: every call is checked against the permission it declares.

The check lives here, below the UI: the user's roles and active flag are read
again from the database in the same transaction, so a role removed a moment ago
(or a disabled account) is refused at once, whatever the UI still shows.

A call a control refuses (no right, one's own approval, a rule) is written to the
refusals log once its transaction has rolled back (refusal_log.py), then the refusal goes
on to the caller unchanged.

Also here, what every service module shares: the acting user, "any of these duties"
checks for reads several duties share, the business date and user names for rows.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date
from functools import wraps
from typing import Any, Concatenate, ParamSpec, TypeVar

from sqlalchemy import select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm.exc import StaleDataError

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.admin.refusals import kind_of
from sales_desk.domain.admin.seats import SeatEnded, activity_due
from sales_desk.domain.common.errors import DomainError, NotPermitted
from sales_desk.domain.common.roles import Actor, Perm, Role
from sales_desk.domain.common.versions import SavedMeanwhile
from sales_desk.models import Seat, User, UserRole
from sales_desk.services.common.refusal_log import record_refusal

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

# How many service calls this thread is inside: only the outermost writes a refusal, once,
# named by what the user asked for (a call inside another may be refused and handled).
_depth: ContextVar[int] = ContextVar("service_depth", default=0)
# The seat whose last activity is due to be written once the outermost call has ended.
_seen: ContextVar[int | None] = ContextVar("seat_seen", default=None)
log = logging.getLogger(__name__)


def service(
    permission: Perm | str, *, read_only: bool = False,
) -> Callable[[Callable[Concatenate[UnitOfWork, P], R]], Callable[Concatenate[UnitOfWork, P], R]]:
    """Declare a service function's permission; it runs inside `with uow:`.

    `read_only`: the service never writes (lists, reports, look-ups), so on SQLite its
    transaction reads a snapshot without the write lock and a long report never makes a
    writer wait; a write in it fails (db/engine.py). A service that writes takes the lock
    at the start, as before."""

    def decorate(fn: Callable[Concatenate[UnitOfWork, P], R]) -> Callable[Concatenate[UnitOfWork, P], R]:
        name = f"{fn.__module__.rsplit('.', 1)[-1]}.{fn.__name__}"
        signature = inspect.signature(fn)

        @wraps(fn)
        def wrapper(uow: UnitOfWork, /, *args: P.args, **kwargs: P.kwargs) -> R:
            outermost = _depth.get() == 0
            token = _depth.set(_depth.get() + 1)
            try:
                with uow.reading() if read_only else uow:  # leaving it rolls back what was not committed
                    if permission != PUBLIC:
                        authorize(uow, permission)
                    return fn(uow, *args, **kwargs)
            except StaleDataError as error:  # lost the race on a versioned row: rolled back
                raise SavedMeanwhile() from error
            except DomainError as error:
                kind = kind_of(error)
                if outermost and kind is not None:  # `with uow:` has ended: rolled back
                    record_refusal(uow, name, _arguments(signature, uow, args, kwargs), error, kind)
                raise
            finally:
                _depth.reset(token)
                if outermost and (seen := _seen.get()) is not None:
                    _seen.set(None)
                    _note_activity(uow, seen)

        REGISTRY[name] = ServiceInfo(name, str(permission), wrapper)
        wrapper.permission = str(permission)  # type: ignore[attr-defined]
        wrapper.read_only = read_only  # type: ignore[attr-defined]
        return wrapper

    return decorate


def _arguments(signature: inspect.Signature, uow: UnitOfWork, args: tuple[object, ...],
               kwargs: dict[str, object]) -> dict[str, object]:
    try:
        bound = signature.bind(uow, *args, **kwargs).arguments
    except TypeError:  # called wrongly: the refusal still names no record
        return {}
    return dict(list(bound.items())[1:])  # all but the unit of work


def authorize(uow: UnitOfWork, permission: Perm | str) -> Actor:
    actor = uow.actor
    if actor is None:
        raise NotPermitted(str(permission))
    if uow.authorized is not None and uow.authorized is actor:  # a read joined to this transaction
        if permission != LOGGED_IN and permission not in actor.permissions:
            raise NotPermitted(str(permission), actor.username)
        return actor
    # active and roles in one statement: every call makes it, on every seat
    rows = uow.session.execute(select(User.active, UserRole.role)
                               .outerjoin(UserRole, UserRole.user_id == User.id)
                               .where(User.id == actor.user_id)).all()
    if not rows or not rows[0].active:
        raise NotPermitted(str(permission), actor.username)
    if actor.seat_id is not None:
        _check_seat(uow, actor)
    roles = frozenset(Role(r.role) for r in rows if r.role is not None)
    fresh = actor.with_roles(roles)
    if permission != LOGGED_IN and permission not in fresh.permissions:
        raise NotPermitted(str(permission), actor.username)
    uow.actor = uow.authorized = fresh
    return fresh


def _check_seat(uow: UnitOfWork, actor: Actor) -> None:
    """An ended seat's rights end here, at its next call; a live one's last activity is
    written now and then (domain/admin/seats.py)."""
    seat = uow.session.get(Seat, actor.seat_id)
    if seat is None or seat.ended_at is not None or seat.user_id != actor.user_id:
        raise SeatEnded()
    if activity_due(seat.last_seen_at, uow.clock()):
        _seen.set(seat.id)  # written after the call (_note_activity): a read commits nothing


def _note_activity(uow: UnitOfWork, seat_id: int) -> None:
    """The seat's last activity, in a short transaction of its own after the call's."""
    try:
        with uow.session_factory() as session:
            session.execute(update(Seat).where(Seat.id == seat_id, Seat.ended_at.is_(None))
                            .values(last_seen_at=uow.clock()))
            session.commit()
    except SQLAlchemyError:  # a busy database delays the note to the next call; the call stands
        log.warning("could not note the activity of seat %s", seat_id, exc_info=True)


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
