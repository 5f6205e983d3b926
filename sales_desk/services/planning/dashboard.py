"""The dashboard's early warnings [预警管理] (SPEC §7; rules in domain/planning/warnings.py), made for
the person logged in, with the records behind each count.

Each warning shows to those whose duties it concerns (WARNING_RIGHTS, and the plan
readers for sales against plan) and counts only what they see: a sales rep their own
customers and orders (services/customers/scope.py's rule), everyone else all of them.
Every figure is one SQL aggregate over an index — at 100,000 customers and 1,000,000
order lines the whole dashboard is computed in well under a second (benchmarks/
bench_dashboard.py); the drill-down lists are capped queries of the same predicates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import Select, and_, extract, func, select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.common.errors import NotPermitted, ValidationError
from sales_desk.domain.common.money import format_money
from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.domain.credit.rating import DowngradeTrigger
from sales_desk.domain.customers.files import sees_all_customers
from sales_desk.domain.expenses.claims import COMMITTED, Category
from sales_desk.domain.orders.contracts import OrderStatus
from sales_desk.domain.planning.plans import Dimension, reads_plans
from sales_desk.domain.planning.warnings import (
    Level,
    WarningKind,
    budget_level,
    churn_cutoff,
    expected_in_year,
    level_against,
    overdue_level,
    pace_level,
    recent_change_cutoff,
    stale_cutoff,
    worst,
)
from sales_desk.i18n import _, current_language
from sales_desk.models import (
    Customer,
    DowngradeTriggerRecord,
    ExpenseBudgetLine,
    ExpenseClaim,
    Receivable,
    SalesOrder,
    SalesPlanTarget,
)
from sales_desk.services.admin.settings import load_settings
from sales_desk.services.collections.common import collection_settings
from sales_desk.services.common.base import current_actor, service
from sales_desk.services.customers.scope import business_today, stale_months, user_names
from sales_desk.services.expenses.common import OVERSEERS, budget_in_force
from sales_desk.services.orders.common import scoped
from sales_desk.services.orders.sales_totals import sold_by_month
from sales_desk.services.planning.plans import own_rep_only, period, plan_in_force

DRILL_LIMIT = 500
_COMMITTED = [s.value for s in COMMITTED]
_OPEN_ORDER = [OrderStatus.DRAFT.value, OrderStatus.CANCELLED.value]  # not orders placed

# Who each warning is for: the holders of any of these rights.
WARNING_RIGHTS: dict[WarningKind, frozenset[Perm]] = {
    WarningKind.OVERDUE: frozenset({Perm.RECEIVABLE_VIEW}),
    WarningKind.EXPENSES: frozenset(OVERSEERS),
    # who keeps customer files, reviews them, or sees the full file (customer-manager level up)
    WarningKind.CHURN: frozenset({Perm.CUSTOMER_EDIT, Perm.CUSTOMER_REVIEW, Perm.CUSTOMER_CONFIDENTIAL}),
    WarningKind.STALE_FILES: frozenset({Perm.CUSTOMER_EDIT, Perm.CUSTOMER_REVIEW, Perm.CUSTOMER_CONFIDENTIAL}),
    WarningKind.MAJOR_CHANGES: frozenset({Perm.CREDIT_VIEW}),
    WarningKind.REVIEWS_DUE: frozenset({Perm.CREDIT_VIEW}),
    WarningKind.BLOCKED_ORDERS: frozenset({Perm.ORDER_CREATE, Perm.ORDER_APPROVE, Perm.CREDIT_OVERRIDE,
                                           Perm.CREDIT_AUDIT}),
}


def warnings_for(actor: Actor) -> list[WarningKind]:
    """The warnings this user's dashboard shows, in the policy's order."""
    out = []
    for kind in WarningKind:
        if kind is WarningKind.SALES_PROGRESS:
            if reads_plans(actor.roles):
                out.append(kind)
        elif WARNING_RIGHTS[kind] & actor.permissions:
            out.append(kind)
    return out


@dataclass(frozen=True)
class Figure:
    """One line of a warning: a bucket, a period, a group."""

    key: str  # what the drill-down takes as `part`
    label: str  # translated
    count: int | None
    amount: int | None
    target: int | None  # the plan's or the budget's figure it is measured against
    level: str  # Level


@dataclass(frozen=True)
class WarningCard:
    kind: str  # WarningKind
    level: str  # Level: the worst of its figures
    count: int  # records behind it
    amount: int | None  # money behind it, when there is
    figures: tuple[Figure, ...]


@dataclass(frozen=True)
class MonthFigure:
    month: int
    target: int
    sold: int


@dataclass(frozen=True)
class Dashboard:
    as_of: date
    user_name: str  # the full name, for the greeting
    cards: tuple[WarningCard, ...]
    sales_by_month: tuple[MonthFigure, ...]  # this year, for the plan's readers; () for others
    aging_labels: tuple[str, ...]  # the buckets' headings when the overdue warning shows

    def card(self, kind: WarningKind | str) -> WarningCard | None:
        return next((c for c in self.cards if c.kind == kind), None)


# -- scope ---------------------------------------------------------------------------------------


def _own_customers(actor: Actor) -> int | None:
    """A sales rep's user id (they see their own customers), else None (all)."""
    return None if sees_all_customers(actor.roles) else actor.user_id


def _customers(q: Select, actor: Actor) -> Select:
    rep = _own_customers(actor)
    return q if rep is None else q.where(Customer.rep_id == rep)


# -- each warning --------------------------------------------------------------------------------


def _buckets(uow: UnitOfWork, today: date) -> tuple[list[str], list]:
    """The aging buckets' headings (current first) and, for each overdue bucket, its
    condition on the due date (domain/collections/aging.py's cutoffs: a range of due dates)."""
    buckets = collection_settings(uow).buckets
    cut = buckets.cutoffs(today)
    due = Receivable.due_date
    conds = [due < cut[-1] if i == buckets.count - 1 else and_(due < cut[i - 1], due >= cut[i])
             for i in range(1, buckets.count)]
    return buckets.labels(), conds


def _visible_documents(q: Select, actor: Actor) -> Select:
    rep = _own_customers(actor)
    if rep is None:
        return q
    return q.where(Receivable.customer_id.in_(select(Customer.id).where(Customer.rep_id == rep)))


def _overdue(uow: UnitOfWork, actor: Actor, today: date) -> tuple[WarningCard, tuple[str, ...]]:
    """Open debit documents past their due date, per bucket: customers and money. One pass
    over the covering index (customer, due date, open amount)."""
    labels, conds = _buckets(uow, today)
    r = Receivable
    overdue = r.due_date < today
    cols = []
    for cond in conds:
        cols += [func.count(r.customer_id.distinct()).filter(cond),
                 func.coalesce(func.sum(r.open_amount).filter(cond), 0)]
    # The due date only in the aggregates' filters, not in WHERE: SQLite then reads the
    # covering index (customer, due date, open amount) instead of looking each overdue
    # row up from the due-date index (≈ 15 ms instead of ≈ 300 at 1M order lines).
    q = select(func.count(r.customer_id.distinct()).filter(overdue),
               func.coalesce(func.sum(r.open_amount).filter(overdue), 0), *cols).where(r.open_amount > 0)
    row = uow.session.execute(_visible_documents(q, actor)).one()
    amounts = [int(row[3 + 2 * i]) for i in range(len(conds))]
    figures = tuple(Figure(str(i + 1), labels[i + 1], int(row[2 + 2 * i]), amounts[i], None,
                           overdue_level([0] * (i + 1) + [amounts[i]]).value) for i in range(len(conds)))
    card = WarningCard(WarningKind.OVERDUE.value, overdue_level([0, *amounts]).value, int(row[0]), int(row[1]),
                       figures)
    return card, tuple(labels)


def _plan_months(uow: UnitOfWork, plan_id: int | None, rep_only: int | None) -> dict[int, int]:
    """The plan's target per month: the reps' together (a rep: their own), else the
    regions', else the products' — whichever the plan sets."""
    if plan_id is None:
        return {}
    t = SalesPlanTarget
    for dim in [Dimension.REP] if rep_only is not None else list(Dimension):
        q = (select(t.month, func.sum(t.amount)).where(t.plan_id == plan_id, t.dimension == dim.value)
             .group_by(t.month))
        if rep_only is not None:
            q = q.where(t.key == str(rep_only))
        months = {int(m): int(v) for m, v in uow.session.execute(q)}
        if any(months.values()):
            return months
    return {}


def _sales(uow: UnitOfWork, actor: Actor, today: date) -> tuple[WarningCard, tuple[MonthFigure, ...]]:
    """Sold this month and this year against the plan in force, and month by month."""
    rep_only = own_rep_only(actor)
    plan = plan_in_force(uow, today.year)
    targets = _plan_months(uow, plan.id if plan else None, rep_only)
    sold = sold_by_month(uow, today.year, rep_only)
    start, end = period(today.year, today.month)
    target, actual = targets.get(today.month, 0), sold.get(today.month, 0)
    figures = [Figure("month", _("This month"), None, actual, target,
                      pace_level(target, actual, start, end, today).value)]
    profile = [targets.get(m, 0) for m in range(1, 13)]  # the year month by month: its seasons count
    target, actual = sum(profile), sum(sold.values())
    figures.append(Figure("year", _("This year"), None, actual, target, (
        level_against(expected_in_year(profile, today.year, today), actual) if target else Level.OK).value))
    months = tuple(MonthFigure(m, targets.get(m, 0), sold.get(m, 0)) for m in range(1, 13))
    return (WarningCard(WarningKind.SALES_PROGRESS.value, worst([Level(f.level) for f in figures]).value,
                        0, figures[1].amount, tuple(figures)), months)


def _expenses(uow: UnitOfWork, today: date) -> WarningCard:
    """This month's and the year-to-date spending (in approval, signed or paid) against the
    budget in force."""
    budget = budget_in_force(uow, today.year)
    c, line = ExpenseClaim, ExpenseBudgetLine
    month = extract("month", c.spent_on)
    spent = {int(m): int(v) for m, v in uow.session.execute(
        select(month, func.sum(c.amount)).where(c.spent_on >= date(today.year, 1, 1),
                                                c.spent_on <= date(today.year, 12, 31), c.status.in_(_COMMITTED))
        .group_by(month))}
    planned = {int(m): int(v) for m, v in uow.session.execute(
        select(line.month, func.sum(line.amount)).where(line.budget_id == budget.id).group_by(line.month))} \
        if budget else {}
    this_spent, this_budget = spent.get(today.month, 0), planned.get(today.month, 0)
    ytd_spent = sum(v for m, v in spent.items() if m <= today.month)
    ytd_budget = sum(v for m, v in planned.items() if m <= today.month)
    over = sum(1 for m in range(1, today.month + 1) if spent.get(m, 0) > planned.get(m, 0))
    figures = (Figure("month", _("This month"), None, this_spent, this_budget,
                      budget_level(this_budget, this_spent).value),
               Figure("year", _("Year to date"), over, ytd_spent, ytd_budget, budget_level(ytd_budget, ytd_spent).value))
    return WarningCard(WarningKind.EXPENSES.value, worst([Level(f.level) for f in figures]).value, over,
                       ytd_spent, figures)


def _last_orders(actor: Actor) -> Select:
    """Each visible customer's last order date (placed: not a draft, not cancelled)."""
    o = SalesOrder
    q = (select(o.customer_id.label("customer_id"), func.max(o.order_date).label("last"))
         .where(o.status.not_in(_OPEN_ORDER)).group_by(o.customer_id))
    rep = _own_customers(actor)
    if rep is not None:
        q = q.where(o.customer_id.in_(select(Customer.id).where(Customer.rep_id == rep)))
    return q


def _churn(uow: UnitOfWork, actor: Actor, today: date) -> WarningCard:
    days = int(load_settings(uow)["customer.churn_days"])  # type: ignore[call-overload]
    last = _last_orders(actor).subquery()
    n = int(uow.session.scalar(select(func.count()).select_from(last)
                               .where(last.c["last"] <= churn_cutoff(today, days))) or 0)
    level = Level.WATCH if n else Level.OK
    return WarningCard(WarningKind.CHURN.value, level.value, n, None,
                       (Figure("days", _("No order for {days} days or more").format(days=days), n, None, None,
                               level.value),))


def _local_midnight(day: date) -> datetime:
    return datetime.combine(day, time.min).astimezone()


def _changes(uow: UnitOfWork, actor: Actor, today: date) -> WarningCard:
    t = DowngradeTriggerRecord
    since = _local_midnight(recent_change_cutoff(today))
    q = _customers(select(func.count(), func.count(t.customer_id.distinct()))
                   .join(Customer, Customer.id == t.customer_id).where(t.recorded_at >= since), actor)
    changes, customers = uow.session.execute(q).one()
    held = int(uow.session.scalar(_customers(select(func.count()).select_from(Customer)
                                             .where(Customer.credit_hold.is_(True)), actor)) or 0)
    figures = (Figure("recent", _("Recorded in the last 30 days"), int(changes), None, None,
                      (Level.ALERT if changes else Level.OK).value),
               Figure("hold", _("Customers on credit hold"), held, None, None,
                      (Level.WATCH if held else Level.OK).value))
    return WarningCard(WarningKind.MAJOR_CHANGES.value, worst([Level(f.level) for f in figures]).value,
                       int(customers), None, figures)


def _count_card(kind: WarningKind, n: int, label: str, amount: int | None = None,
                level_if_any: Level = Level.WATCH) -> WarningCard:
    level = level_if_any if n else Level.OK
    return WarningCard(kind.value, level.value, n, amount, (Figure("all", label, n, amount, None, level.value),))


def _reviews_due(uow: UnitOfWork, actor: Actor, today: date) -> WarningCard:
    n = int(uow.session.scalar(_customers(select(func.count()).select_from(Customer)
                                          .where(Customer.rerating_due_on <= today), actor)) or 0)
    return _count_card(WarningKind.REVIEWS_DUE, n, _("Re-rating due"))


def _stale(uow: UnitOfWork, actor: Actor, today: date) -> WarningCard:
    months = stale_months(uow)
    cutoff = stale_cutoff(today, months)
    n = int(uow.session.scalar(_customers(select(func.count()).select_from(Customer)
                                          .where(Customer.file_updated_on < cutoff), actor)) or 0)
    return _count_card(WarningKind.STALE_FILES, n, _("Not updated for more than {months} months").format(
        months=months))


def _blocked(uow: UnitOfWork, actor: Actor) -> WarningCard:
    q = scoped(uow, select(func.count(), func.coalesce(func.sum(SalesOrder.total), 0))
               .where(SalesOrder.status == OrderStatus.BLOCKED.value))
    n, total = uow.session.execute(q).one()
    return _count_card(WarningKind.BLOCKED_ORDERS, int(n), _("Blocked on credit"), int(total), Level.ALERT)


@service(Perm.DASHBOARD_VIEW)
def dashboard(uow: UnitOfWork) -> Dashboard:
    """The warnings the user's duties concern, counted over what they see, and this year's
    sales by month against the plan."""
    actor = current_actor(uow)
    today = business_today(uow)
    cards: list[WarningCard] = []
    months: tuple[MonthFigure, ...] = ()
    labels: tuple[str, ...] = ()
    for kind in warnings_for(actor):
        if kind is WarningKind.OVERDUE:
            card, labels = _overdue(uow, actor, today)
        elif kind is WarningKind.SALES_PROGRESS:
            card, months = _sales(uow, actor, today)
        elif kind is WarningKind.EXPENSES:
            card = _expenses(uow, today)
        elif kind is WarningKind.CHURN:
            card = _churn(uow, actor, today)
        elif kind is WarningKind.MAJOR_CHANGES:
            card = _changes(uow, actor, today)
        elif kind is WarningKind.REVIEWS_DUE:
            card = _reviews_due(uow, actor, today)
        elif kind is WarningKind.STALE_FILES:
            card = _stale(uow, actor, today)
        else:
            card = _blocked(uow, actor)
        cards.append(card)
    name = user_names(uow, [actor.user_id]).get(actor.user_id, actor.username)
    return Dashboard(today, name, tuple(cards), months, labels)


# -- drill-down ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Record:
    """One record behind a warning, with where it opens."""

    tab: str  # ui/tabs registry key
    open_kind: str  # what that tab opens
    open_id: int
    code: str  # the customer's code, the order's number…
    name: str
    detail: str  # translated: the trigger, the bucket, the category…
    on: date | None  # the date that matters: due, last order, last update, recorded
    amount: int | None


def _require(actor: Actor, kind: WarningKind) -> None:
    if kind not in warnings_for(actor):
        raise NotPermitted(f"dashboard.{kind.value}", actor.username)


def _overdue_records(uow: UnitOfWork, actor: Actor, today: date, part: str) -> list[Record]:
    """The customers with money overdue (in one bucket when `part` names it), most first."""
    labels, conds = _buckets(uow, today)
    index = int(part) if part.isdigit() else 0
    if part and not 1 <= index <= len(conds):
        raise ValidationError(_("Bucket"), _("not a valid value"))
    r = Receivable
    q = (select(Customer.id, Customer.code, Customer.name, func.min(r.due_date), func.sum(r.open_amount))
         .join(Customer, Customer.id == r.customer_id).where(r.open_amount > 0, r.due_date < today)
         .group_by(Customer.id, Customer.code, Customer.name)
         .order_by(func.sum(r.open_amount).desc(), Customer.id).limit(DRILL_LIMIT))
    if index:
        q = q.where(conds[index - 1])
    detail = labels[index] if index else _("Overdue")
    # the Collections tab's ledger: the warning needs RECEIVABLE_VIEW, which shows that page
    return [Record("collections", "ledger", cid, code, name, detail, due, int(amount))
            for cid, code, name, due, amount in uow.session.execute(_customers(q, actor))]


def _churn_records(uow: UnitOfWork, actor: Actor, today: date) -> list[Record]:
    days = int(load_settings(uow)["customer.churn_days"])  # type: ignore[call-overload]
    last = _last_orders(actor).subquery()
    q = (select(Customer.id, Customer.code, Customer.name, last.c["last"])
         .join(last, last.c.customer_id == Customer.id).where(last.c["last"] <= churn_cutoff(today, days))
         .order_by(last.c["last"], Customer.id).limit(DRILL_LIMIT))
    return [Record("customers", "customer", cid, code, name,
                   _("{days} days without an order").format(days=(today - on).days), on, None)
            for cid, code, name, on in uow.session.execute(q)]


def _change_records(uow: UnitOfWork, actor: Actor, today: date, part: str) -> list[Record]:
    if part == "hold":
        q = (select(Customer.id, Customer.code, Customer.name, Customer.credit_grade, Customer.rerating_due_on)
             .where(Customer.credit_hold.is_(True)).order_by(Customer.code).limit(DRILL_LIMIT))
        return [Record("credit", "customer", cid, code, name, _("On credit hold (grade {grade})").format(
            grade=grade or "—"), due, None) for cid, code, name, grade, due in uow.session.execute(_customers(q, actor))]
    t = DowngradeTriggerRecord
    q = (select(Customer.id, Customer.code, Customer.name, t.trigger, t.occurred_on, t.description)
         .join(Customer, Customer.id == t.customer_id)
         .where(t.recorded_at >= _local_midnight(recent_change_cutoff(today)))
         .order_by(t.recorded_at.desc(), t.id.desc()).limit(DRILL_LIMIT))
    out = []
    for cid, code, name, trigger, on, description in uow.session.execute(_customers(q, actor)):
        label = DowngradeTrigger(trigger).label if trigger in set(DowngradeTrigger) else trigger
        out.append(Record("credit", "customer", cid, code, name, f"{label}: {description}", on, None))
    return out


def _customer_records(uow: UnitOfWork, actor: Actor, q: Select, tab: str, detail: str) -> list[Record]:
    return [Record(tab, "customer", cid, code, name, detail, on, None)
            for cid, code, name, on in uow.session.execute(_customers(q.limit(DRILL_LIMIT), actor))]


def _expense_records(uow: UnitOfWork, today: date) -> list[Record]:
    budget = budget_in_force(uow, today.year)
    c, line = ExpenseClaim, ExpenseBudgetLine
    spent = {k: int(v) for k, v in uow.session.execute(
        select(c.category, func.sum(c.amount)).where(c.spent_on >= date(today.year, 1, 1), c.spent_on <= today,
                                                     c.status.in_(_COMMITTED)).group_by(c.category))}
    planned = {k: int(v) for k, v in uow.session.execute(
        select(line.category, func.sum(line.amount)).where(line.budget_id == budget.id, line.month <= today.month)
        .group_by(line.category))} if budget else {}
    out = []
    for cat in Category:
        b, s = planned.get(cat.value, 0), spent.get(cat.value, 0)
        if b or s:
            out.append(Record("expenses", "analysis", 0, cat.value, cat.label, _("Budget {budget}").format(
                budget=_money(b)), None, s))
    return sorted(out, key=lambda r: -(r.amount or 0))


def _money(minor: int) -> str:
    return format_money(minor, current_language())


@service(Perm.DASHBOARD_VIEW)
def warning_records(uow: UnitOfWork, kind: str, part: str = "") -> list[Record]:
    """The records behind a warning (`part`: a figure's key, e.g. an aging bucket), as
    many as DRILL_LIMIT, most pressing first."""
    actor = current_actor(uow)
    try:
        warning = WarningKind(kind)
    except ValueError:
        raise ValidationError(_("Warning"), _("not a valid value")) from None
    _require(actor, warning)
    today = business_today(uow)
    if warning is WarningKind.OVERDUE:
        return _overdue_records(uow, actor, today, part)
    if warning is WarningKind.CHURN:
        return _churn_records(uow, actor, today)
    if warning is WarningKind.MAJOR_CHANGES:
        return _change_records(uow, actor, today, part)
    if warning is WarningKind.REVIEWS_DUE:
        q = (select(Customer.id, Customer.code, Customer.name, Customer.rerating_due_on)
             .where(Customer.rerating_due_on <= today).order_by(Customer.rerating_due_on, Customer.id))
        return _customer_records(uow, actor, q, "credit", _("Re-rating due"))
    if warning is WarningKind.STALE_FILES:
        cutoff = stale_cutoff(today, stale_months(uow))
        q = (select(Customer.id, Customer.code, Customer.name, Customer.file_updated_on)
             .where(Customer.file_updated_on < cutoff).order_by(Customer.file_updated_on, Customer.id))
        return _customer_records(uow, actor, q, "customers", _("File last updated"))
    if warning is WarningKind.BLOCKED_ORDERS:
        o = SalesOrder
        q = scoped(uow, select(o.id, o.number, Customer.name, o.blocked_at, o.total, o.block_excess)
                   .join(Customer, Customer.id == o.customer_id).where(o.status == OrderStatus.BLOCKED.value)
                   .order_by(o.blocked_at, o.id).limit(DRILL_LIMIT))
        return [Record("orders", "order", oid, number, name, _("Over the available credit by {amount}").format(
            amount=_money(excess)) if excess else _("Blocked on credit"),
            at.astimezone().date() if at else None, int(total))
            for oid, number, name, at, total, excess in uow.session.execute(q)]
    if warning is WarningKind.EXPENSES:
        return _expense_records(uow, today)
    return []  # sales against plan opens the plans page, not a list of records
