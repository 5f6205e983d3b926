"""Demo step "policy": the policy versions (SPEC §9).

- Version 1, the numbers the firm worked under so far, in force.
- Version 2, approved: the sales manager [销售部经理 职责2] widened grade C's limit and
  term; the general manager approved it, in force from the first of next month.
- Pending: the sales VP [销售副总 职责6] proposes a higher major-contract threshold from
  the first of the month after; it waits for the general manager.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta

from sales_desk.demo.context import DemoContext, DemoUser
from sales_desk.domain.common.money import to_minor
from sales_desk.domain.common.roles import Role
from sales_desk.i18n import N_
from sales_desk.services.admin import policy


@contextmanager
def acting(ctx: DemoContext, who: DemoUser, day: date, hour: int = 10) -> Iterator[None]:
    uow = ctx.uow
    saved = uow.actor, uow.clock
    when = datetime.combine(day, time(hour, 30)).astimezone()
    uow.actor = who.actor()
    uow.clock = lambda: when
    try:
        yield
    finally:
        uow.actor, uow.clock = saved


def _first_of_next_month(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def create_policy(ctx: DemoContext) -> None:
    today = ctx.today
    gm, vp = ctx.staff(Role.GM)[0], ctx.staff(Role.SALES_VP)[0]
    mgr = ctx.staff(Role.SALES_MANAGER)[0]
    next_month = _first_of_next_month(today)
    with acting(ctx, mgr, today - timedelta(days=6), 9):
        widened = policy.propose(ctx.uow, {"credit.c_max_limit": to_minor("40000"), "credit.c_max_term_days": 45},
                                 next_month, "C 类客户近半年回款及时，适当放宽额度与回款期限，扩大销售")
    with acting(ctx, gm, today - timedelta(days=3), 15):
        policy.approve(ctx.uow, widened, "同意，下月起执行")
    with acting(ctx, vp, today - timedelta(days=1), 11):
        policy.propose(ctx.uow, {"contract.major_threshold": to_minor("300000")},
                       _first_of_next_month(next_month), "合同金额普遍上升，重大合同评审门槛相应提高")
    ctx.made(N_("policy versions"), 2)
    ctx.made(N_("policy proposals waiting"), 1)
