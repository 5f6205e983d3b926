"""The stages of a sale [销售流程] (seed 001 二、3): 线索收集、客户接触、需求分析、产品推介、报价、
谈判、成交, in this order, each with its time node [时间节点] — the day it was reached — and a
time limit (policy numbers `opportunity.stage_days.<stage>`) past which the opportunity is
stalled. Pure rules: the services keep the dates, these say which moves are allowed.

An opportunity moves forward one stage at a time (the seed's steps are each a step of work);
成交 is reached only by winning it, which makes its draft order once; it may be lost at any
open stage, with the reason and the competitor it went to.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from sales_desk.domain.common.errors import DomainError, ValidationError
from sales_desk.domain.common.money import round_minor
from sales_desk.i18n import N_, NC_, _, pgettext


class Stage(StrEnum):
    LEAD = "lead"  # 线索收集
    CONTACT = "contact"  # 客户接触
    NEEDS = "needs"  # 需求分析
    PROPOSAL = "proposal"  # 产品推介
    QUOTE = "quote"  # 报价
    NEGOTIATION = "negotiation"  # 谈判
    WON = "won"  # 成交

    @property
    def label(self) -> str:
        return _(STAGE_LABELS[self])

    @property
    def position(self) -> int:
        return STAGES.index(self)


STAGES: tuple[Stage, ...] = tuple(Stage)
OPEN_STAGES: tuple[Stage, ...] = STAGES[:-1]

STAGE_LABELS: dict[Stage, str] = {
    Stage.LEAD: N_("Lead collection"),
    Stage.CONTACT: N_("Customer contact"),
    Stage.NEEDS: N_("Needs analysis"),
    Stage.PROPOSAL: N_("Product presentation"),
    Stage.QUOTE: N_("Quotation"),
    Stage.NEGOTIATION: N_("Negotiation"),
    Stage.WON: N_("Closed (won)"),
}

# The chance of winning an opportunity at each stage, in per cent: the weighted pipeline.
PROBABILITY: dict[Stage, int] = {
    Stage.LEAD: 5, Stage.CONTACT: 10, Stage.NEEDS: 20, Stage.PROPOSAL: 40,
    Stage.QUOTE: 60, Stage.NEGOTIATION: 80, Stage.WON: 100,
}

# Days an open stage may last before the opportunity is stalled (policy numbers, defaults ours).
STAGE_DAYS_PREFIX = "opportunity.stage_days."
DEFAULT_STAGE_DAYS: dict[Stage, int] = {
    Stage.LEAD: 14, Stage.CONTACT: 14, Stage.NEEDS: 21, Stage.PROPOSAL: 21,
    Stage.QUOTE: 14, Stage.NEGOTIATION: 30,
}


class Outcome(StrEnum):
    OPEN = "open"
    WON = "won"
    LOST = "lost"

    @property
    def label(self) -> str:
        return pgettext(DEAL, OUTCOME_LABELS[self])


# In the deal's context: "Lost" is a lost deal here, a churned customer in the lifecycle.
DEAL = "opportunity"
OUTCOME_LABELS = {Outcome.OPEN: NC_("opportunity", "Open"), Outcome.WON: NC_("opportunity", "Won"),
                  Outcome.LOST: NC_("opportunity", "Lost")}  # the context literal: extraction reads it


class LossReason(StrEnum):
    PRICE = "price"
    PRODUCT = "product"
    RELATIONSHIP = "relationship"
    SERVICE = "service"
    TIMING = "timing"
    NO_DECISION = "no_decision"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _(LOSS_LABELS[self])


LOSS_LABELS: dict[LossReason, str] = {
    LossReason.PRICE: N_("Price"),
    LossReason.PRODUCT: N_("Product or specification"),
    LossReason.RELATIONSHIP: N_("Competitor's relationship"),
    LossReason.SERVICE: N_("Service or delivery"),
    LossReason.TIMING: N_("No budget or bad timing"),
    LossReason.NO_DECISION: N_("Customer made no decision"),
    LossReason.OTHER: N_("Other"),
}


class WrongStage(DomainError):
    """A move the stage order does not allow."""

    def __init__(self, number: str, current: Stage, wanted: str):
        super().__init__(_("Opportunity {number} is at “{stage}”: it cannot be {wanted}.").format(
            number=number, stage=current.label, wanted=wanted))


class AlreadyClosed(DomainError):
    def __init__(self, number: str, outcome: Outcome):
        super().__init__(_("Opportunity {number} is already closed ({outcome}).").format(
            number=number, outcome=outcome.label))


@dataclass(frozen=True)
class TimeNode:
    """A stage reached on a day [时间节点]; `left_on` once the next stage (or the close) came."""

    stage: Stage
    reached_on: date
    left_on: date | None = None

    @property
    def days(self) -> int | None:
        return None if self.left_on is None else (self.left_on - self.reached_on).days


def check_advance(number: str, outcome: Outcome, current: Stage, target: Stage,
                  since: date, on: date, today: date) -> None:
    """Forward by exactly one open stage, dated no earlier than the current stage was reached
    and not in the future. 成交 is reached by winning, not by advancing."""
    if outcome is not Outcome.OPEN:
        raise AlreadyClosed(number, outcome)
    if target is Stage.WON:
        raise WrongStage(number, current, _("marked as won by moving the stage; win it instead"))
    if target.position != current.position + 1:
        raise WrongStage(number, current, _("moved to “{stage}”: stages follow in order, one at a time").format(
            stage=target.label))
    check_node_date(on, since, today)


def check_node_date(on: date, since: date, today: date) -> None:
    if on < since:
        raise ValidationError(_("Date reached"), _("must not lie before the previous stage was reached ({date})")
                              .format(date=since.isoformat()))
    if on > today:
        raise ValidationError(_("Date reached"), _("must not lie in the future"))


def check_win(number: str, outcome: Outcome, current: Stage) -> None:
    """Won only from negotiation (成交 follows 谈判), and only once."""
    if outcome is not Outcome.OPEN:
        raise AlreadyClosed(number, outcome)
    if current is not Stage.NEGOTIATION:
        raise WrongStage(number, current, _("won before its negotiation"))


def check_loss(number: str, outcome: Outcome, reason: str, competitor: str) -> tuple[LossReason, str]:
    """A lost opportunity says why and to whom (the competitor met)."""
    if outcome is not Outcome.OPEN:
        raise AlreadyClosed(number, outcome)
    try:
        why = LossReason(reason)
    except ValueError:
        raise ValidationError(_("Reason lost"), _("choose the reason it was lost")) from None
    if not competitor.strip():
        raise ValidationError(_("Competitor"), _("name the competitor it went to (or “none”)"))
    return why, competitor.strip()


def stage_days(values: dict[str, object]) -> dict[Stage, int]:
    """The time limit of each open stage among the policy numbers."""
    return {s: int(values.get(STAGE_DAYS_PREFIX + s.value, DEFAULT_STAGE_DAYS[s]))  # type: ignore[call-overload]
            for s in OPEN_STAGES}


def is_stalled(outcome: Outcome, stage: Stage, since: date, today: date, limits: dict[Stage, int]) -> bool:
    """An open stage that has overstayed its time limit [超过时间节点]."""
    return outcome is Outcome.OPEN and (today - since).days > limits[stage]


def stalled_since_before(limits: dict[Stage, int], today: date) -> dict[Stage, date]:
    """Per stage: an open opportunity that reached it before this day is stalled (for queries)."""
    return {s: today - timedelta(days=d) for s, d in limits.items()}


def weighted(amount: int, stage: Stage) -> int:
    """The amount weighted by the stage's probability, half-up to the minor unit."""
    return round_minor(Decimal(amount) * PROBABILITY[stage] / 100)
