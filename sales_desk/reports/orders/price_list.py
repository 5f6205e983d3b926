"""The price list [价格表] as PDF, en or zh_CN: its version, status and effective date, every
product with list price, floor and ceiling (and, on the internal copy, finance's unit cost and
the margin), the reason, and who took each step of the pricing procedure."""

from __future__ import annotations

import os

from reportlab.platypus import Flowable

from sales_desk.domain.orders.price_lists import STATUS_LABELS, PriceListStatus
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
from sales_desk.services.orders.paper import PriceListDocument

W = WIDTH / 100


def render_price_list(doc: PriceListDocument, path: str | os.PathLike[str], lang: str = "en") -> None:
    _ = FormText(lang)
    st = styles(lang)
    pl = doc.price_list
    title = _("Price list")
    sub = "  ·  ".join((_("Version {version}").format(version=pl.version),
                        _(STATUS_LABELS[PriceListStatus(pl.status)]),
                        _("In force from {date}").format(date=day(pl.effective_from))))
    head = [_("Code"), _("Product"), _("Unit"), _("List price"), _("Floor price"), _("Ceiling price"),
            _("Unit cost"), _("Margin")]
    rows: list[list[object]] = [[para(h, st.cell_center) for h in head]]
    for ln in pl.lines:
        rows.append([ln.code, ln.name, para(ln.unit, st.cell_center),
                     para(fmt(ln.list_price, lang), st.cell_right), para(fmt(ln.floor, lang), st.cell_right),
                     para(fmt(ln.ceiling, lang), st.cell_right),
                     para(fmt(ln.unit_cost, lang) if ln.unit_cost is not None else "—", st.cell_right),
                     para(f"{ln.margin} %" if ln.margin is not None else "—", st.cell_right)])
    story: list[Flowable] = [
        para(title, st.title), para(sub, st.subtitle),
        section(_("1. Prices"), st, grid(rows, [11 * W, 27 * W, 7 * W, 11 * W, 11 * W, 11 * W, 11 * W, 11 * W], st)),
        section(_("2. Reason"), st, para(pl.reason, st.body)),
        section(_("3. Pricing procedure"), st, signature_block([
            (_("Proposed by (sales manager)"), pl.proposed_by, pl.proposed_at.date()),
            (_("Cost check (finance)"), pl.cost_checked_by, pl.cost_checked_at and pl.cost_checked_at.date()),
            (_("Joint review (sales VP)"), pl.reviewed_by, pl.reviewed_at and pl.reviewed_at.date()),
            (_("Approved by (general manager)"), pl.approved_by, pl.approved_at and pl.approved_at.date()),
        ], _, st)),
    ]
    if pl.return_note:
        story.append(section(_("Returned"), st, para(f"{pl.returned_by}: {pl.return_note}", st.body)))
    ref = _("Price list v{version}").format(version=pl.version)
    build(path, story, PageInfo(title=title, company=doc.company_name, printed=ref,
                                page_of=_("Page {page} of {pages}"), reference=ref), subject=ref)
