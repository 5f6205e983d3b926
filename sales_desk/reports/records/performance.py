"""The evaluation and the commission statement issued as documents of record, like every
printed form (issuers.py): numbered, kept, reprinted identically."""

from __future__ import annotations

from datetime import date

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.common.records import XLSX, FormKind, FormRequest, data_fingerprint
from sales_desk.domain.performance.evaluation import period_label
from sales_desk.reports.records.issuers import _title, issue_rendered
from sales_desk.services.records.issuing import IssuedRef


def issue_evaluation(uow: UnitOfWork, evaluation_id: int, lang: str) -> IssuedRef:
    from sales_desk.reports.performance.forms import render_evaluation
    from sales_desk.services.performance import evaluations

    d = evaluations.evaluation_detail(uow, evaluation_id)
    kind, label = FormKind.PERFORMANCE_EVALUATION, period_label(d.row.year, d.row.month)
    req = FormRequest(kind, f"evaluation:{evaluation_id}", lang, data_fingerprint(d),
                      _title(kind, lang, d.row.rep, label), label)
    return issue_rendered(uow, req, lambda path: render_evaluation(d, path, lang))


def issue_commission_statement(uow: UnitOfWork, month: date, rep_id: int, lang: str) -> IssuedRef:
    from sales_desk.reports.performance.forms import render_commission
    from sales_desk.services.performance import commission

    s = commission.commission_statement(uow, month, rep_id)
    docs = commission.commission_documents(uow, month, rep_id)
    kind, label = FormKind.COMMISSION_STATEMENT, month.strftime("%Y-%m")
    rep = next((x.rep for x in s.lines if x.rep_id == rep_id), "")
    req = FormRequest(kind, f"commission:{label}:{rep_id}", lang, data_fingerprint(s, docs),
                      _title(kind, lang, rep, label), label)
    return issue_rendered(uow, req, lambda path: render_commission(s, rep_id, docs, path, lang))


def issue_commission_payroll(uow: UnitOfWork, month: date, lang: str) -> IssuedRef:
    """The month's commission for payroll, as the workbook finance hands over."""
    from sales_desk.reports.performance.workbooks import write_commission
    from sales_desk.services.performance import commission

    s = commission.commission_statement(uow, month)
    kind, label = FormKind.COMMISSION_PAYROLL, month.strftime("%Y-%m")
    req = FormRequest(kind, f"month:{label}", lang, data_fingerprint(s), _title(kind, lang, label), label,
                      media_type=XLSX)
    return issue_rendered(uow, req, lambda path: write_commission(s, path))
