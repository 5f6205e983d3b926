"""Statements of account and auditor's letters issued as documents of record
(services/records/issuing.py): numbered, kept, reprinted as they were issued, each in its
customer's language unless one is forced.

A statement is issued first (its number is the document's) and then kept as a statement
awaiting the customer's reply (services/collections/statements.py). A batch issues one
document per customer; progress(done, total) may raise Cancelled between customers: those
issued stay issued (each is its own record), no further one is started.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.common.records import FormKind, FormRequest
from sales_desk.i18n import translator
from sales_desk.reports.common.pdf_base import issue_mark, policy_mark
from sales_desk.reports.records.issuers import _title, issue_rendered
from sales_desk.reports.records.stamping import page_count
from sales_desk.services.admin.policy import policy_in_force, version_label
from sales_desk.services.collections import statement_data, statements
from sales_desk.services.collections.statement_data import ConfirmationData, StatementData
from sales_desk.services.records import issuing
from sales_desk.services.records.issuing import IssuedRef

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class IssuedStatement:
    statement_id: int
    document: IssuedRef
    data: StatementData


def language_of(customer_language: str, lang: str | None, fallback: str) -> str:
    """The forced language, else the customer's letter language, else the fallback."""
    return lang or customer_language or fallback


def _statement_request(d: StatementData, lang: str) -> FormRequest:
    kind = FormKind.STATEMENT
    period = f"{d.period_from.isoformat()}–{d.period_to.isoformat()}"
    return FormRequest(kind, d.subject, lang, d.fingerprint,
                       _title(kind, lang, f"{d.customer_code} {d.customer_name}", period),
                       f"{d.customer_code} {d.period_to.isoformat()}", d.customer_code)


def issue_statement(uow: UnitOfWork, customer_id: int, as_of: date, fallback: str, lang: str | None = None,
                    start: date | None = None) -> IssuedStatement:
    """The customer's statement up to `as_of`, issued and kept (the one already issued when
    the ledger has not changed)."""
    from sales_desk.reports.collections.statement import render_statement

    d = statement_data.statement_data(uow, customer_id, as_of, start)
    language = language_of(d.language, lang, fallback)
    ref = issue_rendered(uow, _statement_request(d, language), lambda path: render_statement(d, path, language))
    return IssuedStatement(statements.record_statement(uow, d, ref.id), ref, d)


def issue_statement_within(uow: UnitOfWork, customer_id: int, as_of: date, lang: str) -> IssuedStatement:
    """`issue_statement` inside the caller's transaction (the demo firm, loaded all or nothing)."""
    from sales_desk.reports.collections.statement import render_statement

    d = statement_data.statement_within(uow, customer_id, as_of)
    policy = version_label(policy_in_force(uow, d.prepared_on), translator(lang))

    def laid_out(mark: str) -> tuple[bytes, int]:
        with tempfile.TemporaryDirectory(prefix="sales-desk-issue-") as tmp, issue_mark(mark), policy_mark(policy):
            path = Path(tmp) / "form.pdf"
            render_statement(d, path, lang)
            content = path.read_bytes()
        return content, page_count(content)

    ref = issuing.issue_within(uow, _statement_request(d, lang), laid_out)
    return IssuedStatement(statements.keep_statement(uow, d, ref.id).id, ref, d)


def issue_statements(uow: UnitOfWork, customer_ids: Sequence[int], as_of: date, fallback: str,
                     lang: str | None = None, progress: Progress | None = None,
                     start: date | None = None) -> list[IssuedStatement]:
    """One statement per customer, in order; see the module's note on cancelling."""
    out: list[IssuedStatement] = []
    total = len(customer_ids)
    for done, cid in enumerate(customer_ids):
        if progress:
            progress(done, total)
        out.append(issue_statement(uow, cid, as_of, fallback, lang, start))
    if progress:
        progress(total, total)
    return out


def issue_confirmation(uow: UnitOfWork, customer_id: int, as_of: date, auditor: str, fallback: str,
                       lang: str | None = None, auditor_address: str = "") -> tuple[IssuedRef, ConfirmationData]:
    """The auditor's confirmation letter [询证函] to the customer, issued as a record."""
    from sales_desk.reports.collections.statement import render_confirmation

    d = statement_data.confirmation_data(uow, customer_id, as_of, auditor, auditor_address)
    language = language_of(d.language, lang, fallback)
    kind = FormKind.AUDIT_CONFIRMATION
    req = FormRequest(kind, d.subject, language, d.fingerprint,
                      _title(kind, language, f"{d.customer_code} {d.customer_name}", d.as_of.isoformat()),
                      f"{d.customer_code} {d.as_of.isoformat()}", d.customer_code)
    return issue_rendered(uow, req, lambda path: render_confirmation(d, path, language)), d
