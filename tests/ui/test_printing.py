"""The window's print path (ui/printing.py): a letter and a batch printed on a real CUPS
queue and read back from the printed files (text, page count, the page's look), copies and
page ranges honoured, cancel between letters, and the same drawn onto a PDF-file printer
(the path where there is no CUPS). CUPS tests need SALES_DESK_TEST_PRINTER(_OUT)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QPageRanges
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from sales_desk.domain.common.errors import Cancelled
from sales_desk.reports.common import print_server
from sales_desk.ui import printing
from sales_desk.ui.printing import PrintDocument, print_batch, print_pdf
from tests.print_queue import PrintQueue, page_count, pdf_text
from tests.sample_letters import letter_pdf, letters_pdf

REFS = ["DL2026-00101", "DL2026-00102", "DL2026-00103"]


def _cups(queue: PrintQueue) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPrinterName(queue.name)
    return printer


def _file_printer(path: Path) -> QPrinter:
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def _pages(printer: QPrinter, first: int, last: int) -> None:
    ranges = QPageRanges()
    ranges.addRange(first, last)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setPageRanges(ranges)


def _ink(path: Path, dpi: int = 40, block: int = 4) -> list[list[float]]:
    """Each page of a PDF as how much ink each small square holds (0 white … 1 black),
    rendered by QtPdf: a page compared as it looks, whether drawn as text or as an image."""
    from PySide6.QtCore import QSize

    doc, buffer = printing._load(path.read_bytes())
    pages = []
    for n in range(doc.pageCount()):
        size = doc.pagePointSize(n)
        image = doc.render(n, QSize(round(size.width() / 72 * dpi), round(size.height() / 72 * dpi)))
        ink = []
        for top in range(0, image.height() - block + 1, block):
            for left in range(0, image.width() - block + 1, block):
                dark = 0.0
                for y in range(top, top + block):
                    for x in range(left, left + block):
                        c = image.pixelColor(x, y)
                        dark += c.alphaF() * (1 - c.lightnessF())
                ink.append(dark / block**2)
        pages.append(ink)
    doc.close()
    buffer.close()
    return pages


def _alike(a: list[float], b: list[float]) -> float:
    """How alike two pages look: the correlation of their ink (1.0 the same, 0 unrelated)."""
    from statistics import correlation

    if len(set(a)) < 2 or len(set(b)) < 2:  # a blank page is like nothing
        return 0.0
    return correlation(a, b)


class _CancelAfter:
    """A CancelToken stand-in: the user presses Cancel while document `n` prints."""

    def __init__(self, n: int):
        self.n, self.seen = n, []

    def progress(self, done: int, total: int = 0, text: str = "") -> None:
        self.seen.append(text)
        if done >= self.n:
            raise Cancelled()


# -- on the CUPS queue ------------------------------------------------------------------------

def test_a_letter_printed_on_the_cups_queue_reads_back(print_queue: PrintQueue, tmp_path: Path, qapp) -> None:  # noqa: ANN001
    job = print_pdf(letter_pdf(tmp_path, "DL2026-00042", "en"), _cups(print_queue), "DL2026-00042")
    printed = print_queue.printed(job)
    text = pdf_text(printed)
    assert "DL2026-00042" in text and "Dunning notice" in text and "C0042" in text
    assert page_count(printed) == 1


def test_a_chinese_letter_prints_as_it_looks(print_queue: PrintQueue, tmp_path: Path, qapp) -> None:  # noqa: ANN001
    """cups-pdf turns the PDF into PostScript and back, which loses the text's Unicode
    for the Chinese glyphs (poppler then reads only the Latin text): so the page is
    compared as it looks with the letter as rendered, besides its number."""
    source = tmp_path / "zh.pdf"
    source.write_bytes(letter_pdf(tmp_path, "DL2026-00043", "zh_CN"))
    printed = print_queue.printed(print_pdf(source.read_bytes(), _cups(print_queue), "DL2026-00043"))
    assert "DL2026-00043" in pdf_text(printed) and page_count(printed) == 1
    (want,), (got,) = _ink(source), _ink(printed)
    assert _alike(want, got) > 0.8, _alike(want, got)
    english = tmp_path / "en.pdf"
    english.write_bytes(letter_pdf(tmp_path, "DL2026-00044", "en"))
    (other,) = _ink(english)
    assert _alike(want, other) < 0.6, _alike(want, other)  # an English letter does not pass for it


def test_a_batch_of_three_letters_goes_as_three_jobs(print_queue: PrintQueue, tmp_path: Path, qapp) -> None:  # noqa: ANN001
    asked: list[str] = []

    def document(ref: str) -> PrintDocument:
        pdf = letter_pdf(tmp_path, ref, "zh_CN")
        return PrintDocument(ref, lambda where: asked.append(where) or pdf)

    token = _CancelAfter(99)
    result = print_batch([document(ref) for ref in REFS], _cups(print_queue), token)  # type: ignore[arg-type]
    assert (result.sent, result.total, result.cancelled) == (3, 3, False)
    assert asked == [print_queue.name] * 3 and len(token.seen) == 3 and "(1 of 3)" in token.seen[0]
    for ref, job in zip(REFS, result.jobs, strict=True):
        printed = print_queue.printed(job)
        assert ref in pdf_text(printed) and page_count(printed) == 1


def test_cancel_stops_a_batch_between_letters(print_queue: PrintQueue, tmp_path: Path, qapp) -> None:  # noqa: ANN001
    documents = [PrintDocument.of(ref, letter_pdf(tmp_path, ref, "en")) for ref in REFS]
    result = print_batch(documents, _cups(print_queue), _CancelAfter(1))  # type: ignore[arg-type]
    assert (result.sent, result.total, result.cancelled) == (1, 3, True) and len(result.jobs) == 1
    assert REFS[0] in pdf_text(print_queue.printed(result.jobs[0]))


def test_the_page_range_chosen_is_printed_by_cups(print_queue: PrintQueue, tmp_path: Path, qapp) -> None:  # noqa: ANN001
    printer = _cups(print_queue)
    _pages(printer, 2, 3)
    printed = print_queue.printed(print_pdf(letters_pdf(tmp_path, REFS), printer, "pages 2-3"))
    text = pdf_text(printed)
    assert page_count(printed) == 2 and REFS[0] not in text and REFS[1] in text and REFS[2] in text
    printer = _cups(print_queue)
    printer.setPrintRange(QPrinter.PrintRange.CurrentPage)
    printed = print_queue.printed(print_pdf(letters_pdf(tmp_path, REFS), printer, "current page", current_page=2))
    assert page_count(printed) == 1 and REFS[2] in pdf_text(printed)


def test_an_unknown_printer_is_named_with_those_there_are(print_queue: PrintQueue, tmp_path: Path) -> None:
    with pytest.raises(print_server.PrintError) as refused:
        print_server.submit(letter_pdf(tmp_path), "NoSuchPrinter", "x")
    assert "NoSuchPrinter" in str(refused.value) and print_queue.name in str(refused.value)


# -- drawn onto a PDF-file printer (no CUPS needed) ----------------------------------------

def test_drawn_pages_honour_copies_and_the_page_range_with_no_blank_page(tmp_path: Path, qapp) -> None:  # noqa: ANN001
    source = tmp_path / "three.pdf"
    source.write_bytes(letters_pdf(tmp_path, REFS, ["en", "zh_CN", "en"]))  # pages 2 and 3 look unlike
    target = tmp_path / "printed.pdf"
    printer = _file_printer(target)
    printer.setResolution(150)  # drawn at 150 dpi: compared at 40 dpi as sharp as the source
    printer.setCopyCount(2)
    _pages(printer, 2, 3)
    assert print_pdf(source.read_bytes(), printer, "two copies") == ""
    assert page_count(target) == 4
    want, got = _ink(source), _ink(target)
    assert [2 if _alike(want[1], page) > _alike(want[2], page) else 3 for page in got] == [2, 3, 2, 3]  # collated
    assert min(_alike(want[[1, 2, 1, 2][n]], page) for n, page in enumerate(got)) > 0.8  # none blank


def test_a_batch_into_a_pdf_file_is_one_file_of_every_letter(tmp_path: Path, qapp) -> None:  # noqa: ANN001
    target = tmp_path / "batch.pdf"
    documents = [PrintDocument.of(ref, letter_pdf(tmp_path, ref, "en")) for ref in REFS]
    asked = []
    documents[0] = PrintDocument(REFS[0], lambda where: asked.append(where) or letter_pdf(tmp_path, REFS[0], "en"))
    result = print_batch(documents, _file_printer(target))
    assert (result.sent, result.jobs, asked) == (3, (), [printing.FILE])
    assert page_count(target) == 3


def test_print_documents_asks_once_and_prints_in_the_background(
        qtbot, ctx, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, messages) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QWidget

    target = tmp_path / "batch.pdf"
    asked: list[tuple[str, int]] = []

    def choose(parent, title, pages=0, current_page=-1):  # noqa: ANN001, ANN202
        asked.append((title, pages))
        return _file_printer(target)

    monkeypatch.setattr(printing, "choose_printer", choose)
    parent = QWidget()
    qtbot.addWidget(parent)
    documents = [PrintDocument.of(ref, letter_pdf(tmp_path, ref, "en")) for ref in REFS]
    done = []
    printing.print_documents(parent, ctx.runner, documents, "Dunning notices", done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=20_000)
    assert asked == [("Dunning notices", 0)]  # whole documents: no page range offered
    assert done[0].sent == 3 and page_count(target) == 3
    assert messages.texts("info") == [f"3 documents went to {target}."]


def test_no_printer_on_the_computer_is_said_plainly(qtbot, monkeypatch: pytest.MonkeyPatch, messages) -> None:  # noqa: ANN001
    monkeypatch.setattr(QPrinterInfo, "availablePrinters", staticmethod(lambda: []))
    assert printing.choose_printer(None, "DL2026-00042", pages=1) is None
    assert "No printer is set up" in messages.texts("error")[0]
