"""Deferred payment [延期付款] (rules: domain/collections/deferral.py; seed 001 销售回款管理制度 第9条).

- The rep files the customer's request for some of its open invoices (deferral.request);
  the request form shows the customer's payment record first (`payment_record`).
- Finance checks it first (deferral.check, `check_deferral`: 财务人员 职责3 延期付款审核):
  passes it, or returns it to the requester with a reason; the requester corrects and
  resubmits it (`resubmit_deferral`: finance checks it again) or withdraws it.
- Then the sales VP, then the general manager approve (deferral.approve), in that order,
  each once, nobody twice and never the requester; any of the three may refuse at their
  step. Poor credit is refused at the request and at the final approval; a new date past
  31 December of the request's year at the request and at every step (第18条 3).
- Approved, each document's due date moves to the new date (the agreed date from now
  on: no late fee, no liability, not overdue inside it); a collection cycle left with
  nothing overdue ends as "deferred". Unpaid at the new date, the customer is overdue
  again and re-enters the ladder (services/collections/dunning.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.collections.deferral import (
    Approval,
    DeferralStatus,
    StepOutOfTurn,
    approval_slot,
    check_credit,
    check_new_due,
    complete,
    next_step,
)
from sales_desk.domain.collections.dunning import Step
from sales_desk.domain.collections.year_end import check_within_year
from sales_desk.domain.common.approvals import ensure_not_self_approval
from sales_desk.domain.common.errors import NotFound, ValidationError
from sales_desk.domain.common.roles import Perm
from sales_desk.i18n import _
from sales_desk.models import (
    Customer,
    Deferral,
    DeferralItem,
    Receivable,
)
from sales_desk.services.collections.common import (
    collection_settings,
    open_debits,
    scope_to_actor,
    standing,
)
from sales_desk.services.collections.dunning import close_cycle

# the request form's payment record lives beside (services/collections/payment_record.py)
from sales_desk.services.collections.payment_record import PaymentRecord, payment_record  # noqa: E402, F401
from sales_desk.services.common.base import current_actor, service
from sales_desk.services.common.documents import next_number
from sales_desk.services.customers.scope import (
    business_today,
    lock_customer,
    user_names,
    visible_customer,
)

DEFERRAL_PREFIX = "DF"


def _contract_due(uow: UnitOfWork, r: Receivable) -> date:
    """The contract's due date: before any approved deferral moved it."""
    first = uow.session.scalar(
        select(DeferralItem.contract_due_date).join(Deferral, Deferral.id == DeferralItem.deferral_id)
        .where(DeferralItem.receivable_id == r.id, Deferral.status == DeferralStatus.APPROVED.value)
        .order_by(DeferralItem.id).limit(1))
    return first or r.due_date


def _request(uow: UnitOfWork, customer_id: int, receivable_ids: Sequence[int], new_due_date: date,
             reason: str) -> Deferral:
    c = lock_customer(uow, visible_customer(uow, customer_id).id)
    check_credit(c.code, c.credit_grade, c.credit_hold)
    if not reason.strip():
        raise ValidationError(_("Reason"), _("give the customer's reason for the request"))
    today = business_today(uow)
    if new_due_date < today:
        raise ValidationError(_("New due date"), _("must not lie in the past"))
    check_within_year(new_due_date, today, today)
    wanted = set(receivable_ids)
    docs = [d for d in open_debits(uow, c.id, lock=True) if d.id in wanted]
    if not wanted or len(docs) != len(wanted):
        raise ValidationError(_("Documents"), _("choose open invoices of this customer"))
    pending = uow.session.scalar(
        select(Receivable.doc_no).join(DeferralItem, DeferralItem.receivable_id == Receivable.id)
        .join(Deferral, Deferral.id == DeferralItem.deferral_id)
        .where(Receivable.id.in_(wanted), Deferral.status == DeferralStatus.REQUESTED.value).limit(1))
    if pending:
        raise ValidationError(pending, _("already has a deferral awaiting approval"))
    months = collection_settings(uow).deferral_months
    contract = {d.id: _contract_due(uow, d) for d in docs}
    for d in docs:
        check_new_due(d.doc_no, contract[d.id], d.due_date, new_due_date, months)
    actor = current_actor(uow)
    f = Deferral(number=next_number(uow, DEFERRAL_PREFIX, today), customer_id=c.id,
                 status=DeferralStatus.REQUESTED.value, new_due_date=new_due_date, reason=reason.strip(),
                 amount=sum(d.open_amount for d in docs), requested_by_id=actor.user_id, requested_at=uow.clock(),
                 requested_on=today)
    uow.session.add(f)
    uow.session.flush()
    for d in docs:
        uow.session.add(DeferralItem(deferral_id=f.id, receivable_id=d.id, contract_due_date=contract[d.id],
                                     previous_due_date=d.due_date, amount=d.open_amount))
    uow.audit("deferral.request", "deferral", f.id, None,
              {"number": f.number, "customer": c.code, "new_due_date": new_due_date, "amount": f.amount,
               "reason": f.reason, "documents": {d.doc_no: d.open_amount for d in docs}})
    return f


@service(Perm.DEFERRAL_REQUEST)
def request_deferral(uow: UnitOfWork, customer_id: int, receivable_ids: Sequence[int], new_due_date: date,
                     reason: str) -> int:
    """The rep files the customer's request to pay some open invoices later; returns its id."""
    f = _request(uow, customer_id, receivable_ids, new_due_date, reason)
    uow.commit()
    return f.id


def _pending(uow: UnitOfWork, deferral_id: int) -> tuple[Deferral, Customer]:
    f = uow.session.get(Deferral, deferral_id, with_for_update=True, populate_existing=True)
    if f is None:
        raise NotFound(_("Deferral"), deferral_id)
    c = lock_customer(uow, visible_customer(uow, f.customer_id).id)
    return f, c


def taken_steps(f: Deferral) -> set[Approval]:
    return {s for s, who in ((Approval.FINANCE, f.finance_id), (Approval.SALES_VP, f.vp_id),
                             (Approval.GM, f.gm_id)) if who}


def _step(uow: UnitOfWork, f: Deferral, wanted: Approval | None) -> Approval:
    """The step the actor takes now (`wanted`: finance's check, or None for an approval):
    not their own request, never a second step, and only in turn."""
    actor = current_actor(uow)
    ensure_not_self_approval(f.requested_by_id, actor.user_id, "deferral")
    if f.status != DeferralStatus.REQUESTED.value:
        raise ValidationError(_("Deferral"), _("already decided") if f.status != DeferralStatus.RETURNED.value
                              else _("was returned to its requester"))
    if actor.user_id in (f.finance_id, f.vp_id, f.gm_id):
        raise ValidationError(_("Approval"), _("needs finance's check, then the sales VP and the general manager, "
                                               "one person each"))
    taken = taken_steps(f)
    roles = {r.value for r in actor.roles}
    if wanted is Approval.FINANCE:
        due = next_step(taken)
        if due is not Approval.FINANCE:
            raise ValidationError(_("Deferral"), _("finance has checked it already"))
        slot = Approval.FINANCE
    else:
        slot = approval_slot(roles, taken)
        if slot is Approval.FINANCE:  # finance's check goes through check_deferral, not here
            raise StepOutOfTurn(Approval.SALES_VP, Approval.FINANCE)
    today = business_today(uow)
    check_within_year(f.new_due_date, f.requested_on, today)
    return slot


def _refuse(uow: UnitOfWork, f: Deferral, note: str) -> None:
    if not note.strip():
        raise ValidationError(_("Reason"), _("say why the deferral is refused"))
    f.status, f.refused_by_id, f.refused_at, f.refusal_note = (
        DeferralStatus.REFUSED.value, current_actor(uow).user_id, uow.clock(), note.strip())
    uow.audit("deferral.refuse", "deferral", f.id, {"status": "requested"},
              {"status": f.status, "note": f.refusal_note})


def _check(uow: UnitOfWork, deferral_id: int, passed: bool, note: str = "") -> Deferral:
    """Finance's check: the customer's account and payment record seen, the request passed
    on to the sales VP, or returned to its requester with the reason."""
    f, _c = _pending(uow, deferral_id)
    _step(uow, f, Approval.FINANCE)
    actor = current_actor(uow)
    if passed:
        f.finance_id, f.finance_at, f.finance_note = actor.user_id, uow.clock(), note.strip()
        uow.audit("deferral.check", "deferral", f.id, None, {"number": f.number, "note": f.finance_note})
        return f
    if not note.strip():
        raise ValidationError(_("Reason"), _("say why the request goes back: the requester reads it"))
    f.status, f.returned_by_id, f.returned_at, f.return_note = (
        DeferralStatus.RETURNED.value, actor.user_id, uow.clock(), note.strip())
    uow.audit("deferral.return", "deferral", f.id, {"status": "requested"},
              {"number": f.number, "status": f.status, "note": f.return_note})
    return f


@service(Perm.DEFERRAL_CHECK)
def check_deferral(uow: UnitOfWork, deferral_id: int, passed: bool, note: str = "") -> None:
    """Finance passes the request on to the sales VP, or returns it (a reason needed)."""
    _check(uow, deferral_id, passed, note)
    uow.commit()


def _returned(uow: UnitOfWork, deferral_id: int) -> Deferral:
    f, _c = _pending(uow, deferral_id)
    if f.status != DeferralStatus.RETURNED.value:
        raise ValidationError(_("Deferral"), _("only a request returned by finance is corrected or withdrawn"))
    if f.requested_by_id != current_actor(uow).user_id:
        raise ValidationError(_("Deferral"), _("only its requester corrects or withdraws it"))
    return f


def _resubmit(uow: UnitOfWork, deferral_id: int, new_due_date: date, reason: str) -> Deferral:
    """The requester corrects a returned request (its new date, its reason) and files it
    again: finance checks it anew; the documents stay those of the request."""
    f = _returned(uow, deferral_id)
    c = lock_customer(uow, f.customer_id)
    check_credit(c.code, c.credit_grade, c.credit_hold)
    if not reason.strip():
        raise ValidationError(_("Reason"), _("give the customer's reason for the request"))
    today = business_today(uow)
    if new_due_date < today:
        raise ValidationError(_("New due date"), _("must not lie in the past"))
    check_within_year(new_due_date, today, today)
    months = collection_settings(uow).deferral_months
    items = list(uow.session.scalars(select(DeferralItem).where(DeferralItem.deferral_id == f.id)))
    docs = {d.id: d for d in uow.session.scalars(select(Receivable).where(
        Receivable.id.in_([i.receivable_id for i in items])))}
    for i in items:
        d = docs[i.receivable_id]
        if d.open_amount > 0:
            check_new_due(d.doc_no, i.contract_due_date, d.due_date, new_due_date, months)
    before = {"status": f.status, "new_due_date": f.new_due_date, "reason": f.reason}
    f.status, f.new_due_date, f.reason, f.requested_on = (DeferralStatus.REQUESTED.value, new_due_date,
                                                          reason.strip(), today)
    f.finance_id, f.finance_at, f.finance_note = None, None, ""
    f.resubmissions += 1
    uow.audit("deferral.resubmit", "deferral", f.id, before,
              {"number": f.number, "status": f.status, "new_due_date": new_due_date, "reason": f.reason})
    return f


@service(Perm.DEFERRAL_REQUEST)
def resubmit_deferral(uow: UnitOfWork, deferral_id: int, new_due_date: date, reason: str) -> None:
    _resubmit(uow, deferral_id, new_due_date, reason)
    uow.commit()


@service(Perm.DEFERRAL_REQUEST)
def withdraw_deferral(uow: UnitOfWork, deferral_id: int) -> None:
    """The requester withdraws a returned request: it ends there."""
    f = _returned(uow, deferral_id)
    f.status = DeferralStatus.WITHDRAWN.value
    uow.audit("deferral.withdraw", "deferral", f.id, {"status": "returned"}, {"number": f.number, "status": f.status})
    uow.commit()


def _decide(uow: UnitOfWork, deferral_id: int, approve: bool, note: str = "") -> Deferral:
    """The sales VP's, then the general manager's approval (after finance's check), or a
    refusal at their step."""
    f, c = _pending(uow, deferral_id)
    slot = _step(uow, f, None)
    if not approve:
        _refuse(uow, f, note)
        return f
    actor = current_actor(uow)
    if slot is Approval.SALES_VP:
        f.vp_id, f.vp_at, f.vp_note = actor.user_id, uow.clock(), note.strip()
    else:
        f.gm_id, f.gm_at, f.gm_note = actor.user_id, uow.clock(), note.strip()
    uow.audit("deferral.approve", "deferral", f.id, None, {"approval": slot.value, "note": note.strip()})
    if complete(taken_steps(f)):
        _apply(uow, f, c)
    return f


def _apply(uow: UnitOfWork, f: Deferral, c: Customer) -> None:
    """Both approvals in: the documents' due dates move; a cycle with nothing overdue ends."""
    check_credit(c.code, c.credit_grade, c.credit_hold)
    months = collection_settings(uow).deferral_months
    today = business_today(uow)
    items = list(uow.session.scalars(select(DeferralItem).where(DeferralItem.deferral_id == f.id)))
    docs = {d.id: d for d in uow.session.scalars(select(Receivable).where(
        Receivable.id.in_([i.receivable_id for i in items])).with_for_update())}
    for i in items:
        d = docs[i.receivable_id]
        if d.open_amount > 0:
            check_new_due(d.doc_no, i.contract_due_date, d.due_date, f.new_due_date, months)
            d.due_date = f.new_due_date
    f.status, f.approved_on = DeferralStatus.APPROVED.value, today
    uow.session.flush()
    if standing(uow, c.id, today).overdue == 0:
        close_cycle(uow, c, Step.DEFERRED, today, note=f.number)
    uow.audit("deferral.apply", "deferral", f.id, {"status": "requested"},
              {"status": f.status, "new_due_date": f.new_due_date,
               "documents": sorted(d.doc_no for d in docs.values())})


@service(Perm.DEFERRAL_APPROVE)
def decide_deferral(uow: UnitOfWork, deferral_id: int, approve: bool, note: str = "") -> None:
    """The sales VP's, then the general manager's approval, or a refusal at their step."""
    _decide(uow, deferral_id, approve, note)
    uow.commit()


# -- what the request form and the approvers see ------------------------------------------------


@dataclass(frozen=True)
class DeferralRow:
    id: int
    number: str
    customer_id: int
    customer_code: str
    customer_name: str
    status: str
    new_due_date: date
    amount: int
    reason: str
    requested_by: str
    requested_at: datetime
    vp: str
    gm: str
    refused_by: str
    refusal_note: str
    documents: tuple[tuple[str, date, date, int], ...]  # (doc no., contract due, due before, open)
    requested_by_id: int = 0
    finance: str = ""  # who passed finance's check
    returned_by: str = ""
    return_note: str = ""
    next_step: str = ""  # Approval: the step it waits for while requested


@service(Perm.RECEIVABLE_VIEW, read_only=True)
def deferrals(uow: UnitOfWork, status: str | None = None) -> list[DeferralRow]:
    """Deferrals (awaiting a step or returned first), newest first, with their documents."""
    q = select(Deferral, Customer.code, Customer.name).join(Customer, Customer.id == Deferral.customer_id)
    if status:
        q = q.where(Deferral.status == DeferralStatus(status).value)
    rows = uow.session.execute(scope_to_actor(uow, q, Deferral.customer_id).order_by(
        Deferral.status.not_in([DeferralStatus.REQUESTED.value, DeferralStatus.RETURNED.value]),
        Deferral.id.desc())).all()
    items: dict[int, list[tuple[str, date, date, int]]] = {}
    for fid, doc, contract, before, amount in uow.session.execute(
            select(DeferralItem.deferral_id, Receivable.doc_no, DeferralItem.contract_due_date,
                   DeferralItem.previous_due_date, DeferralItem.amount)
            .join(Receivable, Receivable.id == DeferralItem.receivable_id)
            .where(DeferralItem.deferral_id.in_([f.id for f, _c, _n in rows])).order_by(DeferralItem.id)):
        items.setdefault(fid, []).append((doc, contract, before, amount))
    names = user_names(uow, [x for f, _c, _n in rows for x in (f.requested_by_id, f.vp_id, f.gm_id, f.refused_by_id,
                                                             f.finance_id, f.returned_by_id) if x])
    out = []
    for f, code, name in rows:
        step = next_step(taken_steps(f)) if f.status == DeferralStatus.REQUESTED.value else None
        out.append(DeferralRow(
            f.id, f.number, f.customer_id, code, name, f.status, f.new_due_date, f.amount, f.reason,
            names.get(f.requested_by_id, ""), f.requested_at, names.get(f.vp_id or 0, ""), names.get(f.gm_id or 0, ""),
            names.get(f.refused_by_id or 0, ""), f.refusal_note, tuple(items.get(f.id, ())), f.requested_by_id,
            names.get(f.finance_id or 0, ""), names.get(f.returned_by_id or 0, ""), f.return_note,
            step.value if step else ""))
    return out
