"""The credit rating report [信用评级报告] (seed 001, 第12条): the customer's credit
investigation, financial analysis, overall assessment and the rating result, with
the rating history and the signatures."""

from __future__ import annotations

import os
from decimal import Decimal

from reportlab.platypus import Flowable

from sales_desk.domain.credit.checklist import (
    ITEM_BY_KEY,
    STATUS_LABELS,
    InvestigationStatus,
    Occasion,
)
from sales_desk.domain.credit.rating import DIMENSIONS, INDICATOR_BY_KEY, score_text
from sales_desk.i18n import N_
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
    ratio,
    section,
    signature_block,
    styles,
)
from sales_desk.reports.credit.credit_sheet import (
    OCCASION_ZH,
    customer_block,
    figures,
    grade_text,
    term_text,
)
from sales_desk.services.credit.forms import CreditDossier

STATUS_ZH = {InvestigationStatus.OPEN: "调查中", InvestigationStatus.SUBMITTED: "已递交财务审核",
             InvestigationStatus.RETURNED: "财务退回补充", InvestigationStatus.REVIEWED: "财务审核无误"}
PROPOSAL_STATUS = {"proposed": (N_("Awaiting approval"), "待批准"), "approved": (N_("Approved"), "已批准"),
                   "rejected": (N_("Rejected"), "未批准")}


def investigation(d: CreditDossier, _: FormText, st: Styles) -> list[Flowable]:
    received = [i for i in d.items if i.received]
    stamped = [i for i in received if i.stamped]
    missing = [_.term(ITEM_BY_KEY[i.key].label, ITEM_BY_KEY[i.key].zh) for i in d.items if not i.received]
    status = ""
    if d.investigation_status:
        s = InvestigationStatus(d.investigation_status)
        status = _.term(STATUS_LABELS[s], STATUS_ZH[s])
    occasion = _.term(Occasion(d.occasion).label, OCCASION_ZH[Occasion(d.occasion)]) if d.occasion else ""
    w = WIDTH / 100
    rows = [
        [_("Occasion"), occasion, _("Status"), status],
        [_("Documents received"), _("{n} of {total}").format(n=len(received), total=len(d.items)),
         _("Stamped by the customer"), _("{n} of {total}").format(n=len(stamped), total=len(received))],
        [_("Not received"), "、".join(missing) if _.chinese else "; ".join(missing) or "—", "", ""],
        [_("Investigation report"), d.report or "—", "", ""],
        [_("Finance review"), d.review_note or "—", "", ""],
    ]
    return [grid(rows, [20 * w, 30 * w, 20 * w, 30 * w], st, header_rows=0, label_cols=(0, 2), extra=[
        ("SPAN", (1, 2), (3, 2)), ("SPAN", (1, 3), (3, 3)), ("SPAN", (1, 4), (3, 4)),
        ("VALIGN", (0, 0), (-1, -1), "TOP")])]


def analysis(d: CreditDossier, _: FormText, st: Styles) -> list[Flowable]:
    f = d.figures
    equity = None if f.total_assets is None or f.total_liabilities is None else f.total_assets - f.total_liabilities
    w = WIDTH / 100
    ratios = [
        [_("Net profit margin"), ratio(f.net_profit, f.annual_revenue, percent=True),
         _("Return on equity"), ratio(f.net_profit, equity, percent=True)],
        [_("Net assets"), money(equity, _.lang), _("Expected annual sales"),
         money(f.expected_annual_sales, _.lang)],
    ]
    return [figures(d, _, st), gap(2),
            grid(ratios, [22 * w, 28 * w, 22 * w, 28 * w], st, header_rows=0, label_cols=(0, 2))]


def assessment(d: CreditDossier, _: FormText, st: Styles) -> list[Flowable]:
    head = [_("Dimension"), _("Weight"), _("Score"), _("Share of weight")]
    rows: list[list[object]] = [[para(h, st.cell_center) for h in head]]
    for dim in DIMENSIONS:
        lines = [ln for ln in d.lines if INDICATOR_BY_KEY[ln.indicator].dimension == dim.key]
        weight = sum(ln.weight for ln in lines)
        points = sum((ln.points for ln in lines), Decimal(0))
        share = f"{points / weight * 100:.0f} %" if weight else ""
        rows.append([_.term(dim.label, dim.zh), para(weight or "", st.cell_center),
                     para(f"{points:.2f}" if lines else "", st.cell_right), para(share, st.cell_right)])
    rows.append([_("Total"), para(sum(ln.weight for ln in d.lines) or "", st.cell_center),
                 para(score_text(d.total_score), st.cell_right), ""])
    table = grid(rows, [70 * WIDTH / 174, 30 * WIDTH / 174, 37 * WIDTH / 174, 37 * WIDTH / 174], st,
                 extra=[("BACKGROUND", (0, len(rows) - 1), (-1, len(rows) - 1), "#EEEEEE")])
    summary = grid([[_("Overall assessment"), d.summary or "—"]], [30 * WIDTH / 174, 144 * WIDTH / 174],
                   st, header_rows=0, label_cols=(0,), extra=[("VALIGN", (0, 0), (-1, -1), "TOP")])
    return [table, gap(2), summary]


def result(d: CreditDossier, _: FormText, st: Styles) -> list[Flowable]:
    en, zh = PROPOSAL_STATUS.get(d.proposal_status, ("", ""))
    w = WIDTH / 100
    proposed_term = "" if d.proposed_term_days is None else _("{days} days").format(days=d.proposed_term_days)
    rows = [
        [_("Total score"), score_text(d.total_score), _("Decision"),
         _.term(en, zh) if en else "—"],
        [_("Credit grade"), grade_text(_, d.grade), "", ""],
        [_("Suggested limit"), money(d.proposed_limit, _.lang, d.currency), _("Suggested term"),
         proposed_term],
        [_("Credit limit"), money(d.limit, _.lang, d.currency), _("Payment term"), term_text(_, d)],
    ]
    return [grid(rows, [20 * w, 30 * w, 20 * w, 30 * w], st, header_rows=0, label_cols=(0, 2),
                 extra=[("SPAN", (1, 1), (3, 1))])]


def history(d: CreditDossier, _: FormText, st: Styles) -> list[Flowable]:
    rows: list[list[object]] = [[para(h, st.cell_center) for h in (
        _("Rated on"), _("Grade"), _("Score"), _("Approved by"))]]
    for h in d.history:
        rows.append([para(day(h.rated_on), st.cell_center), para(h.grade, st.cell_center),
                     para(score_text(h.score), st.cell_center), h.approved_by])
    if not d.history:
        rows.append([_("No approved rating yet."), "", "", ""])
    extra = [("SPAN", (0, 1), (-1, 1))] if not d.history else []
    return [grid(rows, [WIDTH / 4] * 4, st, extra=extra)]


def render_rating_report(dossier: CreditDossier, path: str | os.PathLike[str], lang: str = "en") -> None:
    """Write the rating report of `dossier` to `path` in `lang` (en or zh_CN)."""
    _ = FormText(lang)
    st = styles(lang)
    title = _("Credit rating report")
    sub = "  ·  ".join((
        _("Report no. {no}").format(no=f"RR-{dossier.proposal_id or 0:05d}"),
        _("Printed {at}").format(at=dossier.printed_at.astimezone().strftime("%Y-%m-%d %H:%M"))))
    story: list[Flowable] = [
        para(title, st.title), para(sub, st.subtitle),
        section(_("1. Customer"), st, customer_block(dossier, _, st)),
        section(_("2. Credit investigation"), st, *investigation(dossier, _, st)),
        section(_("3. Financial analysis"), st, *analysis(dossier, _, st)),
        section(_("4. Overall assessment"), st, *assessment(dossier, _, st)),
        section(_("5. Rating result"), st, *result(dossier, _, st)),
        section(_("6. Rating history"), st, *history(dossier, _, st)),
        section(_("7. Signatures"), st, signature_block([
            (_("Proposed by (customer service)"), dossier.proposer.name, dossier.proposer.on),
            (_("Reviewer (finance)"), dossier.reviewer.name, dossier.reviewer.on),
            (_("Approver (customer-service manager)"), dossier.approver.name, dossier.approver.on),
        ], _, st)),
    ]
    build(path, story, PageInfo(
        title=title, company=dossier.company_name,
        printed=f"{dossier.customer.code} {dossier.customer.name}",
        page_of=_("Page {page} of {pages}"), reference=_("Confidential")),
        subject=dossier.customer.name)
