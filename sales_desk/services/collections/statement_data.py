"""What a statement of account [对账单] and an auditor's confirmation letter [询证函] show,
read from the customer ledger (services/collections/ledger.py) as it stands on their date.

Laid out by reports/collections/statement.py, issued by reports/records/statements.py;
the statement's record and the customer's reply: services/collections/statements.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.collections import statements as rules
from sales_desk.domain.collections.statements import Totals
from sales_desk.domain.common.errors import ValidationError
from sales_desk.domain.common.records import data_fingerprint
from sales_desk.domain.common.roles import Perm
from sales_desk.i18n import _
from sales_desk.models import AccountStatement, Customer, CustomerContact, IssuedDocument, User
from sales_desk.services.admin.settings import load_settings
from sales_desk.services.collections.common import collection_settings, scope_to_actor
from sales_desk.services.collections.ledger import iter_ledger
from sales_desk.services.common.base import business_today, service
from sales_desk.services.customers.scope import visible_customer


@dataclass(frozen=True)
class StatementLine:
    on: date
    kind: str  # the ledger's: invoice, opening, credit_note, receipt, prepayment, reversal, write_off, recovery
    number: str
    reference: str
    debit: int
    credit: int
    balance: int  # running, from the opening balance


@dataclass(frozen=True)
class StatementData:
    customer_id: int
    customer_code: str
    customer_name: str
    address: str
    contact: str
    rep: str
    company: str
    currency: str
    language: str  # the customer's letter language; "" the one chosen at print time
    period_from: date
    period_to: date
    totals: Totals
    lines: tuple[StatementLine, ...]
    prepared_on: date  # left out of the fingerprint: a reprint another day is the same statement
    reply_by: date  # the customer is asked to return the slip by then

    @property
    def subject(self) -> str:
        return f"statement:{self.customer_id}:{self.period_from.isoformat()}:{self.period_to.isoformat()}"

    @property
    def fingerprint(self) -> str:
        return data_fingerprint(self, without=("prepared_on", "reply_by", "language"))


def reply_days(uow: UnitOfWork) -> int:
    """collection.statement_reply_days of the policy in force."""
    return int(load_settings(uow).get(rules.REPLY_DAYS_KEY, rules.DEFAULT_REPLY_DAYS))  # type: ignore[call-overload]


def _people(uow: UnitOfWork, c: Customer) -> tuple[str, str]:
    contact = uow.session.scalar(select(CustomerContact.name).where(CustomerContact.customer_id == c.id)
                                 .order_by(CustomerContact.key_person.desc(), CustomerContact.id).limit(1))
    rep = uow.session.scalar(select(User.full_name).where(User.id == c.rep_id)) if c.rep_id else None
    return contact or "", rep or ""


def _data(uow: UnitOfWork, c: Customer, start: date, end: date) -> StatementData:
    s = collection_settings(uow)
    today = business_today(uow)
    signed = [(x.on, x.kind, x.debit - x.credit, x) for x in iter_ledger(uow, c.id, end)]
    totals = rules.totals(((on, kind, amount) for on, kind, amount, _x in signed), start, end)
    balance, lines = totals.opening, []
    for on, kind, amount, x in signed:
        if on >= start:
            balance += amount
            lines.append(StatementLine(on, kind, x.number, x.reference, x.debit, x.credit, balance))
    contact, rep = _people(uow, c)
    return StatementData(c.id, c.code, c.name, c.address, contact, rep, s.company, s.currency, c.language,
                         start, end, totals, tuple(lines), today, today + timedelta(days=reply_days(uow)))


def _confirmed_fingerprint(uow: UnitOfWork, customer_id: int, start: date, end: date) -> tuple[str, str] | None:
    row = uow.session.execute(
        select(AccountStatement.number, IssuedDocument.fingerprint)
        .join(IssuedDocument, IssuedDocument.id == AccountStatement.document_id)
        .where(AccountStatement.customer_id == customer_id, AccountStatement.period_from == start,
               AccountStatement.period_to == end,
               AccountStatement.status == rules.StatementStatus.CONFIRMED.value)).first()
    return (row[0], row[1]) if row else None


@service(Perm.STATEMENT_ISSUE)
def statement_data(uow: UnitOfWork, customer_id: int, as_of: date, start: date | None = None) -> StatementData:
    """The customer's statement for `start` (default: 1 January) up to `as_of`. Refused when
    the customer confirmed a statement of that period and the ledger has changed since: a
    confirmed statement stays as it was signed."""
    return statement_within(uow, customer_id, as_of, start)


def statement_within(uow: UnitOfWork, customer_id: int, as_of: date, start: date | None = None) -> StatementData:
    """`statement_data` inside the caller's transaction (the demo firm)."""
    c = visible_customer(uow, customer_id)
    start = start or rules.default_start(as_of)
    rules.check_period(start, as_of, business_today(uow))
    data = _data(uow, c, start, as_of)
    confirmed = _confirmed_fingerprint(uow, c.id, start, as_of)
    if confirmed is not None and confirmed[1] != data.fingerprint:
        rules.check_can_reissue(confirmed[0], rules.StatementStatus.CONFIRMED)
    return data


@service(Perm.STATEMENT_ISSUE)
def customers_with_balance(uow: UnitOfWork, as_of: date) -> list[int]:
    """The customers (those the actor sees) who owe something, or are owed, on `as_of`, by code."""
    q = scope_to_actor(uow, select(Customer.id, Customer.code).order_by(Customer.code), Customer.id)
    out = []
    for cid, _code in uow.session.execute(q).all():
        balance = 0
        for x in iter_ledger(uow, cid, as_of):
            balance = x.balance
        if balance:
            out.append(cid)
    return out


@dataclass(frozen=True)
class ConfirmationData:
    """The auditor's confirmation letter [询证函]: the balance on the firm's books on a date,
    which the customer confirms, or corrects, directly to the auditor."""

    customer_id: int
    customer_code: str
    customer_name: str
    address: str
    contact: str
    company: str
    currency: str
    language: str
    as_of: date
    balance: int  # + the customer owes the firm
    auditor: str  # the audit firm the reply goes to
    auditor_address: str
    prepared_on: date

    @property
    def subject(self) -> str:
        return f"audit_confirmation:{self.customer_id}:{self.as_of.isoformat()}"

    @property
    def fingerprint(self) -> str:
        return data_fingerprint(self, without=("prepared_on", "language"))


@service(Perm.STATEMENT_RESOLVE)
def confirmation_data(uow: UnitOfWork, customer_id: int, as_of: date, auditor: str,
                      auditor_address: str = "") -> ConfirmationData:
    """What the auditor's letter to the customer shows: the ledger's balance on `as_of`."""
    c = visible_customer(uow, customer_id)
    today = business_today(uow)
    rules.check_period(as_of, as_of, today)
    if not auditor.strip():
        raise ValidationError(_("Auditor"), _("name the audit firm the customer replies to"))
    balance = 0
    for x in iter_ledger(uow, c.id, as_of):
        balance = x.balance
    s = collection_settings(uow)
    contact, _rep = _people(uow, c)
    return ConfirmationData(c.id, c.code, c.name, c.address, contact, s.company, s.currency, c.language, as_of,
                            balance, auditor.strip(), auditor_address.strip(), today)
