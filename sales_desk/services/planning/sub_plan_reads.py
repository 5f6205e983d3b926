"""The plans under the overall plan as read (the flow: sub_plans.py): a month's monthly plans
each followed by its product plans, with the reps' targets (a rep: their own) and, for
each, the parent's figure against what its children take (domain/planning/hierarchy.py's
Room): shown while drafting, enforced on submitting and approving.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.common.errors import NotFound
from sales_desk.domain.common.roles import Role
from sales_desk.domain.planning.hierarchy import LineKind, PlanLevel, Room, status_label
from sales_desk.domain.planning.plans import Dimension, PlanStatus, check_month
from sales_desk.i18n import _
from sales_desk.models import Product, SubPlan, SubPlanLine, User, UserRole
from sales_desk.services.common.base import LOGGED_IN, service
from sales_desk.services.customers.scope import user_names
from sales_desk.services.planning.plan_targets import plan_in_force, targets_by_month
from sales_desk.services.planning.scope import check_year, own_rep_only, require_reader

COUNTED = (PlanStatus.SUBMITTED.value, PlanStatus.APPROVED.value)  # what takes the parent's room


# -- reads -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LineRow:
    kind: str  # LineKind
    rep_id: int
    rep: str
    amount: int


@dataclass(frozen=True)
class SubPlanView:
    id: int
    level: str  # PlanLevel
    year: int
    month: int
    parent_id: int | None
    product_id: int | None
    product: str  # code and name; "" for a monthly plan
    status: str  # PlanStatus
    status_label: str
    note: str
    prepared_by_id: int
    prepared_by: str
    approved_by: str
    approved_at: datetime | None
    returned_reason: str
    lines: tuple[LineRow, ...]  # by kind, then rep
    room: Room  # the parent's figure against what the children take (this one counted)

    def total(self, kind: LineKind | str = LineKind.SALES) -> int:
        return sum(x.amount for x in self.lines if x.kind == kind)


def plan_lines(uow: UnitOfWork, plan_id: int) -> list[tuple[str, int, int]]:
    return [(k, r, int(a)) for k, r, a in uow.session.execute(
        select(SubPlanLine.kind, SubPlanLine.rep_id, SubPlanLine.amount).where(SubPlanLine.sub_plan_id == plan_id))]


def sales_total(uow: UnitOfWork, plan_ids: Sequence[int]) -> int:
    if not plan_ids:
        return 0
    return int(uow.session.scalar(select(func.coalesce(func.sum(SubPlanLine.amount), 0)).where(
        SubPlanLine.sub_plan_id.in_(plan_ids), SubPlanLine.kind == LineKind.SALES.value)) or 0)


def parent_total(uow: UnitOfWork, p: SubPlan) -> int | None:
    """The parent's figure a plan is measured against: for a monthly plan the overall plan
    in force's targets for the month (its reps' together), None while none is in force;
    for a product plan its monthly plan's sales targets together."""
    if p.level == PlanLevel.MONTHLY:
        overall = plan_in_force(uow, p.year)
        if overall is None:
            return None
        return sum(m[p.month - 1] for m in targets_by_month(uow, overall.id, Dimension.REP).values())
    assert p.parent_id is not None
    return sales_total(uow, [p.parent_id])


def siblings(uow: UnitOfWork, p: SubPlan) -> list[int]:
    """The other children of the same parent that take room: submitted or approved."""
    q = select(SubPlan.id).where(SubPlan.id != p.id, SubPlan.level == p.level, SubPlan.status.in_(COUNTED))
    if p.level == PlanLevel.MONTHLY:
        q = q.where(SubPlan.year == p.year, SubPlan.month == p.month)
    else:
        q = q.where(SubPlan.parent_id == p.parent_id)
    return list(uow.session.scalars(q))


def _room(uow: UnitOfWork, p: SubPlan) -> Room:
    return Room(parent_total(uow, p) or 0, sales_total(uow, [*siblings(uow, p), p.id]))


def _view(uow: UnitOfWork, p: SubPlan, rep_only: int | None) -> SubPlanView:
    rows = [r for r in plan_lines(uow, p.id) if rep_only is None or r[1] == rep_only]
    names = user_names(uow, [p.prepared_by_id, p.approved_by_id or 0, *(r[1] for r in rows)])
    product = ""
    if p.product_id is not None:
        code, name = uow.session.execute(select(Product.code, Product.name).where(Product.id == p.product_id)).one()
        product = f"{code} {name}"
    lines = sorted((LineRow(k, r, names.get(r, ""), a) for k, r, a in rows),
                   key=lambda x: ([k.value for k in LineKind].index(x.kind), x.rep))
    return SubPlanView(p.id, p.level, p.year, p.month, p.parent_id, p.product_id, product, p.status,
                       status_label(p.level, p.status), p.note, p.prepared_by_id, names.get(p.prepared_by_id, ""),
                       names.get(p.approved_by_id or 0, ""), p.approved_at, p.returned_reason, tuple(lines),
                       _room(uow, p))


@service(LOGGED_IN, read_only=True)
def month_plans(uow: UnitOfWork, year: int, month: int) -> list[SubPlanView]:
    """The month's monthly plans (newest first), each followed by its product plans; a rep
    reads their own targets in each."""
    actor = require_reader(uow)
    year, month = check_year(year), check_month(month)
    mine = own_rep_only(actor)
    out = []
    monthly = uow.session.scalars(select(SubPlan).where(
        SubPlan.year == year, SubPlan.month == month, SubPlan.level == PlanLevel.MONTHLY.value)
        .order_by(SubPlan.id.desc()))
    for m in monthly:
        out.append(_view(uow, m, mine))
        for child in uow.session.scalars(select(SubPlan).where(SubPlan.parent_id == m.id).order_by(SubPlan.id)):
            out.append(_view(uow, child, mine))
    return out


@service(LOGGED_IN, read_only=True)
def get_sub_plan(uow: UnitOfWork, plan_id: int) -> SubPlanView:
    actor = require_reader(uow)
    p = uow.session.get(SubPlan, plan_id)
    if p is None:
        raise NotFound(_("Sales plan"), plan_id)
    return _view(uow, p, own_rep_only(actor))


@dataclass(frozen=True)
class Choice:
    key: int
    label: str


@service(LOGGED_IN, read_only=True)
def sub_plan_choices(uow: UnitOfWork) -> tuple[tuple[Choice, ...], tuple[Choice, ...]]:
    """(active reps, active products) the monthly and product plans set targets for."""
    require_reader(uow)
    reps = uow.session.execute(
        select(User.id, User.full_name, User.username).join(UserRole, UserRole.user_id == User.id)
        .where(UserRole.role == Role.SALES_REP.value, User.active.is_(True)).order_by(User.full_name, User.username))
    products = uow.session.execute(select(Product.id, Product.code, Product.name)
                                   .where(Product.active.is_(True)).order_by(Product.code))
    return (tuple(Choice(r.id, r.full_name or r.username) for r in reps),
            tuple(Choice(p.id, f"{p.code} {p.name}") for p in products))
