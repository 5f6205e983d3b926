"""Seats (issue 17, domain/admin/seats.py): a log-in takes a seat on its machine; the
administrator sees the seats and can end one; logging out frees it.

The check that an ended seat's calls are refused is in services/common/base.py (authorize)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.admin.seats import machine_name
from sales_desk.domain.common.errors import DomainError, NotFound
from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.i18n import _
from sales_desk.models import Seat, User
from sales_desk.services.common.base import LOGGED_IN, current_actor, service


@dataclass(frozen=True)
class SeatRow:
    id: int
    user_id: int
    username: str
    full_name: str
    machine: str
    since: datetime
    last_activity: datetime
    ended_at: datetime | None
    mine: bool  # the seat this list was read from


@service(LOGGED_IN)
def open_seat(uow: UnitOfWork, machine: str) -> Actor:
    """Take a seat at log-in; the actor returned carries it (every later call is checked)."""
    actor = current_actor(uow)
    now = uow.clock()
    seat = Seat(user_id=actor.user_id, machine=machine_name(machine), started_at=now, last_seen_at=now)
    uow.session.add(seat)
    uow.session.flush()
    uow.audit("seat.open", "seat", seat.id, None, {"user_id": actor.user_id, "machine": seat.machine})
    uow.commit()
    return replace(actor, seat_id=seat.id)


@service(LOGGED_IN)
def close_seat(uow: UnitOfWork) -> None:
    """Log out: free this session's seat (an ended one stays as the administrator left it)."""
    actor = current_actor(uow)
    seat = uow.session.get(Seat, actor.seat_id) if actor.seat_id else None
    if seat is None or seat.ended_at is not None:
        return
    seat.ended_at = uow.clock()
    uow.audit("seat.close", "seat", seat.id, None, {"user_id": actor.user_id, "machine": seat.machine})
    uow.commit()


@service(Perm.USERS_MANAGE)
def list_seats(uow: UnitOfWork, include_ended: bool = False, limit: int = 500) -> list[SeatRow]:
    """The seats connected (newest first); a person on two machines has two rows."""
    me = current_actor(uow)
    q = select(Seat, User.username, User.full_name).join(User, User.id == Seat.user_id)
    if not include_ended:
        q = q.where(Seat.ended_at.is_(None))
    rows = uow.session.execute(q.order_by(Seat.started_at.desc(), Seat.id.desc()).limit(limit)).all()
    return [SeatRow(s.id, s.user_id, username, full_name, s.machine, s.started_at, s.last_seen_at,
                    s.ended_at, s.id == me.seat_id) for s, username, full_name in rows]


class OwnSeat(DomainError):
    refusal = None  # a slip of the hand, not a control: the administrator logs out instead

    def __init__(self) -> None:
        super().__init__(_("This is your own seat: log out instead."))


@service(Perm.USERS_MANAGE)
def end_seat(uow: UnitOfWork, seat_id: int) -> None:
    """End someone's seat: their session's rights end at its next call."""
    actor = current_actor(uow)
    seat = uow.session.get(Seat, seat_id)
    if seat is None:
        raise NotFound(_("Seat"), seat_id)
    if seat.id == actor.seat_id:
        raise OwnSeat()
    if seat.ended_at is not None:
        return
    seat.ended_at, seat.ended_by_id = uow.clock(), actor.user_id
    uow.audit("seat.end", "seat", seat.id, None, {"user_id": seat.user_id, "machine": seat.machine})
    uow.commit()
