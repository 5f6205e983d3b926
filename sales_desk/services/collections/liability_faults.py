"""Liability needs fault [故意或重大过失] (rules: domain/collections/liability.py; seed 001
客户信用管理制度 第19条 3).

- `record_fault(receivable_id, finding, reason)`: the sales manager records, per debt,
  intent or gross negligence (its charges are final: deducted from pay) or no fault (an
  exemption proposed to the general manager), with the reason. Audited.
- `decide_exemption(fault_id, approve, note)`: the general manager approves (the debt
  charges nobody) or rejects (it awaits a fault record again) — never the person who
  recorded it, nor anyone it would spare. Audited.
- `debts_awaiting_fault()`, `exemptions_awaiting()`: the two queues, for the dashboard.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Select, func, select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.collections.liability import (
    LIVE,
    ChargeKind,
    RecordStatus,
    check_exemption_decision,
    check_record,
    ensure_may_decide,
    record_status_for,
)
from sales_desk.domain.common.errors import NotFound
from sales_desk.domain.common.roles import Perm
from sales_desk.i18n import _
from sales_desk.models import Customer, LiabilityCharge, LiabilityFault, LiabilityShare, Receivable
from sales_desk.services.common.base import current_actor, service, user_names

LIVE_VALUES = [s.value for s in LIVE]
QUEUE_LIMIT = 500


def live_record(uow: UnitOfWork, receivable_id: int) -> LiabilityFault | None:
    """The debt's record in force (final, pending or exempted); rejected ones are history."""
    return uow.session.scalar(select(LiabilityFault).where(
        LiabilityFault.receivable_id == receivable_id, LiabilityFault.status.in_(LIVE_VALUES))
        .order_by(LiabilityFault.id.desc()).limit(1))


def _record(uow: UnitOfWork, receivable_id: int, finding: str, reason: str) -> LiabilityFault:
    debt = uow.session.get(Receivable, receivable_id, with_for_update=True)
    if debt is None:
        raise NotFound(_("Document"), receivable_id)
    charged = uow.session.scalar(select(func.count()).select_from(LiabilityCharge).where(
        LiabilityCharge.receivable_id == debt.id, LiabilityCharge.kind != ChargeKind.REFUND.value)) or 0
    live = live_record(uow, debt.id)
    f = check_record(debt.doc_no, finding, reason, live.status if live else None, charged > 0)
    row = LiabilityFault(receivable_id=debt.id, finding=f.value, reason=reason.strip(),
                         status=record_status_for(f).value, recorded_by_id=current_actor(uow).user_id,
                         recorded_at=uow.clock(), decision_note="")
    uow.session.add(row)
    uow.session.flush()
    uow.audit("liability.fault", "liability_fault", row.id, None,
              {"document": debt.doc_no, "finding": f.value, "reason": row.reason, "status": row.status})
    return row


@service(Perm.LIABILITY_RECORD_FAULT)
def record_fault(uow: UnitOfWork, receivable_id: int, finding: str, reason: str) -> int:
    """The sales manager's finding on a charged debt (intent, gross negligence or no fault)
    with the reason; returns the record's id."""
    row = _record(uow, receivable_id, finding, reason)
    uow.commit()
    return row.id


def answerable(uow: UnitOfWork, receivable_id: int) -> set[int]:
    """The people charged on the debt (its rep, the sales manager, the director)."""
    return set(uow.session.scalars(
        select(LiabilityShare.user_id).join(LiabilityCharge, LiabilityCharge.id == LiabilityShare.charge_id)
        .where(LiabilityCharge.receivable_id == receivable_id, LiabilityShare.user_id.is_not(None))))


def _decide(uow: UnitOfWork, fault_id: int, approve: bool, note: str = "") -> LiabilityFault:
    row = uow.session.get(LiabilityFault, fault_id, with_for_update=True, populate_existing=True)
    if row is None:
        raise NotFound(_("Fault record"), fault_id)
    doc_no = uow.session.scalar(select(Receivable.doc_no).where(Receivable.id == row.receivable_id)) or ""
    actor = current_actor(uow)
    ensure_may_decide(row.recorded_by_id, actor.user_id, answerable(uow, row.receivable_id))
    check_exemption_decision(doc_no, row.status, approve, note)
    before = {"status": row.status}
    row.status = (RecordStatus.EXEMPTED if approve else RecordStatus.REJECTED).value
    row.decided_by_id, row.decided_at, row.decision_note = actor.user_id, uow.clock(), note.strip()
    uow.audit("liability.exemption_approve" if approve else "liability.exemption_reject", "liability_fault",
              row.id, before, {"document": doc_no, "status": row.status, "note": row.decision_note})
    return row


@service(Perm.LIABILITY_EXEMPT)
def decide_exemption(uow: UnitOfWork, fault_id: int, approve: bool, note: str = "") -> None:
    """The general manager approves a no-fault exemption (the debt charges nobody) or
    rejects it with the reason (the debt awaits a fault record again)."""
    _decide(uow, fault_id, approve, note)
    uow.commit()


# -- the queues ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class DebtToDecide:
    receivable_id: int
    doc_no: str
    customer_id: int
    customer_code: str
    customer_name: str
    first_month: date  # the first month charged
    proposed: int  # its charges so far, before any refund
    fault_id: int | None  # the pending record, for exemptions
    recorded_by: str
    reason: str
    since: datetime | None


def _charged_debts() -> Select:
    c = LiabilityCharge
    return (select(c.receivable_id, func.min(c.month).label("first"), func.sum(c.total).label("proposed"))
            .where(c.kind != ChargeKind.REFUND.value).group_by(c.receivable_id))


def awaiting_fault_query() -> Select:
    """Charged debts without a live record: (receivable id, first month, proposed)."""
    live = select(LiabilityFault.receivable_id).where(LiabilityFault.status.in_(LIVE_VALUES))
    return _charged_debts().where(LiabilityCharge.receivable_id.not_in(live))


def exemptions_pending_query() -> Select:
    """Charged debts whose no-fault exemption awaits the GM: (receivable id, first month, proposed)."""
    pending = select(LiabilityFault.receivable_id).where(LiabilityFault.status == RecordStatus.PENDING.value)
    return _charged_debts().where(LiabilityCharge.receivable_id.in_(pending))


def debt_rows(uow: UnitOfWork, q: Select) -> list[tuple]:
    sub = q.subquery()
    return list(uow.session.execute(
        select(sub.c.receivable_id, Receivable.doc_no, Customer.id, Customer.code, Customer.name, sub.c.first,
               sub.c.proposed)
        .join(Receivable, Receivable.id == sub.c.receivable_id).join(Customer, Customer.id == Receivable.customer_id)
        .order_by(sub.c.first, Receivable.doc_no).limit(QUEUE_LIMIT)))


@service(Perm.LIABILITY_RECORD_FAULT, read_only=True)
def debts_awaiting_fault(uow: UnitOfWork) -> list[DebtToDecide]:
    """Debts whose proposed charges await the sales manager's fault record, oldest first."""
    return [DebtToDecide(rid, doc, cid, code, name, first, int(total), None, "", "", None)
            for rid, doc, cid, code, name, first, total in debt_rows(uow, awaiting_fault_query())]


@service(Perm.LIABILITY_EXEMPT, read_only=True)
def exemptions_awaiting(uow: UnitOfWork) -> list[DebtToDecide]:
    """No-fault exemptions awaiting the general manager, oldest first."""
    pending = {f.receivable_id: f for f in uow.session.scalars(
        select(LiabilityFault).where(LiabilityFault.status == RecordStatus.PENDING.value))}
    if not pending:
        return []
    rows = debt_rows(uow, exemptions_pending_query())
    names = user_names(uow, [f.recorded_by_id for f in pending.values()])
    out = []
    for rid, doc, cid, code, name, first, total in rows:
        f = pending[rid]
        out.append(DebtToDecide(rid, doc, cid, code, name, first, int(total), f.id,
                                names.get(f.recorded_by_id, ""), f.reason, f.recorded_at))
    return sorted(out, key=lambda d: d.fault_id or 0)  # ids run in the order recorded: oldest first


@service(Perm.RECEIVABLE_VIEW, read_only=True)
def last_month_charged(uow: UnitOfWork, receivable_id: int) -> date | None:
    """The latest month with a charge on the debt: where the statement shows it."""
    return uow.session.scalar(select(func.max(LiabilityCharge.month)).where(
        LiabilityCharge.receivable_id == receivable_id))
