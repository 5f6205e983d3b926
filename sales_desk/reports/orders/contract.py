"""The sales order/contract [销售合同] as PDF, en or zh_CN: parties, goods with the total
in figures and in capitals [大写], payment and delivery terms, signatures. The internal
copy adds the reviews: prices below the floor, the major-contract review, the approval
for dispatch and any credit override — the customer's copy never shows them.
"""

from __future__ import annotations

import os

from reportlab.platypus import Flowable

from sales_desk.domain.common.money_words import rmb_in_words
from sales_desk.domain.orders.contracts import (
    APPROVAL_LABELS,
    BLOCK_LABELS,
    ApprovalKind,
    BlockReason,
)
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
from sales_desk.services.orders.forms import ContractDocument

W = WIDTH / 100


def parties(d: ContractDocument, _: FormText, st: Styles) -> Flowable:
    c = d.customer
    rows = [
        [_("Seller"), d.company_name, _("Buyer"), c.name],
        [_("Sales rep"), d.rep_name, _("Customer code"), c.code],
        [_("Contract date"), day(d.order_date), _("Legal representative"), c.legal_representative],
        [_("Signed on"), day(d.signed_on), _("Phone"), c.phone],
        [_("Buyer's address"), c.address, "", ""],
    ]
    return grid(rows, [16 * W, 34 * W, 16 * W, 34 * W], st, header_rows=0, label_cols=(0, 2),
                extra=[("SPAN", (1, 4), (3, 4))])


def goods(d: ContractDocument, _: FormText, st: Styles, internal: bool) -> list[Flowable]:
    head = [_("No."), _("Code"), _("Product"), _("Unit"), _("Quantity"), _("Unit price"), _("Amount")]
    rows: list[list[object]] = [[para(h, st.cell_center) for h in head]]
    for ln in d.lines:
        mark = " *" if internal and ln.below_floor else ""
        name = ln.product_name + (f"（{ln.spec}）" if _.chinese and ln.spec else f" ({ln.spec})" if ln.spec else "")
        rows.append([para(ln.line_no, st.cell_center), ln.product_code, name, para(ln.unit, st.cell_center),
                     para(ln.quantity, st.cell_right), para(money(ln.unit_price, _.lang) + mark, st.cell_right),
                     para(money(ln.amount, _.lang), st.cell_right)])
    total_row = len(rows)
    rows.append([_("Total"), "", "", "", "", "", para(money(d.total, _.lang, d.currency), st.cell_right)])
    rows.append([_("Amount in capitals (RMB)"), "", rmb_in_words(d.total), "", "", "", ""])
    table = grid(rows, [9 * W, 14 * W, 33 * W, 8 * W, 10 * W, 12 * W, 14 * W], st, extra=[
        ("SPAN", (0, total_row), (5, total_row)), ("SPAN", (0, total_row + 1), (1, total_row + 1)),
        ("SPAN", (2, total_row + 1), (6, total_row + 1)),
        ("BACKGROUND", (0, total_row), (-1, total_row + 1), "#EEEEEE")])
    out: list[Flowable] = [table]
    if internal and any(ln.below_floor for ln in d.lines):
        out.append(para(_("* price below the floor, approved by the sales VP"), st.small))
    return out


def payment(d: ContractDocument, _: FormText, st: Styles) -> list[Flowable]:
    lines = []
    if d.prepayment_percent == 100:
        lines.append(_("Payment in full in advance."))
    elif d.prepayment_percent:
        lines.append(_("Prepayment of {pct} % ({amount}) before delivery; nothing ships before it has "
                       "arrived in full.").format(pct=d.prepayment_percent,
                                                  amount=money(d.prepayment_required, _.lang, d.currency)))
    if d.cash_on_delivery:
        lines.append(_("Cash on delivery: paid in full on the day of delivery."))
    elif d.prepayment_percent < 100:
        lines.append(_("The balance is due {days} days after each shipment.").format(days=d.days_to_pay)
                     if d.days_to_pay else _("The balance is due on the day of each shipment."))
    return [para(text, st.body) for text in lines]


def delivery(d: ContractDocument, _: FormText, st: Styles) -> Flowable:
    rows = [[_("Delivery terms"), d.delivery_terms or "—"],
            [_("Delivery address"), d.delivery_address or d.customer.address or "—"],
            [_("Delivery date"), day(d.delivery_date) or "—"]]
    return grid(rows, [20 * W, 80 * W], st, header_rows=0, label_cols=(0,))


def reviews(d: ContractDocument, _: FormText, st: Styles) -> Flowable:
    """The VP's reviews, the credit check (blocked, with why) and the override, in order."""
    head = [_("Review"), _("Decision"), _("By"), _("Date"), _("Note")]
    rows: list[list[object]] = [[para(h, st.cell_center) for h in head]]
    overridden = False
    reviews_done = [dec for dec in d.decisions if dec.kind != ApprovalKind.CREDIT_OVERRIDE]
    for dec in reviews_done:
        rows.append([_.term(*APPROVAL_LABELS[ApprovalKind(dec.kind)]),
                     _("Approved") if dec.approved else _("Refused"), dec.approver, day(dec.on), dec.note])
    check = _("Approved for dispatch (credit check)")
    if d.block_reason:
        reason = BlockReason(d.block_reason)
        rows.append([check, _("Blocked"), d.blocked_by, day(d.blocked_on), _.term(*BLOCK_LABELS[reason])])
    for dec in d.decisions:
        if dec.kind == ApprovalKind.CREDIT_OVERRIDE:
            overridden = True
            note = dec.note if dec.amount is None else f"{dec.note} ({money(dec.amount, _.lang, d.currency)})"
            rows.append([_.term(*APPROVAL_LABELS[ApprovalKind.CREDIT_OVERRIDE]), _("Approved"), dec.approver,
                         day(dec.on), note])
    if d.approved_by and not overridden:
        rows.append([check, _("Approved"), d.approved_by, day(d.approved_on), ""])
    if len(rows) == 1:
        rows.append(["—", "", "", "", ""])
    return grid(rows, [26 * W, 12 * W, 14 * W, 14 * W, 34 * W], st)


def render_contract(doc: ContractDocument, path: str | os.PathLike[str], lang: str = "en",
                    internal: bool = False) -> None:
    """Write the contract to `path` in `lang`; `internal` adds the reviews and approvals."""
    _ = FormText(lang)
    st = styles(lang)
    title = _("Sales contract (internal copy)") if internal else _("Sales contract")
    sub = "  ·  ".join((_("Contract no. {no}").format(no=doc.number),
                        _("Printed {at}").format(at=doc.printed_at.astimezone().strftime("%Y-%m-%d %H:%M"))))
    signatures = section(_("7. Signatures") if internal else _("6. Signatures"), st, signature_block([
        (_("Seller (authorized representative, seal)"), doc.rep_name, doc.signed_on),
        (_("Buyer (authorized representative, seal)"), doc.customer.contact, doc.signed_on),
    ], _, st))
    story: list[Flowable] = [
        para(title, st.title), para(sub, st.subtitle),
        section(_("1. Parties"), st, parties(doc, _, st)),
        section(_("2. Goods"), st, *goods(doc, _, st, internal)),
        section(_("3. Payment terms"), st, *payment(doc, _, st)),
        section(_("4. Delivery"), st, delivery(doc, _, st)),
        section(_("5. Other terms"), st, para(doc.note or "—", st.body)),
    ]
    if internal:
        story.append(section(_("6. Reviews and approvals"), st, reviews(doc, _, st)))
    story += [gap(2), signatures]
    build(path, story, PageInfo(title=title, company=doc.company_name,
                                printed=f"{doc.customer.code} {doc.customer.name}",
                                page_of=_("Page {page} of {pages}"), reference=doc.number),
          subject=doc.customer.name)
