"""Year-end clearance [延期付款清收] (rules: domain/collections/year_end.py; seed 001 客户信用管理制度
第18条 3: 公司所有延期付款必须在每年12月31日前进行彻底清收, 第4条 1: every credit sale delivered
and not yet paid is a 延期付款).

- `clearance(today)`: from 1 November, every credit sale still open with the days left to
  31 December, per rep with totals; before it, nothing, and the day it starts.
- `uncleared(year)`: what was still open on 1 January of the next year (deferred or not),
  per rep, with each debt's staff liability through December as the liability service
  (services/collections/liability.py, read only) has charged it.
Each is scoped as the other collections lists: a rep sees their own customers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from sqlalchemy import ColumnElement, Select, Subquery, func, select, union_all

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.collections.deferral import DeferralStatus
from sales_desk.domain.collections.liability import month_start
from sales_desk.domain.collections.year_end import (
    clearance_starts,
    days_left,
    in_clearance,
    year_end,
)
from sales_desk.domain.common.roles import Perm
from sales_desk.models import (
    Customer,
    Deferral,
    DeferralItem,
    LiabilityRun,
    Receivable,
    ReceivableAllocation,
)
from sales_desk.services.collections.common import scope_to_actor
from sales_desk.services.collections.liability import liability_by_debt
from sales_desk.services.common.base import service
from sales_desk.services.customers.scope import business_today, user_names


@dataclass(frozen=True)
class OpenSale:
    receivable_id: int
    customer_id: int
    customer_code: str
    customer_name: str
    rep_id: int | None
    rep: str
    doc_no: str
    doc_date: date
    due_date: date
    open_amount: int  # open on the day of the list (open on 31 Dec for `uncleared`)
    deferred: bool  # its due date was moved by an approved deferral
    liability: int = 0  # `uncleared` only: its staff liability through December (not exempted)


@dataclass(frozen=True)
class RepTotal:
    rep_id: int | None
    rep: str
    documents: int
    amount: int
    liability: int = 0


@dataclass(frozen=True)
class Clearance:
    as_of: date
    starts_on: date  # 1 November of the year
    year_end: date
    days_left: int
    started: bool  # from 1 November: the list holds the open sales
    sales: tuple[OpenSale, ...]
    reps: tuple[RepTotal, ...]
    total: int


def _totals(sales: list[OpenSale]) -> tuple[RepTotal, ...]:
    by: dict[int | None, list[OpenSale]] = {}
    for x in sales:
        by.setdefault(x.rep_id, []).append(x)
    out = [RepTotal(rid, xs[0].rep, len(xs), sum(x.open_amount for x in xs), sum(x.liability for x in xs))
           for rid, xs in by.items()]
    return tuple(sorted(out, key=lambda t: (-t.amount, t.rep)))


def _open_then(uow: UnitOfWork, on: date, *detail: ColumnElement[object]) -> Subquery:
    """Debit documents raised by `on` and open at its end (money applied later added back):
    id, customer, rep (the document's, else the customer's), the amount open then and any
    `detail` columns of the document; scoped to the actor.

    In two parts, so that neither reads every document ever raised: those open now, from the
    open debits' partial index (alone, when no detail is asked), and those settled now by
    money applied after `on`."""
    a, r = ReceivableAllocation, Receivable
    back = func.coalesce(select(func.sum(a.amount)).where(a.receivable_id == r.id, a.applied_on > on)
                         .scalar_subquery(), 0)
    rep = func.coalesce(r.rep_id, select(Customer.rep_id).where(Customer.id == r.customer_id).scalar_subquery())
    settled_later = select(a.receivable_id).where(a.applied_on > on)

    def part(*where: ColumnElement[bool]) -> Select:
        q = (select(r.id, r.customer_id, rep.label("rep_id"), (r.open_amount + back).label("open_amount"), *detail)
             .where(r.doc_date <= on, r.open_amount + back > 0, *where))
        return scope_to_actor(uow, q, r.customer_id)

    # open now: a debit (a credit note's open amount is never above 0)
    return union_all(part(r.open_amount > 0),
                     part(r.open_amount == 0, r.amount > 0, r.id.in_(settled_later))).subquery()


def _open_sales(uow: UnitOfWork, on: date) -> list[OpenSale]:
    """The sales open at the end of `on`, most days overdue first."""
    deferred = (select(DeferralItem.receivable_id).join(Deferral, Deferral.id == DeferralItem.deferral_id)
                .where(Deferral.status == DeferralStatus.APPROVED.value))
    r = Receivable
    sale = _open_then(uow, on, r.doc_no, r.doc_date, r.due_date)
    rows = uow.session.execute(
        select(sale.c.id, Customer.id, Customer.code, Customer.name, sale.c.rep_id, sale.c.doc_no, sale.c.doc_date,
               sale.c.due_date, sale.c.open_amount, sale.c.id.in_(deferred))
        .join(Customer, Customer.id == sale.c.customer_id)
        .order_by(sale.c.due_date, Customer.code, sale.c.doc_no)).all()
    names = user_names(uow, [x[4] for x in rows if x[4]])
    return [OpenSale(rid, cid, code, name, rep, names.get(rep or 0, ""), doc, doc_date, due, int(amount), bool(d))
            for rid, cid, code, name, rep, doc, doc_date, due, amount, d in rows]


def clearance_totals(uow: UnitOfWork) -> tuple[RepTotal, ...]:
    """The clearance list's totals per rep, summed in the database (the dashboard's card: at
    100,000 customers some 70,000 open sales, which the list reads one by one); () before
    1 November. Inside another service's transaction."""
    today = business_today(uow)
    if not in_clearance(today):
        return ()
    sale = _open_then(uow, today)
    rows = uow.session.execute(select(sale.c.rep_id, func.count(), func.sum(sale.c.open_amount))
                               .group_by(sale.c.rep_id)).all()
    names = user_names(uow, [x[0] for x in rows if x[0]])
    return tuple(sorted((RepTotal(rid, names.get(rid or 0, ""), int(n), int(amount)) for rid, n, amount in rows),
                        key=lambda t: (-t.amount, t.rep)))


def build_clearance(uow: UnitOfWork) -> Clearance:
    """Inside another service's transaction."""
    today = business_today(uow)
    started = in_clearance(today)
    sales = _open_sales(uow, today) if started else []
    return Clearance(today, clearance_starts(today.year), year_end(today), days_left(today), started,
                     tuple(sales), _totals(sales), sum(x.open_amount for x in sales))


@service(Perm.RECEIVABLE_VIEW, read_only=True)
def clearance(uow: UnitOfWork) -> Clearance:
    """From 1 November: every credit sale still open, with the days left to 31 December."""
    return build_clearance(uow)


@dataclass(frozen=True)
class Uncleared:
    year: int
    ended: bool  # 1 January of the next year has come: the list is final
    liability_computed: bool  # finance has computed December's liability
    sales: tuple[OpenSale, ...]
    reps: tuple[RepTotal, ...]
    total: int
    liability: int


def build_uncleared(uow: UnitOfWork, year: int) -> Uncleared:
    """What was still open on 1 January after `year` (open at the end of 31 December), per rep,
    each debt with its staff liability charged through December — every month's charge on it,
    not December's alone (one's own share for a rep, every share for those who see everyone's)."""
    end = date(year, 12, 31)
    ended = business_today(uow) > end
    sales = _open_sales(uow, end) if ended else []
    charged = liability_by_debt(uow, [x.receivable_id for x in sales], month_start(end))
    sales = [replace(x, liability=charged.get(x.receivable_id, 0)) for x in sales]
    computed = uow.session.get(LiabilityRun, month_start(end)) is not None
    return Uncleared(year, ended, computed, tuple(sales), _totals(sales),
                     sum(x.open_amount for x in sales), sum(x.liability for x in sales))


@service(Perm.RECEIVABLE_VIEW, read_only=True)
def uncleared(uow: UnitOfWork, year: int) -> Uncleared:
    """What was still open on 1 January after `year`, per rep, with its staff liability."""
    return build_uncleared(uow, year)


@service(Perm.RECEIVABLE_VIEW)
def export_year_end(uow: UnitOfWork, write: Callable[[Clearance, Uncleared], int], year: int) -> int:
    """Hand this year's clearance list and `year`'s 1 January list to a writer
    (reports/collections/year_end_xlsx.py); audited."""
    c, u = build_clearance(uow), build_uncleared(uow, year)
    count = write(c, u)
    uow.audit("receivable.export_year_end", "receivable", "year_end", None,
              {"as_of": c.as_of, "year": year, "rows": count, "open": c.total, "uncleared": u.total})
    uow.commit()
    return count


def previous_year_end(today: date) -> int:
    """The year whose 1 January list is the latest: last year's."""
    return (today.replace(month=1, day=1) - timedelta(days=1)).year
