"""The receipts on the expense application form: the files chosen to attach (copied into
the data folder when the claim is submitted) and, on a returned claim, the ones it has
already, listed but not removable (they are part of its record).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sales_desk.i18n import _
from sales_desk.ui.widgets import dialogs


class ReceiptsField(QWidget):
    sig_changed = Signal()
    """A receipt was added or removed (or the attached ones shown)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setObjectName("receipts")
        self.list.setMaximumHeight(78)
        self.add_button = QPushButton(_("Add &receipt…"))
        self.remove_button = QPushButton(_("Remo&ve"))
        self.add_button.clicked.connect(self.add_receipt)
        self.remove_button.clicked.connect(self.remove_receipt)
        self.list.currentRowChanged.connect(lambda _r: self.update_buttons())
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)  # a field of the form, not a box of its own
        layout.addWidget(self.list)
        layout.addLayout(buttons)

    def show_attached(self, names: Iterable[str]) -> None:
        """The returned claim's receipts: shown, neither selectable nor removable (shown
        again on a reload: those shown before go; the new ones to attach stay)."""
        for row in reversed(range(self.list.count())):
            if not self.list.item(row).data(Qt.ItemDataRole.UserRole):
                self.list.takeItem(row)
        for name in names:
            item = QListWidgetItem(_("{name} (attached)").format(name=name))
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.list.addItem(item)
        self.sig_changed.emit()

    def add_receipt(self) -> None:
        path = dialogs.open_file(self.window(), _("Attach a receipt"),
                                 _("Receipts (*.pdf *.jpg *.jpeg *.png *.tif *.tiff);;All files (*)"))
        if path:
            self.add_path(Path(path))

    def add_path(self, path: Path) -> None:
        item = QListWidgetItem(path.name)
        item.setData(Qt.ItemDataRole.UserRole, str(path))
        item.setToolTip(str(path))
        self.list.addItem(item)
        self.list.setCurrentItem(item)
        self.sig_changed.emit()

    def remove_receipt(self) -> None:
        item = self.list.currentItem()
        if item is not None and item.data(Qt.ItemDataRole.UserRole):
            self.list.takeItem(self.list.row(item))
            self.sig_changed.emit()

    def count(self) -> int:
        """Receipts attached or to attach."""
        return self.list.count()

    def new_receipts(self) -> list[Path]:
        """The files to attach; those already attached have no path."""
        return [Path(p) for i in range(self.list.count())
                if (p := self.list.item(i).data(Qt.ItemDataRole.UserRole))]

    def update_buttons(self) -> None:
        item = self.list.currentItem()
        self.remove_button.setEnabled(item is not None and bool(item.data(Qt.ItemDataRole.UserRole)))
