"""Customer maintenance plans [客户维护计划] (客户关系维护办法 第9–11条; rules in
domain/relationship/plans.py): the customer manager writes one a year per key customer in the
seed's five parts, the sales manager reviews it and it is filed; due and late plans for the
dashboard's early warning."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import ColumnElement, func, or_, select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.common.errors import NotFound, ValidationError
from sales_desk.domain.common.roles import Perm
from sales_desk.domain.customers.files import sees_all_customers
from sales_desk.domain.relationship.plans import (
    PART_LABELS,
    PLAN_PARTS,
    Due,
    PlanRefused,
    Status,
    due_state,
    ensure_editable,
    ensure_writer,
    next_due,
)
from sales_desk.i18n import _
from sales_desk.models import Customer
from sales_desk.models.relationship import CarePlan
from sales_desk.services.admin.settings import load_settings
from sales_desk.services.common.base import business_today, current_actor, service, user_names
from sales_desk.services.common.documents import next_number
from sales_desk.services.customers.scope import visible_customer
from sales_desk.services.relationship import review as flow

PRIVATE = (Status.DRAFT.value, Status.RETURNED.value)  # its writer's alone until submitted


@dataclass(frozen=True)
class PlanView:
    id: int
    number: str
    customer_id: int
    customer_code: str
    customer_name: str
    year: int
    status: str  # domain.relationship.plans.Status
    parts: tuple[tuple[str, str], ...]  # (part key, text) in the seed's order
    written_by_id: int
    written_by: str
    written_at: datetime
    submitted_at: datetime | None
    reviewed_by: str
    reviewed_at: datetime | None
    review_note: str
    filed_on: date | None

    def part(self, key: str) -> str:
        return dict(self.parts)[key]


@dataclass(frozen=True)
class DuePlan:
    customer_id: int
    code: str
    name: str
    rep: str
    last_filed_on: date | None
    due_on: date
    state: str  # Due


def _parts(p: CarePlan) -> dict[str, str]:
    return {k: getattr(p, k) for k in PLAN_PARTS}


def _view(uow: UnitOfWork, p: CarePlan) -> PlanView:
    c = uow.session.get(Customer, p.customer_id)
    names = user_names(uow, [p.written_by_id, p.reviewed_by_id])
    writer, reviewer = flow.people(p, names)
    return PlanView(p.id, p.number, p.customer_id, c.code, c.name, p.year, p.status,
                    tuple(_parts(p).items()), p.written_by_id, writer, p.written_at, p.submitted_at, reviewer,
                    p.reviewed_at, p.review_note, p.filed_on)


def _plan(uow: UnitOfWork, plan_id: int, lock: bool = False) -> CarePlan:
    p = uow.session.get(CarePlan, plan_id, with_for_update=lock)
    if p is None:
        raise NotFound(_("Maintenance plan"), plan_id)
    visible_customer(uow, p.customer_id)
    return p


def _snapshot(p: CarePlan) -> dict[str, object]:
    return {"number": p.number, "customer_id": p.customer_id, "year": p.year, "status": p.status}


@service(Perm.CARE_WRITE_PLAN)
def save_plan(uow: UnitOfWork, customer_id: int, parts: dict[str, str], plan_id: int | None = None,
              year: int | None = None) -> int:
    """Write or change the customer manager's draft; returns the plan's id."""
    pid = save_in(uow, customer_id, parts, plan_id, year)
    uow.commit()
    return pid


def save_in(uow: UnitOfWork, customer_id: int, parts: dict[str, str], plan_id: int | None = None,
            year: int | None = None) -> int:
    actor = current_actor(uow)
    c = visible_customer(uow, customer_id)
    ensure_writer(c.rep_id, actor.user_id)
    unknown = set(parts) - set(PLAN_PARTS)
    if unknown:
        raise ValidationError(", ".join(sorted(unknown)), _("not a part of the plan"))
    today = business_today(uow)
    if plan_id is None:
        if not c.key_account:
            raise PlanRefused(_("Maintenance plans are written for key accounts; {code} is not one.").format(
                code=c.code))
        p = CarePlan(number=next_number(uow, "CP", today), customer_id=c.id, year=year or today.year,
                     status=Status.DRAFT.value, written_by_id=actor.user_id, written_at=uow.clock(),
                     review_note="", **{k: "" for k in PLAN_PARTS})
        uow.session.add(p)
        before = None
    else:
        p = _plan(uow, plan_id, lock=True)
        if p.customer_id != c.id:
            raise NotFound(_("Maintenance plan"), plan_id)
        ensure_editable(Status(p.status))
        before = _snapshot(p)
    for k, v in parts.items():
        setattr(p, k, (v or "").strip())
    uow.session.flush()
    uow.audit("customer.care_plan_save", "customer", c.id, before, {**_snapshot(p), "code": c.code})
    return p.id


@service(Perm.CARE_WRITE_PLAN)
def submit_plan(uow: UnitOfWork, plan_id: int) -> None:
    """Send the plan, all five parts written, to the sales manager."""
    submit_in(uow, plan_id)
    uow.commit()


def submit_in(uow: UnitOfWork, plan_id: int) -> None:
    p = _plan(uow, plan_id, lock=True)
    ensure_writer(p.written_by_id, current_actor(uow).user_id)
    before = _snapshot(p)
    flow.submit(uow, p, _parts(p), PART_LABELS)
    uow.audit("customer.care_plan_submit", "customer", p.customer_id, before, _snapshot(p))


@service(Perm.CARE_REVIEW)
def review_plan(uow: UnitOfWork, plan_id: int, approve: bool, note: str = "") -> None:
    """The sales manager approves (the plan is filed [归档]) or returns it with a reason."""
    review_in(uow, plan_id, approve, note)
    uow.commit()


def review_in(uow: UnitOfWork, plan_id: int, approve: bool, note: str = "") -> None:
    p = _plan(uow, plan_id, lock=True)
    before = _snapshot(p)
    flow.review(uow, p, approve, note)
    uow.audit("customer.care_plan_review", "customer", p.customer_id, before, {**_snapshot(p), "note": p.review_note})


@service(Perm.CUSTOMER_VIEW, read_only=True)
def get_plan(uow: UnitOfWork, plan_id: int) -> PlanView:
    return plan_in(uow, plan_id)


def plan_in(uow: UnitOfWork, plan_id: int) -> PlanView:
    """get_plan inside the caller's transaction (the printed form): someone else's draft or
    returned plan is not found, as it is missing from their lists (not even its number shows)."""
    p = _plan(uow, plan_id)
    if p.status in PRIVATE and p.written_by_id != current_actor(uow).user_id:
        raise NotFound(_("Maintenance plan"), plan_id)
    return _view(uow, p)


def _shown_to(actor_id: int) -> ColumnElement[bool]:
    return or_(CarePlan.status.not_in(PRIVATE), CarePlan.written_by_id == actor_id)


@service(Perm.CUSTOMER_VIEW, read_only=True)
def plans_of(uow: UnitOfWork, customer_id: int) -> list[PlanView]:
    """The customer's plans, newest first."""
    c = visible_customer(uow, customer_id)
    rows = uow.session.scalars(select(CarePlan).where(CarePlan.customer_id == c.id, _shown_to(current_actor(uow).user_id))
                               .order_by(CarePlan.id.desc()))
    return [_view(uow, p) for p in rows]


@service(Perm.CUSTOMER_VIEW, read_only=True)
def list_plans(uow: UnitOfWork, limit: int = 300) -> list[PlanView]:
    """The plans of the customers the actor sees, newest first: a draft or a returned plan only
    for its writer, the rest for all who see the customer (the reviewer, the file keepers)."""
    actor = current_actor(uow)
    q = (select(CarePlan).join(Customer, Customer.id == CarePlan.customer_id).where(_shown_to(actor.user_id))
         .order_by(CarePlan.year.desc(), CarePlan.id.desc()).limit(limit))
    if not sees_all_customers(actor.roles):
        q = q.where(Customer.rep_id == actor.user_id)
    return [_view(uow, p) for p in uow.session.scalars(q)]


@service(Perm.CARE_REVIEW, read_only=True)
def plans_to_review(uow: UnitOfWork) -> list[PlanView]:
    rows = uow.session.scalars(select(CarePlan).where(CarePlan.status == Status.SUBMITTED.value)
                               .order_by(CarePlan.submitted_at))
    return [_view(uow, p) for p in rows]


def due_plans(uow: UnitOfWork, include_not_due: bool = False) -> list[DuePlan]:
    """Key accounts the actor sees whose plan is due or late (inside the caller's transaction)."""
    actor = current_actor(uow)
    today = business_today(uow)
    notice = int(load_settings(uow)["customer.plan_notice_days"])  # type: ignore[call-overload]
    last = (select(CarePlan.customer_id, func.max(CarePlan.filed_on).label("filed"))
            .where(CarePlan.status == Status.FILED.value).group_by(CarePlan.customer_id).subquery())
    q = (select(Customer.id, Customer.code, Customer.name, Customer.rep_id, last.c.filed)
         .outerjoin(last, last.c.customer_id == Customer.id).where(Customer.key_account.is_(True))
         .order_by(Customer.code))
    if not sees_all_customers(actor.roles):
        q = q.where(Customer.rep_id == actor.user_id)
    rows = list(uow.session.execute(q))
    names = user_names(uow, {r[3] for r in rows})
    out = []
    for cid, code, name, rep, filed in rows:
        due = next_due(filed, today)
        state = due_state(due, today, notice)
        if include_not_due or state is not Due.NOT_DUE:
            out.append(DuePlan(cid, code, name, names.get(rep or 0, ""), filed, due, state.value))
    return out


@service(Perm.CUSTOMER_VIEW, read_only=True)
def plans_due(uow: UnitOfWork, include_not_due: bool = False) -> list[DuePlan]:
    """The key accounts whose maintenance plan is due or late (all key accounts, if asked)."""
    return due_plans(uow, include_not_due)
