"""Every printed form, issued as a document of record (services/records/issuing.py).

Each `issue_*` reads the form's data through its feature's service (that service's rights
and visibility apply), returns the document already issued when the data is unchanged,
and otherwise lays the form out once and has it numbered, stamped and kept. What is then
printed or saved comes from `give_out`, never from a new layout.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.common.records import (
    KIND_LABELS,
    LETTER_KINDS,
    PDF,
    XLSX,
    FormKind,
    FormRequest,
    data_fingerprint,
)
from sales_desk.i18n import translator
from sales_desk.reports.common.pdf_base import issue_mark, policy_mark
from sales_desk.reports.records.stamping import page_count, split_pages, stamp_copy
from sales_desk.services.collections.letter_data import LetterData
from sales_desk.services.records import issuing
from sales_desk.services.records.issuing import IssuedRef, Output

Render = Callable[[Path], object]
Progress = Callable[[int, int], None]


def _title(kind: FormKind, lang: str, *parts: str) -> str:
    return " · ".join([translator(lang)(KIND_LABELS[kind]), *(p for p in parts if p)])


def issue_rendered(uow: UnitOfWork, req: FormRequest, render: Render) -> IssuedRef:
    """The document issued for `req`: the earlier one with the same data, else `render`ed now."""
    found = issuing.issued_for(uow, req)
    if found is not None:
        return found
    suffix = ".xlsx" if req.media_type == XLSX else ".pdf"
    policy = issuing.policy_footer(uow, req.language)

    def laid_out(mark: str) -> tuple[bytes, int]:
        with (tempfile.TemporaryDirectory(prefix="sales-desk-issue-") as tmp, issue_mark(mark),
              policy_mark(policy)):
            path = Path(tmp) / f"form{suffix}"
            render(path)
            content = path.read_bytes()
        return content, page_count(content)

    return issuing.issue_document(uow, req, laid_out)


def give_out(uow: UnitOfWork, document_id: int, destination: str) -> Output:
    """The bytes to print or save (logged): the original the first time, a stamped copy after."""
    return issuing.output(uow, document_id, destination, stamp_copy)


def on_screen(uow: UnitOfWork, document_id: int) -> Output:
    """What a print would give now, for the preview (not logged)."""
    return issuing.preview(uow, document_id, stamp_copy)


# -- collection letters --------------------------------------------------------------------
def letter_request(d: LetterData, lang: str) -> FormRequest:
    kind = LETTER_KINDS[d.step]
    return FormRequest(kind, f"letter:{d.letter_ref}", lang, data_fingerprint(d),
                       _title(kind, lang, d.letter_ref, f"{d.customer_code} {d.customer_name}"),
                       d.letter_ref, d.customer_code)


def issue_letter(uow: UnitOfWork, d: LetterData, lang: str) -> IssuedRef:
    """A letter as kept with its step (services/collections/letter_data.py), in `lang`."""
    from sales_desk.reports.collections.letters import render_letter

    return issue_rendered(uow, letter_request(d, lang), lambda path: render_letter(d, path, lang))


BATCH = 50  # letters laid out and issued together: one transaction, one layout, then split


def issue_letters(uow: UnitOfWork, letters: list[LetterData], language: Callable[[LetterData], str],
                  progress: Progress | None = None) -> list[IssuedRef]:
    """A batch: one document per letter, issued BATCH at a time (numbered together, laid out
    as one file that is then split per letter). progress(done, total) may raise Cancelled:
    the letters of earlier parts stay issued (each is its own record), the part under way
    is not."""
    out: list[IssuedRef] = []
    total = len(letters)
    for start in range(0, total, BATCH):
        if progress:
            progress(start, total)
        part = letters[start:start + BATCH]
        reqs = [letter_request(d, language(d)) for d in part]
        data = {(r.subject, r.language): d for r, d in zip(reqs, part, strict=True)}
        out += issuing.issue_documents(uow, reqs, lambda marked, data=data: _lay_out_letters(marked, data))
    if progress:
        progress(total, total)
    return out


def _lay_out_letters(marked: list[tuple[FormRequest, str]],
                     data: dict[tuple[str, str], LetterData]) -> list[tuple[bytes, int]]:
    from sales_desk.reports.collections.letters import render_letters_marked

    with tempfile.TemporaryDirectory(prefix="sales-desk-issue-") as tmp:
        path = Path(tmp) / "letters.pdf"
        starts = render_letters_marked([data[(r.subject, r.language)] for r, _line in marked],
                                       [r.language for r, _line in marked], [line for _r, line in marked], path)
        return split_pages(path.read_bytes(), starts, [r.title for r, _line in marked])


# -- orders --------------------------------------------------------------------------------
def issue_contract(uow: UnitOfWork, order_id: int, lang: str, internal: bool = False) -> IssuedRef:
    from sales_desk.reports.orders.contract import render_contract
    from sales_desk.services.orders import forms

    doc = forms.contract_document(uow, order_id)
    kind = FormKind.CONTRACT_INTERNAL if internal else FormKind.CONTRACT
    req = FormRequest(kind, f"order:{order_id}", lang, data_fingerprint(doc, without=("printed_at",)),
                      _title(kind, lang, doc.number, f"{doc.customer.code} {doc.customer.name}"),
                      doc.number, doc.customer.code)
    return issue_rendered(uow, req, lambda path: render_contract(doc, path, lang, internal=internal))


def issue_dispatch_note(uow: UnitOfWork, shipment_id: int, lang: str) -> IssuedRef:
    from sales_desk.reports.orders.dispatch_note import render_dispatch_note
    from sales_desk.services.orders import forms

    doc = forms.dispatch_note_document(uow, shipment_id)
    kind = FormKind.DISPATCH_NOTE
    req = FormRequest(kind, f"shipment:{shipment_id}", lang, data_fingerprint(doc, without=("printed_at",)),
                      _title(kind, lang, doc.number, f"{doc.customer.code} {doc.customer.name}"),
                      doc.number, doc.customer.code)
    return issue_rendered(uow, req, lambda path: render_dispatch_note(doc, path, lang))


def issue_price_list(uow: UnitOfWork, list_id: int, lang: str) -> IssuedRef:
    """The price list, named by its version; a new edition when a step changes what it shows."""
    from sales_desk.reports.orders.price_list import render_price_list
    from sales_desk.services.orders import paper

    doc = paper.price_list_document(uow, list_id)
    kind, ref = FormKind.PRICE_LIST, f"v{doc.price_list.version}"
    req = FormRequest(kind, f"price_list:{list_id}", lang,
                      data_fingerprint(doc.price_list, doc.company_name, doc.currency, without=("in_force",)),
                      _title(kind, lang, ref), ref)
    return issue_rendered(uow, req, lambda path: render_price_list(doc, path, lang))


def issue_payment_slip(uow: UnitOfWork, slip_id: int, lang: str, detail: bool = False) -> IssuedRef:
    """The payment slip [缴款单], or with `detail` finance's payment detail sheet [缴款明细单]."""
    from sales_desk.reports.orders.payment_slip import render_payment_slip
    from sales_desk.services.orders import paper

    doc = paper.slip_document(uow, slip_id)
    s = doc.slip
    if detail and not s.detail_number:
        from sales_desk.domain.orders.payment_slips import SlipOutOfTurn
        from sales_desk.i18n import _

        raise SlipOutOfTurn(s.number, s.status, _("printed as a detail sheet"))
    kind = FormKind.PAYMENT_DETAIL if detail else FormKind.PAYMENT_SLIP
    number = s.detail_number if detail else s.number
    req = FormRequest(kind, f"payment_slip:{slip_id}", lang, data_fingerprint(doc),
                      _title(kind, lang, number, f"{s.customer_code} {s.customer_name}"), number, s.customer_code)
    return issue_rendered(uow, req, lambda path: render_payment_slip(doc, path, lang, detail=detail))


# -- credit --------------------------------------------------------------------------------
def issue_credit_form(uow: UnitOfWork, customer_id: int, kind: FormKind, lang: str,
                      investigation_id: int | None = None) -> IssuedRef:
    """The credit evaluation sheet [客户信用调查评定表] or the rating report of an investigation."""
    from sales_desk.reports.credit.credit_sheet import render_credit_sheet
    from sales_desk.reports.credit.rating_report import render_rating_report
    from sales_desk.services.credit import forms

    render = {FormKind.CREDIT_SHEET: render_credit_sheet, FormKind.RATING_REPORT: render_rating_report}[kind]
    dossier = forms.credit_dossier(uow, customer_id, investigation_id)
    c = dossier.customer
    subject = (f"investigation:{dossier.investigation_id}" if dossier.investigation_id
               else f"customer:{customer_id}")
    req = FormRequest(kind, subject, lang, data_fingerprint(dossier, without=("printed_at",)),
                      _title(kind, lang, f"{c.code} {c.name}"), "", c.code)
    return issue_rendered(uow, req, lambda path: render(dossier, path, lang))


def issue_credit_audit(uow: UnitOfWork, month: date, lang: str) -> IssuedRef:
    """The month's credit audit, prepared by (and naming) the acting user."""
    from sales_desk.reports.credit.audit import render_credit_audit
    from sales_desk.services.credit import audit

    a = audit.credit_audit(uow, month)
    kind, period = FormKind.CREDIT_AUDIT, a.month.strftime("%Y-%m")
    req = FormRequest(kind, f"month:{period}", lang, data_fingerprint(a, without=("audit_head",)),
                      _title(kind, lang, period), period)
    return issue_rendered(uow, req, lambda path: render_credit_audit(a, path, lang))


# -- expenses and liability ----------------------------------------------------------------
def issue_expense_report(uow: UnitOfWork, year: int, lang: str, notes: str = "") -> IssuedRef:
    from sales_desk.reports.expenses.annual_report import render_expense_report
    from sales_desk.services.expenses import analysis

    report = analysis.annual_report(uow, year, notes)
    kind = FormKind.EXPENSE_REPORT
    req = FormRequest(kind, f"year:{year}", lang, data_fingerprint(report, without=("audit_head",)),
                      _title(kind, lang, str(year)), str(year))
    return issue_rendered(uow, req, lambda path: render_expense_report(report, path, lang))


def issue_expense_report_in(uow: UnitOfWork, year: int, lang: str, notes: str = "") -> IssuedRef:
    """issue_expense_report inside another unit of work's transaction (the demo firm): the
    same data, layout, mark and policy footer, kept without a commit of its own."""
    from sales_desk.reports.expenses.annual_report import render_expense_report
    from sales_desk.services.admin.policy import policy_in_force, version_label
    from sales_desk.services.common.base import business_today
    from sales_desk.services.expenses.analysis import build_annual_report

    report = build_annual_report(uow, year, notes)
    kind = FormKind.EXPENSE_REPORT
    req = FormRequest(kind, f"year:{year}", lang, data_fingerprint(report, without=("audit_head",)),
                      _title(kind, lang, str(year)), str(year))
    policy = version_label(policy_in_force(uow, business_today(uow)), translator(lang))

    def laid_out(mark: str) -> tuple[bytes, int]:
        with (tempfile.TemporaryDirectory(prefix="sales-desk-issue-") as tmp, issue_mark(mark),
              policy_mark(policy)):
            path = Path(tmp) / "form.pdf"
            render_expense_report(report, path, lang)
            content = path.read_bytes()
        return content, page_count(content)

    return issuing.issue_within(uow, req, laid_out)


def issue_expense_explanation(uow: UnitOfWork, claim_id: int, lang: str) -> IssuedRef:
    """A department application's explanation form [情况说明表] (费用 第8条3), with its route so far."""
    from sales_desk.reports.expenses.explanation_form import render_explanation_form
    from sales_desk.services.expenses import forms

    form = forms.explanation_form(uow, claim_id)
    kind = FormKind.EXPENSE_EXPLANATION
    req = FormRequest(kind, f"claim:{claim_id}", lang, data_fingerprint(form),
                      _title(kind, lang, f"#{claim_id}", form.applicant), f"#{claim_id}")
    return issue_rendered(uow, req, lambda path: render_explanation_form(form, path, lang))


def issue_liability_statement(uow: UnitOfWork, month: date, lang: str) -> IssuedRef:
    """The month's liability statement for payroll, as the workbook finance hands over."""
    from sales_desk.reports.collections.liability_xlsx import write_liability
    from sales_desk.services.collections import liability

    st = liability.liability_statement(uow, month)
    kind, period = FormKind.LIABILITY_STATEMENT, st.month.strftime("%Y-%m")
    req = FormRequest(kind, f"month:{period}", lang, data_fingerprint(st, without=("audit_head",)),
                      _title(kind, lang, period), period, media_type=XLSX)
    return issue_rendered(uow, req, lambda path: write_liability(st, path))


# -- quotations ----------------------------------------------------------------------------
def issue_quotation(uow: UnitOfWork, quotation_id: int, lang: str | None = None) -> IssuedRef:
    """The quotation [报价单] in the customer's language (or `lang`), once its prices stand;
    the quotation then counts as issued under the document's number."""
    from sales_desk.reports.opportunities.quotation import render_quotation
    from sales_desk.services.opportunities import quotations

    doc = quotations.quotation_document(uow, quotation_id)
    lang = lang or doc.customer_language or "zh_CN"
    kind = FormKind.QUOTATION
    req = FormRequest(kind, f"quotation:{quotation_id}", lang, data_fingerprint(doc, without=("status",)),
                      _title(kind, lang, doc.number, f"{doc.customer_code} {doc.customer_name}"),
                      doc.number, doc.customer_code)
    ref = issue_rendered(uow, req, lambda path: render_quotation(doc, path, lang))
    quotations.mark_quotation_issued(uow, quotation_id, ref.number)
    return ref


def save_to(path: str | os.PathLike[str], content: bytes) -> None:
    """Write `content` through a .part file beside `path`, then put it in place."""
    target = Path(path)
    part = target.with_name(target.name + ".part")
    try:
        part.write_bytes(content)
        os.replace(part, target)
    finally:
        part.unlink(missing_ok=True)


__all__ = ["PDF", "XLSX", "IssuedRef", "Output", "give_out", "on_screen", "save_to"]
