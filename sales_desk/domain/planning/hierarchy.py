"""The plan's levels [销售计划的层级] (seed 001 销售副总 职责2: 确定销售目标及制定整体销售计划;
销售部经理 职责1: 合理制定月度销售计划; 销售主管 职责2: 根据月度销售计划与目标，分解制定所负责产品的
销售计划和目标; 回款 第11条: 回款目标纳入公司的销售计划，经营销总监审批后实施):

- the overall plan: the year's targets (domain/planning/plans.py), prepared by the sales VP
  (plan.prepare), approved by the general manager (plan.approve);
- a monthly plan under it: the month's sales target and collection target [回款目标] per rep,
  prepared by the sales manager (plan.prepare_monthly), approved by the sales VP
  (plan.approve_monthly);
- a product plan under a monthly plan: one product's target for the month, broken down
  per rep, prepared by a sales supervisor (plan.prepare_product), approved by the sales
  manager (plan.approve_product).

Nobody approves a plan they prepared; a refusal returns it with a reason. A child plan
is approved only once its parent is: the overall plan in force for the month's year, the
monthly plan for a product plan. The children's totals are checked against the parent:
every screen shows the parent's figure, what the children take and the room left; a
child whose total would take the children past the parent is refused when it is
submitted and again when it is approved (its siblings may have been approved meanwhile).
A monthly plan is measured against the overall plan's targets for that month (its reps'
targets together); product plans against their monthly plan's sales targets together.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from sales_desk.domain.common.errors import DomainError, ValidationError
from sales_desk.domain.common.money import money_str
from sales_desk.domain.common.roles import Perm
from sales_desk.domain.planning.plans import PlanStatus
from sales_desk.i18n import N_, _


class PlanLevel(StrEnum):
    OVERALL = "overall"  # 整体销售计划 (the year's plan)
    MONTHLY = "monthly"  # 月度销售计划
    PRODUCT = "product"  # 产品销售计划

    @property
    def label(self) -> str:
        return _(LEVEL_LABELS[self])


LEVEL_LABELS = {PlanLevel.OVERALL: N_("Overall plan"), PlanLevel.MONTHLY: N_("Monthly plan"),
                PlanLevel.PRODUCT: N_("Product plan")}

# (prepare, approve) per level
RIGHTS: dict[PlanLevel, tuple[Perm, Perm]] = {
    PlanLevel.OVERALL: (Perm.PLAN_PREPARE, Perm.PLAN_APPROVE),
    PlanLevel.MONTHLY: (Perm.PLAN_PREPARE_MONTHLY, Perm.PLAN_APPROVE_MONTHLY),
    PlanLevel.PRODUCT: (Perm.PLAN_PREPARE_PRODUCT, Perm.PLAN_APPROVE_PRODUCT),
}

_AWAITING = {PlanLevel.OVERALL: N_("Awaiting GM approval"), PlanLevel.MONTHLY: N_("Awaiting VP approval"),
             PlanLevel.PRODUCT: N_("Awaiting sales manager approval")}


def status_label(level: PlanLevel | str, status: PlanStatus | str) -> str:
    """A status in the words of the level: who a submitted plan waits for."""
    status = PlanStatus(status)
    if status is PlanStatus.SUBMITTED:
        return _(_AWAITING[PlanLevel(level)])
    return status.label


class LineKind(StrEnum):
    SALES = "sales"  # 销售目标
    COLLECTION = "collection"  # 回款目标 (monthly plans only)

    @property
    def label(self) -> str:
        return _(LINE_LABELS[self])


LINE_LABELS = {LineKind.SALES: N_("Sales target"), LineKind.COLLECTION: N_("Collection target")}
LEVEL_LINES = {PlanLevel.MONTHLY: (LineKind.SALES, LineKind.COLLECTION), PlanLevel.PRODUCT: (LineKind.SALES,)}


@dataclass(frozen=True)
class PlanLine:
    kind: LineKind
    rep_id: int
    amount: int  # minor units


def clean_lines(level: PlanLevel, lines: Iterable[tuple[str, int, int]]) -> list[PlanLine]:
    """(kind, rep id, amount) rows checked: a kind the level has, whole amounts of 0 or
    more, each (kind, rep) once; zero rows dropped."""
    out: dict[tuple[LineKind, int], PlanLine] = {}
    for kind, rep_id, amount in lines:
        try:
            k = LineKind(kind)
        except ValueError:
            raise ValidationError(_("Target"), _("not a valid value")) from None
        if k not in LEVEL_LINES[level]:
            raise ValidationError(k.label, _("not part of a {level}").format(level=level.label.lower()))
        if isinstance(amount, bool) or not isinstance(amount, int) or amount < 0:
            raise ValidationError(k.label, _("a whole amount, 0 or more"))
        if (k, rep_id) in out:
            raise ValidationError(k.label, _("given twice for the same rep"))
        out[(k, rep_id)] = PlanLine(k, rep_id, amount)
    return [line for line in out.values() if line.amount]


class ParentNotApproved(DomainError):
    """A child plan approved before its parent: the parent's targets are not yet in force."""

    def __init__(self, level: PlanLevel, parent: PlanLevel):
        self.level, self.parent = level, parent
        super().__init__(_("The {child} cannot be approved before its {parent} is approved "
                           "(销售计划: the plan is broken down from the approved plan above it).")
                         .format(child=level.label.lower(), parent=parent.label.lower()))


def ensure_parent_approved(level: PlanLevel, parent_status: PlanStatus | str | None) -> None:
    parent = PlanLevel.OVERALL if level is PlanLevel.MONTHLY else PlanLevel.MONTHLY
    if parent_status is None or PlanStatus(parent_status) is not PlanStatus.APPROVED:
        raise ParentNotApproved(level, parent)


@dataclass(frozen=True)
class Room:
    """The parent's figure, what its children take together and what is left."""

    parent: int
    children: int

    @property
    def left(self) -> int:
        return self.parent - self.children

    @property
    def over(self) -> bool:
        return self.children > self.parent


class OverParent(DomainError):
    def __init__(self, level: PlanLevel, room: Room):
        self.level, self.room = level, room
        super().__init__(_("The {level}s would take {children} against {parent} in the plan above them, "
                           "{over} too much: lower the targets or revise the plan above first.")
                         .format(level=level.label.lower(), children=money_str(room.children),
                                 parent=money_str(room.parent), over=money_str(-room.left)))


def ensure_within(level: PlanLevel, parent_total: int, others: int, own: int) -> Room:
    """The children together (the other children plus this one) within the parent's figure:
    equal to it is in order, a fen over is refused."""
    room = Room(parent_total, others + own)
    if room.over:
        raise OverParent(level, room)
    return room
