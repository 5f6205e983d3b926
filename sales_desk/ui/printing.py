"""The window's one print path: PDF bytes to a printer, one document or a batch.

Where the machine has CUPS (Linux, macOS) and the user chose one of its printers, the
PDF goes to CUPS as it is (reports/common/print_server.py), with the print dialog's
copies, pages and sides as job options: the printer gets vector pages and their text,
and the job is as small as the file. Elsewhere (Windows, or "print to file" in the
dialog) the pages are drawn onto the QPrinter: QtPdf renders each page at the printer's
resolution (at most MAX_DPI), in bands so that a page never needs one huge image, and
copies and page ranges are honoured here when the printer does not do them itself.

A batch (a day's letters to the office printer) goes as one job per document: Cancel
takes effect between two letters, and the result says exactly how many went out. Into a
PDF file a batch is one file, as nothing else can be opened afterwards.

`output(destination)` gives the bytes to print for each document: the caller may log the
output, or stamp the bytes (a reprint marked as a copy); the destination is the
printer's name, or FILE for a PDF file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QRectF, QSize
from PySide6.QtGui import QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget

from sales_desk.domain.common.errors import Cancelled
from sales_desk.i18n import _, ngettext
from sales_desk.reports.common import print_server
from sales_desk.reports.common.print_server import JobOptions, PrintError
from sales_desk.ui.tasks import CancelToken, TaskRunner
from sales_desk.ui.widgets import dialogs

FILE = "file"  # the destination of a PDF file, as output(destination) is told
MAX_DPI = 600  # an A4 page at 600 dpi is 35 M pixels; more only makes the job larger
BAND_ROWS = 512  # a page is rendered in bands of this many rows (≈10 MB each at 600 dpi)

_SIDES = {
    QPrinter.DuplexMode.DuplexNone: "one-sided",
    QPrinter.DuplexMode.DuplexLongSide: "two-sided-long-edge",
    QPrinter.DuplexMode.DuplexShortSide: "two-sided-short-edge",
}


@dataclass(frozen=True)
class PrintDocument:
    """One document of a batch: its job name and the bytes to print, asked for when it
    is its turn (`output(destination)`, destination the printer's name or FILE)."""

    title: str
    output: Callable[[str], bytes]

    @classmethod
    def of(cls, title: str, pdf: bytes) -> PrintDocument:
        return cls(title, lambda _destination: pdf)


@dataclass(frozen=True)
class BatchPrinted:
    """What a batch did: `sent` of `total` documents went to `printer` (fewer when the
    user cancelled); `jobs` the print server's job ids (empty when drawn onto the printer)."""

    printer: str
    sent: int
    total: int
    jobs: tuple[str, ...] = field(default=())

    @property
    def cancelled(self) -> bool:
        return self.sent < self.total


class _Stopped(Exception):
    """The user cancelled within a job drawn onto the printer: the job is aborted."""


def destination(printer: QPrinter) -> str:
    """The printer's name, or FILE when it writes a PDF file."""
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat:
        return FILE
    return printer.printerName()


def uses_print_server(printer: QPrinter) -> bool:
    """True when the PDF goes to CUPS as it is (a CUPS printer), False when drawn."""
    return (printer.outputFormat() == QPrinter.OutputFormat.NativeFormat
            and bool(printer.printerName()) and print_server.available())


def job_options(printer: QPrinter, current_page: int = 0) -> JobOptions:
    """The print dialog's choices as CUPS options; `current_page` (0-based) is printed
    when the dialog's "current page" was chosen."""
    if printer.printRange() == QPrinter.PrintRange.PageRange:
        pages = printer.pageRanges().toString()
    elif printer.printRange() == QPrinter.PrintRange.CurrentPage:
        pages = str(current_page + 1)
    else:
        pages = ""
    return JobOptions(copies=max(1, printer.copyCount()), collate=printer.collateCopies(),
                      pages=pages, sides=_SIDES.get(printer.duplex(), ""))


def print_pdf(pdf: bytes, printer: QPrinter, title: str, current_page: int = 0) -> str:
    """Print `pdf` on `printer` as the print dialog set it up (copies, pages, sides) under
    the job name `title`. Returns the print server's job id ("" when drawn onto the
    printer). Raises PrintError when the printer is missing or refuses the job."""
    if uses_print_server(printer):
        return print_server.submit(pdf, printer.printerName(), title, job_options(printer, current_page))
    with _drawing(printer, title) as draw:
        draw(pdf, current_page)
    return ""


def print_batch(documents: Sequence[PrintDocument], printer: QPrinter,
                token: CancelToken | None = None) -> BatchPrinted:
    """Print each document whole (the printer's copies and sides apply; its page range
    does not), one job each (into a PDF file: one file). `token` (ui.tasks.CancelToken)
    gets the progress before each document; once the user cancels, no further document
    starts and the result counts those sent."""
    total, name = len(documents), printer.printerName() or printer.outputFileName()
    printer.setPrintRange(QPrinter.PrintRange.AllPages)
    jobs: list[str] = []
    sent = 0

    def turn(i: int, d: PrintDocument) -> None:
        if token is not None:
            token.progress(i, total, _("Printing {title} ({n} of {total})…").format(
                title=d.title, n=i + 1, total=total))

    try:
        if uses_print_server(printer):
            options = job_options(printer)
            for i, d in enumerate(documents):
                turn(i, d)
                jobs.append(print_server.submit(d.output(name), name, d.title, options))
                sent += 1
        elif printer.outputFormat() == QPrinter.OutputFormat.PdfFormat:
            with _drawing(printer, _("Batch of {n}").format(n=total)) as draw:
                for i, d in enumerate(documents):
                    _stop_on_cancel(turn, i, d)
                    draw(d.output(FILE))
            sent = total
        else:
            for i, d in enumerate(documents):
                turn(i, d)
                with _drawing(printer, d.title) as draw:
                    draw(d.output(name))
                sent += 1
    except (Cancelled, _Stopped):
        pass
    return BatchPrinted(name, sent, total, tuple(jobs))


def _stop_on_cancel(turn: Callable[[int, PrintDocument], None], i: int, d: PrintDocument) -> None:
    try:
        turn(i, d)
    except Cancelled:
        raise _Stopped() from None


# -- drawing pages onto a QPrinter ------------------------------------------------------------

@contextmanager
def _drawing(printer: QPrinter, title: str) -> Iterator[Callable[..., None]]:
    """One print job on `printer`: yields draw(pdf, current_page=0), which adds the
    chosen pages of a PDF; no page break before the first page or after the last. On an
    error the job is aborted (nothing half-printed is left queued)."""
    if printer.outputFormat() == QPrinter.OutputFormat.NativeFormat and not printer.isValid():
        raise PrintError(_("There is no printer named “{name}”.").format(name=printer.printerName()))
    printer.setDocName(title)
    printer.setFullPage(True)  # the PDF's pages carry their own margins
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintError(_("The printer “{name}” could not be opened.").format(
            name=printer.printerName() or printer.outputFileName()))
    pages_done = [0]

    def draw(pdf: bytes, current_page: int = 0) -> None:
        doc, buffer = _load(pdf)
        try:
            for page in _page_order(printer, doc.pageCount(), current_page):
                if pages_done[0] and not printer.newPage():
                    raise PrintError(_("The printer “{name}” stopped taking pages.").format(
                        name=printer.printerName()))
                _draw_page(doc, page, printer, painter)
                pages_done[0] += 1
        finally:
            doc.close()
            buffer.close()

    try:
        yield draw
    except BaseException:
        painter.end()
        printer.abort()
        raise
    painter.end()


def _load(pdf: bytes) -> tuple[QPdfDocument, QBuffer]:
    """The PDF from memory (the buffer must outlive the document: it reads pages lazily)."""
    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    doc = QPdfDocument()
    doc.load(buffer)
    if doc.status() != QPdfDocument.Status.Ready or doc.pageCount() == 0:
        buffer.close()
        raise PrintError(_("The document could not be read for printing."))
    return doc, buffer


def _page_order(printer: QPrinter, count: int, current_page: int) -> list[int]:
    """The 0-based pages to draw, with copies when the printer does not make them."""
    if printer.printRange() == QPrinter.PrintRange.PageRange and not printer.pageRanges().isEmpty():
        ranges = printer.pageRanges()
        pages = [p for p in range(count) if ranges.contains(p + 1)]
    elif printer.printRange() == QPrinter.PrintRange.CurrentPage:
        pages = [min(max(current_page, 0), count - 1)]
    else:
        pages = list(range(count))
    copies = 1 if printer.supportsMultipleCopies() else max(1, printer.copyCount())
    if printer.collateCopies():
        return pages * copies
    return [p for p in pages for _copy in range(copies)]


def _draw_page(doc: QPdfDocument, page: int, printer: QPrinter, painter: QPainter) -> None:
    """The page fitted to the sheet (its aspect kept), rendered in bands."""
    paper = printer.pageLayout().fullRectPixels(printer.resolution())
    size = doc.pagePointSize(page)
    dpi = min(printer.resolution(), MAX_DPI)
    width, height = max(1, round(size.width() / 72 * dpi)), max(1, round(size.height() / 72 * dpi))
    scale = min(paper.width() / width, paper.height() / height)
    left = paper.x() + (paper.width() - width * scale) / 2
    top = paper.y() + (paper.height() - height * scale) / 2
    for row in range(0, height, BAND_ROWS):
        rows = min(BAND_ROWS, height - row)
        options = QPdfDocumentRenderOptions()
        options.setScaledSize(QSize(width, height))
        options.setScaledClipRect(QRect(0, row, width, rows))
        image = doc.render(page, QSize(width, rows), options)
        painter.drawImage(QRectF(left, top + row * scale, width * scale, rows * scale), image)



# -- asking the user ------------------------------------------------------------------------

def choose_printer(parent: QWidget | None, title: str, pages: int = 0,
                   current_page: int = -1) -> QPrinter | None:
    """The system print dialog (printer, copies, pages; for a batch, `pages` 0: whole
    documents only). None when the user cancels, or when the computer has no printer (said
    so). Tests replace this function, as a modal dialog would wait for a click."""
    from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinterInfo

    if not QPrinterInfo.availablePrinters():
        dialogs.show_error(parent, _("No printer is set up on this computer. Add one in the system's "
                                     "printer settings, or save the document as PDF and print that."))
        return None
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setDocName(title)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(_("Print {title}").format(title=title))
    option = QAbstractPrintDialog.PrintDialogOption
    dialog.setOption(option.PrintPageRange, pages > 0)
    dialog.setOption(option.PrintCurrentPage, pages > 0 and current_page >= 0)
    dialog.setOption(option.PrintSelection, False)
    if pages > 0:
        dialog.setMinMax(1, pages)
        dialog.setFromTo(1, pages)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return None
    return printer


def print_documents(parent: QWidget, runner: TaskRunner, documents: Sequence[PrintDocument],
                    what: str, on_done: Callable[[BatchPrinted], None] | None = None) -> None:
    """Ask for a printer once, then print the documents in the background with progress
    and Cancel; tell the user how many went out. `what` names the batch ("Dunning notices")."""
    if not documents:
        return
    printer = choose_printer(parent, what)
    if printer is None:
        return

    def done(result: BatchPrinted) -> None:
        if result.cancelled:
            dialogs.show_info(parent, _("Cancelled: {sent} of {total} documents went to {printer}.").format(
                sent=result.sent, total=result.total, printer=result.printer))
        else:
            dialogs.show_info(parent, ngettext("{n} document went to {printer}.",
                                               "{n} documents went to {printer}.", result.sent).format(
                n=result.sent, printer=result.printer))
        if on_done is not None:
            on_done(result)

    runner.run_long(lambda token: print_batch(documents, printer, token),
                    _("Printing {what}…").format(what=what), done, owner=parent)
