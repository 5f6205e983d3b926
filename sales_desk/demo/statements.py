"""Demo step "statements": statements of account [对账单] and the customers' replies
(销售专员 职责6), after the collections step has filled the ledger.

Finance (吴芳) issues statements as of 30 days ago to three customers with a balance, each
in the customer's language with its confirmation slip:
- the first customer's rep records the slip signed: the balance confirmed [余额确认];
- the second customer's slip comes back with two differences — a payment in transit and a
  return not yet credited; finance resolves the first, the second stays open;
- the third has not answered and is past the policy's reply days: on the rep's and
  finance's lists.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from sales_desk.demo.context import DemoContext, DemoUser
from sales_desk.domain.collections.statements import Difference
from sales_desk.domain.common.roles import Role
from sales_desk.i18n import N_
from sales_desk.models import Customer, StatementDifference
from sales_desk.services.collections import statements
from sales_desk.services.collections.ledger import iter_ledger

AS_OF_AGO, ISSUED_AGO = 30, 28


@contextmanager
def _acting(ctx: DemoContext, who: DemoUser, days_ago: int, hour: int = 10) -> Iterator[date]:
    uow = ctx.uow
    saved = uow.actor, uow.clock
    day = ctx.today - timedelta(days=days_ago)
    when = datetime.combine(day, time(hour, 20)).astimezone()
    uow.actor, uow.clock = who.actor(), lambda: when
    try:
        yield day
    finally:
        uow.actor, uow.clock = saved


def _with_balance(ctx: DemoContext, on: date, count: int) -> list[Customer]:
    """The first customers (by code) that owe something on `on`, and have a rep."""
    found = []
    for c in ctx.uow.session.scalars(select(Customer).where(Customer.rep_id.is_not(None)).order_by(Customer.code)):
        balance = 0
        for x in iter_ledger(ctx.uow, c.id, on):
            balance = x.balance
        if balance > 0:
            found.append(c)
            if len(found) == count:
                break
    return found


def create_statements(ctx: DemoContext) -> None:
    from sales_desk.reports.records.statements import issue_statement_within

    fin = ctx.staff(Role.FINANCE)[0]
    reps = {u.user_id: u for u in ctx.staff(Role.SALES_REP)}
    as_of = ctx.today - timedelta(days=AS_OF_AGO)
    chosen = _with_balance(ctx, as_of, 3)
    if len(chosen) < 3:
        return
    issued = []
    with _acting(ctx, fin, ISSUED_AGO, 9):
        for c in chosen:
            issued.append(issue_statement_within(ctx.uow, c.id, as_of, c.language or "zh_CN"))
    agreed, disputed, _silent = issued
    with _acting(ctx, reps.get(chosen[0].rep_id or 0, fin), ISSUED_AGO - 8):
        statements.confirm_within(ctx.uow, agreed.statement_id, note="财务科 李会计 签字盖章")
    in_transit = min(500_000, max(100, agreed.data.totals.closing // 10))
    with _acting(ctx, reps.get(chosen[1].rep_id or 0, fin), ISSUED_AGO - 10):
        statements.differences_within(ctx.uow, disputed.statement_id, [
            Difference(-in_transit, "我方已于对账日前汇出的货款，贵方未入账（在途）"),
            Difference(-120_000, "退货 2 箱未见红字冲减"),
        ], note="客户财务回函")
    first = ctx.uow.session.scalars(select(StatementDifference.id).where(
        StatementDifference.statement_id == disputed.statement_id).order_by(StatementDifference.id)).first()
    with _acting(ctx, fin, ISSUED_AGO - 12, 15):
        statements.resolve_within(ctx.uow, first, "货款于对账日后第 2 天到账，属时间性差异，无需调整")
    ctx.made(N_("statements of account"), len(issued))
