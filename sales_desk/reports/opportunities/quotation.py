"""The quotation [报价单] as PDF, in the customer's language (en or zh_CN): to whom, the
opportunity it answers, each product with quantity, unit price and amount, the total, the
validity, the rep, and — when a price lay below the floor — who approved it."""

from __future__ import annotations

import os

from reportlab.platypus import Flowable

from sales_desk.reports.common.pdf_base import (
    WIDTH,
    FormText,
    PageInfo,
    build,
    day,
    grid,
    para,
    section,
    signature_block,
    styles,
)
from sales_desk.reports.common.pdf_base import money as fmt
from sales_desk.services.opportunities.quotations import QuotationDocument

W = WIDTH / 100


def render_quotation(doc: QuotationDocument, path: str | os.PathLike[str], lang: str = "en") -> None:
    _ = FormText(lang)
    st = styles(lang)
    title = _("Quotation")
    sub = "  ·  ".join((doc.number, _("Date: {date}").format(date=day(doc.quote_date)),
                        _("Valid until {date}").format(date=day(doc.valid_until))))
    to = [[para(_("To"), st.cell), para(f"{doc.customer_code} {doc.customer_name}", st.cell)],
          [para(_("Address"), st.cell), para(doc.customer_address or "—", st.cell)],
          [para(_("Opportunity"), st.cell), para(f"{doc.opportunity_number} {doc.opportunity_title}", st.cell)]]
    head = [_("No."), _("Code"), _("Product"), _("Unit"), _("Quantity"), _("Unit price"), _("Amount")]
    rows: list[list[object]] = [[para(h, st.cell_center) for h in head]]
    for ln in doc.lines:
        rows.append([para(str(ln.line_no), st.cell_center), ln.code, f"{ln.name} {ln.spec}".strip(),
                     para(ln.unit, st.cell_center), para(str(ln.quantity), st.cell_right),
                     para(fmt(ln.unit_price, lang), st.cell_right), para(fmt(ln.amount, lang), st.cell_right)])
    rows.append(["", "", para(_("Total ({currency})").format(currency=doc.currency), st.cell), "", "", "",
                 para(fmt(doc.total, lang), st.cell_right)])
    story: list[Flowable] = [
        para(title, st.title), para(sub, st.subtitle),
        section(_("1. Customer"), st, grid(to, [20 * W, 80 * W], st)),
        section(_("2. Prices"), st, grid(rows, [6 * W, 12 * W, 32 * W, 8 * W, 10 * W, 15 * W, 17 * W], st)),
        section(_("3. Terms"), st, para(_("Prices are quoted at the price list in force on {date} and hold until "
                                          "{until}. The order and its contract follow on acceptance.").format(
            date=day(doc.quote_date), until=day(doc.valid_until)) + (f" {doc.note}" if doc.note else ""), st.body)),
        section(_("4. Signatures"), st, signature_block(
            [(_("Sales rep"), doc.rep, doc.quote_date)]
            + ([(_("Price approved by (sales VP)"), doc.approved_by, None)] if doc.approved_by else []), _, st)),
    ]
    build(path, story, PageInfo(title=title, company=doc.company_name, printed=doc.number,
                                page_of=_("Page {page} of {pages}"), reference=doc.number), subject=doc.number)
