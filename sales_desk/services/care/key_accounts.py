"""Key-account screening [大客户筛选]: the rep or a manager scores the seed's five criteria and
proposes; the sales manager approves (never their own proposal) or rejects. Approval sets the
customer's key-account flag; the approved screening says since when and why. The customer
file's tick box no longer sets it (services/customers/files.py refuses)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.care.key_accounts import (
    CRITERION_KEYS,
    MIN_SCORE_KEY,
    AlreadyKeyAccount,
    ScoreTooLow,
    ScreeningDecided,
    ScreeningPending,
    ScreeningStatus,
    total_score,
)
from sales_desk.domain.common.approvals import ensure_not_self_approval
from sales_desk.domain.common.errors import NotFound, ValidationError
from sales_desk.domain.common.roles import Perm
from sales_desk.i18n import _
from sales_desk.models import Customer, KeyAccountScreening
from sales_desk.services.admin.settings import load_settings
from sales_desk.services.care.case_reads import _scoped
from sales_desk.services.common.base import business_today, current_actor, service, user_names
from sales_desk.services.customers.scope import lock_customer, visible_customer


@service(Perm.KEY_ACCOUNT_PROPOSE)
def propose_screening(uow: UnitOfWork, customer_id: int, scores: dict[str, int], reason: str) -> int:
    sid = propose_screening_in(uow, customer_id, scores, reason)
    uow.commit()
    return sid


def propose_screening_in(uow: UnitOfWork, customer_id: int, scores: dict[str, int], reason: str) -> int:
    c = visible_customer(uow, customer_id)
    total = total_score(dict(scores))
    if not reason.strip():
        raise ValidationError(_("Reason"), _("say why this customer is a key account"))
    if c.key_account:
        raise AlreadyKeyAccount(c.code)
    pending = uow.session.scalar(select(KeyAccountScreening.id).where(
        KeyAccountScreening.customer_id == c.id, KeyAccountScreening.status == ScreeningStatus.PROPOSED.value))
    if pending is not None:
        raise ScreeningPending(c.code)
    minimum = int(load_settings(uow)[MIN_SCORE_KEY])  # type: ignore[call-overload]
    if total < minimum:
        raise ScoreTooLow(total, minimum)
    row = KeyAccountScreening(customer_id=c.id, **{k: scores[k] for k in CRITERION_KEYS}, total=total,
                              reason=reason.strip(), status=ScreeningStatus.PROPOSED.value,
                              proposed_by_id=current_actor(uow).user_id, proposed_at=uow.clock(),
                              decision_note="")
    uow.session.add(row)
    uow.session.flush()
    uow.audit("care.key_account_propose", "customer", c.id, None,
              {"screening_id": row.id, **scores, "total": total, "reason": row.reason})
    return row.id


@service(Perm.KEY_ACCOUNT_APPROVE)
def decide_screening(uow: UnitOfWork, screening_id: int, approve: bool, note: str = "") -> None:
    decide_screening_in(uow, screening_id, approve, note)
    uow.commit()


def decide_screening_in(uow: UnitOfWork, screening_id: int, approve: bool, note: str = "") -> None:
    """The sales manager's decision; a rejection says why."""
    row = uow.session.get(KeyAccountScreening, screening_id)
    if row is None:
        raise NotFound(_("Screening"), screening_id)
    visible_customer(uow, row.customer_id)
    actor = current_actor(uow)
    ensure_not_self_approval(row.proposed_by_id, actor.user_id, "key-account screening")
    if row.status != ScreeningStatus.PROPOSED.value:
        raise ScreeningDecided()
    if not approve and not note.strip():
        raise ValidationError(_("Reason"), _("say why the screening is rejected"))
    row.status = (ScreeningStatus.APPROVED if approve else ScreeningStatus.REJECTED).value
    row.decided_by_id, row.decided_on, row.decision_note = actor.user_id, business_today(uow), note.strip()
    if approve:
        c = lock_customer(uow, row.customer_id)
        c.key_account = True
        c.updated_at = uow.clock()
    uow.audit("care.key_account_approve" if approve else "care.key_account_reject", "customer", row.customer_id,
              {"screening_id": row.id, "status": "proposed"},
              {"screening_id": row.id, "status": row.status, "note": row.decision_note})


@dataclass(frozen=True)
class ScreeningRow:
    id: int
    customer_id: int
    customer_code: str
    customer_name: str
    scores: dict[str, int]
    total: int
    reason: str
    status: str
    proposed_by_id: int
    proposed_by: str
    proposed_at: datetime
    decided_by: str
    decided_on: date | None
    decision_note: str


def _rows(uow: UnitOfWork, q) -> list[ScreeningRow]:  # noqa: ANN001 - a select
    rows = uow.session.execute(q).all()
    names = user_names(uow, [r[0].proposed_by_id for r in rows] + [r[0].decided_by_id for r in rows])
    return [ScreeningRow(s.id, s.customer_id, code, name, {k: getattr(s, k) for k in CRITERION_KEYS}, s.total,
                         s.reason, s.status, s.proposed_by_id, names.get(s.proposed_by_id, ""), s.proposed_at,
                         names.get(s.decided_by_id or 0, ""), s.decided_on, s.decision_note)
            for s, code, name in rows]


@service(Perm.CUSTOMER_VIEW, read_only=True)
def list_screenings(uow: UnitOfWork, status: str | None = None, limit: int = 1000) -> list[ScreeningRow]:
    """The screenings, newest first (those awaiting a decision first)."""
    q = (select(KeyAccountScreening, Customer.code, Customer.name)
         .join(Customer, Customer.id == KeyAccountScreening.customer_id))
    if status is not None:
        q = q.where(KeyAccountScreening.status == status)
    q = _scoped(q, current_actor(uow)).order_by(
        (KeyAccountScreening.status != ScreeningStatus.PROPOSED.value), KeyAccountScreening.id.desc()).limit(limit)
    return _rows(uow, q)


@dataclass(frozen=True)
class KeyAccountRow:
    customer_id: int
    code: str
    name: str
    since: date | None  # None: flagged before screenings (the old tick box)
    total: int | None
    reason: str
    approved_by: str


@service(Perm.CUSTOMER_VIEW, read_only=True)
def key_account_list(uow: UnitOfWork) -> list[KeyAccountRow]:
    """The key accounts with since when and why: their latest approved screening."""
    latest = (select(KeyAccountScreening.customer_id, func.max(KeyAccountScreening.id).label("sid"))
              .where(KeyAccountScreening.status == ScreeningStatus.APPROVED.value)
              .group_by(KeyAccountScreening.customer_id).subquery())
    q = (select(Customer.id, Customer.code, Customer.name, KeyAccountScreening)
         .outerjoin(latest, latest.c.customer_id == Customer.id)
         .outerjoin(KeyAccountScreening, KeyAccountScreening.id == latest.c.sid)
         .where(Customer.key_account.is_(True)))
    rows = uow.session.execute(_scoped(q, current_actor(uow)).order_by(Customer.code)).all()
    names = user_names(uow, [r[3].decided_by_id for r in rows if r[3] is not None])
    return [KeyAccountRow(cid, code, name, s.decided_on if s else None, s.total if s else None,
                          s.reason if s else _("a key account before screenings were kept"),
                          names.get(s.decided_by_id or 0, "") if s else "")
            for cid, code, name, s in rows]
