"""The annual expense-control report [年度营销费用控制报告] submitted to the general manager,
reviewed and filed (seed 001, 销售费用管控制度 第11条2)."""

from __future__ import annotations

import pytest

from sales_desk.domain.common.errors import NotPermitted, SelfApprovalRefused, ValidationError
from sales_desk.domain.common.records import FormKind, FormRequest
from sales_desk.domain.expenses.report_review import ReportStepRefused
from sales_desk.services.expenses import report_review as review
from sales_desk.services.records import issuing
from tests.services.expense_flow import YEAR, staff


@pytest.fixture
def s(make_user):
    return staff(make_user)


def issued(database, actor, year: int = YEAR, fingerprint: str = "a") -> int:  # noqa: ANN001
    """The year's report as a document of record (the layout does not matter here)."""
    req = FormRequest(FormKind.EXPENSE_REPORT, f"year:{year}", "zh_CN", fingerprint * 64, f"report {year}",
                      str(year))
    return issuing.issue_document(database.uow(actor), req, lambda mark: (b"%PDF " + mark.encode(), 1)).id


def statuses(database, actor, year: int = YEAR) -> list[str]:  # noqa: ANN001
    return [x.status for x in review.report_submissions(database.uow(actor), year)]


def test_the_report_is_submitted_reviewed_by_the_gm_and_filed(database, s) -> None:
    doc = issued(database, s.mgr)
    sid = review.submit_report(database.uow(s.mgr), YEAR, doc, "请总经理审阅")
    assert statuses(database, s.gm) == ["submitted"]
    review.review_report(database.uow(s.gm), sid, True, "同意，明年控制公关费用")
    review.file_report(database.uow(s.mgr), sid)
    (row,) = review.report_submissions(database.uow(s.fin), YEAR)
    assert (row.status, row.remarks, row.reviewed_by, row.filed_by) == ("filed", "同意，明年控制公关费用", "gm", "mgr")
    assert row.document_id == doc and row.edition == 1  # the filed edition is the one the GM read


def test_only_who_may_issue_the_report_submits_it(database, s, make_user) -> None:
    doc = issued(database, s.mgr)
    rep = make_user("rep9", "sales_rep")
    with pytest.raises(NotPermitted):
        review.submit_report(database.uow(rep), YEAR, doc)


def test_a_document_that_is_not_the_years_report_is_refused(database, s) -> None:
    doc = issued(database, s.mgr, YEAR - 1)
    with pytest.raises(ValidationError):
        review.submit_report(database.uow(s.mgr), YEAR, doc)


def test_only_the_general_manager_reviews_the_report(database, s) -> None:
    sid = review.submit_report(database.uow(s.mgr), YEAR, issued(database, s.mgr))
    for other in (s.mgr, s.fin, s.cashier, s.sup):
        with pytest.raises(NotPermitted):
            review.review_report(database.uow(other), sid, True)
    assert statuses(database, s.gm) == ["submitted"]


def test_the_gm_does_not_review_a_report_the_gm_submitted(database, s) -> None:
    sid = review.submit_report(database.uow(s.gm), YEAR, issued(database, s.gm))
    with pytest.raises(SelfApprovalRefused):
        review.review_report(database.uow(s.gm), sid, True)


def test_filing_before_the_gms_review_is_refused(database, s) -> None:
    sid = review.submit_report(database.uow(s.mgr), YEAR, issued(database, s.mgr))
    with pytest.raises(ReportStepRefused, match="has not reviewed"):
        review.file_report(database.uow(s.mgr), sid)
    assert statuses(database, s.gm) == ["submitted"]


def test_a_returned_report_needs_a_reason_is_not_filed_and_is_submitted_anew(database, s) -> None:
    sid = review.submit_report(database.uow(s.mgr), YEAR, issued(database, s.mgr))
    with pytest.raises(ValidationError):
        review.review_report(database.uow(s.gm), sid, False, "  ")
    review.review_report(database.uow(s.gm), sid, False, "缺少改进措施")
    with pytest.raises(ReportStepRefused):
        review.file_report(database.uow(s.mgr), sid)
    with pytest.raises(ReportStepRefused):
        review.review_report(database.uow(s.gm), sid, True)  # reviewed once
    again = review.submit_report(database.uow(s.mgr), YEAR, issued(database, s.mgr, fingerprint="b"))
    assert statuses(database, s.gm) == ["submitted", "returned"]
    review.review_report(database.uow(s.gm), again, True)
    rows = review.report_submissions(database.uow(s.gm), YEAR)
    assert rows[0].edition == 2 and rows[0].round == 2


def test_a_report_open_or_filed_is_not_submitted_again(database, s) -> None:
    doc = issued(database, s.mgr)
    sid = review.submit_report(database.uow(s.mgr), YEAR, doc)
    with pytest.raises(ReportStepRefused, match="already with the general manager"):
        review.submit_report(database.uow(s.mgr), YEAR, doc)
    review.review_report(database.uow(s.gm), sid, True)
    with pytest.raises(ReportStepRefused, match="waits to be filed"):
        review.submit_report(database.uow(s.mgr), YEAR, doc)
    review.file_report(database.uow(s.mgr), sid)
    with pytest.raises(ReportStepRefused, match="has been filed"):
        review.submit_report(database.uow(s.mgr), YEAR, doc)
    with pytest.raises(ReportStepRefused):
        review.file_report(database.uow(s.mgr), sid)  # filed once


def test_each_step_is_in_the_audit_trail(database, s) -> None:
    from sqlalchemy import select

    from sales_desk.models import AuditEntry

    sid = review.submit_report(database.uow(s.mgr), YEAR, issued(database, s.mgr))
    review.review_report(database.uow(s.gm), sid, True, "同意")
    review.file_report(database.uow(s.mgr), sid)
    with database.uow() as uow:
        actions = list(uow.session.scalars(select(AuditEntry.action).where(AuditEntry.entity == "expense_report")
                                           .order_by(AuditEntry.seq)))
    assert actions == ["expense.report_submit", "expense.report_review", "expense.report_file"]
