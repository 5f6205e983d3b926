"""Who reads sales plans and over what period: the plan readers' right, a rep's own
figures only, a valid year, and a period of a year or one of its months.

A sales rep reads only their own targets and figures; the rest of the sales side and
the GM read all. The plans, their progress, the analysis and the dashboard's sales card
all read through these checks, so they agree on who sees what.
"""

from __future__ import annotations

from datetime import date

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.collections.liability import month_end
from sales_desk.domain.common.errors import NotPermitted, ValidationError
from sales_desk.domain.common.roles import Actor
from sales_desk.domain.customers.files import sees_all_customers
from sales_desk.domain.planning.plans import MONTHS, reads_plans
from sales_desk.i18n import _
from sales_desk.services.common.base import current_actor

YEARS = range(2000, 2101)


def check_year(year: int) -> int:
    if isinstance(year, bool) or not isinstance(year, int) or year not in YEARS:
        raise ValidationError(_("Year"), _("not a valid value"))
    return year


def require_reader(uow: UnitOfWork) -> Actor:
    """The sales side and the GM read plans (domain.plans.PLAN_READERS)."""
    actor = current_actor(uow)
    if not reads_plans(actor.roles):
        raise NotPermitted("plan.view", actor.username)
    return actor


def own_rep_only(actor: Actor) -> int | None:
    """A sales rep's own user id: they read their own targets and figures only."""
    return None if sees_all_customers(actor.roles) else actor.user_id


def period(year: int, month: int | None) -> tuple[date, date]:
    if month is None:
        return date(year, 1, 1), date(year, 12, 31)
    if month not in MONTHS:
        raise ValidationError(_("Month"), _("1 to 12"))
    return date(year, month, 1), month_end(date(year, month, 1))
