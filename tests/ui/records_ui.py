"""Documents of record in UI tests: what a preview shows and prints, read back."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter

from sales_desk.ui import printing
from sales_desk.ui.widgets import dialogs
from sales_desk.ui.widgets.pdf_preview import PdfPreview
from tests.ui.conftest import idle


def pdf_text(pdf: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


def print_into(monkeypatch: pytest.MonkeyPatch, target: Path) -> None:
    """The print dialog answers "print into the PDF file `target`"."""
    def choose(parent, title, pages=0, current_page=-1) -> QPrinter:  # noqa: ANN001
        printer = QPrinter()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        return printer

    monkeypatch.setattr(printing, "choose_printer", choose)


def save_preview(qtbot, ctx, preview: PdfPreview, monkeypatch: pytest.MonkeyPatch, target: Path) -> bytes:  # noqa: ANN001
    """Save as PDF… into `target`; the bytes written."""
    monkeypatch.setattr(dialogs, "save_file", lambda *a, **k: str(target))
    preview.save_action.trigger()
    idle(qtbot, ctx)
    return target.read_bytes()


def assert_previewed(preview: PdfPreview | None, *, copy: bool) -> PdfPreview:
    """A preview of an issued document: pages shown, its number in the banner, a copy or not."""
    assert preview is not None and preview.pages() >= 1
    text = preview.notice.text()
    assert "DR" in text and text.startswith("Copy of") == copy, text
    assert ("COPY" in pdf_text(preview.pdf)) == copy
    return preview


def press_ctrl_p(qtbot, widget) -> None:  # noqa: ANN001
    """Ctrl+P on `widget`, its window active (a page's keys act only there)."""
    from PySide6.QtCore import Qt

    widget.window().activateWindow()
    qtbot.waitUntil(widget.window().isActiveWindow)
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
