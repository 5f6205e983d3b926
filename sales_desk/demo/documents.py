"""The demo firm's documents of record [单据存档], issued after `load_demo` has committed.

What the demo's people would have printed, each issued by them on the day they did it:
- every letter the collection ladder stands at (reminder, thank-you letter, the two dunning
  notices as one batch in their customers' languages, the lawyer's letter) — finance runs
  the ladder, the sales manager signs the lawyer's letter;
- the credit evaluation sheet [客户信用调查评定表] of the first two customers rated, by the
  finance clerk who reviewed the investigation;
- the sales contract of the first two approved orders, by their reps, and the dispatch note
  of the first shipment, by the warehouse keeper;
- last month's credit audit, by the GM, on the first of this month.

A phase of its own: issuing commits each document (a number is taken and kept), while the
demo's data is one transaction, all or nothing. If this phase fails, the firm is loaded and
lacks only some of its documents; issuing them again later gives the same documents back.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time

from sqlalchemy import select

from sales_desk.db.uow import UnitOfWork
from sales_desk.demo.context import DemoResult, DemoUser
from sales_desk.domain.collections.dunning import Step
from sales_desk.domain.common.calendar import add_months
from sales_desk.domain.common.records import FormKind
from sales_desk.domain.common.roles import Role
from sales_desk.models import CreditInvestigation, SalesOrder, Shipment
from sales_desk.reports.records import issuers
from sales_desk.services.collections import letter_data
from sales_desk.services.records.issuing import IssuedRef

Progress = Callable[[int, int], None]


def _staff(result: DemoResult, role: Role) -> list[DemoUser]:
    return [u for u in result.users if role.value in u.roles]


def _as(base: UnitOfWork, who: DemoUser, day: date, hour: int = 16) -> UnitOfWork:
    """`who`'s unit of work with the clock at `hour` o'clock of `day`, local time (never
    later than now: the audit citation of the first of the month is made in the morning)."""
    when = min(datetime.combine(day, time(hour)).astimezone(), base.clock())
    return UnitOfWork(base.session_factory, who.actor(), lambda: when, base.on_chain_extended, base.on_committed)


def issue_demo_documents(uow: UnitOfWork, result: DemoResult, progress: Progress | None = None) -> int:
    """Issue the demo's documents (see the module's text) -> how many were issued."""
    fin = _staff(result, Role.FINANCE)[0]
    mgr = _staff(result, Role.SALES_MANAGER)[0]
    gm = _staff(result, Role.GM)[0]
    keeper = _staff(result, Role.WAREHOUSE)[0]
    reps = {u.user_id: u for u in _staff(result, Role.SALES_REP)}
    today = uow.clock().astimezone().date()
    jobs: list[Callable[[], int]] = []

    for step, who in ((Step.REMINDER, fin), (Step.THANK_YOU, fin), (Step.DUNNING, fin), (Step.LAWYER, mgr)):
        letters = letter_data.letters_at(uow.for_actor(fin.actor()), step.value)
        for day in sorted({d.on for d in letters}):
            same_day = [d for d in letters if d.on == day]
            jobs.append(lambda who=who, day=day, same_day=same_day: _new(issuers.issue_letters(
                _as(uow, who, day), same_day, lambda letter: letter.language or "zh_CN")))

    with uow:
        s = uow.session
        reviewed = s.execute(select(CreditInvestigation.customer_id, CreditInvestigation.id,
                                    CreditInvestigation.reviewed_at, CreditInvestigation.reviewed_by_id)
                             .where(CreditInvestigation.reviewed_at.is_not(None))
                             .order_by(CreditInvestigation.reviewed_at, CreditInvestigation.id).limit(2)).all()
        orders = s.execute(select(SalesOrder.id, SalesOrder.rep_id, SalesOrder.order_date)
                           .where(SalesOrder.status.in_(("approved", "partly_shipped", "shipped")))
                           .order_by(SalesOrder.id).limit(2)).all()
        shipment = s.execute(select(Shipment.id, Shipment.ship_date).order_by(Shipment.id).limit(1)).first()
    reviewers = {u.user_id: u for u in result.users}
    for customer_id, investigation_id, at, by in reviewed:
        who = reviewers.get(by, fin)
        jobs.append(lambda who=who, at=at, c=customer_id, i=investigation_id: _one(issuers.issue_credit_form(
            _as(uow, who, at.astimezone().date()), c, FormKind.CREDIT_SHEET, "zh_CN", i)))
    for order_id, rep_id, on in orders:
        rep = reps.get(rep_id) or next(iter(reps.values()))
        jobs.append(lambda rep=rep, on=on, o=order_id: _one(issuers.issue_contract(_as(uow, rep, on, 11), o, "zh_CN")))
    if shipment is not None:
        jobs.append(lambda: _one(issuers.issue_dispatch_note(_as(uow, keeper, shipment.ship_date, 15),
                                                             shipment.id, "zh_CN")))
    first_of_month = today.replace(day=1)
    jobs.append(lambda: _one(issuers.issue_credit_audit(_as(uow, gm, first_of_month, 9),
                                                        add_months(first_of_month, -1), "zh_CN")))

    issued = 0
    for done, job in enumerate(jobs):
        if progress:
            progress(done, len(jobs))
        issued += job()
    if progress:
        progress(len(jobs), len(jobs))
    return issued


def _one(ref: IssuedRef) -> int:
    return _new([ref])


def _new(refs: list[IssuedRef]) -> int:
    """How many of these were issued now (not given back as issued before)."""
    return sum(not r.earlier for r in refs)
