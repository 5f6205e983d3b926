"""The rep's advance report [提前汇报] (seed 001 信用 第15条3: 销售人员所负责的客户要超过规定的回款
期限时，须向销售经理、总经理汇报):

- `collection.advance_report_days` days before an open invoice falls due (5 by default), the
  rep who knows it will not be paid on time reports to the sales manager and the general
  manager: the reason, the date the customer is now expected to pay, and what the rep is
  doing about it.
- The report is due from that day up to the due date itself; an open invoice in that
  window without a report is a warning on the rep's, the manager's and the GM's
  dashboards. After the due date the invoice is overdue and the collection ladder takes
  over; a report is no longer "in advance" and is refused.
- A report may be filed earlier than the window (the rep may know sooner); filed reports
  are kept as filed (a later report adds to them).
"""

from __future__ import annotations

from datetime import date, timedelta

from sales_desk.domain.common.errors import DomainError, ValidationError
from sales_desk.i18n import _

DEFAULT_DAYS = 5
ARTICLE = "信用 第15条3"


def report_due_from(due_date: date, days: int) -> date:
    """The first day the report is due: `days` days before the due date."""
    return due_date - timedelta(days=days)


def report_due(due_date: date, today: date, days: int) -> bool:
    """In the window: due 10 June, 5 days → from 5 June up to and including 10 June."""
    return report_due_from(due_date, days) <= today <= due_date


def window(today: date, days: int) -> tuple[date, date]:
    """The due dates whose report is due today (both ends included)."""
    return today, today + timedelta(days=days)


class ReportTooLate(DomainError):
    def __init__(self, due_date: date):
        self.due_date = due_date
        super().__init__(_("The invoice fell due on {due}: an advance report is made before the due date "
                           "({article}); it is now overdue and follows the collection ladder.")
                         .format(due=due_date.isoformat(), article=ARTICLE))


def check_report(due_date: date, today: date, reason: str, expected_on: date | None,
                 actions: str) -> tuple[str, date, str]:
    """A report made in time, saying why, when the customer will pay (after the due date:
    otherwise there is nothing to report) and what the rep does about it."""
    if today > due_date:
        raise ReportTooLate(due_date)
    reason, actions = (reason or "").strip(), (actions or "").strip()
    if not reason:
        raise ValidationError(_("Reason"), _("say why the customer will not pay on time"))
    if expected_on is None:
        raise ValidationError(_("Expected payment date"), _("required"))
    if expected_on <= due_date:
        raise ValidationError(_("Expected payment date"),
                              _("after the due date {due} (paid by then, there is nothing to report)")
                              .format(due=due_date.isoformat()))
    if not actions:
        raise ValidationError(_("Actions"), _("say what you are doing to collect it"))
    return reason, expected_on, actions
