"""Asks for the reason a sales plan is returned or revised (or a comment); OK only with
one when it is required."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from sales_desk.i18n import _
from sales_desk.ui.login import ERROR_STYLE


class ReasonDialog(QDialog):
    """Asks for a reason (a refusal, a revision) or a comment; `chosen(text)` on OK."""

    def __init__(self, title: str, prompt: str, required: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(title)
        self.required = required
        self.text = QPlainTextEdit()
        self.text.setObjectName("reason")
        self.text.setTabChangesFocus(True)
        self.problem = QLabel()
        self.problem.setStyleSheet(ERROR_STYLE)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("OK"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        label = QLabel(prompt)
        label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.text)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.resize(440, 220)

    def accept(self) -> None:
        if self.required and not self.text.toPlainText().strip():
            self.problem.setText(_("Say why."))
            return
        super().accept()

    def reason(self) -> str:
        return self.text.toPlainText().strip()
