"""The customer industry and market information report [客户行业与市场信息报告] (客户关系维护办法
第7条1: 定期编制): written per month by a rep or a customer-service specialist, reviewed by the
sales manager and filed; part of the customer files (第7条2)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import or_, select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.common.errors import NotFound, ValidationError
from sales_desk.domain.common.roles import Perm
from sales_desk.domain.customers.files import check_classification
from sales_desk.domain.relationship.plans import (
    REPORT_LABELS,
    REPORT_PARTS,
    PlanRefused,
    Status,
    check_period,
    ensure_editable,
)
from sales_desk.i18n import _
from sales_desk.models.relationship import MarketReport
from sales_desk.services.common.base import business_today, current_actor, service, user_names
from sales_desk.services.common.documents import next_number
from sales_desk.services.relationship import review as flow

PRIVATE = (Status.DRAFT.value, Status.RETURNED.value)  # its writer's alone until submitted


@dataclass(frozen=True)
class ReportView:
    id: int
    number: str
    period: str  # YYYY-MM
    industry: str  # an INDUSTRIES code, or "" for all
    status: str
    parts: tuple[tuple[str, str], ...]
    written_by_id: int
    written_by: str
    written_at: datetime
    submitted_at: datetime | None
    reviewed_by: str
    reviewed_at: datetime | None
    review_note: str
    filed_on: date | None

    def part(self, key: str) -> str:
        return dict(self.parts)[key]


def _parts(r: MarketReport) -> dict[str, str]:
    return {k: getattr(r, k) for k in REPORT_PARTS}


def _view(uow: UnitOfWork, r: MarketReport, names: dict[int, str] | None = None) -> ReportView:
    names = names if names is not None else user_names(uow, [r.written_by_id, r.reviewed_by_id])
    writer, reviewer = flow.people(r, names)
    return ReportView(r.id, r.number, r.period, r.industry, r.status, tuple(_parts(r).items()), r.written_by_id,
                      writer, r.written_at, r.submitted_at, reviewer, r.reviewed_at, r.review_note, r.filed_on)


def _report(uow: UnitOfWork, report_id: int, lock: bool = False) -> MarketReport:
    r = uow.session.get(MarketReport, report_id, with_for_update=lock)
    if r is None:
        raise NotFound(_("Market report"), report_id)
    return r


def _snapshot(r: MarketReport) -> dict[str, object]:
    return {"number": r.number, "period": r.period, "industry": r.industry, "status": r.status}


def _own(uow: UnitOfWork, r: MarketReport) -> None:
    if r.written_by_id != current_actor(uow).user_id:
        raise PlanRefused(_("Only the one who wrote the report changes or submits it."))


@service(Perm.CARE_WRITE_REPORT)
def save_report(uow: UnitOfWork, period: str, industry: str, parts: dict[str, str],
                report_id: int | None = None) -> int:
    """Write or change one's draft report for a month; returns its id."""
    rid = save_report_in(uow, period, industry, parts, report_id)
    uow.commit()
    return rid


def save_report_in(uow: UnitOfWork, period: str, industry: str, parts: dict[str, str],
                   report_id: int | None = None) -> int:
    actor = current_actor(uow)
    period = check_period(period)
    industry = check_classification("industry", industry)
    unknown = set(parts) - set(REPORT_PARTS)
    if unknown:
        raise ValidationError(", ".join(sorted(unknown)), _("not a part of the report"))
    if report_id is None:
        r = MarketReport(number=next_number(uow, "MR", business_today(uow)), status=Status.DRAFT.value,
                         written_by_id=actor.user_id, written_at=uow.clock(), review_note="",
                         **{k: "" for k in REPORT_PARTS})
        uow.session.add(r)
        before = None
    else:
        r = _report(uow, report_id, lock=True)
        _own(uow, r)
        ensure_editable(Status(r.status))
        before = _snapshot(r)
    r.period, r.industry = period, industry
    for k, v in parts.items():
        setattr(r, k, (v or "").strip())
    uow.session.flush()
    uow.audit("customer.market_report_save", "market_report", r.id, before, _snapshot(r))
    return r.id


@service(Perm.CARE_WRITE_REPORT)
def submit_report(uow: UnitOfWork, report_id: int) -> None:
    submit_report_in(uow, report_id)
    uow.commit()


def submit_report_in(uow: UnitOfWork, report_id: int) -> None:
    r = _report(uow, report_id, lock=True)
    _own(uow, r)
    before = _snapshot(r)
    flow.submit(uow, r, _parts(r), REPORT_LABELS)
    uow.audit("customer.market_report_submit", "market_report", r.id, before, _snapshot(r))


@service(Perm.CARE_REVIEW)
def review_report(uow: UnitOfWork, report_id: int, approve: bool, note: str = "") -> None:
    review_report_in(uow, report_id, approve, note)
    uow.commit()


def review_report_in(uow: UnitOfWork, report_id: int, approve: bool, note: str = "") -> None:
    r = _report(uow, report_id, lock=True)
    before = _snapshot(r)
    flow.review(uow, r, approve, note)
    uow.audit("customer.market_report_review", "market_report", r.id, before,
              {**_snapshot(r), "note": r.review_note})


@service(Perm.CUSTOMER_VIEW, read_only=True)
def get_report(uow: UnitOfWork, report_id: int) -> ReportView:
    return report_in(uow, report_id)


def report_in(uow: UnitOfWork, report_id: int) -> ReportView:
    """get_report inside the caller's transaction (the printed form): someone else's draft or
    returned report is not found, as it is missing from their list (not even its number shows)."""
    r = _report(uow, report_id)
    if r.status in PRIVATE and r.written_by_id != current_actor(uow).user_id:
        raise NotFound(_("Market report"), report_id)
    return _view(uow, r)


@service(Perm.CUSTOMER_VIEW, read_only=True)
def list_reports(uow: UnitOfWork, limit: int = 200) -> list[ReportView]:
    """Filed reports for everyone; drafts and returned ones only for their writer; newest first."""
    actor = current_actor(uow)
    rows = list(uow.session.scalars(
        select(MarketReport).where(or_(MarketReport.status.not_in(PRIVATE), MarketReport.written_by_id == actor.user_id))
        .order_by(MarketReport.period.desc(), MarketReport.id.desc()).limit(limit)))
    names = user_names(uow, {i for r in rows for i in (r.written_by_id, r.reviewed_by_id)})
    return [_view(uow, r, names) for r in rows]
