"""Year-end clearance [延期付款年底清收] (seed 001 客户信用管理制度 第18条 3: 公司所有延期付款必须在
每年12月31日前进行彻底清收; 第4条 1: 延期付款 is every sale whose goods have passed to the
customer and are not yet paid — every open credit sale, not only a formally deferred one).

- From 1 November (CLEARANCE_STARTS) every credit sale still open is listed with the days
  left to 31 December; before it the list is empty and says when it starts. On 31 December
  0 days are left; on 1 January the list is of the new year and starts again in November.
- No deferral runs past 31 December of its year: a new due date of 31 December is
  allowed, 1 January refused, at the request and at every step of its approval.
- What is still open on 1 January is listed per rep (services/collections/year_end.py).
- The dashboard watches the open amount in November and raises an alert from ALERT_FROM
  (domain/planning/warnings.py's `clearance_level`).
"""

from __future__ import annotations

from datetime import date

from sales_desk.domain.common.errors import DomainError
from sales_desk.i18n import _

CLEARANCE_STARTS = (11, 1)  # month, day: the list starts on 1 November
ALERT_FROM = (12, 1)  # in December what is open is an alert


def year_end(day: date) -> date:
    """31 December of `day`'s year."""
    return date(day.year, 12, 31)


def clearance_starts(year: int) -> date:
    return date(year, *CLEARANCE_STARTS)


def in_clearance(today: date) -> bool:
    """From 1 November to 31 December, both included."""
    return today >= clearance_starts(today.year)


def days_left(today: date) -> int:
    """Days from `today` to 31 December of its year (0 on the day itself)."""
    return (year_end(today) - today).days


class DeferralPastYearEnd(DomainError):
    def __init__(self, new_due: date, latest: date):
        self.new_due, self.latest = new_due, latest
        super().__init__(_(
            "A deferral may not run past {latest}: every deferred payment is cleared by 31 December of its "
            "year (客户信用管理制度 第18条 3). {new_due} is too late."
        ).format(latest=latest.isoformat(), new_due=new_due.isoformat()))


def check_within_year(new_due: date, filed_on: date, today: date) -> None:
    """The new due date lies on or before 31 December of the year the request was filed,
    and that year has not ended (a December request is not approved in January)."""
    latest = year_end(filed_on)
    if new_due > latest or today > latest:
        raise DeferralPastYearEnd(new_due, latest)
