"""The rebate statement [返利结算单] issued as a document of record (services/records/issuing.py):
numbered, kept, reprinted as issued; a new edition only when the rebate changed (approved, paid)."""

from __future__ import annotations

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.common.records import FormKind, FormRequest
from sales_desk.reports.records.issuers import _title, issue_rendered
from sales_desk.services.collections import rebate_reads
from sales_desk.services.collections.rebate_reads import RebateStatement
from sales_desk.services.records.issuing import IssuedRef


def rebate_request(d: RebateStatement, lang: str) -> FormRequest:
    kind = FormKind.REBATE_STATEMENT
    r = d.rebate
    return FormRequest(kind, d.subject, lang, d.fingerprint,
                       _title(kind, lang, r.number, f"{r.customer_code} {r.customer_name}"), r.number, r.customer_code)


def issue_rebate_statement(uow: UnitOfWork, rebate_id: int, lang: str) -> IssuedRef:
    """The rebate's statement in `lang`, issued and kept (the one already issued when unchanged)."""
    from sales_desk.reports.collections.rebate_statement import render_rebate_statement

    d = rebate_reads.rebate_statement(uow, rebate_id)
    return issue_rendered(uow, rebate_request(d, lang), lambda path: render_rebate_statement(d, path, lang))
