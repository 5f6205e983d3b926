"""Statements of account [对账单] as records, and the customer's reply [余额确认] (rules:
domain/collections/statements.py; what a statement shows: statement_data.py).

`record_statement` keeps a statement once its document of record is issued (the issuer in
reports/records/statements.py lays it out and issues it first); the rep of the
customer or finance records the customer's reply — the balance confirmed, or differences
with their amounts and reasons — and finance resolves each difference with a note. Reps
work with their own customers (销售专员 职责6), finance with all.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.collections import statements as rules
from sales_desk.domain.collections.statements import Difference, StatementStatus
from sales_desk.domain.common.errors import NotFound, ValidationError
from sales_desk.domain.common.roles import Perm
from sales_desk.i18n import _
from sales_desk.models import AccountStatement, Customer, IssuedDocument, StatementDifference
from sales_desk.services.collections.common import scope_to_actor
from sales_desk.services.collections.statement_data import StatementData, reply_days
from sales_desk.services.common.base import business_today, current_actor, service, user_names
from sales_desk.services.customers.scope import visible_customer


@dataclass(frozen=True)
class StatementRow:
    id: int
    number: str
    document_id: int
    customer_id: int
    customer_code: str
    customer_name: str
    period_from: date
    period_to: date
    closing: int
    status: StatementStatus
    issued_on: date
    replied_on: date | None
    open_differences: int
    reply_overdue: bool


@dataclass(frozen=True)
class DifferenceRow:
    id: int
    amount: int
    reason: str
    recorded_by: str
    resolved_on: date | None
    resolved_by: str
    resolution: str


@dataclass(frozen=True)
class StatementDetail:
    row: StatementRow
    opening: int
    invoices: int
    receipts: int
    credit_notes: int
    write_offs: int
    language: str
    reply_note: str
    reply_by: str
    differences: tuple[DifferenceRow, ...]


def _visible(uow: UnitOfWork, statement_id: int, *, lock: bool = False) -> AccountStatement:
    q = select(AccountStatement).where(AccountStatement.id == statement_id)
    st = uow.session.scalars(q.with_for_update() if lock else q).first()
    if st is None:
        raise NotFound(_("Statement of account"), statement_id)
    try:
        visible_customer(uow, st.customer_id)
    except NotFound:
        raise NotFound(_("Statement of account"), statement_id) from None
    return st


@service(Perm.STATEMENT_ISSUE)
def record_statement(uow: UnitOfWork, data: StatementData, document_id: int) -> int:
    """Keep the statement issued as document `document_id`; the one kept already if it is.
    An earlier edition of the same period still awaiting its reply is superseded by it."""
    found = uow.session.scalar(select(AccountStatement.id).where(AccountStatement.document_id == document_id))
    if found is not None:
        return found
    st = keep_statement(uow, data, document_id)
    uow.commit()
    return st.id


def keep_statement(uow: UnitOfWork, data: StatementData, document_id: int) -> AccountStatement:
    """`record_statement` inside the caller's transaction (the demo firm)."""
    c = visible_customer(uow, data.customer_id)
    doc = uow.session.get(IssuedDocument, document_id)
    if doc is None or doc.subject != data.subject or doc.fingerprint != data.fingerprint:
        raise NotFound(_("Document"), document_id)
    earlier = list(uow.session.scalars(select(AccountStatement).where(
        AccountStatement.customer_id == c.id, AccountStatement.period_from == data.period_from,
        AccountStatement.period_to == data.period_to).with_for_update()))
    for e in earlier:
        rules.check_can_reissue(e.number, StatementStatus(e.status))
    t = data.totals
    st = AccountStatement(number=doc.number, document_id=doc.id, customer_id=c.id, rep_id=c.rep_id,
                          period_from=data.period_from, period_to=data.period_to, language=doc.language,
                          opening=t.opening, invoices=t.invoices, receipts=t.receipts, credit_notes=t.credit_notes,
                          write_offs=t.write_offs, closing=t.closing, status=StatementStatus.ISSUED.value,
                          issued_on=doc.issued_on, issued_by_id=current_actor(uow).user_id, reply_note="")
    uow.session.add(st)
    uow.session.flush()
    for e in earlier:
        if e.status == StatementStatus.ISSUED.value:
            e.status = StatementStatus.SUPERSEDED.value
    uow.audit("statement.issue", "statement", st.id, None,
              {"number": st.number, "customer": c.code, "period_from": st.period_from, "period_to": st.period_to,
               "amount": st.closing, "superseded": [e.number for e in earlier if e.status == "superseded"]})
    return st


def _replied_on(uow: UnitOfWork, st: AccountStatement, replied_on: date | None) -> date:
    today = business_today(uow)
    on = replied_on or today
    if on > today or on < st.issued_on:
        raise ValidationError(_("Reply date"), _("between the day the statement was issued and today"))
    return on


@service(Perm.STATEMENT_ISSUE)
def confirm_statement(uow: UnitOfWork, statement_id: int, replied_on: date | None = None, note: str = "") -> None:
    """The customer signed the slip: the balance is agreed. The statement is closed."""
    confirm_within(uow, statement_id, replied_on, note)
    uow.commit()


def confirm_within(uow: UnitOfWork, statement_id: int, replied_on: date | None = None, note: str = "") -> None:
    """`confirm_statement` inside the caller's transaction (the demo firm)."""
    st = _visible(uow, statement_id, lock=True)
    rules.check_reply(st.number, StatementStatus(st.status))
    st.replied_on = _replied_on(uow, st, replied_on)
    st.reply_by_id, st.reply_note = current_actor(uow).user_id, (note or "").strip()
    st.status = StatementStatus.CONFIRMED.value
    uow.audit("statement.confirm", "statement", st.id, {"status": "issued"},
              {"status": st.status, "number": st.number, "replied_on": st.replied_on, "amount": st.closing,
               "note": st.reply_note})


@service(Perm.STATEMENT_ISSUE)
def record_differences(uow: UnitOfWork, statement_id: int, differences: Iterable[Difference],
                       replied_on: date | None = None, note: str = "") -> list[int]:
    """The customer returned the slip with differences: each kept open until finance resolves it."""
    ids = differences_within(uow, statement_id, differences, replied_on, note)
    uow.commit()
    return ids


def differences_within(uow: UnitOfWork, statement_id: int, differences: Iterable[Difference],
                       replied_on: date | None = None, note: str = "") -> list[int]:
    """`record_differences` inside the caller's transaction (the demo firm)."""
    st = _visible(uow, statement_id, lock=True)
    rules.check_reply(st.number, StatementStatus(st.status))
    items = rules.check_differences(differences)
    st.replied_on = _replied_on(uow, st, replied_on)
    actor = current_actor(uow)
    st.reply_by_id, st.reply_note = actor.user_id, (note or "").strip()
    st.status = StatementStatus.DISPUTED.value
    rows = [StatementDifference(statement_id=st.id, amount=d.amount, reason=d.reason, recorded_by_id=actor.user_id,
                                recorded_at=uow.clock(), resolution="") for d in items]
    uow.session.add_all(rows)
    uow.session.flush()
    uow.audit("statement.differences", "statement", st.id, {"status": "issued"},
              {"status": st.status, "number": st.number, "replied_on": st.replied_on, "count": len(rows),
               "amount": sum(d.amount for d in items), "reasons": [d.reason for d in items]})
    return [r.id for r in rows]


@service(Perm.STATEMENT_RESOLVE)
def resolve_difference(uow: UnitOfWork, difference_id: int, note: str) -> StatementStatus:
    """Finance resolves one difference with a note; the statement is settled with the last."""
    status = resolve_within(uow, difference_id, note)
    uow.commit()
    return status


def resolve_within(uow: UnitOfWork, difference_id: int, note: str) -> StatementStatus:
    """`resolve_difference` inside the caller's transaction (the demo firm)."""
    d = uow.session.scalars(select(StatementDifference).where(StatementDifference.id == difference_id)
                            .with_for_update()).first()
    if d is None:
        raise NotFound(_("Difference"), difference_id)
    st = _visible(uow, d.statement_id, lock=True)
    d.resolution = rules.check_resolution(st.number, d.resolved_on is not None, note)
    d.resolved_on, d.resolved_by_id = business_today(uow), current_actor(uow).user_id
    uow.session.flush()
    left = uow.session.scalar(select(func.count()).where(StatementDifference.statement_id == st.id,
                                                         StatementDifference.resolved_on.is_(None))) or 0
    st.status = rules.status_after_resolving(left).value
    uow.audit("statement.resolve_difference", "statement", st.id, None,
              {"number": st.number, "amount": d.amount, "reason": d.reason, "note": d.resolution,
               "status": st.status})
    return StatementStatus(st.status)


def _rows(uow: UnitOfWork, q) -> list[StatementRow]:  # noqa: ANN001 - a select of statements
    today, days = business_today(uow), reply_days(uow)
    opened = (select(StatementDifference.statement_id, func.count().label("n"))
              .where(StatementDifference.resolved_on.is_(None)).group_by(StatementDifference.statement_id)
              .subquery())
    rows = uow.session.execute(
        q.add_columns(Customer.code, Customer.name, func.coalesce(opened.c.n, 0))
        .join(Customer, Customer.id == AccountStatement.customer_id)
        .outerjoin(opened, opened.c.statement_id == AccountStatement.id)).all()
    return [StatementRow(s.id, s.number, s.document_id, s.customer_id, code, name, s.period_from, s.period_to,
                         s.closing, StatementStatus(s.status), s.issued_on, s.replied_on, int(n),
                         rules.reply_overdue(StatementStatus(s.status), s.issued_on, today, days))
            for s, code, name, n in rows]


@service(Perm.RECEIVABLE_VIEW)
def list_statements(uow: UnitOfWork, customer_id: int | None = None, status: str | None = None,
                    limit: int = 1000) -> list[StatementRow]:
    """The statements the actor sees (a rep: their customers'), newest first."""
    q = select(AccountStatement).order_by(AccountStatement.issued_on.desc(), AccountStatement.id.desc())
    q = scope_to_actor(uow, q, AccountStatement.customer_id)
    if customer_id is not None:
        q = q.where(AccountStatement.customer_id == customer_id)
    if status:
        q = q.where(AccountStatement.status == StatementStatus(status).value)
    return _rows(uow, q.limit(limit))


@service(Perm.RECEIVABLE_VIEW)
def awaiting_reply(uow: UnitOfWork) -> list[StatementRow]:
    """Statements unconfirmed longer than the policy allows, and those with open differences:
    the rep's and finance's list of what to chase."""
    return chase_list(uow)


def chase_list(uow: UnitOfWork) -> list[StatementRow]:
    """`awaiting_reply` for a service that reads it with others (the dashboard)."""
    q = scope_to_actor(uow, select(AccountStatement).where(AccountStatement.status.in_(
        (StatementStatus.ISSUED.value, StatementStatus.DISPUTED.value))).order_by(AccountStatement.issued_on),
        AccountStatement.customer_id)
    return [r for r in _rows(uow, q) if r.reply_overdue or r.status is StatementStatus.DISPUTED]


@service(Perm.RECEIVABLE_VIEW)
def statement_detail(uow: UnitOfWork, statement_id: int) -> StatementDetail:
    st = _visible(uow, statement_id)
    row = _rows(uow, select(AccountStatement).where(AccountStatement.id == st.id))[0]
    diffs = list(uow.session.scalars(select(StatementDifference).where(StatementDifference.statement_id == st.id)
                                     .order_by(StatementDifference.id)))
    names = user_names(uow, [st.reply_by_id, *(d.recorded_by_id for d in diffs), *(d.resolved_by_id for d in diffs)])
    return StatementDetail(row, st.opening, st.invoices, st.receipts, st.credit_notes, st.write_offs, st.language,
                           st.reply_note, names.get(st.reply_by_id or 0, ""),
                           tuple(DifferenceRow(d.id, d.amount, d.reason, names.get(d.recorded_by_id, ""),
                                               d.resolved_on, names.get(d.resolved_by_id or 0, ""), d.resolution)
                                 for d in diffs))
