"""The order/contract form [销售合同]: customer, lines, payment and delivery terms, with the
customer's credit position beside it, live; and every step of the order's life that the
user's rights allow, each one service call (order_actions.py runs them). Its parts: the
Lines tab (lines_editor.py), the terms (order_terms.py), the sentence on what the order
waits for (order_status.py).

Keys: Insert adds a line (and opens its product), Delete removes the selected line, Enter
in a draft saves it; every irreversible step (sign, approve, override) asks first.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from sales_desk import clock
from sales_desk.domain.common.errors import DomainError, ValidationError
from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.domain.common.versions import StaleRecord
from sales_desk.domain.orders.contracts import OrderStatus, PaymentTerms
from sales_desk.i18n import _
from sales_desk.services.admin import settings
from sales_desk.services.orders import products
from sales_desk.services.orders import views as order_views
from sales_desk.services.orders.credit_check import OrderCreditPosition
from sales_desk.services.orders.entry import OrderInput
from sales_desk.services.orders.views import OrderView
from sales_desk.ui import geometry
from sales_desk.ui.context import AppContext
from sales_desk.ui.login import ERROR_STYLE
from sales_desk.ui.tabs.orders import order_reapply as reapply
from sales_desk.ui.tabs.orders.common import HINT_STYLE, DateEdit, heading, status_label
from sales_desk.ui.tabs.orders.credit_box import Ask, CreditBox
from sales_desk.ui.tabs.orders.lines_editor import LinesEditor
from sales_desk.ui.tabs.orders.lines_model import EditLine, LinesModel
from sales_desk.ui.tabs.orders.order_actions import OrderActions
from sales_desk.ui.tabs.orders.order_history import OrderHistory
from sales_desk.ui.tabs.orders.order_status import status_text
from sales_desk.ui.tabs.orders.order_terms import DeliveryTermsBox, PaymentTermsBox
from sales_desk.ui.widgets import dialogs
from sales_desk.ui.widgets.customer_picker import CustomerPicker

GEOMETRY_KEY = "orders/form"


class OrderDialog(QDialog):
    sig_saved = Signal(int)
    """The order (its id) was created or changed by this dialog; lists select it."""

    def __init__(self, ctx: AppContext, actor: Actor, order_id: int | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.actor = ctx, actor
        self.order_id = order_id
        self.view: OrderView | None = None
        self.threshold: int | None = None
        self._loaded_once = False
        self._dirty = False
        self._filling = False
        self._form_problem = ""  # the problem shown, when it was found in the form itself
        # The order as filled in from the version loaded (view.version), and after a save
        # refused as stale, this form's own changes to put back on the reloaded order.
        self.loaded_input: OrderInput | None = None
        self._reapply: reapply.MyChanges | None = None
        self._refusal: StaleRecord | None = None  # the stale save's, to name what both changed
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(_("New order") if order_id is None else _("Order"))

        self.title = heading(_("New order/contract"))
        self.title.setObjectName("order_title")
        self.status_line = QLabel()
        self.status_line.setObjectName("order_status")
        self.status_line.setWordWrap(True)
        self.status_line.hide()

        # -- header
        self.customer = CustomerPicker(ctx, actor)
        self.customer.setObjectName("customer")
        self.customer.sig_changed.connect(self._customer_changed)
        self.order_date = DateEdit()
        self.order_date.setObjectName("order_date")
        self.order_date.setMaximumDate(QDate(clock.today()))  # a business date is never in the future
        self.delivery_date = DateEdit(optional=True)
        self.delivery_date.setObjectName("delivery_date")
        header = QFormLayout()
        header.addRow(_("C&ustomer:"), self.customer)
        dates = QHBoxLayout()
        dates.addWidget(self.order_date)
        delivery_label = QLabel(_("Deli&very date:"))
        delivery_label.setBuddy(self.delivery_date)
        dates.addSpacing(12)
        dates.addWidget(delivery_label)
        dates.addWidget(self.delivery_date)
        dates.addStretch(1)
        header.addRow(_("Order da&te:"), dates)
        for row in range(header.rowCount()):  # the buddies, for the mnemonics
            item = header.itemAt(row, QFormLayout.ItemRole.LabelRole)
            if item is not None and isinstance(item.widget(), QLabel):
                item.widget().setBuddy(self.customer if row == 0 else self.order_date)
        for w in (self.order_date, self.delivery_date):
            w.dateChanged.connect(lambda _d: self._touched())

        # -- lines
        self.lines = LinesModel(self)
        self.lines.sig_changed.connect(self._changed)
        self.lines.sig_problem.connect(self._line_problem)
        self.lines_editor = LinesEditor(self.lines)
        self.lines_editor.add_button.clicked.connect(self.add_line)
        self.lines_editor.remove_button.clicked.connect(self.remove_line)

        # -- terms
        self.payment = PaymentTermsBox(days_typed=order_id is not None)
        self.payment.sig_changed.connect(lambda by_user: self._changed(touched=by_user))
        self.delivery = DeliveryTermsBox()
        self.delivery.sig_edited.connect(self._touched)
        # The fields by name: the tab chain, filling in, reading back, and tests reach them here.
        e, pay, d = self.lines_editor, self.payment, self.delivery
        self.lines_table, self.add_button, self.remove_button = e.lines_table, e.add_button, e.remove_button
        self.total_label, self.price_note = e.total_label, e.price_note
        self.prepayment, self.days, self.cod = pay.prepayment, pay.days, pay.cod
        self.delivery_terms, self.address, self.note = d.delivery_terms, d.address, d.note

        # The lines, and once the order has a past its steps, prepayments and shipments,
        # share one set of tabs, so each gets the width it needs.
        self.history = OrderHistory()
        self.history.insertTab(0, self.lines_editor, _("Lines"))
        self.history.setCurrentIndex(0)
        for i in range(1, self.history.count()):
            self.history.setTabVisible(i, False)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(header)
        left_layout.addWidget(self.history, 1)

        # -- beside: the credit, and the terms it depends on
        self.credit = CreditBox(ctx, actor)
        self.credit.setVisible(actor.can(Perm.CREDIT_VIEW))
        self.credit.sig_position.connect(self._position)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.credit)
        right_layout.addWidget(self.payment)
        right_layout.addWidget(self.delivery)
        right_layout.addStretch(1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setChildrenCollapsible(False)

        self.problem_label = QLabel()
        self.problem_label.setObjectName("problem")
        self.problem_label.setWordWrap(True)
        self.problem_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.actions = OrderActions(self)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.status_line)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.problem_label)
        layout.addLayout(self.actions.row)
        self._keys()
        self.setMinimumSize(980, 620)
        if not geometry.restore_geom(self, GEOMETRY_KEY, (1180, 720)):
            self.splitter.setSizes([800, 380])
        else:
            geometry.restore_splitter(self.splitter, GEOMETRY_KEY)
        self._set_editable(False)
        self.load()

    # -- keys and tab order ------------------------------------------------------------------------
    def _keys(self) -> None:
        QShortcut(QKeySequence(Qt.Key.Key_Insert), self, self.add_line,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence(Qt.Key.Key_Delete), self.lines_table, self.remove_line,
                  context=Qt.ShortcutContext.WidgetShortcut)
        chain = [self.customer, self.order_date, self.delivery_date, self.lines_table, self.add_button,
                 self.remove_button, self.prepayment, self.days, self.cod, self.delivery_terms, self.address,
                 self.note]
        for a, b in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(a, b)

    # -- loading -------------------------------------------------------------------------------------
    def load(self) -> None:
        ctx, actor, oid = self.ctx, self.actor, self.order_id

        def read():  # noqa: ANN202
            rows = products.list_products(ctx.uow(actor))
            threshold = next((r.value for r in settings.get_settings(ctx.uow(actor))
                              if r.key == "contract.major_threshold"), None)
            view = order_views.get_order(ctx.uow(actor), oid) if oid is not None else None
            return rows, threshold, view

        self.ctx.runner.run(read, lambda r: self._loaded(*r), owner=self)

    def reload(self) -> None:
        """After a step: read the order again (its status, history and buttons follow)."""
        if self.order_id is None:
            return
        ctx, actor, oid = self.ctx, self.actor, self.order_id
        self.ctx.runner.run(lambda: order_views.get_order(ctx.uow(actor), oid),
                            lambda v: self._loaded(self.lines.products(), self.threshold, v), owner=self)

    def _loaded(self, product_rows: list, threshold: object, view: OrderView | None) -> None:
        self.lines.set_products(product_rows)
        self.threshold = int(threshold) if isinstance(threshold, int) else None  # type: ignore[arg-type]
        self._filling = True
        try:
            if view is None:
                if not self._loaded_once:
                    self.lines.set_lines([EditLine()], editable=True)
            else:
                self._fill(view)
                self.loaded_input = reapply.loaded_state(self)
        finally:
            self._filling = False
        self._loaded_once = True
        self._dirty = False
        self._set_editable(self.is_editable())
        self._changed(touched=False)
        if self._reapply is not None and view is not None:
            self._put_back(self._reapply)
        if view is None and self.editable_now():
            self.customer.setFocus(Qt.FocusReason.OtherFocusReason)

    def _fill(self, v: OrderView) -> None:
        self.view = v
        self.order_id = v.id
        self.setWindowTitle(_("Order {number}").format(number=v.number))
        self.title.setText(_("Order {number} · {customer} · {status}").format(
            number=v.number, customer=v.customer_name, status=status_label(v.status)))
        text, style = status_text(v)
        self.status_line.setText(text)
        self.status_line.setStyleSheet(style if style != HINT_STYLE else "padding: 2px 0;")
        self.status_line.show()
        self.customer.set_customer(v.customer_id, v.customer_code, v.customer_name)
        self.order_date.set_value(v.order_date)
        self.delivery_date.set_value(v.delivery_date)
        self.payment.set_terms(PaymentTerms(v.prepayment_percent, v.days_to_pay, v.cash_on_delivery))
        self.delivery_terms.setText(v.delivery_terms)
        self.address.setText(v.delivery_address)
        self.note.setText(v.note)
        shipping = OrderStatus(v.status) not in (OrderStatus.DRAFT, OrderStatus.SUBMITTED, OrderStatus.SIGNED,
                                                 OrderStatus.BLOCKED, OrderStatus.CANCELLED)
        self.lines.set_lines([EditLine.of_row(ln) for ln in v.lines], editable=self.is_editable(), shipping=shipping)
        self.history.show_order(v)
        for i in range(1, self.history.count()):
            self.history.setTabVisible(i, True)
        self.lines_editor.show_columns(shipping)

    # -- what may be changed -------------------------------------------------------------------------
    def is_editable(self) -> bool:
        """A new order, or a draft, for someone who takes orders (the service checks whose)."""
        if not self.actor.can(Perm.ORDER_CREATE):
            return False
        return self.view is None or self.view.status == OrderStatus.DRAFT

    def editable_now(self) -> bool:
        return self._loaded_once and self.is_editable()

    def _set_editable(self, on: bool) -> None:
        self.lines_editor.set_editable(on)
        self.customer.setReadOnly(not on)
        self.customer.setClearButtonEnabled(on)
        for w in (self.order_date, self.delivery_date):
            w.setReadOnly(not on)
            w.setButtonSymbols(QSpinBox.ButtonSymbols.UpDownArrows if on else QSpinBox.ButtonSymbols.NoButtons)
        self.order_date.setCalendarPopup(on)
        self.delivery_date.setCalendarPopup(on)
        self.payment.set_editable(on)
        self.delivery.set_editable(on)
        self.actions.update()

    # -- lines ---------------------------------------------------------------------------------------
    def add_line(self) -> None:
        if self.editable_now():
            self.lines_editor.add_line()

    def remove_line(self) -> None:
        if self.editable_now():
            self.lines_editor.remove_line()

    # -- live figures --------------------------------------------------------------------------------
    def _touched(self) -> None:
        if not self._filling and self.editable_now():
            self._dirty = True

    def _customer_changed(self) -> None:
        self._changed()

    def _line_problem(self, text: str) -> None:
        self.say(text, error=True)
        self._form_problem = text  # gone once the lines change for the better

    def _recheck_problem(self) -> None:
        """A problem found in the form is taken away as soon as it is put right."""
        if not self._form_problem:
            return
        try:
            self.order_input()
        except DomainError as e:
            if str(e) == self._form_problem:
                return
        self.say("")

    def _changed(self, touched: bool = True) -> None:
        if touched:
            self._touched()
        self._recheck_problem()
        total = self.lines.total()
        self.lines_editor.show_total(total, self.threshold)
        self.payment.show_due(total)
        if not self.credit.isVisible() and not self.actor.can(Perm.CREDIT_VIEW):
            return
        if self.editable_now() or (self.view is None and self.order_id is None):
            self.credit.ask(Ask(self.customer.customer_id, total, self.prepayment.value(), self.cod.isChecked()))
        elif self.order_id is not None:  # a saved order's figures: asked once, at once
            self.credit.ask(Ask(None, order_id=self.order_id, status=self.view.status if self.view else ""),
                            now=True)
        self.actions.update()

    def _position(self, p: OrderCreditPosition) -> None:
        """While the order may be changed, its days to pay follow the customer's term."""
        if self.editable_now():
            self.payment.follow_term(p)

    # -- reading the form ---------------------------------------------------------------------------
    def order_input(self) -> OrderInput:
        """The form as the service takes it; a DomainError says what is missing."""
        try:
            return self._read_input()
        except DomainError as e:
            self._form_problem = str(e)
            raise

    def _read_input(self) -> OrderInput:
        if self.customer.customer_id is None:
            raise ValidationError(_("Customer"), _("pick the customer from the list"))
        lines = self.lines.inputs()
        return OrderInput(
            self.customer.customer_id, lines, self.order_date.value(), self.prepayment.value(),
            self.days.value(), self.cod.isChecked(), self.delivery_terms.text(), self.address.text(),
            self.delivery_date.value(), self.note.text())

    def say(self, text: str, error: bool = False) -> None:
        if text != self._form_problem:
            self._form_problem = ""  # what is said now was not found in the form (or is gone)
        self.problem_label.setStyleSheet(ERROR_STYLE if error else HINT_STYLE)
        self.problem_label.setText(text)

    def stale(self, refusal: StaleRecord) -> None:
        reapply.reload_over_newer(self, refusal)

    def _put_back(self, mine: reapply.MyChanges) -> None:
        reapply.put_back_mine(self, mine)

    def saved(self, order_id: int) -> None:
        """A write went through: the lists select the order, the form shows it as it is now."""
        self.order_id = order_id
        self._dirty = False
        self.sig_saved.emit(order_id)
        self.reload()
        self.credit.refresh()

    # -- closing ----------------------------------------------------------------------------------
    def done(self, result: int) -> None:
        if self._dirty and self.editable_now() and not dialogs.confirm(
                self, _("Unsaved changes"), _("Close the order without saving your changes?"),
                _("Close without saving"), destructive=True):
            return
        geometry.save_geom(self, GEOMETRY_KEY)
        geometry.save_splitter(self.splitter, GEOMETRY_KEY)
        self.history.save_layout()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._dirty and self.editable_now():
            event.ignore()
            self.reject()
            return
        super().closeEvent(event)

