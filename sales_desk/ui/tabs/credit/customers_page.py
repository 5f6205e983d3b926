"""Customers and their credit: a filtered, paged list on the left, the chosen customer's
standing and history on the right."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from sales_desk.domain.common.roles import Actor
from sales_desk.domain.credit.rating import Grade
from sales_desk.i18n import _, ngettext
from sales_desk.services.customers.listing import UNRATED, CustomerFilter
from sales_desk.ui import geometry
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.credit.common import TOPIC
from sales_desk.ui.tabs.credit.customer_model import CreditCustomersModel
from sales_desk.ui.tabs.credit.customer_panel import CustomerCreditPanel
from sales_desk.ui.widgets.page import Page
from sales_desk.ui.widgets.table import Table

FILTER_DELAY_MS = 250


class CustomersPage(Page):
    topics = frozenset({TOPIC, "customers"})

    sig_open_investigation = Signal(int, str)
    """Relayed from the panel: open a new investigation of this customer."""

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(ctx, actor, parent)
        self.model = CreditCustomersModel(ctx, actor, self)
        self.model.sig_page_loaded.connect(self._page_loaded)
        self._first_load = True

        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("customer_filter")
        self.filter_edit.setPlaceholderText(_("Code or name"))
        self.filter_edit.setClearButtonEnabled(True)
        find_label = QLabel(_("Fin&d:"))
        find_label.setBuddy(self.filter_edit)
        self.grade_combo = QComboBox()
        self.grade_combo.addItem(_("All grades"), "")
        for g in Grade:
            self.grade_combo.addItem(_("Grade {grade}").format(grade=g.value), g.value)
        self.grade_combo.addItem(_("Not rated"), UNRATED)
        grade_label = QLabel(_("Gr&ade:"))
        grade_label.setBuddy(self.grade_combo)
        self.hold_check = QCheckBox(_("On &hold"))
        self.due_check = QCheckBox(_("Re-rating d&ue"))
        find_row = QHBoxLayout()
        find_row.addWidget(find_label)
        find_row.addWidget(self.filter_edit, 1)
        flags_row = QHBoxLayout()
        flags_row.addWidget(grade_label)
        flags_row.addWidget(self.grade_combo)
        flags_row.addSpacing(8)
        flags_row.addWidget(self.hold_check)
        flags_row.addWidget(self.due_check)
        flags_row.addStretch(1)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(FILTER_DELAY_MS)
        self._debounce.timeout.connect(self.apply_filter)
        self.filter_edit.textChanged.connect(lambda _t: self._debounce.start())
        self.filter_edit.returnPressed.connect(self.apply_filter)
        self.grade_combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.hold_check.toggled.connect(lambda _c: self.apply_filter())
        self.due_check.toggled.connect(lambda _c: self.apply_filter())

        self.table = Table("credit/customers")
        self.table.setObjectName("credit_customers_table")
        self.table.setModel(self.model)
        self.table.restore_layout({0: 60, 1: 210, 2: 50})
        # The name takes what the splitter gives; no sideways scrolling in a list to pick from.
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(3, 80)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selected())
        self.count_label = QLabel()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(find_row)
        left_layout.addLayout(flags_row)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.count_label)

        self.panel = CustomerCreditPanel(ctx, actor)
        self.panel.sig_open_investigation.connect(self.sig_open_investigation)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.panel)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        if not geometry.restore_splitter(self.splitter, "credit/customers"):
            self.splitter.setSizes([420, 620])
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)

    # -- loading ---------------------------------------------------------------------------
    def current_filter(self) -> CustomerFilter:
        return CustomerFilter(
            text=self.filter_edit.text().strip(), credit_grade=self.grade_combo.currentData() or "",
            credit_hold=True if self.hold_check.isChecked() else None,
            rerating_due=True if self.due_check.isChecked() else None)

    def apply_filter(self) -> None:
        self._debounce.stop()
        flt = self.current_filter()
        if flt != self.model.flt or self._first_load:
            self._first_load = False
            self.model.set_filter(flt)

    def load(self) -> None:
        if self._first_load:
            self.apply_filter()
        else:
            self.model.reload()
        self.panel.reload()

    def _page_loaded(self, count: int) -> None:
        more = self.model.canFetchMore()
        self.count_label.setText(ngettext("{n} customer shown; scroll for more.", "{n} customers shown; scroll for more.", count).format(n=count) if more
                                 else ngettext("{n} customer.", "{n} customers.", count).format(n=count))
        cid = self.panel.customer_id()
        if cid is not None and self.table.current_row() is None:
            for i in range(self.model.rowCount()):
                if self.model.row_at(i).id == cid:
                    self.table.selectRow(i)
                    break

    def _selected(self) -> None:
        row = self.table.current_row()
        if row is not None and self.model.row_at(row).id != self.panel.customer_id():
            self.panel.show_customer(self.model.row_at(row).id)

    def show_customer(self, customer_id: int, code: str = "") -> None:
        """Jump to one customer (from the re-ratings list, an investigation)."""
        if code:
            self.filter_edit.setText(code)
            self.apply_filter()
        self.panel.show_customer(customer_id)

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)

    def save_layout(self) -> None:
        self.table.save_layout()
        self.panel.save_layout()
        geometry.save_splitter(self.splitter, "credit/customers")
