"""Territories [销售区域的划分及人员的编排]: the regions (domain.customers.REGIONS) with the
reps responsible for them, the customers by region, and the reassignment of a rep's
customers — with everything still open on them — to another rep, with a reason, audited.

What "open" means belongs to each module: REASSIGNMENT_MOVERS maps a name to a function
(uow, from_rep_id, to_rep_id, customer_ids) -> rows moved, which moves that module's open
items of those customers and leaves the closed ones with the rep who closed them. Activities
and opportunities are registered here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func, select, update

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.activities.rules import OPEN
from sales_desk.domain.common.errors import NotFound, ValidationError
from sales_desk.domain.common.roles import Perm, Role
from sales_desk.domain.customers.files import REGIONS, check_classification
from sales_desk.i18n import _
from sales_desk.models import Activity, Customer, TerritoryRep, User, UserRole
from sales_desk.services.common.base import business_today, current_actor, service, user_names
from sales_desk.services.opportunities import reassign_open_opportunities

Mover = Callable[[UnitOfWork, int, int, list[int]], int]


def move_open_activities(uow: UnitOfWork, from_rep_id: int, to_rep_id: int, customer_ids: list[int]) -> int:
    """The planned activities of these customers: to the new rep. Done and cancelled stay."""
    if not customer_ids:
        return 0
    result = uow.session.execute(update(Activity).where(
        Activity.rep_id == from_rep_id, Activity.customer_id.in_(customer_ids),
        Activity.status.in_([s.value for s in OPEN])).values(rep_id=to_rep_id, updated_at=uow.clock()))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


REASSIGNMENT_MOVERS: dict[str, Mover] = {
    "activities": move_open_activities,
    "opportunities": reassign_open_opportunities,
}


@dataclass(frozen=True)
class TerritoryRow:
    region: str  # code
    label: str  # translated
    reps: tuple[tuple[int, str], ...]  # (user id, name)
    customers: int


@dataclass(frozen=True)
class Reassigned:
    customers: int
    moved: dict[str, int]  # mover name -> rows moved


def _rep(uow: UnitOfWork, user_id: int) -> int:
    if uow.session.get(User, user_id) is None or uow.session.scalar(select(func.count()).where(
            UserRole.user_id == user_id, UserRole.role == Role.SALES_REP.value)) == 0:
        raise NotFound(_("Sales rep"), user_id)
    return user_id


@service(Perm.CUSTOMER_VIEW, read_only=True)
def territories(uow: UnitOfWork) -> list[TerritoryRow]:
    """Every region with its reps and how many customers it holds."""
    reps: dict[str, list[int]] = {}
    for region, rep in uow.session.execute(select(TerritoryRep.region, TerritoryRep.rep_id)):
        reps.setdefault(region, []).append(rep)
    counts = dict(uow.session.execute(select(Customer.region, func.count()).group_by(Customer.region)).tuples().all())
    names = user_names(uow, {r for rs in reps.values() for r in rs})
    return [TerritoryRow(c.code, _(c.label), tuple(sorted(((r, names.get(r, "")) for r in reps.get(c.code, [])),
                                                          key=lambda x: x[1])), int(counts.get(c.code, 0)))
            for c in REGIONS]


@dataclass(frozen=True)
class RegionCustomer:
    id: int
    code: str
    name: str
    rep_id: int | None
    rep: str


@service(Perm.TERRITORY_MANAGE, read_only=True)
def customers_in_region(uow: UnitOfWork, region: str, limit: int = 2000) -> list[RegionCustomer]:
    region = check_classification("region", region)
    rows = uow.session.execute(select(Customer.id, Customer.code, Customer.name, Customer.rep_id).where(
        Customer.region == region).order_by(Customer.code).limit(limit)).all()
    names = user_names(uow, {r.rep_id for r in rows})
    return [RegionCustomer(r.id, r.code, r.name, r.rep_id, names.get(r.rep_id or 0, "")) for r in rows]


@service(Perm.TERRITORY_MANAGE)
def assign_region(uow: UnitOfWork, region: str, rep_id: int, responsible: bool = True) -> None:
    """Make a rep responsible for a region, or no longer; audited (the territory changes)."""
    region = check_classification("region", region)
    if not region:
        raise ValidationError(_("Region"), _("must not be empty"))
    _rep(uow, rep_id)
    row = uow.session.get(TerritoryRep, (region, rep_id))
    if responsible and row is None:
        uow.session.add(TerritoryRep(region=region, rep_id=rep_id, since=business_today(uow)))
        uow.audit("territory.assign", "territory", region, None, {"region": region, "rep_id": rep_id})
    elif not responsible and row is not None:
        uow.session.delete(row)
        uow.audit("territory.unassign", "territory", region, {"region": region, "rep_id": rep_id}, None)
    uow.commit()


def _reassign(uow: UnitOfWork, from_rep_id: int, to_rep_id: int, reason: str,
              region: str | None) -> tuple[Reassigned, list[str]]:
    """The reassignment's changes, uncommitted: what moved and the customers' codes."""
    if not (reason or "").strip():
        raise ValidationError(_("Reason"), _("must not be empty"))
    if from_rep_id == to_rep_id:
        raise ValidationError(_("New rep"), _("must differ from the present one"))
    _rep(uow, to_rep_id)
    if uow.session.get(User, from_rep_id) is None:
        raise NotFound(_("Sales rep"), from_rep_id)
    q = select(Customer.id).where(Customer.rep_id == from_rep_id).order_by(Customer.id)
    if region:
        q = q.where(Customer.region == check_classification("region", region))
    ids = list(uow.session.scalars(q))
    moved = {name: mover(uow, from_rep_id, to_rep_id, ids) for name, mover in REASSIGNMENT_MOVERS.items()}
    codes = list(uow.session.scalars(select(Customer.code).where(Customer.id.in_(ids)).order_by(Customer.code)))
    if ids:
        # the version moves too: a form open on one of them learns it was changed meanwhile
        uow.session.execute(update(Customer).where(Customer.id.in_(ids)).values(
            rep_id=to_rep_id, version=Customer.version + 1))
    return Reassigned(len(ids), moved), codes


@service(Perm.TERRITORY_MANAGE)
def reassignment_preview(uow: UnitOfWork, from_rep_id: int, to_rep_id: int, reason: str,
                         region: str | None = None) -> Reassigned:
    """What `reassign_customers` would move, for the confirmation: the same movers run and
    are rolled back (nothing is committed), so the preview counts exactly what each module
    calls open — a module registered later is counted without a counter of its own."""
    result, _codes = _reassign(uow, from_rep_id, to_rep_id, reason, region)
    uow.rollback()
    return result


@service(Perm.TERRITORY_MANAGE)
def reassign_customers(uow: UnitOfWork, from_rep_id: int, to_rep_id: int, reason: str,
                       region: str | None = None) -> Reassigned:
    """Give a rep's customers (all, or those of one region) to another rep with everything
    still open on them (REASSIGNMENT_MOVERS); closed items stay. One audit row says what
    moved and why."""
    result, codes = _reassign(uow, from_rep_id, to_rep_id, reason, region)
    uow.audit("territory.reassign", "user", from_rep_id, {"rep_id": from_rep_id}, {
        "rep_id": to_rep_id, "reason": reason.strip(), "region": region or "", "customers": result.customers,
        "codes": codes[:200], "moved": result.moved, "by": current_actor(uow).user_id})
    uow.commit()
    return result
