"""The plan's levels in as few lines as a test needs: an approved overall plan, a monthly
plan through the VP, a product."""

from __future__ import annotations

from datetime import date

from sales_desk.domain.common.roles import Actor
from sales_desk.services.orders import products
from sales_desk.services.orders.products import ProductInput
from sales_desk.services.planning import plans, sub_plans
from tests.services.collection_flow import Crew

YEAR, MONTH = 2026, 3


def overall(database, c: Crew, per_month: int = 1_000_000, approve: bool = True) -> int:  # noqa: ANN001
    """The VP's overall plan: `per_month` for the rep each month, approved by the GM."""
    pid = plans.prepare_plan(database.uow(c.vp), YEAR, [("rep", str(c.rep.user_id), m, per_month)
                                                       for m in range(1, 13)])
    plans.submit_plan(database.uow(c.vp), pid)
    if approve:
        plans.decide_plan(database.uow(c.gm), pid, True)
    return pid


def monthly(database, c: Crew, sales: int = 600_000, collection: int = 400_000,  # noqa: ANN001
            submit: bool = True) -> int:
    lines = [("sales", c.rep.user_id, sales), ("collection", c.rep.user_id, collection)]
    pid = sub_plans.prepare_monthly(database.uow(c.mgr), YEAR, MONTH, lines, "三月计划")
    if submit:
        sub_plans.submit_sub_plan(database.uow(c.mgr), pid)
    return pid


def product(database, by: Actor, code: str = "P-100") -> int:  # noqa: ANN001
    return products.create_product(database.uow(by), ProductInput(code, f"产品{code}", "台", 10_000, 9_000, 12_000))


def product_plan(database, c: Crew, monthly_id: int, product_id: int, amount: int,  # noqa: ANN001
                 submit: bool = True) -> int:
    pid = sub_plans.prepare_product(database.uow(c.sup), monthly_id, product_id, [("sales", c.rep.user_id, amount)])
    if submit:
        sub_plans.submit_sub_plan(database.uow(c.sup), pid)
    return pid


def march(day: int = 10) -> date:
    return date(YEAR, MONTH, day)
