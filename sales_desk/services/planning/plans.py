"""Sales plans and targets [销售计划] (rules: domain/planning/plans.py): the sales manager prepares a
year's targets per month for each rep, product and region (plan.prepare) and submits
them; the general manager approves or returns them (plan.approve), never a plan they
prepared. A change after approval is a revision; the approved version stays in force
until the revision is approved.

Progress is what was sold in the period (services/orders/sales_totals.py: shipped less
returned, at the order's prices) against the plan in force. A sales rep reads only
their own targets and figures; the rest of the sales side and the GM read all.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import delete, func, select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.collections.liability import month_end
from sales_desk.domain.common.approvals import ensure_not_self_approval
from sales_desk.domain.common.errors import NotFound, NotPermitted, ValidationError
from sales_desk.domain.common.money import money_str
from sales_desk.domain.common.roles import Actor, Perm, Role
from sales_desk.domain.customers.files import REGIONS, choice_label, sees_all_customers
from sales_desk.domain.planning.plans import (
    MONTHS,
    Dimension,
    PlanAction,
    PlanStatus,
    clean_targets,
    ensure_editable,
    may_revise,
    next_status,
    prepare_action,
    progress_percent,
    reads_plans,
)
from sales_desk.domain.planning.warnings import (
    Level,
    expected_in_year,
    expected_to_date,
    level_against,
)
from sales_desk.i18n import _
from sales_desk.models import Product, SalesPlan, SalesPlanTarget, User, UserRole
from sales_desk.services.common.base import LOGGED_IN, current_actor, service
from sales_desk.services.customers.scope import business_today, user_names
from sales_desk.services.orders.sales_totals import (
    sold_by_customer_field,
    sold_by_product,
    sold_by_rep,
)

YEARS = range(2000, 2101)
Target = tuple[str, str, int, int]  # (dimension, key, month, amount)


def check_year(year: int) -> int:
    if isinstance(year, bool) or not isinstance(year, int) or year not in YEARS:
        raise ValidationError(_("Year"), _("not a valid value"))
    return year


def require_reader(uow: UnitOfWork) -> Actor:
    """The sales side and the GM read plans (domain.plans.PLAN_READERS)."""
    actor = current_actor(uow)
    if not reads_plans(actor.roles):
        raise NotPermitted("plan.view", actor.username)
    return actor


def own_rep_only(actor: Actor) -> int | None:
    """A sales rep's own user id: they read their own targets and figures only."""
    return None if sees_all_customers(actor.roles) else actor.user_id


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

    def total(self, dimension: Dimension | str) -> int:
        return sum(t.total for t in self.targets if t.dimension == dimension)


def _labels(uow: UnitOfWork, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str]:
    keys = set(keys)
    reps = [int(k) for d, k in keys if d == Dimension.REP and k.isdigit()]
    products = [int(k) for d, k in keys if d == Dimension.PRODUCT and k.isdigit()]
    out: dict[tuple[str, str], str] = {}
    for uid, name in user_names(uow, reps).items():
        out[(Dimension.REP.value, str(uid))] = name
    if products:
        for pid, code, name in uow.session.execute(
                select(Product.id, Product.code, Product.name).where(Product.id.in_(products))):
            out[(Dimension.PRODUCT.value, str(pid))] = f"{code} {name}"
    for d, k in keys:
        if d == Dimension.REGION:
            out[(d, k)] = choice_label("region", k) if k else _("No region")
    return out


def _order(dimension: str, label: str) -> tuple[int, str]:
    return [d.value for d in Dimension].index(dimension), label


def _view(uow: UnitOfWork, p: SalesPlan, rep_only: int | None) -> PlanView:
    q = select(SalesPlanTarget.dimension, SalesPlanTarget.key, SalesPlanTarget.month,
               SalesPlanTarget.amount).where(SalesPlanTarget.plan_id == p.id)
    if rep_only is not None:
        q = q.where(SalesPlanTarget.dimension == Dimension.REP.value, SalesPlanTarget.key == str(rep_only))
    months: dict[tuple[str, str], list[int]] = {}
    for dim, key, month, amount in uow.session.execute(q):
        months.setdefault((dim, key), [0] * 12)[month - 1] = int(amount)
    labels = _labels(uow, months)
    targets = sorted((TargetRow(d, k, labels.get((d, k), k), tuple(m)) for (d, k), m in months.items()),
                     key=lambda t: _order(t.dimension, t.label))
    names = user_names(uow, [p.prepared_by_id, p.approved_by_id, p.returned_by_id])
    return PlanView(p.id, p.year, p.revision, p.status, p.note, p.revision_reason, p.prepared_by_id,
                    names.get(p.prepared_by_id, ""), p.prepared_at, p.submitted_at,
                    names.get(p.approved_by_id or 0, ""), p.approved_at, p.approval_comment,
                    names.get(p.returned_by_id or 0, ""), p.returned_at, p.returned_reason, tuple(targets))


@service(LOGGED_IN)
def plan_versions(uow: UnitOfWork, year: int) -> list[PlanView]:
    """Every version of the year's plan, newest first (a rep: their own targets in each)."""
    actor = require_reader(uow)
    plans = uow.session.scalars(select(SalesPlan).where(SalesPlan.year == check_year(year))
                                .order_by(SalesPlan.revision.desc()))
    return [_view(uow, p, own_rep_only(actor)) for p in plans]


@service(LOGGED_IN)
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


@service(Perm.PLAN_PREPARE)
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
def prepare_plan(uow: UnitOfWork, year: int, targets: Sequence[Target], note: str = "") -> int:
    """Write the year's targets (dimension, key, month, amount) into its open version, or
    start the first one; an approved plan changes only by `revise_plan`."""
    plan_id = prepare(uow, year, targets, note)
    uow.commit()
    return plan_id


def prepare(uow: UnitOfWork, year: int, targets: Sequence[Target], note: str = "") -> int:
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


@service(Perm.PLAN_APPROVE)
def plans_waiting(uow: UnitOfWork) -> list[PlanWaiting]:
    """Plans submitted to the GM, oldest first; never one they prepared."""
    actor = current_actor(uow)
    plans = list(uow.session.scalars(select(SalesPlan).where(
        SalesPlan.status == PlanStatus.SUBMITTED.value, SalesPlan.prepared_by_id != actor.user_id)
        .order_by(SalesPlan.submitted_at, SalesPlan.id)))
    names = user_names(uow, [p.prepared_by_id for p in plans])
    return [PlanWaiting(p.id, p.year, p.revision, names.get(p.prepared_by_id, ""), p.submitted_at,
                        _total(uow, p.id)) for p in plans]


# -- progress --------------------------------------------------------------------------------------


def period(year: int, month: int | None) -> tuple[date, date]:
    if month is None:
        return date(year, 1, 1), date(year, 12, 31)
    if month not in MONTHS:
        raise ValidationError(_("Month"), _("1 to 12"))
    return date(year, month, 1), month_end(date(year, month, 1))


def plan_in_force(uow: UnitOfWork, year: int) -> SalesPlan | None:
    return uow.session.scalar(select(SalesPlan).where(
        SalesPlan.year == year, SalesPlan.status == PlanStatus.APPROVED.value).limit(1))


def targets_by_month(uow: UnitOfWork, plan_id: int | None, dimension: Dimension,
                     rep_only: int | None = None) -> dict[str, list[int]]:
    """Key → its twelve monthly targets in the plan."""
    if plan_id is None:
        return {}
    t = SalesPlanTarget
    q = select(t.key, t.month, t.amount).where(t.plan_id == plan_id, t.dimension == dimension.value)
    if rep_only is not None:
        q = q.where(t.key == str(rep_only))
    out: dict[str, list[int]] = {}
    for key, month, amount in uow.session.execute(q):
        out.setdefault(key, [0] * 12)[month - 1] = int(amount)
    return out


def sold(uow: UnitOfWork, dimension: Dimension, start: date, end: date, rep_only: int | None) -> dict[str, int]:
    if dimension is Dimension.REP:
        return {str(k): v for k, v in sold_by_rep(uow, start, end, rep_only).items() if k is not None}
    if dimension is Dimension.PRODUCT:
        return {str(k): v for k, v in sold_by_product(uow, start, end, rep_only).items()}
    return sold_by_customer_field(uow, "region", start, end, rep_only)


@dataclass(frozen=True)
class ProgressRow:
    dimension: str
    key: str
    label: str
    target: int
    actual: int
    expected: int  # the target pro rata to the days gone
    percent: Decimal | None
    level: Level


@dataclass(frozen=True)
class PlanProgress:
    year: int
    month: int | None  # None: the whole year
    as_of: date
    plan_id: int | None  # the approved version in force, if any
    revision: int | None
    rows: tuple[ProgressRow, ...]  # by dimension; a rep reads only their own row

    def of(self, dimension: Dimension | str) -> tuple[ProgressRow, ...]:
        return tuple(r for r in self.rows if r.dimension == dimension)

    def total(self, dimension: Dimension | str = Dimension.REP) -> ProgressRow | None:
        rows = self.of(dimension)
        if not rows:
            return None
        target, actual, expected = (sum(r.target for r in rows), sum(r.actual for r in rows),
                                    sum(r.expected for r in rows))
        return ProgressRow(str(dimension), "", "", target, actual, expected, progress_percent(actual, target),
                           level_against(expected, actual) if target > 0 else Level.OK)


def _expected(months: list[int], year: int, month: int | None, today: date) -> tuple[int, int]:
    """(the period's target, what of it is due by today): a month pro rata; the year month
    by month, so a plan's seasons count (domain.warnings.expected_in_year)."""
    if month is not None:
        start, end = period(year, month)
        return months[month - 1], expected_to_date(months[month - 1], start, end, today)
    return sum(months), expected_in_year(months, year, today)


def build_progress(uow: UnitOfWork, actor: Actor, year: int, month: int | None = None,
                   dimensions: Sequence[Dimension] = tuple(Dimension)) -> PlanProgress:
    """Inside another service's transaction, after the permission check."""
    today = business_today(uow)
    start, end = period(year, month)
    plan = plan_in_force(uow, year)
    rep_only = own_rep_only(actor)
    if rep_only is not None:
        dimensions = [Dimension.REP]
    found: list[tuple[str, str, list[int], int]] = []
    for dim in dimensions:
        targets = targets_by_month(uow, plan.id if plan else None, dim, rep_only)
        actual = sold(uow, dim, start, end, rep_only)
        keys = set(targets) | {k for k, v in actual.items() if v}
        if rep_only is not None:
            keys = {str(rep_only)}
        found += [(dim.value, k, targets.get(k, [0] * 12), actual.get(k, 0)) for k in keys]
    labels = _labels(uow, [(d, k) for d, k, _t, _a in found])
    rows = []
    for d, k, months, a in found:
        t, expected = _expected(months, year, month, today)
        rows.append(ProgressRow(d, k, labels.get((d, k), k), t, a, expected, progress_percent(a, t),
                                level_against(expected, a) if t > 0 else Level.OK))
    rows.sort(key=lambda r: (_order(r.dimension, "")[0], -r.target, -r.actual, r.label))
    return PlanProgress(year, month, today, plan.id if plan else None, plan.revision if plan else None, tuple(rows))


@service(LOGGED_IN)
def plan_progress(uow: UnitOfWork, year: int, month: int | None = None) -> PlanProgress:
    """What was sold against the plan in force, per rep, product and region, for the year
    or one month; a rep reads their own row only."""
    actor = require_reader(uow)
    return build_progress(uow, actor, check_year(year), month)
