"""The pipeline [销售漏斗] of what the actor sees: the funnel for the list and the dashboard
(two GROUP BYs over the opportunities' covering indexes), and the analysis — conversion per
stage and per rep, average days in each stage, why deals were lost and to whom, the
competitors met — summed in SQL and shaped by domain/opportunities/pipeline.py.

Scope: a rep's own (services/opportunities/scope.py); supervisors, managers, the VP and the
GM the whole team, or one rep's when `rep_id` is given.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, case, func, select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.common.roles import Perm
from sales_desk.domain.opportunities.pipeline import (
    Funnel,
    LossLine,
    RepFigures,
    StageConversion,
    funnel,
    per_rep,
    ranked,
    stage_conversion,
)
from sales_desk.domain.opportunities.stages import Stage
from sales_desk.models import Opportunity, OpportunityCompetitor, OpportunityNode
from sales_desk.services.common.base import business_today, current_actor, service, user_names
from sales_desk.services.opportunities.scope import limits, sees_team, stalled_where


def _scope(uow: UnitOfWork, q: Select, rep_id: int | None, since: date | None = None) -> Select:
    actor = current_actor(uow)
    if rep_id is not None and sees_team(actor):
        q = q.where(Opportunity.owner_id == rep_id)
    elif not sees_team(actor):
        q = q.where(Opportunity.owner_id == actor.user_id)  # a rep's pipeline: the deals they work
    if since is not None:
        q = q.where(Opportunity.opened_on >= since)
    return q


@dataclass(frozen=True)
class PipelineSummary:
    as_of: date
    funnel: Funnel
    team: bool  # the whole team's (else one rep's)


def build_summary(uow: UnitOfWork, rep_id: int | None = None) -> PipelineSummary:
    today = business_today(uow)
    s = uow.session
    open_rows = s.execute(_scope(uow, select(Opportunity.stage, func.count(), func.coalesce(func.sum(
        Opportunity.amount), 0)).where(Opportunity.outcome == "open").group_by(Opportunity.stage), rep_id)).all()
    stalled = s.execute(_scope(uow, select(Opportunity.stage, func.count()).where(
        stalled_where(limits(uow), today)).group_by(Opportunity.stage), rep_id)).all()
    f = funnel({Stage(st): (int(n), int(a)) for st, n, a in open_rows}, {Stage(st): int(n) for st, n in stalled})
    return PipelineSummary(today, f, rep_id is None and sees_team(current_actor(uow)))


@service(Perm.OPPORTUNITY_VIEW, read_only=True)
def pipeline_summary(uow: UnitOfWork, rep_id: int | None = None) -> PipelineSummary:
    """The funnel of open opportunities by stage, weighted, with the stalled ones counted."""
    return build_summary(uow, rep_id)


@dataclass(frozen=True)
class RepLine:
    name: str
    figures: RepFigures


@dataclass(frozen=True)
class CompetitorLine:
    name: str
    met: int  # opportunities where the competitor was met
    won: int
    lost_to: int  # lost to this competitor


@dataclass(frozen=True)
class PipelineAnalysis:
    summary: PipelineSummary
    since: date | None
    stages: tuple[StageConversion, ...]
    reps: tuple[RepLine, ...]
    loss_reasons: tuple[LossLine, ...]
    lost_to: tuple[LossLine, ...]
    competitors: tuple[CompetitorLine, ...]


def build_analysis(uow: UnitOfWork, rep_id: int | None = None, since: date | None = None) -> PipelineAnalysis:
    s = uow.session
    summary = build_summary(uow, rep_id)
    node_q = select(OpportunityNode.stage, func.count(), func.count(OpportunityNode.days),
                    func.coalesce(func.sum(OpportunityNode.days), 0)).group_by(OpportunityNode.stage)
    if rep_id is not None or since is not None or not sees_team(current_actor(uow)):
        node_q = _scope(uow, node_q.join(Opportunity, Opportunity.id == OpportunityNode.opportunity_id),
                        rep_id, since)
    reached: dict[Stage, int] = {}
    days: dict[Stage, tuple[int, int]] = {}
    for st, n, left, total in s.execute(node_q):
        reached[Stage(st)] = int(n)
        days[Stage(st)] = (int(left), int(total))
    rep_rows = s.execute(_scope(uow, select(Opportunity.owner_id, Opportunity.outcome, func.count(),
                                            func.coalesce(func.sum(Opportunity.amount), 0))
                                .group_by(Opportunity.owner_id, Opportunity.outcome), rep_id, since)).all()
    figures = per_rep((r, o, n, a) for r, o, n, a in rep_rows)
    names = user_names(uow, {f.rep_id for f in figures})
    lost = select(func.count(), func.coalesce(func.sum(Opportunity.amount), 0)).where(Opportunity.outcome == "lost")
    reasons = s.execute(_scope(uow, lost.add_columns(Opportunity.loss_reason).group_by(Opportunity.loss_reason),
                               rep_id, since)).all()
    lost_to = s.execute(_scope(uow, lost.add_columns(Opportunity.lost_to).group_by(Opportunity.lost_to),
                               rep_id, since)).all()
    comp = s.execute(_scope(uow, select(
        OpportunityCompetitor.name, func.count(),
        func.coalesce(func.sum(case((Opportunity.outcome == "won", 1), else_=0)), 0),
        func.coalesce(func.sum(case(((Opportunity.outcome == "lost") & (Opportunity.lost_to == OpportunityCompetitor.name),
                                     1), else_=0)), 0))
        .join(Opportunity, Opportunity.id == OpportunityCompetitor.opportunity_id)
        .group_by(OpportunityCompetitor.name), rep_id, since)).all()
    return PipelineAnalysis(
        summary, since, tuple(stage_conversion(reached, days)),
        tuple(RepLine(names.get(f.rep_id, str(f.rep_id)), f) for f in figures),
        tuple(ranked((k, n, a) for n, a, k in reasons)), tuple(ranked((k, n, a) for n, a, k in lost_to)),
        tuple(sorted((CompetitorLine(name, int(m), int(w), int(lo)) for name, m, w, lo in comp),
                     key=lambda c: (-c.met, c.name))))


@service(Perm.OPPORTUNITY_VIEW, read_only=True)
def pipeline_analysis(uow: UnitOfWork, rep_id: int | None = None, since: date | None = None) -> PipelineAnalysis:
    """The funnel with conversion, time in stage, win/loss reasons and competitors."""
    return build_analysis(uow, rep_id, since)


@service(Perm.OPPORTUNITY_VIEW)
def export_pipeline(uow: UnitOfWork, write: Callable[[PipelineAnalysis], int], rep_id: int | None = None,
                    since: date | None = None) -> int:
    """Hand the analysis to a writer (reports/opportunities/pipeline_xlsx.py); audited."""
    a = build_analysis(uow, rep_id, since)
    rows = write(a)
    uow.audit("opportunity.export_pipeline", "opportunity", "pipeline", None,
              {"rep_id": rep_id, "since": since, "open": a.summary.funnel.count, "rows": rows})
    uow.commit()
    return rows
