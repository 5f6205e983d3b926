"""Aging [账龄分析] as of any date, per customer, rolled up per rep and per region, with
the documents behind each customer (rules: domain/collections/aging.py).

The report is ONE SQL statement grouped by customer — never ORM objects bucketed in
Python (DESIGN: ≈ 35× slower). Today (and any date after the last document and the
last allocation) it reads (customer, due date, open amount) straight from the covering
index ix_receivables_customer_due_open. As of an earlier date D the same GROUP BY runs
over a UNION ALL that corrects today's open amounts back to D:

    open at D = open today
              + allocations applied after D to a document dated on or before D
              − allocations applied after D from a credit note dated on or before D
              − what is open today on documents dated after D

each branch read through an index (allocations by applied_on, documents by doc_date),
so a recent D costs little more than today. Credit notes not yet applied are a column
of their own ("unapplied credits"), not a bucket: total = Σ buckets + credits is the
customer's open balance on D.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from operator import itemgetter

from sqlalchemy import (
    BigInteger,
    Integer,
    Select,
    and_,
    case,
    cast,
    exists,
    func,
    literal,
    select,
    union_all,
)

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.collections.aging import Buckets, days_overdue
from sales_desk.domain.common.roles import Perm
from sales_desk.models import Customer, Receivable, ReceivableAllocation
from sales_desk.services.collections.common import collection_settings, sees_all
from sales_desk.services.common.base import current_actor, service
from sales_desk.services.customers.scope import business_today, user_names, visible_customer


@dataclass(frozen=True)
class AgingRow:
    customer_id: int
    code: str
    name: str
    rep_id: int | None
    rep: str
    region: str
    buckets: tuple[int, ...]  # current, then each overdue bucket
    credits: int  # credit notes not yet applied (≤ 0)
    total: int

    @property
    def overdue(self) -> int:
        return sum(self.buckets[1:])


class AgingRows(Sequence[AgingRow]):
    """The report's rows, each built when asked for from the database's plain tuples: a
    100,000-customer report needs no 100,000 objects until someone looks at them (a table
    shows a page; the totals are summed from the tuples). Immutable."""

    __slots__ = ("_n", "_names", "_raw")

    def __init__(self, raw: Sequence[tuple], names: dict[int, str], n: int):  # type: ignore[type-arg]
        self._raw, self._names, self._n = tuple(raw), names, n

    def __len__(self) -> int:
        return len(self._raw)

    def __getitem__(self, i):  # type: ignore[no-untyped-def]  # noqa: ANN001, ANN204
        if isinstance(i, slice):
            return tuple(self._row(t) for t in self._raw[i])
        return self._row(self._raw[i])

    def __iter__(self) -> Iterator[AgingRow]:
        return map(self._row, self._raw)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and tuple(self) == tuple(other)

    def __hash__(self) -> int:
        return hash(self._raw)

    def __repr__(self) -> str:
        return f"AgingRows({len(self._raw)} rows)"

    def _row(self, t: tuple) -> AgingRow:  # type: ignore[type-arg]
        n, rep = self._n, t[3]
        return AgingRow(t[0], t[1], t[2], rep, self._names.get(rep, "") if rep else "", t[4], t[5:5 + n],
                        t[5 + n], t[6 + n])

    def column_sums(self) -> tuple[int, ...]:
        """Σ of each bucket, then the credits, then the total."""
        return tuple(sum(map(itemgetter(i), self._raw)) for i in range(5, 7 + self._n))


@dataclass(frozen=True)
class AgingReport:
    as_of: date
    labels: tuple[str, ...]  # translated bucket headings
    bounds: tuple[int, ...]
    rows: AgingRows  # by customer id (the order they were entered)
    totals: tuple[int, ...]
    credits: int
    total: int


def _receivables_open_at(as_of: date, corrected: bool, with_today: bool = True) -> Select:
    """(customer_id, due_date, amount, credit) rows whose sums per customer are the open
    amounts on `as_of`; see the module docstring. Without today's rows: the corrections alone."""
    r = Receivable.__table__
    flag = case((r.c.open_amount < 0, 1), else_=0)
    today = select(r.c.customer_id, r.c.due_date, r.c.open_amount.label("amount"), flag.label("credit")) \
        .where(r.c.open_amount != 0)
    if not corrected:
        return today
    a = ReceivableAllocation.__table__
    cn = Receivable.__table__.alias("cn")
    later = a.c.applied_on > as_of
    added_back = select(r.c.customer_id, r.c.due_date, a.c.amount.label("amount"), literal(0, Integer).label("credit")) \
        .select_from(a.join(r, r.c.id == a.c.receivable_id)).where(later, r.c.doc_date <= as_of)
    credit_back = select(cn.c.customer_id, cn.c.due_date, -a.c.amount, literal(1, Integer)) \
        .select_from(a.join(cn, cn.c.id == a.c.credit_note_id)).where(later, cn.c.doc_date <= as_of)
    not_yet = select(r.c.customer_id, r.c.due_date, -r.c.open_amount, case((r.c.amount < 0, 1), else_=0)) \
        .where(r.c.doc_date > as_of, r.c.open_amount != 0)
    return union_all(today, added_back, credit_back, not_yet) if with_today else \
        union_all(added_back, credit_back, not_yet)


def needs_correction(uow: UnitOfWork, as_of: date) -> bool:
    """Anything dated after `as_of` (a document, an allocation): two index probes."""
    r, a = Receivable.__table__, ReceivableAllocation.__table__
    return bool(uow.session.scalar(select(exists().where(a.c.applied_on > as_of)))
                or uow.session.scalar(select(exists().where(r.c.doc_date > as_of))))


def aging_statement(as_of: date, buckets: Buckets, corrected: bool, corrections_only: bool = False) -> Select:
    """The one GROUP BY: per customer, Σ per bucket, unapplied credits and the total. Today's
    form reads the covering index directly (no subquery: the plan is the hand-written one's).
    `corrections_only`: the same sums over what changed after `as_of` alone (aging_rows adds
    them to today's, sparing SQLite a million-row union)."""
    cut = buckets.cutoffs(as_of)
    if corrected:
        src = _receivables_open_at(as_of, corrected, with_today=not corrections_only).subquery("open_at")
        due, amount, debit, credit = src.c.due_date, src.c.amount, src.c.credit == 0, src.c.credit == 1
        key = src.c.customer_id
    else:
        r = Receivable.__table__
        due, amount, debit, credit = r.c.due_date, r.c.open_amount, r.c.open_amount > 0, r.c.open_amount < 0
        key = r.c.customer_id
    cols = []
    for i in range(buckets.count):
        if i == 0:
            cond = due >= cut[0]
        elif i < len(cut):
            cond = and_(due < cut[i - 1], due >= cut[i])
        else:
            cond = due < cut[-1]
        cols.append(_sum(case((and_(debit, cond), amount), else_=0)).label(f"b{i}"))
    cols.append(_sum(case((credit, amount), else_=0)).label("credits"))
    cols.append(_sum(amount).label("total"))
    q = select(key.label("customer_id"), *cols).group_by(key)
    return q if corrected else q.where(Receivable.__table__.c.open_amount != 0)


def _sum(expr: object) -> object:
    """Σ as a whole number on every backend (PostgreSQL sums bigints as numeric)."""
    return cast(func.sum(expr), BigInteger)


def _fetch(uow: UnitOfWork, stmt: Select) -> list[tuple]:  # type: ignore[type-arg]
    """Rows as plain tuples straight from the driver's cursor: for 100,000 customers the
    Result's Row objects cost as much as the join (benchmarks/bench_collections.py)."""
    conn = uow.session.connection()
    compiled = stmt.compile(dialect=conn.dialect)
    params = compiled.construct_params()
    if conn.dialect.name == "sqlite":  # SQLite keeps dates as ISO text; the bound dates must be text too
        params = {k: v.isoformat() if isinstance(v, date) else v for k, v in params.items()}
    args = tuple(params[k] for k in compiled.positiontup or ()) if compiled.positional else params
    cursor = conn.connection.cursor()
    try:
        cursor.execute(str(compiled), args)
        return cursor.fetchall()
    finally:
        cursor.close()


def aging_rows(uow: UnitOfWork, as_of: date, buckets: Buckets, *, rep_id: int | None = None,
               region: str | None = None, customer_id: int | None = None) -> AgingRows:
    """The report's rows, joined to the customers (the benchmark calls this). As of an earlier
    day: today's statement plus a second, small one over what changed since, added per customer."""
    corrected = needs_correction(uow, as_of)
    c = Customer.__table__

    def joined(agg_stmt: Select) -> list[tuple]:  # type: ignore[type-arg]
        agg = agg_stmt.subquery("aging")
        q = (select(c.c.id, c.c.code, c.c.name, c.c.rep_id, c.c.region,
                    *[agg.c[f"b{i}"] for i in range(buckets.count)], agg.c.credits, agg.c.total)
             .select_from(agg.join(c, c.c.id == agg.c.customer_id)))
        if rep_id is not None:
            q = q.where(c.c.rep_id == rep_id)
        if region is not None:
            q = q.where(c.c.region == region)
        if customer_id is not None:
            q = q.where(c.c.id == customer_id)
        return _fetch(uow, q)

    raw = joined(aging_statement(as_of, buckets, False))
    if corrected:
        changes = {t[0]: t for t in joined(aging_statement(as_of, buckets, True, corrections_only=True))}
        raw = [t[:5] + tuple(a + b for a, b in zip(t[5:], changes.pop(t[0])[5:], strict=True))
               if t[0] in changes else t for t in raw]
        raw += changes.values()  # customers with nothing open today but something then
    # by customer id: SQLite's GROUP BY already yields that order (sorting sorted rows costs
    # next to nothing; an ORDER BY would sort them again in SQL); the UI sorts as it likes
    raw.sort(key=itemgetter(0))
    if corrected:  # adding back and taking away can leave a customer at nothing at all
        raw = [t for t in raw if any(t[5:])]
    return AgingRows(raw, user_names(uow, {t[3] for t in raw}), buckets.count)


def build_report(uow: UnitOfWork, as_of: date | None = None, rep_id: int | None = None,
                 region: str | None = None) -> AgingReport:
    """The report inside another service's transaction (a rep: their own customers)."""
    day = as_of or business_today(uow)
    buckets = collection_settings(uow).buckets
    if not sees_all(uow):
        rep_id = current_actor(uow).user_id
    rows = aging_rows(uow, day, buckets, rep_id=rep_id, region=region)
    sums = rows.column_sums()
    return AgingReport(day, tuple(buckets.labels()), buckets.bounds, rows, sums[:buckets.count],
                       sums[buckets.count], sums[buckets.count + 1])


@service(Perm.RECEIVABLE_VIEW, read_only=True)
def aging_report(uow: UnitOfWork, as_of: date | None = None, rep_id: int | None = None,
                 region: str | None = None) -> AgingReport:
    """Open receivables per customer in the buckets of the settings, as of `as_of` (today
    when omitted); a rep sees their own customers only."""
    return build_report(uow, as_of, rep_id, region)


@service(Perm.RECEIVABLE_VIEW)
def export_aging(uow: UnitOfWork, write: Callable[[AgingReport], int], as_of: date | None = None,
                 rep_id: int | None = None, region: str | None = None) -> int:
    """Hand the report to a writer (reports/collections/aging_xlsx.py); audited."""
    report = build_report(uow, as_of, rep_id, region)
    count = write(report)
    uow.audit("receivable.export_aging", "receivable", "aging", None,
              {"as_of": report.as_of, "rows": count, "total": report.total, "rep_id": rep_id, "region": region})
    uow.commit()
    return count


@dataclass(frozen=True)
class AgingGroup:
    key: str  # the rep's name or the region ("" when none)
    customers: int
    buckets: tuple[int, ...]
    credits: int
    total: int


def rollup(report: AgingReport, by: str) -> list[AgingGroup]:
    """The report per rep ("rep") or per region ("region"), largest total first."""
    if by not in ("rep", "region"):
        raise ValueError(by)
    groups: dict[str, list[AgingRow]] = defaultdict(list)
    for r in report.rows:
        groups[r.rep if by == "rep" else r.region].append(r)
    n = len(report.labels)
    out = [AgingGroup(k, len(rows), tuple(sum(r.buckets[i] for r in rows) for i in range(n)),
                      sum(r.credits for r in rows), sum(r.total for r in rows)) for k, rows in groups.items()]
    return sorted(out, key=lambda g: (-g.total, g.key))


# -- drill-down: the documents behind a customer's figures ----------------------------------------


@dataclass(frozen=True)
class AgingItem:
    receivable_id: int
    doc_no: str
    kind: str
    doc_date: date
    due_date: date
    amount: int
    open_amount: int  # on the as-of date
    days_overdue: int
    bucket: int  # index into the report's labels; -1 for a credit note


def open_at(uow: UnitOfWork, customer_id: int, as_of: date) -> list[AgingItem]:
    """Each of the customer's documents open on `as_of`, with its open amount that day."""
    buckets = collection_settings(uow).buckets
    a = ReceivableAllocation
    later_in = {k: v for k, v in uow.session.execute(
        select(a.receivable_id, func.sum(a.amount)).join(Receivable, Receivable.id == a.receivable_id)
        .where(Receivable.customer_id == customer_id, a.applied_on > as_of).group_by(a.receivable_id))}
    later_out = {k: v for k, v in uow.session.execute(
        select(a.credit_note_id, func.sum(a.amount)).join(Receivable, Receivable.id == a.credit_note_id)
        .where(Receivable.customer_id == customer_id, a.applied_on > as_of).group_by(a.credit_note_id))}
    docs = uow.session.scalars(select(Receivable).where(
        Receivable.customer_id == customer_id, Receivable.doc_date <= as_of)
        .order_by(Receivable.due_date, Receivable.doc_date, Receivable.id))
    out: list[AgingItem] = []
    for d in docs:
        open_then = d.open_amount + int(later_in.get(d.id, 0)) - int(later_out.get(d.id, 0))
        if open_then == 0:
            continue
        days = days_overdue(d.due_date, as_of)
        out.append(AgingItem(d.id, d.doc_no, d.kind, d.doc_date, d.due_date, d.amount, open_then, days,
                             -1 if d.amount < 0 else buckets.index(days)))
    return out


@service(Perm.RECEIVABLE_VIEW, read_only=True)
def aging_items(uow: UnitOfWork, customer_id: int, as_of: date | None = None) -> list[AgingItem]:
    """Drill-down: the documents behind one customer's aging row."""
    c = visible_customer(uow, customer_id)
    return open_at(uow, c.id, as_of or business_today(uow))


def customer_totals(rows: Sequence[AgingItem], n: int) -> tuple[int, ...]:
    """Σ per bucket of drill-down rows (they add up to the report's row)."""
    return tuple(sum(i.open_amount for i in rows if i.bucket == b) for b in range(n))

