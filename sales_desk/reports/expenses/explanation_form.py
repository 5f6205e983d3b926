"""The explanation form [销售费用情况说明表] of a department's expense application (seed 001,
销售费用管控制度 第8条3): what the money is for and why, reviewed by the sales VP before the
approvers and finance; printed with the route's decisions so far and a line for each to sign.
"""

from __future__ import annotations

import os

from reportlab.platypus import Flowable

from sales_desk.domain.expenses.claims import (
    CATEGORY_TERMS,
    ITEM_ZH,
    STEP_TERMS,
    Category,
    StepKind,
    StepStatus,
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
    money,
    para,
    section,
    signature_block,
    styles,
)
from sales_desk.services.expenses.forms import ExplanationForm

STATUS = {StepStatus.PENDING.value: (N_("Waiting"), "待审"), StepStatus.APPROVED.value: (N_("Approved"), "同意"),
          StepStatus.REFUSED.value: (N_("Refused"), "不同意"), StepStatus.SKIPPED.value: (N_("Skipped"), "未审")}


def _step(_: FormText, kind: str) -> str:
    t = STEP_TERMS[StepKind(kind)]
    return _.term(t.msgid, t.zh)


def _standard_rows(f: ExplanationForm, _: FormText, lang: str, st) -> list[list[object]]:  # noqa: ANN001
    """The item's spending standard beside the amount (费用 第13条1), and why it is above it."""
    if f.standard is None:
        return []
    rows: list[list[object]] = [[_("Standard"), para(money(f.standard, lang, f.currency), st.cell),
                                 _("Above the standard by"),
                                 para(money(f.amount - f.standard, lang, f.currency) if f.amount > f.standard
                                      else "—", st.cell)]]
    if f.standard_reason:
        rows.append([_("Why above the standard"), para(f.standard_reason, st.cell), "", ""])
    return rows


def render_explanation_form(f: ExplanationForm, path: str | os.PathLike[str], lang: str = "en") -> None:
    """Write the explanation form of `f` to `path` in `lang` (en or zh_CN)."""
    _ = FormText(lang)
    st = styles(lang)
    title = _("Expense explanation form")
    number = _("Application no. {id}").format(id=f.claim_id)
    cat = CATEGORY_TERMS[Category(f.category)]
    item = _.term(f.item, ITEM_ZH[f.item]) if f.item in ITEM_ZH else f.item
    w = WIDTH / 4
    head = grid([
        [_("Applying department"), f.department, _("Applied by"), f.applicant],
        [_("Category"), _.term(cat.msgid, cat.zh), _("Item"), item],
        [_("Amount"), para(money(f.amount, lang, f.currency), st.cell), _("Month of the budget"),
         f.spent_on.strftime("%Y-%m")],
        [_("Submitted"), day(f.submitted_on), _("Round"), str(f.round)],
        *_standard_rows(f, _, lang, st),
    ], [w * 0.9, w * 1.1, w * 0.9, w * 1.1], st, header_rows=0, label_cols=(0, 2))
    decisions = [[_("Step"), _("Decision"), _("By"), _("Date"), _("Comment")]] + [
        [para(_step(_, d.kind), st.cell), _.term(*STATUS[d.status]), d.actor, day(d.decided_at),
         para(d.comment, st.cell)] for d in f.decisions]
    u = WIDTH / 100
    story: list[Flowable] = [
        para(title, st.title),
        para("  ·  ".join((f.company, number)), st.subtitle),
        section(_("1. The application"), st, head),
        section(_("2. Purpose"), st, para(f.purpose, st.body)),
        section(_("3. Explanation: why the department needs it and what it will bring"), st,
                para(f.explanation, st.body)),
        section(_("4. Review and approval"), st,
                para(_("The sales VP reviews this form first; then the approvers by amount; then finance "
                       "checks it against the plans (费用 第8条3, 第9条)."), st.small), gap(1),
                grid(decisions, [28 * u, 12 * u, 16 * u, 14 * u, 30 * u], st)),
        gap(4),
        signature_block([(_("Applicant"), f.applicant, f.submitted_on),
                         (_("Sales VP (explanation form reviewed)"), _signer(f, StepKind.EXPLANATION), None),
                         (_("Finance"), _signer(f, StepKind.FINANCE), None)], _, st),
    ]
    build(path, story, PageInfo(title=title, company=f.company, printed=number,
                                page_of=_("Page {page} of {pages}")), subject=title)


def _signer(f: ExplanationForm, kind: StepKind) -> str:
    return next((d.actor for d in f.decisions if d.kind == kind.value and d.status == StepStatus.APPROVED.value), "")
