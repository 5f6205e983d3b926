"""The month's commission per rep [提成] (seed 000), run by finance for payroll.

- Volume = money from receipts applied in the month to the rep's documents (the rep
  responsible when the document was raised), as the collection rate counts it — not orders.
- Never on a written-off debt: receipts applied to a debt written off by the month's end
  earn nothing (a recovery included); they show as excluded.
- A receipt reversed in its own month lowers that month's volume; one reversed in a later
  month takes back, in the reversal's month, what it earned at its own month's average rate.
- Where the scheme says so, the person's final staff liability of the same month
  (services/collections/liability.py) is deducted.

A run keeps one line per rep; the documents behind each figure are read again from the
dated, append-only allocations, so they add up to the line.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import delete, exists, func, select
from sqlalchemy.orm import aliased

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.collections.liability import month_end, month_start
from sales_desk.domain.collections.receivables import AllocationSource
from sales_desk.domain.common.errors import NotPermitted, ValidationError
from sales_desk.domain.common.roles import Perm
from sales_desk.domain.performance.commission import Tier, average_rate, commission, round_minor
from sales_desk.i18n import _
from sales_desk.models import (
    CommissionLine,
    CommissionRun,
    CommissionScheme,
    Customer,
    Receipt,
    Receivable,
    ReceivableAllocation,
    WriteOff,
    WriteOffItem,
)
from sales_desk.services.admin.settings import load_settings
from sales_desk.services.collections.liability import build_statement
from sales_desk.services.common.base import current_actor, service, user_names
from sales_desk.services.performance.evaluations import active_reps
from sales_desk.services.performance.schemes import scheme_in_force, tiers_of

A, R = ReceivableAllocation, Receivable
COUNTED, REVERSED, WRITTEN_OFF, TAKEN_BACK = "counted", "reversed", "written_off", "taken_back"


def _written_off_by(end: date):  # noqa: ANN202 - a SQL expression
    """The allocation's debt was written off (approved) by `end`."""
    return exists(select(WriteOffItem.id).join(WriteOff, WriteOff.id == WriteOffItem.write_off_id).where(
        WriteOffItem.receivable_id == A.receivable_id, WriteOff.status == "approved",
        WriteOff.written_off_on <= end))


def _first_applied():  # noqa: ANN202 - a correlated subquery
    """When the receipt was first applied to this debt (for a reversal: the month it counted in)."""
    b = aliased(ReceivableAllocation)
    return (select(func.min(b.applied_on)).where(b.receipt_id == A.receipt_id, b.receivable_id == A.receivable_id,
                                                 b.amount > 0).scalar_subquery())


def _in_month(start: date, end: date) -> list:
    return [A.source == AllocationSource.RECEIPT.value, A.applied_on >= start, A.applied_on <= end]


@dataclass
class _Figures:
    collected: int = 0
    excluded: int = 0
    clawback: Decimal = Decimal(0)


def _bases(uow: UnitOfWork, start: date, end: date) -> dict[int, _Figures]:
    """Per rep: the month's volume (counted), what was excluded, and the later reversals."""
    wo = _written_off_by(end)
    out: dict[int, _Figures] = defaultdict(_Figures)
    for rep, off, total in uow.session.execute(
            select(R.rep_id, wo, func.sum(A.amount)).join(R, R.id == A.receivable_id)
            .where(*_in_month(start, end), A.amount > 0).group_by(R.rep_id, wo)):
        if rep is not None:
            f = out[rep]
            if off:
                f.excluded += int(total)
            else:
                f.collected += int(total)
    return out


def _reversals(uow: UnitOfWork, start: date, end: date) -> list[tuple[int, int, date, bool]]:
    """The month's reversals: (rep, amount > 0, the month the money counted in, written off)."""
    first = _first_applied()
    return [(rep, -int(amount), first_on, bool(off)) for rep, amount, first_on, off in uow.session.execute(
        select(R.rep_id, A.amount, first, _written_off_by(end)).join(R, R.id == A.receivable_id)
        .where(*_in_month(start, end), A.amount < 0)) if rep is not None]


@dataclass(frozen=True)
class RepCommission:
    rep_id: int
    collected: int
    excluded: int
    commission: int
    clawback: int
    liability: int
    net: int


def compute_month(uow: UnitOfWork, month: date, scheme: CommissionScheme, reps: Sequence[int],
                  liability: dict[int, int] | None = None) -> list[RepCommission]:
    """Every rep's commission for the month under `scheme` (no writes)."""
    start = month_start(month)
    end = month_end(start)
    tiers = tiers_of(scheme)
    figures = _bases(uow, start, end)
    earlier: dict[date, dict[int, _Figures]] = {}
    for rep, amount, first_on, off in _reversals(uow, start, end):
        f = figures[rep]
        if first_on is not None and first_on >= start:  # reversed in its own month
            if off:
                f.excluded -= amount
            else:
                f.collected -= amount
            continue
        if first_on is None:
            continue
        then = month_start(first_on)
        if then not in earlier:
            earlier[then] = _bases(uow, then, month_end(then))
        was = earlier[then].get(rep)
        if off:  # a debt written off earns nothing, so its reversal takes nothing back
            continue
        then_scheme = scheme_in_force(uow, then)
        if was is not None and then_scheme is not None:
            f.clawback += Decimal(amount) * average_rate(_volume(uow, then, rep, was), tiers_of(then_scheme))
    out = []
    for rep in reps:
        f = figures.get(rep, _Figures())
        earned = commission(f.collected, tiers)
        back = round_minor(f.clawback)
        owed = (liability or {}).get(rep, 0) if scheme.deduct_liability else 0
        out.append(RepCommission(rep, f.collected, f.excluded, earned, back, owed, earned - back - owed))
    return out


def _volume(uow: UnitOfWork, then: date, rep: int, was: _Figures) -> int:
    """The earlier month's volume as its own run counted it: receipts less same-month reversals."""
    start, end = then, month_end(then)
    same = sum(amount for r, amount, first_on, off in _reversals(uow, start, end)
               if r == rep and not off and first_on is not None and first_on >= start)
    return was.collected - same


def liability_by_person(uow: UnitOfWork, month: date) -> dict[int, int]:
    return {p.user_id: p.total for p in build_statement(uow, month).people if p.user_id is not None}


def run_within(uow: UnitOfWork, month: date) -> int:
    start = month_start(month)
    scheme = scheme_in_force(uow, start)
    if scheme is None:
        raise ValidationError(_("Commission scheme"), _("no approved commission scheme is in force for {month}").format(
            month=start.strftime("%Y-%m")))
    owed = liability_by_person(uow, start) if scheme.deduct_liability else {}
    lines = compute_month(uow, start, scheme, active_reps(uow), owed)
    before = uow.session.get(CommissionRun, start)
    was = {"total": before.total} if before else None
    uow.session.execute(delete(CommissionLine).where(CommissionLine.month == start))
    if before is not None:
        uow.session.delete(before)
        uow.session.flush()
    total = sum(x.net for x in lines)
    uow.session.add(CommissionRun(month=start, scheme_id=scheme.id, total=total,
                                  run_by_id=current_actor(uow).user_id, run_at=uow.clock()))
    uow.session.execute(CommissionLine.__table__.insert(), [
        {"month": start, "rep_id": x.rep_id, "collected": x.collected, "excluded": x.excluded,
         "commission": x.commission, "clawback": x.clawback, "liability": x.liability, "net": x.net}
        for x in lines])
    uow.audit("performance.commission_run", "commission_run", start.isoformat(), was,
              {"month": start.strftime("%Y-%m"), "scheme": scheme.name, "total": total, "reps": len(lines)})
    return total


@service(Perm.COMMISSION_RUN)
def run_commission(uow: UnitOfWork, month: date) -> int:
    """Work out the month's commission of every active rep (again, if late entries came);
    returns the total to pay."""
    total = run_within(uow, month)
    uow.commit()
    return total


# -- the statement and the documents behind it -----------------------------------------------
@dataclass(frozen=True)
class StatementLine:
    rep_id: int
    rep: str
    collected: int
    excluded: int
    commission: int
    clawback: int
    liability: int
    net: int


@dataclass(frozen=True)
class CommissionStatement:
    month: date
    computed: bool
    scheme: str
    tiers: tuple[Tier, ...]
    deduct_liability: bool
    lines: tuple[StatementLine, ...]
    total: int
    run_by: str
    run_at: datetime | None
    company: str = ""


def statement_within(uow: UnitOfWork, month: date, rep_id: int | None = None) -> CommissionStatement:
    start = month_start(month)
    actor = current_actor(uow)
    if not actor.can(Perm.PERFORMANCE_TEAM):
        rep_id = actor.user_id
    run = uow.session.get(CommissionRun, start)
    company = str(load_settings(uow)["company.name"])
    if run is None:
        return CommissionStatement(start, False, "", (), False, (), 0, "", None, company)
    scheme = uow.session.get(CommissionScheme, run.scheme_id)
    q = select(CommissionLine).where(CommissionLine.month == start)
    if rep_id is not None:
        q = q.where(CommissionLine.rep_id == rep_id)
    rows = list(uow.session.scalars(q))
    names = user_names(uow, [r.rep_id for r in rows] + [run.run_by_id])
    lines = sorted((StatementLine(r.rep_id, names.get(r.rep_id, ""), r.collected, r.excluded, r.commission,
                                  r.clawback, r.liability, r.net) for r in rows), key=lambda x: x.rep)
    return CommissionStatement(start, True, scheme.name if scheme else "", tiers_of(scheme) if scheme else (),
                               bool(scheme and scheme.deduct_liability), tuple(lines), sum(x.net for x in lines),
                               names.get(run.run_by_id, ""), run.run_at, company)


@service(Perm.PERFORMANCE_VIEW, read_only=True)
def commission_statement(uow: UnitOfWork, month: date, rep_id: int | None = None) -> CommissionStatement:
    """The month's commission as run: everyone's for the team readers, one's own for a rep."""
    return statement_within(uow, month, rep_id)


@dataclass(frozen=True)
class DocumentLine:
    receipt: str
    received_on: date
    customer_code: str
    customer_name: str
    document: str
    applied_on: date
    amount: int  # signed: a reversal negative
    treatment: str  # COUNTED, REVERSED, WRITTEN_OFF, TAKEN_BACK


def documents_within(uow: UnitOfWork, month: date, rep_id: int) -> list[DocumentLine]:
    actor = current_actor(uow)
    if not actor.can(Perm.PERFORMANCE_TEAM) and rep_id != actor.user_id:
        raise NotPermitted(Perm.PERFORMANCE_TEAM.value)
    start = month_start(month)
    end = month_end(start)
    first = _first_applied()
    rows = uow.session.execute(
        select(Receipt.number, Receipt.received_on, Customer.code, Customer.name, R.doc_no, A.applied_on, A.amount,
               _written_off_by(end), first)
        .join(R, R.id == A.receivable_id).join(Receipt, Receipt.id == A.receipt_id)
        .join(Customer, Customer.id == R.customer_id)
        .where(*_in_month(start, end), R.rep_id == rep_id).order_by(A.applied_on, Receipt.number, R.doc_no))
    out = []
    for number, received, code, name, doc, applied, amount, off, first_on in rows:
        if off:
            how = WRITTEN_OFF
        elif amount < 0:
            how = REVERSED if first_on is not None and first_on >= start else TAKEN_BACK
        else:
            how = COUNTED
        out.append(DocumentLine(number, received, code, name, doc, applied, int(amount), how))
    return out


@service(Perm.PERFORMANCE_VIEW, read_only=True)
def commission_documents(uow: UnitOfWork, month: date, rep_id: int) -> list[DocumentLine]:
    """The receipts behind a rep's month: counted, reversed, taken back or excluded (written off)."""
    return documents_within(uow, month, rep_id)


@service(Perm.PERFORMANCE_VIEW, read_only=True)
def commission_months(uow: UnitOfWork) -> list[tuple[date, int]]:
    """The months run, newest first, with their totals."""
    return [(m, int(t)) for m, t in uow.session.execute(
        select(CommissionRun.month, CommissionRun.total).order_by(CommissionRun.month.desc()))]


