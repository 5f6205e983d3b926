"""The raw figures behind each criterion, per rep for a period: one grouped query each,
whatever the number of reps (the month's evaluation for 200 reps reads ~7 queries).

`READERS` maps a criterion's key (domain/performance/criteria.py) to its reader
`(uow, rep_ids, start, end) -> {rep_id: Figures}`; `register_reader` adds one, so a new
criterion is one `criteria.register` and one `register_reader` call.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from sqlalchemy import case, func, select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.collections.receivables import AllocationSource
from sales_desk.domain.customers.files import InteractionKind
from sales_desk.domain.expenses.claims import ClaimStatus
from sales_desk.domain.orders.dispatch import MovementKind
from sales_desk.domain.performance import criteria as c
from sales_desk.domain.performance.criteria import Figures
from sales_desk.domain.planning.plans import Dimension
from sales_desk.models import (
    CollectionTarget,
    Customer,
    ExpenseClaim,
    Interaction,
    Movement,
    Product,
    Receivable,
    ReceivableAllocation,
    SalesOrder,
    User,
)
from sales_desk.services.activities.activities import activities_done_per_rep
from sales_desk.services.admin.settings import load_settings
from sales_desk.services.common.base import business_today
from sales_desk.services.expenses.common import monthly_allowance
from sales_desk.services.orders.sales_totals import sold_by_rep
from sales_desk.services.planning.plan_targets import plan_in_force, targets_by_month

Reader = Callable[[UnitOfWork, Sequence[int], date, date], dict[int, Figures]]
READERS: dict[str, Reader] = {}


def register_reader(key: str) -> Callable[[Reader], Reader]:
    def add(fn: Reader) -> Reader:
        READERS[key] = fn
        return fn
    return add


def _months(start: date, end: date) -> list[tuple[int, int]]:
    out, y, m = [], start.year, start.month
    while (y, m) <= (end.year, end.month):
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


@register_reader(c.SALES.key)
def sales(uow: UnitOfWork, reps: Sequence[int], start: date, end: date) -> dict[int, Figures]:
    sold = sold_by_rep(uow, start, end)
    targets: dict[int, int] = {}
    for year in {y for y, _m in _months(start, end)}:
        plan = plan_in_force(uow, year)
        months = [m for y, m in _months(start, end) if y == year]
        for key, amounts in targets_by_month(uow, plan.id if plan else None, Dimension.REP).items():
            if key.isdigit():
                targets[int(key)] = targets.get(int(key), 0) + sum(amounts[m - 1] for m in months)
    return {r: Figures(int(sold.get(r, 0)), targets.get(r)) for r in reps}


def gross_profit_by_rep(uow: UnitOfWork, start: date, end: date) -> dict[int, int]:
    """Shipped less returned, at the order's prices less the products' standard cost."""
    m = Movement
    sign = case((m.kind == MovementKind.RETURN.value, -1), else_=1)
    q = (select(SalesOrder.rep_id, func.sum(sign * (m.amount - m.quantity * Product.unit_cost)))
         .select_from(m).join(SalesOrder, SalesOrder.id == m.order_id).join(Product, Product.id == m.product_id)
         .where(m.moved_on >= start, m.moved_on <= end).group_by(SalesOrder.rep_id))
    return {k: int(v) for k, v in uow.session.execute(q)}


@register_reader(c.GROSS_PROFIT.key)
def gross_profit(uow: UnitOfWork, reps: Sequence[int], start: date, end: date) -> dict[int, Figures]:
    """Each rep's contribution against the team's best (the best scores 100)."""
    gp = gross_profit_by_rep(uow, start, end)
    best = max([gp.get(r, 0) for r in reps] + [0])
    return {r: Figures(gp.get(r, 0), best or None) for r in reps}


def collected_by_rep(uow: UnitOfWork, start: date, end: date) -> dict[int, int]:
    a, r = ReceivableAllocation, Receivable
    q = (select(r.rep_id, func.sum(a.amount)).join(r, r.id == a.receivable_id)
         .where(a.source == AllocationSource.RECEIPT.value, a.applied_on >= start, a.applied_on <= end)
         .group_by(r.rep_id))
    return {k: int(v) for k, v in uow.session.execute(q) if k is not None}


@register_reader(c.COLLECTION.key)
def collection(uow: UnitOfWork, reps: Sequence[int], start: date, end: date) -> dict[int, Figures]:
    got = collected_by_rep(uow, start, end)
    t = CollectionTarget
    targets = {k: int(v) for k, v in uow.session.execute(
        select(t.rep_id, func.sum(t.amount)).where(t.month >= start.replace(day=1), t.month <= end)
        .group_by(t.rep_id))}
    return {r: Figures(got.get(r, 0), targets.get(r)) for r in reps}


@register_reader(c.OVERDUE.key)
def overdue(uow: UnitOfWork, reps: Sequence[int], start: date, end: date) -> dict[int, Figures]:
    """Overdue of all that was open at the period's end (today for a period not over)."""
    day = min(end, business_today(uow))
    r, a = Receivable, ReceivableAllocation
    late = case((r.due_date < day, 1), else_=0)
    docs = [r.doc_date <= day, r.amount > 0]
    open_now = uow.session.execute(
        select(r.rep_id, func.sum(r.open_amount), func.sum(late * r.open_amount)).where(*docs, r.open_amount > 0)
        .group_by(r.rep_id)).all()
    totals = {k: [int(o), int(d)] for k, o, d in open_now if k is not None}
    if day < business_today(uow):  # add back what was applied after the day
        for k, o, d in uow.session.execute(
                select(r.rep_id, func.sum(a.amount), func.sum(late * a.amount)).join(r, r.id == a.receivable_id)
                .where(*docs, a.applied_on > day).group_by(r.rep_id)):
            if k is not None:
                t = totals.setdefault(k, [0, 0])
                t[0] += int(o)
                t[1] += int(d)
    return {rep: Figures(totals.get(rep, [0, 0])[1], totals.get(rep, [0, 0])[0]) for rep in reps}


@register_reader(c.COMPLAINTS.key)
def complaints(uow: UnitOfWork, reps: Sequence[int], start: date, end: date) -> dict[int, Figures]:
    """Complaints from the rep's customers recorded in the period."""
    i = Interaction
    q = (select(Customer.rep_id, func.count()).select_from(i).join(Customer, Customer.id == i.customer_id)
         .where(i.kind == InteractionKind.COMPLAINT.value, i.occurred_on >= start, i.occurred_on <= end)
         .group_by(Customer.rep_id))
    got = {k: int(v) for k, v in uow.session.execute(q)}
    return {r: Figures(got.get(r, 0)) for r in reps}


SPENT = (ClaimStatus.IN_ROUTE.value, ClaimStatus.SIGNED.value, ClaimStatus.PAID.value)


@register_reader(c.EXPENSES.key)
def expenses(uow: UnitOfWork, reps: Sequence[int], start: date, end: date) -> dict[int, Figures]:
    """The rep's claims in the period against their allowance for its months (the policy's budget
    for one person)."""
    e = ExpenseClaim
    spent = {k: int(v) for k, v in uow.session.execute(
        select(e.claimant_id, func.sum(e.amount)).where(e.status.in_(SPENT), e.spent_on >= start, e.spent_on <= end)
        .group_by(e.claimant_id))}
    settings = load_settings(uow)
    months = len(_months(start, end))
    names = dict(uow.session.execute(select(User.id, User.username).where(User.id.in_(list(reps)))).all())
    return {r: Figures(spent.get(r, 0), monthly_allowance(settings, names.get(r, "")) * months) for r in reps}


@register_reader(c.ACTIVITIES.key)
def activities(uow: UnitOfWork, reps: Sequence[int], start: date, end: date) -> dict[int, Figures]:
    """Visits and other activities each rep did in the period, against the team's best."""
    done = activities_done_per_rep(uow, list(reps), start, end)
    best = max([*done.values(), 0])
    return {r: Figures(done.get(r, 0), best or None) for r in reps}


def read_all(uow: UnitOfWork, reps: Sequence[int], start: date, end: date) -> dict[str, dict[int, Figures]]:
    return {key: READERS[key](uow, reps, start, end) for key in c.REGISTRY if key in READERS}
