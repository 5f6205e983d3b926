"""The credit evaluation sheet [客户信用调查评定表] (seed 001, 第7–8条): what finance files.

Title, customer block, the five-section checklist with ticks, the customer's figures,
the report and finance's review, the scorecard with weights and scores, grade, limit
and term, and the signatures of investigator, reviewer and approver.
"""

from __future__ import annotations

import os
from decimal import Decimal

from reportlab.platypus import Flowable, Paragraph

from sales_desk.domain.credit.checklist import ITEM_BY_KEY, SECTIONS, Occasion
from sales_desk.domain.credit.limits import (
    METHOD_LABELS,
    METHOD_ZH,
    LimitMethod,
    recorded_method_label,
)
from sales_desk.domain.credit.rating import (
    DIMENSIONS,
    GRADE_LABELS,
    GRADE_ZH,
    INDICATOR_BY_KEY,
    PAYMENT_MODE_LABELS,
    PAYMENT_MODE_ZH,
    Grade,
    PaymentMode,
    score_text,
)
from sales_desk.domain.customers.files import CLASSIFICATIONS
from sales_desk.reports.common.pdf_base import (
    ALERT,
    WIDTH,
    FormText,
    PageInfo,
    Styles,
    TickBox,
    build,
    day,
    esc,
    gap,
    grid,
    money,
    para,
    ratio,
    section,
    signature_block,
    styles,
)
from sales_desk.services.credit.forms import CreditDossier

MM = 72 / 25.4
OCCASION_ZH = {Occasion.ANNUAL: "年度评级", Occasion.NEW_CUSTOMER: "新客户评级",
               Occasion.MAJOR_CHANGE: "重大变化重新评级"}


def choice(_: FormText, field: str, code: str) -> str:
    for c in CLASSIFICATIONS[field]:
        if c.code == code:
            return _.term(c.label, c.zh)
    return code


def grade_text(_: FormText, grade: str | None) -> str:
    if not grade:
        return _("not rated")
    g = Grade(grade)
    return _.term(GRADE_LABELS[g], GRADE_ZH[g])


def term_text(_: FormText, dossier: CreditDossier) -> str:
    mode = PaymentMode(dossier.payment_mode)
    if mode is not PaymentMode.CREDIT:
        return _.term(PAYMENT_MODE_LABELS[mode], PAYMENT_MODE_ZH[mode])
    if dossier.term_days is None:
        return _("not capped")
    return _("{days} days").format(days=dossier.term_days)


def method_text(_: FormText, method: str) -> str:
    if method in {m.value for m in LimitMethod}:
        m = LimitMethod(method)
        return _.term(METHOD_LABELS[m], METHOD_ZH[m])
    return recorded_method_label(method, _)


def customer_block(d: CreditDossier, _: FormText, st: Styles) -> Flowable:
    c = d.customer
    w = WIDTH / 100
    rows = [
        [_("Customer name"), c.name, "", ""],
        [_("Customer code"), c.code, _("Sales rep"), c.rep_name],
        [_("Legal representative"), c.legal_representative, _("Registration no."), c.registration_no],
        [_("Address"), c.address, "", ""],
        [_("Phone"), c.phone, _("Founded"), day(c.founded_on)],
        [_("Industry"), choice(_, "industry", c.industry), _("Nature"), choice(_, "nature", c.nature)],
        [_("Region"), choice(_, "region", c.region), _("Customer type"),
         choice(_, "customer_type", c.customer_type)],
        [_("Registered capital"), money(c.registered_capital, _.lang), _("Trading with us since"),
         day(c.trading_since)],
    ]
    return grid(rows, [18 * w, 32 * w, 18 * w, 32 * w], st, header_rows=0, label_cols=(0, 2), extra=[
        ("SPAN", (1, 0), (3, 0)), ("SPAN", (1, 3), (3, 3))])


def checklist(d: CreditDossier, _: FormText, st: Styles) -> Flowable:
    widths = [10 * MM, 24 * MM, 56 * MM, 15 * MM, 21 * MM, 30 * MM, 18 * MM]
    head = [_("No."), _("Section"), _("Document"), _("Received"), _("Date"), _("Attachment"),
            _("Stamped")]
    rows: list[list[object]] = [[para(h, st.cell_center) for h in head]]
    spans = []
    n = 0
    by_key = {i.key: i for i in d.items}
    for sec in SECTIONS:
        first = len(rows)
        for key, item in ITEM_BY_KEY.items():
            if item.section != sec.key:
                continue
            n += 1
            got = by_key.get(key)
            rows.append([para(n, st.cell_center), _.term(sec.label, sec.zh), _.term(item.label, item.zh),
                         TickBox(bool(got and got.received)), day(got.received_on) if got else "",
                         got.attachment if got else "", TickBox(bool(got and got.stamped))])
        spans.append(("SPAN", (1, first), (1, len(rows) - 1)))
    extra = spans + [("ALIGN", (3, 1), (3, -1), "CENTER"), ("ALIGN", (6, 1), (6, -1), "CENTER")]
    return grid(rows, widths, st, extra=extra)


def figures(d: CreditDossier, _: FormText, st: Styles) -> Flowable:
    f, lang = d.figures, _.lang
    w = WIDTH / 100
    rows = [
        [_("Statement date"), day(f.statement_date), _("Current ratio"),
         ratio(f.current_assets, f.current_liabilities)],
        [_("Current assets"), money(f.current_assets, lang), _("Current liabilities"),
         money(f.current_liabilities, lang)],
        [_("Total assets"), money(f.total_assets, lang), _("Total liabilities"),
         money(f.total_liabilities, lang)],
        [_("Debt-to-assets ratio"), ratio(f.total_liabilities, f.total_assets, percent=True),
         _("Number of suppliers"), "" if f.supplier_count is None else str(f.supplier_count)],
        [_("Annual revenue"), money(f.annual_revenue, lang), _("Net profit"), money(f.net_profit, lang)],
    ]
    return grid(rows, [22 * w, 28 * w, 22 * w, 28 * w], st, header_rows=0, label_cols=(0, 2))


def report_and_review(d: CreditDossier, _: FormText, st: Styles) -> Flowable:
    rows = [
        [_("Investigation report"), para(d.report or "—", st.cell)],
        [_("Finance review"), para(d.review_note or ("—" if not d.reviewer.name else _("Reviewed")),
                                    st.cell)],
    ]
    return grid(rows, [30 * MM, WIDTH - 30 * MM], st, header_rows=0, label_cols=(0,),
                extra=[("VALIGN", (0, 0), (-1, -1), "TOP")])


def scorecard(d: CreditDossier, _: FormText, st: Styles) -> Flowable:
    widths = [27 * MM, 58 * MM, 17 * MM, 22 * MM, 22 * MM, 28 * MM]
    head = [_("Dimension"), _("Indicator"), _("Weight"), _("Rating (%)"), _("Score"),
            _("Dimension score")]
    rows: list[list[object]] = [[para(h, st.cell_center) for h in head]]
    extra: list[tuple] = []
    lines = {ln.indicator: ln for ln in d.lines}
    for dim in DIMENSIONS:
        first = len(rows)
        subtotal = Decimal(0)
        for key, ind in INDICATOR_BY_KEY.items():
            if ind.dimension != dim.key:
                continue
            ln = lines.get(key)
            subtotal += ln.points if ln else Decimal(0)
            rows.append([_.term(dim.label, dim.zh), _.term(ind.label, ind.zh),
                         para(ln.weight if ln else ind.weight, st.cell_center),
                         para(ln.rating if ln else "", st.cell_center),
                         para(f"{ln.points:.2f}" if ln else "", st.cell_right), ""])
        rows[first][5] = para(f"{subtotal:.2f}" if d.lines else "", st.cell_right)
        extra += [("SPAN", (0, first), (0, len(rows) - 1)), ("SPAN", (5, first), (5, len(rows) - 1))]
    total = score_text(d.total_score)
    rows.append([_("Total"), "", para(sum(ln.weight for ln in d.lines) or 100, st.cell_center), "",
                 "", para(total, st.cell_right)])
    extra += [("SPAN", (0, len(rows) - 1), (1, len(rows) - 1)),
              ("BACKGROUND", (0, len(rows) - 1), (-1, len(rows) - 1), "#EEEEEE")]
    return grid(rows, widths, st, extra=extra)


def decision(d: CreditDossier, _: FormText, st: Styles) -> list[Flowable]:
    w = WIDTH / 100
    limit = money(d.limit, _.lang, d.currency) if PaymentMode(d.payment_mode) is PaymentMode.CREDIT else "0"
    rows = [
        [_("Total score"), score_text(d.total_score), _("Credit grade"),
         grade_text(_, d.grade)],
        [_("Credit limit"), limit, _("Payment term"), term_text(_, d)],
        [_("Limit method"), method_text(_, d.limit_method), _("Limit set by"),
         " ".join(x for x in (d.limit_set_by.name, day(d.limit_set_by.on)) if x)],
        [_("Reasons"), d.limit_reasons, "", ""],
    ]
    extra: list[tuple] = [("SPAN", (1, 3), (3, 3))]
    out: list[Flowable] = [grid(rows, [20 * w, 30 * w, 18 * w, 32 * w], st, header_rows=0,
                                label_cols=(0, 2), extra=extra)]
    if d.on_hold:
        hold = Paragraph(esc(_("Credit hold: no credit until a new rating is approved.")), st.body)
        hold.style = hold.style.clone("hold", textColor=ALERT)
        out += [gap(1.5), hold]
    a, b, c = d.grade_bands
    out += [gap(1), para(_("Grade bands: A ≥ {a}, B {b}–{a1}, C {c}–{b1}, D < {c}.").format(
        a=a, a1=f"{a - 1}.99", b=b, b1=f"{b - 1}.99", c=c), st.small)]  # graded from the exact total
    return out


def render_credit_sheet(dossier: CreditDossier, path: str | os.PathLike[str], lang: str = "en") -> None:
    """Write the credit evaluation sheet of `dossier` to `path` in `lang` (en or zh_CN)."""
    _ = FormText(lang)
    st = styles(lang)
    title = _("Customer credit evaluation sheet")
    occasion = (_.term(Occasion(dossier.occasion).label, OCCASION_ZH[Occasion(dossier.occasion)])
                if dossier.occasion else "")
    sub = "  ·  ".join(x for x in (
        _("Form no. {no}").format(no=f"CR-{dossier.investigation_id or 0:05d}"),
        occasion, _("Printed {at}").format(at=dossier.printed_at.astimezone().strftime("%Y-%m-%d %H:%M")),
    ) if x)
    story: list[Flowable] = [
        para(title, st.title), para(sub, st.subtitle),
        section(_("1. Customer"), st, customer_block(dossier, _, st)),
        section(_("2. Investigation checklist"), st, checklist(dossier, _, st)),
        section(_("3. Financial figures"), st, figures(dossier, _, st)),
        section(_("4. Investigation report and finance review"), st, report_and_review(dossier, _, st)),
        section(_("5. Scorecard"), st, scorecard(dossier, _, st)),
        section(_("6. Grade and credit terms"), st, *decision(dossier, _, st)),
        section(_("7. Signatures"), st, signature_block([
            (_("Investigator (customer service)"), dossier.investigator.name, dossier.investigator.on),
            (_("Reviewer (finance)"), dossier.reviewer.name, dossier.reviewer.on),
            (_("Approver (customer-service manager)"), dossier.approver.name, dossier.approver.on),
        ], _, st)),
    ]
    build(path, story, PageInfo(
        title=title, company=dossier.company_name,
        printed=f"{dossier.customer.code} {dossier.customer.name}",
        page_of=_("Page {page} of {pages}"),
        reference=_("Confidential")), subject=dossier.customer.name)

