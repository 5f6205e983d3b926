"""The header line of a customer file: the customer's name and code, the file's flags as
chips (credit hold, stale, key account, review pending), and, for managers, the button
that opens the confidential file.

A layout rather than a widget: it adds no margins of its own, and its labels and chips
belong to the dialog it is laid out in.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton

from sales_desk.i18n import _
from sales_desk.services.customers.data import CustomerCard
from sales_desk.ui.tabs.customers.flags import chip


class FileHeader(QHBoxLayout):
    def __init__(self, title: str = ""):
        super().__init__()
        self.title = QLabel(title)
        self.title.setObjectName("file_title")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.chips = QHBoxLayout()
        self.chips.setSpacing(6)
        self.open_full_button = QPushButton(_("Open the &confidential file…"))
        self.open_full_button.setObjectName("open_confidential")
        self.open_full_button.hide()
        self.addWidget(self.title)
        self.addLayout(self.chips)
        self.addStretch(1)
        self.addWidget(self.open_full_button)

    def show_card(self, card: CustomerCard) -> None:
        self.title.setText(_("{name} ({code})").format(name=card.name, code=card.code))
        while self.chips.count():
            item = self.chips.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        if card.credit_hold:
            self.chips.addWidget(chip("credit_hold"))
        if card.stale:
            self.chips.addWidget(chip("stale", _("Stale: not updated since {date}").format(
                date=card.file_updated_on.isoformat())))
        if card.key_account:
            self.chips.addWidget(chip("key_account"))
        if card.review_status != "reviewed":
            self.chips.addWidget(chip("review_pending"))
