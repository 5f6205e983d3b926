"""The preview window on real widgets: pages (PgUp/PgDn, the page box, first/last), zoom
(Ctrl+plus/minus, fit width/page), Ctrl+P through the app's print path, Save as PDF
writing the bytes the caller's output gave, the copy/draft banner, Esc."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter

from sales_desk.ui import printing
from sales_desk.ui.widgets import dialogs
from sales_desk.ui.widgets.pdf_preview import PdfPreview, show_preview
from tests.print_queue import page_count
from tests.sample_letters import letter_pdf, letters_pdf

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def three_pages(tmp_path: Path) -> bytes:
    return letters_pdf(tmp_path, ["DL2026-00101", "DL2026-00102", "DL2026-00103"])


def _shown(qtbot, pdf: bytes, **kwargs) -> PdfPreview:  # noqa: ANN001, ANN003
    preview = PdfPreview(pdf, "Dunning notices", **kwargs)
    qtbot.addWidget(preview)
    preview.show()
    preview.activateWindow()
    qtbot.waitUntil(preview.isActiveWindow)
    return preview


def _file_printer(path: Path) -> QPrinter:
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def test_pages_turn_with_pgup_pgdn_the_page_box_and_ctrl_home_end(qtbot, three_pages: bytes) -> None:
    preview = _shown(qtbot, three_pages)
    assert preview.pages() == 3 and preview.page_label.text() == "Page 1 of 3"
    assert not preview.previous_action.isEnabled()
    qtbot.keyClick(preview.view, Qt.Key.Key_PageDown)
    assert preview.current_page() == 1 and preview.spin.value() == 2
    assert preview.page_label.text() == "Page 2 of 3"
    preview.spin.setValue(3)
    assert preview.current_page() == 2 and not preview.next_action.isEnabled()
    qtbot.keyClick(preview.view, Qt.Key.Key_PageDown)  # past the last page: stays
    assert preview.current_page() == 2
    qtbot.keyClick(preview.spin, Qt.Key.Key_PageUp)  # from the page box too
    assert preview.current_page() == 1
    qtbot.keyClick(preview.view, Qt.Key.Key_Home, CTRL)
    assert preview.current_page() == 0
    qtbot.keyClick(preview.view, Qt.Key.Key_End, CTRL)
    assert preview.current_page() == 2 and preview.page_label.text() == "Page 3 of 3"


def test_zoom_with_ctrl_plus_minus_and_back_to_fit_width_or_page(qtbot, three_pages: bytes) -> None:
    preview = _shown(qtbot, three_pages)
    assert preview.view.zoomMode() == QPdfView.ZoomMode.FitToWidth and preview.fit_width_action.isChecked()
    fitted = preview._zoom()
    preview.go_to(1)
    qtbot.keyClick(preview.view, Qt.Key.Key_Plus, CTRL)
    assert preview.view.zoomMode() == QPdfView.ZoomMode.Custom
    assert preview.view.zoomFactor() == pytest.approx(fitted * 1.25)
    assert preview.zoom_label.text() == f"{round(fitted * 125)} %"
    qtbot.wait(50)
    assert preview.current_page() == 1  # still the page that was shown
    qtbot.keyClick(preview.view, Qt.Key.Key_Minus, CTRL)
    qtbot.keyClick(preview.view, Qt.Key.Key_Minus, CTRL)
    assert preview.view.zoomFactor() == pytest.approx(fitted / 1.25)
    for _ in range(20):
        preview.zoom_out()
    assert preview.view.zoomFactor() == pytest.approx(0.25)  # never smaller
    qtbot.keyClick(preview.view, Qt.Key.Key_9, CTRL)
    assert preview.view.zoomMode() == QPdfView.ZoomMode.FitInView and preview.fit_page_action.isChecked()
    assert preview.zoom_label.text() == f"{round(preview._zoom() * 100)} %" and preview._zoom() < fitted
    qtbot.keyClick(preview.view, Qt.Key.Key_0, CTRL)
    assert preview.view.zoomMode() == QPdfView.ZoomMode.FitToWidth and not preview.fit_page_action.isChecked()


def test_ctrl_p_prints_the_callers_output_through_the_print_path(
        qtbot, tmp_path: Path, three_pages: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    stamped = letter_pdf(tmp_path, "DL2026-00999", "en")  # the caller hands back other bytes
    asked: list[str] = []
    target = tmp_path / "printed.pdf"
    chosen: list[tuple[int, int]] = []

    def choose(parent, title, pages=0, current_page=-1):  # noqa: ANN001, ANN202
        chosen.append((pages, current_page))
        return _file_printer(target)

    monkeypatch.setattr(printing, "choose_printer", choose)
    preview = _shown(qtbot, three_pages, output=lambda where: asked.append(where) or stamped)
    qtbot.keyClick(preview.view, Qt.Key.Key_PageDown)
    qtbot.keyClick(preview.view, Qt.Key.Key_P, CTRL)
    assert chosen == [(3, 1)]  # the dialog offers the pages and the current one
    assert asked == [printing.FILE]
    assert page_count(target) == 1  # the output's one page, not the three shown
    assert preview.status.text() == f"Sent to {target}."


def test_the_print_dialog_cancelled_prints_nothing(qtbot, three_pages: bytes,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []
    monkeypatch.setattr(printing, "choose_printer", lambda *a, **k: None)
    preview = _shown(qtbot, three_pages, output=lambda where: asked.append(where) or b"")
    preview.print_action.trigger()
    assert asked == [] and preview.status.text() == ""


def test_save_as_pdf_writes_the_bytes_the_callback_gave(
        qtbot, tmp_path: Path, three_pages: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    stamped = letter_pdf(tmp_path, "DL2026-00999", "en")
    asked: list[str] = []
    target = tmp_path / "saved.pdf"
    monkeypatch.setattr(dialogs, "save_file", lambda parent, title, default, flt: str(target))
    preview = _shown(qtbot, three_pages, output=lambda where: asked.append(where) or stamped,
                     file_name="dunning.pdf")
    qtbot.keyClick(preview.view, Qt.Key.Key_S, CTRL)
    assert asked == ["file"] and target.read_bytes() == stamped
    assert not target.with_name("saved.pdf.part").exists()
    assert preview.status.text() == f"Saved to {target}."


def test_without_an_output_callback_the_shown_bytes_are_saved(
        qtbot, tmp_path: Path, three_pages: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "saved.pdf"
    monkeypatch.setattr(dialogs, "save_file", lambda parent, title, default, flt: str(target))
    preview = _shown(qtbot, three_pages)
    preview.save_action.trigger()
    assert target.read_bytes() == three_pages


def test_a_refused_output_is_shown_and_nothing_is_written(
        qtbot, tmp_path: Path, three_pages: bytes, monkeypatch: pytest.MonkeyPatch, messages) -> None:  # noqa: ANN001
    from sales_desk.domain.common.errors import NotPermitted

    def refuse(where: str) -> bytes:
        raise NotPermitted("print letters")

    target = tmp_path / "saved.pdf"
    monkeypatch.setattr(dialogs, "save_file", lambda parent, title, default, flt: str(target))
    preview = _shown(qtbot, three_pages, output=refuse)
    preview.save_document()
    assert not target.exists() and "print letters" in messages.texts("error")[0]


def test_the_banner_shows_the_copy_or_draft_notice(qtbot, three_pages: bytes) -> None:
    notice = "Copy of DR2026-00001 — issued 2026-12-05 by 张伟"
    preview = _shown(qtbot, three_pages, notice=notice)
    assert preview.notice.isVisible() and preview.notice.text() == notice
    plain = _shown(qtbot, three_pages)
    assert not plain.notice.isVisible()


def test_escape_closes_the_preview(qtbot, three_pages: bytes) -> None:
    preview = show_preview(None, three_pages, "Dunning notices", notice="Draft — not issued")
    qtbot.waitUntil(preview.isVisible)
    preview.activateWindow()
    qtbot.waitUntil(preview.isActiveWindow)
    qtbot.keyClick(preview.view, Qt.Key.Key_Escape)
    assert not preview.isVisible()
