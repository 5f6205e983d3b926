"""The annual expense-control report [年度营销费用控制报告] submitted to the general manager,
reviewed and filed (seed 001, 销售费用管控制度 第11条2; rules in domain/expenses/report_review.py).

The caller issues the report first (reports/records/issuers.issue_expense_report: the
services do not lay out PDFs) and submits that document: the edition submitted is the one
the general manager reads and, once approved, the one filed. Submitting and filing need a
right to issue the report (domain/common/records.ISSUE_RIGHTS); the review needs
expense.review_report, and nobody reviews a report they submitted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.common.approvals import ensure_not_self_approval
from sales_desk.domain.common.errors import NotFound, NotPermitted, ValidationError
from sales_desk.domain.common.records import FormKind, may_issue
from sales_desk.domain.common.roles import Perm
from sales_desk.domain.expenses.claims import require_reason
from sales_desk.domain.expenses.report_review import (
    ReportStatus,
    ensure_may_file,
    ensure_may_review,
    ensure_may_submit,
)
from sales_desk.i18n import _
from sales_desk.models import ExpenseReportSubmission, IssuedDocument
from sales_desk.services.common.base import (
    LOGGED_IN,
    current_actor,
    require_any,
    service,
    user_names,
)
from sales_desk.services.expenses.common import OVERSEERS, check_year

_KIND = FormKind.EXPENSE_REPORT


@dataclass(frozen=True)
class Submission:
    id: int
    year: int
    round: int
    status: str  # ReportStatus
    document_id: int
    document_number: str  # DR2026-00012
    edition: int
    language: str
    note: str
    submitted_by: str
    submitted_at: datetime
    reviewed_by: str
    reviewed_at: datetime | None
    remarks: str  # the GM's remarks, or why it was returned
    filed_by: str
    filed_at: datetime | None


def _require_issuer(uow: UnitOfWork) -> None:
    actor = current_actor(uow)
    if not may_issue(actor, _KIND):
        raise NotPermitted(" | ".join(str(p) for p in _KIND.rights), actor.username)


def _latest(uow: UnitOfWork, year: int) -> ExpenseReportSubmission | None:
    return uow.session.scalars(select(ExpenseReportSubmission).where(ExpenseReportSubmission.year == year)
                               .order_by(ExpenseReportSubmission.round.desc()).limit(1)).first()


def _submission(uow: UnitOfWork, submission_id: int) -> ExpenseReportSubmission:
    row = uow.session.get(ExpenseReportSubmission, submission_id, with_for_update=True)
    if row is None:
        raise NotFound(_("Report submission"), submission_id)
    return row


def _snapshot(row: ExpenseReportSubmission) -> dict[str, object]:
    return {"year": row.year, "round": row.round, "status": row.status, "document_id": row.document_id,
            "remarks": row.remarks}


@service(LOGGED_IN)
def submit_report(uow: UnitOfWork, year: int, document_id: int, note: str = "") -> int:
    """Submit the year's issued report to the general manager; returns the submission's id."""
    submission_id = submit_in(uow, year, document_id, note)
    uow.commit()
    return submission_id


def submit_in(uow: UnitOfWork, year: int, document_id: int, note: str = "") -> int:
    """submit_report inside another unit of work's transaction (the demo firm)."""
    _require_issuer(uow)
    actor = current_actor(uow)
    year = check_year(year)
    doc = uow.session.get(IssuedDocument, document_id)
    if doc is None or doc.kind != _KIND.value or doc.subject != f"year:{year}":
        raise ValidationError(_("Report"), _("not the issued annual expense report of {year}").format(year=year))
    latest = _latest(uow, year)
    ensure_may_submit(ReportStatus(latest.status) if latest else None, year)
    row = ExpenseReportSubmission(year=year, round=(latest.round + 1) if latest else 1, document_id=doc.id,
                                  status=ReportStatus.SUBMITTED.value, note=(note or "").strip(),
                                  submitted_by_id=actor.user_id, submitted_at=uow.clock(), remarks="")
    uow.session.add(row)
    uow.session.flush()
    uow.audit("expense.report_submit", "expense_report", row.id, None,
              {**_snapshot(row), "document": doc.number, "sha256": doc.sha256, "note": row.note})
    return row.id


@service(Perm.EXPENSE_REPORT_REVIEW)
def review_report(uow: UnitOfWork, submission_id: int, approve: bool, remarks: str = "") -> None:
    """The general manager approves the report (remarks optional) or returns it (a reason needed)."""
    review_in(uow, submission_id, approve, remarks)
    uow.commit()


def review_in(uow: UnitOfWork, submission_id: int, approve: bool, remarks: str = "") -> None:
    """review_report inside another unit of work's transaction (the demo firm)."""
    require_any(uow, (Perm.EXPENSE_REPORT_REVIEW,))
    actor = current_actor(uow)
    row = _submission(uow, submission_id)
    ensure_may_review(ReportStatus(row.status))
    ensure_not_self_approval(row.submitted_by_id, actor.user_id, "expense report")
    remarks = (remarks or "").strip() if approve else require_reason(remarks)
    before = _snapshot(row)
    row.status = (ReportStatus.APPROVED if approve else ReportStatus.RETURNED).value
    row.reviewed_by_id, row.reviewed_at, row.remarks = actor.user_id, uow.clock(), remarks
    uow.audit("expense.report_review", "expense_report", row.id, before, _snapshot(row))


@service(LOGGED_IN)
def file_report(uow: UnitOfWork, submission_id: int) -> None:
    """File [存档] the edition the general manager approved: the year's document of record."""
    file_in(uow, submission_id)
    uow.commit()


def file_in(uow: UnitOfWork, submission_id: int) -> None:
    """file_report inside another unit of work's transaction (the demo firm)."""
    _require_issuer(uow)
    actor = current_actor(uow)
    row = _submission(uow, submission_id)
    ensure_may_file(ReportStatus(row.status))
    doc = uow.session.get(IssuedDocument, row.document_id)
    before = _snapshot(row)
    row.status, row.filed_by_id, row.filed_at = ReportStatus.FILED.value, actor.user_id, uow.clock()
    uow.audit("expense.report_file", "expense_report", row.id, before,
              {**_snapshot(row), "document": doc.number if doc else "", "sha256": doc.sha256 if doc else ""})


@service(LOGGED_IN, read_only=True)
def report_submissions(uow: UnitOfWork, year: int) -> list[Submission]:
    """The year's submissions, latest first (whoever oversees expenses, and the GM)."""
    require_any(uow, (*OVERSEERS, Perm.EXPENSE_REPORT_REVIEW))
    s, d = ExpenseReportSubmission, IssuedDocument
    rows = uow.session.execute(
        select(s, d.number, d.edition, d.language).join(d, d.id == s.document_id)
        .where(s.year == check_year(year)).order_by(s.round.desc())).all()
    names = user_names(uow, [i for r in rows for i in (r[0].submitted_by_id, r[0].reviewed_by_id,
                                                       r[0].filed_by_id)])
    return [Submission(r[0].id, r[0].year, r[0].round, r[0].status, r[0].document_id, r[1], r[2], r[3],
                       r[0].note, names.get(r[0].submitted_by_id, ""), r[0].submitted_at,
                       names.get(r[0].reviewed_by_id or 0, ""), r[0].reviewed_at, r[0].remarks,
                       names.get(r[0].filed_by_id or 0, ""), r[0].filed_at) for r in rows]
