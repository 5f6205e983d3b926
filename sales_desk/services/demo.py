"""The demo firm: a realistic small sales department to try Sales Desk on.

`load_demo` runs as the administrator, only on a database with no business data
yet (right after `init`: the admin alone, no customers), in one transaction: all of
it or nothing. It is made of steps, run in order, each with its own seeded random
generator, so the data is the same on every run (tests rely on it) and a step added
later does not change what the earlier ones make. Passwords are the exception:
they are random for real, returned once, and never stored in clear.

A later issue adds its data by appending a step to DEMO_STEPS:

    from sales_desk.services.demo_orders import create_orders
    DEMO_STEPS.append(DemoStep("orders", create_orders))

A step receives the DemoContext (the unit of work, the staff by role, the customer
ids, today's date) and reports what it made with `ctx.made(N_("orders"), n)`.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import func, select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.errors import DomainError
from sales_desk.domain.roles import Perm, Role
from sales_desk.i18n import _
from sales_desk.models import Customer, User
from sales_desk.services.base import current_actor, service

DEMO_SEED = 20240501


class DemoRefused(DomainError):
    def __init__(self, users: int, customers: int):
        self.users = users
        self.customers = customers
        super().__init__(
            _(
                "The demo firm loads only into a new database, right after set-up. This one "
                "already has {users} users and {customers} customers; nothing was changed. "
                "Use a new data folder (--data-dir) to try the demo."
            ).format(users=users, customers=customers)
        )


@dataclass(frozen=True)
class DemoUser:
    username: str
    full_name: str
    roles: tuple[str, ...]
    password: str  # shown once to whoever loaded the demo; only its hash is stored
    user_id: int = 0


@dataclass(frozen=True)
class DemoResult:
    users: tuple[DemoUser, ...]
    made: tuple[tuple[str, int], ...]  # (msgid, count), e.g. ("customers", 60): translate to show


@dataclass
class DemoContext:
    uow: UnitOfWork
    seed: int
    today: date
    now: datetime
    users: list[DemoUser] = field(default_factory=list)
    customer_ids: list[int] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def rng(self, step: str) -> random.Random:
        """The step's own generator: adding a step never shifts another step's data."""
        return random.Random(f"{self.seed}:{step}")

    def staff(self, role: Role) -> list[DemoUser]:
        return [u for u in self.users if role.value in u.roles]

    def made(self, what: str, n: int) -> None:
        self.counts[what] = self.counts.get(what, 0) + n


@dataclass(frozen=True)
class DemoStep:
    name: str
    run: Callable[[DemoContext], None]


def _steps() -> list[DemoStep]:
    from sales_desk.services.demo_collections import create_collections
    from sales_desk.services.demo_credit import create_credit
    from sales_desk.services.demo_customers import create_customers
    from sales_desk.services.demo_expenses import create_expenses
    from sales_desk.services.demo_orders import create_orders
    from sales_desk.services.demo_plans import create_plans
    from sales_desk.services.demo_staff import create_staff

    return [DemoStep("staff", create_staff), DemoStep("customers", create_customers),
            DemoStep("credit", create_credit), DemoStep("expenses", create_expenses),
            DemoStep("orders", create_orders), DemoStep("collections", create_collections),
            DemoStep("plans", create_plans)]


DEMO_STEPS: list[DemoStep] = _steps()


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
    uow.commit()
    return DemoResult(tuple(ctx.users), tuple(ctx.counts.items()))
