"""The demo firm: a realistic small sales department to try Sales Desk on.

`load_demo` runs as the administrator, only on a database with no business data
yet (right after `init`: the admin alone, no customers), in one transaction: all of
it or nothing. It is made of steps, run in order, each with its own seeded random
generator, so the data is the same on every run (tests rely on it) and a step added
later does not change what the earlier ones make. Passwords are the exception:
they are random for real, returned once, and never stored in clear.

A later issue adds its data by appending a step to DEMO_STEPS:

    from sales_desk.demo.orders import create_orders
    DEMO_STEPS.append(DemoStep("orders", create_orders))

A step receives the DemoContext (the unit of work, the staff by role, the customer
ids, today's date) and reports what it made with `ctx.made(N_("orders"), n)`.
"""

from __future__ import annotations

from sqlalchemy import func, select

from sales_desk.db.uow import UnitOfWork
from sales_desk.demo.activities import create_activities
from sales_desk.demo.care import create_care
from sales_desk.demo.collections import create_collections
from sales_desk.demo.context import (
    DEMO_SEED,
    DemoContext,
    DemoRefused,
    DemoResult,
    DemoStep,
    DemoUser,
)
from sales_desk.demo.credit import create_credit
from sales_desk.demo.customers import create_customers
from sales_desk.demo.distributors import create_distributors
from sales_desk.demo.expenses import create_expenses
from sales_desk.demo.opportunities import create_opportunities
from sales_desk.demo.orders import create_orders
from sales_desk.demo.performance import create_performance
from sales_desk.demo.plans import create_plans
from sales_desk.demo.policy import create_policy
from sales_desk.demo.refusals import create_refusals
from sales_desk.demo.relationship import create_relationship
from sales_desk.demo.staff import create_staff
from sales_desk.demo.statements import create_statements
from sales_desk.domain.common.roles import Perm
from sales_desk.models import Customer, User
from sales_desk.services.common.base import current_actor, service

__all__ = ["DEMO_SEED", "DEMO_STEPS", "DemoContext", "DemoRefused", "DemoResult", "DemoStep", "DemoUser",
           "business_data_counts", "load_demo"]

DEMO_STEPS: list[DemoStep] = [
    DemoStep("staff", create_staff), DemoStep("customers", create_customers),
    DemoStep("credit", create_credit), DemoStep("expenses", create_expenses),
    DemoStep("orders", create_orders), DemoStep("collections", create_collections),
    DemoStep("plans", create_plans), DemoStep("refusals", create_refusals),
    DemoStep("policy", create_policy), DemoStep("statements", create_statements),
    DemoStep("opportunities", create_opportunities),
    DemoStep("activities", create_activities),
    DemoStep("care", create_care),
    DemoStep("performance", create_performance),
    DemoStep("relationship", create_relationship), DemoStep("distributors", create_distributors),
]


def business_data_counts(uow: UnitOfWork) -> tuple[int, int]:
    users = uow.session.scalar(select(func.count()).select_from(User)) or 0
    customers = uow.session.scalar(select(func.count()).select_from(Customer)) or 0
    return users, customers


@service(Perm.USERS_MANAGE)
def load_demo(uow: UnitOfWork, seed: int = DEMO_SEED) -> DemoResult:
    """Load every DEMO_STEP into a new database, as the administrator; all or nothing."""
    users, customers = business_data_counts(uow)
    if users > 1 or customers > 0:
        raise DemoRefused(users, customers)
    now = uow.clock()
    ctx = DemoContext(uow, seed, now.astimezone().date(), now)
    for step in DEMO_STEPS:
        step.run(ctx)
    uow.audit(
        "demo.load", "demo", seed, None,
        {"loaded_by": current_actor(uow).username, "seed": seed,
         "steps": [s.name for s in DEMO_STEPS], "made": dict(sorted(ctx.counts.items()))},
    )
    uow.analyze()  # the planner's statistics were an empty file's
    uow.commit()
    return DemoResult(tuple(ctx.users), tuple(ctx.counts.items()))
