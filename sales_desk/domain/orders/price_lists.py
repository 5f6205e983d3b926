"""Price lists in versions [产品定价管理流程] (seed 001 二、4; 销售部经理 职责3, 财务人员 职责2,
销售副总 职责5, 总经理 职责5).

The sales manager proposes a price list (its products with list price, floor and ceiling,
the reason, the date it is to take effect); finance records the cost check (a unit cost per
line, so the margin shows); the sales VP leads the joint review [会审]; the general manager
approves. Each step may send the list back instead. Only an approved list is in force, from
its effective date until a later approved list takes effect; an order is priced by the list
in force on its order date. A step is never skipped, and nobody decides a list they proposed
or decides it twice (one person, one step).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from sales_desk.domain.common.errors import DomainError, SelfApprovalRefused, ValidationError
from sales_desk.domain.common.money import share_percent
from sales_desk.domain.orders.pricing import PriceRange, check_price_range
from sales_desk.i18n import N_, _

ARTICLE = N_("pricing procedure (二、4)")


class PriceListStatus(StrEnum):
    PROPOSED = "proposed"  # waiting for finance's cost check
    COST_CHECKED = "cost_checked"  # waiting for the VP's joint review
    REVIEWED = "reviewed"  # waiting for the general manager
    APPROVED = "approved"  # in force from its effective date
    RETURNED = "returned"  # sent back; its proposer corrects and resubmits it (or proposes anew)

    @property
    def label(self) -> str:
        return _(STATUS_LABELS[self])


STATUS_LABELS: dict[PriceListStatus, str] = {
    PriceListStatus.PROPOSED: N_("Proposed, awaiting cost check"),
    PriceListStatus.COST_CHECKED: N_("Cost checked, awaiting joint review"),
    PriceListStatus.REVIEWED: N_("Reviewed, awaiting approval"),
    PriceListStatus.APPROVED: N_("Approved"),
    PriceListStatus.RETURNED: N_("Returned"),
}


class PriceStep(StrEnum):
    COST_CHECK = "cost_check"  # finance
    REVIEW = "review"  # sales VP
    APPROVE = "approve"  # general manager

    @property
    def label(self) -> str:
        return _(STEP_LABELS[self])


STEP_LABELS: dict[PriceStep, str] = {
    PriceStep.COST_CHECK: N_("cost check"),
    PriceStep.REVIEW: N_("joint review"),
    PriceStep.APPROVE: N_("approval"),
}

# the state a list must be in for each step, and the state the step leaves it in
STEP_FROM: dict[PriceStep, PriceListStatus] = {
    PriceStep.COST_CHECK: PriceListStatus.PROPOSED,
    PriceStep.REVIEW: PriceListStatus.COST_CHECKED,
    PriceStep.APPROVE: PriceListStatus.REVIEWED,
}
STEP_TO: dict[PriceStep, PriceListStatus] = {
    PriceStep.COST_CHECK: PriceListStatus.COST_CHECKED,
    PriceStep.REVIEW: PriceListStatus.REVIEWED,
    PriceStep.APPROVE: PriceListStatus.APPROVED,
}


class PriceStepOutOfTurn(DomainError):
    def __init__(self, version: int, status: PriceListStatus, step: PriceStep):
        super().__init__(_("Price list version {version} is “{status}”: its {step} cannot be decided now. "
                           "The steps go proposal → cost check → joint review → approval, none skipped "
                           "({article}).").format(version=version, status=status.label, step=step.label,
                                                  article=_(ARTICLE)))


class OneStepPerPerson(SelfApprovalRefused):
    def __init__(self, version: int):
        super().__init__(_("price list"))
        self.args = (_("You proposed or already decided a step of price list version {version}: "
                       "someone else must decide this step ({article}).").format(
                           version=version, article=_(ARTICLE)),)


class NotTheProposer(DomainError):
    refusal = "no_right"

    def __init__(self, version: int):
        super().__init__(_("Price list version {version} was proposed by someone else: only its proposer "
                           "corrects and resubmits it ({article}).").format(version=version, article=_(ARTICLE)))


def ensure_resubmittable(version: int, status: PriceListStatus | str, actor_id: int, proposer_id: int) -> None:
    """Only a returned list is corrected and resubmitted, and only by who proposed it; it then
    goes through every step again."""
    if PriceListStatus(status) is not PriceListStatus.RETURNED:
        raise ValidationError(_("Price list"), _("only a returned list is corrected and resubmitted"))
    if actor_id != proposer_id:
        raise NotTheProposer(version)


@dataclass(frozen=True)
class PriceLine:
    product_id: int
    list_price: int
    floor: int
    ceiling: int
    unit_cost: int | None = None  # finance's cost check

    @property
    def range(self) -> PriceRange:
        return PriceRange(self.list_price, self.floor, self.ceiling)


def check_proposal(lines: Sequence[PriceLine], reason: str, effective_from: date, today: date) -> str:
    """At least one line, each range valid, each product once; a reason; not in the past."""
    if not lines:
        raise ValidationError(_("Price list"), _("name at least one product"))
    seen: set[int] = set()
    for ln in lines:
        if ln.product_id in seen:
            raise ValidationError(_("Price list"), _("each product once"))
        seen.add(ln.product_id)
        check_price_range(ln.list_price, ln.floor, ln.ceiling)
    why = reason.strip()
    if not why:
        raise ValidationError(_("Reason"), _("say why these prices (the pricing research)"))
    if effective_from < today:
        raise ValidationError(_("Effective from"), _("must not lie in the past"))
    return why


def check_costs(lines: Iterable[PriceLine], costs: dict[int, int]) -> None:
    """Finance gives a unit cost above 0 for every line."""
    for ln in lines:
        cost = costs.get(ln.product_id)
        if not isinstance(cost, int) or isinstance(cost, bool) or cost <= 0:
            raise ValidationError(_("Unit cost"), _("a cost above 0 for every product on the list"))


def ensure_step(version: int, status: PriceListStatus | str, step: PriceStep) -> None:
    status = PriceListStatus(status)
    if STEP_FROM[step] is not status:
        raise PriceStepOutOfTurn(version, status, step)


def ensure_new_decider(version: int, actor_id: int, proposer_id: int, deciders: Iterable[int | None]) -> None:
    """Nobody decides their own proposal; nobody decides two steps of one list."""
    if actor_id == proposer_id or actor_id in set(deciders):
        raise OneStepPerPerson(version)


def margin_percent(price: int, cost: int | None) -> Decimal | None:
    """(price − cost) ÷ price, in percent to one decimal; None without a cost."""
    if cost is None or price <= 0:
        return None
    return share_percent(price - cost, price, places=1)


def in_force(lists: Iterable[tuple[int, date, PriceListStatus | str]], on: date) -> int | None:
    """The version in force on `on`: the approved one with the latest effective date not after
    it (the higher version when two share a date)."""
    best: tuple[date, int] | None = None
    for version, eff, status in lists:
        if PriceListStatus(status) is PriceListStatus.APPROVED and eff <= on:
            if best is None or (eff, version) > best:
                best = (eff, version)
    return None if best is None else best[1]
