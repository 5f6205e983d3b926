"""The user guide's window: the contents on the left, the page on the right (F1)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTextBrowser,
    QWidget,
)

from sales_desk.i18n import _, current_language
from sales_desk.ui import geometry
from sales_desk.ui.help.pages import contents, key_of, page_path

GEOMETRY_KEY = "help"
KEY_ROLE = 0x0100  # Qt.ItemDataRole.UserRole


class HelpWindow(QDialog):
    """Not modal: the reader keeps it open beside the window they are working in."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Sales Desk — user guide"))
        self.setModal(False)
        self.language = current_language()
        self.pages = QListWidget()
        self.pages.setObjectName("help_contents")
        for page in contents(self.language):
            item = QListWidgetItem(page.title)
            item.setData(KEY_ROLE, page.key)
            self.pages.addItem(item)
        self.browser = QTextBrowser()
        self.browser.setObjectName("help_page")
        self.browser.setOpenExternalLinks(True)  # web links in a browser; links between pages here
        splitter = QSplitter()
        splitter.addWidget(self.pages)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([280, 720])
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.pages.currentItemChanged.connect(self._chosen)
        self.browser.sourceChanged.connect(self._followed)
        geometry.restore_geom(self, GEOMETRY_KEY, (1000, 720))

    def show_page(self, key: str) -> None:
        self.browser.setSource(QUrl.fromLocalFile(str(page_path(key, self.language))))
        self.show()
        self.raise_()
        self.activateWindow()

    @property
    def current_key(self) -> str | None:
        return key_of(Path(self.browser.source().toLocalFile()))

    def _chosen(self, item: QListWidgetItem | None) -> None:
        if item is not None and item.data(KEY_ROLE) != self.current_key:
            self.show_page(item.data(KEY_ROLE))

    def _followed(self, url: QUrl) -> None:
        """A link to another page was followed: the contents show where the reader is."""
        key = key_of(Path(url.toLocalFile()))  # the signal's URL: source() may not have moved yet
        for row in range(self.pages.count()):
            if self.pages.item(row).data(KEY_ROLE) == key:
                self.pages.blockSignals(True)
                self.pages.setCurrentRow(row)
                self.pages.blockSignals(False)
                return

    def done(self, result: int) -> None:
        geometry.save_geom(self, GEOMETRY_KEY)
        super().done(result)
