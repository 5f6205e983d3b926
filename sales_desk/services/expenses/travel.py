"""Travel applications [差旅申请] (seed 001, 第13条): travel is applied for before it is
spent; a rep's (or supervisor's) travel is approved by the sales manager, the sales
manager's by the general manager. A travel claim then references the approved
application (services/expenses/claims.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.common.approvals import ensure_not_self_approval
from sales_desk.domain.common.errors import DomainError, NotFound, ValidationError
from sales_desk.domain.common.money import money_str
from sales_desk.domain.common.roles import Perm
from sales_desk.domain.expenses.claims import COMMITTED, StepKind, TravelStatus, require_reason
from sales_desk.domain.expenses.routing import check_travel_dates, travel_approver
from sales_desk.i18n import _
from sales_desk.models import Customer, ExpenseClaim, TravelApplication
from sales_desk.services.common.base import LOGGED_IN, current_actor, service
from sales_desk.services.expenses.common import business_today, department_of, sees_all, user_names


@dataclass(frozen=True)
class TravelInput:
    destination: str
    purpose: str
    start_on: date
    end_on: date
    estimated_amount: int  # minor units
    customer_id: int | None = None


@dataclass(frozen=True)
class TravelRow:
    id: int
    applicant_id: int
    applicant: str
    department: str
    destination: str
    purpose: str
    start_on: date
    end_on: date
    estimated_amount: int
    approver_kind: str  # StepKind.APPROVE or GM
    status: str  # TravelStatus
    applied_on: date
    decided_by: str
    decided_at: datetime | None
    decision_comment: str
    claimed: bool  # a claim (not returned or withdrawn) references it


class TravelNotPending(DomainError):
    def __init__(self, status: TravelStatus):
        self.status = status
        super().__init__(_("The travel application is “{status}”.").format(status=status.label))


class WrongTravelApprover(DomainError):
    def __init__(self, kind: StepKind):
        self.kind = kind
        super().__init__(_("This travel application is for “{step}” to decide.").format(step=kind.label))


@service(Perm.EXPENSE_APPLY)
def apply_for_travel(uow: UnitOfWork, data: TravelInput) -> int:
    actor = current_actor(uow)
    today = business_today(uow)
    destination, purpose = (data.destination or "").strip(), (data.purpose or "").strip()
    if not destination or len(destination) > 200:
        raise ValidationError(_("Destination"), _("must not be empty"))
    if not purpose:
        raise ValidationError(_("Purpose"), _("must not be empty"))
    if not isinstance(data.start_on, date) or not isinstance(data.end_on, date):
        raise ValidationError(_("Start date"), _("not a valid value"))
    check_travel_dates(data.start_on, data.end_on, today)
    amount = data.estimated_amount
    if isinstance(amount, bool) or not isinstance(amount, int) or amount < 0:
        raise ValidationError(_("Estimated amount"), _("at least {n}").format(n=0))
    if data.customer_id is not None and uow.session.get(Customer, data.customer_id) is None:
        raise NotFound(_("Customer"), data.customer_id)
    kind = travel_approver(actor.roles)
    app = TravelApplication(
        applicant_id=actor.user_id, department=department_of(uow, actor.user_id), destination=destination,
        purpose=purpose, start_on=data.start_on, end_on=data.end_on, estimated_amount=amount,
        customer_id=data.customer_id, approver_kind=kind.value, status=TravelStatus.PENDING.value,
        applied_on=today, applied_at=uow.clock())
    uow.session.add(app)
    uow.session.flush()
    uow.audit("travel.apply", "travel_application", app.id, None,
              {"destination": destination, "start_on": data.start_on.isoformat(),
               "end_on": data.end_on.isoformat(), "estimated_amount": money_str(amount),
               "approver": kind.value})
    uow.commit()
    return app.id


def _decide(uow: UnitOfWork, app_id: int, kinds: tuple[StepKind, ...], approve: bool, comment: str) -> None:
    actor = current_actor(uow)
    app = uow.session.get(TravelApplication, app_id, with_for_update=True)
    if app is None:
        raise NotFound(_("Travel application"), app_id)
    status = TravelStatus(app.status)
    if status is not TravelStatus.PENDING:
        raise TravelNotPending(status)
    if StepKind(app.approver_kind) not in kinds:
        raise WrongTravelApprover(StepKind(app.approver_kind))
    ensure_not_self_approval(app.applicant_id, actor.user_id, "travel")
    comment = (comment or "").strip() if approve else require_reason(comment)
    app.status = (TravelStatus.APPROVED if approve else TravelStatus.REFUSED).value
    app.decided_by_id, app.decided_at, app.decision_comment = actor.user_id, uow.clock(), comment
    uow.audit("travel.approve" if approve else "travel.refuse", "travel_application", app.id,
              {"status": status.value}, {"status": app.status, "comment": comment})
    uow.commit()


@service(Perm.EXPENSE_APPROVE)
def approve_travel(uow: UnitOfWork, app_id: int, approve: bool, comment: str = "") -> None:
    """The sales manager decides a rep's or supervisor's travel (the GM may too)."""
    _decide(uow, app_id, (StepKind.APPROVE,), approve, comment)


@service(Perm.EXPENSE_APPROVE_MAJOR)
def gm_approve_travel(uow: UnitOfWork, app_id: int, approve: bool, comment: str = "") -> None:
    """The general manager decides a manager's travel (or any other)."""
    _decide(uow, app_id, (StepKind.GM, StepKind.APPROVE), approve, comment)


@service(Perm.EXPENSE_APPLY)
def withdraw_travel(uow: UnitOfWork, app_id: int) -> None:
    actor = current_actor(uow)
    app = uow.session.get(TravelApplication, app_id, with_for_update=True)
    if app is None or app.applicant_id != actor.user_id:
        raise NotFound(_("Travel application"), app_id)
    status = TravelStatus(app.status)
    if status not in (TravelStatus.PENDING, TravelStatus.APPROVED) or _claimed(uow, [app.id]):
        raise TravelNotPending(status)
    app.status = TravelStatus.WITHDRAWN.value
    uow.audit("travel.withdraw", "travel_application", app.id, {"status": status.value},
              {"status": app.status})
    uow.commit()


def _claimed(uow: UnitOfWork, ids: list[int]) -> set[int]:
    if not ids:
        return set()
    return set(uow.session.scalars(select(ExpenseClaim.travel_application_id).where(
        ExpenseClaim.travel_application_id.in_(ids),
        ExpenseClaim.status.in_([s.value for s in COMMITTED]))))


@service(LOGGED_IN, read_only=True)
def list_travel(uow: UnitOfWork, mine: bool = True, status: str = "", year: int | None = None,
                limit: int = 500) -> list[TravelRow]:
    """One's own travel applications, or (for those who oversee expenses) everyone's; newest first."""
    actor = current_actor(uow)
    t = TravelApplication
    q = select(t).order_by(t.id.desc()).limit(limit)
    if mine or not sees_all(actor):
        q = q.where(t.applicant_id == actor.user_id)
    if status:
        q = q.where(t.status == TravelStatus(status).value)
    if year is not None:
        q = q.where(t.start_on >= date(year, 1, 1), t.start_on <= date(year, 12, 31))
    apps = list(uow.session.scalars(q))
    names = user_names(uow, [a.applicant_id for a in apps] + [a.decided_by_id for a in apps])
    claimed = _claimed(uow, [a.id for a in apps])
    return [TravelRow(a.id, a.applicant_id, names.get(a.applicant_id, ""), a.department, a.destination,
                      a.purpose, a.start_on, a.end_on, a.estimated_amount, a.approver_kind, a.status,
                      a.applied_on, names.get(a.decided_by_id or 0, ""), a.decided_at, a.decision_comment,
                      a.id in claimed) for a in apps]


@service(Perm.EXPENSE_APPLY, read_only=True)
def claimable_travel(uow: UnitOfWork) -> list[TravelRow]:
    """One's approved travel applications no claim has used yet: the claim form offers these."""
    actor = current_actor(uow)
    t = TravelApplication
    apps = list(uow.session.scalars(select(t).where(
        t.applicant_id == actor.user_id, t.status == TravelStatus.APPROVED.value).order_by(t.id.desc())))
    claimed = _claimed(uow, [a.id for a in apps])
    names = user_names(uow, [actor.user_id] + [a.decided_by_id for a in apps])
    return [TravelRow(a.id, a.applicant_id, names.get(a.applicant_id, ""), a.department, a.destination,
                      a.purpose, a.start_on, a.end_on, a.estimated_amount, a.approver_kind, a.status,
                      a.applied_on, names.get(a.decided_by_id or 0, ""), a.decided_at, a.decision_comment,
                      False) for a in apps if a.id not in claimed]
