"""The evaluation form [销售人员工作表现评估表] and the commission statement [提成结算单] as PDF,
in English or Chinese (seed terms), each issued as a document of record (reports/records)."""

from __future__ import annotations

import os

from reportlab.platypus import Flowable

from sales_desk.domain.performance.commission import rate_text
from sales_desk.domain.performance.evaluation import EVAL_STATUS_LABELS, EvalStatus, period_label
from sales_desk.i18n import N_
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
from sales_desk.services.performance.commission import CommissionStatement, DocumentLine
from sales_desk.services.performance.evaluations import EvaluationDetail

TREATMENT = {"counted": N_("Counted"), "reversed": N_("Reversed in the month"),
             "taken_back": N_("Reversal of an earlier month: taken back"),
             "written_off": N_("Written-off debt: no commission")}


def _figure(value: int | None, is_money: bool, lang: str) -> str:
    if value is None:
        return "—"
    return money(value, lang) if is_money else str(value)


def render_evaluation(d: EvaluationDetail, path: str | os.PathLike[str], lang: str = "en") -> None:
    _ = FormText(lang)
    st = styles(lang)
    title = _.term(N_("Sales rep performance evaluation"), "销售人员工作表现评估表")
    r = d.row
    head = grid([
        [_("Sales rep"), r.rep, _("Period"), period_label(r.year, r.month)],
        [_("Weighted score"), f"{r.total}", _("Rank in the team"), f"{r.rank} / {d.team_size}"],
        [_("Evaluated by"), d.evaluated_by, _("Status"), _(EVAL_STATUS_LABELS[EvalStatus(r.status)])],
    ], [WIDTH * 0.2, WIDTH * 0.3, WIDTH * 0.2, WIDTH * 0.3], st, header_rows=0, label_cols=(0, 2))
    u = WIDTH / 100
    rows = [[_("Criterion"), _("Result"), _("Measured against"), _("Score"), _("Weight"), _("Points")]] + [
        [para(_(x.label), st.cell), _figure(x.value, x.money, lang), _figure(x.against, x.money, lang),
         f"{x.score}", f"{x.weight} %", f"{x.points}"] for x in d.lines]
    rows.append([_("Total"), "", "", "", f"{sum(x.weight for x in d.lines)} %", f"{r.total}"])
    story: list[Flowable] = [
        para(title, st.title),
        para(d.company, st.subtitle),
        section(_("1. The rep and the period"), st, head),
        section(_("2. The criteria, as the sales manager set them and the general manager approved them"), st,
                grid(rows, [30 * u, 17 * u, 17 * u, 11 * u, 11 * u, 14 * u], st)),
        section(_("3. The manager's feedback"), st, para(d.feedback or "—", st.body)),
        section(_("4. The rep's acknowledgement"), st,
                para(d.rep_comment or ("—" if r.acknowledged_at is None else _("Read and acknowledged.")), st.body)),
        gap(4),
        signature_block([(_("Sales manager"), d.given_by, d.given_at.date() if d.given_at else None),
                         (_("Sales rep"), r.rep, r.acknowledged_at.date() if r.acknowledged_at else None)], _, st),
    ]
    build(path, story, PageInfo(title=title, company=d.company, printed=f"{r.rep} · {period_label(r.year, r.month)}",
                                page_of=_("Page {page} of {pages}")), subject=title)


def render_commission(s: CommissionStatement, rep_id: int, docs: list[DocumentLine],
                      path: str | os.PathLike[str], lang: str = "en") -> None:
    """One person's commission statement for the month, with the receipts behind it."""
    _ = FormText(lang)
    st = styles(lang)
    title = _.term(N_("Commission statement"), "提成结算单")
    line = next(x for x in s.lines if x.rep_id == rep_id)
    month = s.month.strftime("%Y-%m")
    u = WIDTH / 100
    bands = [[_("Volume from"), _("Rate")]] + [[money(t.start, lang), rate_text(t.rate_bp)] for t in s.tiers]
    figures = grid([
        [_("Collected in the month"), money(line.collected, lang)],
        [_("Excluded: written-off debts"), money(line.excluded, lang)],
        [_("Commission on the bands"), money(line.commission, lang)],
        [_("Taken back: earlier receipts reversed"), money(-line.clawback, lang)],
        [_("Staff liability deducted"), money(-line.liability, lang) if s.deduct_liability else _("not deducted")],
        [_("Net commission"), money(line.net, lang)],
    ], [50 * u, 50 * u], st, header_rows=0, label_cols=(0,))
    rows = [[_("Receipt"), _("Received"), _("Customer"), _("Document"), _("Applied"), _("Amount"), _("Treatment")]]
    rows += [[d.receipt, day(d.received_on), para(f"{d.customer_code} {d.customer_name}", st.cell), d.document,
              day(d.applied_on), money(d.amount, lang), para(_(TREATMENT[d.treatment]), st.cell)] for d in docs]
    story: list[Flowable] = [
        para(title, st.title),
        para("  ·  ".join((s.company, line.rep, month)), st.subtitle),
        section(_("1. The scheme: {name}").format(name=s.scheme), st,
                para(_("Rates rise by volume band and apply to the part of the month's money collected within "
                       "each band."), st.small), gap(1), grid(bands, [50 * u, 50 * u], st)),
        section(_("2. The month's figures"), st, figures),
        section(_("3. The documents behind the figures"), st, grid(rows, [13 * u, 12 * u, 22 * u, 14 * u,
                                                                           12 * u, 12 * u, 15 * u], st)),
        gap(4),
        signature_block([(_("Prepared by (finance)"), s.run_by, s.run_at.date() if s.run_at else None),
                         (_("Sales rep"), line.rep, None)], _, st),
    ]
    build(path, story, PageInfo(title=title, company=s.company, printed=f"{line.rep} · {month}",
                                page_of=_("Page {page} of {pages}")), subject=title)
