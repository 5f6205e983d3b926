"""Year-end clearance [延期付款清收] (rules: domain/collections/year_end.py; seed 001 客户信用管理制度
第18条 3: 公司所有延期付款必须在每年12月31日前进行彻底清收, 第4条 1: every credit sale delivered
and not yet paid is a 延期付款).

- `clearance(today)`: from 1 November, every credit sale still open with the days left to
  31 December, per rep with totals; before it, nothing, and the day it starts.
- `uncleared(year)`: what was still open on 1 January of the next year, per rep, with the
  staff liability the liability service (services/collections/liability.py, read only) shows
  for December on each document.
- `year_end_deferrals(year)`: the formally deferred documents among them (the older list).
Each is scoped as the other collections lists: a rep sees their own customers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from sqlalchemy import func, select

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
from sales_desk.models import Customer, Deferral, DeferralItem, Receivable, ReceivableAllocation
from sales_desk.services.collections.common import scope_to_actor
from sales_desk.services.collections.liability import build_statement
from sales_desk.services.common.base import service
from sales_desk.services.customers.scope import business_today, user_names


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


@service(Perm.RECEIVABLE_VIEW, read_only=True)
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


# -- every open credit sale, from 1 November ----------------------------------------------------


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
    liability: int = 0  # `uncleared` only: December's charge on it, as the liability service shows


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


def _open_sales(uow: UnitOfWork, on: date) -> list[OpenSale]:
    """Debit documents raised by `on` and open at its end (money applied later added back),
    per rep (the document's, else the customer's), most days overdue first."""
    a = ReceivableAllocation
    r = Receivable
    later = (select(a.receivable_id, func.sum(a.amount).label("back")).where(a.applied_on > on)
             .group_by(a.receivable_id).subquery())
    open_then = r.open_amount + func.coalesce(later.c.back, 0)
    deferred = (select(DeferralItem.receivable_id).join(Deferral, Deferral.id == DeferralItem.deferral_id)
                .where(Deferral.status == DeferralStatus.APPROVED.value))
    q = (select(r.id, Customer.id, Customer.code, Customer.name, func.coalesce(r.rep_id, Customer.rep_id), r.doc_no,
                r.doc_date, r.due_date, open_then, r.id.in_(deferred))
         .join(Customer, Customer.id == r.customer_id).outerjoin(later, later.c.receivable_id == r.id)
         .where(r.amount > 0, r.doc_date <= on, open_then > 0)
         .order_by(r.due_date, Customer.code, r.doc_no))
    rows = uow.session.execute(scope_to_actor(uow, q, Customer.id)).all()
    names = user_names(uow, [x[4] for x in rows if x[4]])
    return [OpenSale(rid, cid, code, name, rep, names.get(rep or 0, ""), doc, doc_date, due, int(amount), bool(d))
            for rid, cid, code, name, rep, doc, doc_date, due, amount, d in rows]


def build_clearance(uow: UnitOfWork) -> Clearance:
    """Inside another service's transaction (the dashboard's)."""
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
    with December's staff liability on each document as the liability service gives it (one's
    own share for a rep, every charge for those who see everyone's)."""
    end = date(year, 12, 31)
    ended = business_today(uow) > end
    sales = _open_sales(uow, end) if ended else []
    statement = build_statement(uow, month_start(end))
    charged: dict[str, int] = {}
    for person in statement.people:
        for line in person.lines:
            if line.amount > 0:
                charged[line.doc_no] = charged.get(line.doc_no, 0) + line.amount
    sales = [replace(x, liability=charged.get(x.doc_no, 0)) for x in sales]
    return Uncleared(year, ended, statement.computed, tuple(sales), _totals(sales),
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
