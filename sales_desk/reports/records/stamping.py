"""Marks laid over a kept PDF's pages without laying the form out again: the copy mark
[副本] on a reprint, the draft mark on a preview before issuing. The form underneath stays
what it was. (The issue line, number and issuer, is part of the layout: pdf_base.issue_mark.)

A workbook (the liability statement) has no pages to stamp: it is kept as written.
"""

from __future__ import annotations

import io
import re

from pypdf import PdfReader, PdfWriter
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as rl_canvas

from sales_desk.reports.common.fonts import cjk_font

_PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![s\w])")
_FAINT_RED = colors.HexColor("#E8A0A0")


def _overlay(width: float, height: float, draw) -> PdfReader:  # noqa: ANN001 - draw(canvas)
    buf = io.BytesIO()
    c = rl_canvas.Canvas(buf, pagesize=(width, height), invariant=True)
    draw(c)
    c.showPage()
    c.save()
    return PdfReader(io.BytesIO(buf.getvalue()))


def _stamped(content: bytes, draw) -> tuple[bytes, int]:  # noqa: ANN001
    writer = PdfWriter(clone_from=io.BytesIO(content))
    overlays: dict[tuple[float, float], object] = {}
    for page in writer.pages:
        size = (float(page.mediabox.width), float(page.mediabox.height))
        if size not in overlays:
            overlays[size] = _overlay(*size, draw).pages[0]
        page.merge_page(overlays[size])  # type: ignore[arg-type]
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue(), len(writer.pages)


def split_pages(content: bytes, starts: list[int], titles: list[str]) -> list[tuple[bytes, int]]:
    """One PDF per part of a batch, part i from page starts[i] (1-based) to the next part:
    a batch laid out once and kept as one document per letter -> [(bytes, pages)]."""
    reader = PdfReader(io.BytesIO(content))
    ends = [*starts[1:], len(reader.pages) + 1]
    parts = []
    kept = {k: v for k, v in (reader.metadata or {}).items() if k in ("/Author", "/Creator")}
    for first, end, title in zip(starts, ends, titles, strict=True):
        writer = PdfWriter()
        for number in range(first, end):
            writer.add_page(reader.pages[number - 1])
        writer.add_metadata({**kept, "/Title": title})
        out = io.BytesIO()
        writer.write(out)
        parts.append((out.getvalue(), end - first))
    return parts


def page_count(content: bytes) -> int:
    """The pages of a PDF this program wrote (0 for a workbook), without parsing it."""
    if not content.startswith(b"%PDF"):
        return 0
    return len(_PAGE_OBJECT.findall(content))


def _watermarked(content: bytes, text: str, word: str) -> bytes:
    if not content.startswith(b"%PDF"):
        return content

    def draw(c: rl_canvas.Canvas) -> None:
        width, height = c._pagesize
        font = cjk_font().name
        c.setFont(font, 7.5)
        c.setFillColor(colors.HexColor("#B00020"))
        c.drawCentredString(width / 2, height - 6 * mm, text)
        c.saveState()
        c.translate(width / 2, height / 2)
        c.rotate(35)
        # Outlined, not translucent: a print server flattens transparency into an image
        # and the page's text is lost with it.
        c.setStrokeColor(_FAINT_RED)
        c.setLineWidth(0.9)
        words = c.beginText()
        words.setTextRenderMode(1)
        words.setFont(font, 64)
        words.setTextOrigin(-c.stringWidth(word, font, 64) / 2, 0)
        words.textOut(word)
        c.drawText(words)
        c.restoreState()

    return _stamped(content, draw)[0]


def stamp_copy(content: bytes, text: str) -> bytes:
    """A reprint: the kept pages with the copy mark across them and `text` at the top."""
    return _watermarked(content, text, "COPY 副本")


def stamp_draft(content: bytes, text: str) -> bytes:
    """A form previewed before issuing: marked as a draft, with no number."""
    return _watermarked(content, text, "DRAFT 草稿")


def concatenate(documents: list[bytes]) -> bytes:
    """Several issued documents, each as given out, one after another in one file."""
    writer = PdfWriter()
    for content in documents:
        writer.append(io.BytesIO(content))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
