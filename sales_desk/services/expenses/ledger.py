"""The expense ledger [销售费用台账]: every claim of a year with its route, signature and
payment, streamed in keyset batches into a sink (the xlsx writer) within one
permission-checked read, with the annual report's summary beside it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import aliased

from sales_desk.db.uow import UnitOfWork
from sales_desk.models import Customer, ExpenseClaim, ExpenseClaimStep, ExpensePayment, User
from sales_desk.services.common.base import LOGGED_IN, service
from sales_desk.services.expenses.analysis import AnnualReport, build_annual_report
from sales_desk.services.expenses.common import OVERSEERS, check_year, require_any

R = TypeVar("R")


@dataclass(frozen=True)
class LedgerRow:
    id: int
    spent_on: date
    claimant: str
    department: str
    category: str
    item: str
    amount: int
    purpose: str
    customer: str
    event: str
    is_travel: bool
    route: str  # the current round's steps, e.g. "review>approve>gm>finance"
    discretionary: bool
    major: bool
    over_budget: bool
    status: str
    submitted_at: datetime
    signed_by: str
    signed_at: datetime | None
    paid_on: date | None
    method: str
    reference: str
    paid_by: str


def iter_ledger(uow: UnitOfWork, year: int, batch: int = 5000) -> Iterator[LedgerRow]:
    """Every claim spent in `year`, in id order, in keyset batches; call inside `with uow:`."""
    c, p, cu = ExpenseClaim, ExpensePayment, Customer
    claimant, signer, payer = aliased(User), aliased(User), aliased(User)
    last_id = 0
    while True:
        rows = uow.session.execute(
            select(c.id, c.spent_on, claimant.full_name, c.department, c.category, c.item, c.amount,
                   c.purpose, cu.name, c.event, c.is_travel, c.round, c.discretionary, c.major,
                   c.over_budget, c.status, c.submitted_at, signer.full_name, c.signed_at, p.paid_on,
                   p.method, p.reference, payer.full_name)
            .join(claimant, claimant.id == c.claimant_id)
            .outerjoin(signer, signer.id == c.signed_by_id)
            .outerjoin(p, p.claim_id == c.id).outerjoin(payer, payer.id == p.paid_by_id)
            .outerjoin(cu, cu.id == c.customer_id)
            .where(c.spent_on >= date(year, 1, 1), c.spent_on <= date(year, 12, 31), c.id > last_id)
            .order_by(c.id).limit(batch)).all()
        if not rows:
            return
        routes = _routes(uow, [(r.id, r.round) for r in rows])
        for r in rows:
            yield LedgerRow(r[0], r[1], r[2] or "", r[3], r[4], r[5], r[6], r[7], r[8] or "", r[9], r[10],
                            routes.get(r[0], ""), r[12], r[13], r[14], r[15], r[16], r[17] or "", r[18],
                            r[19], r[20] or "", r[21] or "", r[22] or "")
        last_id = rows[-1].id


def _routes(uow: UnitOfWork, claims: list[tuple[int, int]]) -> dict[int, str]:
    rounds = dict(claims)
    s = ExpenseClaimStep
    out: dict[int, list[str]] = {}
    for claim_id, rnd, kind in uow.session.execute(
            select(s.claim_id, s.round, s.kind).where(s.claim_id.in_(list(rounds)))
            .order_by(s.claim_id, s.round, s.position)):
        if rounds[claim_id] == rnd:
            out.setdefault(claim_id, []).append(kind)
    return {k: ">".join(v) for k, v in out.items()}


@service(LOGGED_IN, read_only=True)
def export_expense_ledger(uow: UnitOfWork, year: int, sink: Callable[[AnnualReport, Iterator[LedgerRow]], R]) -> R:
    """Stream the year's ledger (and the report's summary) into `sink`, e.g. the xlsx writer,
    within one permission-checked read: constant memory however many claims."""
    require_any(uow, OVERSEERS)
    year = check_year(year)
    return sink(build_annual_report(uow, year), iter_ledger(uow, year))
