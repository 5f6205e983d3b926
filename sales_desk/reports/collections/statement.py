"""The statement of account [对账单] with its confirmation slip [余额确认], and the auditor's
confirmation letter [询证函], as PDF in the customer's language (en or zh_CN).

The statement lists the period's ledger lines from the balance brought forward to the
closing balance; the slip at its foot is cut off, signed and returned by the customer:
the balance agreed, or the differences they see with amount and reason. The auditor's
letter asks the customer to confirm the firm's balance directly to the audit firm.
"""

from __future__ import annotations

import os

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Table, TableStyle

from sales_desk.domain.collections.receivables import DOCUMENT_LABELS
from sales_desk.reports.collections.ledger_xlsx import KIND_LABELS
from sales_desk.reports.common.fonts import cjk_font
from sales_desk.reports.common.pdf_base import (
    LINE,
    WIDTH,
    FormText,
    PageInfo,
    TickBox,
    build,
    day,
    gap,
    grid,
    money,
    para,
    section,
    styles,
)
from sales_desk.services.collections.statement_data import ConfirmationData, StatementData

ENTRY_LABELS = {**KIND_LABELS, **{k.value: v[0] for k, v in DOCUMENT_LABELS.items()}}
DIFFERENCE_ROWS = 4
TICK = 8 * mm  # blank lines on the slip for the customer's differences


def _entry(_: FormText, kind: str) -> str:
    return _(ENTRY_LABELS[kind]) if kind in ENTRY_LABELS else kind


def _parties(_: FormText, st, rows: list[list[object]]) -> Table:  # noqa: ANN001 - Styles
    w = WIDTH / 4
    return grid(rows, [w * 0.8, w * 1.2, w * 0.8, w * 1.2], st, header_rows=0, label_cols=(0, 2))


def _cut_line() -> Table:
    """A dashed line across the page: the slip below it is cut off and returned."""
    t = Table([[""]], colWidths=[WIDTH], rowHeights=[4])
    t.setStyle(TableStyle([("LINEABOVE", (0, 0), (-1, 0), 0.6, LINE, None, (3, 3)),
                           ("FONTNAME", (0, 0), (-1, -1), cjk_font().name)]))
    return t


def render_statement(d: StatementData, path: str | os.PathLike[str], lang: str = "en") -> None:
    """Write the statement of account `d` with its confirmation slip to `path` in `lang`."""
    _ = FormText(lang)
    st = styles(lang)
    cur = d.currency
    m = lambda v: money(v, lang, cur)  # noqa: E731
    title = _("Statement of account")
    period = _("{start} to {end}").format(start=day(d.period_from), end=day(d.period_to))
    t = d.totals
    head = _parties(_, st, [
        [_("Customer"), f"{d.customer_code} {d.customer_name}", _("Period"), period],
        [_("Address"), d.address, _("Contact"), d.contact],
        [_("Prepared"), day(d.prepared_on), _("Sales rep"), d.rep],
    ])
    u = WIDTH / 100
    lines: list[list[object]] = [[_("Date"), _("Entry"), _("Number"), _("Reference"), _("Debit"),
                                  _("Credit amount"), _("Balance")]]
    lines.append([day(d.period_from), _("Balance brought forward"), "", "", "", "", para(m(t.opening), st.cell_right)])
    for x in d.lines:
        lines.append([day(x.on), _entry(_, x.kind), x.number, para(x.reference, st.cell),
                      para(m(x.debit) if x.debit else "", st.cell_right),
                      para(m(x.credit) if x.credit else "", st.cell_right), para(m(x.balance), st.cell_right)])
    summary = grid([
        [_("Balance brought forward"), _("Invoices"), _("Money received"), _("Credit notes"), _("Written off"),
         _("Closing balance")],
        [para(m(v), st.cell_right) for v in (t.opening, t.invoices, t.receipts, t.credit_notes, t.write_offs,
                                             t.closing)],
    ], [WIDTH / 6] * 6, st)
    owed = (_("On {date} you owe us {amount}.") if t.closing >= 0 else _("On {date} we owe you {amount}.")).format(
        date=day(d.period_to), amount=m(abs(t.closing)))
    story: list[Flowable] = [
        para(title, st.title),
        para(d.company, st.subtitle),
        head,
        section(_("1. Balance for the period"), st, summary, gap(1), para(owed, st.body)),
        section(_("2. Entries in the period"), st,
                grid(lines, [12 * u, 14 * u, 16 * u, 22 * u, 12 * u, 12 * u, 12 * u], st)),
        gap(2),
        para(_("Please check this statement against your books and return the slip below, signed and "
               "stamped, by {date}. If we do not hear from you, we will ask again.").format(date=day(d.reply_by)),
             st.body),
        gap(4),
        _slip(d, _, st, m),
    ]
    build(path, story, PageInfo(title=title, company=d.company, printed=_("Prepared {date}").format(
        date=day(d.prepared_on)), page_of=_("Page {page} of {pages}"), reference=f"{d.customer_code} · {period}"),
        subject=title)


def _slip(d: StatementData, _: FormText, st, m) -> KeepTogether:  # noqa: ANN001
    """The confirmation slip [余额确认]: the customer ticks one box, lists any differences and signs."""
    agreed = Table([[TickBox(False), para(_("We agree the balance of {amount} on {date}.").format(
        amount=m(d.totals.closing), date=day(d.period_to)), st.body)]], colWidths=[TICK, WIDTH - TICK])
    differs = Table([[TickBox(False), para(_("Our books differ; the differences are:"), st.body)]],
                    colWidths=[TICK, WIDTH - TICK])
    for t in (agreed, differs):
        t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    diffs = grid([[_("Amount"), _("Reason (invoice, payment or return concerned)")],
                  *([" ", " "] for _n in range(DIFFERENCE_ROWS))], [WIDTH * 0.25, WIDTH * 0.75], st)
    sign = grid([[_("Customer's stamp and signature"), _("Date")], [gap(14), ""]],  # room for the stamp
                [WIDTH * 0.7, WIDTH * 0.3], st)
    return KeepTogether([
        _cut_line(),
        para(_("Balance confirmation"), st.heading),
        para(_("To {company} — statement of account for {code} {name}, {start} to {end}").format(
            company=d.company, code=d.customer_code, name=d.customer_name, start=day(d.period_from),
            end=day(d.period_to)), st.small),
        gap(1.5), agreed, gap(1), differs, gap(1), diffs, gap(2), sign,
    ])


def render_confirmation(d: ConfirmationData, path: str | os.PathLike[str], lang: str = "en") -> None:
    """Write the auditor's confirmation letter [询证函] `d` to `path` in `lang`."""
    _ = FormText(lang)
    st = styles(lang)
    m = lambda v: money(v, lang, d.currency)  # noqa: E731
    title = _("Balance confirmation letter")
    owed = grid([[_("Date"), _("You owe us"), _("We owe you"), _("Remarks on the balance")],
                 [day(d.as_of), para(m(d.balance) if d.balance > 0 else "", st.cell_right),
                  para(m(-d.balance) if d.balance < 0 else "", st.cell_right), ""]],
                [WIDTH * 0.2, WIDTH * 0.25, WIDTH * 0.25, WIDTH * 0.3], st)
    reply_to = d.auditor + (f", {d.auditor_address}" if d.auditor_address else "")

    def answer(text: str) -> Table:
        t = Table([[TickBox(False), para(text, st.body)]], colWidths=[TICK, WIDTH - TICK])
        t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
        return t

    story: list[Flowable] = [
        para(title, st.title),
        para(_("No. {code}-{date}").format(code=d.customer_code, date=d.as_of.strftime("%Y%m%d")), st.subtitle),
        para(_("To: {name}").format(name=f"{d.customer_code} {d.customer_name}"), st.body),
        gap(2),
        para(_("Our auditors, {auditor}, are auditing our financial statements. As part of the audit they ask "
               "you to confirm the balance between our two firms. The figure below is taken from our books. If it "
               "agrees with your records, please sign and stamp under “Agreed” below; if it does not, list the "
               "differences under “Not agreed”. Please send your reply directly to {reply_to}. This letter "
               "only confirms the balance; it is not a demand for payment.").format(
                   auditor=d.auditor, reply_to=reply_to), st.body),
        gap(3),
        owed,
        gap(2),
        para(_("{company} (stamp)").format(company=d.company), st.body),
        para(day(d.prepared_on), st.body),
        gap(5),
        _cut_line(),
        answer(_("Agreed: the balance above agrees with our records.")),
        gap(10),
        para(_("Customer's stamp and signature, date:"), st.small),
        gap(8),
        answer(_("Not agreed: our records differ; the details are:")),
        gap(16),
        para(_("Customer's stamp and signature, date:"), st.small),
    ]
    build(path, story, PageInfo(title=title, company=d.company, printed=day(d.prepared_on),
                                page_of=_("Page {page} of {pages}"), reference=d.customer_code), subject=title)

