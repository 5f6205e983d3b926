"""The evaluation's weights and the commission schemes: the sales manager proposes, the
general manager approves or returns — never the proposer (domain/performance/commission.py).
Each is in force from the 1st of a month; the latest approved one in force for a month applies.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.common.errors import NotFound, ValidationError
from sales_desk.domain.common.roles import Perm
from sales_desk.domain.performance.commission import Status, Tier, check_tiers, ensure_may_decide
from sales_desk.domain.performance.criteria import check_weights
from sales_desk.i18n import _
from sales_desk.models import CommissionScheme, PerfWeighting
from sales_desk.services.common.base import current_actor, service, user_names


@dataclass(frozen=True)
class WeightingRow:
    id: int
    effective_from: date
    weights: dict[str, int]
    status: str
    note: str
    proposed_by: str
    proposed_at: datetime
    decided_by: str
    decision_note: str


@dataclass(frozen=True)
class SchemeRow:
    id: int
    name: str
    effective_from: date
    tiers: tuple[Tier, ...]
    deduct_liability: bool
    status: str
    note: str
    proposed_by: str
    proposed_at: datetime
    decided_by: str
    decision_note: str


def _first_of_month(day: date) -> date:
    return day.replace(day=1)


def tiers_of(row: CommissionScheme) -> tuple[Tier, ...]:
    return tuple(Tier(int(a), int(b)) for a, b in json.loads(row.tiers))


def _weighting_row(row: PerfWeighting, names: Mapping[int, str]) -> WeightingRow:
    return WeightingRow(row.id, row.effective_from, json.loads(row.weights), row.status, row.note,
                        names.get(row.proposed_by_id, ""), row.proposed_at, names.get(row.decided_by_id or 0, ""),
                        row.decision_note)


def _scheme_row(row: CommissionScheme, names: Mapping[int, str]) -> SchemeRow:
    return SchemeRow(row.id, row.name, row.effective_from, tiers_of(row), row.deduct_liability, row.status,
                     row.note, names.get(row.proposed_by_id, ""), row.proposed_at,
                     names.get(row.decided_by_id or 0, ""), row.decision_note)


# -- weights ----------------------------------------------------------------------------------
def propose_weighting_within(uow: UnitOfWork, weights: Mapping[str, int], effective_from: date, note: str = "") -> int:
    w = check_weights(weights)
    row = PerfWeighting(weights=json.dumps(w, sort_keys=True), effective_from=_first_of_month(effective_from),
                        status=Status.PROPOSED.value, note=note.strip(), proposed_by_id=current_actor(uow).user_id,
                        proposed_at=uow.clock(), decision_note="")
    uow.session.add(row)
    uow.session.flush()
    uow.audit("performance.weights_propose", "perf_weighting", row.id, None,
              {"weights": w, "effective_from": row.effective_from, "note": row.note})
    return row.id


@service(Perm.PERFORMANCE_PROPOSE)
def propose_weighting(uow: UnitOfWork, weights: Mapping[str, int], effective_from: date, note: str = "") -> int:
    """The sales manager's weights for the criteria (summing to 100 %), from a month on."""
    wid = propose_weighting_within(uow, weights, effective_from, note)
    uow.commit()
    return wid


def decide_weighting_within(uow: UnitOfWork, weighting_id: int, approve: bool, note: str = "") -> None:
    row = uow.session.get(PerfWeighting, weighting_id, with_for_update=True)
    if row is None:
        raise NotFound(_("Weights"), weighting_id)
    actor = current_actor(uow)
    ensure_may_decide(row.proposed_by_id, actor.user_id, row.status)
    if not approve and not note.strip():
        raise ValidationError(_("Reason"), _("say why it goes back"))
    before = {"status": row.status}
    row.status = (Status.APPROVED if approve else Status.RETURNED).value
    row.decided_by_id, row.decided_at, row.decision_note = actor.user_id, uow.clock(), note.strip()
    uow.audit("performance.weights_approve" if approve else "performance.weights_return", "perf_weighting",
              row.id, before, {"status": row.status, "note": row.decision_note})


@service(Perm.PERFORMANCE_APPROVE)
def decide_weighting(uow: UnitOfWork, weighting_id: int, approve: bool, note: str = "") -> None:
    """The general manager approves the weights or returns them with the reason."""
    decide_weighting_within(uow, weighting_id, approve, note)
    uow.commit()


def weighting_in_force(uow: UnitOfWork, month: date) -> PerfWeighting | None:
    w = PerfWeighting
    return uow.session.scalar(select(w).where(w.status == Status.APPROVED.value, w.effective_from <= month)
                              .order_by(w.effective_from.desc(), w.id.desc()).limit(1))


@service(Perm.PERFORMANCE_VIEW, read_only=True)
def list_weightings(uow: UnitOfWork) -> list[WeightingRow]:
    rows = list(uow.session.scalars(select(PerfWeighting).order_by(PerfWeighting.id.desc())))
    names = user_names(uow, {u for r in rows for u in (r.proposed_by_id, r.decided_by_id)})
    return [_weighting_row(r, names) for r in rows]


# -- commission schemes -----------------------------------------------------------------------
def propose_scheme_within(uow: UnitOfWork, name: str, tiers: Sequence[Tier], effective_from: date,
                          deduct_liability: bool, note: str = "") -> int:
    if not name.strip():
        raise ValidationError(_("Name"), _("name the scheme"))
    t = check_tiers(tiers)
    row = CommissionScheme(name=name.strip(), tiers=json.dumps([[x.start, x.rate_bp] for x in t]),
                           effective_from=_first_of_month(effective_from), deduct_liability=deduct_liability,
                           status=Status.PROPOSED.value, note=note.strip(),
                           proposed_by_id=current_actor(uow).user_id, proposed_at=uow.clock(), decision_note="")
    uow.session.add(row)
    uow.session.flush()
    uow.audit("performance.scheme_propose", "commission_scheme", row.id, None,
              {"name": row.name, "tiers": json.loads(row.tiers), "effective_from": row.effective_from,
               "deduct_liability": deduct_liability, "note": row.note})
    return row.id


@service(Perm.PERFORMANCE_PROPOSE)
def propose_scheme(uow: UnitOfWork, name: str, tiers: Sequence[Tier], effective_from: date,
                   deduct_liability: bool = False, note: str = "") -> int:
    """The sales manager's commission scheme: bands by volume collected, rates rising."""
    sid = propose_scheme_within(uow, name, tiers, effective_from, deduct_liability, note)
    uow.commit()
    return sid


def decide_scheme_within(uow: UnitOfWork, scheme_id: int, approve: bool, note: str = "") -> None:
    row = uow.session.get(CommissionScheme, scheme_id, with_for_update=True)
    if row is None:
        raise NotFound(_("Commission scheme"), scheme_id)
    actor = current_actor(uow)
    ensure_may_decide(row.proposed_by_id, actor.user_id, row.status)
    if not approve and not note.strip():
        raise ValidationError(_("Reason"), _("say why it goes back"))
    before = {"status": row.status}
    row.status = (Status.APPROVED if approve else Status.RETURNED).value
    row.decided_by_id, row.decided_at, row.decision_note = actor.user_id, uow.clock(), note.strip()
    uow.audit("performance.scheme_approve" if approve else "performance.scheme_return", "commission_scheme",
              row.id, before, {"name": row.name, "status": row.status, "note": row.decision_note})


@service(Perm.PERFORMANCE_APPROVE)
def decide_scheme(uow: UnitOfWork, scheme_id: int, approve: bool, note: str = "") -> None:
    """The general manager approves a commission scheme or returns it with the reason."""
    decide_scheme_within(uow, scheme_id, approve, note)
    uow.commit()


def scheme_in_force(uow: UnitOfWork, month: date) -> CommissionScheme | None:
    s = CommissionScheme
    return uow.session.scalar(select(s).where(s.status == Status.APPROVED.value, s.effective_from <= month)
                              .order_by(s.effective_from.desc(), s.id.desc()).limit(1))


@service(Perm.PERFORMANCE_VIEW, read_only=True)
def list_schemes(uow: UnitOfWork) -> list[SchemeRow]:
    rows = list(uow.session.scalars(select(CommissionScheme).order_by(CommissionScheme.id.desc())))
    names = user_names(uow, {u for r in rows for u in (r.proposed_by_id, r.decided_by_id)})
    return [_scheme_row(r, names) for r in rows]
