"""Bad-debt write-off [呆账核销], the ladder's last step (seed 001 销售回款管理制度 第10条 6:
不能收回的，财务部提交呆账申请经销售经理审批后销账).

- Finance submits (writeoff.submit) only once the lawsuit found the debt unrecoverable:
  the ladder's order is enforced; one write-off in the works per customer.
- The sales manager approves (writeoff.approve) — never the person who submitted it
  (the roles conflict too, and the check holds for a justified combination).
- Approval settles each document's open amount by a write-off allocation dated that day
  (less than submitted if money came in meanwhile) and closes the collection cycle. A
  written-off debt never earns a liability refund (domain/collections/liability.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.collections.dunning import Step, StepOutOfOrder, next_step
from sales_desk.domain.collections.receivables import AllocationSource
from sales_desk.domain.common.approvals import ensure_not_self_approval
from sales_desk.domain.common.errors import NotFound, ValidationError
from sales_desk.domain.common.roles import Perm
from sales_desk.i18n import _
from sales_desk.models import Customer, Lawsuit, Receivable, WriteOff, WriteOffItem
from sales_desk.services.collections.common import open_debits, scope_to_actor
from sales_desk.services.collections.dunning import close_cycle
from sales_desk.services.collections.ladder import ladder_state
from sales_desk.services.collections.receivables import allocate
from sales_desk.services.common.base import current_actor, service
from sales_desk.services.common.documents import next_number
from sales_desk.services.customers.scope import (
    business_today,
    lock_customer,
    user_names,
    visible_customer,
)

WRITE_OFF_PREFIX = "WO"


def _submit(uow: UnitOfWork, customer_id: int, reason: str, receivable_ids: Sequence[int] | None = None) -> WriteOff:
    c = lock_customer(uow, visible_customer(uow, customer_id).id)
    if not reason.strip():
        raise ValidationError(_("Reason"), _("say why the debt cannot be recovered"))
    state, cyc = ladder_state(uow, c, business_today(uow))
    nxt = next_step(state)
    if nxt is None or nxt.step is not Step.WRITTEN_OFF:
        raise StepOutOfOrder(Step.WRITTEN_OFF, state, nxt)
    if uow.session.scalar(select(WriteOff.id).where(WriteOff.customer_id == c.id, WriteOff.status == "submitted")):
        raise ValidationError(_("Write-off"), _("one is already waiting for the sales manager"))
    docs = open_debits(uow, c.id)
    if receivable_ids:
        wanted = set(receivable_ids)
        docs = [d for d in docs if d.id in wanted]
        if len(docs) != len(wanted):
            raise ValidationError(_("Documents"), _("only the customer's open invoices can be written off"))
    if not docs:
        raise ValidationError(_("Documents"), _("nothing is open"))
    suit = uow.session.scalar(select(Lawsuit.id).where(Lawsuit.customer_id == c.id, Lawsuit.cycle == cyc.number))
    today = business_today(uow)
    w = WriteOff(number=next_number(uow, WRITE_OFF_PREFIX, today), customer_id=c.id, lawsuit_id=suit,
                 status="submitted", reason=reason.strip(), amount=sum(d.open_amount for d in docs),
                 submitted_by_id=current_actor(uow).user_id, submitted_at=uow.clock())
    uow.session.add(w)
    uow.session.flush()
    for d in docs:
        uow.session.add(WriteOffItem(write_off_id=w.id, receivable_id=d.id, amount=d.open_amount))
    uow.audit("writeoff.submit", "write_off", w.id, None,
              {"number": w.number, "customer": c.code, "amount": w.amount, "reason": w.reason,
               "documents": {d.doc_no: d.open_amount for d in docs}})
    return w


@service(Perm.WRITEOFF_SUBMIT)
def submit_writeoff(uow: UnitOfWork, customer_id: int, reason: str,
                    receivable_ids: Sequence[int] | None = None) -> int:
    """Finance asks to write off the customer's open invoices (all, or those named)."""
    w = _submit(uow, customer_id, reason, receivable_ids)
    uow.commit()
    return w.id


def _decide(uow: UnitOfWork, writeoff_id: int, approve: bool, note: str = "") -> WriteOff:
    w = uow.session.get(WriteOff, writeoff_id, with_for_update=True, populate_existing=True)
    if w is None:
        raise NotFound(_("Write-off"), writeoff_id)
    c = lock_customer(uow, visible_customer(uow, w.customer_id).id)
    actor = current_actor(uow)
    ensure_not_self_approval(w.submitted_by_id, actor.user_id, "write_off")
    if w.status != "submitted":
        raise ValidationError(_("Write-off"), _("already decided"))
    today = business_today(uow)
    w.decided_by_id, w.decided_at, w.decision_note = actor.user_id, uow.clock(), note.strip()
    if not approve:
        if not note.strip():
            raise ValidationError(_("Reason"), _("say why the write-off is refused"))
        w.status = "refused"
        uow.audit("writeoff.refuse", "write_off", w.id, {"status": "submitted"},
                  {"status": "refused", "note": w.decision_note})
        return w
    items = list(uow.session.scalars(select(WriteOffItem).where(WriteOffItem.write_off_id == w.id)))
    docs = {d.id: d for d in uow.session.scalars(select(Receivable).where(
        Receivable.id.in_([i.receivable_id for i in items])).with_for_update())}
    done = 0
    for item in items:
        d = docs[item.receivable_id]
        x = min(item.amount, d.open_amount)
        if x > 0:
            allocate(uow, d, x, today, AllocationSource.WRITE_OFF, write_off_id=w.id)
            done += x
    w.status, w.written_off, w.written_off_on = "approved", done, today
    close_cycle(uow, c, Step.WRITTEN_OFF, today, note=w.number)
    uow.audit("writeoff.approve", "write_off", w.id, {"status": "submitted"},
              {"status": "approved", "written_off": done, "on": today, "note": w.decision_note})
    return w


@service(Perm.WRITEOFF_APPROVE)
def decide_writeoff(uow: UnitOfWork, writeoff_id: int, approve: bool, note: str = "") -> None:
    """The sales manager approves (the debt leaves the books) or refuses, never their own."""
    _decide(uow, writeoff_id, approve, note)
    uow.commit()


@dataclass(frozen=True)
class WriteOffRow:
    id: int
    number: str
    customer_id: int
    customer_code: str
    customer_name: str
    status: str
    amount: int
    written_off: int
    reason: str
    submitted_by: str
    submitted_at: datetime
    decided_by: str
    decided_at: datetime | None
    decision_note: str
    written_off_on: date | None


@service(Perm.RECEIVABLE_VIEW, read_only=True)
def writeoffs(uow: UnitOfWork, status: str | None = None) -> list[WriteOffRow]:
    """Write-offs (waiting first when no status is given), newest first."""
    q = select(WriteOff, Customer.code, Customer.name).join(Customer, Customer.id == WriteOff.customer_id)
    if status:
        q = q.where(WriteOff.status == status)
    rows = uow.session.execute(scope_to_actor(uow, q, WriteOff.customer_id)
                               .order_by(WriteOff.status != "submitted", WriteOff.id.desc())).all()
    names = user_names(uow, [w.submitted_by_id for w, _c, _n in rows] + [w.decided_by_id for w, _c, _n in rows])
    return [WriteOffRow(w.id, w.number, w.customer_id, code, name, w.status, w.amount, w.written_off, w.reason,
                        names.get(w.submitted_by_id, ""), w.submitted_at, names.get(w.decided_by_id or 0, ""),
                        w.decided_at, w.decision_note, w.written_off_on) for w, code, name in rows]
