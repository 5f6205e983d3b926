"""The documents of record issued for one customer [正式文件]: letters, contracts, dispatch
notes, credit forms — the customer's part of the document register, newest first. Open
(Enter, double-click, Ctrl+P) previews one as a print would give it now."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from sales_desk.domain.common.roles import Actor
from sales_desk.i18n import _, ngettext
from sales_desk.services.records.register import RegisterFilter
from sales_desk.ui.context import AppContext
from sales_desk.ui.records import TOPIC, DocumentPrinter
from sales_desk.ui.register_model import RegisterTableModel
from sales_desk.ui.widgets.page import Page
from sales_desk.ui.widgets.shortcuts import enter_opens, shortcut
from sales_desk.ui.widgets.table import Table

CUSTOMER_COLUMN = 4  # the register's customer column: the same on every row here


class IssuedDocumentsPage(Page):
    topics = frozenset({TOPIC})

    def __init__(self, ctx: AppContext, actor: Actor, customer_id: int, parent: QWidget | None = None):
        super().__init__(ctx, actor, parent)
        self.customer_id = customer_id
        self.model = RegisterTableModel(ctx, actor, self)
        self.model.sig_page_loaded.connect(self._page_loaded)
        self.documents = DocumentPrinter(ctx, actor, self)
        self.table = Table("customers/issued")
        self.table.setObjectName("issued_table")
        self.table.setModel(self.model)
        self.table.restore_layout({0: 110, 1: 90, 2: 130, 3: 300, 5: 65, 6: 55, 7: 80, 8: 50})
        self.table.setColumnHidden(CUSTOMER_COLUMN, True)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        enter_opens(self.table, self.open_selected)
        shortcut(QKeySequence.StandardKey.Print, self, self.open_selected,
                 Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.open_button = QPushButton(_("&Open"))
        self.open_button.setObjectName("issued_open")
        self.open_button.setToolTip(_("Enter"))
        self.open_button.clicked.connect(self.open_selected)
        self.count_label = QLabel()
        self.count_label.setObjectName("issued_count")
        intro = QLabel(_("The forms issued for this customer as documents of record, newest first. "
                         "Printing one again gives the same document, marked as a copy."))
        intro.setWordWrap(True)
        bar = QHBoxLayout()
        bar.addWidget(self.count_label, 1)
        bar.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(bar)

    def load(self) -> None:
        self.model.set_filter(RegisterFilter(customer_id=self.customer_id))

    def _page_loaded(self, count: int) -> None:
        self.count_label.setText(
            ngettext("{n} document shown; scroll down for older ones.", "{n} documents shown; scroll down for older ones.", count).format(n=count) if self.model.canFetchMore()
            else ngettext("{n} document.", "{n} documents.", count).format(n=count))
        if count and self.table.current_row() is None:
            self.table.selectRow(0)

    def open_selected(self) -> None:
        row = self.table.current_row()
        if row is not None:
            self.documents.open_document(self.model.row_at(row).id)

    def save_layout(self) -> None:
        self.table.save_layout()
