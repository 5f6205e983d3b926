"""The document register [正式文件登记簿]: every form issued as a document of record, newest
first, paged as the view scrolls, filtered in the query by form (or all letters), customer,
words (the document's number, the form's own number, its title) and issue day. Open
(Enter, double-click) previews the document as a print would give it now; Export writes the
register as filtered to Excel. Whoever audits sees every document (services/records/register.py)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sales_desk import clock
from sales_desk.domain.common.records import FormKind
from sales_desk.domain.common.roles import Actor
from sales_desk.i18n import _, ngettext
from sales_desk.services.records import register
from sales_desk.services.records.register import RegisterFilter, RegisterRow
from sales_desk.ui.context import AppContext
from sales_desk.ui.records import TOPIC, DocumentPrinter
from sales_desk.ui.register_model import RegisterTableModel
from sales_desk.ui.tabs.admin.audit_widgets import FILTER_DELAY_MS, date_edit
from sales_desk.ui.tasks import CancelToken
from sales_desk.ui.widgets import dialogs
from sales_desk.ui.widgets.customer_picker import CustomerPicker
from sales_desk.ui.widgets.page import Page
from sales_desk.ui.widgets.shortcuts import enter_opens, shortcut
from sales_desk.ui.widgets.table import Table

LETTERS = "letter."  # every collection letter (a prefix of their kinds)


class DocumentsPage(Page):
    topics = frozenset({TOPIC})

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(ctx, actor, parent)
        self.model = RegisterTableModel(ctx, actor, self)
        self.model.sig_page_loaded.connect(self._page_loaded)
        self.documents = DocumentPrinter(ctx, actor, self)

        self.kind = QComboBox()
        self.kind.setObjectName("documents_kind")
        self.kind.addItem(_("All forms"), "")
        self.kind.addItem(_("Letters"), LETTERS)
        for k in FormKind:
            self.kind.addItem(k.label, k.value)
        self.customer = CustomerPicker(ctx, actor)
        self.customer.setObjectName("documents_customer")
        self.customer.setMinimumWidth(180)
        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("documents_filter")
        self.filter_edit.setPlaceholderText(_("Document or form number, or words of the title"))
        self.filter_edit.setClearButtonEnabled(True)
        self.from_check, self.from_date = QCheckBox(_("Fro&m")), date_edit()
        self.to_check, self.to_date = QCheckBox(_("&To")), date_edit()
        self.open_button = QPushButton(_("&Open"))
        self.open_button.setObjectName("documents_open")
        self.open_button.setToolTip(_("Enter"))
        self.open_button.clicked.connect(self.open_selected)
        self.export_button = QPushButton(_("E&xport to Excel…"))
        self.export_button.setObjectName("documents_export")
        self.export_button.clicked.connect(self.export)
        # A filter a row, the form list as wide as a short name: the window stays 700 px narrow.
        self.kind.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.kind.setMinimumContentsLength(16)
        bar, who, dates, actions = QHBoxLayout(), QHBoxLayout(), QHBoxLayout(), QHBoxLayout()
        for row, text, buddy in ((bar, _("Fo&rm:"), self.kind), (who, _("C&ustomer:"), self.customer),
                                 (actions, _("F&ilter:"), self.filter_edit)):
            label = QLabel(text)
            label.setBuddy(buddy)
            row.addWidget(label)
            row.addWidget(buddy, 1)
        for w in (self.from_check, self.from_date, self.to_check, self.to_date):
            dates.addWidget(w)
        dates.addStretch(1)
        actions.addWidget(self.open_button)
        actions.addWidget(self.export_button)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(FILTER_DELAY_MS)
        self._debounce.timeout.connect(self.apply_filter)
        self.filter_edit.textChanged.connect(lambda _t: self._debounce.start())
        self.filter_edit.returnPressed.connect(self.apply_filter)
        self.kind.activated.connect(lambda _i: self.apply_filter())
        self.customer.sig_changed.connect(self.apply_filter)
        for check, edit in ((self.from_check, self.from_date), (self.to_check, self.to_date)):
            check.toggled.connect(edit.setEnabled)
            check.toggled.connect(lambda _c: self.apply_filter())
            edit.dateChanged.connect(lambda _d: self.apply_filter())

        self.table = Table("admin/documents")
        self.table.setObjectName("documents_table")
        self.table.setModel(self.model)
        self.table.restore_layout({0: 110, 1: 90, 2: 130, 3: 280, 4: 170, 5: 65, 6: 55, 7: 80, 8: 50})
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        enter_opens(self.table, self.open_selected)
        shortcut(QKeySequence.StandardKey.Print, self, self.open_selected, Qt.ShortcutContext.WidgetWithChildrenShortcut)
        intro = QLabel(_("Every form printed from the program is issued once as a document of record: numbered, "
                         "stamped and kept as issued. Printing it again gives the same document, marked as a "
                         "copy."))
        intro.setWordWrap(True)
        self.count_label = QLabel()
        self.count_label.setObjectName("documents_count")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(bar)
        layout.addLayout(who)
        layout.addLayout(actions)
        layout.addLayout(dates)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)

    # -- loading ---------------------------------------------------------------------------
    def current_filter(self) -> RegisterFilter:
        return RegisterFilter(
            kind=self.kind.currentData() or "", customer_id=self.customer.customer_id,
            date_from=self.from_date.date().toPython() if self.from_check.isChecked() else None,
            date_to=self.to_date.date().toPython() if self.to_check.isChecked() else None,
            text=self.filter_edit.text().strip())

    def apply_filter(self) -> None:
        self._debounce.stop()
        self.model.set_filter(self.current_filter())

    def load(self) -> None:
        self.apply_filter()

    def _page_loaded(self, count: int) -> None:
        self.count_label.setText(
            ngettext("{n} document shown; scroll down for older ones.", "{n} documents shown; scroll down for older ones.", count).format(n=count) if self.model.canFetchMore()
            else ngettext("{n} document.", "{n} documents.", count).format(n=count))

    def current(self) -> RegisterRow | None:
        row = self.table.current_row()
        return None if row is None else self.model.row_at(row)

    # -- actions ---------------------------------------------------------------------------
    def open_selected(self) -> None:
        """The selected document in the preview, as a print would give it now."""
        r = self.current()
        if r is not None:
            self.documents.open_document(r.id)

    def export(self) -> None:
        default = Path.home() / _("document-register-{day}.xlsx").format(day=clock.today().isoformat())
        path = dialogs.save_file(self, _("Export the document register"), default, _("Excel workbooks (*.xlsx)"))
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> None:
        from sales_desk.reports.records.register_xlsx import register_writer  # lazy: xlsxwriter

        ctx, actor, flt = self.ctx, self.actor, self.current_filter()

        def job(token: CancelToken) -> int:
            token.progress(0, 0, _("Exporting the document register…"))
            write = register_writer(path, lambda n: token.progress(n, 0, _("{n} documents written…").format(n=n)))
            return register.export_register(ctx.uow(actor), write, flt)

        ctx.runner.run_long(job, _("Exporting the document register…"), lambda n: dialogs.show_info(
            self, ngettext("{n} document exported to {path}.", "{n} documents exported to {path}.", n).format(
                n=n, path=path)), owner=self)

    def save_layout(self) -> None:
        self.table.save_layout()
