"""The customer maintenance plan [客户维护计划] (客户关系维护办法 第10条: its five parts) and the
industry and market information report [客户行业与市场信息报告] (第7条1) as PDF forms, in English or
Chinese with the seed's terms; each issued as a document of record (reports/records)."""

from __future__ import annotations

import os

from reportlab.platypus import Flowable

from sales_desk.domain.customers.files import INDUSTRIES
from sales_desk.domain.relationship.plans import (
    PART_HINTS,
    PART_LABELS,
    PART_ZH,
    REPORT_LABELS,
    REPORT_ZH,
    STATUS_LABELS,
    STATUS_ZH,
    Status,
)
from sales_desk.i18n import N_
from sales_desk.reports.common.pdf_base import (
    WIDTH,
    FormText,
    PageInfo,
    build,
    day,
    gap,
    grid,
    para,
    section,
    signature_block,
    styles,
)
from sales_desk.services.relationship.forms import PlanDocument, ReportDocument

Q = WIDTH / 4


def _status(_: FormText, status: str) -> str:
    s = Status(status)  # the seed's words in Chinese: the catalogue's "Filed" means 汇报时间 elsewhere
    return STATUS_ZH[s] if _.chinese else _(STATUS_LABELS[s])


def _review_line(_: FormText, status: str, reviewer: str, note: str) -> str:
    if status == Status.FILED.value:
        text = _.term(N_("Approved and filed by {name}."), "已审核归档，审核人：{name}。").format(name=reviewer)
    elif status == Status.RETURNED.value:
        text = _.term(N_("Returned by {name}."), "已退回，退回人：{name}。").format(name=reviewer)
    else:
        text = _.term(N_("Not reviewed yet."), "尚未审核。")
    return f"{text} {note}".strip()


def render_care_plan(d: PlanDocument, path: str | os.PathLike[str], lang: str = "en") -> None:
    """Write the maintenance plan `d` to `path` in `lang`."""
    _ = FormText(lang)
    st = styles(lang)
    p = d.plan
    title = _.term(N_("Customer maintenance plan"), "客户维护计划")
    head = grid([
        [_.term(N_("Customer"), "客户"), f"{p.customer_code} {p.customer_name}", _.term(N_("Plan no."), "计划编号"),
         p.number],
        [_.term(N_("Customer manager"), "客户经理"), d.rep, _.term(N_("Year"), "年度"), str(p.year)],
        [_.term(N_("Written by"), "编制人"), p.written_by, _.term(N_("Status"), "状态"), _status(_, p.status)],
    ], [Q * 0.8, Q * 1.4, Q * 0.7, Q * 1.1], st, header_rows=0, label_cols=(0, 2))
    story: list[Flowable] = [para(title, st.title), para(d.company, st.subtitle), head]
    for n, (key, text) in enumerate(p.parts, start=1):
        label = _.term(PART_LABELS[key], PART_ZH[key])
        story.append(section(f"{n}. {label}", st, para(_(PART_HINTS[key]), st.small), gap(1),
                             para(text or "—", st.body)))
    story += [
        section(_.term(N_("Review and filing"), "审核与归档"), st,
                para(_review_line(_, p.status, p.reviewed_by, p.review_note), st.body),
                para(_.term(N_("Filed on {date} with the market department's information keeper "
                               "(客户关系维护办法 第11条3)."), "{date} 交市场部信息管理员归档（第11条3）。")
                     .format(date=day(p.filed_on)) if p.filed_on else "", st.small)),
        gap(4),
        signature_block([(_.term(N_("Customer manager"), "客户经理"), p.written_by,
                          p.submitted_at.date() if p.submitted_at else None),
                         (_.term(N_("Reviewed by"), "审核人"), p.reviewed_by,
                          p.reviewed_at.date() if p.reviewed_at else None),
                         (_.term(N_("Filed by"), "归档人"), "", p.filed_on)], _, st),
    ]
    build(path, story, PageInfo(title=title, company=d.company, printed=f"{p.customer_code} · {p.year}",
                                page_of=_("Page {page} of {pages}"), reference=p.number), subject=title)


def _industry(_: FormText, code: str) -> str:
    for c in INDUSTRIES:
        if c.code == code:
            return _.term(c.label, c.zh)
    return _.term(N_("All industries"), "全部行业")


def render_market_report(d: ReportDocument, path: str | os.PathLike[str], lang: str = "en") -> None:
    """Write the market information report `d` to `path` in `lang`."""
    _ = FormText(lang)
    st = styles(lang)
    r = d.report
    title = _.term(N_("Industry and market information report"), "客户行业与市场信息报告")
    head = grid([
        [_.term(N_("Period"), "期间"), r.period, _.term(N_("Report no."), "报告编号"), r.number],
        [_.term(N_("Industry"), "行业"), _industry(_, r.industry), _.term(N_("Status"), "状态"), _status(_, r.status)],
        [_.term(N_("Written by"), "编制人"), r.written_by, _.term(N_("Written on"), "编制日期"), day(r.written_at)],
    ], [Q * 0.8, Q * 1.4, Q * 0.7, Q * 1.1], st, header_rows=0, label_cols=(0, 2))
    story: list[Flowable] = [para(title, st.title), para(d.company, st.subtitle), head]
    for n, (key, text) in enumerate(r.parts, start=1):
        story.append(section(f"{n}. {_.term(REPORT_LABELS[key], REPORT_ZH[key])}", st, para(text or "—", st.body)))
    story += [
        section(_.term(N_("Review and filing"), "审核与归档"), st,
                para(_review_line(_, r.status, r.reviewed_by, r.review_note), st.body)),
        gap(4),
        signature_block([(_.term(N_("Written by"), "编制人"), r.written_by,
                          r.submitted_at.date() if r.submitted_at else None),
                         (_.term(N_("Reviewed by"), "审核人"), r.reviewed_by,
                          r.reviewed_at.date() if r.reviewed_at else None)], _, st),
    ]
    build(path, story, PageInfo(title=title, company=d.company, printed=r.period,
                                page_of=_("Page {page} of {pages}"), reference=r.number), subject=title)
