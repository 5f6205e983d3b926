"""The maintenance plan and the market information report issued as documents of record, like
every printed form (issuers.py): numbered, kept, reprinted identically; a new edition only when
what the form shows has changed (submitted, reviewed, filed)."""

from __future__ import annotations

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.common.records import FormKind, FormRequest, data_fingerprint
from sales_desk.reports.records.issuers import _title, issue_rendered
from sales_desk.services.records.issuing import IssuedRef


def issue_care_plan(uow: UnitOfWork, plan_id: int, lang: str) -> IssuedRef:
    from sales_desk.reports.relationship.forms import render_care_plan
    from sales_desk.services.relationship import forms

    d = forms.plan_document(uow, plan_id)
    p, kind = d.plan, FormKind.CARE_PLAN
    req = FormRequest(kind, f"care_plan:{plan_id}", lang, data_fingerprint(d),
                      _title(kind, lang, p.number, f"{p.customer_code} {p.customer_name}"), p.number, p.customer_code)
    return issue_rendered(uow, req, lambda path: render_care_plan(d, path, lang))


def issue_market_report(uow: UnitOfWork, report_id: int, lang: str) -> IssuedRef:
    from sales_desk.reports.relationship.forms import render_market_report
    from sales_desk.services.relationship import forms

    d = forms.report_document(uow, report_id)
    r, kind = d.report, FormKind.MARKET_REPORT
    req = FormRequest(kind, f"market_report:{report_id}", lang, data_fingerprint(d),
                      _title(kind, lang, r.number, r.period), r.number)
    return issue_rendered(uow, req, lambda path: render_market_report(d, path, lang))
