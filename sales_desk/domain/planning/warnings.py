"""Early warnings [预警管理] (SPEC §7; seed 002 篇1 第7条: 欠款预警、销售进程预警、销售费用预警、
客户流失预警、客户重大变故预警), each a rule at its edge:

- overdue receivables [欠款]: the aging buckets of domain/collections/aging.py; anything overdue is
  watched, anything past the first bucket (staff liability starts there) is an alert;
- sales progress [销售进程]: what was shipped against the plan's target pro rata to the
  days gone, today counted (over a year: the months gone whole, the current one pro rata);
- expenses [销售费用]: spent against budget, watched from 90 %, an alert beyond it;
- churn [客户流失]: a customer who has ordered before and has placed no order for
  `customer.churn_days` days (the Nth day after the last order is the first at risk);
- major changes [客户重大变故]: downgrade triggers recorded in the last 30 days;
- stale files: domain/customers/files.py's rule (`stale_cutoff`), not a copy of it;
- credit reviews due: domain/credit/rating.py's `is_rerating_due`;
- advance reports due [信用 第15条3]: an open invoice falling due within
  `collection.advance_report_days` days (today up to today + N, both included) that its rep
  has not reported on (domain/collections/advance_reports.py's window);
- late investigations [在规定时间内递交审核] (seed 001 第7条1): domain/credit/checklist.py's
  `is_investigation_late` — not submitted for review by the due date;
- year-end clearance [年底清收]: every credit sale still open, from 1 November watched, from
  1 December an alert (domain/collections/year_end.py);
- repeated refusals: a person the controls refused often of late (domain/admin/refusals.py's
  window and threshold), for those who read the audit trail;
- overdue activities [日程]: planned calls, visits … whose day has passed with no outcome
  recorded (domain/activities/rules.py's `is_overdue`), for the person and their supervisor;
- staff liability needs fault [第19条 3]: debts whose proposed charges await the sales manager's
  fault record, and no-fault exemptions awaiting the general manager (domain/collections/
  liability.py) — watched while any wait: nothing is deducted or spared until decided.
- complaints past their deadline [客户投诉管理]: open complaints and service cases whose
  deadline by severity has passed (domain/care/complaints.py): an alert.
  liability.py) — watched while any wait: nothing is deducted or spared until decided;
- maintenance plans [客户维护计划]: a key account's plan due (watched) or late (an alert), by
  domain/relationship/plans.py's `due_state`.
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Sequence
from datetime import date, timedelta
from enum import StrEnum

from sales_desk.domain.collections.advance_reports import report_due, window
from sales_desk.domain.collections.aging import bucket_totals, days_overdue
from sales_desk.domain.collections.year_end import ALERT_FROM, in_clearance
from sales_desk.domain.credit.rating import is_rerating_due
from sales_desk.domain.customers.files import is_stale, stale_cutoff
from sales_desk.i18n import N_, _

__all__ = [
    "BUDGET_WATCH_PERCENT", "PACE_WATCH_PERCENT", "RECENT_CHANGE_DAYS", "Level", "WarningKind",
    "at_churn_risk", "budget_level", "bucket_totals", "changed_recently", "churn_cutoff", "clearance_level",
    "days_overdue", "expected_in_year", "expected_to_date", "is_rerating_due", "is_stale", "level_against",
    "advance_report_level", "overdue_level", "pace_level", "report_due", "window",
    "recent_change_cutoff", "stale_cutoff", "worst",
]

PACE_WATCH_PERCENT = 80  # shipped below this share of the pro-rata target: an alert
BUDGET_WATCH_PERCENT = 90  # spent from this share of the budget: watched
RECENT_CHANGE_DAYS = 30


class Level(StrEnum):
    OK = "ok"
    WATCH = "watch"
    ALERT = "alert"

    @property
    def rank(self) -> int:
        return (Level.OK, Level.WATCH, Level.ALERT).index(self)

    @property
    def label(self) -> str:
        return _(LEVEL_LABELS[self])


LEVEL_LABELS = {Level.OK: N_("In order"), Level.WATCH: N_("Watch"), Level.ALERT: N_("Alert")}


def worst(levels: list[Level] | tuple[Level, ...]) -> Level:
    return max(levels, key=lambda lv: lv.rank, default=Level.OK)


class WarningKind(StrEnum):
    OVERDUE = "overdue"  # 欠款预警
    SALES_PROGRESS = "sales_progress"  # 销售进程预警
    EXPENSES = "expenses"  # 销售费用预警
    CHURN = "churn"  # 客户流失预警
    MAJOR_CHANGES = "major_changes"  # 客户重大变故预警
    REVIEWS_DUE = "reviews_due"  # credit re-ratings due
    LATE_INVESTIGATIONS = "late_investigations"  # credit investigations past their due date
    STALE_FILES = "stale_files"
    BLOCKED_ORDERS = "blocked_orders"
    REPEATED_REFUSALS = "repeated_refusals"  # 拒绝记录: one person refused again and again
    LIABILITY_FAULT = "liability_fault"  # 回款责任: proposed charges awaiting a fault record
    LIABILITY_EXEMPTIONS = "liability_exemptions"  # 回款责任: exemptions awaiting the GM
    ADVANCE_REPORTS = "advance_reports"  # 信用 第15条3: due dates near, the rep has not reported
    YEAR_END = "year_end"  # 年底清收: credit sales to clear by 31 December
    STATEMENTS = "statements"  # 对账 (销售专员 职责6): statements unconfirmed, differences open
    OVERDUE_ACTIVITIES = "overdue_activities"  # 日程: planned activities past their day, no outcome
    OVERDUE_COMPLAINTS = "overdue_complaints"  # 客户投诉管理: open cases past their deadline
    CARE_PLANS = "care_plans"  # 客户维护计划 (客户关系维护办法 第11条2): a key account's yearly plan due or late

    @property
    def label(self) -> str:
        return _(WARNING_LABELS[self])


WARNING_LABELS = {
    WarningKind.OVERDUE: N_("Overdue receivables"),
    WarningKind.SALES_PROGRESS: N_("Sales against plan"),
    WarningKind.EXPENSES: N_("Expenses against budget"),
    WarningKind.CHURN: N_("Customers at risk of churn"),
    WarningKind.MAJOR_CHANGES: N_("Major changes on customers"),
    WarningKind.REVIEWS_DUE: N_("Credit reviews due"),
    WarningKind.LATE_INVESTIGATIONS: N_("Late credit investigations"),
    WarningKind.STALE_FILES: N_("Stale customer files"),
    WarningKind.BLOCKED_ORDERS: N_("Orders blocked on credit"),
    WarningKind.REPEATED_REFUSALS: N_("Repeated refusals"),
    WarningKind.LIABILITY_FAULT: N_("Liability awaiting a fault record"),
    WarningKind.LIABILITY_EXEMPTIONS: N_("Liability exemptions awaiting the GM"),
    WarningKind.ADVANCE_REPORTS: N_("Advance reports due"),
    WarningKind.YEAR_END: N_("Year-end clearance"),
    WarningKind.STATEMENTS: N_("Statements not confirmed"),
    WarningKind.OVERDUE_ACTIVITIES: N_("Overdue activities"),
    WarningKind.OVERDUE_COMPLAINTS: N_("Complaints past their deadline"),
    WarningKind.CARE_PLANS: N_("Maintenance plans due"),
}


# -- year-end clearance --------------------------------------------------------------------------


def clearance_level(today: date, open_amount: int) -> Level:
    """Before 1 November, or nothing open: in order; in November watched; in December an alert."""
    if not in_clearance(today) or open_amount <= 0:
        return Level.OK
    return Level.ALERT if today >= date(today.year, *ALERT_FROM) else Level.WATCH


# -- overdue receivables -----------------------------------------------------------------------


def overdue_level(totals: list[int] | tuple[int, ...]) -> Level:
    """`totals` per aging bucket (current first): watched once anything is overdue, an
    alert once anything is past the first overdue bucket."""
    if any(t > 0 for t in totals[2:]):
        return Level.ALERT
    if len(totals) > 1 and totals[1] > 0:
        return Level.WATCH
    return Level.OK


# -- sales progress against plan -----------------------------------------------------------------


def expected_to_date(target: int, start: date, end: date, today: date) -> int:
    """The share of `target` due by the end of `today` in the period start–end (both
    days included), pro rata to the days: nothing before the start, all from the end."""
    if today < start:
        return 0
    if today >= end:
        return target
    days = (end - start).days + 1
    gone = (today - start).days + 1
    return target * gone // days


def expected_in_year(months: Sequence[int], year: int, today: date) -> int:
    """Of a year's twelve monthly targets, what is due by the end of `today`: the months
    gone whole, the current one pro rata (a plan's seasons are its months' targets)."""
    total = 0
    for month, target in enumerate(months, start=1):
        start = date(year, month, 1)
        total += expected_to_date(target, start, date(year, month, monthrange(year, month)[1]), today)
    return total


def level_against(expected: int, actual: int) -> Level:
    """In order at or above what is due; watched down to 80 % of it; an alert below."""
    if actual >= expected:
        return Level.OK
    if actual * 100 >= expected * PACE_WATCH_PERCENT:
        return Level.WATCH
    return Level.ALERT


def pace_level(target: int, actual: int, start: date, end: date, today: date) -> Level:
    """In order when shipments reach the pro-rata target; watched down to 80 % of it;
    an alert below. No target, nothing to fall behind."""
    if target <= 0:
        return Level.OK
    return level_against(expected_to_date(target, start, end, today), actual)


# -- expenses against budget -----------------------------------------------------------------------


def budget_level(budget: int, spent: int) -> Level:
    """An alert beyond the budget (any spending without one), watched from 90 % of it."""
    if spent > budget:
        return Level.ALERT
    if budget > 0 and spent * 100 >= budget * BUDGET_WATCH_PERCENT:
        return Level.WATCH
    return Level.OK


# -- churn and major changes ---------------------------------------------------------------------


def churn_cutoff(today: date, days: int) -> date:
    """A customer whose last order is on or before this date is at risk today."""
    return today - timedelta(days=days)


def at_churn_risk(last_order_on: date | None, today: date, days: int) -> bool:
    """No order for `days` days: last order 1 Jan, 90 days → still fine on 31 Mar, at risk
    from 1 Apr. Never ordered is not churn (there is no business to lose yet)."""
    return last_order_on is not None and last_order_on <= churn_cutoff(today, days)


def recent_change_cutoff(today: date, days: int = RECENT_CHANGE_DAYS) -> date:
    """Changes recorded on or after this date are recent."""
    return today - timedelta(days=days)


def changed_recently(recorded_on: date, today: date, days: int = RECENT_CHANGE_DAYS) -> bool:
    return recorded_on >= recent_change_cutoff(today, days)


# -- advance reports -------------------------------------------------------------------------------


def advance_report_level(unreported: int) -> Level:
    """Any invoice in the window without its rep's report is an alert: the report is owed now."""
    return Level.ALERT if unreported else Level.OK
