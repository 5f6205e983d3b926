"""Reading the cases: the list with its filter and sort, one case with its steps and scores,
the open cases past their deadline (the dashboard's early warning), satisfaction trends."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import Select, case, func, or_, select
from sqlalchemy.orm import aliased

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.care.complaints import CaseStatus
from sales_desk.domain.common.errors import NotFound
from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.domain.customers.files import normalize_search, sees_all_customers
from sales_desk.i18n import _
from sales_desk.models import Customer, Product, SatisfactionScore, ServiceCase, ServiceStep
from sales_desk.services.common.base import business_today, current_actor, service, user_names
from sales_desk.services.customers.scope import visible_customer

SORTS = ("received_on", "due_on", "number", "customer", "severity", "status")


@dataclass(frozen=True)
class CaseFilter:
    kind: str | None = None
    status: str | None = None
    cause: str | None = None
    severity: str | None = None
    customer_id: int | None = None
    overdue_only: bool = False
    repeat_only: bool = False
    start: date | None = None
    end: date | None = None
    text: str = ""  # number, subject, customer code or name
    sort: str = "received_on"
    descending: bool = True


@dataclass(frozen=True)
class CaseRow:
    id: int
    number: str
    kind: str
    customer_id: int
    customer_code: str
    customer_name: str
    received_on: date
    cause: str
    product: str
    severity: str
    subject: str
    handler: str
    due_on: date
    status: str
    overdue: bool
    repeat_of: str  # the earlier case's number, "" when not a repeat
    closed_on: date | None
    days_to_close: int | None


@dataclass(frozen=True)
class StepRow:
    taken_on: date
    action: str
    by: str


@dataclass(frozen=True)
class ScoreRow:
    recorded_on: date
    occasion: str
    score: int
    note: str
    by: str


@dataclass(frozen=True)
class CaseDetail:
    row: CaseRow
    detail: str
    contact_person: str
    resolution: str
    confirmed_by: str
    confirmed_on: date | None
    steps: tuple[StepRow, ...]
    scores: tuple[ScoreRow, ...]


def _scoped(q: Select, actor: Actor) -> Select:  # type: ignore[type-arg]
    """A rep alone sees their own customers' cases."""
    return q if sees_all_customers(actor.roles) else q.where(Customer.rep_id == actor.user_id)


def _base(actor: Actor) -> Select:  # type: ignore[type-arg]
    earlier = aliased(ServiceCase)
    q = (select(ServiceCase, Customer.code, Customer.name, Product.name.label("product"),
                earlier.number.label("repeat_number"))
         .join(Customer, Customer.id == ServiceCase.customer_id)
         .outerjoin(Product, Product.id == ServiceCase.product_id)
         .outerjoin(earlier, earlier.id == ServiceCase.repeat_of_id))
    return _scoped(q, actor)


def _row(r, names: dict[int, str], today: date) -> CaseRow:  # noqa: ANN001 - a result row
    c: ServiceCase = r[0]
    return CaseRow(c.id, c.number, c.kind, c.customer_id, r.code, r.name, c.received_on, c.cause,
                   r.product or "", c.severity, c.subject, names.get(c.handler_id, ""), c.due_on, c.status,
                   (c.closed_on or today) > c.due_on, r.repeat_number or "", c.closed_on, c.days_to_close)


@service(Perm.CUSTOMER_VIEW, read_only=True)
def list_cases(uow: UnitOfWork, f: CaseFilter = CaseFilter(), limit: int = 2000) -> list[CaseRow]:
    """The cases the filter picks, in its order (the newest first by default)."""
    return cases_in(uow, f, limit)


def cases_in(uow: UnitOfWork, f: CaseFilter, limit: int = 2000) -> list[CaseRow]:
    """list_cases inside another service's transaction (the dashboard's drill-down)."""
    actor, today = current_actor(uow), business_today(uow)
    q = _base(actor)
    for column, value in ((ServiceCase.kind, f.kind), (ServiceCase.status, f.status),
                          (ServiceCase.cause, f.cause), (ServiceCase.severity, f.severity),
                          (ServiceCase.customer_id, f.customer_id)):
        if value is not None:
            q = q.where(column == value)
    if f.start is not None:
        q = q.where(ServiceCase.received_on >= f.start)
    if f.end is not None:
        q = q.where(ServiceCase.received_on <= f.end)
    if f.repeat_only:
        q = q.where(ServiceCase.repeat_of_id.is_not(None))
    if f.overdue_only:
        q = q.where(or_(ServiceCase.closed_on > ServiceCase.due_on,
                        (ServiceCase.status == CaseStatus.OPEN.value) & (ServiceCase.due_on < today)))
    if text := f.text.strip():
        like = f"%{text}%"
        key = f"%{normalize_search(text)}%"
        q = q.where(or_(ServiceCase.number.ilike(like), ServiceCase.subject.ilike(like),
                        Customer.code.ilike(like), Customer.search_text.like(key)))
    column = {"received_on": ServiceCase.received_on, "due_on": ServiceCase.due_on,
              "number": ServiceCase.number, "customer": Customer.code, "severity": ServiceCase.severity,
              "status": ServiceCase.status}.get(f.sort, ServiceCase.received_on)
    order = (column.desc(), ServiceCase.id.desc()) if f.descending else (column.asc(), ServiceCase.id.asc())
    rows = uow.session.execute(q.order_by(*order).limit(limit)).all()
    names = user_names(uow, [r[0].handler_id for r in rows])
    return [_row(r, names, today) for r in rows]


@service(Perm.CUSTOMER_VIEW, read_only=True)
def case_detail(uow: UnitOfWork, case_id: int) -> CaseDetail:
    actor, today = current_actor(uow), business_today(uow)
    r = uow.session.execute(_base(actor).where(ServiceCase.id == case_id)).first()
    if r is None:
        raise NotFound(_("Case"), case_id)
    c: ServiceCase = r[0]
    steps = uow.session.scalars(select(ServiceStep).where(ServiceStep.case_id == c.id)
                                .order_by(ServiceStep.taken_on, ServiceStep.id)).all()
    scores = uow.session.scalars(select(SatisfactionScore).where(SatisfactionScore.case_id == c.id)
                                 .order_by(SatisfactionScore.recorded_on, SatisfactionScore.id)).all()
    names = user_names(uow, [c.handler_id, *(s.by_id for s in steps), *(s.recorded_by_id for s in scores)])
    return CaseDetail(_row(r, names, today), c.detail, c.contact_person, c.resolution, c.confirmed_by,
                      c.confirmed_on,
                      tuple(StepRow(s.taken_on, s.action, names.get(s.by_id, "")) for s in steps),
                      tuple(ScoreRow(s.recorded_on, s.occasion, s.score, s.note, names.get(s.recorded_by_id, ""))
                            for s in scores))


def overdue_open(uow: UnitOfWork, actor: Actor, today: date) -> tuple[int, int]:
    """For the dashboard, inside its transaction: (open cases past their deadline, of them
    critical) among the customers the actor sees."""
    q = (select(func.count(), func.sum(case((ServiceCase.severity == "critical", 1), else_=0)))
         .select_from(ServiceCase).join(Customer, Customer.id == ServiceCase.customer_id)
         .where(ServiceCase.status == CaseStatus.OPEN.value, ServiceCase.due_on < today))
    n, critical = uow.session.execute(_scoped(q, actor)).one()
    return int(n or 0), int(critical or 0)


@dataclass(frozen=True)
class TrendPoint:
    month: str  # 2026-03
    average: Decimal  # two places, half up
    count: int


def month_of(uow: UnitOfWork, column):  # noqa: ANN001, ANN201 - a SQL expression
    """The year-month ("2026-03") of a date column, in the backend's own words."""
    if uow.session.get_bind().dialect.name == "postgresql":
        return func.to_char(column, "YYYY-MM")
    return func.strftime("%Y-%m", column)


@service(Perm.CUSTOMER_VIEW, read_only=True)
def satisfaction_trend(uow: UnitOfWork, start: date, end: date, customer_id: int | None = None) -> list[TrendPoint]:
    """The average satisfaction per month, for one customer or (None) for all the actor sees."""
    actor = current_actor(uow)
    month = month_of(uow, SatisfactionScore.recorded_on)
    q = (select(month.label("m"), func.sum(SatisfactionScore.score), func.count())
         .join(Customer, Customer.id == SatisfactionScore.customer_id)
         .where(SatisfactionScore.recorded_on >= start, SatisfactionScore.recorded_on <= end))
    if customer_id is not None:
        visible_customer(uow, customer_id)
        q = q.where(SatisfactionScore.customer_id == customer_id)
    q = _scoped(q, actor).group_by(month).order_by(month)
    return [TrendPoint(m, (Decimal(total) / n).quantize(Decimal("0.01"), ROUND_HALF_UP), int(n))
            for m, total, n in uow.session.execute(q)]
