"""The expense ledger [销售费用台账] as an xlsx workbook, streamed in constant memory.

Sheet one: every claim of the year (route, status, who signed, the payment);
sheet two: budget and paid per category and month; sheet three: by department.
Text stays text (a purpose such as "=1+1" never becomes a formula), money is a
number with two decimals, and a failed or cancelled export leaves no file behind.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable

from sales_desk.domain.expenses.claims import (
    CATEGORY_TERMS,
    CLAIM_STATUS_TERMS,
    ITEM_ZH,
    PAYMENT_TERMS,
    STEP_TERMS,
    Category,
    ClaimStatus,
    PaymentMethod,
    StepKind,
    Term,
)
from sales_desk.i18n import N_, current_language, translator
from sales_desk.reports.common.xlsx_writer import MAX_DATA_ROWS, Column, XlsxWriter
from sales_desk.services.expenses.analysis import AnnualReport
from sales_desk.services.expenses.ledger import LedgerRow

PROGRESS_EVERY = 1000

LEDGER_COLUMNS = (
    (N_("No."), "int", 8), (N_("Date spent"), "date", 12), (N_("Claimant"), "text", 12),
    (N_("Department"), "text", 14), (N_("Category"), "text", 14), (N_("Item"), "text", 14),
    (N_("Amount"), "money", 14), (N_("Purpose"), "text", 30), (N_("Customer"), "text", 28),
    (N_("Event"), "text", 16), (N_("Travel"), "text", 8), (N_("Route"), "text", 36),
    (N_("Within allowance"), "text", 10), (N_("At or above the threshold"), "text", 10),
    (N_("Beyond the budget"), "text", 10), (N_("Status"), "text", 12), (N_("Submitted"), "datetime", 18),
    (N_("Signed by finance"), "text", 12), (N_("Signed at"), "datetime", 18), (N_("Paid on"), "date", 12),
    (N_("Payment method"), "text", 12), (N_("Reference"), "text", 18), (N_("Paid by"), "text", 12),
)
MONTH_COLUMNS = ((N_("Category"), "text", 16), (N_("Month"), "int", 8), (N_("Budget"), "money", 14),
                 (N_("Paid"), "money", 14), (N_("Difference"), "money", 14))
DEPARTMENT_COLUMNS = ((N_("Department"), "text", 16), (N_("Budget"), "money", 14), (N_("Paid"), "money", 14),
                      (N_("Pending"), "money", 14), (N_("Left"), "money", 14))

__all__ = ["LEDGER_COLUMNS", "MAX_DATA_ROWS", "PROGRESS_EVERY", "write_expense_ledger"]


def _labeler(lang: str) -> Callable[[Term], str]:
    """The catalogue's word, or the policy's Chinese while the catalogue lacks it."""
    gettext = translator(lang)

    def label(t: Term) -> str:
        text = gettext(t.msgid)
        return t.zh if lang == "zh_CN" and text == t.msgid else text

    return label


def write_expense_ledger(path: str | os.PathLike[str], report: AnnualReport, rows: Iterable[LedgerRow],
                         progress: Callable[[int], None] | None = None,
                         max_rows_per_sheet: int = MAX_DATA_ROWS, lang: str | None = None) -> int:
    """Write the year's ledger and summaries; returns the number of claims written.

    `progress(rows_written)` is called every PROGRESS_EVERY rows; it may raise (e.g.
    Cancelled) to stop, and then no file is left at `path`.
    """
    lang = lang or current_language()
    _ = translator(lang)  # named `_` so that the strings below are extracted for translation
    label = _labeler(lang)
    yes, no = _("Yes"), _("No")

    def columns(spec: tuple) -> list[Column]:
        return [Column(_(t), k, w) for t, k, w in spec]

    def step_label(route: str) -> str:
        return " → ".join(label(STEP_TERMS[StepKind(k)]) for k in route.split(">") if k)

    def item(text: str) -> str:
        return label(Term(text, ITEM_ZH[text])) if text in ITEM_ZH else text

    with XlsxWriter(path, max_rows_per_sheet=max_rows_per_sheet) as book:
        title = _("Expense ledger {year}").format(year=report.year)
        sheet = book.add_sheet(title, columns(LEDGER_COLUMNS), continued=lambda n: f"{title} ({n})")
        for r in rows:
            sheet.append((
                r.id, r.spent_on, r.claimant, r.department, label(CATEGORY_TERMS[Category(r.category)]),
                item(r.item), r.amount, r.purpose, r.customer, r.event, yes if r.is_travel else no,
                step_label(r.route), yes if r.discretionary else no, yes if r.major else no,
                yes if r.over_budget else no, label(CLAIM_STATUS_TERMS[ClaimStatus(r.status)]),
                r.submitted_at, r.signed_by, r.signed_at, r.paid_on,
                label(PAYMENT_TERMS[PaymentMethod(r.method)]) if r.method else "", r.reference, r.paid_by))
            if progress and sheet.rows % PROGRESS_EVERY == 0:
                progress(sheet.rows)
        months = book.add_sheet(_("Budget and paid by month"), columns(MONTH_COLUMNS))
        for c in report.categories:
            name = label(CATEGORY_TERMS[Category(c.category)])
            for m in range(1, 13):
                months.append((name, m, c.budget[m - 1], c.paid[m - 1], c.budget[m - 1] - c.paid[m - 1]))
        depts = book.add_sheet(_("By department"), columns(DEPARTMENT_COLUMNS))
        for d in report.departments:
            depts.append((d.key, d.budget, d.paid, d.pending, d.left))
    if progress:
        progress(sheet.rows)
    return sheet.rows
