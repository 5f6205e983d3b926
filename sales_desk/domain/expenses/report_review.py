"""The annual expense-control report's way to the file (seed 001, 销售费用管控制度 第11条2:
"形成年度营销费用控制报告，提交总经理审阅后，存档以备下年度销售费用控制的资料").

submitted → the general manager reviews it: approved (with remarks) or returned (with a
reason); a returned report is issued again and submitted anew; an approved one is filed
[存档], and the edition filed is the one the general manager read. Once filed, the year
is closed: its report is not submitted again. All functions are pure.
"""

from __future__ import annotations

from enum import StrEnum

from sales_desk.domain.common.errors import DomainError
from sales_desk.domain.expenses.claims import Term
from sales_desk.i18n import N_, _


class ReportStatus(StrEnum):
    SUBMITTED = "submitted"  # waiting for the general manager
    RETURNED = "returned"  # sent back with a reason
    APPROVED = "approved"  # read and approved, waiting to be filed
    FILED = "filed"  # archived: the year's document of record

    @property
    def term(self) -> Term:
        return REPORT_STATUS_TERMS[self]

    @property
    def label(self) -> str:
        return _(REPORT_STATUS_TERMS[self].msgid)


REPORT_STATUS_TERMS = {
    ReportStatus.SUBMITTED: Term(N_("Submitted to the general manager"), "已提交总经理审阅"),
    ReportStatus.RETURNED: Term(N_("Returned by the general manager"), "总经理退回"),
    ReportStatus.APPROVED: Term(N_("Reviewed by the general manager"), "总经理已审阅"),
    ReportStatus.FILED: Term(N_("Filed"), "已存档"),
}

ARTICLE = "费用 第11条2"


class ReportStepRefused(DomainError):
    """A step of the report's review taken out of turn."""

    def __init__(self, message: str):
        super().__init__(message + " " + _("({article})").format(article=ARTICLE))


def ensure_may_submit(latest: ReportStatus | None, year: int) -> None:
    """A year's report is submitted when none is open: first, or after the GM returned it."""
    if latest is ReportStatus.SUBMITTED:
        raise ReportStepRefused(_("The {year} report is already with the general manager.").format(year=year))
    if latest is ReportStatus.APPROVED:
        raise ReportStepRefused(_("The {year} report has been reviewed and waits to be filed.").format(
            year=year))
    if latest is ReportStatus.FILED:
        raise ReportStepRefused(_("The {year} report has been filed; a filed report is not submitted "
                                  "again.").format(year=year))


def ensure_may_review(status: ReportStatus) -> None:
    """Only a submitted report is reviewed, and only once."""
    if status is not ReportStatus.SUBMITTED:
        raise ReportStepRefused(_("This report is “{status}”: only a report submitted to the general "
                                  "manager is reviewed.").format(status=status.label))


def ensure_may_file(status: ReportStatus) -> None:
    """Filing comes after the general manager's review: never instead of it."""
    if status is ReportStatus.SUBMITTED:
        raise ReportStepRefused(_("The general manager has not reviewed this report yet; it is filed "
                                  "only after the review."))
    if status is not ReportStatus.APPROVED:
        raise ReportStepRefused(_("This report is “{status}”: only a report the general manager "
                                  "approved is filed.").format(status=status.label))
