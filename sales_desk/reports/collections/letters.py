"""The collection letters as PDF, in English or Chinese (seed 001 销售回款管理制度 第10条):

- reminder before the due date [付款提醒函];
- thank-you letter [感谢信] — good-credit customers, instead of a first dunning notice;
- dunning notice [催款通知书]: the reason of the debt (contracts, shipments), the amount,
  the dates, the collection so far [催账经过], the payment deadline and the measures
  that follow [付款期限与措施];
- lawyer's letter [律师函], with the law firm and lawyer left to sign.

Each letter prints in its customer's language (LetterData.language) unless the caller
forces one; a customer without one gets the caller's fallback (the language chosen at
print time). What a letter says is letter_story.py (its tables: letter_tables.py); here
letters become files: one letter, a batch into one PDF (platypus; the CJK font registered
once per process; each letter starts a page and numbers its own pages, in its language),
or a batch into one file per customer. A batch reports progress(done, total) as each
letter is laid out; progress may raise Cancelled to stop, and then no file is left behind.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageBreak, PageTemplate

from sales_desk.domain.collections.dunning import Step
from sales_desk.reports.collections.letter_story import TITLES, letter_story
from sales_desk.reports.collections.letter_terms_zh import LetterText
from sales_desk.reports.common.fonts import cjk_font
from sales_desk.reports.common.pdf_base import (
    LINE,
    MARGIN_X,
    PAGE,
    WIDTH,
    Styles,
    draw_issue_mark,
    styles,
)
from sales_desk.services.collections.letter_data import LetterData

Progress = Callable[[int, int], None]


class _LetterStart(Flowable):
    """Zero-size marker at the top of each letter: tells the canvas which letter its pages
    belong to (for the footer) and reports progress as the batch is laid out."""

    def __init__(self, ref: str, page_label: str, index: int, total: int, progress: Progress | None,
                 mark: str | None = None, starts: list[int] | None = None):
        super().__init__()
        self.ref, self.page_label, self.mark, self.starts = ref, page_label, mark, starts
        self.index, self.total, self.progress = index, total, progress
        self.width = self.height = 0
        self._reported = False

    def wrap(self, *_a: Any) -> tuple[float, float]:
        if self.progress and not self._reported:
            self._reported = True
            self.progress(self.index, self.total)
        return 0, 0

    def draw(self) -> None:
        page = self.canv.getPageNumber()
        self.canv._letter = (self.ref, page, self.page_label, self.mark)  # type: ignore[attr-defined]
        if self.starts is not None:
            self.starts.append(page)


class _Canvas(rl_canvas.Canvas):
    """Draws each page's footer: the letter's number and its own page count."""

    def __init__(self, *args: Any, **kw: Any):
        super().__init__(*args, **kw)
        self._letter: tuple[str, int, str, str | None] = ("", 1, "{page}", None)

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        ref, first, page_label, mark = self._letter
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
        draw_issue_mark(self, mark)  # a batch issued at once: each letter its own document's mark
        super().showPage()


def language_of(d: LetterData, lang: str | None, fallback: str) -> str:
    """The language a letter prints in: the one forced, else the customer's, else the fallback."""
    return lang or d.language or fallback


def _build(path: str | os.PathLike[str], letters: Sequence[LetterData], lang: str | None, fallback: str,
           progress: Progress | None = None, marks: Sequence[str] | None = None) -> list[int]:
    """Lay the letters out into `path`; -> the page each letter starts on."""
    texts: dict[str, tuple[LetterText, Styles]] = {}
    font = cjk_font().name
    story: list[Flowable] = []
    starts: list[int] = []
    for i, d in enumerate(letters, start=1):
        language = language_of(d, lang, fallback)
        if language not in texts:
            texts[language] = (LetterText(language), styles(language))
        _, st = texts[language]
        if story:
            story.append(PageBreak())
        story.append(_LetterStart(d.letter_ref, _("Page {page}"), i, len(letters), progress,
                                  marks[i - 1] if marks is not None else None, starts))
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
    return starts


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


def render_letters_marked(letters: Sequence[LetterData], languages: Sequence[str], marks: Sequence[str],
                          path: str | os.PathLike[str], progress: Progress | None = None) -> list[int]:
    """A batch being issued: into one PDF, each letter in its language with its own issue
    mark on its pages; -> the page each letter starts on (to split the file per letter)."""
    if not letters:
        raise ValueError("no letters")
    return _build(path, [replace(d, language=lang) for d, lang in zip(letters, languages, strict=True)],
                  None, "en", progress, marks)


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
