"""One collection letter's content, as platypus flowables (seed 001 销售回款管理制度 第10条):
the letterhead (the firm's, or the law firm's left to fill in), the addressee, the body the
step calls for (reminder, thank-you letter, dunning notice, lawyer's letter) with its tables
and its deadline and measures, and the signature.

Short lines are drawn as they are (`_Lines`), not parsed as paragraphs: a batch of a
thousand letters has some ten thousand of them.
"""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph
from reportlab.platypus.flowables import KeepTogether

from sales_desk.domain.collections.dunning import METHOD_LABELS, SendMethod, Step
from sales_desk.reports.collections.letter_format import letter_date, letter_money
from sales_desk.reports.collections.letter_tables import history_table, items_table
from sales_desk.reports.collections.letter_terms_zh import (
    DUNNING_BODY,
    DUNNING_DEADLINE,
    DUNNING_MEASURES,
    LAWYER_BODY,
    LAWYER_DEADLINE,
    LAWYER_MEASURES,
    REMINDER_BODY,
    THANK_YOU_BODY,
    LetterText,
)
from sales_desk.reports.common.pdf_base import LINE, Styles, esc, para
from sales_desk.services.collections.letter_data import LetterData

TITLES = {Step.REMINDER: "Payment reminder", Step.THANK_YOU: "Thank-you letter", Step.DUNNING: "Dunning notice",
          Step.LAWYER: "Lawyer's letter"}


def _letterhead(d: LetterData, _: LetterText, st: Styles) -> list[Flowable]:
    step = Step(d.step)
    head = ParagraphStyle("head", parent=st.body, fontSize=15, leading=19)
    title = ParagraphStyle("ltitle", parent=st.body, fontSize=18, leading=24)
    # a lawyer's letter goes out on the law firm's paper: its name is left to fill in
    top = _("Law firm: ____________________") if step is Step.LAWYER else d.company
    out: list[Flowable] = [_Lines([top], head, "center", after=1 * mm), _Rule(),
                           _Lines([_(TITLES[step])], title, "center", before=5 * mm, after=3 * mm)]
    ref = [_("No. {ref}").format(ref=d.letter_ref), _("Date: {date}").format(date=letter_date(d.on, _))]
    if d.sent_via:
        label, zh = METHOD_LABELS[SendMethod(d.sent_via)]
        ref.append(_("Sent by: {method}").format(method=_.term(label, zh)))
    out.append(_Lines(ref, st.body, "right", after=3 * mm))
    to = [_("To: {name}").format(name=d.customer_name), _("Customer code: {code}").format(code=d.customer_code)]
    if d.address:
        to.append(_("Address: {address}").format(address=d.address))
    if d.contact:
        to.append(_("Attention: {contact}").format(contact=d.contact))
    out.append(_Lines(to, st.body, after=4 * mm))
    return out


class _Lines(Flowable):
    """Short lines drawn as they are, left, centred or right: no markup to parse, no wrapping
    to work out (a batch of a thousand letters has some ten thousand of them). A line wider
    than the frame falls back to a wrapped paragraph."""

    def __init__(self, lines: list[str], style: ParagraphStyle, align: str = "left",
                 before: float = 0, after: float = 0):
        super().__init__()
        self.lines, self.style, self.align = lines, style, align
        self.spaceBefore, self.spaceAfter = before, after
        self._fallback: Paragraph | None = None

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        st = self.style
        if any(stringWidth(x, st.fontName, st.fontSize) > avail_width for x in self.lines):
            style = ParagraphStyle("lines", parent=st, alignment={"left": 0, "center": 1, "right": 2}[self.align])
            self._fallback = Paragraph("<br/>".join(esc(x) for x in self.lines), style)
            return self._fallback.wrap(avail_width, avail_height)
        self.width = avail_width
        self.height = st.leading * len(self.lines)
        return self.width, self.height

    def draw(self) -> None:
        if self._fallback is not None:
            self._fallback.drawOn(self.canv, 0, 0)
            return
        c, st = self.canv, self.style
        c.setFont(st.fontName, st.fontSize)
        c.setFillColor(st.textColor)
        y = self.height - st.fontSize - (st.leading - st.fontSize) / 2
        for line in self.lines:
            if self.align == "right":
                c.drawRightString(self.width, y, line)
            elif self.align == "center":
                c.drawCentredString(self.width / 2, y, line)
            else:
                c.drawString(0, y, line)
            y -= st.leading


class _Rule(Flowable):
    def wrap(self, avail_width: float, _h: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, 2 * mm

    def draw(self) -> None:
        self.canv.setStrokeColor(LINE)
        self.canv.setLineWidth(0.8)
        self.canv.line(0, 1 * mm, self.width, 1 * mm)


def _signature(d: LetterData, _: LetterText, st: Styles, lawyer: bool = False) -> Flowable:
    lines: list[Flowable] = [_Lines(_("Yours faithfully,").split("\n"), st.body, before=6 * mm, after=8 * mm)]
    if lawyer:
        signed = [_("On behalf of {company}").format(company=d.company), _("Law firm: ____________________"),
                  _("Lawyer: ____________________")]
    else:
        signed = [d.company, _("(company seal)")]
    lines.append(_Lines([*signed, letter_date(d.on, _)], ParagraphStyle("sig", parent=st.body, leading=16),
                        "right"))
    if d.rep and not lawyer:
        lines.append(_Lines([_("Your contact: {rep}").format(rep=d.rep)], st.small, before=4 * mm))
    return KeepTogether(lines)


def letter_story(d: LetterData, _: LetterText, st: Styles) -> list[Flowable]:
    """One letter's flowables (without the marker and the page break)."""
    step = Step(d.step)
    body = ParagraphStyle("lbody", parent=st.body, fontSize=10, leading=16, firstLineIndent=0,
                          spaceAfter=2.5 * mm)
    heading = ParagraphStyle("lhead", parent=st.heading)

    def h(text: str) -> Flowable:
        return _Lines([text], heading, before=heading.spaceBefore, after=heading.spaceAfter)

    fields = {"deadline": letter_date(d.deadline, _), "total": letter_money(d.total, d, _),
              "first_due": letter_date(d.first_due, _), "company": d.company}
    dear = _("Dear {name},").format(name=d.contact) if d.contact else _("Dear Sir or Madam,")
    out = _letterhead(d, _, st) + [_Lines([dear], body, after=body.spaceAfter)]
    if step is Step.REMINDER:
        out += [para(_(REMINDER_BODY), body), h(_("Amounts falling due")), items_table(d, _, st)]
    elif step is Step.THANK_YOU:
        out += [para(_(THANK_YOU_BODY).format(**fields), body), h(_("Amounts past due")),
                items_table(d, _, st)]
    elif step is Step.DUNNING:
        out += [para(_(DUNNING_BODY).format(**fields), body),
                h(_("Reason of the debt")), items_table(d, _, st),
                h(_("Collection so far")), history_table(d, _, st),
                h(_("Payment deadline and measures")),
                para(_(DUNNING_DEADLINE).format(**fields), body), para(_(DUNNING_MEASURES), body)]
    else:
        notice = next((h.on for h in reversed(d.history) if h.what == Step.DUNNING.value), None)
        fields["notice"] = letter_date(notice, _) if notice else _("an earlier date")
        out += [para(_(LAWYER_BODY).format(**fields), body),
                h(_("Reason of the debt")), items_table(d, _, st),
                h(_("Collection so far")), history_table(d, _, st),
                h(_("Payment deadline and measures")),
                para(_(LAWYER_DEADLINE).format(**fields), body), para(_(LAWYER_MEASURES), body)]
    out.append(_signature(d, _, st, lawyer=step is Step.LAWYER))
    return out
