"""The one preview window of every printed form: Qt's own PDF viewer (QtPdf).

It takes the PDF as bytes (never a path that could change or vanish while it is shown),
a title, and a notice for its banner ("Copy of DR2026-00001 — issued … by 张伟",
"Draft — not issued"). Print… and Save as PDF… ask the caller's `output(destination)`
for the bytes to put out: the caller may log the output and hand back other bytes (a
reprint stamped as a copy); destination is the printer's name, or "file" (printing.FILE)
for Save as PDF and for printing into a file. Without `output`, the shown bytes go out.

Keys: PgUp/PgDn previous/next page, Ctrl+Home/Ctrl+End first/last, Ctrl+plus/minus zoom,
Ctrl+0 fit width, Ctrl+9 fit page, Ctrl+P print, Ctrl+S save, Esc closes.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QResizeEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from sales_desk.domain.common.errors import DomainError
from sales_desk.i18n import _
from sales_desk.ui import printing
from sales_desk.ui.widgets import dialogs

if TYPE_CHECKING:
    from sales_desk.ui.tasks import TaskRunner

ZOOM_STEP, ZOOM_MIN, ZOOM_MAX = 1.25, 0.25, 4.0
NOTICE_STYLE = "background: #fff4c2; color: #5c4400; border: 1px solid #e0c25c; padding: 6px; font-weight: bold;"


class PdfPreview(QDialog):
    """A PDF shown for reading, printing and saving. See the module's docstring."""

    def __init__(self, pdf: bytes, title: str, *, notice: str = "",
                 output: Callable[[str], bytes] | None = None, file_name: str = "",
                 runner: TaskRunner | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("pdfPreview")
        self.title, self.pdf = title, pdf
        self.file_name = file_name or f"{title}.pdf"
        self._output = output or (lambda _destination: pdf)
        self._runner = runner
        self._buffer = QBuffer(self)  # QPdfDocument reads pages lazily: keep the bytes alive
        self._buffer.setData(QByteArray(pdf))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self._buffer)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.notice = QLabel(notice)
        self.notice.setObjectName("previewNotice")
        self.notice.setStyleSheet(NOTICE_STYLE)
        self.notice.setWordWrap(True)
        self.notice.setVisible(bool(notice))
        self.notice.setAccessibleName(_("Notice"))
        self.status = QLabel()
        self.status.setObjectName("previewStatus")
        self._build_toolbar()
        layout = QVBoxLayout(self)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.notice)
        layout.addWidget(self.view, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.page_label)
        bottom.addStretch(1)
        bottom.addWidget(self.status)
        layout.addLayout(bottom)
        self.view.pageNavigator().currentPageChanged.connect(self._page_shown)
        self._page_shown(0)
        self.resize(820, 1000)
        self.view.setFocus()

    # -- the toolbar and its keys ---------------------------------------------------------
    def _action(self, text: str, slot: Callable[[], Any], *keys: QKeySequence | str
                | QKeySequence.StandardKey) -> QAction:
        action = QAction(text, self)
        sequences: list[QKeySequence] = []
        for k in keys:  # a key bound twice is ambiguous and then does nothing: once each
            for seq in QKeySequence.keyBindings(k) if isinstance(k, QKeySequence.StandardKey) else [QKeySequence(k)]:
                if seq not in sequences:
                    sequences.append(seq)
        action.setShortcuts(sequences)
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        if keys:
            action.setToolTip(f"{text} ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})")
        return action

    def _build_toolbar(self) -> None:
        key = QKeySequence.StandardKey
        self.print_action = self._action(_("&Print…"), self.print_document, key.Print)
        self.save_action = self._action(_("Save as &PDF…"), self.save_document, key.Save)
        self.previous_action = self._action(_("Previous page"), self.previous_page, "PgUp")
        self.next_action = self._action(_("Next page"), self.next_page, "PgDown")
        self.first_action = self._action(_("First page"), lambda: self.go_to(0), "Ctrl+Home")
        self.last_action = self._action(_("Last page"), lambda: self.go_to(self.pages() - 1), "Ctrl+End")
        self.zoom_out_action = self._action(_("Zoom out"), self.zoom_out, key.ZoomOut, "Ctrl+-")
        self.zoom_in_action = self._action(_("Zoom in"), self.zoom_in, key.ZoomIn, "Ctrl+=", "Ctrl++")
        self.fit_width_action = self._action(_("Fit width"), self.fit_width, "Ctrl+0")
        self.fit_page_action = self._action(_("Fit page"), self.fit_page, "Ctrl+9")
        for action in (self.fit_width_action, self.fit_page_action):
            action.setCheckable(True)
        self.spin = QSpinBox()
        self.spin.setRange(1, max(1, self.pages()))
        self.spin.setAccessibleName(_("Page"))
        self.spin.setToolTip(_("Go to page"))
        self.spin.setKeyboardTracking(False)
        self.spin.valueChanged.connect(lambda value: self.go_to(value - 1))
        self.of_label = QLabel(_("of {pages}").format(pages=self.pages()))
        self.zoom_label = QLabel()
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.zoom_label.setMinimumWidth(70)
        self.page_label = QLabel()
        bar = self.toolbar = QToolBar()
        bar.addAction(self.print_action)
        bar.addAction(self.save_action)
        bar.addSeparator()
        bar.addAction(self.previous_action)
        bar.addWidget(self.spin)
        bar.addWidget(self.of_label)
        bar.addAction(self.next_action)
        bar.addSeparator()
        bar.addAction(self.zoom_out_action)
        bar.addWidget(self.zoom_label)
        bar.addAction(self.zoom_in_action)
        bar.addAction(self.fit_width_action)
        bar.addAction(self.fit_page_action)
        self._zoom_shown()

    # -- pages ----------------------------------------------------------------------------
    def pages(self) -> int:
        return self.document.pageCount()

    def current_page(self) -> int:
        """The page shown, 0-based."""
        return self.view.pageNavigator().currentPage()

    def go_to(self, page: int) -> None:
        page = min(max(page, 0), max(self.pages() - 1, 0))
        navigator = self.view.pageNavigator()
        if page != navigator.currentPage():
            navigator.jump(page, QPointF(), navigator.currentZoom())
        self._page_shown(page)

    def next_page(self) -> None:
        self.go_to(self.current_page() + 1)

    def previous_page(self) -> None:
        self.go_to(self.current_page() - 1)

    def _page_shown(self, page: int) -> None:
        page = self.current_page() if page < 0 else page
        self.spin.blockSignals(True)
        self.spin.setValue(page + 1)
        self.spin.blockSignals(False)
        self.page_label.setText(_("Page {page} of {pages}").format(page=page + 1, pages=self.pages()))
        self.previous_action.setEnabled(page > 0)
        self.next_action.setEnabled(page < self.pages() - 1)

    # -- zoom -----------------------------------------------------------------------------
    def zoom_in(self) -> None:
        self.set_zoom(self._zoom() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self._zoom() / ZOOM_STEP)

    def set_zoom(self, factor: float) -> None:
        self._zoom_to(QPdfView.ZoomMode.Custom, min(max(factor, ZOOM_MIN), ZOOM_MAX))

    def fit_width(self) -> None:
        self._zoom_to(QPdfView.ZoomMode.FitToWidth)

    def fit_page(self) -> None:
        self._zoom_to(QPdfView.ZoomMode.FitInView)

    def _zoom_to(self, mode: QPdfView.ZoomMode, factor: float | None = None) -> None:
        """Zoom, keeping the same part of the document in view (the view keeps its scroll
        position in pixels, which after a zoom would show another page)."""
        bar = self.view.verticalScrollBar()
        at = bar.value() / bar.maximum() if bar.maximum() else 0.0
        self.view.setZoomMode(mode)
        if factor is not None:
            self.view.setZoomFactor(factor)
        self._zoom_shown()
        QTimer.singleShot(0, bar, lambda: bar.setValue(round(at * bar.maximum())))  # once laid out anew

    def _zoom(self) -> float:
        """The scale shown: in a fit mode, the one the fit gives (in the view's pixels)."""
        if self.view.zoomMode() == QPdfView.ZoomMode.Custom or self.pages() == 0:
            return self.view.zoomFactor()
        size = self.document.pagePointSize(self.current_page())
        dpi = self.logicalDpiX() / 72
        width = self.view.viewport().width() - 2 * self.view.documentMargins().left()
        height = self.view.viewport().height() - 2 * self.view.documentMargins().top()
        by_width = width / (size.width() * dpi)
        if self.view.zoomMode() == QPdfView.ZoomMode.FitToWidth:
            return by_width
        return min(by_width, height / (size.height() * dpi))

    def _zoom_shown(self) -> None:
        mode = self.view.zoomMode()
        self.fit_width_action.setChecked(mode == QPdfView.ZoomMode.FitToWidth)
        self.fit_page_action.setChecked(mode == QPdfView.ZoomMode.FitInView)
        self.zoom_label.setText(f"{round(self._zoom() * 100)} %")

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        # a fit's scale follows the view's new size; the view as context: no call once it is gone
        QTimer.singleShot(0, self.view, self._zoom_shown)

    # -- output ---------------------------------------------------------------------------
    def print_document(self) -> None:
        """Ctrl+P: the system print dialog, then the chosen printer."""
        printer = printing.choose_printer(self, self.title, self.pages(), self.current_page())
        if printer is not None:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> None:
        """Print the caller's output bytes on a printer set up already (as the dialog left it)."""
        where, page, output, title = printing.destination(printer), self.current_page(), self._output, self.title

        def job() -> str:
            return printing.print_pdf(output(where), printer, title, page)

        def done(job_id: str) -> None:
            name = printer.outputFileName() if where == printing.FILE else printer.printerName()
            text = (_("Sent to {printer} (job {job}).").format(printer=name, job=job_id) if job_id
                    else _("Sent to {printer}.").format(printer=name))
            self.status.setText(text)

        self._run(job, done)

    def save_document(self) -> None:
        """Ctrl+S: ask where, then write the caller's output bytes there."""
        path = dialogs.save_file(self, _("Save as PDF"), Path.home() / self.file_name, _("PDF files (*.pdf)"))
        if path:
            self.save_to(Path(path))

    def save_to(self, path: Path) -> None:
        output = self._output

        def job() -> Path:
            data = output(printing.FILE)
            part = path.with_name(path.name + ".part")
            try:
                part.write_bytes(data)
                os.replace(part, path)
            finally:
                part.unlink(missing_ok=True)
            return path

        self._run(job, lambda saved: self.status.setText(_("Saved to {path}.").format(path=saved)))

    def _run(self, job: Callable[[], Any], done: Callable[[Any], None]) -> None:
        """On the runner when there is one (the caller's output may reach the database),
        else here; errors are shown either way."""
        if self._runner is not None:
            self._runner.run(job, done, owner=self)
            return
        try:
            result = job()
        except DomainError as exc:
            dialogs.show_error(self, str(exc))
        except OSError as exc:
            dialogs.show_error(self, _("The file could not be written: {reason}").format(
                reason=exc.strerror or exc))
        else:
            done(result)


def show_preview(parent: QWidget | None, pdf: bytes, title: str, **kwargs: Any) -> PdfPreview:
    """Open a preview window (not modal: the user may keep working beside it); it is
    deleted when closed. Keyword arguments as PdfPreview's."""
    preview = PdfPreview(pdf, title, parent=parent, **kwargs)
    preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    preview.show()
    return preview
