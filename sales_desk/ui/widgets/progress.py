"""The progress dialog of long jobs: a bar, a line of text, and Cancel.

A small QDialog rather than QProgressDialog: QProgressDialog.setValue runs a nested
event loop when modal, which would let a job's result arrive in the middle of
drawing its own progress.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QProgressBar, QVBoxLayout, QWidget

from sales_desk.i18n import _

SHOW_AFTER_MS = 400  # quick jobs never flash a dialog


class ProgressDialog(QDialog):
    sig_cancel_requested = Signal()
    """The user pressed Cancel (or Escape); the job stops at its next check."""

    def __init__(self, title: str, cancellable: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(380)
        self.label = QLabel(title)
        self.label.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # busy until a total is known
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        self.buttons = QDialogButtonBox()
        if cancellable:
            cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
            cancel.setText(_("Cancel"))
            cancel.clicked.connect(self.reject)
        layout.addWidget(self.buttons)
        self._cancellable = cancellable
        self._done = False
        QTimer.singleShot(SHOW_AFTER_MS, self._show_if_running)

    def _show_if_running(self) -> None:
        if not self._done:
            self.show()

    def set_progress(self, done: int, total: int, text: str = "") -> None:
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
        if text:
            self.label.setText(text)

    def reject(self) -> None:  # Cancel button, Escape, closing the window
        if self._cancellable and not self._done:
            self.label.setText(_("Cancelling…"))
            self.sig_cancel_requested.emit()

    def finish(self) -> None:
        self._done = True
        self.hide()
        self.deleteLater()
