"""Staff liability [回款责任] month by month (rules: domain/collections/liability.py; seed 001
客户信用管理制度 第19条).

- `run_liability(month)`: finance (credit.audit — 第19条 1: the finance department audits
  credit execution every month) computes a month once it has ended, months in order:
  each debt's charge from its open amount at the month's end (as of that day: money
  applied later is added back), split 5:3:2 between the debt's rep, the sales manager
  and the marketing director; and the refunds of bad debts recovered in full that month
  (each person gets back exactly what was deducted from them on that debt).
- `liability_statement(month)`: per person, the charges and refunds with the invoices
  behind each and where each stands (第19条 3: proposed until the sales manager records
  fault — services/collections/liability_faults.py); only final ones count in the totals
  to deduct. Everyone sees their own; finance (credit.audit), the sales manager who
  records fault and the general manager who decides exemptions see everyone's — for payroll.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.collections.liability import (
    LIVE,
    WEIGHTS,
    ChargeKind,
    ChargeStatus,
    Responsible,
    charge_for_month,
    charge_status,
    counts_for_pay,
    month_end,
    month_start,
    refund_due,
    split,
)
from sales_desk.domain.collections.receivables import AllocationSource
from sales_desk.domain.common.errors import ValidationError
from sales_desk.domain.common.roles import Perm, Role
from sales_desk.i18n import _
from sales_desk.models import (
    Customer,
    LiabilityCharge,
    LiabilityFault,
    LiabilityRun,
    LiabilityShare,
    Receivable,
    ReceivableAllocation,
)
from sales_desk.services.admin.audit import chain_head_code
from sales_desk.services.collections.common import collection_settings, role_holder
from sales_desk.services.common.base import LOGGED_IN, current_actor, service
from sales_desk.services.customers.scope import business_today, user_names


@dataclass(frozen=True)
class RunResult:
    month: date
    charges: int
    refunds: int
    total: int  # signed: refunds negative


def _open_at_month_end(uow: UnitOfWork, end: date, latest_due: date) -> list[tuple[Receivable, int]]:
    """Debit documents raised by `end`, due by `latest_due`, with their open amount at `end`."""
    a = ReceivableAllocation
    later = (select(a.receivable_id, func.sum(a.amount).label("back")).where(a.applied_on > end)
             .group_by(a.receivable_id).subquery())
    rows = uow.session.execute(
        select(Receivable, func.coalesce(later.c.back, 0))
        .outerjoin(later, later.c.receivable_id == Receivable.id)
        .where(Receivable.amount > 0, Receivable.doc_date <= end, Receivable.due_date <= latest_due,
               (Receivable.open_amount > 0) | (later.c.back.is_not(None)))
        .order_by(Receivable.id)).all()
    return [(r, r.open_amount + int(back)) for r, back in rows if r.open_amount + int(back) > 0]


def _run(uow: UnitOfWork, month: date) -> RunResult:
    month = month_start(month)
    end = month_end(month)
    if end >= business_today(uow):  # on its last day a month is still running
        raise ValidationError(_("Month"), _("{month} has not ended yet").format(month=month.strftime("%Y-%m")))
    if uow.session.get(LiabilityRun, month) is not None:
        raise ValidationError(_("Month"), _("{month} was computed already").format(month=month.strftime("%Y-%m")))
    later_run = uow.session.scalar(select(func.max(LiabilityRun.month)))
    if later_run is not None and later_run > month:
        raise ValidationError(_("Month"), _("months are computed in order; {later} is done already").format(
            later=later_run.strftime("%Y-%m")))
    policy = collection_settings(uow).liability
    manager, director = role_holder(uow, Role.SALES_MANAGER), role_holder(uow, Role.SALES_VP)
    people = {Responsible.MANAGER: manager.id if manager else None,
              Responsible.DIRECTOR: director.id if director else None}
    reps: dict[int, int | None] = {}

    def rep_of(r: Receivable) -> int | None:
        """The debt's rep; for a document without one, the customer's."""
        if r.rep_id is not None:
            return r.rep_id
        if r.customer_id not in reps:
            reps[r.customer_id] = uow.session.scalar(select(Customer.rep_id).where(Customer.id == r.customer_id))
        return reps[r.customer_id]

    bad = set(uow.session.scalars(select(LiabilityCharge.receivable_id).where(
        LiabilityCharge.kind == ChargeKind.BAD_DEBT.value)))
    charges = refunds = total = 0
    for r, open_then in _open_at_month_end(uow, end, end - timedelta(days=policy.start_days)):
        c = charge_for_month(r.due_date, open_then, month, r.id in bad, policy)
        if c is None or c.total == 0:
            continue
        row = LiabilityCharge(month=month, receivable_id=r.id, kind=c.kind.value, due_date=r.due_date,
                              days_overdue=c.days_overdue, base_amount=c.base, total=c.total)
        uow.session.add(row)
        uow.session.flush()
        owners = {Responsible.REP: rep_of(r), **people}
        for (who, weight), share in zip(WEIGHTS, split(c.total), strict=True):
            uow.session.add(LiabilityShare(charge_id=row.id, month=month, responsible=who.value,
                                           user_id=owners[who], weight=weight, amount=share))
        charges += 1
        total += c.total
    # refunds: bad debts recovered in full this month, by money
    refunded = set(uow.session.scalars(select(LiabilityCharge.receivable_id).where(
        LiabilityCharge.kind == ChargeKind.REFUND.value)))
    for r in uow.session.scalars(select(Receivable).where(
            Receivable.id.in_(bad), Receivable.settled_on >= month, Receivable.settled_on <= end)):
        # still written off (a write-off recovered in full by money nets to 0)
        written = uow.session.scalar(select(func.coalesce(func.sum(ReceivableAllocation.amount), 0)).where(
            ReceivableAllocation.receivable_id == r.id,
            ReceivableAllocation.source == AllocationSource.WRITE_OFF.value)) or 0
        if not refund_due(True, r.open_amount, r.settled_on, written, month, r.id in refunded):
            continue
        paid = uow.session.execute(
            select(LiabilityShare.responsible, LiabilityShare.user_id, LiabilityShare.weight,
                   func.sum(LiabilityShare.amount))
            .join(LiabilityCharge, LiabilityCharge.id == LiabilityShare.charge_id)
            .where(LiabilityCharge.receivable_id == r.id)
            .group_by(LiabilityShare.responsible, LiabilityShare.user_id, LiabilityShare.weight)).all()
        back = -sum(int(x[3]) for x in paid)
        row = LiabilityCharge(month=month, receivable_id=r.id, kind=ChargeKind.REFUND.value, due_date=r.due_date,
                              days_overdue=(r.settled_on - r.due_date).days if r.settled_on else 0,
                              base_amount=r.amount, total=back)
        uow.session.add(row)
        uow.session.flush()
        for who, user_id, weight, amount in paid:
            uow.session.add(LiabilityShare(charge_id=row.id, month=month, responsible=who, user_id=user_id,
                                           weight=weight, amount=-int(amount)))
        refunds += 1
        total += back
    uow.session.add(LiabilityRun(month=month, charges=charges + refunds, total=total,
                                 run_by_id=current_actor(uow).user_id, run_at=uow.clock()))
    uow.audit("liability.run", "liability", month.strftime("%Y-%m"), None,
              {"month": month, "charges": charges, "refunds": refunds, "total": total,
               "sales_manager": people[Responsible.MANAGER], "director": people[Responsible.DIRECTOR]})
    return RunResult(month, charges, refunds, total)


@service(Perm.CREDIT_AUDIT)
def run_liability(uow: UnitOfWork, month: date) -> RunResult:
    """Compute an ended month's liability charges and refunds, once."""
    result = _run(uow, month)
    uow.commit()
    return result


@dataclass(frozen=True)
class LiabilityLine:
    responsible: str  # domain.liability.Responsible
    kind: str  # domain.liability.ChargeKind
    doc_no: str
    customer_code: str
    customer_name: str
    due_date: date
    days_overdue: int
    base_amount: int
    charge: int  # the whole charge on the debt
    weight: int
    amount: int  # this person's share (refunds negative)
    receivable_id: int = 0
    status: str = ChargeStatus.PROPOSED.value  # domain.liability.ChargeStatus
    finding: str = ""  # domain.liability.Finding of the debt's live record; "" without one
    reason: str = ""
    recorded_by: str = ""
    decided_by: str = ""  # who approved the exemption
    fault_id: int | None = None


@dataclass(frozen=True)
class PersonStatement:
    user_id: int | None  # None: nobody held the role
    name: str
    lines: tuple[LiabilityLine, ...]
    charged: int  # final charges only
    refunded: int  # ≤ 0, final refunds only
    total: int  # to deduct: final only
    awaiting: int = 0  # proposed or awaiting an exemption: not deducted (yet)
    exempted: int = 0


@dataclass(frozen=True)
class LiabilityStatement:
    month: date
    computed: bool  # the month was run
    people: tuple[PersonStatement, ...]
    total: int  # final only
    audit_head: str = ""  # the audit trail's head when prepared (services/admin/audit.py)
    awaiting: int = 0  # the charges not final yet, net


SEES_EVERYONE = (Perm.CREDIT_AUDIT, Perm.LIABILITY_RECORD_FAULT, Perm.LIABILITY_EXEMPT)


def build_statement(uow: UnitOfWork, month: date) -> LiabilityStatement:
    """Inside another service's transaction: one's own lines, or everyone's for those who
    audit, record fault or decide exemptions."""
    month = month_start(month)
    actor = current_actor(uow)
    live = (select(LiabilityFault).where(LiabilityFault.status.in_([s.value for s in LIVE]))
            .subquery())
    q = (select(LiabilityShare, LiabilityCharge, Receivable.doc_no, Customer.code, Customer.name, live.c.id,
                live.c.status, live.c.finding, live.c.reason, live.c.recorded_by_id, live.c.decided_by_id)
         .join(LiabilityCharge, LiabilityCharge.id == LiabilityShare.charge_id)
         .join(Receivable, Receivable.id == LiabilityCharge.receivable_id)
         .join(Customer, Customer.id == Receivable.customer_id)
         .outerjoin(live, live.c.receivable_id == Receivable.id)
         .where(LiabilityShare.month == month)
         .order_by(LiabilityShare.user_id, Customer.code, Receivable.doc_no, LiabilityCharge.kind))
    if not any(actor.can(p) for p in SEES_EVERYONE):
        q = q.where(LiabilityShare.user_id == actor.user_id)
    rows = uow.session.execute(q).all()
    names = user_names(uow, {uid for r in rows for uid in (r[0].user_id, r[9], r[10])})
    by_person: dict[int | None, list[LiabilityLine]] = defaultdict(list)
    for share, charge, doc_no, code, name, fid, status, finding, reason, by, decided in rows:
        st = charge_status(status)
        by_person[share.user_id].append(LiabilityLine(
            share.responsible, charge.kind, doc_no, code, name, charge.due_date, charge.days_overdue,
            charge.base_amount, charge.total, share.weight, share.amount, charge.receivable_id, st.value,
            finding or "", reason or "", names.get(by, "") if by else "", names.get(decided, "") if decided else "",
            fid))
    people = []
    for uid, lines in by_person.items():
        final = [x.amount for x in lines if counts_for_pay(x.status)]
        charged = sum(a for a in final if a > 0)
        refunded = sum(a for a in final if a < 0)
        awaiting = sum(x.amount for x in lines if x.status in (ChargeStatus.PROPOSED, ChargeStatus.EXEMPTION_PENDING))
        exempted = sum(x.amount for x in lines if x.status == ChargeStatus.EXEMPTED)
        people.append(PersonStatement(uid, names.get(uid, "") if uid else _("(nobody in the role)"),
                                      tuple(lines), charged, refunded, charged + refunded, awaiting, exempted))
    people.sort(key=lambda p: (p.user_id is None, p.name))
    computed = uow.session.get(LiabilityRun, month) is not None
    return LiabilityStatement(month, computed, tuple(people), sum(p.total for p in people),
                              chain_head_code(uow), sum(p.awaiting for p in people))


def liability_by_debt(uow: UnitOfWork, receivable_ids: list[int], upto: date) -> dict[int, int]:
    """Each debt's staff liability in every month up to `upto`, net of refunds, leaving out
    what the GM exempted; the shares the user may see (build_statement's rule). Inside another
    service's transaction (the year end's 1 January list)."""
    if not receivable_ids:
        return {}
    actor = current_actor(uow)
    live = (select(LiabilityFault.receivable_id, LiabilityFault.status)
            .where(LiabilityFault.status.in_([s.value for s in LIVE])).subquery())
    q = (select(LiabilityCharge.receivable_id, LiabilityShare.amount, live.c.status)
         .join(LiabilityCharge, LiabilityCharge.id == LiabilityShare.charge_id)
         .outerjoin(live, live.c.receivable_id == LiabilityCharge.receivable_id)
         .where(LiabilityCharge.receivable_id.in_(receivable_ids), LiabilityShare.month <= month_start(upto)))
    if not any(actor.can(p) for p in SEES_EVERYONE):
        q = q.where(LiabilityShare.user_id == actor.user_id)
    out: dict[int, int] = {}
    for rid, amount, status in uow.session.execute(q):
        if charge_status(status) is not ChargeStatus.EXEMPTED:
            out[rid] = out.get(rid, 0) + int(amount)
    return out


@service(LOGGED_IN, read_only=True)
def liability_statement(uow: UnitOfWork, month: date) -> LiabilityStatement:
    """The month's statement per person with the invoices behind each line; one's own, or
    everyone's for finance (credit.audit)."""
    return build_statement(uow, month)


@service(LOGGED_IN)
def export_statement(uow: UnitOfWork, month: date, write: Callable[[LiabilityStatement], int],
                     run_if_needed: bool = False) -> int:
    """Hand the month's statement to a writer (reports/collections/liability_xlsx.py) for payroll; with
    `run_if_needed`, finance computes the month first if it has not been; audited."""
    month = month_start(month)
    if run_if_needed and uow.session.get(LiabilityRun, month) is None and current_actor(uow).can(Perm.CREDIT_AUDIT):
        _run(uow, month)
    statement = build_statement(uow, month)
    count = write(statement)
    uow.audit("liability.export", "liability", month.strftime("%Y-%m"), None,
              {"month": month, "people": len(statement.people), "rows": count, "total": statement.total,
               "awaiting": statement.awaiting})
    uow.commit()
    return count


@service(Perm.CREDIT_AUDIT, read_only=True)
def liability_months(uow: UnitOfWork) -> list[tuple[date, int, int]]:
    """The months computed: (month, charges, total), newest first."""
    return [(r.month, r.charges, r.total) for r in uow.session.scalars(
        select(LiabilityRun).order_by(LiabilityRun.month.desc()))]
