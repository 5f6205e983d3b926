"""Rebate agreements and rebates [返利] (seed 002 一、10 对客户制定奖励、返利制度), approved like
other money and paid through the receivables ledger. Rules: domain/collections/rebates.py.

- The sales manager proposes an agreement (tiers, basis, period, validity) and, once a period
  has ended, the period's rebate computed from the dispatch register: shipped less returned.
- The general manager approves or refuses either, never their own proposal.
- Finance pays an approved rebate once: a credit note [贷项通知] raised in the receivables
  ledger like a return's, applied at once to the customer's open invoices (oldest due first);
  what is left stays open on the note and lowers the balance all the same.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.collections.rebates import (
    AGREEMENT_PREFIX,
    REBATE_PREFIX,
    Basis,
    NetShipped,
    PeriodKind,
    Tier,
    check_agreement_dates,
    check_tiers,
    clip,
    compute_rebate,
    period_of,
    rate_text,
)
from sales_desk.domain.collections.receivables import (
    DOC_PREFIX,
    AllocationSource,
    DocumentKind,
    settle,
)
from sales_desk.domain.common.approvals import ensure_not_self_approval
from sales_desk.domain.common.errors import NotFound, ValidationError
from sales_desk.domain.common.roles import Perm
from sales_desk.domain.orders.dispatch import MovementKind
from sales_desk.i18n import _
from sales_desk.models import (
    Customer,
    Movement,
    Rebate,
    RebateAgreement,
    RebateItem,
    RebateTier,
    Receivable,
)
from sales_desk.services.collections.common import open_debits
from sales_desk.services.collections.distributors import distributor_of
from sales_desk.services.collections.receivables import allocate
from sales_desk.services.common.base import current_actor, service
from sales_desk.services.common.documents import next_number
from sales_desk.services.customers.scope import business_today, lock_customer, visible_customer


@dataclass(frozen=True)
class AgreementInput:
    customer_id: int
    basis: str  # domain Basis
    period_kind: str  # domain PeriodKind
    valid_from: date
    valid_to: date
    tiers: tuple[Tier, ...]
    note: str = ""


def propose_agreement_in(uow: UnitOfWork, data: AgreementInput) -> RebateAgreement:
    d = distributor_of(uow, data.customer_id)
    basis, kind = Basis(data.basis), PeriodKind(data.period_kind)
    check_agreement_dates(data.valid_from, data.valid_to)
    tiers = check_tiers(data.tiers)
    overlap = uow.session.scalar(select(RebateAgreement.number).where(
        RebateAgreement.customer_id == d.customer_id, RebateAgreement.status != "refused",
        RebateAgreement.valid_from <= data.valid_to, RebateAgreement.valid_to >= data.valid_from))
    if overlap:
        raise ValidationError(_("Valid from"), _("the agreement {number} already covers part of this time").format(
            number=overlap))
    a = RebateAgreement(number=next_number(uow, AGREEMENT_PREFIX, data.valid_from), customer_id=d.customer_id,
                        basis=basis.value, period_kind=kind.value, valid_from=data.valid_from,
                        valid_to=data.valid_to, status="proposed", note=data.note.strip(),
                        proposed_by_id=current_actor(uow).user_id, proposed_at=uow.clock())
    uow.session.add(a)
    uow.session.flush()
    for t in tiers:
        uow.session.add(RebateTier(agreement_id=a.id, from_volume=t.from_volume, rate_bp=t.rate_bp))
    code = uow.session.scalar(select(Customer.code).where(Customer.id == d.customer_id))
    uow.audit("rebate.agreement_propose", "rebate_agreement", a.id, None,
              {"number": a.number, "customer": code, "basis": basis.value, "period": kind.value,
               "valid_from": a.valid_from, "valid_to": a.valid_to,
               "tiers": {str(t.from_volume): rate_text(t.rate_bp) for t in tiers}})
    return a


@service(Perm.DISTRIBUTOR_MANAGE)
def propose_agreement(uow: UnitOfWork, data: AgreementInput) -> int:
    """The sales manager proposes a distributor's rebate agreement; the GM approves it."""
    a = propose_agreement_in(uow, data)
    uow.commit()
    return a.id


def _agreement(uow: UnitOfWork, agreement_id: int, lock: bool = False) -> RebateAgreement:
    a = uow.session.get(RebateAgreement, agreement_id, with_for_update=lock, populate_existing=lock)
    if a is None:
        raise NotFound(_("Rebate agreement"), agreement_id)
    visible_customer(uow, a.customer_id)
    return a


@service(Perm.REBATE_APPROVE)
def decide_agreement(uow: UnitOfWork, agreement_id: int, approve: bool, note: str = "") -> None:
    """The GM approves the agreement (it is then in force) or refuses it, saying why."""
    decide_agreement_in(uow, agreement_id, approve, note)
    uow.commit()


def decide_agreement_in(uow: UnitOfWork, agreement_id: int, approve: bool, note: str = "") -> None:
    """decide_agreement inside the caller's transaction (the demo firm)."""
    a = _agreement(uow, agreement_id, lock=True)
    ensure_not_self_approval(a.proposed_by_id, current_actor(uow).user_id, "rebate_agreement")
    if a.status != "proposed":
        raise ValidationError(_("Rebate agreement"), _("already decided"))
    if not approve and not note.strip():
        raise ValidationError(_("Reason"), _("say why the agreement is refused"))
    a.status = "approved" if approve else "refused"
    a.decided_by_id, a.decided_at, a.decision_note = current_actor(uow).user_id, uow.clock(), note.strip()
    uow.audit("rebate.agreement_decide", "rebate_agreement", a.id, {"status": "proposed"},
              {"number": a.number, "status": a.status, "note": a.decision_note})


def tiers_of(uow: UnitOfWork, agreement_id: int) -> tuple[Tier, ...]:
    return tuple(Tier(t.from_volume, t.rate_bp) for t in uow.session.scalars(
        select(RebateTier).where(RebateTier.agreement_id == agreement_id).order_by(RebateTier.from_volume)))


# -- a period's figure -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Behind:
    """A shipment or a return behind a figure: returns carry negative quantity and amount."""

    shipment_id: int
    return_id: int | None
    moved_on: date
    quantity: int
    amount: int


def movements_behind(uow: UnitOfWork, customer_id: int, start: date, end: date) -> list[Behind]:
    """The goods that left for the customer and came back from it in [start, end], per document."""
    rows = uow.session.execute(
        select(Movement.shipment_id, Movement.return_id, Movement.moved_on, Movement.kind,
               Movement.quantity, Movement.amount)
        .where(Movement.customer_id == customer_id, Movement.moved_on >= start, Movement.moved_on <= end)
        .order_by(Movement.moved_on, Movement.id)).all()
    docs: dict[tuple[int, int | None], list[int | date]] = {}
    for sid, rid, on, kind, qty, amount in rows:
        sign = 1 if kind == MovementKind.OUT.value else -1
        key = (sid, rid if sign < 0 else None)
        entry = docs.setdefault(key, [on, 0, 0])
        entry[1] = int(entry[1]) + sign * qty  # type: ignore[call-overload]
        entry[2] = int(entry[2]) + sign * amount  # type: ignore[call-overload]
    return [Behind(sid, rid, on, qty, amt) for (sid, rid), (on, qty, amt) in docs.items()]  # type: ignore[misc]


def net_of(items: Sequence[Behind]) -> NetShipped:
    return NetShipped(sum(i.quantity for i in items if i.return_id is None),
                      -sum(i.quantity for i in items if i.return_id is not None),
                      sum(i.amount for i in items if i.return_id is None),
                      -sum(i.amount for i in items if i.return_id is not None))


def _period(a: RebateAgreement, day: date) -> tuple[date, date]:
    if not a.valid_from <= day <= a.valid_to:
        raise ValidationError(_("Period"), _("the agreement {number} runs from {start} to {end}").format(
            number=a.number, start=a.valid_from.isoformat(), end=a.valid_to.isoformat()))
    return clip(period_of(PeriodKind(a.period_kind), day), a.valid_from, a.valid_to)


def propose_rebate_in(uow: UnitOfWork, agreement_id: int, period_day: date) -> Rebate:
    a = _agreement(uow, agreement_id)
    lock_customer(uow, a.customer_id)
    if a.status != "approved":
        raise ValidationError(_("Rebate agreement"), _("{number} is not approved").format(number=a.number))
    start, end = _period(a, period_day)
    if end >= business_today(uow):
        raise ValidationError(_("Period"), _("the period ends on {end}: a rebate is computed once it is over")
                              .format(end=end.isoformat()))
    taken = uow.session.scalar(select(Rebate.number).where(
        Rebate.agreement_id == a.id, Rebate.period_start == start, Rebate.status != "refused"))
    if taken:
        raise ValidationError(_("Period"), _("the rebate {number} is already for this period").format(number=taken))
    items = movements_behind(uow, a.customer_id, start, end)
    net = net_of(items)
    fig = compute_rebate(tiers_of(uow, a.id), Basis(a.basis), net)
    if fig.amount == 0:
        raise ValidationError(_("Rebate"), _("the period's net shipments reach no tier: nothing to pay"))
    r = Rebate(number=next_number(uow, REBATE_PREFIX, end), agreement_id=a.id, customer_id=a.customer_id,
               period_start=start, period_end=end, shipped_qty=net.shipped_qty, returned_qty=net.returned_qty,
               shipped_amount=net.shipped_amount, returned_amount=net.returned_amount, volume=fig.volume,
               rate_bp=fig.rate_bp, amount=fig.amount, status="proposed",
               proposed_by_id=current_actor(uow).user_id, proposed_at=uow.clock())
    uow.session.add(r)
    try:
        uow.session.flush()
    except IntegrityError:  # another seat proposed the same period a moment ago
        raise ValidationError(_("Period"), _("a rebate is already proposed for this period")) from None
    for i in items:
        uow.session.add(RebateItem(rebate_id=r.id, shipment_id=i.shipment_id, return_id=i.return_id,
                                   moved_on=i.moved_on, quantity=i.quantity, amount=i.amount))
    code = uow.session.scalar(select(Customer.code).where(Customer.id == a.customer_id))
    uow.audit("rebate.propose", "rebate", r.id, None,
              {"number": r.number, "customer": code, "agreement": a.number, "period_start": start,
               "period_end": end, "shipped": net.shipped_amount, "returned": net.returned_amount,
               "volume": fig.volume, "rate": rate_text(fig.rate_bp), "amount": fig.amount,
               "documents": len(items)})
    return r


@service(Perm.DISTRIBUTOR_MANAGE)
def propose_rebate(uow: UnitOfWork, agreement_id: int, period_day: date) -> int:
    """Compute and propose the rebate of the agreement's period that `period_day` falls in."""
    r = propose_rebate_in(uow, agreement_id, period_day)
    uow.commit()
    return r.id


def _rebate(uow: UnitOfWork, rebate_id: int) -> Rebate:
    r = uow.session.get(Rebate, rebate_id, with_for_update=True, populate_existing=True)
    if r is None:
        raise NotFound(_("Rebate"), rebate_id)
    visible_customer(uow, r.customer_id)
    return r


@service(Perm.REBATE_APPROVE)
def decide_rebate(uow: UnitOfWork, rebate_id: int, approve: bool, note: str = "") -> None:
    """The GM approves the period's rebate or refuses it (saying why), never their own proposal."""
    decide_rebate_in(uow, rebate_id, approve, note)
    uow.commit()


def decide_rebate_in(uow: UnitOfWork, rebate_id: int, approve: bool, note: str = "") -> None:
    """decide_rebate inside the caller's transaction (the demo firm)."""
    r = _rebate(uow, rebate_id)
    ensure_not_self_approval(r.proposed_by_id, current_actor(uow).user_id, "rebate")
    if r.status != "proposed":
        raise ValidationError(_("Rebate"), _("already decided"))
    if not approve and not note.strip():
        raise ValidationError(_("Reason"), _("say why the rebate is refused"))
    r.status = "approved" if approve else "refused"
    r.decided_by_id, r.decided_at, r.decision_note = current_actor(uow).user_id, uow.clock(), note.strip()
    uow.audit("rebate.decide", "rebate", r.id, {"status": "proposed"},
              {"number": r.number, "status": r.status, "amount": r.amount, "note": r.decision_note})


def pay_rebate_in(uow: UnitOfWork, rebate_id: int, on: date | None = None) -> Receivable:
    r = _rebate(uow, rebate_id)
    c = lock_customer(uow, r.customer_id)
    if r.status == "paid" or r.credit_note_id is not None:
        raise ValidationError(_("Rebate"), _("{number} is paid already").format(number=r.number))
    if r.status != "approved":
        raise ValidationError(_("Rebate"), _("{number} is not approved").format(number=r.number))
    actor = current_actor(uow)
    ensure_not_self_approval(r.proposed_by_id, actor.user_id, "rebate")  # nor pays their own
    today = on or business_today(uow)
    cn = Receivable(doc_no=next_number(uow, DOC_PREFIX[DocumentKind.CREDIT_NOTE], today),
                    kind=DocumentKind.CREDIT_NOTE.value, customer_id=c.id, rep_id=c.rep_id, doc_date=today,
                    due_date=today, amount=-r.amount, open_amount=-r.amount,
                    description=_("Rebate {number}").format(number=r.number),
                    created_by_id=actor.user_id, created_at=uow.clock())
    uow.session.add(cn)
    uow.session.flush()
    moves: dict[str, int] = {}
    for inv in open_debits(uow, c.id, today, lock=True):
        x = settle(inv.open_amount, -cn.open_amount)
        if x:
            allocate(uow, inv, x, today, AllocationSource.CREDIT_NOTE, credit_note=cn)
            moves[inv.doc_no] = x
    r.status, r.paid_by_id, r.paid_on, r.credit_note_id = "paid", actor.user_id, today, cn.id
    uow.audit("rebate.pay", "rebate", r.id, {"status": "approved"},
              {"number": r.number, "customer": c.code, "amount": r.amount, "credit_note": cn.doc_no,
               "applied": moves, "on": today})
    return cn


@service(Perm.REBATE_PAY)
def pay_rebate(uow: UnitOfWork, rebate_id: int) -> str:
    """Finance pays the approved rebate as a credit note in the ledger; returns its number."""
    cn = pay_rebate_in(uow, rebate_id)
    uow.commit()
    return cn.doc_no
