"""Each customer's lifecycle stage, value grade and churn risk [客户生命周期, 客户价值, 流失管理]
(rules in domain/relationship/lifecycle.py and value.py), for one customer's file and for
the analysis list of everyone the user sees.

Four SQL aggregates, each one pass (no object graph): orders per customer (first, last, the
last twelve months and the twelve before), the order lines of the last twelve months at the
product's cost (the approved price list in force: finance's cost check), and the oldest
overdue debt per customer over the covering index (customer, due date, open amount). The
rules then run per customer in Python. At 100,000 customers and 1,000,000 order lines the
whole list takes well under a second (benchmarks/bench_lifecycle.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Select, and_, func, select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.domain.customers.files import sees_all_customers
from sales_desk.domain.orders.contracts import OrderStatus
from sales_desk.domain.orders.price_lists import PriceListStatus
from sales_desk.domain.relationship.lifecycle import (
    LifecyclePolicy,
    OrderHistory,
    Stage,
    change_percent,
    stage_of,
)
from sales_desk.domain.relationship.value import (
    Payment,
    Risk,
    ValuePolicy,
    churn_risk,
    margin_percent,
    payment_of,
    value_of,
)
from sales_desk.models import Customer, OrderLine, PriceList, PriceListLine, Receivable, SalesOrder
from sales_desk.services.admin.settings import load_settings
from sales_desk.services.common.base import business_today, current_actor, service, user_names
from sales_desk.services.customers.scope import visible_customer

NOT_PLACED = (OrderStatus.DRAFT.value, OrderStatus.CANCELLED.value)  # not orders placed
YEAR = timedelta(days=365)


@dataclass(frozen=True)
class CustomerValue:
    customer_id: int
    code: str
    name: str
    rep: str
    key_account: bool
    stage: str  # Stage
    first_order: date | None
    last_order: date | None
    sales_12m: int  # placed orders' totals, last twelve months (minor units)
    sales_prior_12m: int
    change_percent: int | None  # against the twelve months before
    margin_percent: int | None  # None: no product cost on file
    cost_coverage: int  # % of the twelve months' line value whose product has a cost
    payment: str  # Payment
    oldest_overdue_days: int | None
    grade: str  # the value grade, A–D
    sales_grade: str  # from sales alone
    grade_reasons: tuple[str, ...]  # why below the sales grade
    risk: str  # Risk
    risk_reasons: tuple[tuple[str, int], ...]


def _rep_only(actor: Actor) -> int | None:
    return None if sees_all_customers(actor.roles) else actor.user_id


def _scoped(q: Select, customer_col, actor: Actor, customer_id: int | None) -> Select:  # noqa: ANN001
    if customer_id is not None:
        return q.where(customer_col == customer_id)
    rep = _rep_only(actor)
    if rep is not None:
        q = q.where(customer_col.in_(select(Customer.id).where(Customer.rep_id == rep)))
    return q


def _orders(uow: UnitOfWork, today: date, actor: Actor, customer_id: int | None) -> dict[int, tuple]:
    o = SalesOrder
    since, prior = today - YEAR, today - 2 * YEAR
    q = (select(o.customer_id, func.min(o.order_date), func.max(o.order_date),
                func.coalesce(func.sum(o.total).filter(o.order_date > since), 0),
                func.coalesce(func.sum(o.total).filter(and_(o.order_date > prior, o.order_date <= since)), 0))
         .where(o.status.not_in(NOT_PLACED), o.order_date <= today).group_by(o.customer_id))
    return {r[0]: r[1:] for r in uow.session.execute(_scoped(q, o.customer_id, actor, customer_id))}


def costs_in_force(today: date) -> Select:
    """(product_id, unit_cost) from the latest approved price list in force that costs it."""
    ln, pl = PriceListLine, PriceList
    ranked = (select(ln.product_id, ln.unit_cost,
                     func.row_number().over(partition_by=ln.product_id,
                                            order_by=(pl.effective_from.desc(), pl.version.desc())).label("n"))
              .join(pl, pl.id == ln.price_list_id)
              .where(pl.status == PriceListStatus.APPROVED.value, pl.effective_from <= today,
                     ln.unit_cost.is_not(None))).subquery()
    return select(ranked.c.product_id, ranked.c.unit_cost).where(ranked.c.n == 1)


def _margins(uow: UnitOfWork, today: date, actor: Actor, customer_id: int | None) -> dict[int, tuple[int, int, int]]:
    """Per customer: the twelve months' line value, the part of it with a cost, and that cost."""
    o, ln = SalesOrder, OrderLine
    cost = costs_in_force(today).subquery()
    q = (select(o.customer_id, func.sum(ln.amount),
                func.coalesce(func.sum(ln.amount).filter(cost.c.unit_cost.is_not(None)), 0),
                func.coalesce(func.sum(ln.quantity * cost.c.unit_cost), 0))
         .select_from(ln).join(o, o.id == ln.order_id).outerjoin(cost, cost.c.product_id == ln.product_id)
         .where(o.status.not_in(NOT_PLACED), o.order_date > today - YEAR, o.order_date <= today)
         .group_by(o.customer_id))
    return {r[0]: (int(r[1] or 0), int(r[2]), int(r[3])) for r in
            uow.session.execute(_scoped(q, o.customer_id, actor, customer_id))}


def _overdue(uow: UnitOfWork, today: date, actor: Actor, customer_id: int | None) -> dict[int, date]:
    r = Receivable
    # the due date in the aggregate's filter, not in WHERE: SQLite reads the covering index
    q = (select(r.customer_id, func.min(r.due_date).filter(r.due_date < today))
         .where(r.open_amount > 0).group_by(r.customer_id))
    return {c: d for c, d in uow.session.execute(_scoped(q, r.customer_id, actor, customer_id)) if d is not None}


def _customers(uow: UnitOfWork, actor: Actor, customer_id: int | None) -> list[tuple]:
    c = Customer
    q = select(c.id, c.code, c.name, c.rep_id, c.key_account).order_by(c.code)
    if customer_id is not None:
        q = q.where(c.id == customer_id)
    elif (rep := _rep_only(actor)) is not None:
        q = q.where(c.rep_id == rep)
    return list(uow.session.execute(q))


def compute(uow: UnitOfWork, customer_id: int | None = None) -> list[CustomerValue]:
    """The rows, inside the caller's transaction (one customer, or all the actor sees)."""
    actor = current_actor(uow)
    today = business_today(uow)
    values = load_settings(uow)
    life, vp = LifecyclePolicy.from_settings(values), ValuePolicy.from_settings(values)
    orders = _orders(uow, today, actor, customer_id)
    margins = _margins(uow, today, actor, customer_id)
    overdue = _overdue(uow, today, actor, customer_id)
    customers = _customers(uow, actor, customer_id)
    names = user_names(uow, {r[3] for r in customers})
    none: tuple = (None, None, 0, 0)
    out = []
    for cid, code, name, rep_id, key in customers:
        first, last, now, before = orders.get(cid, none)
        now, before = int(now), int(before)
        stage = stage_of(OrderHistory(first, last, now, before), today, life)
        lines, costed, cost = margins.get(cid, (0, 0, 0))
        margin = margin_percent(costed, cost)
        due = overdue.get(cid)
        late = (today - due).days if due is not None else None
        payment = payment_of(late, vp)
        change = change_percent(now, before)
        value = value_of(now, margin, payment, vp)
        risk = churn_risk(stage, last, today, change, payment, late, vp)
        out.append(CustomerValue(
            cid, code, name, names.get(rep_id or 0, ""), bool(key), stage.value, first, last, now, before,
            change, margin, round(costed * 100 / lines) if lines else 0, payment.value, late,
            value.grade.value, value.sales_grade.value, value.reasons, risk.risk.value, risk.reasons))
    return out


@service(Perm.CUSTOMER_VIEW, read_only=True)
def customer_value(uow: UnitOfWork, customer_id: int) -> CustomerValue:
    """One customer's stage, value and churn risk, for the customer file."""
    visible_customer(uow, customer_id)
    return compute(uow, customer_id)[0]


SORT_KEYS = {
    "code": lambda r: r.code, "name": lambda r: r.name, "rep": lambda r: r.rep,
    "stage": lambda r: list(Stage).index(Stage(r.stage)), "sales": lambda r: r.sales_12m,
    "change": lambda r: -10**9 if r.change_percent is None else r.change_percent,
    "margin": lambda r: -10**9 if r.margin_percent is None else r.margin_percent,
    "payment": lambda r: list(Payment).index(Payment(r.payment)), "grade": lambda r: r.grade,
    "risk": lambda r: Risk(r.risk).rank, "last_order": lambda r: r.last_order or date.min,
}


@service(Perm.CUSTOMER_VIEW, read_only=True)
def value_analysis(uow: UnitOfWork, stage: str = "", risk: str = "", key_accounts_only: bool = False,
                   sort: str = "risk", descending: bool = True) -> list[CustomerValue]:
    """Everyone the user sees (a rep: their own), filtered and sorted; the analysis list."""
    rows = compute(uow)
    if stage:
        rows = [r for r in rows if r.stage == stage]
    if risk:
        rows = [r for r in rows if r.risk == risk]
    if key_accounts_only:
        rows = [r for r in rows if r.key_account]
    rows.sort(key=SORT_KEYS.get(sort, SORT_KEYS["risk"]), reverse=descending)
    return rows
