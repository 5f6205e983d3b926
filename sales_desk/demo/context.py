"""What every step of the demo firm is given and gives back: the context (the unit of work,
the staff by role, the customer ids, today's date), the demo users and the result.
Its own module so that no step imports the orchestrator (firm.py) back."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.common.errors import DomainError
from sales_desk.domain.common.roles import Actor, Role
from sales_desk.i18n import NP_, _, ngettext

DEMO_SEED = 20240501


class DemoRefused(DomainError):
    refusal = None  # the demo needs an empty database, not a control

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
    signing_key: bytes | None = field(default=None, repr=False)  # signs their audit rows

    def actor(self) -> Actor:
        return Actor(self.user_id, self.username, frozenset(Role(r) for r in self.roles), self.signing_key)


# What a step made, counted as gettext counts: "1 sales plan", "2 sales plans" (and one
# form in Chinese). Keyed by the msgid the step passes to `made`.
MADE_COUNTS: dict[str, tuple[str, str]] = {
    "expense budgets": NP_("{n} expense budget", "{n} expense budgets"),
    "expense claims": NP_("{n} expense claim", "{n} expense claims"),
    "travel applications": NP_("{n} travel application", "{n} travel applications"),
    "users": NP_("{n} user", "{n} users"),
    "policy versions": NP_("{n} policy version", "{n} policy versions"),
    "policy proposals waiting": NP_("{n} policy proposal waiting", "{n} policy proposals waiting"),
    "receipts": NP_("{n} receipt", "{n} receipts"),
    "opening balances": NP_("{n} opening balance", "{n} opening balances"),
    "collection steps": NP_("{n} collection step", "{n} collection steps"),
    "sales plans": NP_("{n} sales plan", "{n} sales plans"),
    "monthly and product plans": NP_("{n} monthly or product plan", "{n} monthly and product plans"),
    "refusals": NP_("{n} refusal", "{n} refusals"),
    "credit investigations": NP_("{n} credit investigation", "{n} credit investigations"),
    "credit ratings": NP_("{n} credit rating", "{n} credit ratings"),
    "relationship log entries": NP_("{n} relationship log entry", "{n} relationship log entries"),
    "products": NP_("{n} product", "{n} products"),
    "orders": NP_("{n} order", "{n} orders"),
    "shipments": NP_("{n} shipment", "{n} shipments"),
    "customers": NP_("{n} customer", "{n} customers"),
    "opportunities": NP_("{n} opportunity", "{n} opportunities"),
    "quotations": NP_("{n} quotation", "{n} quotations"),
    "activities": NP_("{n} activity", "{n} activities"),
}


def made_text(what: str, n: int) -> str:
    """'{n} {what}' in the reader's language, singular or plural by n."""
    pair = MADE_COUNTS.get(what)
    if pair is None:  # a step whose count has no pair yet: its plural msgid, as before
        return _("{n} {what}").format(n=n, what=_(what))
    return ngettext(*pair, n).format(n=n)


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
