"""The payment slip [缴款单] and the payment detail sheet [缴款明细单] as PDF, en or zh_CN
(销售回款管理制度 第7条2): the slip names customer, order, amount and how paid with the rep's
and the sales manager's signatures; the detail sheet adds what finance received, when, and the
bank's reference."""

from __future__ import annotations

import os

from reportlab.platypus import Flowable

from sales_desk.domain.collections.receivables import METHOD_LABELS, PaymentMethod
from sales_desk.domain.orders.payment_slips import SLIP_STATUS_LABELS, SlipStatus
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
from sales_desk.services.orders.paper import SlipDocument

W = WIDTH / 100


def _method(value: str, _: FormText) -> str:
    try:
        return _.term(*METHOD_LABELS[PaymentMethod(value)])
    except ValueError:
        return value


def render_payment_slip(doc: SlipDocument, path: str | os.PathLike[str], lang: str = "en",
                        detail: bool = False) -> None:
    """The slip, or with `detail` the detail sheet recorded against it."""
    _ = FormText(lang)
    st = styles(lang)
    s = doc.slip
    title = _("Payment detail sheet") if detail else _("Payment slip")
    number = s.detail_number if detail else s.number
    sub = "  ·  ".join((_("No. {no}").format(no=number), _(SLIP_STATUS_LABELS[SlipStatus(s.status)])))
    rows = [[_("Customer"), f"{s.customer_code} {s.customer_name}", _("Order no."), s.order_number],
            [_("Order total"), fmt(s.order_total, lang, doc.currency), _("Prepayment required"),
             fmt(s.prepayment_required, lang, doc.currency)],
            [_("Amount"), fmt(s.amount, lang, doc.currency), _("How paid"), _method(s.method, _)],
            [_("Notes"), s.note or "—", "", ""]]
    story: list[Flowable] = [
        para(title, st.title), para(sub, st.subtitle),
        section(_("1. Payment slip {no}").format(no=s.number), st,
                grid(rows, [16 * W, 34 * W, 18 * W, 32 * W], st, header_rows=0, label_cols=(0, 2),
                     extra=[("SPAN", (1, 3), (3, 3))])),
    ]
    signers = [(_("Filled by (sales rep)"), s.filled_by, s.filled_at.date()),
               (_("Approved by (sales manager)"), s.decided_by if s.status != SlipStatus.RETURNED else "",
                s.decided_at and s.decided_at.date())]
    if detail:
        got = [[_("Amount received"), fmt(s.amount, lang, doc.currency), _("Received on"), day(s.received_on)],
               [_("Reference"), s.reference or "—", _("Detail sheet no."), s.detail_number]]
        story.append(section(_("2. Received by finance"), st,
                             grid(got, [16 * W, 34 * W, 18 * W, 32 * W], st, header_rows=0, label_cols=(0, 2))))
        signers.append((_("Recorded by (finance)"), s.recorded_by, s.recorded_at and s.recorded_at.date()))
    story.append(section(_("3. Signatures") if detail else _("2. Signatures"), st, signature_block(signers, _, st)))
    build(path, story, PageInfo(title=title, company=doc.company_name,
                                printed=f"{s.customer_code} {s.customer_name}",
                                page_of=_("Page {page} of {pages}"), reference=number),
          subject=s.customer_name)
