"""Evaluations per rep and period [工作表现及评估] (seed 003 1.2.7): worked out by the sales
manager from the figures (figures.py) under the weights in force, the manager's written
feedback given to the rep, who reads and acknowledges it; the team's ranking.

A rep sees only their own evaluations, and a draft not at all; the team readers see all.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.collections.liability import month_end
from sales_desk.domain.common.errors import NotFound, NotPermitted, ValidationError
from sales_desk.domain.common.roles import Perm, Role
from sales_desk.domain.performance import criteria as c
from sales_desk.domain.performance.evaluation import (
    YEAR,
    EvalStatus,
    check_acknowledge,
    check_feedback,
    period_label,
)
from sales_desk.i18n import _
from sales_desk.models import PerfEvaluation, User, UserRole
from sales_desk.services.admin.settings import load_settings
from sales_desk.services.common.base import current_actor, service, user_names
from sales_desk.services.performance.figures import read_all
from sales_desk.services.performance.schemes import weighting_in_force


def period(year: int, month: int) -> tuple[date, date]:
    if month == YEAR:
        return date(year, 1, 1), date(year, 12, 31)
    if not 1 <= month <= 12:
        raise ValidationError(_("Month"), _("a month is 1–12, or 0 for the whole year"))
    start = date(year, month, 1)
    return start, month_end(start)


def active_reps(uow: UnitOfWork) -> list[int]:
    return list(uow.session.scalars(
        select(UserRole.user_id).join(User, User.id == UserRole.user_id)
        .where(UserRole.role == Role.SALES_REP.value, User.active.is_(True)).order_by(UserRole.user_id)))


@dataclass(frozen=True)
class Computed:
    rep_id: int
    figures: dict[str, tuple[int, int | None, Decimal, int]]  # key → value, against, score, weight
    total: Decimal


def compute(uow: UnitOfWork, year: int, month: int, reps: Sequence[int],
            weights: dict[str, int]) -> list[Computed]:
    """Every rep's figures, scores and weighted total for the period (no writes)."""
    start, end = period(year, month)
    raw = read_all(uow, reps, start, end)
    out = []
    for rep in reps:
        figures, scores = {}, {}
        for key, crit in c.REGISTRY.items():
            f = raw.get(key, {}).get(rep, c.Figures(0))
            scores[key] = crit.score(f)
            figures[key] = (f.value, f.against, scores[key], int(weights.get(key, 0)))
        out.append(Computed(rep, figures, c.weighted_total(weights, scores)))
    return out


def evaluate_within(uow: UnitOfWork, year: int, month: int) -> int:
    start, _end = period(year, month)
    weighting = weighting_in_force(uow, date(year, month or 12, 1))
    if weighting is None:
        raise ValidationError(_("Weights"), _("no approved weights are in force for {period}").format(
            period=period_label(year, month)))
    weights = json.loads(weighting.weights)
    reps = active_reps(uow)
    existing = {e.rep_id: e for e in uow.session.scalars(select(PerfEvaluation).where(
        PerfEvaluation.year == year, PerfEvaluation.month == month))}
    actor, now, n = current_actor(uow), uow.clock(), 0
    for row in compute(uow, year, month, reps, weights):
        ev = existing.get(row.rep_id)
        if ev is not None and ev.status != EvalStatus.DRAFT.value:
            continue  # given to the rep: its figures stand as the rep read them
        if ev is None:
            ev = PerfEvaluation(rep_id=row.rep_id, year=year, month=month, status=EvalStatus.DRAFT.value,
                                feedback="", rep_comment="")
            uow.session.add(ev)
        ev.weighting_id, ev.total = weighting.id, int(row.total * 100)
        ev.figures = json.dumps({k: [v, a, str(s), w] for k, (v, a, s, w) in row.figures.items()}, sort_keys=True)
        ev.evaluated_by_id, ev.evaluated_at = actor.user_id, now
        n += 1
    uow.session.flush()
    uow.audit("performance.evaluate", "perf_evaluation", period_label(year, month), None,
              {"period": period_label(year, month), "reps": n, "weighting": weighting.id})
    return n


@service(Perm.PERFORMANCE_EVALUATE)
def evaluate(uow: UnitOfWork, year: int, month: int) -> int:
    """Work out the period's evaluation of every active rep (drafts are refreshed, evaluations
    already given stay as given); returns how many were worked out."""
    n = evaluate_within(uow, year, month)
    uow.commit()
    return n


def _load(uow: UnitOfWork, evaluation_id: int) -> PerfEvaluation:
    ev = uow.session.get(PerfEvaluation, evaluation_id, with_for_update=True)
    if ev is None:
        raise NotFound(_("Evaluation"), evaluation_id)
    return ev


def give_feedback_within(uow: UnitOfWork, evaluation_id: int, feedback: str) -> None:
    ev = _load(uow, evaluation_id)
    text = check_feedback(ev.status, feedback)
    actor = current_actor(uow)
    ev.feedback, ev.status, ev.given_by_id, ev.given_at = text, EvalStatus.GIVEN.value, actor.user_id, uow.clock()
    uow.audit("performance.feedback", "perf_evaluation", ev.id, {"status": EvalStatus.DRAFT.value},
              {"rep": user_names(uow, [ev.rep_id]).get(ev.rep_id, ""), "period": period_label(ev.year, ev.month),
               "status": ev.status, "feedback": text})


@service(Perm.PERFORMANCE_EVALUATE)
def give_feedback(uow: UnitOfWork, evaluation_id: int, feedback: str) -> None:
    """The manager's written feedback: the evaluation goes to the rep, its figures fixed."""
    give_feedback_within(uow, evaluation_id, feedback)
    uow.commit()


def acknowledge_within(uow: UnitOfWork, evaluation_id: int, comment: str = "") -> None:
    ev = _load(uow, evaluation_id)
    check_acknowledge(ev.status, ev.rep_id, current_actor(uow).user_id)
    ev.status, ev.acknowledged_at, ev.rep_comment = EvalStatus.ACKNOWLEDGED.value, uow.clock(), comment.strip()
    uow.audit("performance.acknowledge", "perf_evaluation", ev.id, {"status": EvalStatus.GIVEN.value},
              {"period": period_label(ev.year, ev.month), "status": ev.status, "comment": ev.rep_comment})


@service(Perm.PERFORMANCE_ACKNOWLEDGE)
def acknowledge(uow: UnitOfWork, evaluation_id: int, comment: str = "") -> None:
    """The rep has read the evaluation and its feedback (with a comment if they wish)."""
    acknowledge_within(uow, evaluation_id, comment)
    uow.commit()


# -- reading ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class EvaluationRow:
    id: int
    rep_id: int
    rep: str
    year: int
    month: int
    total: Decimal
    rank: int
    status: str
    acknowledged_at: datetime | None


@dataclass(frozen=True)
class CriterionLine:
    key: str
    label: str
    money: bool
    value: int
    against: int | None
    score: Decimal
    weight: int
    points: Decimal  # weight × score ÷ 100


@dataclass(frozen=True)
class EvaluationDetail:
    row: EvaluationRow
    lines: tuple[CriterionLine, ...]
    feedback: str
    given_by: str
    given_at: datetime | None
    rep_comment: str
    evaluated_by: str
    team_size: int
    company: str = ""


def _sees_team(uow: UnitOfWork) -> bool:
    return current_actor(uow).can(Perm.PERFORMANCE_TEAM)


def _rows(uow: UnitOfWork, year: int, month: int) -> list[EvaluationRow]:
    evs = list(uow.session.scalars(select(PerfEvaluation).where(
        PerfEvaluation.year == year, PerfEvaluation.month == month)))
    evs.sort(key=lambda e: (-e.total, e.rep_id))
    names = user_names(uow, [e.rep_id for e in evs])
    out, rank, last = [], 0, None
    for i, e in enumerate(evs, start=1):
        if e.total != last:  # equal totals share a rank
            rank, last = i, e.total
        out.append(EvaluationRow(e.id, e.rep_id, names.get(e.rep_id, ""), e.year, e.month,
                                 Decimal(e.total) / 100, rank, e.status, e.acknowledged_at))
    return out


@service(Perm.PERFORMANCE_VIEW, read_only=True)
def list_evaluations(uow: UnitOfWork, year: int, month: int) -> list[EvaluationRow]:
    """The period's evaluations, best first with their rank; a rep sees their own once given."""
    rows = _rows(uow, year, month)
    if _sees_team(uow):
        return rows
    me = current_actor(uow).user_id
    return [r for r in rows if r.rep_id == me and r.status != EvalStatus.DRAFT.value]


@service(Perm.PERFORMANCE_TEAM, read_only=True)
def ranking(uow: UnitOfWork, year: int, month: int) -> list[EvaluationRow]:
    """The team's ranking for the manager: every rep, best first."""
    return _rows(uow, year, month)


def detail_within(uow: UnitOfWork, evaluation_id: int) -> EvaluationDetail:
    ev = uow.session.get(PerfEvaluation, evaluation_id)
    if ev is None:
        raise NotFound(_("Evaluation"), evaluation_id)
    actor = current_actor(uow)
    if not actor.can(Perm.PERFORMANCE_TEAM) and (ev.rep_id != actor.user_id or ev.status == EvalStatus.DRAFT.value):
        raise NotPermitted(Perm.PERFORMANCE_TEAM.value)
    rows = _rows(uow, ev.year, ev.month)
    row = next(r for r in rows if r.id == ev.id)
    lines = []
    for key, (value, against, score, weight) in json.loads(ev.figures).items():
        crit = c.REGISTRY.get(key)
        s = Decimal(score)
        lines.append(CriterionLine(key, crit.title if crit else key, crit.money if crit else True, int(value),
                                   against, s, int(weight), (s * weight / 100).quantize(c.CENT)))
    order = list(c.REGISTRY)
    lines.sort(key=lambda x: order.index(x.key) if x.key in order else len(order))
    names = user_names(uow, [ev.given_by_id, ev.evaluated_by_id])
    return EvaluationDetail(row, tuple(lines), ev.feedback, names.get(ev.given_by_id or 0, ""), ev.given_at,
                            ev.rep_comment, names.get(ev.evaluated_by_id, ""), len(rows),
                            str(load_settings(uow)["company.name"]))


@service(Perm.PERFORMANCE_VIEW, read_only=True)
def evaluation_detail(uow: UnitOfWork, evaluation_id: int) -> EvaluationDetail:
    """One evaluation with each criterion's figures, score and weight, and the feedback."""
    return detail_within(uow, evaluation_id)
