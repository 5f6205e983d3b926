"""Sales plans and targets [销售计划] (rules: domain/planning/plans.py): the sales manager prepares a
year's targets per month for each rep, product and region (plan.prepare) and submits
them; the general manager approves or returns them (plan.approve), never a plan they
prepared. A change after approval is a revision; the approved version stays in force
until the revision is approved.

Here live the plan's versions: read (a rep: their own targets in each, scope.py) and
moved through that flow. Progress against the plan in force is progress.py's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.common.approvals import ensure_not_self_approval
from sales_desk.domain.common.errors import NotFound, ValidationError
from sales_desk.domain.common.money import money_str
from sales_desk.domain.common.roles import Perm, Role
from sales_desk.domain.customers.files import REGIONS
from sales_desk.domain.planning.plans import (
    Dimension,
    PlanAction,
    PlanStatus,
    clean_targets,
    ensure_editable,
    may_revise,
    next_status,
    prepare_action,
)
from sales_desk.i18n import _
from sales_desk.models import Product, SalesPlan, SalesPlanTarget, User, UserRole
from sales_desk.services.common.base import LOGGED_IN, current_actor, service
from sales_desk.services.common.versions import PREPARED_FIELDS, ensure_current
from sales_desk.services.customers.scope import user_names
from sales_desk.services.planning.plan_targets import target_labels, target_order
from sales_desk.services.planning.scope import check_year, own_rep_only, require_reader

Target = tuple[str, str, int, int]  # (dimension, key, month, amount)


def _require_reason(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Reason"), _("a refusal needs a reason"))
    return text


# -- reads -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TargetRow:
    dimension: str  # Dimension
    key: str
    label: str  # the rep's name, the product's code and name, the region's name
    months: tuple[int, ...]  # 12 monthly targets, minor units

    @property
    def total(self) -> int:
        return sum(self.months)


@dataclass(frozen=True)
class PlanView:
    id: int
    year: int
    revision: int
    status: str  # PlanStatus
    note: str
    revision_reason: str
    prepared_by_id: int
    prepared_by: str
    prepared_at: datetime
    submitted_at: datetime | None
    approved_by: str
    approved_at: datetime | None
    approval_comment: str
    returned_by: str
    returned_at: datetime | None
    returned_reason: str
    targets: tuple[TargetRow, ...]  # by dimension, then label
    version: int = 1  # the record's version: a save names it (domain/common/versions.py)
    target_method: str = ""  # the method its year's target was worked out by (费用 第5条2), if any
    target_figure: int | None = None
    target_workings: str = ""

    def total(self, dimension: Dimension | str) -> int:
        return sum(t.total for t in self.targets if t.dimension == dimension)


def _view(uow: UnitOfWork, p: SalesPlan, rep_only: int | None) -> PlanView:
    q = select(SalesPlanTarget.dimension, SalesPlanTarget.key, SalesPlanTarget.month,
               SalesPlanTarget.amount).where(SalesPlanTarget.plan_id == p.id)
    if rep_only is not None:
        q = q.where(SalesPlanTarget.dimension == Dimension.REP.value, SalesPlanTarget.key == str(rep_only))
    months: dict[tuple[str, str], list[int]] = {}
    for dim, key, month, amount in uow.session.execute(q):
        months.setdefault((dim, key), [0] * 12)[month - 1] = int(amount)
    labels = target_labels(uow, months)
    targets = sorted((TargetRow(d, k, labels.get((d, k), k), tuple(m)) for (d, k), m in months.items()),
                     key=lambda t: target_order(t.dimension, t.label))
    names = user_names(uow, [p.prepared_by_id, p.approved_by_id, p.returned_by_id])
    return PlanView(p.id, p.year, p.revision, p.status, p.note, p.revision_reason, p.prepared_by_id,
                    names.get(p.prepared_by_id, ""), p.prepared_at, p.submitted_at,
                    names.get(p.approved_by_id or 0, ""), p.approved_at, p.approval_comment,
                    names.get(p.returned_by_id or 0, ""), p.returned_at, p.returned_reason, tuple(targets),
                    p.version, p.target_method, p.target_figure, p.target_workings)


@service(LOGGED_IN, read_only=True)
def plan_versions(uow: UnitOfWork, year: int) -> list[PlanView]:
    """Every version of the year's plan, newest first (a rep: their own targets in each)."""
    actor = require_reader(uow)
    plans = uow.session.scalars(select(SalesPlan).where(SalesPlan.year == check_year(year))
                                .order_by(SalesPlan.revision.desc()))
    return [_view(uow, p, own_rep_only(actor)) for p in plans]


@service(LOGGED_IN, read_only=True)
def get_plan(uow: UnitOfWork, plan_id: int) -> PlanView:
    actor = require_reader(uow)
    p = uow.session.get(SalesPlan, plan_id)
    if p is None:
        raise NotFound(_("Sales plan"), plan_id)
    return _view(uow, p, own_rep_only(actor))


@dataclass(frozen=True)
class Choice:
    key: str
    label: str


@dataclass(frozen=True)
class PlanChoices:
    reps: tuple[Choice, ...]
    products: tuple[Choice, ...]
    regions: tuple[Choice, ...]


@service(Perm.PLAN_PREPARE, read_only=True)
def plan_choices(uow: UnitOfWork) -> PlanChoices:
    """Whom and what targets are set for: active reps, active products, the regions."""
    reps = uow.session.execute(
        select(User.id, User.full_name, User.username).join(UserRole, UserRole.user_id == User.id)
        .where(UserRole.role == Role.SALES_REP.value, User.active.is_(True))
        .order_by(User.full_name, User.username))
    products = uow.session.execute(select(Product.id, Product.code, Product.name)
                                   .where(Product.active.is_(True)).order_by(Product.code))
    return PlanChoices(tuple(Choice(str(r.id), r.full_name or r.username) for r in reps),
                       tuple(Choice(str(p.id), f"{p.code} {p.name}") for p in products),
                       tuple(Choice(c.code, _(c.label)) for c in REGIONS))


# -- the flow --------------------------------------------------------------------------------------


def _get(uow: UnitOfWork, plan_id: int) -> SalesPlan:
    p = uow.session.get(SalesPlan, plan_id, with_for_update=True)
    if p is None:
        raise NotFound(_("Sales plan"), plan_id)
    return p


def _statuses(uow: UnitOfWork, year: int) -> list[PlanStatus]:
    return [PlanStatus(s) for s in uow.session.scalars(select(SalesPlan.status).where(SalesPlan.year == year))]


def _total(uow: UnitOfWork, plan_id: int, dimension: Dimension = Dimension.REP) -> int:
    return int(uow.session.scalar(select(func.coalesce(func.sum(SalesPlanTarget.amount), 0)).where(
        SalesPlanTarget.plan_id == plan_id, SalesPlanTarget.dimension == dimension.value)) or 0)


@service(Perm.PLAN_PREPARE)
def prepare_plan(uow: UnitOfWork, year: int, targets: Sequence[Target], note: str = "",
                 version: int | None = None) -> int:
    """Write the year's targets (dimension, key, month, amount) into its open version, or
    start the first one; an approved plan changes only by `revise_plan`.
    `version`: the open version's as the form loaded it (0: the form saw none open); a
    newer one refuses the save (domain/common/versions.py)."""
    plan_id = prepare(uow, year, targets, note, version)
    uow.commit()
    return plan_id


def prepare(uow: UnitOfWork, year: int, targets: Sequence[Target], note: str = "",
            version: int | None = None) -> int:
    """prepare_plan inside a running transaction (the demo), without committing."""
    actor = current_actor(uow)
    year = check_year(year)
    lines = clean_targets(targets)
    if prepare_action(year, _statuses(uow, year)) == "new":
        plan = SalesPlan(year=year, revision=1, status=PlanStatus.DRAFT.value, note=note.strip(),
                         prepared_by_id=actor.user_id, prepared_at=uow.clock())
        uow.session.add(plan)
        uow.session.flush()
    else:
        plan = uow.session.scalars(select(SalesPlan).where(
            SalesPlan.year == year, SalesPlan.status.in_([PlanStatus.DRAFT.value, PlanStatus.RETURNED.value]))
        ).one()
        ensure_editable(PlanStatus(plan.status))
        ensure_current(uow, "sales_plan", plan.id, _("Sales plan"), f"{year} r{plan.revision}",
                       version, plan.version, PREPARED_FIELDS, only_labelled=True)
        plan.note = note.strip() or plan.note
        plan.prepared_by_id, plan.prepared_at = actor.user_id, uow.clock()
    before = _total(uow, plan.id)
    uow.session.execute(delete(SalesPlanTarget).where(SalesPlanTarget.plan_id == plan.id))
    uow.session.add_all(SalesPlanTarget(plan_id=plan.id, dimension=t.dimension.value, key=t.key, month=t.month,
                                        amount=t.amount) for t in lines)
    uow.session.flush()
    uow.audit("plan.prepare", "sales_plan", plan.id, {"total": money_str(before)},
              {"year": year, "revision": plan.revision, "status": plan.status, "targets": len(lines),
               **{f"total_{d.value}": money_str(_total(uow, plan.id, d)) for d in Dimension}})
    return plan.id


@service(Perm.PLAN_PREPARE)
def submit_plan(uow: UnitOfWork, plan_id: int) -> None:
    """Hand the prepared version to the general manager."""
    submit(uow, plan_id)
    uow.commit()


def submit(uow: UnitOfWork, plan_id: int) -> None:
    p = _get(uow, plan_id)
    if not any(_total(uow, p.id, d) for d in Dimension):
        raise ValidationError(_("Sales plan"), _("set at least one target first"))
    before = p.status
    p.status = next_status(PlanStatus(p.status), PlanAction.SUBMIT).value
    p.submitted_at = uow.clock()
    uow.audit("plan.submit", "sales_plan", p.id, {"status": before},
              {"status": p.status, "total": money_str(_total(uow, p.id))})


@service(Perm.PLAN_APPROVE)
def decide_plan(uow: UnitOfWork, plan_id: int, approve: bool, comment: str = "") -> None:
    """The general manager approves (the version it revises is superseded) or returns it
    with a reason; never a plan they prepared."""
    decide(uow, plan_id, approve, comment)
    uow.commit()


def decide(uow: UnitOfWork, plan_id: int, approve: bool, comment: str = "") -> None:
    actor = current_actor(uow)
    p = _get(uow, plan_id)
    ensure_not_self_approval(p.prepared_by_id, actor.user_id, "sales_plan")
    before = p.status
    if not approve:
        reason = _require_reason(comment)
        p.status = next_status(PlanStatus(p.status), PlanAction.REFUSE).value
        p.returned_by_id, p.returned_at, p.returned_reason = actor.user_id, uow.clock(), reason
        uow.audit("plan.return", "sales_plan", p.id, {"status": before}, {"status": p.status, "reason": reason})
        return
    p.status = next_status(PlanStatus(p.status), PlanAction.APPROVE).value
    p.approved_by_id, p.approved_at, p.approval_comment = actor.user_id, uow.clock(), (comment or "").strip()
    superseded = list(uow.session.scalars(select(SalesPlan).where(
        SalesPlan.year == p.year, SalesPlan.id != p.id, SalesPlan.status == PlanStatus.APPROVED.value)))
    for old in superseded:
        old.status = PlanStatus.SUPERSEDED.value
    uow.audit("plan.approve", "sales_plan", p.id, {"status": before},
              {"status": p.status, "year": p.year, "revision": p.revision, "comment": p.approval_comment,
               "total": money_str(_total(uow, p.id)), "supersedes": [o.revision for o in superseded]})


@service(Perm.PLAN_PREPARE)
def revise_plan(uow: UnitOfWork, year: int, reason: str) -> int:
    """Start a revision of the approved plan: a copy of its targets to change and approve."""
    plan_id = revise(uow, year, reason)
    uow.commit()
    return plan_id


def revise(uow: UnitOfWork, year: int, reason: str) -> int:
    actor = current_actor(uow)
    year = check_year(year)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Reason"), _("say why the plan is revised"))
    may_revise(year, _statuses(uow, year))
    current = uow.session.scalars(select(SalesPlan).where(
        SalesPlan.year == year, SalesPlan.status == PlanStatus.APPROVED.value)).one()
    last = uow.session.scalar(select(func.max(SalesPlan.revision)).where(SalesPlan.year == year))
    new = SalesPlan(year=year, revision=(last or 0) + 1, status=PlanStatus.DRAFT.value, note=current.note,
                    revision_reason=reason, prepared_by_id=actor.user_id, prepared_at=uow.clock())
    uow.session.add(new)
    uow.session.flush()
    t = SalesPlanTarget
    rows = uow.session.execute(select(t.dimension, t.key, t.month, t.amount).where(t.plan_id == current.id))
    uow.session.add_all(SalesPlanTarget(plan_id=new.id, dimension=r.dimension, key=r.key, month=r.month,
                                        amount=r.amount) for r in rows)
    uow.session.flush()
    uow.audit("plan.revise", "sales_plan", new.id, None,
              {"year": year, "revision": new.revision, "revises": current.revision, "reason": reason})
    return new.id


@dataclass(frozen=True)
class PlanWaiting:
    id: int
    year: int
    revision: int
    prepared_by: str
    submitted_at: datetime | None
    total: int  # the reps' targets together


@service(Perm.PLAN_APPROVE, read_only=True)
def plans_waiting(uow: UnitOfWork) -> list[PlanWaiting]:
    """Plans submitted to the GM, oldest first; never one they prepared."""
    actor = current_actor(uow)
    plans = list(uow.session.scalars(select(SalesPlan).where(
        SalesPlan.status == PlanStatus.SUBMITTED.value, SalesPlan.prepared_by_id != actor.user_id)
        .order_by(SalesPlan.submitted_at, SalesPlan.id)))
    names = user_names(uow, [p.prepared_by_id for p in plans])
    return [PlanWaiting(p.id, p.year, p.revision, names.get(p.prepared_by_id, ""), p.submitted_at,
                        _total(uow, p.id)) for p in plans]
