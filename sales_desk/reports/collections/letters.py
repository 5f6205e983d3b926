"""The collection letters as PDF, in English or Chinese (seed 001 销售回款管理制度 第10条):

- reminder before the due date [付款提醒函];
- thank-you letter [感谢信] — good-credit customers, instead of a first dunning notice;
- dunning notice [催款通知书]: the reason of the debt (contracts, shipments), the amount,
  the dates, the collection so far [催账经过], the payment deadline and the measures
  that follow [付款期限与措施];
- lawyer's letter [律师函], with the law firm and lawyer left to sign.

Each letter prints in its customer's language (LetterData.language) unless the caller
forces one; a customer without one gets the caller's fallback (the language chosen at
print time). One letter, a batch into one PDF (platypus; the CJK font registered once
per process; each letter starts a page and numbers its own pages, in its language), or a
batch into one file per customer. A batch reports progress(done, total) as each letter is laid out; progress
may raise Cancelled to stop, and then no file is left behind.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageBreak,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import KeepTogether

from sales_desk.domain.collections.dunning import METHOD_LABELS, STEP_LABELS, SendMethod, Step
from sales_desk.domain.common.money import from_minor
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
from sales_desk.reports.common.fonts import cjk_font
from sales_desk.reports.common.pdf_base import (
    LINE,
    MARGIN_X,
    PAGE,
    SHADE,
    WIDTH,
    Styles,
    esc,
    para,
    styles,
)
from sales_desk.services.collections.dunning import LetterData

TITLES = {Step.REMINDER: "Payment reminder", Step.THANK_YOU: "Thank-you letter", Step.DUNNING: "Dunning notice",
          Step.LAWYER: "Lawyer's letter"}
W = WIDTH / 100
Progress = Callable[[int, int], None]


def _date(d: date | None, _: LetterText) -> str:
    if d is None:
        return ""
    return f"{d.year}年{d.month}月{d.day}日" if _.chinese else d.isoformat()


def _money(minor: int, d: LetterData, _: LetterText) -> str:
    """Grouped, two decimals, as format_money writes en and zh_CN (the same separators),
    without asking babel for the locale a hundred thousand times in a batch."""
    return f"{d.currency} {from_minor(minor):,.2f}" if d.currency else f"{from_minor(minor):,.2f}"


class _LetterStart(Flowable):
    """Zero-size marker at the top of each letter: tells the canvas which letter its pages
    belong to (for the footer) and reports progress as the batch is laid out."""

    def __init__(self, ref: str, page_label: str, index: int, total: int, progress: Progress | None):
        super().__init__()
        self.ref, self.page_label = ref, page_label
        self.index, self.total, self.progress = index, total, progress
        self.width = self.height = 0
        self._reported = False

    def wrap(self, *_a: Any) -> tuple[float, float]:
        if self.progress and not self._reported:
            self._reported = True
            self.progress(self.index, self.total)
        return 0, 0

    def draw(self) -> None:
        self.canv._letter = (self.ref, self.canv.getPageNumber(), self.page_label)  # type: ignore[attr-defined]


def _letterhead(d: LetterData, _: LetterText, st: Styles) -> list[Flowable]:
    step = Step(d.step)
    head = ParagraphStyle("head", parent=st.body, fontSize=15, leading=19)
    title = ParagraphStyle("ltitle", parent=st.body, fontSize=18, leading=24)
    # a lawyer's letter goes out on the law firm's paper: its name is left to fill in
    top = _("Law firm: ____________________") if step is Step.LAWYER else d.company
    out: list[Flowable] = [_Lines([top], head, "center", after=1 * mm), _Rule(),
                           _Lines([_(TITLES[step])], title, "center", before=5 * mm, after=3 * mm)]
    ref = [_("No. {ref}").format(ref=d.letter_ref), _("Date: {date}").format(date=_date(d.on, _))]
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


def _table(rows: list[list[object]], widths: list[float], st: Styles, right: tuple[int, ...] = (),
           center: tuple[int, ...] = (), total_row: bool = False, wrap: tuple[int, ...] = ()) -> Table:
    """A ruled table of short plain strings (drawn, not laid out as paragraphs: a batch of a
    thousand letters has tens of thousands of cells); long text is wrapped as a paragraph."""
    font = cjk_font().name
    size = st.cell.fontSize

    def cell(v: object, c: int) -> object:
        if isinstance(v, str) and stringWidth(v, font, size) > widths[c] - 6:
            return para(v, st.cell)
        return v

    # the headings, and the columns whose text may be long (`wrap`), are measured; dates,
    # numbers and amounts always fit
    data = [[cell(v, c) if r == 0 or c in wrap else v for c, v in enumerate(row)] for r, row in enumerate(rows)]
    style = [
        ("FONTNAME", (0, 0), (-1, -1), font), ("FONTSIZE", (0, 0), (-1, -1), st.cell.fontSize),
        ("LEADING", (0, 0), (-1, -1), st.cell.leading),
        ("GRID", (0, 0), (-1, -1), 0.5, LINE), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE), ("ALIGN", (0, 0), (-1, 0), "CENTER"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    style += [("ALIGN", (c, 1), (c, -1), "RIGHT") for c in right]
    style += [("ALIGN", (c, 1), (c, -1), "CENTER") for c in center]
    if total_row:
        style += [("SPAN", (0, -1), (-2, -1)), ("BACKGROUND", (0, -1), (-1, -1), SHADE)]
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(style))
    return table


def _items(d: LetterData, _: LetterText, st: Styles) -> Flowable:
    rows: list[list[object]] = [[_("Document no."), _("Contract / shipment"), _("Document date"), _("Due date"),
                                 _("Days overdue"), _("Amount owed")]]
    for i in d.items:
        rows.append([i.doc_no, i.reference, _date(i.doc_date, _), _date(i.due_date, _),
                     str(i.days_overdue) if i.days_overdue else "", _money(i.open_amount, d, _)])
    rows.append([_("Total owed"), "", "", "", "", _money(d.total, d, _)])
    return _table(rows, [17 * W, 26 * W, 15 * W, 15 * W, 10 * W, 17 * W], st, right=(4, 5), center=(2, 3),
                  total_row=True, wrap=(0, 1))


def _history(d: LetterData, _: LetterText, st: Styles) -> Flowable:
    rows: list[list[object]] = [[_("Date"), _("What was done"), _("Sent by / number"), _("Amount")]]
    for h in d.history:
        if h.what == "receipt":
            what = _("Payment received {number}").format(number=h.reference)
            how = ""
        else:
            label, zh = STEP_LABELS[Step(h.what)]
            what = _.term(label, zh)
            how = " ".join(x for x in (_.term(*METHOD_LABELS[SendMethod(h.sent_via)]) if h.sent_via else "",
                                       h.reference) if x)
        rows.append([_date(h.on, _), what, how, _money(h.amount, d, _) if h.amount else ""])
    if len(rows) == 1:
        rows.append([_("none"), "", "", ""])
    return _table(rows, [16 * W, 40 * W, 26 * W, 18 * W], st, right=(3,), center=(0,), wrap=(1, 2))


def _signature(d: LetterData, _: LetterText, st: Styles, lawyer: bool = False) -> Flowable:
    lines: list[Flowable] = [_Lines(_("Yours faithfully,").split("\n"), st.body, before=6 * mm, after=8 * mm)]
    if lawyer:
        signed = [_("On behalf of {company}").format(company=d.company), _("Law firm: ____________________"),
                  _("Lawyer: ____________________")]
    else:
        signed = [d.company, _("(company seal)")]
    lines.append(_Lines([*signed, _date(d.on, _)], ParagraphStyle("sig", parent=st.body, leading=16), "right"))
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

    fields = {"deadline": _date(d.deadline, _), "total": _money(d.total, d, _), "first_due": _date(d.first_due, _),
              "company": d.company}
    dear = _("Dear {name},").format(name=d.contact) if d.contact else _("Dear Sir or Madam,")
    out = _letterhead(d, _, st) + [_Lines([dear], body, after=body.spaceAfter)]
    if step is Step.REMINDER:
        out += [para(_(REMINDER_BODY), body), h(_("Amounts falling due")), _items(d, _, st)]
    elif step is Step.THANK_YOU:
        out += [para(_(THANK_YOU_BODY).format(**fields), body), h(_("Amounts past due")),
                _items(d, _, st)]
    elif step is Step.DUNNING:
        out += [para(_(DUNNING_BODY).format(**fields), body),
                h(_("Reason of the debt")), _items(d, _, st),
                h(_("Collection so far")), _history(d, _, st),
                h(_("Payment deadline and measures")),
                para(_(DUNNING_DEADLINE).format(**fields), body), para(_(DUNNING_MEASURES), body)]
    else:
        notice = next((h.on for h in reversed(d.history) if h.what == Step.DUNNING.value), None)
        fields["notice"] = _date(notice, _) if notice else _("an earlier date")
        out += [para(_(LAWYER_BODY).format(**fields), body),
                h(_("Reason of the debt")), _items(d, _, st),
                h(_("Collection so far")), _history(d, _, st),
                h(_("Payment deadline and measures")),
                para(_(LAWYER_DEADLINE).format(**fields), body), para(_(LAWYER_MEASURES), body)]
    out.append(_signature(d, _, st, lawyer=step is Step.LAWYER))
    return out


class _Canvas(rl_canvas.Canvas):
    """Draws each page's footer: the letter's number and its own page count."""

    def __init__(self, *args: Any, **kw: Any):
        super().__init__(*args, **kw)
        self._letter = ("", 1, "{page}")

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        ref, first, page_label = self._letter
        self.saveState()
        self.setFont(cjk_font().name, 7.5)
        self.setFillColor(LINE)
        self.setStrokeColor(LINE)
        self.setLineWidth(0.4)
        y = 10 * mm
        self.line(MARGIN_X, y + 4 * mm, PAGE[0] - MARGIN_X, y + 4 * mm)
        self.drawString(MARGIN_X, y, ref)
        self.drawRightString(PAGE[0] - MARGIN_X, y, page_label.format(page=self.getPageNumber() - first + 1))
        self.restoreState()
        super().showPage()


def language_of(d: LetterData, lang: str | None, fallback: str) -> str:
    """The language a letter prints in: the one forced, else the customer's, else the fallback."""
    return lang or d.language or fallback


def _build(path: str | os.PathLike[str], letters: Sequence[LetterData], lang: str | None, fallback: str,
           progress: Progress | None = None) -> None:
    texts: dict[str, tuple[LetterText, Styles]] = {}
    font = cjk_font().name
    story: list[Flowable] = []
    for i, d in enumerate(letters, start=1):
        language = language_of(d, lang, fallback)
        if language not in texts:
            texts[language] = (LetterText(language), styles(language))
        _, st = texts[language]
        if story:
            story.append(PageBreak())
        story.append(_LetterStart(d.letter_ref, _("Page {page}"), i, len(letters), progress))
        story += letter_story(d, _, st)
    frame = Frame(MARGIN_X, 18 * mm, WIDTH, PAGE[1] - 18 * mm - 16 * mm, leftPadding=0, rightPadding=0,
                  topPadding=0, bottomPadding=0)
    first = letters[0]
    _ = texts[language_of(first, lang, fallback)][0]
    title = _(TITLES[Step(first.step)]) + ("" if len(letters) > 1 else f" {first.customer_name}")
    doc = BaseDocTemplate(str(path), pagesize=PAGE, title=title, author=first.company, creator="Sales Desk",
                          initialFontName=font)
    doc.addPageTemplates([PageTemplate(id="letter", frames=[frame])])
    try:
        with _binary_streams():
            doc.build(story, canvasmaker=_Canvas)
        if progress:
            progress(len(letters), len(letters))
    except BaseException:
        Path(path).unlink(missing_ok=True)
        raise


@contextmanager
def _binary_streams() -> Iterator[None]:
    """Page streams compressed but not also ASCII85-encoded (a 7-bit nicety no viewer needs):
    a fifth of a thousand-letter batch's time went into encoding them."""
    from reportlab import rl_config

    saved = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = saved


def render_letter(d: LetterData, path: str | os.PathLike[str], lang: str | None = None,
                  fallback: str = "en") -> None:
    """One letter to `path` in `lang` (en or zh_CN) when given, else the customer's language,
    else `fallback`."""
    _build(path, [d], lang, fallback)


def render_letters(letters: Sequence[LetterData], path: str | os.PathLike[str], lang: str | None = None,
                   progress: Progress | None = None, fallback: str = "en") -> None:
    """A batch into one PDF, each letter from a new page in its language (as render_letter).
    progress(done, total) may raise Cancelled: the file is removed."""
    if not letters:
        raise ValueError("no letters")
    _build(path, letters, lang, fallback, progress)


def letter_file_name(d: LetterData) -> str:
    return f"{d.step}-{d.customer_code}-{d.letter_ref}.pdf"


def render_letters_each(letters: Sequence[LetterData], folder: str | os.PathLike[str], lang: str | None = None,
                        progress: Progress | None = None, fallback: str = "en") -> list[Path]:
    """A batch into one file per customer in `folder`; progress(done, total) after each may
    raise Cancelled: the files of this batch are removed."""
    out: list[Path] = []
    try:
        for i, d in enumerate(letters, start=1):
            path = Path(folder) / letter_file_name(d)
            _build(path, [d], lang, fallback)
            out.append(path)
            if progress:
                progress(i, len(letters))
    except BaseException:
        for p in out:
            p.unlink(missing_ok=True)
        raise
    return out


