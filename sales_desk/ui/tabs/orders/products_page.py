"""Products and their approved price ranges [产品定价, 定价区间]: everyone who works with
orders reads them; the sales VP adds and changes them (each change audited by the
service, with who set the range and when)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sales_desk.domain.common.errors import DomainError
from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.i18n import _, ngettext
from sales_desk.services.orders import products
from sales_desk.services.orders.products import ProductInput, ProductRow
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.orders.common import PRODUCTS, ServiceDialog, hint, local_day
from sales_desk.ui.widgets.list_model import RowsTableModel
from sales_desk.ui.widgets.money import MoneyEdit, money_text
from sales_desk.ui.widgets.page import Page
from sales_desk.ui.widgets.table import Table
from sales_desk.ui.widgets.visibility import shown_if


def _cell(p: ProductRow, column: int) -> str:
    name = p.name if p.active else _("{name} (inactive)").format(name=p.name)
    return (p.code, name, p.spec, p.unit, money_text(p.list_price), money_text(p.floor_price),
            money_text(p.ceiling_price), p.price_set_by, local_day(p.price_set_at))[column]


class ProductDialog(ServiceDialog):
    sig_saved = Signal(int)

    def __init__(self, ctx: AppContext, actor: Actor, product: ProductRow | None, parent: QWidget | None = None):
        super().__init__(ctx, actor, _("New product") if product is None else _("Product {code}").format(
            code=product.code), parent)
        self.product = product
        self.code = QLineEdit(product.code if product else "")
        self.code.setObjectName("code")
        self.name = QLineEdit(product.name if product else "")
        self.name.setObjectName("name")
        self.spec = QLineEdit(product.spec if product else "")
        self.spec.setObjectName("spec")
        self.unit = QLineEdit(product.unit if product else "")
        self.unit.setObjectName("unit")
        self.unit.setPlaceholderText(_("e.g. 台, 箱, kg"))
        self.list_price = MoneyEdit(product.list_price if product else 0)
        self.list_price.setObjectName("list_price")
        self.floor = MoneyEdit(product.floor_price if product else 0)
        self.floor.setObjectName("floor_price")
        self.ceiling = MoneyEdit(product.ceiling_price if product else 0)
        self.ceiling.setObjectName("ceiling_price")
        self.active = QCheckBox(_("&Active: offered on new orders"))
        self.active.setObjectName("active")
        self.active.setChecked(product.active if product else True)
        form = QFormLayout()
        form.addRow(_("&Code:"), self.code)
        form.addRow(_("&Name:"), self.name)
        form.addRow(_("S&pecification:"), self.spec)
        form.addRow(_("&Unit:"), self.unit)
        form.addRow(_("&List price:"), self.list_price)
        form.addRow(_("&Floor price:"), self.floor)
        form.addRow(_("C&eiling price:"), self.ceiling)
        form.addRow("", self.active)
        self.save_button = self.add_button(_("&Save"), QDialogButtonBox.ButtonRole.AcceptRole, self.save, "save")
        self.save_button.setDefault(True)
        self.add_close(_("Cancel"))
        layout = QVBoxLayout(self)
        layout.addWidget(hint(_("A price below the floor needs your approval on each order; above the ceiling "
                                "it is refused. Orders already submitted keep the range they were judged by.")))
        layout.addLayout(form)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

    def _update_buttons(self) -> None:
        self.save_button.setEnabled(not self.busy())

    def save(self) -> None:
        try:
            data = ProductInput(self.code.text(), self.name.text(), self.unit.text(),
                                self.list_price.minor(_("List price")), self.floor.minor(_("Floor price")),
                                self.ceiling.minor(_("Ceiling price")), self.spec.text(), self.active.isChecked())
        except DomainError as e:
            self.say(str(e), error=True)
            return
        ctx, actor, product = self.ctx, self.actor, self.product

        def work() -> int:
            if product is None:
                return products.create_product(ctx.uow(actor), data)
            # the version the form opened: a change saved meanwhile refuses this one (who, what)
            products.update_product(ctx.uow(actor), product.id, data, version=product.version)
            return product.id

        self.call(work, self._saved, writes=PRODUCTS)

    def _saved(self, product_id: int) -> None:
        self.sig_saved.emit(product_id)
        self.accept()


class ProductsPage(Page):
    topics = frozenset({PRODUCTS})

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(ctx, actor, parent)
        self.editor = actor.can(Perm.PRICING_SET)
        self.model = RowsTableModel(
            [_("Code"), _("Product"), _("Specification"), _("Unit"), _("List price"), _("Floor"), _("Ceiling"),
             _("Range set by"), _("Set on")], _cell, self, right_aligned=(4, 5, 6))
        self.table = Table("orders/products")
        self.table.setObjectName("products_table")
        self.table.setModel(self.model)
        self.table.restore_layout({0: 80, 1: 170, 2: 130, 3: 45, 4: 95, 5: 95, 6: 95, 7: 90})
        self.search = QLineEdit()
        self.search.setObjectName("product_search")
        self.search.setPlaceholderText(_("Code or name"))
        self.search.setClearButtonEnabled(True)
        find = QLabel(_("Fin&d:"))
        find.setBuddy(self.search)
        self.inactive = QCheckBox(_("Show &inactive"))
        self.inactive.setObjectName("show_inactive")
        self.new_button = QPushButton(_("&New product…"))
        self.new_button.setObjectName("new_product")
        self.edit_button = QPushButton(_("&Edit…"))
        self.edit_button.setObjectName("edit_product")
        self.edit_button.setToolTip(_("Enter"))
        for b in (self.new_button, self.edit_button):
            shown_if(b, self.editor)
        self.new_button.clicked.connect(lambda: self.edit(None))
        self.edit_button.clicked.connect(self.edit_selected)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        top = QHBoxLayout()
        top.addWidget(find)
        top.addWidget(self.search, 1)
        top.addWidget(self.inactive)
        top.addWidget(self.new_button)
        top.addWidget(self.edit_button)
        self.count_label = QLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        if not self.editor:
            layout.addWidget(hint(_("The sales VP sets each product's price range.")))
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self.load)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.inactive.toggled.connect(lambda _c: self.load())
        if self.editor:
            QShortcut(QKeySequence.StandardKey.New, self, lambda: self.edit(None),
                      context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
            for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                QShortcut(QKeySequence(key), self.table, self.edit_selected,
                          context=Qt.ShortcutContext.WidgetShortcut)
        self._select_id: int | None = None

    def load(self) -> None:
        ctx, actor, text, inactive = self.ctx, self.actor, self.search.text(), self.inactive.isChecked()
        self.ctx.runner.run(lambda: products.list_products(ctx.uow(actor), text, inactive), self._show, owner=self)

    def _show(self, rows: list[ProductRow]) -> None:
        self.model.set_rows(rows)
        self.count_label.setText(ngettext("{n} product.", "{n} products.", len(rows)).format(n=len(rows)))
        if self._select_id is not None:
            row = next((i for i, p in enumerate(rows) if p.id == self._select_id), None)
            if row is not None:
                self.table.selectRow(row)
            self._select_id = None

    def edit_selected(self):  # noqa: ANN201 - the dialog, for tests
        row = self.table.current_row()
        if row is None or not self.editor:
            return None
        return self.edit(self.model.row_at(row))

    def edit(self, product: ProductRow | None):  # noqa: ANN201
        if not self.editor:
            return None
        dialog = ProductDialog(self.ctx, self.actor, product, self)
        dialog.sig_saved.connect(lambda pid: setattr(self, "_select_id", pid))
        dialog.open()
        return dialog

    def save_layout(self) -> None:
        self.table.save_layout()
