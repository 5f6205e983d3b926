"""The demo's claim above its spending standard (费用 第13条1): the sales manager's
communication claim, its reason written, waiting for the general manager who may allow it (a
claim routed without the GM would be set aside by the simulator once the month's plan is spent)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sales_desk.demo.context import DemoContext
from sales_desk.domain.expenses.claims import Category
from sales_desk.domain.expenses.standards import standard_for
from sales_desk.services.admin.policy import policy_in_force

YUAN = 100


def above_standard_claims(ctx: DemoContext, manager: object | None, yesterday: date,
                          now: datetime) -> list[dict[str, object]]:
    """The fields of the simulator's claims (demo/expense_claims.py _Claim): none without a manager."""
    if manager is None:
        return []
    submitted = now - timedelta(hours=20)
    spent_on = min(yesterday, submitted.astimezone().date())
    standard = standard_for("Communication", policy_in_force(ctx.uow, spent_on).values) or 0
    return [{"who": manager, "category": Category.BUSINESS, "item": "Communication",
            "amount": standard + 180 * YUAN, "spent_on": spent_on, "submitted": submitted,
            "purpose": "与海外客户项目沟通（国际长途）", "stop": "gm", "standard": standard,
            "standard_reason": "海外客户项目谈判期间国际长途通话集中，超出通讯费标准"}]
