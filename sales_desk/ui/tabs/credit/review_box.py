"""Finance's review of a submitted investigation [财务部审核]: a note for the investigator,
and the two ways out: pass it (the customer-service side may then propose a rating on it)
or return it to the investigator (which needs the note saying what to correct).

The box only draws; the dialog asks, checks and calls the service.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sales_desk.i18n import _


class ReviewBox(QGroupBox):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(_("Finance review [财务部审核]"), parent)
        self.setObjectName("review_box")
        self.note_edit = QPlainTextEdit()
        self.note_edit.setObjectName("review_edit")
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setPlaceholderText(_("A note for the investigator (needed to return it)"))
        self.pass_button = QPushButton(_("&Pass review…"))
        self.return_button = QPushButton(_("Re&turn to the investigator"))
        buttons = QVBoxLayout()
        buttons.addWidget(self.pass_button)
        buttons.addWidget(self.return_button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addWidget(self.note_edit, 1)
        layout.addLayout(buttons)
        self.hide()
