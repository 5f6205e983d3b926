"""The customer ledger [应收账款明细账]: invoices, opening balances, credit notes, receipts,
prepayments and bad-debt write-offs by date, with the running balance (SPEC §5).

One SQL UNION ALL ordered by date streams the entries (yield_per), so a ledger of
100,000 lines is exported without holding it (reports/collections/ledger_xlsx.py). Order within a
day: documents first, then money in, then write-offs, each in the order entered.

The balance is what the customer owes: Σ documents (credit notes negative) − money
received (less receipts reversed) − written off (less what was recovered). With every
prepayment applied it equals Σ open amounts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Date, Integer, String, cast, func, literal, null, select, union_all

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.collections.receivables import AllocationSource
from sales_desk.domain.common.roles import Perm
from sales_desk.models import (
    OrderPrepayment,
    Receipt,
    Receivable,
    ReceivableAllocation,
    SalesOrder,
    WriteOff,
)
from sales_desk.services.collections.common import standing
from sales_desk.services.common.base import service
from sales_desk.services.customers.scope import business_today, visible_customer

# besides DocumentKind values; a reversal is a receipt undone (a bounced cheque), a recovery
# a written-off debt reinstated as its money comes in
RECEIPT, PREPAYMENT, WRITE_OFF, REVERSAL, RECOVERY = "receipt", "prepayment", "write_off", "reversal", "recovery"


@dataclass(frozen=True)
class LedgerLine:
    on: date
    kind: str  # domain.receivables.DocumentKind value, or receipt, prepayment, write_off
    number: str
    reference: str  # the shipment, return, order, bank slip or reason behind it
    due_date: date | None
    debit: int  # owes more
    credit: int  # owes less
    balance: int  # running
    open_amount: int | None  # documents: still open today


@dataclass(frozen=True)
class Ledger:
    customer_id: int
    code: str
    name: str
    lines: tuple[LedgerLine, ...]
    debits: int  # invoices and opening balances
    credit_notes: int
    received: int  # receipts and prepayments
    written_off: int
    balance: int
    open_receivables: int  # Σ open amounts today
    overdue: int


def _entries(customer_id: int):  # noqa: ANN202 - a SQLAlchemy compound select
    r, p, rc, w, o = (Receivable.__table__, OrderPrepayment.__table__, Receipt.__table__, WriteOff.__table__,
                      SalesOrder.__table__)
    a = ReceivableAllocation.__table__
    docs = select(r.c.doc_date.label("on"), literal(0, Integer).label("seq"), r.c.created_at.label("at"),
                  r.c.id.label("id"), r.c.kind.label("kind"), r.c.doc_no.label("number"),
                  r.c.description.label("reference"), r.c.due_date.label("due"), r.c.amount.label("amount"),
                  r.c.open_amount.label("open")).where(r.c.customer_id == customer_id)
    pays = select(p.c.received_on, literal(1, Integer), p.c.recorded_at, p.c.id, literal(PREPAYMENT, String),
                  p.c.reference, o.c.number, cast(null(), Date), -p.c.amount, cast(null(), Integer)) \
        .select_from(p.join(o, o.c.id == p.c.order_id)).where(p.c.customer_id == customer_id)
    money = select(rc.c.received_on, literal(1, Integer), rc.c.recorded_at, rc.c.id, literal(RECEIPT, String),
                   rc.c.number, rc.c.reference, cast(null(), Date), -rc.c.amount, cast(null(), Integer)) \
        .where(rc.c.customer_id == customer_id)
    bounced = select(rc.c.reversed_on, literal(1, Integer), rc.c.reversed_at, rc.c.id, literal(REVERSAL, String),
                     rc.c.number, rc.c.reversal_reason, cast(null(), Date), rc.c.amount, cast(null(), Integer)) \
        .where(rc.c.customer_id == customer_id, rc.c.reversed_on.is_not(None))
    gone = select(w.c.written_off_on, literal(2, Integer), w.c.decided_at, w.c.id, literal(WRITE_OFF, String),
                  w.c.number, w.c.reason, cast(null(), Date), -w.c.written_off, cast(null(), Integer)) \
        .where(w.c.customer_id == customer_id, w.c.status == "approved")
    back = select(a.c.applied_on, literal(0, Integer), a.c.created_at, a.c.id, literal(RECOVERY, String),
                  w.c.number, r.c.doc_no, cast(null(), Date), -a.c.amount, cast(null(), Integer)) \
        .select_from(a.join(r, r.c.id == a.c.receivable_id).join(w, w.c.id == a.c.write_off_id)) \
        .where(r.c.customer_id == customer_id, a.c.source == AllocationSource.WRITE_OFF.value, a.c.amount < 0)
    u = union_all(docs, pays, money, bounced, gone, back).subquery("entries")
    return select(u).order_by(u.c.on, u.c.seq, u.c.at, u.c.id)


def iter_ledger(uow: UnitOfWork, customer_id: int, until: date | None = None) -> Iterator[LedgerLine]:
    """The entries in order with the running balance, streamed from the database."""
    q = _entries(customer_id)
    if until is not None:
        q = q.where(q.selected_columns.on <= until)
    balance = 0
    result = uow.session.execute(q.execution_options(yield_per=2000))
    for on, _seq, _at, _id, kind, number, reference, due, amount, open_amount in result:
        balance += amount
        yield LedgerLine(on, kind, number, reference or "", due, max(amount, 0), max(-amount, 0), balance,
                         open_amount)


@service(Perm.RECEIVABLE_VIEW, read_only=True)
def customer_ledger(uow: UnitOfWork, customer_id: int, until: date | None = None) -> Ledger:
    """The customer's ledger with totals (up to `until` when given)."""
    c = visible_customer(uow, customer_id)
    lines = tuple(iter_ledger(uow, c.id, until))
    debits = sum(x.debit for x in lines if x.kind not in (REVERSAL, RECOVERY))
    notes = sum(x.credit for x in lines if x.kind not in (RECEIPT, PREPAYMENT, WRITE_OFF))
    received = (sum(x.credit for x in lines if x.kind in (RECEIPT, PREPAYMENT))
                - sum(x.debit for x in lines if x.kind == REVERSAL))
    gone = (sum(x.credit for x in lines if x.kind == WRITE_OFF)
            - sum(x.debit for x in lines if x.kind == RECOVERY))
    st = standing(uow, c.id, business_today(uow))
    return Ledger(c.id, c.code, c.name, lines, debits, notes, received, gone, debits - notes - received - gone,
                  st.balance, st.overdue)


@service(Perm.RECEIVABLE_VIEW)
def export_ledger(uow: UnitOfWork, customer_id: int, consume: Callable[[str, str, Iterator[LedgerLine]], int],
                  until: date | None = None) -> int:
    """Hand the customer's ledger to a writer (reports/collections/ledger_xlsx.py) as a stream; audited."""
    c = visible_customer(uow, customer_id)
    count = consume(c.code, c.name, iter_ledger(uow, c.id, until))
    uow.audit("receivable.export_ledger", "customer", c.id, None, {"customer": c.code, "rows": count,
                                                                    "until": until})
    uow.commit()
    return count


def ledger_balance(uow: UnitOfWork, customer_id: int) -> int:
    """Σ documents − money received − written off, in one query (tests, checks)."""
    r, p, rc, w = Receivable, OrderPrepayment, Receipt, WriteOff
    s = uow.session
    docs = s.scalar(select(func.coalesce(func.sum(r.amount), 0)).where(r.customer_id == customer_id))
    pays = s.scalar(select(func.coalesce(func.sum(p.amount), 0)).where(p.customer_id == customer_id))
    money = s.scalar(select(func.coalesce(func.sum(rc.amount), 0)).where(rc.customer_id == customer_id,
                                                                        rc.reversed_on.is_(None)))
    gone = s.scalar(select(func.coalesce(func.sum(w.written_off), 0)).where(
        w.customer_id == customer_id, w.status == "approved"))
    a = ReceivableAllocation
    recovered = s.scalar(select(func.coalesce(func.sum(-a.amount), 0)).join(r, r.id == a.receivable_id).where(
        r.customer_id == customer_id, a.source == AllocationSource.WRITE_OFF.value, a.amount < 0))
    return int(docs) - int(pays) - int(money) - int(gone) + int(recovered)
