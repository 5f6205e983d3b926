"""The records behind each dashboard warning, the drill-down: the customers, orders or
expense categories a card counts, most pressing first, each with the tab it opens in.

The lists are capped queries (DRILL_LIMIT) of the same predicates the cards count by
(warning_scope.py), for the same people.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Select, func, select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.activities.rules import ActivityKind
from sales_desk.domain.common.errors import NotPermitted, ValidationError
from sales_desk.domain.common.money import format_money
from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.domain.credit.checklist import InvestigationStatus
from sales_desk.domain.credit.rating import DowngradeTrigger
from sales_desk.domain.expenses.claims import Category
from sales_desk.domain.orders.contracts import OrderStatus
from sales_desk.domain.planning.warnings import (
    WarningKind,
    churn_cutoff,
    recent_change_cutoff,
    stale_cutoff,
)
from sales_desk.domain.relationship.plans import Due as DueState
from sales_desk.i18n import _, current_language, ngettext
from sales_desk.models import (
    Customer,
    DowngradeTriggerRecord,
    ExpenseBudgetLine,
    ExpenseClaim,
    Receivable,
    SalesOrder,
)
from sales_desk.services.activities.activities import overdue_rows
from sales_desk.services.activities.common import people_seen
from sales_desk.services.admin.refusals import recent_in, repeated_in
from sales_desk.services.admin.settings import load_settings
from sales_desk.services.care.case_reads import CaseFilter, cases_in
from sales_desk.services.collections import liability_faults, statements, year_end
from sales_desk.services.collections.advance_reports import report_days, unreported
from sales_desk.services.common.base import current_actor, service
from sales_desk.services.credit.investigation import late_investigations
from sales_desk.services.customers.scope import business_today, stale_months
from sales_desk.services.expenses.common import budget_in_force
from sales_desk.services.orders.common import scoped
from sales_desk.services.planning.warning_scope import (
    COMMITTED_CLAIMS,
    aging_buckets,
    last_orders,
    local_midnight,
    own_customers,
    visible_customers,
    warnings_for,
)
from sales_desk.services.relationship.care_plans import due_plans

DRILL_LIMIT = 500


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
    labels, conds = aging_buckets(uow, today)
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
            for cid, code, name, due, amount in uow.session.execute(visible_customers(q, actor))]


def _churn_records(uow: UnitOfWork, actor: Actor, today: date) -> list[Record]:
    days = int(load_settings(uow)["customer.churn_days"])  # type: ignore[call-overload]
    last = last_orders(actor).subquery()
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
            grade=grade or "—"), due, None) for cid, code, name, grade, due in uow.session.execute(visible_customers(q, actor))]
    t = DowngradeTriggerRecord
    q = (select(Customer.id, Customer.code, Customer.name, t.trigger, t.occurred_on, t.description)
         .join(Customer, Customer.id == t.customer_id)
         .where(t.recorded_at >= local_midnight(recent_change_cutoff(today)))
         .order_by(t.recorded_at.desc(), t.id.desc()).limit(DRILL_LIMIT))
    out = []
    for cid, code, name, trigger, on, description in uow.session.execute(visible_customers(q, actor)):
        label = DowngradeTrigger(trigger).label if trigger in set(DowngradeTrigger) else trigger
        out.append(Record("credit", "customer", cid, code, name, f"{label}: {description}", on, None))
    return out


def _customer_records(uow: UnitOfWork, actor: Actor, q: Select, tab: str, detail: str) -> list[Record]:
    return [Record(tab, "customer", cid, code, name, detail, on, None)
            for cid, code, name, on in uow.session.execute(visible_customers(q.limit(DRILL_LIMIT), actor))]


def _expense_records(uow: UnitOfWork, today: date) -> list[Record]:
    budget = budget_in_force(uow, today.year)
    c, line = ExpenseClaim, ExpenseBudgetLine
    spent = {k: int(v) for k, v in uow.session.execute(
        select(c.category, func.sum(c.amount)).where(c.spent_on >= date(today.year, 1, 1), c.spent_on <= today,
                                                     c.status.in_(COMMITTED_CLAIMS)).group_by(c.category))}
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


def _refusal_records(uow: UnitOfWork, part: str) -> list[Record]:
    """The refusals of the warning's window (of one person when `part` is their id), newest
    first; each opens the refusals log at that person."""
    people = {str(p.user_id): p.name for p in repeated_in(uow)}
    if part and part not in people:
        raise ValidationError(_("Person"), _("not a valid value"))
    wanted = [int(part)] if part else [int(k) for k in people if k]
    rows = [r for uid in wanted for r in recent_in(uow, user_id=uid, limit=DRILL_LIMIT)]
    rows.sort(key=lambda r: r.seq, reverse=True)
    return [Record("admin", "refusals", r.user_id or 0, r.username, people.get(str(r.user_id), r.username),
                   f"{r.action}: {r.reason}", datetime.fromisoformat(r.at).astimezone().date(), None)
            for r in rows[:DRILL_LIMIT]]


def _liability_records(uow: UnitOfWork, warning: WarningKind) -> list[Record]:
    """The debts in the queue, oldest first; each opens the liability statement at its line.
    Read here rather than through liability_faults' services: the unit of work is not re-entrant."""
    q = (liability_faults.awaiting_fault_query() if warning is WarningKind.LIABILITY_FAULT
         else liability_faults.exemptions_pending_query())
    detail = (_("Proposed: awaiting a fault record") if warning is WarningKind.LIABILITY_FAULT
              else _("Exemption awaiting the general manager"))
    return [Record("collections", "liability", rid, doc_no, name, detail, first, total)
            for rid, doc_no, _cid, _code, name, first, total in liability_faults.debt_rows(uow, q)]


def _year_end_records(uow: UnitOfWork, part: str) -> list[Record]:
    """The open credit sales to clear by 31 December (of one rep when `part` names them),
    most money first; each opens the customer's ledger."""
    c = year_end.build_clearance(uow)
    sales = [x for x in c.sales if not part or str(x.rep_id or "") == part]
    sales.sort(key=lambda x: (-x.open_amount, x.doc_no))
    return [Record("collections", "ledger", x.customer_id, x.doc_no, x.customer_name,
                   ngettext("{rep}: {n} day left", "{rep}: {n} days left", c.days_left).format(
                       rep=x.rep or _("(no rep)"), n=c.days_left), x.due_date, x.open_amount)
            for x in sales[:DRILL_LIMIT]]


def _money(minor: int) -> str:
    return format_money(minor, current_language())


@service(Perm.DASHBOARD_VIEW, read_only=True)
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
    if warning is WarningKind.LATE_INVESTIGATIONS:
        return [Record("credit", "investigation", r.id, r.customer_code, r.customer_name,
                       _("Investigation {id}, {status}, opened by {who}").format(
                           id=r.id, status=InvestigationStatus(r.status).label, who=r.opened_by), r.due_on, None)
                for r in late_investigations(uow, own_customers(actor))[:DRILL_LIMIT]]
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
    if warning is WarningKind.REPEATED_REFUSALS:
        return _refusal_records(uow, part)
    if warning in (WarningKind.LIABILITY_FAULT, WarningKind.LIABILITY_EXEMPTIONS):
        return _liability_records(uow, warning)
    if warning is WarningKind.ADVANCE_REPORTS:
        r = Receivable
        q = unreported(select(Customer.id, r.doc_no, Customer.name, r.due_date, r.open_amount)
                       .join(Customer, Customer.id == r.customer_id), today, report_days(uow), actor)
        return [Record("collections", "ledger", cid, doc_no, name, _("Advance report due"), due, int(amount))
                for cid, doc_no, name, due, amount in uow.session.execute(
                    q.order_by(r.due_date, r.doc_no).limit(DRILL_LIMIT))]
    if warning is WarningKind.YEAR_END:
        return _year_end_records(uow, part)
    if warning is WarningKind.STATEMENTS:
        return [Record("collections", "statement", r.id, r.number, f"{r.customer_code} {r.customer_name}",
                       r.status.label + (" · " + _("reply overdue") if r.reply_overdue else ""), r.issued_on,
                       r.closing) for r in statements.chase_list(uow)[:DRILL_LIMIT]]
    if warning is WarningKind.OVERDUE_ACTIVITIES:
        return [Record("activities", "activity", r.id, r.rep, r.customer or r.subject,
                       f"{ActivityKind(r.kind).label}: {r.subject}", r.planned_on, None)
                for r in overdue_rows(uow, people_seen(uow), today, DRILL_LIMIT)]
    if warning is WarningKind.OVERDUE_COMPLAINTS:
        rows = cases_in(uow, CaseFilter(status="open", overdue_only=True, sort="due_on", descending=False),
                          limit=DRILL_LIMIT)
        return [Record("care", "case", r.id, r.number, f"{r.customer_code} {r.customer_name}",
                       _("Due {day}").format(day=r.due_on.isoformat()) + " · " + r.subject, r.due_on, None)
                for r in rows]
    if warning is WarningKind.CARE_PLANS:
        return [Record("customers", "customer", d.customer_id, d.code, d.name, DueState(d.state).label + (
            " · " + _("last filed {day}").format(day=d.last_filed_on.isoformat()) if d.last_filed_on else ""),
            d.due_on, None) for d in due_plans(uow) if not part or d.state == part][:DRILL_LIMIT]
    return []  # sales against plan opens the plans page, not a list of records
