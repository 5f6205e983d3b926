"""The customer's payment record [付款记录] that the deferral request form shows first (seed 001
销售回款管理制度 第9条 4: 查看客户之前的付款记录); finance's check reads it too."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.collections.deferral import DeferralStatus
from sales_desk.domain.collections.dunning import good_credit
from sales_desk.domain.common.roles import Perm
from sales_desk.models import (
    Customer,
    Deferral,
    DeferralItem,
    Lawsuit,
    Receipt,
    Receivable,
    WriteOff,
)
from sales_desk.services.collections.common import standing
from sales_desk.services.common.base import service
from sales_desk.services.customers.scope import business_today, visible_customer

RECORD_MONTHS = 12


@dataclass(frozen=True)
class PastDeferral:
    number: str
    status: str
    new_due_date: date
    amount: int
    paid_by_new_date: bool | None  # None: not yet due or not approved


@dataclass(frozen=True)
class PaymentRecord:
    """The customer's payment record [付款记录] (第9条 4)."""

    customer_id: int
    code: str
    name: str
    grade: str | None
    on_hold: bool
    good_credit: bool
    limit: int
    open_amount: int
    overdue: int
    oldest_due: date | None
    received_12m: int  # money received in the last twelve months
    receipts_12m: int
    settled_12m: int  # documents settled in the last twelve months
    on_time_12m: int
    late_12m: int
    average_days_late: int  # of those settled late
    worst_days_late: int
    deferrals: tuple[PastDeferral, ...]
    lawsuits: int
    written_off: int


def _record(uow: UnitOfWork, c: Customer) -> PaymentRecord:
    today = business_today(uow)
    since = today - timedelta(days=365)
    st = standing(uow, c.id, today)
    received, count = uow.session.execute(
        select(func.coalesce(func.sum(Receipt.amount), 0), func.count(Receipt.id))
        .where(Receipt.customer_id == c.id, Receipt.received_on >= since, Receipt.reversed_on.is_(None))).one()
    settled = uow.session.execute(select(Receivable.due_date, Receivable.settled_on).where(
        Receivable.customer_id == c.id, Receivable.amount > 0, Receivable.settled_on >= since)).all()
    late = [(s - d).days for d, s in settled if s > d]
    past = []
    for f in uow.session.scalars(select(Deferral).where(Deferral.customer_id == c.id).order_by(Deferral.id.desc())):
        paid = None
        if f.status == DeferralStatus.APPROVED.value and f.new_due_date < today:
            still = uow.session.scalar(select(func.coalesce(func.sum(Receivable.open_amount), 0))
                                       .join(DeferralItem, DeferralItem.receivable_id == Receivable.id)
                                       .where(DeferralItem.deferral_id == f.id))
            paid = not still
        past.append(PastDeferral(f.number, f.status, f.new_due_date, f.amount, paid))
    suits = uow.session.scalar(select(func.count(Lawsuit.id)).where(Lawsuit.customer_id == c.id)) or 0
    gone = uow.session.scalar(select(func.coalesce(func.sum(WriteOff.written_off), 0)).where(
        WriteOff.customer_id == c.id, WriteOff.status == "approved")) or 0
    return PaymentRecord(c.id, c.code, c.name, c.credit_grade, c.credit_hold,
                         good_credit(c.credit_grade, c.credit_hold), c.credit_limit, st.open_debits, st.overdue,
                         st.oldest_due, int(received), int(count), len(settled), len(settled) - len(late),
                         len(late), round(sum(late) / len(late)) if late else 0, max(late, default=0),
                         tuple(past), int(suits), int(gone))


@service(Perm.RECEIVABLE_VIEW, read_only=True)
def payment_record(uow: UnitOfWork, customer_id: int) -> PaymentRecord:
    """What the deferral form shows before anything is asked."""
    return _record(uow, visible_customer(uow, customer_id))
