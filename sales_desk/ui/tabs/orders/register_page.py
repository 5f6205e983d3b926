"""The dispatch register [发货登记]: every movement out and back, newest first, filtered in
the query (customer, product, dates, movement), paged by keyset as the user scrolls,
and exported to Excel with progress and Cancel."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from sales_desk import clock
from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.domain.orders.dispatch import MovementKind
from sales_desk.i18n import N_, _, ngettext
from sales_desk.services.orders import dispatch_register, products
from sales_desk.services.orders.dispatch_register import RegisterFilter, RegisterRow
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.orders.common import DISPATCH, PRODUCTS, DateEdit, day, notify
from sales_desk.ui.tasks import CancelToken
from sales_desk.ui.widgets import dialogs
from sales_desk.ui.widgets.customer_picker import CustomerPicker
from sales_desk.ui.widgets.money import money_text
from sales_desk.ui.widgets.page import Page
from sales_desk.ui.widgets.paged_model import PagedTableModel
from sales_desk.ui.widgets.shortcuts import shortcut
from sales_desk.ui.widgets.table import Table
from sales_desk.ui.widgets.visibility import shown_if

PAGE_SIZE = 200
HEADERS = (N_("Date"), N_("Movement"), N_("Document"), N_("Order"), N_("Customer"), N_("Product"), N_("Unit"),
           N_("Quantity"), N_("Unit price"), N_("Amount"), N_("Carrier"), N_("Tracking no."), N_("Handed over"),
           N_("Received by"), N_("Shipped by"))
WIDTHS = {0: 80, 1: 65, 2: 105, 3: 105, 4: 185, 5: 105, 6: 35, 7: 55, 8: 80, 9: 95, 10: 80, 11: 115, 12: 85,
          13: 70}
RIGHT = {7, 8, 9}
RETURN_COLOUR = QColor("#b00020")


def register_key(r: RegisterRow) -> tuple[date, int]:
    return (r.moved_on, r.movement_id)


class RegisterModel(PagedTableModel[RegisterRow]):
    def __init__(self, ctx: AppContext, actor: Actor, parent=None, page_size: int = PAGE_SIZE):  # noqa: ANN001
        self.ctx, self.actor, self.page_size = ctx, actor, page_size
        self.flt = RegisterFilter()
        super().__init__(ctx.runner, self._loader_for(self.flt), key=register_key, parent=parent)
        self.headers = [_(h) for h in HEADERS]

    def _loader_for(self, flt: RegisterFilter):  # noqa: ANN202
        ctx, actor, size = self.ctx, self.actor, self.page_size

        def load(after: tuple[date, int] | None) -> tuple[list[RegisterRow], bool]:
            page = dispatch_register.dispatch_register(ctx.uow(actor), flt, after, size)
            return list(page.rows), page.next_after is not None

        return load

    def set_filter(self, flt: RegisterFilter) -> None:
        self.flt = flt
        self.set_loader(self._loader_for(flt))

    def display(self, r: RegisterRow, column: int) -> str:
        kind = MovementKind(r.kind).label if r.kind in set(MovementKind) else r.kind
        return (day(r.moved_on), kind, r.document_no, r.order_no, r.customer_name, r.product_name, r.unit,
                str(r.quantity), money_text(r.unit_price), money_text(r.amount), r.carrier, r.tracking_no,
                day(r.handed_over_on), r.received_by, r.shipped_by)[column]

    def alignment(self, column: int) -> Qt.AlignmentFlag | None:
        return Qt.AlignmentFlag.AlignRight if column in RIGHT else None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid() and 0 <= index.row() < len(self._rows):
            return RETURN_COLOUR if self._rows[index.row()].kind == MovementKind.RETURN else None
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid() and 0 <= index.row() < len(self._rows) \
                and index.column() in (4, 5):
            r = self._rows[index.row()]
            return f"{r.customer_code} {r.customer_name}" if index.column() == 4 else f"{r.product_code} {r.product_name}"
        return super().data(index, role)


class RegisterFilters(QWidget):
    sig_changed = Signal()

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.customer = CustomerPicker(ctx, actor)
        self.customer.setObjectName("register_customer")
        self.customer.setMinimumWidth(200)
        self.product = QComboBox()
        self.product.setObjectName("register_product")
        self.product.addItem(_("All products"), None)
        self.product.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.date_from = DateEdit(optional=True)
        self.date_from.setObjectName("register_from")
        self.date_to = DateEdit(optional=True)
        self.date_to.setObjectName("register_to")
        self.kind = QComboBox()
        self.kind.setObjectName("register_kind")
        self.kind.addItem(_("Out and back"), "")
        for k in MovementKind:
            self.kind.addItem(k.label, k.value)
        self.clear_button = QPushButton(_("C&lear"))
        self.clear_button.clicked.connect(self.clear)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for label, w in ((_("C&ustomer:"), self.customer), (_("&Product:"), self.product), (_("Fro&m:"), self.date_from),
                         (_("T&o:"), self.date_to), ("", self.kind)):
            if label:
                caption = QLabel(label)
                caption.setBuddy(w)
                row.addWidget(caption)
            row.addWidget(w)
        row.addWidget(self.clear_button)
        row.addStretch(1)
        self.customer.sig_changed.connect(self._now)
        self.product.currentIndexChanged.connect(lambda _i: self._now())
        self.date_from.dateChanged.connect(lambda _d: self._now())
        self.date_to.dateChanged.connect(lambda _d: self._now())
        self.kind.currentIndexChanged.connect(lambda _i: self._now())
        self._muted = False

    def set_products(self, rows: list) -> None:
        chosen = self.product.currentData()
        self._muted = True
        try:
            self.product.clear()
            self.product.addItem(_("All products"), None)
            for p in rows:
                self.product.addItem(f"{p.code} · {p.name}", p.id)
            self.product.setCurrentIndex(max(0, self.product.findData(chosen)) if chosen is not None else 0)
        finally:
            self._muted = False

    def current(self) -> RegisterFilter:
        return RegisterFilter(self.date_from.value(), self.date_to.value(), self.customer.customer_id,
                              self.product.currentData(), None, self.kind.currentData() or "")

    def clear(self) -> None:
        self._muted = True
        try:
            self.customer.set_customer(None)
            self.product.setCurrentIndex(0)
            self.date_from.set_value(None)
            self.date_to.set_value(None)
            self.kind.setCurrentIndex(0)
        finally:
            self._muted = False
        self._now()

    def _now(self) -> None:
        if not self._muted:
            self.sig_changed.emit()


class RegisterPage(Page):
    topics = frozenset({DISPATCH, PRODUCTS})

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None, page_size: int = PAGE_SIZE):
        super().__init__(ctx, actor, parent)
        self.total: int | None = None
        self._first_load = True
        self.filters = RegisterFilters(ctx, actor)
        self.filters.sig_changed.connect(self.apply_filter)
        self.model = RegisterModel(ctx, actor, self, page_size)
        self.model.sig_page_loaded.connect(self._page_loaded)
        self.table = Table("orders/register")
        self.table.setObjectName("register_table")
        self.table.setModel(self.model)
        self.table.restore_layout(WIDTHS)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self.export_button = QPushButton(_("E&xport to Excel…"))
        self.export_button.setObjectName("export_register")
        self.export_button.clicked.connect(self.export)
        self.handover_button = QPushButton(_("Record the &hand-over…"))
        self.handover_button.setObjectName("handover")
        shown_if(self.handover_button, actor.can(Perm.DISPATCH_SHIP))
        self.handover_button.clicked.connect(self.handover_selected)
        self.note_button = QPushButton(_("Print the dispatch &note…"))
        self.note_button.setObjectName("print_note")
        self.note_button.setToolTip(_("Ctrl+P"))
        self.note_button.clicked.connect(self.print_selected)
        self.count_label = QLabel()
        self.count_label.setObjectName("register_count")
        top = QHBoxLayout()
        top.addWidget(self.filters, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count_label, 1)
        for b in (self.handover_button, self.note_button, self.export_button):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        shortcut(QKeySequence.StandardKey.Print, self, self.print_selected, Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._update_buttons()

    def load(self) -> None:
        ctx, actor = self.ctx, self.actor
        self.ctx.runner.run(lambda: products.list_products(ctx.uow(actor), include_inactive=True),
                            self.filters.set_products, owner=self)
        self.total = None
        if self._first_load:
            self._first_load = False
            self.model.set_filter(self.filters.current())
        else:
            self.model.reload()

    def apply_filter(self) -> None:
        flt = self.filters.current()
        if flt != self.model.flt:
            self.total = None
            self.model.set_filter(flt)

    def _page_loaded(self, count: int) -> None:
        if self.total is None:
            if self.model.canFetchMore(QModelIndex()):
                self.total = -1
                flt, ctx, actor = self.model.flt, self.ctx, self.actor
                self.ctx.runner.run(lambda: dispatch_register.count_register(ctx.uow(actor), flt),
                                    lambda n: self._counted(flt, n), owner=self)
            else:
                self.total = count
        self._show_count()
        self._update_buttons()

    def _counted(self, flt: RegisterFilter, n: int) -> None:
        if flt == self.model.flt:
            self.total = n
            self._show_count()

    def _show_count(self) -> None:
        shown, total = self.model.rowCount(), self.total
        if total is None or total < 0:
            text = _("{n} movements shown; counting…").format(n=shown) if total == -1 else ""
        elif total == 0:
            text = _("No movement matches these filters.")
        elif shown < total:
            text = _("{shown} of {total} movements shown; scroll down for more.").format(shown=shown, total=total)
        else:
            text = ngettext("{n} movement.", "{n} movements.", total).format(n=total)
        self.count_label.setText(text)

    def selected(self) -> RegisterRow | None:
        row = self.table.current_row()
        return None if row is None else self.model.row_at(row)

    def _update_buttons(self) -> None:
        r = self.selected()
        out = r is not None and r.kind == MovementKind.OUT
        self.note_button.setEnabled(out)
        self.handover_button.setEnabled(out and r is not None and r.handed_over_on is None)
        self.export_button.setEnabled(self.model.rowCount() > 0)

    # -- a shipment's note and hand-over --------------------------------------------------------------
    def _with_shipment(self, then) -> None:  # noqa: ANN001
        r = self.selected()
        if r is None or r.kind != MovementKind.OUT:
            return
        ctx, actor, number = self.ctx, self.actor, r.document_no
        self.ctx.runner.run(lambda: dispatch_register.shipment_id_by_number(ctx.uow(actor), number),
                            lambda sid: then(sid, number), owner=self)

    def print_selected(self) -> None:
        from sales_desk.ui.tabs.orders.printing import DispatchNotePrintDialog

        self._with_shipment(lambda sid, number: DispatchNotePrintDialog(self.ctx, self.actor, sid, number, self).open())

    def handover_selected(self) -> None:
        from sales_desk.ui.tabs.orders.handover_dialog import HandoverDialog

        self._with_shipment(lambda sid, number: HandoverDialog(self.ctx, self.actor, sid, number, self).open())

    # -- export ---------------------------------------------------------------------------------------
    def export(self) -> None:
        default = Path.home() / _("dispatch-register-{date}.xlsx").format(date=f"{clock.now().astimezone():%Y%m%d}")
        target = dialogs.save_file(self, _("Export the dispatch register"), default, _("Excel workbook (*.xlsx)"))
        if target:
            self.export_to(Path(target))

    def export_to(self, path: Path) -> int:
        """The movements the filters select, as the register shows them, to an xlsx file."""
        from sales_desk.reports.orders.dispatch_register_xlsx import (
            export_register_xlsx,  # lazy: xlsxwriter
        )

        if path.suffix.lower() != ".xlsx":
            path = path.with_name(path.name + ".xlsx")
        ctx, actor, flt, total = self.ctx, self.actor, self.model.flt, max(self.total or 0, 0)

        def job(token: CancelToken) -> int:
            return export_register_xlsx(
                ctx.uow(actor), path, flt,
                progress=lambda n: token.progress(n, total, _("{n} movements written…").format(n=n)))

        return self.ctx.runner.run_long(
            job, _("Exporting the dispatch register…"),
            lambda n: notify(self, ngettext("{n} movement exported to {path}.", "{n} movements exported to {path}.", n).format(n=n, path=path)), owner=self)

    def save_layout(self) -> None:
        self.table.save_layout()
