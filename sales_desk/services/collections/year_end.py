"""The year-end list of deferred balances [延期付款清收] (seed 001 客户信用管理制度 第18条 3:
公司所有延期付款必须在每年12月31日前进行彻底清收): every document moved by an approved
deferral that was still open on 31 December of the year, with what is open today.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.collections.deferral import DeferralStatus
from sales_desk.domain.common.roles import Perm
from sales_desk.models import Customer, Deferral, DeferralItem, Receivable, ReceivableAllocation
from sales_desk.services.collections.common import scope_to_actor
from sales_desk.services.common.base import service
from sales_desk.services.customers.scope import user_names


@dataclass(frozen=True)
class YearEndRow:
    deferral: str
    customer_id: int
    customer_code: str
    customer_name: str
    rep: str
    doc_no: str
    contract_due_date: date
    deferred_to: date
    open_at_year_end: int
    open_now: int


@service(Perm.RECEIVABLE_VIEW)
def year_end_deferrals(uow: UnitOfWork, year: int) -> list[YearEndRow]:
    """Deferred documents not cleared by 31 December of `year` (open that day)."""
    end = date(year, 12, 31)
    a = ReceivableAllocation
    later = (select(a.receivable_id, func.sum(a.amount).label("back")).where(a.applied_on > end)
             .group_by(a.receivable_id).subquery())
    q = (select(Deferral.number, Customer.id, Customer.code, Customer.name, Customer.rep_id, Receivable.doc_no,
                DeferralItem.contract_due_date, Deferral.new_due_date,
                Receivable.open_amount + func.coalesce(later.c.back, 0), Receivable.open_amount)
         .join(DeferralItem, DeferralItem.deferral_id == Deferral.id)
         .join(Receivable, Receivable.id == DeferralItem.receivable_id)
         .join(Customer, Customer.id == Deferral.customer_id)
         .outerjoin(later, later.c.receivable_id == Receivable.id)
         .where(Deferral.status == DeferralStatus.APPROVED.value, Deferral.approved_on <= end,
                Receivable.open_amount + func.coalesce(later.c.back, 0) > 0)
         .order_by(Customer.code, Receivable.doc_no, Deferral.id))
    rows = uow.session.execute(scope_to_actor(uow, q, Customer.id)).all()
    names = user_names(uow, [r[4] for r in rows])
    seen: set[str] = set()
    out = []
    for number, cid, code, name, rep_id, doc_no, contract, new_due, open_then, open_now in rows:
        if doc_no in seen:  # deferred twice: the list names it once, with its latest deferral
            out = [o for o in out if o.doc_no != doc_no]
        seen.add(doc_no)
        out.append(YearEndRow(number, cid, code, name, names.get(rep_id or 0, ""), doc_no, contract, new_due,
                              int(open_then), int(open_now)))
    return out
