"""The rep's advance report [提前汇报] (rules: domain/collections/advance_reports.py; seed 001
信用 第15条3): the customer's rep reports to the sales manager and the GM, before an open
invoice falls due, that it will not be paid on time — why, when the customer now expects
to pay, what the rep does. An open invoice within `collection.advance_report_days` of its
due date that nobody has reported on shows on the rep's, the manager's and the GM's
dashboards (services/planning/dashboard.py reads `unreported` below, so the card and
this list agree).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Select, exists, select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.collections.advance_reports import DEFAULT_DAYS, check_report, window
from sales_desk.domain.common.errors import NotFound, NotPermitted
from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.domain.customers.files import sees_all_customers
from sales_desk.i18n import _
from sales_desk.models import AdvanceReport, Customer, Receivable
from sales_desk.services.admin.settings import load_settings
from sales_desk.services.common.base import (
    business_today,
    current_actor,
    require_any,
    service,
    user_names,
)

READERS = (Perm.ADVANCE_REPORT_FILE, Perm.ADVANCE_REPORT_RECEIVE)


def report_days(uow: UnitOfWork) -> int:
    return int(load_settings(uow).get("collection.advance_report_days", DEFAULT_DAYS))  # type: ignore[call-overload]


def unreported(q: Select, today: date, days: int, actor: Actor) -> Select:
    """`q` over receivables narrowed to open invoices falling due from today to today + days
    with no report filed, and to the actor's own customers for a rep."""
    first, last = window(today, days)
    r = Receivable
    q = q.where(r.amount > 0, r.open_amount > 0, r.due_date >= first, r.due_date <= last,
                ~exists(select(AdvanceReport.id).where(AdvanceReport.receivable_id == r.id)))
    if not sees_all_customers(actor.roles):
        q = q.where(r.customer_id.in_(select(Customer.id).where(Customer.rep_id == actor.user_id)))
    return q


@dataclass(frozen=True)
class DueRow:
    receivable_id: int
    doc_no: str
    customer: str
    rep: str
    due_date: date
    days_left: int  # 0 on the due date
    open_amount: int


@service(Perm.DASHBOARD_VIEW, read_only=True)
def reports_due(uow: UnitOfWork) -> list[DueRow]:
    """Open invoices whose advance report is due and not filed, soonest first."""
    actor = require_any(uow, READERS)
    today = business_today(uow)
    r = Receivable
    q = unreported(select(r.id, r.doc_no, Customer.name, Customer.rep_id, r.due_date, r.open_amount)
                   .join(Customer, Customer.id == r.customer_id), today, report_days(uow), actor)
    rows = list(uow.session.execute(q.order_by(r.due_date, r.doc_no)))
    names = user_names(uow, [x.rep_id for x in rows])
    return [DueRow(x.id, x.doc_no, x.name, names.get(x.rep_id or 0, ""), x.due_date, (x.due_date - today).days,
                   int(x.open_amount)) for x in rows]


@service(Perm.ADVANCE_REPORT_FILE)
def file_report(uow: UnitOfWork, receivable_id: int, reason: str, expected_on: date | None,
                actions: str) -> int:
    """The customer's rep reports, before the due date, that the invoice will be paid late."""
    report_id = file_report_in(uow, receivable_id, reason, expected_on, actions)
    uow.commit()
    return report_id


def file_report_in(uow: UnitOfWork, receivable_id: int, reason: str, expected_on: date | None,
                   actions: str) -> int:
    """file_report inside a running transaction (the demo), without committing."""
    actor = current_actor(uow)
    row = uow.session.execute(select(Receivable, Customer.rep_id).join(Customer, Customer.id == Receivable.customer_id)
                              .where(Receivable.id == receivable_id)).one_or_none()
    if row is None or row[0].amount <= 0 or row[0].open_amount <= 0:
        raise NotFound(_("Open invoice"), receivable_id)
    doc, rep_id = row
    if rep_id != actor.user_id:
        raise NotPermitted(_("the customer's own sales rep"), actor.username)
    reason, expected_on, actions = check_report(doc.due_date, business_today(uow), reason, expected_on, actions)
    report = AdvanceReport(receivable_id=doc.id, rep_id=actor.user_id, due_date=doc.due_date, reason=reason,
                           expected_on=expected_on, actions=actions, filed_at=uow.clock())
    uow.session.add(report)
    uow.session.flush()
    uow.audit("collection.advance_report", "advance_report", report.id, None,
              {"receivable_id": doc.id, "doc_no": doc.doc_no, "due_date": doc.due_date, "reason": reason,
               "expected_on": expected_on, "actions": actions, "open_amount": doc.open_amount})
    return report.id


@dataclass(frozen=True)
class ReportRow:
    id: int
    doc_no: str
    customer: str
    rep: str
    due_date: date
    expected_on: date
    reason: str
    actions: str
    filed_at: datetime


@service(Perm.DASHBOARD_VIEW, read_only=True)
def filed_reports(uow: UnitOfWork, limit: int = 200) -> list[ReportRow]:
    """The reports filed, newest first (a rep: on their own customers)."""
    actor = require_any(uow, READERS)
    a, r = AdvanceReport, Receivable
    q = (select(a, r.doc_no, Customer.name).join(r, r.id == a.receivable_id).join(Customer, Customer.id == r.customer_id)
         .order_by(a.filed_at.desc(), a.id.desc()).limit(limit))
    if not sees_all_customers(actor.roles):
        q = q.where(Customer.rep_id == actor.user_id)
    rows = list(uow.session.execute(q))
    names = user_names(uow, [x[0].rep_id for x in rows])
    return [ReportRow(x[0].id, x.doc_no, x.name, names.get(x[0].rep_id, ""), x[0].due_date, x[0].expected_on,
                      x[0].reason, x[0].actions, x[0].filed_at) for x in rows]
