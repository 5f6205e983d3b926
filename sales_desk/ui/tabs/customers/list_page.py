"""The Customers tab: the filterable list, and the way into each file.

Keys: Ctrl+N a new file, Ctrl+F the search box, Enter (or a double click) opens the
selected customer, Down from the search box moves into the list.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from sales_desk import clock
from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.domain.customers.files import sees_all_customers
from sales_desk.i18n import _, ngettext
from sales_desk.services.customers import listing as customer_list
from sales_desk.services.customers import pickers as customer_pickers
from sales_desk.services.customers.listing import CustomerFilter
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.customers.confidential import AccessLogDialog
from sales_desk.ui.tabs.customers.file_dialog import CustomerDialog
from sales_desk.ui.tabs.customers.filter_bar import FilterBar
from sales_desk.ui.tabs.customers.flags import FlagsDelegate
from sales_desk.ui.tabs.customers.import_dialog import start_import
from sales_desk.ui.tabs.customers.list_model import (
    COLUMN_INDEX,
    COLUMNS,
    PAGE_SIZE,
    CustomerListModel,
)
from sales_desk.ui.tasks import CancelToken
from sales_desk.ui.widgets import dialogs
from sales_desk.ui.widgets.page import Page
from sales_desk.ui.widgets.shortcuts import enter_opens, shortcut
from sales_desk.ui.widgets.table import Table
from sales_desk.ui.widgets.visibility import shown_if


class CustomersPage(Page):
    # "credit": ratings, limits and holds change the grade and flag columns.
    topics = frozenset({"customers", "credit"})

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None,
                 page_size: int = PAGE_SIZE):
        super().__init__(ctx, actor, parent)
        self.sees_all = sees_all_customers(actor.roles)
        self.total: int | None = None  # None: not known yet; -1: being counted
        self._first_load = True
        self._select_id: int | None = None

        self.filters = FilterBar(show_rep=self.sees_all)
        self.filters.sig_changed.connect(self.apply_filter)
        self.model = CustomerListModel(ctx, actor, self, page_size)
        self.model.sig_page_loaded.connect(self._page_loaded)
        self.table = Table("customers/list")
        self.table.setObjectName("customer_table")
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(COLUMN_INDEX["flags"], FlagsDelegate(self.table))
        self.table.restore_layout({i: c.width for i, c in enumerate(COLUMNS)})
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selection_changed())

        self.new_button = QPushButton(_("&New customer…"))
        self.new_button.setObjectName("new_customer")
        self.new_button.setToolTip(_("Ctrl+N"))
        self.open_button = QPushButton(_("&Open"))
        self.open_button.setObjectName("open_customer")
        self.open_button.setToolTip(_("Enter"))
        self.access_button = QPushButton(_("&Access card…"))
        self.access_button.setToolTip(_("Who opened which confidential file, when and why [借阅卡]"))
        self.export_button = QPushButton(_("E&xport to Excel…"))
        self.export_button.setObjectName("export_customers")
        shown_if(self.new_button, actor.can(Perm.CUSTOMER_CREATE))
        shown_if(self.access_button, actor.can(Perm.CUSTOMER_CONFIDENTIAL))
        shown_if(self.export_button, actor.can(Perm.CUSTOMER_EXPORT))
        self.import_button = QPushButton(_("&Import…"))
        self.import_button.setObjectName("import_customers")
        self.import_button.setToolTip(_("Customer files from an Excel or CSV file: all rows or none"))
        shown_if(self.import_button, actor.can(Perm.CUSTOMER_IMPORT))
        self.import_button.clicked.connect(lambda: start_import(self.ctx, self.actor, self))
        self.new_button.clicked.connect(self.new_customer)
        self.open_button.clicked.connect(self.open_selected)
        self.access_button.clicked.connect(self.show_access_log)
        self.export_button.clicked.connect(self.export)
        self.count_label = QLabel()
        self.count_label.setObjectName("customer_count")

        top = QHBoxLayout()
        top.addWidget(self.filters.search, 1)
        for b in (self.new_button, self.open_button, self.access_button, self.export_button,
                  self.import_button):
            top.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        self._keys()
        self._selection_changed()

    def _keys(self) -> None:
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut  # only while this tab is shown
        if self.actor.can(Perm.CUSTOMER_CREATE):
            shortcut(QKeySequence.StandardKey.New, self, self.new_customer, context)
        shortcut(QKeySequence.StandardKey.Find, self, self.filters.focus_search, context)
        enter_opens(self.table, self.open_selected)
        shortcut(Qt.Key.Key_Down, self.filters.search, self._into_table)
        self.setTabOrder(self.filters.search, self.filters.region)
        self.setTabOrder(self.filters.clear_button, self.table)

    def _into_table(self) -> None:
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if self.table.current_row() is None and self.model.rowCount():
            self.table.selectRow(0)

    # -- loading -------------------------------------------------------------------------
    def load(self) -> None:
        if self._first_load:
            self._first_load = False
            if self.sees_all:
                self.ctx.runner.run(lambda: customer_pickers.list_reps(self.ctx.uow(self.actor), True),
                                    self.filters.set_reps, owner=self)
            self.apply_filter(force=True)
        else:
            selected = self.selected_id()
            if selected is not None:
                self._select_id = selected
            self.total = None
            self.model.reload()

    def apply_filter(self, force: bool = False) -> None:
        flt = self.filters.current()
        if flt != self.model.flt or force:
            self.total = None
            self.model.set_filter(flt)

    def _count(self, flt: CustomerFilter) -> None:
        """Count only when the first page is not all there is (a narrow filter needs no query)."""
        self.total = -1  # asked

        def counted(n: int) -> None:
            if flt == self.model.flt:  # not an answer to a filter since replaced
                self.total = n
                self._show_count()

        self.ctx.runner.run(lambda: customer_list.count_customers(self.ctx.uow(self.actor), flt), counted,
                            owner=self)

    def _page_loaded(self, _count: int) -> None:
        if self.total is None:  # the first page of this query
            if self.model.canFetchMore(QModelIndex()):
                self._count(self.model.flt)
            else:
                self.total = self.model.rowCount()
        if self._select_id is not None:
            row = self.model.row_of(self._select_id)
            if row is not None:
                self.table.selectRow(row)
                self.table.scrollTo(self.model.index(row, 0))
                self._select_id = None
            elif not self.model.canFetchMore(QModelIndex()):
                self._select_id = None
        self._show_count()

    def _show_count(self) -> None:
        shown, total = self.model.rowCount(), self.total
        if total is None:
            text = ""
        elif total < 0:
            text = _("{shown} customers shown; counting…").format(shown=shown)
        elif total == 0:
            text = (_("No customer matches these filters.") if self.filters.is_filtered()
                    else _("No customers yet."))
        elif shown < total:
            text = _("{shown} of {total} customers shown; scroll down for more.").format(shown=shown, total=total)
        else:
            text = ngettext("{total} customer.", "{total} customers.", total).format(total=total)
        self.count_label.setText(text)

    # -- the selected customer ------------------------------------------------------------
    def selected_id(self) -> int | None:
        row = self.table.current_row()
        return None if row is None else self.model.row_at(row).id

    def _selection_changed(self) -> None:
        self.open_button.setEnabled(self.selected_id() is not None)

    def open_selected(self) -> CustomerDialog | None:
        customer_id = self.selected_id()
        return None if customer_id is None else self.open_customer(customer_id)

    def show_rep(self, rep_id: int) -> bool:
        """The customers of rep `rep_id` (a person found by the search box); False for a
        reader who sees only their own."""
        if not self.sees_all:
            return False
        self.filters.show_rep(rep_id)
        return True

    def open_customer(self, customer_id: int) -> CustomerDialog:
        dialog = CustomerDialog(self.ctx, self.actor, customer_id, self)
        dialog.sig_saved.connect(self._saved)
        dialog.open()
        return dialog

    def new_customer(self) -> CustomerDialog | None:
        if not self.actor.can(Perm.CUSTOMER_CREATE):
            return None
        dialog = CustomerDialog(self.ctx, self.actor, None, self)
        dialog.sig_saved.connect(self._saved)
        dialog.open()
        return dialog

    def _saved(self, customer_id: int) -> None:
        self._select_id = customer_id  # the list reloads on "customers"; show the file there

    def show_access_log(self) -> AccessLogDialog:
        dialog = AccessLogDialog(self.ctx, self.actor, self)
        dialog.open()
        return dialog

    # -- export ----------------------------------------------------------------------------
    def export(self) -> None:
        default = Path.home() / _("customers-{date}.xlsx").format(date=f"{clock.now().astimezone():%Y%m%d}")
        target = dialogs.save_file(self, _("Export the customer list"), default, _("Excel workbook (*.xlsx)"))
        if target:
            self.export_to(Path(target))

    def export_to(self, path: Path) -> int:
        """The customers the current filters select, as the list shows them, to an xlsx file."""
        from sales_desk.reports.customers.list_xlsx import (
            export_customers_xlsx,  # lazy: xlsxwriter
        )

        if path.suffix.lower() != ".xlsx":
            path = path.with_name(path.name + ".xlsx")
        ctx, actor, flt, total = self.ctx, self.actor, self.model.flt, max(self.total or 0, 0)

        def job(token: CancelToken) -> int:
            return export_customers_xlsx(
                ctx.uow(actor), path, flt,
                progress=lambda n: token.progress(n, total, _("{n} customers written…").format(n=n)))

        return self.ctx.runner.run_long(
            job, _("Exporting the customer list…"),
            lambda n: self._notify(ngettext("{n} customer exported to {path}.", "{n} customers exported to {path}.",
                                            n).format(n=n, path=path)),
            owner=self)

    def _notify(self, text: str) -> None:
        window = self.window()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(text, 8000)

    def save_layout(self) -> None:
        self.table.save_layout()
