"""Sales plans and targets [销售计划] (seed 003 1.2.4: 销售计划必须要做到具体和量化，要能够明确
定出每一个地区或者每一个销售人员需要完成的销售指标; SPEC §1: the sales manager drafts
the plan, the general manager approves it and never drafts it).

- A plan is per year, with a target per month for each rep, product and region; the
  annual target is the sum of the months.
- The sales manager prepares it (plan.prepare) and submits it; the general manager
  approves it (plan.approve) or returns it with a reason; nobody approves a plan they
  prepared. Only an approved plan is in force.
- A change after approval is a revision that goes the same way; the approved version
  stays in force until the revision is approved.
- Progress is what was shipped (less what came back) in the period, at the order's
  prices: by the order's rep, the product, and the customer's region.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from sales_desk.domain.common.errors import DomainError, ValidationError
from sales_desk.domain.common.money import share_percent
from sales_desk.domain.common.roles import Role
from sales_desk.i18n import N_, _

MONTHS = range(1, 13)


class PlanStatus(StrEnum):
    DRAFT = "draft"  # being prepared by the sales manager
    SUBMITTED = "submitted"  # with the general manager
    APPROVED = "approved"  # in force
    RETURNED = "returned"  # refused with a reason; editable again
    SUPERSEDED = "superseded"  # an approved version replaced by an approved revision

    @property
    def label(self) -> str:
        return _(PLAN_STATUS_LABELS[self][0])


PLAN_STATUS_LABELS = {
    PlanStatus.DRAFT: (N_("Draft"), "编制中"),
    PlanStatus.SUBMITTED: (N_("Awaiting GM approval"), "待总经理审批"),
    PlanStatus.APPROVED: (N_("Approved"), "已批准"),
    PlanStatus.RETURNED: (N_("Returned"), "已退回"),
    PlanStatus.SUPERSEDED: (N_("Superseded"), "已被修订"),
}
OPEN = (PlanStatus.DRAFT, PlanStatus.RETURNED)  # the preparer may change the targets
IN_PROGRESS = (PlanStatus.DRAFT, PlanStatus.RETURNED, PlanStatus.SUBMITTED)


class PlanAction(StrEnum):
    SUBMIT = "submit"
    APPROVE = "approve"
    REFUSE = "refuse"


_TRANSITIONS = {
    (PlanStatus.DRAFT, PlanAction.SUBMIT): PlanStatus.SUBMITTED,
    (PlanStatus.RETURNED, PlanAction.SUBMIT): PlanStatus.SUBMITTED,
    (PlanStatus.SUBMITTED, PlanAction.APPROVE): PlanStatus.APPROVED,
    (PlanStatus.SUBMITTED, PlanAction.REFUSE): PlanStatus.RETURNED,
}


class PlanStateError(DomainError):
    def __init__(self, status: PlanStatus):
        self.status = status
        super().__init__(_("The sales plan is “{status}”; that cannot be done now.").format(status=status.label))


def next_status(current: PlanStatus, action: PlanAction) -> PlanStatus:
    """draft → submitted → approved (GM); a refusal returns it to the preparer."""
    try:
        return _TRANSITIONS[(current, action)]
    except KeyError:
        raise PlanStateError(current) from None


def check_month(month: int) -> int:
    if isinstance(month, bool) or month not in MONTHS:
        raise ValidationError(_("Month"), _("1 to 12"))
    return month


def ensure_editable(status: PlanStatus) -> None:
    if status not in OPEN:
        raise PlanStateError(status)


class PlanRevisionNeeded(DomainError):
    def __init__(self, year: int):
        self.year = year
        super().__init__(_("The {year} sales plan is approved: a change is a revision, approved again.")
                         .format(year=year))


class PlanInProgress(DomainError):
    def __init__(self, year: int):
        self.year = year
        super().__init__(_("A version of the {year} sales plan is already being prepared or approved.")
                         .format(year=year))


def prepare_action(year: int, statuses: Iterable[PlanStatus]) -> str:
    """What preparing the plan of `year` means given its versions: "edit" the open one,
    "new" a first version, or a refusal (one awaits approval, or a revision is needed)."""
    statuses = list(statuses)
    if any(s in OPEN for s in statuses):
        return "edit"
    if PlanStatus.SUBMITTED in statuses:
        raise PlanInProgress(year)
    if PlanStatus.APPROVED in statuses:
        raise PlanRevisionNeeded(year)
    return "new"


def may_revise(year: int, statuses: Iterable[PlanStatus]) -> None:
    statuses = list(statuses)
    if any(s in IN_PROGRESS for s in statuses):
        raise PlanInProgress(year)
    if PlanStatus.APPROVED not in statuses:
        raise PlanStateError(PlanStatus.DRAFT)


# -- targets ---------------------------------------------------------------------------------------


class Dimension(StrEnum):
    REP = "rep"  # key: the rep's user id
    PRODUCT = "product"  # key: the product's id
    REGION = "region"  # key: the region's code (domain.customers.REGIONS)

    @property
    def label(self) -> str:
        return _(DIMENSION_LABELS[self])


DIMENSION_LABELS = {Dimension.REP: N_("By rep"), Dimension.PRODUCT: N_("By product"),
                    Dimension.REGION: N_("By region")}


@dataclass(frozen=True)
class TargetLine:
    dimension: Dimension
    key: str
    month: int
    amount: int  # minor units


def clean_targets(lines: Iterable[tuple[str, str, int, int]]) -> list[TargetLine]:
    """(dimension, key, month, amount) rows checked: a known dimension, a key, months 1–12,
    whole amounts of 0 or more, each (dimension, key, month) once; zero rows dropped."""
    out: dict[tuple[Dimension, str, int], TargetLine] = {}
    for dimension, key, month, amount in lines:
        try:
            dim = Dimension(dimension)
        except ValueError:
            raise ValidationError(_("Target"), _("not a valid value")) from None
        key = str(key).strip()
        if not key:
            raise ValidationError(dim.label, _("a target needs whom or what it is for"))
        if isinstance(month, bool) or month not in MONTHS:
            raise ValidationError(_("Month"), _("1 to 12"))
        if isinstance(amount, bool) or not isinstance(amount, int) or amount < 0:
            raise ValidationError(_("Target"), _("a whole amount, 0 or more"))
        if (dim, key, month) in out:
            raise ValidationError(_("Target"), _("given twice for the same month"))
        out[(dim, key, month)] = TargetLine(dim, key, month, amount)
    return [t for t in out.values() if t.amount]


def spread_evenly(amount: int, parts: int = 12) -> list[int]:
    """An annual target over the months: equal shares, the remainder to the first months,
    so they add up to the amount exactly."""
    if parts <= 0:
        raise ValueError(parts)
    base, rest = divmod(amount, parts)
    return [base + (1 if i < rest else 0) for i in range(parts)]


def progress_percent(actual: int, target: int) -> Decimal | None:
    """Actual ÷ target in percent with one decimal (half-up); no target, no percentage."""
    if target <= 0:
        return None
    return share_percent(actual, target, places=1)


# -- who reads plans -------------------------------------------------------------------------------

# The sales side and the general manager follow the plan; a rep sees their own targets only.
PLAN_READERS = frozenset({Role.GM, Role.SALES_VP, Role.SALES_MANAGER, Role.SALES_SUPERVISOR, Role.SALES_REP})


def reads_plans(roles: Iterable[Role | str]) -> bool:
    return any(Role(r) in PLAN_READERS for r in roles)
