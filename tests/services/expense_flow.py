"""Walk claims and budgets through their routes in as few lines as a test needs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sales_desk.domain.common.money import to_minor
from sales_desk.domain.common.roles import Actor
from sales_desk.domain.expenses.claims import Category
from sales_desk.services.expenses import budgets
from sales_desk.services.expenses.claims import ClaimInput

YEAR = 2026
DEPT = "销售部"  # the default department


@dataclass
class Staff:
    rep: Actor
    rep2: Actor
    sup: Actor  # sales supervisor: reviews
    mgr: Actor  # sales manager: approves, prepares the budget
    gm: Actor
    fin: Actor  # finance: checks and signs
    cashier: Actor  # the cashier [出纳]: pays what finance signed


def staff(make_user) -> Staff:  # noqa: ANN001 - the conftest fixture
    return Staff(make_user("rep", "sales_rep"), make_user("rep2", "sales_rep"),
                 make_user("sup", "sales_supervisor"), make_user("mgr", "sales_manager"),
                 make_user("gm", "gm"), make_user("fin", "finance"), make_user("cashier", "cashier"))


def at(database, actor: Actor | None, when: datetime):  # noqa: ANN001, ANN201
    """A unit of work whose clock stands still at `when`."""
    uow = database.uow(actor)
    uow.clock = lambda: when
    return uow


def utc(y: int, m: int, d: int, h: int = 4) -> datetime:
    return datetime(y, m, d, h, tzinfo=UTC)


def monthly_lines(amount: str, categories=tuple(Category), department: str = DEPT) -> list[tuple]:
    return [(m, c.value, department, to_minor(amount)) for m in range(1, 13) for c in categories]


def approved_budget(database, s: Staff, amount: str = "20000", year: int = YEAR, lines=None) -> int:  # noqa: ANN001
    """Prepared by the sales manager, checked by finance, approved by the GM."""
    bid = budgets.prepare_budget(database.uow(s.mgr), year, lines or monthly_lines(amount))
    budgets.submit_budget(database.uow(s.mgr), bid)
    budgets.check_budget(database.uow(s.fin), bid, True, "核对无误")
    budgets.approve_budget(database.uow(s.gm), bid, True, "同意")
    return bid


def claim(amount: str, on: date = date(YEAR, 3, 10), category: str = "business", item: str = "Hospitality",
          **kw) -> ClaimInput:  # noqa: ANN003
    # The tests' claims come without receipt files: each says why, as the rule asks.
    return ClaimInput(category=category, item=item, amount=to_minor(amount), spent_on=on,
                      purpose=kw.pop("purpose", "客户招待"),
                      no_receipt_reason=kw.pop("no_receipt_reason", "发票随后补交"), **kw)
