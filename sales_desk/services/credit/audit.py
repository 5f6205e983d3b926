"""The monthly credit audit for finance [授信稽核] (seed 001 客户信用管理制度 第19条 1:
公司财务部每月必须稽核销售部门的授信及执行情况并向财务总监汇报; SPEC §3 Execution).

For a month: every customer with a credit limit or with money open at the month's end —
grade, hold, limit, term, open receivables at the month's end (the aging's figure as of
that day), usage of the limit and whether it was exceeded; the credit overrides approved
in the month, the orders the credit check blocked, the limits set and the holds started.
Printed by reports/credit/audit.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from sqlalchemy import or_, select

from sales_desk import clock
from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.collections.liability import month_end, month_start
from sales_desk.domain.common.money import share_percent
from sales_desk.domain.common.roles import Perm
from sales_desk.domain.orders.contracts import ApprovalKind
from sales_desk.models import CreditHold, CreditLimitDecision, Customer, OrderApproval, SalesOrder
from sales_desk.services.admin.audit import chain_head_code
from sales_desk.services.collections.aging import aging_rows
from sales_desk.services.collections.common import collection_settings
from sales_desk.services.common.base import current_actor, service
from sales_desk.services.customers.scope import business_today, user_names


@dataclass(frozen=True)
class AuditCustomer:
    customer_id: int
    code: str
    name: str
    grade: str | None
    on_hold: bool
    limit: int
    term_days: int | None
    open_amount: int  # at the month's end
    overdue: int  # at the month's end
    usage: Decimal | None  # percent of the limit, one decimal; None without a limit
    breach: bool  # open beyond the limit


@dataclass(frozen=True)
class AuditOverride:
    order_no: str
    customer_code: str
    customer_name: str
    decided_at: datetime
    approver: str
    amount: int | None
    exposure: int | None
    available: int | None
    reason: str


@dataclass(frozen=True)
class AuditBlock:
    order_no: str
    customer_code: str
    customer_name: str
    blocked_at: datetime
    reason: str  # domain.orders.BlockReason
    excess: int | None
    status: str  # the order's status now


@dataclass(frozen=True)
class AuditLimit:
    customer_code: str
    customer_name: str
    set_at: datetime
    grade: str
    previous: int
    amount: int
    term_days: int | None
    set_by: str
    automatic: bool


@dataclass(frozen=True)
class CreditAudit:
    month: date
    as_of: date  # the month's end, or today for the running month
    company: str
    customers: tuple[AuditCustomer, ...]
    overrides: tuple[AuditOverride, ...]
    blocks: tuple[AuditBlock, ...]
    limits: tuple[AuditLimit, ...]
    holds_started: int
    total_limits: int
    total_open: int
    breaches: int
    audit_head: str = ""  # the audit trail's head when prepared (services/admin/audit.py)
    prepared_by: str = ""  # who prints it (finance), by full name as the form is signed


def _utc_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """The local month as UTC instants: [first day 00:00, day after the last 00:00)."""
    tz = clock.now().astimezone().tzinfo
    lo = datetime.combine(start, time(), tzinfo=tz).astimezone(UTC)
    hi = datetime.combine(end + timedelta(days=1), time(), tzinfo=tz).astimezone(UTC)
    return lo, hi


def usage(open_amount: int, limit: int) -> Decimal | None:
    if limit <= 0:
        return None
    return share_percent(open_amount, limit, places=1)


@service(Perm.CREDIT_AUDIT, read_only=True)
def credit_audit(uow: UnitOfWork, month: date) -> CreditAudit:
    """The month's credit audit: limits, usage, breaches, overrides, blocks, limit changes."""
    start = month_start(month)
    as_of = min(month_end(start), business_today(uow))
    settings = collection_settings(uow)
    aging = {r.customer_id: r for r in aging_rows(uow, as_of, settings.buckets)}
    customers = uow.session.scalars(select(Customer).where(
        or_(Customer.credit_limit > 0, Customer.id.in_(list(aging)))).order_by(Customer.code))
    rows = []
    for c in customers:
        a = aging.get(c.id)
        open_amount = a.total if a else 0
        rows.append(AuditCustomer(c.id, c.code, c.name, c.credit_grade, c.credit_hold, c.credit_limit,
                                  c.payment_term_days, open_amount, a.overdue if a else 0,
                                  usage(open_amount, c.credit_limit), open_amount > c.credit_limit))
    lo, hi = _utc_bounds(start, month_end(start))
    overrides = uow.session.execute(
        select(OrderApproval, SalesOrder.number, Customer.code, Customer.name)
        .join(SalesOrder, SalesOrder.id == OrderApproval.order_id)
        .join(Customer, Customer.id == SalesOrder.customer_id)
        .where(OrderApproval.kind == ApprovalKind.CREDIT_OVERRIDE.value, OrderApproval.approved.is_(True),
               OrderApproval.decided_at >= lo, OrderApproval.decided_at < hi)
        .order_by(OrderApproval.decided_at)).all()
    blocks = uow.session.execute(
        select(SalesOrder, Customer.code, Customer.name).join(Customer, Customer.id == SalesOrder.customer_id)
        .where(SalesOrder.blocked_at >= lo, SalesOrder.blocked_at < hi).order_by(SalesOrder.blocked_at)).all()
    limits = uow.session.execute(
        select(CreditLimitDecision, Customer.code, Customer.name)
        .join(Customer, Customer.id == CreditLimitDecision.customer_id)
        .where(CreditLimitDecision.set_at >= lo, CreditLimitDecision.set_at < hi)
        .order_by(CreditLimitDecision.set_at)).all()
    holds = uow.session.scalars(select(CreditHold.id).where(CreditHold.started_at >= lo,
                                                            CreditHold.started_at < hi)).all()
    preparer = current_actor(uow).user_id
    names = user_names(uow, [o.approver_id for o, *_r in overrides] + [d.set_by_id for d, *_r in limits]
                       + [preparer])
    return CreditAudit(
        start, as_of, settings.company, tuple(rows),
        tuple(AuditOverride(number, code, name, o.decided_at, names.get(o.approver_id, ""), o.amount, o.exposure,
                            o.available, o.note) for o, number, code, name in overrides),
        tuple(AuditBlock(o.number, code, name, o.blocked_at, o.block_reason, o.block_excess, o.status)
              for o, code, name in blocks if o.blocked_at is not None),
        tuple(AuditLimit(code, name, d.set_at, d.grade, d.previous_amount, d.amount, d.term_days,
                         names.get(d.set_by_id, ""), d.automatic) for d, code, name in limits),
        len(holds), sum(r.limit for r in rows), sum(r.open_amount for r in rows), sum(1 for r in rows if r.breach),
        chain_head_code(uow), names.get(preparer, ""))
