"""The monthly credit audit [授信执行情况月度稽核报告] as PDF for finance, en or zh_CN
(seed 001 客户信用管理制度 第19条 1): the summary, limits and usage, breaches, credit
overrides, orders blocked, limits set, and the signatures of finance and the finance
director it is reported to."""

from __future__ import annotations

import os
from datetime import datetime

from reportlab.lib import colors
from reportlab.platypus import Flowable, Paragraph

from sales_desk.domain.orders.contracts import BLOCK_LABELS, STATUS_LABELS, BlockReason, OrderStatus
from sales_desk.reports.collections.letter_terms_zh import LetterText
from sales_desk.reports.common.pdf_base import (
    WIDTH,
    PageInfo,
    Styles,
    audit_head_note,
    build,
    day,
    esc,
    gap,
    grid,
    head_reference,
    money,
    para,
    section,
    signature_block,
    styles,
)
from sales_desk.services.credit.audit import AuditCustomer, CreditAudit

W = WIDTH / 100
BREACH = colors.HexColor("#FBE3E3")  # a limit exceeded


def _at(t: datetime) -> str:
    return t.astimezone().strftime("%Y-%m-%d %H:%M")


def _term(c: AuditCustomer, _: LetterText) -> str:
    return _("not capped") if c.term_days is None else _("{n} days").format(n=c.term_days)


def _status(code: str, _: LetterText) -> str:
    """An order's status by its label in the form's language, never the stored code."""
    if code in OrderStatus._value2member_map_:
        return _.term(*STATUS_LABELS[OrderStatus(code)])
    return code


def _summary(a: CreditAudit, _: LetterText, st: Styles) -> Flowable:
    m = lambda v: money(v, _.lang)  # noqa: E731
    rows = [
        [_("Customers with credit"), str(sum(1 for c in a.customers if c.limit > 0)), _("Limits in all"),
         m(a.total_limits)],
        [_("Open receivables"), m(a.total_open), _("Over the limit"), str(a.breaches)],
        [_("Overrides"), str(len(a.overrides)), _("Orders blocked"), str(len(a.blocks))],
        [_("Holds started"), str(a.holds_started), "", ""],
    ]
    return grid(rows, [25 * W, 25 * W, 25 * W, 25 * W], st, header_rows=0, label_cols=(0, 2))


def _customers(rows: tuple[AuditCustomer, ...], _: LetterText, st: Styles) -> Flowable:
    head = [_("Code"), _("Customer"), _("Grade"), _("Limit"), _("Term"), _("Open at month end"), _("Overdue"),
            _("Usage"), _("On hold")]
    data: list[list[object]] = [[para(h, st.cell_center) for h in head]]
    alerts = []
    for i, c in enumerate(rows, start=1):
        data.append([c.code, c.name, para(c.grade or "—", st.cell_center), para(money(c.limit, _.lang), st.cell_right),
                     para(_term(c, _), st.cell_center), para(money(c.open_amount, _.lang), st.cell_right),
                     para(money(c.overdue, _.lang) if c.overdue else "", st.cell_right),
                     para("" if c.usage is None else f"{c.usage} %", st.cell_right),
                     para("✓" if c.on_hold else "", st.cell_center)])
        if c.breach:
            alerts.append(("BACKGROUND", (0, i), (-1, i), BREACH))  # cells are paragraphs: shade the row
    if len(data) == 1:
        data.append([_("none")] + [""] * 8)
    return grid(data, [10 * W, 23 * W, 6 * W, 12 * W, 10 * W, 12 * W, 11 * W, 9 * W, 7 * W], st, extra=alerts)


def _overrides(a: CreditAudit, _: LetterText, st: Styles) -> Flowable:
    data: list[list[object]] = [[para(h, st.cell_center) for h in (
        _("Order"), _("Customer"), _("Approved by"), _("Approved at"), _("Allowed beyond"), _("Reason"))]]
    for o in a.overrides:
        data.append([o.order_no, f"{o.customer_code} {o.customer_name}", o.approver, _at(o.decided_at),
                     para(money(o.amount, _.lang) if o.amount is not None else "", st.cell_right), o.reason])
    if len(data) == 1:
        data.append([_("none"), "", "", "", "", ""])
    return grid(data, [14 * W, 22 * W, 10 * W, 14 * W, 13 * W, 27 * W], st)


def _blocks(a: CreditAudit, _: LetterText, st: Styles) -> Flowable:
    data: list[list[object]] = [[para(h, st.cell_center) for h in (
        _("Order"), _("Customer"), _("Blocked at"), _("Why"), _("Excess"), _("Status now"))]]
    for b in a.blocks:
        why = _.term(*BLOCK_LABELS[BlockReason(b.reason)]) if b.reason in BlockReason._value2member_map_ else b.reason
        data.append([b.order_no, f"{b.customer_code} {b.customer_name}", _at(b.blocked_at), why,
                     para(money(b.excess, _.lang) if b.excess else "", st.cell_right), _status(b.status, _)])
    if len(data) == 1:
        data.append([_("none"), "", "", "", "", ""])
    return grid(data, [14 * W, 26 * W, 14 * W, 20 * W, 13 * W, 13 * W], st)


def _limits(a: CreditAudit, _: LetterText, st: Styles) -> Flowable:
    data: list[list[object]] = [[para(h, st.cell_center) for h in (
        _("Customer"), _("Grade"), _("Set at"), _("Before"), _("After"), _("Set by"))]]
    for x in a.limits:
        data.append([f"{x.customer_code} {x.customer_name}", para(x.grade, st.cell_center), _at(x.set_at),
                     para(money(x.previous, _.lang), st.cell_right), para(money(x.amount, _.lang), st.cell_right),
                     x.set_by])
    if len(data) == 1:
        data.append([_("none"), "", "", "", "", ""])
    return grid(data, [32 * W, 8 * W, 16 * W, 15 * W, 15 * W, 14 * W], st)


def render_credit_audit(a: CreditAudit, path: str | os.PathLike[str], lang: str = "en") -> None:
    """Write the month's credit audit to `path` in `lang` (en or zh_CN)."""
    _ = LetterText(lang)
    st = styles(lang)
    title = _("Monthly credit audit")
    month = a.month.strftime("%Y-%m")
    shown = f"{a.month.year}年{a.month.month}月" if _.chinese else month
    sub = _("Month {month}, open amounts as of {date}").format(month=shown, date=day(a.as_of))
    breaches = tuple(c for c in a.customers if c.breach)
    story: list[Flowable] = [
        para(title, st.title), para(f"{a.company}  ·  {sub}", st.subtitle),
        section(_("1. Overview"), st, _summary(a, _, st)),
        # long tables split over pages (their header repeats): only the heading is kept with them
        Paragraph(esc(_("2. Limits and usage")), st.heading), _customers(a.customers, _, st),
        Paragraph(esc(_("3. Breaches")), st.heading), _customers(breaches, _, st),
        section(_("4. Credit overrides approved"), st, _overrides(a, _, st)),
        section(_("5. Orders blocked by the credit check"), st, _blocks(a, _, st)),
        section(_("6. Limits set"), st, _limits(a, _, st)),
        gap(3),
        section(_("7. Signatures"), st, signature_block([
            (_("Prepared by (finance)"), a.prepared_by, None),
            (_("Reviewed by (finance director)"), "", None)], _, st)),
        *audit_head_note(a.audit_head, _, st),
    ]
    reference = " · ".join(x for x in (month, head_reference(a.audit_head, _)) if x)
    build(path, story, PageInfo(title=title, company=a.company, printed=sub,
                                page_of=_("Page {page} of {pages}"), reference=reference))
