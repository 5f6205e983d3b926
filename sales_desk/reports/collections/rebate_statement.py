"""The rebate statement [返利结算单] as PDF in English or Chinese: the agreement's tiers, the
period's shipments less returns [发货减退货] document by document, the rate reached, the
rebate, how it was approved and the credit note that paid it; signed by both sides.
And the rebates list as an xlsx workbook."""

from __future__ import annotations

import os
from collections.abc import Sequence

from reportlab.platypus import Flowable

from sales_desk.domain.collections.rebates import (
    BASIS_LABELS,
    PERIOD_LABELS,
    STATUS_LABELS,
    Basis,
    rate_text,
)
from sales_desk.i18n import N_
from sales_desk.i18n import _ as gettext_now
from sales_desk.reports.common.pdf_base import (
    WIDTH,
    FormText,
    PageInfo,
    build,
    day,
    gap,
    grid,
    money,
    para,
    section,
    signature_block,
    styles,
)
from sales_desk.reports.common.xlsx_writer import Column, XlsxWriter
from sales_desk.services.collections.rebate_reads import RebateRow, RebateStatement


def _volume(v: int, basis: str, lang: str, cur: str) -> str:
    return money(v, lang, cur) if basis == Basis.AMOUNT.value else f"{v:,}"


def render_rebate_statement(d: RebateStatement, path: str | os.PathLike[str], lang: str = "en") -> None:
    """Write the rebate statement `d` to `path` in `lang`."""
    _ = FormText(lang)
    st = styles(lang)
    r = d.rebate
    m = lambda v: money(v, lang, d.currency)  # noqa: E731
    vol = lambda v: _volume(v, r.basis, lang, d.currency)  # noqa: E731
    title = _("Rebate statement")
    period = _("{start} to {end}").format(start=day(r.period_start), end=day(r.period_end))
    q = WIDTH / 4
    head = grid([
        [_("Distributor"), f"{r.customer_code} {r.customer_name}", _("Rebate no."), r.number],
        [_("Distribution agreement"), d.distributor_agreement, _("Rebate agreement"), r.agreement_number],
        [_("Territory"), d.territory, _("Period"), period],
        [_("Basis"), _(BASIS_LABELS[Basis(r.basis)]), _("Settled"),
         _(PERIOD_LABELS[d.period_kind]) if d.period_kind in PERIOD_LABELS else d.period_kind],
    ], [q * 0.8, q * 1.2, q * 0.8, q * 1.2], st, header_rows=0, label_cols=(0, 2))
    tiers = grid([[_("From volume"), _("Rate")],
                  *([para(vol(t.from_volume), st.cell_right), rate_text(t.rate_bp)] for t in d.tiers)],
                 [WIDTH * 0.5, WIDTH * 0.5], st)
    u = WIDTH / 100
    lines: list[list[object]] = [[_("Date"), _("Dispatch note"), _("Return"), _("Quantity"), _("Amount")]]
    for i in d.items:
        lines.append([day(i.moved_on), i.shipment, i.return_no, para(f"{i.quantity:,}", st.cell_right),
                      para(m(i.amount), st.cell_right)])
    lines.append([_("Net shipped"), "", "", para(f"{r.shipped_qty - r.returned_qty:,}", st.cell_right),
                  para(m(r.shipped_amount - r.returned_amount), st.cell_right)])
    figure = grid([
        [_("Shipped"), _("Returned"), _("Volume"), _("Rate reached"), _("Rebate")],
        [para(m(r.shipped_amount), st.cell_right), para(m(r.returned_amount), st.cell_right),
         para(vol(r.volume), st.cell_right), rate_text(r.rate_bp), para(m(r.amount), st.cell_right)],
    ], [WIDTH / 5] * 5, st)
    status = _(STATUS_LABELS.get(r.status, r.status))
    paid = (_("Paid on {date} as the credit note {number}, set against the open invoices.").format(
        date=day(r.paid_on), number=r.credit_note) if r.credit_note else status)
    story: list[Flowable] = [
        para(title, st.title),
        para(d.company, st.subtitle),
        head,
        section(_("1. Rates of the agreement"), st, tiers, gap(1),
                para(_("The rate of the highest tier the period's volume reaches applies to the whole net "
                       "amount shipped. Only goods shipped count, less goods returned in the period."), st.small)),
        section(_("2. Shipments and returns in the period"), st,
                grid(lines, [16 * u, 26 * u, 22 * u, 14 * u, 22 * u], st)),
        section(_("3. The rebate"), st, figure, gap(1), para(paid, st.body)),
        gap(3),
        signature_block([(_("Proposed by (sales manager)"), r.proposed_by, None),
                         (_("Approved by (general manager)"), r.decided_by, None),
                         (_("Paid by (finance)"), r.paid_by, r.paid_on),
                         (_("Distributor (stamp)"), "", None)], _, st),
    ]
    build(path, story, PageInfo(title=title, company=d.company, printed=_("Prepared {date}").format(
        date=day(d.prepared_on)), page_of=_("Page {page} of {pages}"), reference=f"{r.number} · {r.customer_code}"),
        subject=title)


COLUMNS = ((N_("Rebate no."), "text", 16), (N_("Distributor"), "text", 28), (N_("Rebate agreement"), "text", 16),
           (N_("Period from"), "date", 12), (N_("Period to"), "date", 12), (N_("Shipped"), "money", 14),
           (N_("Returned"), "money", 14), (N_("Net shipped"), "money", 14), (N_("Rate"), "text", 8),
           (N_("Rebate"), "money", 14), (N_("Status"), "text", 18), (N_("Credit note"), "text", 16),
           (N_("Paid on"), "date", 12))


def write_rebates_xlsx(rows: Sequence[RebateRow], path: str | os.PathLike[str]) -> int:
    """The rebates listed to an xlsx workbook; returns the rows written."""
    _ = gettext_now
    with XlsxWriter(path) as book:
        sheet = book.add_sheet(_("Rebates"), [Column(_(t), k, w) for t, k, w in COLUMNS])  # type: ignore[arg-type]
        for r in rows:
            sheet.append((r.number, f"{r.customer_code} {r.customer_name}", r.agreement_number, r.period_start,
                          r.period_end, r.shipped_amount, r.returned_amount, r.shipped_amount - r.returned_amount,
                          rate_text(r.rate_bp),
                          r.amount, _(STATUS_LABELS.get(r.status, r.status)), r.credit_note, r.paid_on))
        return sheet.rows
