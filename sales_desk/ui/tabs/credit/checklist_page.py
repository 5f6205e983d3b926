"""The checklist page of a credit investigation: the tree of items the customer hands in
(received, date, stamp [盖章确认], attachment, note), and below it the buttons to attach a
file to the current item or open the document it cites.

The page shows and edits; the dialog stores each change through the services and hands
the stored checklist back (`show_items`), so what shows is what was stored.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from sales_desk.i18n import _
from sales_desk.services.credit.investigation import ItemRow
from sales_desk.services.credit.views import DocumentChoice
from sales_desk.ui.tabs.credit.checklist_model import (
    ATTACHMENT,
    DATE,
    ITEM,
    RECEIVED,
    STAMPED,
    ChecklistDelegate,
    ChecklistModel,
)
from sales_desk.ui.tabs.credit.common import hint


class ChecklistPage(QWidget):
    sig_current_changed = Signal()
    """The current cell moved; the attach and show buttons follow the current item."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = ChecklistModel(self)
        self.tree = QTreeView()
        self.tree.setObjectName("checklist")
        self.tree.setModel(self.model)
        self.tree.setItemDelegate(ChecklistDelegate(self.model, self.tree))
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.SelectedClicked)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in ((ITEM, 370), (RECEIVED, 80), (DATE, 110), (STAMPED, 130), (ATTACHMENT, 150)):
            self.tree.setColumnWidth(column, width)
        layout = QVBoxLayout(self)
        layout.addWidget(hint(_(
            "Tick what the customer has handed in (Space), and whether they stamped it to confirm "
            "(盖章确认). F2 edits the date, the attachment and the note. Each change is saved at once.")))
        layout.addWidget(self.tree, 1)
        self.attach_button = QPushButton(_("Attac&h a file…"))
        self.attach_button.setObjectName("attach")
        self.show_document_button = QPushButton(_("Show the &document"))
        self.show_document_button.setObjectName("show_document")
        documents_row = QHBoxLayout()
        documents_row.addWidget(self.attach_button)
        documents_row.addWidget(self.show_document_button)
        documents_row.addStretch(1)
        layout.addLayout(documents_row)
        self.tree.selectionModel().currentChanged.connect(lambda *_a: self.sig_current_changed.emit())

    def show_items(self, items: tuple[ItemRow, ...], documents: list[DocumentChoice], editable: bool) -> None:
        """Show the checklist as stored, keeping the current cell on the same item and column."""
        current = self.tree.currentIndex()
        where = (self.model.items()[self._flat_row(current)].key, current.column()) \
            if current.isValid() and current.parent().isValid() else None
        self.model.set_items(items, editable)
        self.model.set_documents(documents)
        self.tree.expandAll()
        if where:
            self.tree.setCurrentIndex(self.model.index_of(*where))

    def put_back(self, items: tuple[ItemRow, ...], editable: bool) -> None:
        """Show the items as stored again, undoing an edit the services refused."""
        self.model.set_items(items, editable)
        self.tree.expandAll()

    def current_item(self) -> ItemRow | None:
        index = self.tree.currentIndex()
        if not index.isValid() or not index.parent().isValid():
            return None
        return self.model.items()[self._flat_row(index)]

    def _flat_row(self, index: QModelIndex) -> int:
        section = index.parent().row()
        before = sum(self.model.rowCount(self.model.index(s, 0)) for s in range(section))
        return before + index.row()
