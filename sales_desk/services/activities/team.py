"""The team's days [人员管理]: each person's status (visiting, a complaint, training, leave —
travel from the approved travel applications), their work log [员工日志], the supervisor's
comments and reminders [批复、提醒], who leads whom, and attendance per month [考勤统计].

A person records their own statuses and log; a supervisor sees and comments on those of
their people (domain/activities/rules.py's visibility by team).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.activities.attendance import (
    ENTERED,
    MonthAttendance,
    Span,
    StatusKind,
    check_span,
    month_attendance,
    month_bounds,
)
from sales_desk.domain.common.errors import NotFound, ValidationError
from sales_desk.domain.common.roles import Perm
from sales_desk.domain.expenses.claims import TravelStatus
from sales_desk.i18n import _
from sales_desk.models import StaffStatus, TeamMember, TeamNote, TravelApplication, User, WorkLog
from sales_desk.services.activities.common import check_person, department, people_seen, seen_by
from sales_desk.services.common.base import (
    LOGGED_IN,
    business_today,
    current_actor,
    require_any,
    service,
    user_names,
)

COMMENT, REMINDER = "comment", "reminder"
# Who reads the team's days: those who have days of their own, and those who oversee them
# (the VP and the GM record none but see the department's).
READERS = (Perm.ACTIVITY_RECORD, Perm.TEAM_OVERSEE)


@dataclass(frozen=True)
class StatusRow:
    id: int | None  # None: a travel application's days
    user_id: int
    person: str
    kind: str  # StatusKind
    start_on: date
    end_on: date
    note: str


@dataclass(frozen=True)
class NoteRow:
    id: int
    kind: str  # comment or reminder
    author: str
    text: str
    due_on: date | None
    done: bool


@dataclass(frozen=True)
class LogRow:
    id: int
    user_id: int
    person: str
    day: date
    text: str
    comments: tuple[NoteRow, ...]


def _text(text: str, field: str) -> str:
    s = (text or "").strip()
    if not s:
        raise ValidationError(field, _("must not be empty"))
    return s


@service(Perm.ACTIVITY_RECORD)
def record_status(uow: UnitOfWork, kind: str, start_on: date, end_on: date, note: str = "",
                  user_id: int | None = None) -> int:
    """One's status over some days (a supervisor may record one for their people)."""
    actor = current_actor(uow)
    person = check_person(uow, user_id) if user_id is not None else actor.user_id
    if kind not in {k.value for k in ENTERED}:
        raise ValidationError(_("Status"), _("not one of the listed values"))
    check_span(start_on, end_on)
    s = StaffStatus(user_id=person, kind=kind, start_on=start_on, end_on=end_on, note=(note or "").strip(),
                    recorded_by_id=actor.user_id, recorded_at=uow.clock())
    uow.session.add(s)
    uow.session.flush()
    uow.audit("team.status", "staff_status", s.id, None, {"user_id": person, "kind": kind,
                                                          "start_on": start_on.isoformat(),
                                                          "end_on": end_on.isoformat()})
    uow.commit()
    return s.id


def spans_of(uow: UnitOfWork, people: frozenset[int] | None, start: date, end: date) -> list[StatusRow]:
    """Statuses entered, and approved travel, overlapping start..end."""
    s, t = StaffStatus, TravelApplication
    rows = [(r.id, r.user_id, r.kind, r.start_on, r.end_on, r.note) for r in uow.session.execute(
        select(s.id, s.user_id, s.kind, s.start_on, s.end_on, s.note).where(
            seen_by(s.user_id, people), s.start_on <= end, s.end_on >= start))]
    rows += [(None, r.applicant_id, StatusKind.TRAVELLING.value, r.start_on, r.end_on, r.destination)
             for r in uow.session.execute(select(t.applicant_id, t.start_on, t.end_on, t.destination).where(
                 seen_by(t.applicant_id, people), t.status == TravelStatus.APPROVED.value,
                 and_(t.start_on <= end, t.end_on >= start)))]
    names = user_names(uow, {r[1] for r in rows})
    return sorted((StatusRow(i, u, names.get(u, ""), k, a, b, n) for i, u, k, a, b, n in rows),
                  key=lambda r: (r.start_on, r.person, r.kind))


@service(LOGGED_IN, read_only=True)
def team_statuses(uow: UnitOfWork, start: date, end: date) -> list[StatusRow]:
    """The statuses of everyone the actor sees (themselves, their team, or all) in a period."""
    require_any(uow, READERS)
    return spans_of(uow, people_seen(uow), start, end)


@dataclass(frozen=True)
class AttendanceRow:
    user_id: int
    person: str
    month: MonthAttendance


@service(LOGGED_IN, read_only=True)
def attendance(uow: UnitOfWork, year: int, month: int) -> dict[int, MonthAttendance]:
    """Attendance statistics [考勤统计] per person seen, for one month, from their statuses."""
    require_any(uow, READERS)
    return _attendance(uow, year, month)


def _attendance(uow: UnitOfWork, year: int, month: int) -> dict[int, MonthAttendance]:
    first, last = month_bounds(year, month)
    people = people_seen(uow)
    spans: dict[int, list[Span]] = {}
    for r in spans_of(uow, people, first, last):
        spans.setdefault(r.user_id, []).append(Span(r.kind, r.start_on, r.end_on))
    ids = sorted(people) if people is not None else sorted(set(spans) | set(department(uow)))
    if not current_actor(uow).can(Perm.ACTIVITY_RECORD):
        ids = [i for i in ids if i != current_actor(uow).user_id]  # an overseer with no days of their own
    return {u: month_attendance(spans.get(u, []), year, month) for u in ids}


@service(LOGGED_IN, read_only=True)
def attendance_sheet(uow: UnitOfWork, year: int, month: int) -> list[AttendanceRow]:
    """The month's attendance statistics as a sheet: one row per person, by name."""
    require_any(uow, READERS)
    stats = _attendance(uow, year, month)
    names = user_names(uow, stats)
    return sorted((AttendanceRow(u, names.get(u, ""), m) for u, m in stats.items()), key=lambda r: r.person)


# -- work logs, comments and reminders -----------------------------------------------------------


@service(Perm.ACTIVITY_RECORD)
def write_work_log(uow: UnitOfWork, text: str, day: date | None = None) -> int:
    """One's work log for a day [员工日志] (today unless said)."""
    actor = current_actor(uow)
    day = day or business_today(uow)
    if day > business_today(uow):
        raise ValidationError(_("Day"), _("must not be in the future"))
    log = WorkLog(user_id=actor.user_id, day=day, text=_text(text, _("Work log")), written_at=uow.clock())
    uow.session.add(log)
    uow.session.flush()
    uow.commit()
    return log.id


@service(LOGGED_IN, read_only=True)
def work_logs(uow: UnitOfWork, start: date, end: date, user_id: int | None = None) -> list[LogRow]:
    """The work logs (with their comments) of the people seen, or of one, newest first."""
    require_any(uow, READERS)
    people = frozenset({check_person(uow, user_id)}) if user_id is not None else people_seen(uow)
    w = WorkLog
    logs = uow.session.execute(select(w.id, w.user_id, w.day, w.text).where(
        seen_by(w.user_id, people), w.day >= start, w.day <= end).order_by(w.day.desc(), w.id.desc()).limit(500)).all()
    notes: dict[int, list[TeamNote]] = {}
    if logs:
        for n in uow.session.scalars(select(TeamNote).where(TeamNote.work_log_id.in_([r.id for r in logs]))
                                     .order_by(TeamNote.id)):
            notes.setdefault(n.work_log_id or 0, []).append(n)
    names = user_names(uow, {r.user_id for r in logs} | {n.author_id for ns in notes.values() for n in ns})
    return [LogRow(r.id, r.user_id, names.get(r.user_id, ""), r.day, r.text, tuple(
        NoteRow(n.id, n.kind, names.get(n.author_id, ""), n.text, n.due_on, n.done) for n in notes.get(r.id, [])))
        for r in logs]


def _led(uow: UnitOfWork, user_id: int) -> int:
    """A person the actor leads (or sees all of): not oneself."""
    actor = current_actor(uow)
    people = people_seen(uow)
    if user_id == actor.user_id or (people is not None and user_id not in people) \
            or uow.session.get(User, user_id) is None:
        raise NotFound(_("Person"), user_id)
    return user_id


@service(Perm.TEAM_OVERSEE)
def comment_on_log(uow: UnitOfWork, work_log_id: int, text: str) -> int:
    """The supervisor's comment on a work log [批复]."""
    log = uow.session.get(WorkLog, work_log_id)
    if log is None:
        raise NotFound(_("Work log"), work_log_id)
    _led(uow, log.user_id)
    n = TeamNote(user_id=log.user_id, kind=COMMENT, work_log_id=log.id, text=_text(text, _("Comment")),
                 author_id=current_actor(uow).user_id, written_at=uow.clock())
    uow.session.add(n)
    uow.session.flush()
    uow.audit("team.comment", "work_log", log.id, None, {"user_id": log.user_id, "day": log.day.isoformat(),
                                                         "text": n.text})
    uow.commit()
    return n.id


@service(Perm.TEAM_OVERSEE)
def remind(uow: UnitOfWork, user_id: int, text: str, due_on: date) -> int:
    """A reminder to one of one's people [提醒], for a day."""
    person = _led(uow, user_id)
    n = TeamNote(user_id=person, kind=REMINDER, due_on=due_on, text=_text(text, _("Reminder")),
                 author_id=current_actor(uow).user_id, written_at=uow.clock())
    uow.session.add(n)
    uow.session.flush()
    uow.audit("team.remind", "team_note", n.id, None, {"user_id": person, "due_on": due_on.isoformat(), "text": n.text})
    uow.commit()
    return n.id


@service(LOGGED_IN, read_only=True)
def my_reminders(uow: UnitOfWork) -> list[NoteRow]:
    """The reminders to me not yet seen to, the earliest first."""
    me = current_actor(uow).user_id
    rows = list(uow.session.scalars(select(TeamNote).where(
        TeamNote.user_id == me, TeamNote.kind == REMINDER, TeamNote.done.is_(False)).order_by(TeamNote.due_on)))
    names = user_names(uow, {n.author_id for n in rows})
    return [NoteRow(n.id, n.kind, names.get(n.author_id, ""), n.text, n.due_on, n.done) for n in rows]


@service(LOGGED_IN)
def reminder_done(uow: UnitOfWork, note_id: int) -> None:
    n = uow.session.get(TeamNote, note_id)
    if n is None or n.user_id != current_actor(uow).user_id or n.kind != REMINDER:
        raise NotFound(_("Reminder"), note_id)
    n.done = True
    uow.commit()


# -- who leads whom [人员的编排] -----------------------------------------------------------------


@dataclass(frozen=True)
class MemberRow:
    member_id: int
    member: str
    supervisor_id: int | None
    supervisor: str


@service(Perm.TERRITORY_MANAGE)
def set_supervisor(uow: UnitOfWork, member_id: int, supervisor_id: int | None) -> None:
    """Put a person in a supervisor's team (None: in no team), audited."""
    if uow.session.get(User, member_id) is None:
        raise NotFound(_("Person"), member_id)
    if supervisor_id is not None and (supervisor_id == member_id or uow.session.get(User, supervisor_id) is None):
        raise NotFound(_("Supervisor"), supervisor_id)
    row = uow.session.get(TeamMember, member_id)
    before = row.supervisor_id if row else None
    if before == supervisor_id:
        return
    if row is not None:
        uow.session.delete(row)
        uow.session.flush()
    if supervisor_id is not None:
        uow.session.add(TeamMember(member_id=member_id, supervisor_id=supervisor_id))
    uow.audit("team.assign", "user", member_id, {"supervisor_id": before}, {"supervisor_id": supervisor_id})
    uow.commit()


@service(Perm.TEAM_OVERSEE, read_only=True)
def team_members(uow: UnitOfWork) -> list[MemberRow]:
    """The people the actor sees and whom each answers to."""
    people = people_seen(uow)
    leads = dict(uow.session.execute(select(TeamMember.member_id, TeamMember.supervisor_id)).tuples().all())
    me = current_actor(uow).user_id
    ids = sorted(people - {me}) if people is not None else [i for i in department(uow) if i != me]
    names = user_names(uow, set(ids) | set(leads.values()))
    return sorted((MemberRow(i, names.get(i, ""), leads.get(i), names.get(leads.get(i) or 0, "")) for i in ids),
                  key=lambda r: r.member)
