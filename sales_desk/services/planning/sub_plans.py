"""The plans under the overall plan (rules: domain/planning/hierarchy.py): the sales manager's
monthly plans with the reps' sales and collection targets [回款目标], approved by the sales
VP; the supervisors' product plans under an approved monthly plan, approved by the sales
manager. Nobody approves their own; a child is approved only after its parent; the
children together stay within the parent.

When the VP approves a monthly plan its collection targets come into force
(services/collections/targets.py `put_targets`). An approved monthly or product plan is
final: a change is a new plan for the month once it is returned (revisions are the
overall plan's).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import delete, select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.common.approvals import ensure_not_self_approval
from sales_desk.domain.common.errors import NotFound, NotPermitted, ValidationError
from sales_desk.domain.common.money import money_str
from sales_desk.domain.common.roles import Actor, Role
from sales_desk.domain.planning.hierarchy import (
    RIGHTS,
    LineKind,
    PlanLevel,
    Room,
    clean_lines,
    ensure_parent_approved,
    ensure_within,
    status_label,
)
from sales_desk.domain.planning.plans import (
    PlanAction,
    PlanStateError,
    PlanStatus,
    check_month,
    ensure_editable,
    next_status,
)
from sales_desk.i18n import _
from sales_desk.models import Product, SubPlan, SubPlanLine, UserRole
from sales_desk.services.collections.targets import put_targets
from sales_desk.services.common.base import LOGGED_IN, current_actor, service
from sales_desk.services.customers.scope import user_names
from sales_desk.services.planning.plan_targets import plan_in_force
from sales_desk.services.planning.scope import check_year
from sales_desk.services.planning.sub_plan_reads import (
    COUNTED,
    parent_total,
    plan_lines,
    sales_total,
    siblings,
)

Line = tuple[str, int, int]  # (kind, rep id, amount)


def _require(actor: Actor, level: PlanLevel, approve: bool = False) -> None:
    perm = RIGHTS[level][1 if approve else 0]
    if not actor.can(perm):
        raise NotPermitted(str(perm), actor.username)


def _reason(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Reason"), _("a refusal needs a reason"))
    return text


# -- preparing -------------------------------------------------------------------------------------


def _open_plan(uow: UnitOfWork, q, level: PlanLevel, what: str) -> SubPlan | None:  # noqa: ANN001
    """The plan being prepared for the month (or product), None to start one; refused while
    one waits for approval or is approved."""
    plans = list(uow.session.scalars(q.with_for_update()))
    for p in plans:
        if p.status in (PlanStatus.DRAFT.value, PlanStatus.RETURNED.value):
            return p
    for p in plans:
        if p.status in COUNTED:
            raise ValidationError(what, _("a {level} for it is already {status}").format(
                level=level.label.lower(), status=status_label(level, p.status)))
    return None


def _write(uow: UnitOfWork, p: SubPlan, level: PlanLevel, lines: Sequence[Line], note: str) -> int:
    clean = clean_lines(level, lines)
    reps = set(uow.session.scalars(select(UserRole.user_id).where(UserRole.role == Role.SALES_REP.value)))
    if any(x.rep_id not in reps for x in clean):
        raise ValidationError(_("Sales rep"), _("targets are set for sales reps only"))
    actor = current_actor(uow)
    p.note = (note or "").strip() or p.note
    p.prepared_by_id, p.prepared_at = actor.user_id, uow.clock()
    before = sales_total(uow, [p.id])
    uow.session.execute(delete(SubPlanLine).where(SubPlanLine.sub_plan_id == p.id))
    uow.session.add_all(SubPlanLine(sub_plan_id=p.id, kind=x.kind.value, rep_id=x.rep_id, amount=x.amount)
                        for x in clean)
    uow.session.flush()
    totals = {k.value: money_str(sum(x.amount for x in clean if x.kind is k)) for k in LineKind}
    action = "plan.prepare_monthly" if level is PlanLevel.MONTHLY else "plan.prepare_product"
    uow.audit(action, "sales_sub_plan", p.id, {"sales": money_str(before)},
              {"year": p.year, "month": p.month, "product_id": p.product_id, "parent_id": p.parent_id,
               "status": p.status, "lines": len(clean), **totals})
    return p.id


def _new(uow: UnitOfWork, level: PlanLevel, year: int, month: int, parent_id: int | None = None,
         product_id: int | None = None) -> SubPlan:
    p = SubPlan(level=level.value, year=year, month=month, parent_id=parent_id, product_id=product_id,
                status=PlanStatus.DRAFT.value, note="", prepared_by_id=current_actor(uow).user_id,
                prepared_at=uow.clock(), approval_comment="", returned_reason="")
    uow.session.add(p)
    uow.session.flush()
    return p


@service(LOGGED_IN)
def prepare_monthly(uow: UnitOfWork, year: int, month: int, lines: Sequence[Line], note: str = "") -> int:
    """The sales manager's plan for a month: (kind, rep id, amount) sales and collection
    targets per rep, written into the month's open plan or a new one."""
    plan_id = prepare_monthly_in(uow, year, month, lines, note)
    uow.commit()
    return plan_id


def prepare_monthly_in(uow: UnitOfWork, year: int, month: int, lines: Sequence[Line], note: str = "") -> int:
    """prepare_monthly inside a running transaction (the demo), without committing."""
    _require(current_actor(uow), PlanLevel.MONTHLY)
    year, month = check_year(year), check_month(month)
    p = _open_plan(uow, select(SubPlan).where(SubPlan.level == PlanLevel.MONTHLY.value, SubPlan.year == year,
                                              SubPlan.month == month), PlanLevel.MONTHLY,
                   _("{year}-{month:02d}").format(year=year, month=month))
    return _write(uow, p or _new(uow, PlanLevel.MONTHLY, year, month), PlanLevel.MONTHLY, lines, note)


@service(LOGGED_IN)
def prepare_product(uow: UnitOfWork, monthly_id: int, product_id: int, lines: Sequence[Line],
                    note: str = "") -> int:
    """A supervisor's plan for one product in a monthly plan: its sales target per rep."""
    plan_id = prepare_product_in(uow, monthly_id, product_id, lines, note)
    uow.commit()
    return plan_id


def prepare_product_in(uow: UnitOfWork, monthly_id: int, product_id: int, lines: Sequence[Line],
                       note: str = "") -> int:
    _require(current_actor(uow), PlanLevel.PRODUCT)
    parent = uow.session.get(SubPlan, monthly_id)
    if parent is None or parent.level != PlanLevel.MONTHLY:
        raise NotFound(_("Monthly plan"), monthly_id)
    if parent.status == PlanStatus.SUPERSEDED.value:
        raise PlanStateError(PlanStatus.SUPERSEDED)
    product = uow.session.get(Product, product_id)
    if product is None:
        raise NotFound(_("Product"), product_id)
    p = _open_plan(uow, select(SubPlan).where(SubPlan.parent_id == parent.id, SubPlan.product_id == product.id),
                   PlanLevel.PRODUCT, f"{product.code} {product.name}")
    p = p or _new(uow, PlanLevel.PRODUCT, parent.year, parent.month, parent.id, product.id)
    return _write(uow, p, PlanLevel.PRODUCT, lines, note)


# -- the flow --------------------------------------------------------------------------------------


def _get(uow: UnitOfWork, plan_id: int) -> SubPlan:
    p = uow.session.get(SubPlan, plan_id, with_for_update=True)
    if p is None:
        raise NotFound(_("Sales plan"), plan_id)
    return p


def _check_room(uow: UnitOfWork, p: SubPlan) -> Room | None:
    """Refused when the children together would pass the parent; nothing to check against
    while a monthly plan's year has no overall plan in force (it cannot be approved yet)."""
    parent = parent_total(uow, p)
    if parent is None:
        return None
    return ensure_within(PlanLevel(p.level), parent, sales_total(uow, siblings(uow, p)), sales_total(uow, [p.id]))


@service(LOGGED_IN)
def submit_sub_plan(uow: UnitOfWork, plan_id: int) -> None:
    """Hand a prepared monthly plan to the VP, a product plan to the sales manager."""
    submit_in(uow, plan_id)
    uow.commit()


def submit_in(uow: UnitOfWork, plan_id: int) -> None:
    p = _get(uow, plan_id)
    level = PlanLevel(p.level)
    _require(current_actor(uow), level)
    ensure_editable(PlanStatus(p.status))
    if not plan_lines(uow, p.id):
        raise ValidationError(level.label, _("set at least one target first"))
    room = _check_room(uow, p)
    before = p.status
    p.status = next_status(PlanStatus(p.status), PlanAction.SUBMIT).value
    p.submitted_at = uow.clock()
    action = "plan.submit_monthly" if level is PlanLevel.MONTHLY else "plan.submit_product"
    uow.audit(action, "sales_sub_plan", p.id, {"status": before},
              {"status": p.status, "sales": money_str(sales_total(uow, [p.id])),
               "parent": money_str(room.parent) if room else None})


@service(LOGGED_IN)
def decide_sub_plan(uow: UnitOfWork, plan_id: int, approve: bool, comment: str = "") -> None:
    """The VP (monthly) or the sales manager (product) approves — only once the parent is
    approved and within its figure — or returns it with a reason; never their own."""
    decide_in(uow, plan_id, approve, comment)
    uow.commit()


def decide_in(uow: UnitOfWork, plan_id: int, approve: bool, comment: str = "") -> None:
    actor = current_actor(uow)
    p = _get(uow, plan_id)
    level = PlanLevel(p.level)
    _require(actor, level, approve=True)
    ensure_not_self_approval(p.prepared_by_id, actor.user_id, "sales_sub_plan")
    before = p.status
    if not approve:
        reason = _reason(comment)
        p.status = next_status(PlanStatus(p.status), PlanAction.REFUSE).value
        p.returned_by_id, p.returned_at, p.returned_reason = actor.user_id, uow.clock(), reason
        action = "plan.return_monthly" if level is PlanLevel.MONTHLY else "plan.return_product"
        uow.audit(action, "sales_sub_plan", p.id, {"status": before},
                  {"status": p.status, "reason": reason})
        return
    new_status = next_status(PlanStatus(p.status), PlanAction.APPROVE)  # refuses what is not submitted
    if level is PlanLevel.MONTHLY:
        overall = plan_in_force(uow, p.year)
        ensure_parent_approved(level, overall.status if overall else None)
    else:
        parent = uow.session.get(SubPlan, p.parent_id)
        ensure_parent_approved(level, parent.status if parent else None)
    room = _check_room(uow, p)
    p.status = new_status.value
    p.approved_by_id, p.approved_at, p.approval_comment = actor.user_id, uow.clock(), (comment or "").strip()
    action = "plan.approve_monthly" if level is PlanLevel.MONTHLY else "plan.approve_product"
    uow.audit(action, "sales_sub_plan", p.id, {"status": before},
              {"status": p.status, "year": p.year, "month": p.month, "comment": p.approval_comment,
               "sales": money_str(sales_total(uow, [p.id])), "parent": money_str(room.parent) if room else None})
    if level is PlanLevel.MONTHLY:
        collection = {r: a for k, r, a in plan_lines(uow, p.id) if k == LineKind.COLLECTION}
        put_targets(uow, date(p.year, p.month, 1), collection, p.id,
                    _("Monthly plan {year}-{month:02d}").format(year=p.year, month=p.month))


@dataclass(frozen=True)
class SubPlanWaiting:
    id: int
    level: str
    year: int
    month: int
    product: str
    prepared_by: str
    submitted_at: datetime | None
    total: int  # sales targets together


@service(LOGGED_IN, read_only=True)
def sub_plans_waiting(uow: UnitOfWork) -> list[SubPlanWaiting]:
    """Monthly plans for the VP, product plans for the sales manager, oldest first; never
    one the reader prepared."""
    actor = current_actor(uow)
    levels = [lv.value for lv in (PlanLevel.MONTHLY, PlanLevel.PRODUCT) if actor.can(RIGHTS[lv][1])]
    if not levels:
        return []
    plans = list(uow.session.scalars(select(SubPlan).where(
        SubPlan.status == PlanStatus.SUBMITTED.value, SubPlan.level.in_(levels),
        SubPlan.prepared_by_id != actor.user_id).order_by(SubPlan.submitted_at, SubPlan.id)))
    names = user_names(uow, [p.prepared_by_id for p in plans])
    products = dict(uow.session.execute(select(Product.id, Product.code).where(
        Product.id.in_([p.product_id for p in plans if p.product_id]))).tuples().all())
    return [SubPlanWaiting(p.id, p.level, p.year, p.month, products.get(p.product_id or 0, ""),
                           names.get(p.prepared_by_id, ""), p.submitted_at, sales_total(uow, [p.id]))
            for p in plans]
