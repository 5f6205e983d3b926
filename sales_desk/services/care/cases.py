"""Complaints and after-sales service cases [客户投诉管理, 售后服务跟踪]: received with cause,
product, severity and a handler, a deadline by severity from the policy in force on the day
received, repeat complaints flagged; steps taken; closed with the customer's confirmation,
and satisfaction recorded then and at return visits (domain/care/complaints.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.care.complaints import (
    REPEAT_DAYS_KEY,
    CaseAlreadyClosed,
    CaseKind,
    CaseStatus,
    Cause,
    Earlier,
    Occasion,
    Severity,
    case_number,
    check_confirmation,
    check_score,
    deadline_for,
    repeat_of,
)
from sales_desk.domain.common.errors import NotFound, ValidationError
from sales_desk.domain.common.roles import ROLE_PERMISSIONS, Perm
from sales_desk.i18n import _
from sales_desk.models import Product, SatisfactionScore, ServiceCase, ServiceStep, User, UserRole
from sales_desk.services.admin.policy import policy_in_force
from sales_desk.services.common.base import business_today, current_actor, service
from sales_desk.services.customers.scope import visible_customer


@dataclass(frozen=True)
class CaseInput:
    customer_id: int
    kind: CaseKind
    received_on: date
    cause: Cause
    severity: Severity
    subject: str
    handler_id: int
    product_id: int | None = None
    detail: str = ""
    contact_person: str = ""


def _handler_ok(uow: UnitOfWork, user_id: int) -> None:
    roles = [r for r, perms in ROLE_PERMISSIONS.items() if Perm.COMPLAINT_HANDLE in perms]
    ok = uow.session.scalar(select(User.id).join(UserRole, UserRole.user_id == User.id).where(
        User.id == user_id, User.active.is_(True), UserRole.role.in_([r.value for r in roles])).limit(1))
    if ok is None:
        raise ValidationError(_("Handled by"), _("choose an active user who handles complaints"))


def _next_number(uow: UnitOfWork, kind: CaseKind, year: int) -> str:
    prefix = case_number(kind, year, 0)[:-5]
    last = uow.session.scalar(select(func.max(ServiceCase.number)).where(ServiceCase.number.like(prefix + "%")))
    seq = int(last[len(prefix):]) if last else 0
    return case_number(kind, year, seq + 1)


def find_repeat(uow: UnitOfWork, customer_id: int, received_on: date, cause: str, product_id: int | None,
                exclude_id: int | None = None) -> int | None:
    """The earlier complaint this one repeats, by the window in force on the day received."""
    window = int(policy_in_force(uow, received_on).values[REPEAT_DAYS_KEY])  # type: ignore[call-overload]
    q = (select(ServiceCase.id, ServiceCase.received_on, ServiceCase.cause, ServiceCase.product_id)
         .where(ServiceCase.customer_id == customer_id, ServiceCase.kind == CaseKind.COMPLAINT.value,
                ServiceCase.received_on >= received_on - timedelta(days=window),
                ServiceCase.received_on <= received_on))
    if exclude_id is not None:
        q = q.where(ServiceCase.id != exclude_id)
    earlier = [Earlier(r.id, r.received_on, r.cause, r.product_id) for r in uow.session.execute(q)]
    return repeat_of(received_on, cause, product_id, earlier, window)


@service(Perm.COMPLAINT_HANDLE)
def open_case(uow: UnitOfWork, data: CaseInput) -> int:
    case_id = open_case_in(uow, data)
    uow.commit()
    return case_id


def open_case_in(uow: UnitOfWork, data: CaseInput) -> int:
    """Inside a transaction (the demo firm's history): the work of open_case."""
    c = visible_customer(uow, data.customer_id)
    kind, cause, severity = CaseKind(data.kind), Cause(data.cause), Severity(data.severity)
    today = business_today(uow)
    if not data.subject.strip():
        raise ValidationError(_("Subject"), _("must not be empty"))
    if data.received_on > today:
        raise ValidationError(_("Received on"), _("must not lie in the future"))
    if data.product_id is not None and uow.session.get(Product, data.product_id) is None:
        raise NotFound(_("Product"), data.product_id)
    _handler_ok(uow, data.handler_id)
    policy = policy_in_force(uow, data.received_on).values
    repeat = (find_repeat(uow, c.id, data.received_on, cause.value, data.product_id)
              if kind is CaseKind.COMPLAINT else None)
    row = ServiceCase(
        number=_next_number(uow, kind, data.received_on.year), kind=kind.value, customer_id=c.id,
        rep_id=c.rep_id, received_on=data.received_on, cause=cause.value, product_id=data.product_id,
        severity=severity.value, subject=data.subject.strip(), detail=data.detail.strip(),
        contact_person=data.contact_person.strip(), handler_id=data.handler_id,
        due_on=deadline_for(data.received_on, severity, policy), repeat_of_id=repeat,
        status=CaseStatus.OPEN.value, resolution="", confirmed_by="",
        recorded_by_id=current_actor(uow).user_id, recorded_at=uow.clock())
    uow.session.add(row)
    uow.session.flush()
    uow.audit("care.case_open", "customer", c.id, None,
              {"case": row.number, "kind": kind.value, "cause": cause.value, "severity": severity.value,
               "subject": row.subject, "due_on": row.due_on, "repeat_of_id": repeat})
    return row.id


def _case(uow: UnitOfWork, case_id: int) -> ServiceCase:
    row = uow.session.get(ServiceCase, case_id)
    if row is None:
        raise NotFound(_("Case"), case_id)
    visible_customer(uow, row.customer_id)
    return row


@service(Perm.COMPLAINT_HANDLE)
def add_step(uow: UnitOfWork, case_id: int, action: str, taken_on: date | None = None) -> int:
    step_id = add_step_in(uow, case_id, action, taken_on)
    uow.commit()
    return step_id


def add_step_in(uow: UnitOfWork, case_id: int, action: str, taken_on: date | None = None) -> int:
    row = _case(uow, case_id)
    if row.status == CaseStatus.CLOSED.value:
        raise CaseAlreadyClosed(row.number)
    today = business_today(uow)
    day = taken_on or today
    if not action.strip():
        raise ValidationError(_("Step taken"), _("say what was done"))
    if day < row.received_on or day > today:
        raise ValidationError(_("Date"), _("between the day received and today"))
    step = ServiceStep(case_id=row.id, taken_on=day, action=action.strip(),
                       by_id=current_actor(uow).user_id, recorded_at=uow.clock())
    uow.session.add(step)
    uow.session.flush()
    uow.audit("care.case_step", "customer", row.customer_id, None,
              {"case": row.number, "on": day, "action": step.action})
    return step.id


@service(Perm.COMPLAINT_HANDLE)
def close_case(uow: UnitOfWork, case_id: int, resolution: str, confirmed_by: str, confirmed_on: date | None,
               satisfaction: int | None = None, note: str = "") -> None:
    close_case_in(uow, case_id, resolution, confirmed_by, confirmed_on, satisfaction, note)
    uow.commit()


def close_case_in(uow: UnitOfWork, case_id: int, resolution: str, confirmed_by: str,
                  confirmed_on: date | None, satisfaction: int | None = None, note: str = "") -> None:
    """Closing needs the customer's confirmation [客户确认] and what was done; the customer's
    satisfaction, when asked, is recorded with it."""
    row = _case(uow, case_id)
    if row.status == CaseStatus.CLOSED.value:
        raise CaseAlreadyClosed(row.number)
    today = business_today(uow)
    check_confirmation(confirmed_by, confirmed_on, row.received_on, today)
    if not resolution.strip():
        raise ValidationError(_("Resolution"), _("say how the case was resolved"))
    if satisfaction is not None:
        check_score(satisfaction)
    actor = current_actor(uow)
    row.status, row.resolution = CaseStatus.CLOSED.value, resolution.strip()
    row.confirmed_by, row.confirmed_on = confirmed_by.strip(), confirmed_on
    row.closed_on, row.closed_by_id = today, actor.user_id
    row.days_to_close = (today - row.received_on).days
    if satisfaction is not None:
        uow.session.add(SatisfactionScore(customer_id=row.customer_id, case_id=row.id,
                                          occasion=Occasion.CLOSING.value, recorded_on=today, score=satisfaction,
                                          note=note.strip(), recorded_by_id=actor.user_id, recorded_at=uow.clock()))
    uow.audit("care.case_close", "customer", row.customer_id, {"case": row.number, "status": "open"},
              {"case": row.number, "status": "closed", "resolution": row.resolution,
               "confirmed_by": row.confirmed_by, "confirmed_on": confirmed_on, "satisfaction": satisfaction})


@service(Perm.COMPLAINT_HANDLE)
def record_satisfaction(uow: UnitOfWork, customer_id: int, score: int, recorded_on: date | None = None,
                        note: str = "", case_id: int | None = None) -> int:
    row_id = record_satisfaction_in(uow, customer_id, score, recorded_on, note, case_id)
    uow.commit()
    return row_id


def record_satisfaction_in(uow: UnitOfWork, customer_id: int, score: int, recorded_on: date | None = None,
                           note: str = "", case_id: int | None = None) -> int:
    """The customer's satisfaction at a return visit [回访] (after a case, or any visit)."""
    c = visible_customer(uow, customer_id)
    check_score(score)
    today = business_today(uow)
    day = recorded_on or today
    if day > today:
        raise ValidationError(_("Date"), _("must not lie in the future"))
    if case_id is not None and _case(uow, case_id).customer_id != c.id:
        raise ValidationError(_("Case"), _("belongs to another customer"))
    row = SatisfactionScore(customer_id=c.id, case_id=case_id, occasion=Occasion.RETURN_VISIT.value,
                            recorded_on=day, score=score, note=note.strip(),
                            recorded_by_id=current_actor(uow).user_id, recorded_at=uow.clock())
    uow.session.add(row)
    uow.session.flush()
    uow.audit("care.satisfaction", "customer", c.id, None, {"score": score, "on": day, "note": row.note})
    return row.id


def complaints_per_rep(uow: UnitOfWork, rep_ids: Iterable[int], start: date, end: date) -> dict[int, int]:
    """For the performance evaluation, inside its service's transaction: the complaints
    [投诉] received from start to end (both included) from customers each rep had on the day
    received; every rep asked for is in the answer (0 when none). Service cases do not count."""
    wanted = sorted(set(rep_ids))
    out = dict.fromkeys(wanted, 0)
    if not wanted:
        return out
    rows = uow.session.execute(
        select(ServiceCase.rep_id, func.count())
        .where(ServiceCase.rep_id.in_(wanted), ServiceCase.kind == CaseKind.COMPLAINT.value,
               ServiceCase.received_on >= start, ServiceCase.received_on <= end)
        .group_by(ServiceCase.rep_id))
    for rep_id, n in rows:
        out[rep_id] = int(n)
    return out
