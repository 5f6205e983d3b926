"""The dashboard's early warnings [预警管理] (SPEC §7; rules in domain/planning/warnings.py), made for
the person logged in: a card per warning their duties concern (warning_scope.py), counted
over what they see, and this year's sales by month against the plan. The records behind
each count are drill_down.py's.

Every figure is one SQL aggregate over an index — at 100,000 customers and 1,000,000
order lines the whole dashboard is computed in well under a second (benchmarks/
bench_dashboard.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.domain.orders.contracts import OrderStatus
from sales_desk.domain.planning.plans import Dimension
from sales_desk.domain.planning.warnings import (
    Level,
    WarningKind,
    advance_report_level,
    budget_level,
    churn_cutoff,
    clearance_level,
    expected_in_year,
    level_against,
    overdue_level,
    pace_level,
    recent_change_cutoff,
    stale_cutoff,
    worst,
)
from sales_desk.domain.relationship.plans import Due
from sales_desk.i18n import _
from sales_desk.models import (
    Customer,
    DowngradeTriggerRecord,
    ExpenseBudgetLine,
    ExpenseClaim,
    Receivable,
    SalesOrder,
    SalesPlanTarget,
)
from sales_desk.services.activities.activities import overdue_count
from sales_desk.services.activities.common import people_seen
from sales_desk.services.admin.refusals import repeated_in
from sales_desk.services.admin.settings import load_settings
from sales_desk.services.care.case_reads import overdue_open
from sales_desk.services.collections import statements, year_end
from sales_desk.services.collections.advance_reports import report_days, unreported
from sales_desk.services.collections.liability_faults import (
    awaiting_fault_query,
    exemptions_pending_query,
)
from sales_desk.services.common.base import current_actor, service
from sales_desk.services.credit.investigation import late_investigations
from sales_desk.services.customers.scope import business_today, stale_months, user_names
from sales_desk.services.expenses.common import budget_in_force
from sales_desk.services.orders.common import scoped
from sales_desk.services.orders.sales_totals import by_month, sold_by_month
from sales_desk.services.planning.plan_targets import plan_in_force
from sales_desk.services.planning.scope import own_rep_only, period
from sales_desk.services.planning.warning_scope import (
    COMMITTED_CLAIMS,
    aging_buckets,
    last_order_on,
    local_midnight,
    own_customers,
    visible_customers,
    visible_documents,
    warnings_for,
)
from sales_desk.services.relationship.care_plans import due_plans


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


# -- each warning --------------------------------------------------------------------------------


def _overdue(uow: UnitOfWork, actor: Actor, today: date) -> tuple[WarningCard, tuple[str, ...]]:
    """Open debit documents past their due date, per bucket: customers and money. One pass
    over the covering index (customer, due date, open amount)."""
    labels, conds = aging_buckets(uow, today)
    r = Receivable
    # Per customer first, in the open debits' index order (customer, due date, open amount),
    # then its customers and money per bucket: counting distinct customers bucket by bucket
    # sorted every overdue document once per bucket (at 1M order lines 76 → 56 ms).
    per_customer = visible_documents(
        select(func.sum(r.open_amount).label("all"),
               *(func.sum(r.open_amount).filter(cond).label(f"b{i}") for i, cond in enumerate(conds)))
        .where(r.open_amount > 0, r.due_date < today).group_by(r.customer_id), actor).subquery()
    cols = []
    for i in range(len(conds)):
        owed = per_customer.c[f"b{i}"]
        cols += [func.count().filter(owed > 0), func.coalesce(func.sum(owed), 0)]
    row = uow.session.execute(select(func.count(), func.coalesce(func.sum(per_customer.c["all"]), 0), *cols)
                              .select_from(per_customer)).one()
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
    spent = by_month(uow.session.execute(  # by day in the index's order, folded into months here
        select(c.spent_on, func.sum(c.amount)).where(c.spent_on >= date(today.year, 1, 1),
                                                     c.spent_on <= date(today.year, 12, 31),
                                                     c.status.in_(COMMITTED_CLAIMS))
        .group_by(c.spent_on)))
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


def _churn(uow: UnitOfWork, actor: Actor, today: date) -> WarningCard:
    days = int(load_settings(uow)["customer.churn_days"])  # type: ignore[call-overload]
    n = int(uow.session.scalar(visible_customers(select(func.count()).select_from(Customer)
                                                 .where(last_order_on() <= churn_cutoff(today, days)), actor)) or 0)
    level = Level.WATCH if n else Level.OK
    return WarningCard(WarningKind.CHURN.value, level.value, n, None,
                       (Figure("days", _("No order for {days} days or more").format(days=days), n, None, None,
                               level.value),))


def _changes(uow: UnitOfWork, actor: Actor, today: date) -> WarningCard:
    t = DowngradeTriggerRecord
    since = local_midnight(recent_change_cutoff(today))
    q = visible_customers(select(func.count(), func.count(t.customer_id.distinct()))
                   .join(Customer, Customer.id == t.customer_id).where(t.recorded_at >= since), actor)
    changes, customers = uow.session.execute(q).one()
    held = int(uow.session.scalar(visible_customers(select(func.count()).select_from(Customer)
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
    n = int(uow.session.scalar(visible_customers(select(func.count()).select_from(Customer)
                                          .where(Customer.rerating_due_on <= today), actor)) or 0)
    return _count_card(WarningKind.REVIEWS_DUE, n, _("Re-rating due"))


def _late_investigations(uow: UnitOfWork, actor: Actor) -> WarningCard:
    """Investigations not submitted for review by their due date (第7条1): an alert."""
    n = len(late_investigations(uow, own_customers(actor)))
    return _count_card(WarningKind.LATE_INVESTIGATIONS, n, _("Not submitted for review by the due date"),
                       level_if_any=Level.ALERT)


def _stale(uow: UnitOfWork, actor: Actor, today: date) -> WarningCard:
    months = stale_months(uow)
    cutoff = stale_cutoff(today, months)
    n = int(uow.session.scalar(visible_customers(select(func.count()).select_from(Customer)
                                          .where(Customer.file_updated_on < cutoff), actor)) or 0)
    return _count_card(WarningKind.STALE_FILES, n, _("Not updated for more than {months} months").format(
        months=months))


def _blocked(uow: UnitOfWork, actor: Actor) -> WarningCard:
    q = scoped(uow, select(func.count(), func.coalesce(func.sum(SalesOrder.total), 0))
               .where(SalesOrder.status == OrderStatus.BLOCKED.value))
    n, total = uow.session.execute(q).one()
    return _count_card(WarningKind.BLOCKED_ORDERS, int(n), _("Blocked on credit"), int(total), Level.ALERT)


def _refusals(uow: UnitOfWork) -> WarningCard:
    """Each person refused at least REPEAT_THRESHOLD times in the last REPEAT_DAYS days."""
    people = repeated_in(uow)
    level = Level.WATCH if people else Level.OK
    return WarningCard(WarningKind.REPEATED_REFUSALS.value, level.value, len(people), None, tuple(
        Figure(str(p.user_id or ""), p.name, p.count, None, None, level.value) for p in people))


def _liability(kind: WarningKind, uow: UnitOfWork) -> WarningCard:
    """Debts (and their proposed charges) awaiting a fault record, or the GM's decision."""
    q = (awaiting_fault_query() if kind is WarningKind.LIABILITY_FAULT else exemptions_pending_query()).subquery()
    n, total = uow.session.execute(select(func.count(), func.coalesce(func.sum(q.c.proposed), 0))).one()
    label = (_("Debts with proposed charges") if kind is WarningKind.LIABILITY_FAULT
             else _("No-fault exemptions to decide"))
    return _count_card(kind, int(n), label, int(total))


def _advance_reports(uow: UnitOfWork, actor: Actor, today: date) -> WarningCard:
    """Open invoices falling due within the report window that their rep has not reported on."""
    days = report_days(uow)
    q = unreported(select(func.count(), func.coalesce(func.sum(Receivable.open_amount), 0)), today, days, actor)
    n, total = uow.session.execute(q).one()
    level = advance_report_level(int(n))
    return WarningCard(WarningKind.ADVANCE_REPORTS.value, level.value, int(n), int(total), (Figure(
        "all", _("Due within {days} days, not reported").format(days=days), int(n), int(total), None,
        level.value),))


def _statements(uow: UnitOfWork) -> WarningCard:
    """Statements of account past the policy's reply days, and those with differences open."""
    rows = statements.chase_list(uow)
    return _count_card(WarningKind.STATEMENTS, len(rows), _("Unconfirmed or with differences open"),
                       sum(r.closing for r in rows))


def _year_end(uow: UnitOfWork, today: date) -> WarningCard:
    """From 1 November: the credit sales still open per rep, to clear by 31 December."""
    reps = year_end.clearance_totals(uow)
    total = sum(t.amount for t in reps)
    level = clearance_level(today, total)
    figures = tuple(Figure(str(t.rep_id or ""), t.rep or _("(no rep)"), t.documents, t.amount, None, level.value)
                    for t in reps)
    return WarningCard(WarningKind.YEAR_END.value, level.value, sum(t.documents for t in reps), total, figures)


def _overdue_activities(uow: UnitOfWork, today: date) -> WarningCard:
    """Planned activities past their day with no outcome: the rep's own, a supervisor's team's."""
    n, people = overdue_count(uow, people_seen(uow), today)
    return _count_card(WarningKind.OVERDUE_ACTIVITIES, n, _("Past their day, no outcome recorded"),
                       level_if_any=Level.ALERT if people > 1 or n >= 5 else Level.WATCH)
def _care_plans(uow: UnitOfWork) -> WarningCard:
    """Key accounts whose yearly maintenance plan is due (watched) or late (an alert)."""
    rows = due_plans(uow)
    late = sum(1 for r in rows if r.state == Due.LATE.value)
    figures = (Figure("due", _("Due"), len(rows) - late, None, None, (Level.WATCH if len(rows) > late else Level.OK).value),
               Figure("late", _("Late"), late, None, None, (Level.ALERT if late else Level.OK).value))
    return WarningCard(WarningKind.CARE_PLANS.value, worst([Level(f.level) for f in figures]).value, len(rows), None,
                       figures)


@service(Perm.DASHBOARD_VIEW, read_only=True)
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
        elif kind is WarningKind.LATE_INVESTIGATIONS:
            card = _late_investigations(uow, actor)
        elif kind is WarningKind.REPEATED_REFUSALS:
            card = _refusals(uow)
        elif kind in (WarningKind.LIABILITY_FAULT, WarningKind.LIABILITY_EXEMPTIONS):
            card = _liability(kind, uow)
        elif kind is WarningKind.ADVANCE_REPORTS:
            card = _advance_reports(uow, actor, today)
        elif kind is WarningKind.YEAR_END:
            card = _year_end(uow, today)
        elif kind is WarningKind.STATEMENTS:
            card = _statements(uow)
        elif kind is WarningKind.OVERDUE_ACTIVITIES:
            card = _overdue_activities(uow, today)
        elif kind is WarningKind.OVERDUE_COMPLAINTS:
            n, critical = overdue_open(uow, actor, today)
            card = _count_card(kind, n, _("Open past the deadline ({critical} critical)").format(critical=critical),
                               level_if_any=Level.ALERT)
        elif kind is WarningKind.CARE_PLANS:
            card = _care_plans(uow)
        else:
            card = _blocked(uow, actor)
        cards.append(card)
    name = user_names(uow, [actor.user_id]).get(actor.user_id, actor.username)
    return Dashboard(today, name, tuple(cards), months, labels)
