"""Activities [客户接待、拜访、提案]: planned with a day and a time on a customer, an opportunity
or a contact; done with an outcome and the next step, or cancelled; the rep's calendar
(day or week), the list of what is due, and the overdue ones for the dashboard.

Reads are one range scan of (rep, planned day) — a rep's week at 3,000,000 activities is a
few milliseconds (benchmarks/bench_calendar.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Select, func, select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.activities.rules import (
    ActivityKind,
    ActivityStatus,
    check_minute,
    check_subject,
    is_overdue,
    require_outcome,
)
from sales_desk.domain.common.errors import DomainError, NotFound, ValidationError
from sales_desk.domain.common.roles import Perm
from sales_desk.i18n import _
from sales_desk.models import Activity, Customer, CustomerContact
from sales_desk.services.activities.common import check_person, people_seen, seen_by
from sales_desk.services.common.base import (
    LOGGED_IN,
    business_today,
    current_actor,
    require_any,
    service,
    user_names,
)
from sales_desk.services.customers.scope import visible_customer
from sales_desk.services.opportunities.scope import visible_opportunity

DUE_DAYS = 7  # the due list looks this many days ahead (today included)


@dataclass(frozen=True)
class ActivityInput:
    kind: str  # ActivityKind
    subject: str
    planned_on: date
    planned_minute: int | None = None  # minutes after midnight
    duration_minutes: int = 60
    customer_id: int | None = None
    contact_id: int | None = None
    opportunity_id: int | None = None
    place: str = ""
    rep_id: int | None = None  # whose: oneself unless a supervisor plans for their people


@dataclass(frozen=True)
class ActivityRow:
    id: int
    kind: str
    status: str
    rep_id: int
    rep: str
    subject: str
    customer_id: int | None
    customer: str  # code and name
    contact_id: int | None
    opportunity_id: int | None
    planned_on: date
    planned_minute: int | None
    duration_minutes: int
    place: str
    outcome: str
    next_step: str
    done_on: date | None
    overdue: bool


class OpportunityOfAnother(DomainError):
    def __init__(self) -> None:
        super().__init__(_("The opportunity is on another customer: pick the opportunity's customer, or no "
                           "customer."))


class ActivityClosed(DomainError):
    def __init__(self, status: ActivityStatus):
        self.status = status
        super().__init__(_("The activity is already “{status}”.").format(status=status.label))


class MovedIntoThePast(DomainError):
    def __init__(self, day: date, today: date):
        super().__init__(_("An activity is moved to today or a later day, not to {day} (today is {today}). If it "
                           "took place, record its outcome instead.").format(day=day.isoformat(),
                                                                           today=today.isoformat()))


def _kind(kind: str) -> str:
    try:
        return ActivityKind(kind).value
    except ValueError:
        raise ValidationError(_("Kind"), _("not one of the listed values")) from None


def _links(uow: UnitOfWork, data: ActivityInput) -> tuple[int | None, int | None]:
    """The customer (one the actor sees), the contact, which must be the customer's, and the
    opportunity, one the actor sees on that customer (its customer when none is named)."""
    customer_id = data.customer_id
    if data.opportunity_id is not None:
        o = visible_opportunity(uow, data.opportunity_id)
        if customer_id is not None and o.customer_id is not None and o.customer_id != customer_id:
            raise OpportunityOfAnother()
        customer_id = customer_id if customer_id is not None else o.customer_id
    if data.contact_id is not None:
        contact = uow.session.get(CustomerContact, data.contact_id)
        if contact is None or (customer_id is not None and contact.customer_id != customer_id):
            raise NotFound(_("Contact"), data.contact_id)
        customer_id = contact.customer_id
    if customer_id is not None:
        visible_customer(uow, customer_id)
    if customer_id is None and data.opportunity_id is None:
        raise ValidationError(_("Customer"), _("an activity is on a customer, an opportunity or a contact"))
    return customer_id, data.contact_id


def _open_activity(uow: UnitOfWork, activity_id: int) -> Activity:
    a = uow.session.get(Activity, activity_id)
    people = people_seen(uow)
    if a is None or (people is not None and a.rep_id not in people):
        raise NotFound(_("Activity"), activity_id)
    if a.status != ActivityStatus.PLANNED:
        raise ActivityClosed(ActivityStatus(a.status))
    return a


def _plan(uow: UnitOfWork, data: ActivityInput) -> int:
    actor = current_actor(uow)
    rep_id = check_person(uow, data.rep_id) if data.rep_id is not None else actor.user_id
    customer_id, contact_id = _links(uow, data)
    if data.duration_minutes <= 0 or data.duration_minutes > 24 * 60:
        raise ValidationError(_("Duration"), _("not a valid value"))
    a = Activity(kind=_kind(data.kind), rep_id=rep_id, subject=check_subject(data.subject),
                 customer_id=customer_id, contact_id=contact_id, opportunity_id=data.opportunity_id,
                 planned_on=data.planned_on, planned_minute=check_minute(data.planned_minute),
                 duration_minutes=data.duration_minutes, place=(data.place or "").strip()[:200],
                 created_by_id=actor.user_id, created_at=uow.clock(), updated_at=uow.clock())
    uow.session.add(a)
    uow.session.flush()
    uow.audit("activity.plan", "activity", a.id, None, {
        "kind": a.kind, "subject": a.subject, "planned_on": a.planned_on.isoformat(), "rep_id": rep_id,
        "customer_id": customer_id, "opportunity_id": data.opportunity_id})
    return a.id


@service(Perm.ACTIVITY_RECORD)
def plan_activity(uow: UnitOfWork, data: ActivityInput) -> int:
    activity_id = _plan(uow, data)
    uow.commit()
    return activity_id


@service(Perm.ACTIVITY_RECORD)
def reschedule_activity(uow: UnitOfWork, activity_id: int, planned_on: date, planned_minute: int | None) -> None:
    """Moved to another day and time (None: some time that day) while still planned; never
    to a day already past — what took place is recorded with its outcome."""
    a = _open_activity(uow, activity_id)
    today = business_today(uow)
    if planned_on < today:
        raise MovedIntoThePast(planned_on, today)
    before = {"planned_on": a.planned_on.isoformat(), "planned_minute": a.planned_minute}
    a.planned_on, a.planned_minute = planned_on, check_minute(planned_minute)
    a.updated_at = uow.clock()
    uow.audit("activity.reschedule", "activity", a.id, before,
              {"planned_on": planned_on.isoformat(), "planned_minute": a.planned_minute, "subject": a.subject})
    uow.commit()


@service(Perm.ACTIVITY_RECORD)
def complete_activity(uow: UnitOfWork, activity_id: int, outcome: str, next_step: str = "",
                      done_on: date | None = None, next_activity: ActivityInput | None = None) -> int | None:
    """Done, with its outcome and the next step [结果, 下一步]; with `next_activity` the next
    one is planned in the same transaction (both or neither). Returns the next one's id."""
    a = _open_activity(uow, activity_id)
    today = business_today(uow)
    day = done_on or today
    if day > today:
        raise ValidationError(_("Done on"), _("must not be in the future"))
    a.outcome, a.next_step = require_outcome(outcome), (next_step or "").strip()
    a.status, a.done_on, a.updated_at = ActivityStatus.DONE.value, day, uow.clock()
    uow.audit("activity.done", "activity", a.id, {"status": ActivityStatus.PLANNED.value}, {
        "status": a.status, "subject": a.subject, "result": a.outcome, "next_step": a.next_step,
        "done_on": day.isoformat()})
    following = _plan(uow, next_activity) if next_activity is not None else None
    uow.commit()
    return following


@service(Perm.ACTIVITY_RECORD)
def cancel_activity(uow: UnitOfWork, activity_id: int, reason: str) -> None:
    a = _open_activity(uow, activity_id)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Reason"), _("must not be empty"))
    a.status, a.outcome, a.updated_at = ActivityStatus.CANCELLED.value, reason, uow.clock()
    uow.audit("activity.cancel", "activity", a.id, {"status": ActivityStatus.PLANNED.value},
              {"status": a.status, "subject": a.subject, "reason": reason})
    uow.commit()


# -- reads ---------------------------------------------------------------------------------------

_COLUMNS = (Activity.id, Activity.kind, Activity.status, Activity.rep_id, Activity.subject,
            Activity.customer_id, Customer.code, Customer.name, Activity.contact_id, Activity.opportunity_id,
            Activity.planned_on, Activity.planned_minute, Activity.duration_minutes, Activity.place,
            Activity.outcome, Activity.next_step, Activity.done_on)


def _rows(uow: UnitOfWork, q: Select) -> list[ActivityRow]:
    today = business_today(uow)
    raw = uow.session.execute(q).all()
    names = user_names(uow, {r.rep_id for r in raw})
    return [ActivityRow(r.id, r.kind, r.status, r.rep_id, names.get(r.rep_id, ""), r.subject, r.customer_id,
                        f"{r.code} {r.name}" if r.code else "", r.contact_id, r.opportunity_id, r.planned_on,
                        r.planned_minute, r.duration_minutes, r.place, r.outcome, r.next_step, r.done_on,
                        is_overdue(r.status, r.planned_on, today)) for r in raw]


def _select() -> Select:
    return select(*_COLUMNS).outerjoin(Customer, Customer.id == Activity.customer_id)


# Who reads calendars and the due list: those who record activities, and those who oversee
# them (the VP and the GM record none but see the department's, domain/activities/rules.py).
READERS = (Perm.ACTIVITY_RECORD, Perm.TEAM_OVERSEE)


@service(LOGGED_IN, read_only=True)
def calendar(uow: UnitOfWork, rep_id: int | None, start: date, end: date) -> list[ActivityRow]:
    """A person's calendar from start to end (a day or a week), by day and time; oneself
    when rep_id is None. Cancelled ones are left out."""
    require_any(uow, READERS)
    rep = check_person(uow, rep_id) if rep_id is not None else current_actor(uow).user_id
    q = (_select().where(Activity.rep_id == rep, Activity.planned_on >= start, Activity.planned_on <= end,
                         Activity.status != ActivityStatus.CANCELLED.value)
         .order_by(Activity.planned_on, Activity.planned_minute.is_(None), Activity.planned_minute, Activity.id))
    return _rows(uow, q)


def _due_query(uow: UnitOfWork, rep_id: int | None, through: date) -> Select:
    people = people_seen(uow)
    q = select().select_from(Activity).where(Activity.status == ActivityStatus.PLANNED.value,
                                             Activity.planned_on <= through)
    if rep_id is not None:
        return q.where(Activity.rep_id == check_person(uow, rep_id))
    return q.where(seen_by(Activity.rep_id, people))


@service(LOGGED_IN, read_only=True)
def due_list(uow: UnitOfWork, rep_id: int | None = None, days: int = DUE_DAYS, limit: int = 500) -> list[ActivityRow]:
    """What is due: planned activities up to `days` ahead, the overdue first (oldest first);
    everyone the actor sees, or one person. Overseers who record none (the VP, the GM) read
    their people's."""
    require_any(uow, READERS)
    through = business_today(uow) + timedelta(days=days - 1)
    q = _due_query(uow, rep_id, through).add_columns(*_COLUMNS).outerjoin(
        Customer, Customer.id == Activity.customer_id)
    return _rows(uow, q.order_by(Activity.planned_on, Activity.planned_minute.is_(None), Activity.planned_minute,
                                 Activity.id).limit(limit))


@service(Perm.TEAM_OVERSEE, read_only=True)
def team_calendar(uow: UnitOfWork, start: date, end: date) -> list[ActivityRow]:
    """The schedules of the people the supervisor sees [日程], by day and person."""
    people = people_seen(uow)
    q = (_select().where(seen_by(Activity.rep_id, people), Activity.planned_on >= start, Activity.planned_on <= end,
                         Activity.status != ActivityStatus.CANCELLED.value)
         .order_by(Activity.planned_on, Activity.rep_id, Activity.planned_minute, Activity.id).limit(2000))
    return _rows(uow, q)


def overdue_query(people: frozenset[int] | None, today: date) -> Select:
    """Planned activities whose day has passed (domain/activities/rules.py's `is_overdue`),
    for the people seen — what the dashboard's warning counts."""
    return select().select_from(Activity).where(
        Activity.status == ActivityStatus.PLANNED.value, Activity.planned_on < today,
        seen_by(Activity.rep_id, people))


def overdue_count(uow: UnitOfWork, people: frozenset[int] | None, today: date) -> tuple[int, int]:
    """Overdue activities and the people they belong to."""
    n, reps = uow.session.execute(overdue_query(people, today).add_columns(
        func.count(), func.count(Activity.rep_id.distinct()))).one()
    return int(n), int(reps)


def overdue_rows(uow: UnitOfWork, people: frozenset[int] | None, today: date, limit: int) -> list[ActivityRow]:
    q = (overdue_query(people, today).add_columns(*_COLUMNS).outerjoin(Customer, Customer.id == Activity.customer_id)
         .order_by(Activity.planned_on, Activity.id).limit(limit))
    return _rows(uow, q)


def activities_done_per_rep(uow: UnitOfWork, rep_ids: list[int] | tuple[int, ...], start: date,
                            end: date) -> dict[int, int]:
    """Activities (visits among them) done per rep from start to end inclusive, by the day
    they were done: for the performance evaluation. Inside the caller's transaction and
    permission check; every rep asked for is in the answer (0 when none)."""
    wanted = sorted(set(rep_ids))
    out = dict.fromkeys(wanted, 0)
    if not wanted:
        return out
    q = (select(Activity.rep_id, func.count()).where(
        Activity.status == ActivityStatus.DONE.value, Activity.done_on >= start, Activity.done_on <= end,
        Activity.rep_id.in_(wanted)).group_by(Activity.rep_id))
    out.update({int(rep): int(n) for rep, n in uow.session.execute(q)})
    return out
