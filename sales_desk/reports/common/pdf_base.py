"""What every printed form shares: A4 page with header, footer and "page x of y", the
styles in the CJK font, grid tables, tick boxes and the signature block.

Forms print in the language asked for (translator(lang)), not the UI's: `FormText` is
the catalogue of that language (which carries every form's terms).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from functools import partial
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import KeepTogether, Spacer

from sales_desk.domain.common.money import format_money, share_percent
from sales_desk.i18n import translator
from sales_desk.reports.common.fonts import cjk_font

PAGE = A4
MARGIN_X = 18 * mm
MARGIN_TOP = 22 * mm
MARGIN_BOTTOM = 18 * mm
WIDTH = PAGE[0] - 2 * MARGIN_X
LINE = colors.HexColor("#444444")
SHADE = colors.HexColor("#EEEEEE")
ALERT = colors.HexColor("#B00020")


class FormText:
    """`_` for a printed form, in the form's language."""

    def __init__(self, lang: str):
        self.lang = lang
        self._gettext = translator(lang)

    def __call__(self, msgid: str) -> str:
        return self._gettext(msgid)

    def term(self, msgid: str, zh: str) -> str:
        """A domain label with its policy term (`zh`), used where the catalogue has none."""
        text = self._gettext(msgid)
        if self.lang == "zh_CN" and text == msgid:
            return zh
        return text

    @property
    def chinese(self) -> bool:
        return self.lang == "zh_CN"


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    cell: ParagraphStyle
    cell_label: ParagraphStyle
    cell_center: ParagraphStyle
    cell_right: ParagraphStyle
    small: ParagraphStyle


def styles(lang: str) -> Styles:
    font = cjk_font().name
    wrap = "CJK" if lang == "zh_CN" else None  # break Chinese lines between any characters

    def st(name: str, size: float, leading: float, **kw: Any) -> ParagraphStyle:
        return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading, wordWrap=wrap, **kw)

    return Styles(
        title=st("title", 17, 22, alignment=TA_CENTER, spaceAfter=2 * mm),
        subtitle=st("subtitle", 8.5, 11, alignment=TA_CENTER, textColor=LINE, spaceAfter=4 * mm),
        heading=st("heading", 10.5, 14, spaceBefore=4 * mm, spaceAfter=1.5 * mm),
        body=st("body", 9, 13),
        cell=st("cell", 8.5, 11),
        cell_label=st("cell_label", 8.5, 11, textColor=colors.HexColor("#222222")),
        cell_center=st("cell_center", 8.5, 11, alignment=TA_CENTER),
        cell_right=st("cell_right", 8.5, 11, alignment=TA_RIGHT),
        small=st("small", 7.5, 10, textColor=LINE),
    )


def esc(text: object) -> str:
    """Plain text for a Paragraph (which reads a little XML)."""
    return (str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\n", "<br/>"))


def para(text: object, style: ParagraphStyle) -> Paragraph:
    return Paragraph(esc(text), style)


def money(minor: int | None, lang: str, currency: str = "") -> str:
    return "" if minor is None else format_money(minor, "zh_CN" if lang == "zh_CN" else "en", currency or None)


def day(d: date | datetime | None) -> str:
    return "" if d is None else d.isoformat()[:10]


def ratio(num: int | None, den: int | None, percent: bool = False) -> str:
    if num is None or not den:
        return ""
    if percent:
        return f"{share_percent(num, den)} %"
    return str((Decimal(num) / Decimal(den)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


class TickBox(Flowable):
    """A drawn check box, ticked or empty (no glyph needed from the font)."""

    def __init__(self, ticked: bool, size: float = 3.4 * mm):
        super().__init__()
        self.ticked, self.size = ticked, size
        self.width = self.height = size

    def draw(self) -> None:
        c, s = self.canv, self.size
        c.setStrokeColor(LINE)
        c.setLineWidth(0.6)
        c.rect(0, 0, s, s)
        if self.ticked:
            c.setLineWidth(1.1)
            c.setStrokeColor(colors.black)
            path = c.beginPath()
            path.moveTo(0.18 * s, 0.52 * s)
            path.lineTo(0.42 * s, 0.22 * s)
            path.lineTo(0.86 * s, 0.84 * s)
            c.drawPath(path, stroke=1, fill=0)


def grid(rows: Sequence[Sequence[object]], widths: Sequence[float], st: Styles, *,
         header_rows: int = 1, label_cols: Sequence[int] = (), extra: Sequence[tuple] = (),
         repeat: int | None = None) -> Table:
    """A ruled table; strings become wrapped paragraphs, header rows and label columns shaded."""
    def cell(v: object) -> object:
        if isinstance(v, Flowable | list):
            return v
        return para("" if v is None else v, st.cell)

    data = [[cell(v) for v in row] for row in rows]
    table = Table(data, colWidths=list(widths), repeatRows=header_rows if repeat is None else repeat)
    style: list[tuple] = [
        ("FONTNAME", (0, 0), (-1, -1), cjk_font().name),  # else Table sets unembedded Helvetica
        ("GRID", (0, 0), (-1, -1), 0.5, LINE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2.2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.2),
    ]
    if header_rows:
        style.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), SHADE))
    for col in label_cols:
        style.append(("BACKGROUND", (col, header_rows), (col, -1), SHADE))
    for cmd in extra:  # a value spanning a label column stays white
        if cmd[0] == "SPAN" and cmd[1][0] not in label_cols and cmd[1][1] >= header_rows:
            style.append(("BACKGROUND", cmd[1], cmd[2], colors.white))
    table.setStyle(TableStyle(style + list(extra)))
    return table


def section(title: str, st: Styles, *body: Flowable) -> KeepTogether:
    """A numbered heading kept with the start of its content."""
    return KeepTogether([Paragraph(esc(title), st.heading), *body])


def signature_block(entries: Sequence[tuple[str, str, date | None]], _: FormText, st: Styles) -> Table:
    """Role, printed name, a line to sign on and the date, side by side."""
    head = [para(role, st.cell_center) for role, _n, _d in entries]
    names = [para(_("Name: {name}").format(name=name or ""), st.cell) for _r, name, _d in entries]
    sign = [para(_("Signature:"), st.cell) for _e in entries]
    dates = [para(_("Date: {date}").format(date=day(d) or "      ") , st.cell) for _r, _n, d in entries]
    width = WIDTH / len(entries)
    table = Table([head, names, sign, dates], colWidths=[width] * len(entries),
                  rowHeights=[None, None, 13 * mm, None])
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), cjk_font().name),
        ("GRID", (0, 0), (-1, -1), 0.5, LINE),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]))
    return table


class _NumberedCanvas(rl_canvas.Canvas):
    """Holds pages back until the end so each footer can say "page x of y"."""

    def __init__(self, *args: Any, footer: Callable[[rl_canvas.Canvas, int, int], None], **kw: Any):
        super().__init__(*args, **kw)
        self._pages: list[dict[str, Any]] = []
        self._footer = footer

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._footer(self, number, total)
            super().showPage()
        super().save()


@dataclass(frozen=True)
class PageInfo:
    title: str  # the form's name, top right
    company: str  # top left
    printed: str  # footer left, e.g. "Printed 2026-03-15 10:20"
    page_of: str  # a format string with {page} and {pages}
    reference: str = ""  # footer centre, e.g. the form's number


def build(path: str | os.PathLike[str], story: list[Flowable], info: PageInfo, *, author: str = "",
          subject: str = "") -> None:
    """Lay out `story` on A4 pages with the running header and footer; write `path`."""
    font = cjk_font().name

    def header(c: rl_canvas.Canvas, _doc: Any) -> None:
        c.saveState()
        c.setFont(font, 8)
        c.setFillColor(LINE)
        top = PAGE[1] - 12 * mm
        c.drawString(MARGIN_X, top, info.company)
        c.drawRightString(PAGE[0] - MARGIN_X, top, info.title)
        c.setStrokeColor(LINE)
        c.setLineWidth(0.4)
        c.line(MARGIN_X, top - 2 * mm, PAGE[0] - MARGIN_X, top - 2 * mm)
        c.restoreState()

    def footer(c: rl_canvas.Canvas, page: int, pages: int) -> None:
        c.saveState()
        c.setFont(font, 7.5)
        c.setFillColor(LINE)
        y = 10 * mm
        c.line(MARGIN_X, y + 4 * mm, PAGE[0] - MARGIN_X, y + 4 * mm)
        c.drawString(MARGIN_X, y, info.printed)
        if info.reference:
            c.drawCentredString(PAGE[0] / 2, y, info.reference)
        c.drawRightString(PAGE[0] - MARGIN_X, y, info.page_of.format(page=page, pages=pages))
        policy = _POLICY_MARK.get()
        if policy:  # the policy version the form's rules used (SPEC §9)
            c.setFont(font, 6.5)
            c.drawRightString(PAGE[0] - MARGIN_X, y + 5.2 * mm, policy)
        c.restoreState()
        draw_issue_mark(c)

    frame = Frame(MARGIN_X, MARGIN_BOTTOM, WIDTH, PAGE[1] - MARGIN_TOP - MARGIN_BOTTOM, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc = BaseDocTemplate(str(path), pagesize=PAGE, leftMargin=MARGIN_X, rightMargin=MARGIN_X,
                          topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM, title=info.title,
                          author=author or info.company, subject=subject, creator="Sales Desk",
                          initialFontName=font)  # no unembedded Helvetica in the file
    doc.addPageTemplates([PageTemplate(id="form", frames=[frame], onPage=header)])
    doc.build(story, canvasmaker=partial(_NumberedCanvas, footer=footer))


# A document of record's issue line (its number, date and issuer), drawn along the foot of
# every page of a form laid out while it is set (reports/records/issuers.py sets it).
_ISSUE_MARK: ContextVar[str] = ContextVar("issue_mark", default="")
ISSUE_MARK_COLOR = colors.HexColor("#1F3A93")


# The policy version in force on the form's day ("Policy version 3, in force since …"),
# drawn above the footer's rule of every page of a form laid out while it is set.
_POLICY_MARK: ContextVar[str] = ContextVar("policy_mark", default="")


@contextmanager
def policy_mark(line: str) -> Iterator[None]:
    token = _POLICY_MARK.set(line)
    try:
        yield
    finally:
        _POLICY_MARK.reset(token)


@contextmanager
def issue_mark(line: str) -> Iterator[None]:
    token = _ISSUE_MARK.set(line)
    try:
        yield
    finally:
        _ISSUE_MARK.reset(token)


def draw_issue_mark(c: rl_canvas.Canvas, line: str | None = None) -> None:
    """The issue line of the form being laid out (`line`, else the one `issue_mark` set)."""
    line = line if line is not None else _ISSUE_MARK.get()
    if line:
        c.saveState()
        c.setFont(cjk_font().name, 7)
        c.setFillColor(ISSUE_MARK_COLOR)
        c.drawCentredString(PAGE[0] / 2, 5 * mm, line)
        c.restoreState()


def gap(height_mm: float = 3) -> Spacer:
    return Spacer(1, height_mm * mm)


def head_reference(code: str, _: FormText) -> str:
    """The audit trail's head for a form's footer: every page carries it."""
    return _("Audit head {code}").format(code=code) if code else ""


def audit_head_note(code: str, _: FormText, st: Styles) -> list[Flowable]:
    """Closing a period, a form records the audit trail's head when it was prepared: kept on
    paper, out of reach of whoever can change the data, `sales-desk check --anchor CODE`
    later shows whether the trail still holds what it held then."""
    if not code:
        return []
    return [gap(2), para(_("Audit trail head when prepared: {code}. To confirm later that the trail "
                           "still holds what it held then: sales-desk check --anchor {code}").format(code=code),
                         st.small)]
