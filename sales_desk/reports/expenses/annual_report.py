"""The annual expense-control report [年度营销费用控制报告] (seed 001, 销售费用管控制度 第11条2):
the year's spending against the approved budget per category and month, the
overruns and who approved them, the top spenders, departments and notes — for the
general manager's review, then filed for next year's budget.

"Actual" is what the cashier paid, by the month the money was spent; the report's
totals are exactly the sum of the year's paid claims.
"""

from __future__ import annotations

import os
from datetime import datetime

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from sales_desk import clock
from sales_desk.domain.common.money import from_minor
from sales_desk.domain.expenses.claims import CATEGORY_TERMS, ITEM_ZH, Category
from sales_desk.i18n import N_
from sales_desk.reports.common.fonts import cjk_font
from sales_desk.reports.common.pdf_base import (
    WIDTH,
    FormText,
    PageInfo,
    Styles,
    audit_head_note,
    build,
    day,
    gap,
    grid,
    head_reference,
    money,
    para,
    ratio,
    section,
    signature_block,
    styles,
)
from sales_desk.services.expenses.analysis import AnnualReport

OVER = colors.HexColor("#FBE3E4")  # an overrun cell
BUDGET_BAR = colors.HexColor("#9DB4D3")
PAID_BAR = colors.HexColor("#2F5C8A")


def _cat(_: FormText, key: str) -> str:
    t = CATEGORY_TERMS[Category(key)]
    return _.term(t.msgid, t.zh)


def _item(_: FormText, item: str) -> str:
    return _.term(item, ITEM_ZH[item]) if item in ITEM_ZH else item


MONTHS = (N_("Jan"), N_("Feb"), N_("Mar"), N_("Apr"), N_("May"), N_("Jun"), N_("Jul"), N_("Aug"),
          N_("Sep"), N_("Oct"), N_("Nov"), N_("Dec"))


def _month(_: FormText, m: int) -> str:
    return _.term(MONTHS[m - 1], f"{m}月")


def _pct(num: int, den: int) -> str:
    return ratio(num, den, percent=True) if den else "—"


def summary(r: AnnualReport, _: FormText, st: Styles) -> list[Flowable]:
    lang = _.lang
    budget, paid = r.budget_total, r.paid_total
    w = WIDTH / 4
    rows = [
        [_("Budget for the year"), para(money(budget, lang), st.cell_right),
         _("Paid"), para(money(paid, lang), st.cell_right)],
        [_("Budget used (paid)"), para(_pct(paid, budget), st.cell_right),
         _("Budget left"), para(money(budget - paid, lang), st.cell_right)],
        [_("Claims paid"), para(str(r.paid_claims), st.cell_right),
         _("Not yet paid (in approval or signed)"), para(money(r.pending_amount, lang), st.cell_right)],
        [_("Approved beyond the budget"), para(str(r.over_budget_count), st.cell_right),
         _("Returned to their authors"), para(str(r.returned_claims), st.cell_right)],
    ]
    return [grid(rows, [w * 1.1, w * 0.9, w * 1.1, w * 0.9], st, header_rows=0, label_cols=(0, 2))]


def by_category(r: AnnualReport, _: FormText, st: Styles) -> list[Flowable]:
    lang = _.lang
    head = [_("Category"), _("Budget"), _("Paid"), _("Difference"), _("Used")]
    rows: list[list[object]] = [head]
    extra: list[tuple] = []
    for i, c in enumerate(r.categories, start=1):
        rows.append([_cat(_, c.category), para(money(c.budget_total, lang), st.cell_right),
                     para(money(c.paid_total, lang), st.cell_right),
                     para(money(c.budget_total - c.paid_total, lang), st.cell_right),
                     para(_pct(c.paid_total, c.budget_total), st.cell_right)])
        if c.paid_total > c.budget_total:
            extra.append(("BACKGROUND", (0, i), (-1, i), OVER))
    rows.append([_("Total"), para(money(r.budget_total, lang), st.cell_right),
                 para(money(r.paid_total, lang), st.cell_right),
                 para(money(r.budget_total - r.paid_total, lang), st.cell_right),
                 para(_pct(r.paid_total, r.budget_total), st.cell_right)])
    w = WIDTH / 100
    return [grid(rows, [28 * w, 20 * w, 20 * w, 20 * w, 12 * w], st, extra=extra)]


def month_matrix(r: AnnualReport, _: FormText, st: Styles) -> list[Flowable]:
    """Months down, categories across; each cell is paid over budget, overruns shaded."""
    lang = _.lang
    small = st.small.clone("matrix", alignment=2, fontSize=6.6, leading=8.2, textColor=colors.black)
    faint = st.small.clone("matrix_budget", alignment=2, fontSize=6.2, leading=7.6)
    head_style = st.small.clone("matrix_head", fontSize=6.8, leading=8.4, textColor=colors.black)
    head = [para(_("Month"), head_style)] + [para(_cat(_, c.category), head_style) for c in r.categories] + [
        para(_("Total"), head_style)]
    rows: list[list[object]] = [head]
    extra: list[tuple] = []

    def cell(paid: int, budget: int) -> list[Flowable]:
        return [para(money(paid, lang), small), para(money(budget, lang), faint)]

    for m in range(1, 13):
        row: list[object] = [para(_month(_, m), head_style)]
        for col, c in enumerate(r.categories, start=1):
            row.append(cell(c.paid[m - 1], c.budget[m - 1]))
            if c.paid[m - 1] > c.budget[m - 1]:
                extra.append(("BACKGROUND", (col, m), (col, m), OVER))
        row.append(cell(r.month_paid(m), r.month_budget(m)))
        rows.append(row)
    rows.append([para(_("Total"), head_style)] + [cell(c.paid_total, c.budget_total) for c in r.categories]
                + [cell(r.paid_total, r.budget_total)])
    first = 11 * mm
    rest = (WIDTH - first) / (len(r.categories) + 1)
    extra += [("LEFTPADDING", (0, 0), (-1, -1), 1.5), ("RIGHTPADDING", (0, 0), (-1, -1), 1.5),
              ("LINEABOVE", (0, 13), (-1, 13), 1, colors.black)]
    legend = para(_("Each cell: paid (upper) and budget (lower); shaded where paid exceeds the budget."),
                  st.small)
    return [grid(rows, [first] + [rest] * (len(r.categories) + 1), st, extra=extra), gap(1), legend]


def month_chart(r: AnnualReport, _: FormText, st: Styles) -> Drawing:
    font = cjk_font().name
    height = 58 * mm
    d = Drawing(WIDTH, height)
    d.initialFontName, d.initialFontSize = font, 7  # else the renderer sets Helvetica (not embedded)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 16 * mm, 8 * mm, WIDTH - 20 * mm, height - 16 * mm
    chart.data = [[float(from_minor(r.month_budget(m))) for m in range(1, 13)],
                  [float(from_minor(r.month_paid(m))) for m in range(1, 13)]]  # drawing only: never summed
    chart.categoryAxis.categoryNames = [_month(_, m) for m in range(1, 13)]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 7
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 6.5
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labelTextFormat = lambda v: f"{v:,.0f}"
    chart.bars[0].fillColor, chart.bars[1].fillColor = BUDGET_BAR, PAID_BAR
    chart.bars.strokeColor = None
    chart.groupSpacing, chart.barSpacing = 4, 0.5
    d.add(chart)
    legend = Legend()
    legend.fontName, legend.fontSize = font, 7
    legend.x, legend.y = WIDTH - 48 * mm, height - 2 * mm
    legend.alignment, legend.columnMaximum, legend.dx, legend.dy = "right", 1, 6, 6
    legend.colorNamePairs = [(BUDGET_BAR, _("Budget")), (PAID_BAR, _("Paid"))]
    d.add(legend)
    return d


def overruns(r: AnnualReport, _: FormText, st: Styles) -> list[Flowable]:
    lang = _.lang
    out: list[Flowable] = []
    if r.overruns:
        rows: list[list[object]] = [[_("Category"), _("Month"), _("Budget"), _("Paid"), _("Over by")]]
        for o in r.overruns:
            rows.append([_cat(_, o.category), _month(_, o.month), para(money(o.budget, lang), st.cell_right),
                         para(money(o.paid, lang), st.cell_right),
                         para(money(o.paid - o.budget, lang), st.cell_right)])
        w = WIDTH / 100
        out.append(grid(rows, [30 * w, 12 * w, 19 * w, 19 * w, 20 * w], st))
    else:
        out.append(para(_("No category spent beyond its monthly budget."), st.body))
    out.append(gap(2))
    if r.over_budget_claims:
        out.append(para(_("Claims approved beyond the budget by the general manager:"), st.body))
        out.append(gap(1))
        rows = [[_("No."), _("Date"), _("Claimant"), _("Category / item"), _("Amount"), _("Approved by"),
                 _("Comment")]]
        for c in r.over_budget_claims:
            approved = c.approved_by + (f" {day(c.approved_at)}" if c.approved_at else "")
            rows.append([str(c.id), day(c.spent_on), f"{c.claimant}\n{c.department}",
                         f"{_cat(_, c.category)} / {_item(_, c.item)}", para(money(c.amount, lang), st.cell_right),
                         approved or "—", c.comment])
        extra: list[tuple] = []
        if r.over_budget_count > len(r.over_budget_claims):  # the last row, never orphaned on a new page
            rows.append([para(_("… and {n} more; the ledger export lists them all.").format(
                n=r.over_budget_count - len(r.over_budget_claims)), st.small), "", "", "", "", "", ""])
            extra.append(("SPAN", (0, len(rows) - 1), (-1, len(rows) - 1)))
        w = WIDTH / 100
        out.append(grid(rows, [8 * w, 12 * w, 14 * w, 20 * w, 13 * w, 16 * w, 17 * w], st, extra=extra))
    else:
        out.append(para(_("No claim was approved beyond the budget."), st.body))
    return out


def spenders(r: AnnualReport, _: FormText, st: Styles) -> list[Flowable]:
    lang = _.lang
    if not r.top_spenders:
        return [para(_("Nothing was paid this year."), st.body)]
    rows: list[list[object]] = [[_("Rank"), _("Name"), _("Department"), _("Claims"), _("Paid"),
                                 _("Share of the total")]]
    for n, p in enumerate(r.top_spenders, start=1):
        rows.append([str(n), p.name, p.department, para(str(p.claims), st.cell_right),
                     para(money(p.paid, lang), st.cell_right), para(_pct(p.paid, r.paid_total), st.cell_right)])
    w = WIDTH / 100
    return [grid(rows, [8 * w, 20 * w, 22 * w, 12 * w, 20 * w, 18 * w], st)]


def departments(r: AnnualReport, _: FormText, st: Styles) -> list[Flowable]:
    lang = _.lang
    rows: list[list[object]] = [[_("Department"), _("Budget"), _("Paid"), _("Pending"), _("Left")]]
    extra: list[tuple] = []
    for i, d in enumerate(r.departments, start=1):
        rows.append([d.key, para(money(d.budget, lang), st.cell_right), para(money(d.paid, lang), st.cell_right),
                     para(money(d.pending, lang), st.cell_right), para(money(d.left, lang), st.cell_right)])
        if d.left < 0:
            extra.append(("BACKGROUND", (0, i), (-1, i), OVER))
    w = WIDTH / 100
    return [grid(rows, [28 * w, 18 * w, 18 * w, 18 * w, 18 * w], st, extra=extra)]


def notes(r: AnnualReport, _: FormText, st: Styles) -> list[Flowable]:
    lang = _.lang
    lines: list[str] = []
    if r.budget_revision is None:
        lines.append(_("No budget was approved for this year: every claim counted as beyond the budget."))
    else:
        lines.append(_("Budget in force: revision {revision}, approved by {name} on {date}.").format(
            revision=r.budget_revision, name=r.budget_approved_by or "—", date=day(r.budget_approved_at)))
    over = [c for c in r.categories if c.paid_total > c.budget_total]
    if over:
        lines.append(_("Over budget for the year: {categories}.").format(
            categories=("、" if _.chinese else ", ").join(_cat(_, c.category) for c in over)))
    if r.overruns:
        lines.append(_("Months in which a category spent beyond its budget: {n} (section 4).").format(
            n=len(r.overruns)))
    if r.pending_claims:
        lines.append(_("Claims still in approval or awaiting payment when printed (not in the paid "
                       "figures): {n}, {amount}.").format(
            n=r.pending_claims, amount=money(r.pending_amount, lang)))
    if r.returned_claims:
        lines.append(_("Claims returned to their authors and not resubmitted: {n}.").format(
            n=r.returned_claims))
    out: list[Flowable] = [para(f"{n}. {text}", st.body) for n, text in enumerate(lines, start=1)]
    if r.notes:
        out += [gap(2), para(_("Analysis and improvements:"), st.body), para(r.notes, st.body)]
    return out


def render_expense_report(report: AnnualReport, path: str | os.PathLike[str], lang: str = "en",
                          printed_at: datetime | None = None) -> None:
    """Write the annual expense-control report of `report` to `path` in `lang` (en or zh_CN)."""
    _ = FormText(lang)
    st = styles(lang)
    printed = (printed_at or clock.now()).astimezone()
    title = _("Annual expense-control report")
    sub = "  ·  ".join((
        _("Year {year}").format(year=report.year), report.company,
        _("Currency: {currency}").format(currency=report.currency),
        _("Printed {at}").format(at=printed.strftime("%Y-%m-%d %H:%M"))))
    over = overruns(report, _, st)
    story: list[Flowable] = [
        para(title, st.title), para(sub, st.subtitle),
        section(_("1. Summary"), st, *summary(report, _, st)),
        section(_("2. Budget and actual by category"), st, *by_category(report, _, st)),
        section(_("3. Budget and actual by month"), st, month_chart(report, _, st)),
        *month_matrix(report, _, st),
        section(_("4. Overruns and their approvals"), st, over[0]),
        *over[1:],
        section(_("5. Top spenders"), st, *spenders(report, _, st)),
        section(_("6. By department"), st, *departments(report, _, st)),
        section(_("7. Notes"), st, *notes(report, _, st)),
        section(_("8. Signatures"), st, signature_block([
            (_("Prepared by (sales department)"), "", None),
            (_("Checked by (finance)"), "", None),
            (_("Reviewed by (general manager)"), "", None),
        ], _, st)),
    ]
    story += audit_head_note(report.audit_head, _, st)
    build(path, story, PageInfo(
        title=title, company=report.company, printed=_("Year {year}").format(year=report.year),
        page_of=_("Page {page} of {pages}"), reference=head_reference(report.audit_head, _)), subject=title)
