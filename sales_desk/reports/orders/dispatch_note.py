"""The dispatch note [发货单] as PDF, en or zh_CN: consignee, every line of the order
with this shipment's quantity (ordered, this shipment, shipped to date, still to ship), transport
(carrier, tracking number, freight, insurance), the hand-over, and signatures.
"""

from __future__ import annotations

import os

from reportlab.platypus import Flowable

from sales_desk.reports.common.pdf_base import (
    WIDTH,
    FormText,
    PageInfo,
    Styles,
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
from sales_desk.services.orders.forms import DispatchNoteDocument

W = WIDTH / 100


def consignee(d: DispatchNoteDocument, _: FormText, st: Styles) -> Flowable:
    c = d.customer
    rows = [
        [_("Consignee"), c.name, _("Customer code"), c.code],
        [_("Delivery address"), d.delivery_address or c.address, "", ""],
        [_("Contact"), c.contact, _("Phone"), c.phone],
        [_("Order no."), d.order_number, _("Delivery terms"), d.delivery_terms],
    ]
    return grid(rows, [16 * W, 34 * W, 16 * W, 34 * W], st, header_rows=0, label_cols=(0, 2),
                extra=[("SPAN", (1, 1), (3, 1))])


def goods(d: DispatchNoteDocument, _: FormText, st: Styles) -> Flowable:
    head = [_("No."), _("Code"), _("Product"), _("Unit"), _("Ordered"), _("This shipment"),
            _("Shipped to date"), _("Still to ship")]
    rows: list[list[object]] = [[para(h, st.cell_center) for h in head]]
    for ln in d.lines:
        name = ln.product_name + (f"（{ln.spec}）" if _.chinese and ln.spec else f" ({ln.spec})" if ln.spec else "")
        rows.append([para(ln.line_no, st.cell_center), ln.product_code, name, para(ln.unit, st.cell_center),
                     para(ln.ordered, st.cell_right), para(ln.quantity, st.cell_right),
                     para(ln.shipped_through, st.cell_right), para(ln.remaining, st.cell_right)])
    rows.append([_("Total"), "", "", "", "", para(sum(ln.quantity for ln in d.lines), st.cell_right), "", ""])
    last = len(rows) - 1
    return grid(rows, [8 * W, 13 * W, 31 * W, 8 * W, 10 * W, 10 * W, 10 * W, 10 * W], st, extra=[
        ("SPAN", (0, last), (4, last)), ("BACKGROUND", (0, last), (-1, last), "#EEEEEE")])


def transport(d: DispatchNoteDocument, _: FormText, st: Styles) -> Flowable:
    due = _("Due date")
    invoice = f"{d.invoice_no}  ·  {due} {day(d.due_date)}" if d.invoice_no else "—"
    rows = [
        [_("Carrier"), d.carrier or "—", _("Tracking no."), d.tracking_no or "—"],
        [_("Freight"), money(d.freight, _.lang, d.currency), _("Insurance"),
         money(d.insurance, _.lang, d.currency)],
        [_("Value of goods"), money(d.value, _.lang, d.currency), _("Invoice"), invoice],
        [_("Notes"), d.note or "—", "", ""],
    ]
    return grid(rows, [16 * W, 34 * W, 16 * W, 34 * W], st, header_rows=0, label_cols=(0, 2),
                extra=[("SPAN", (1, 3), (3, 3))])


def handover(d: DispatchNoteDocument, _: FormText, st: Styles) -> Flowable:
    if d.handed_over_on is None:
        return para(_("Not yet handed over."), st.body)
    rows = [[_("Handed over on"), day(d.handed_over_on), _("Received by"), d.received_by],
            [_("Notes"), d.handover_note or "—", "", ""]]
    return grid(rows, [16 * W, 34 * W, 16 * W, 34 * W], st, header_rows=0, label_cols=(0, 2),
                extra=[("SPAN", (1, 1), (3, 1))])


def render_dispatch_note(doc: DispatchNoteDocument, path: str | os.PathLike[str], lang: str = "en") -> None:
    """Write the dispatch note of one shipment to `path` in `lang` (en or zh_CN)."""
    _ = FormText(lang)
    st = styles(lang)
    title = _("Dispatch note")
    sub = "  ·  ".join((_("Note no. {no}").format(no=doc.number),
                        _("Ship date") + " " + day(doc.ship_date),
                        _("Printed {at}").format(at=doc.printed_at.astimezone().strftime("%Y-%m-%d %H:%M"))))
    story: list[Flowable] = [
        para(title, st.title), para(sub, st.subtitle),
        section(_("1. Consignee"), st, consignee(doc, _, st)),
        section(_("2. Goods shipped"), st, goods(doc, _, st)),
        section(_("3. Transport"), st, transport(doc, _, st)),
        section(_("4. Hand-over"), st, handover(doc, _, st)),
        gap(2),
        section(_("5. Signatures"), st, signature_block([
            (_("Shipped by (warehouse)"), doc.shipped_by, doc.ship_date),
            (_("Carrier (driver)"), doc.received_by if doc.handed_over_on else "", doc.handed_over_on),
            (_("Received by (customer)"), "", None),
        ], _, st)),
    ]
    build(path, story, PageInfo(title=title, company=doc.company_name,
                                printed=f"{doc.customer.code} {doc.customer.name}",
                                page_of=_("Page {page} of {pages}"), reference=doc.number),
          subject=doc.customer.name)
