"""The order/contract form [销售合同]: customer, lines, payment and delivery terms, with the
customer's credit position beside it, live; and every step of the order's life that the
user's rights allow, each one service call (order_actions.py runs them).

Keys: Insert adds a line (and opens its product), Delete removes the selected line, Enter
in a draft saves it; every irreversible step (sign, approve, override) asks first.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.domain.orders.contracts import (
    ApprovalKind,
    OrderStatus,
    PaymentTerms,
    required_prepayment,
)
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
from sales_desk.ui.tabs.orders.common import (
    GATE_STYLE,
    HINT_STYLE,
    HOLD_STYLE,
    DateEdit,
    heading,
    status_label,
)
from sales_desk.ui.tabs.orders.credit_box import Ask, CreditBox
from sales_desk.ui.tabs.orders.lines_model import (
    CEILING,
    FLOOR,
    PRODUCT,
    QUANTITY,
    RETURNED,
    SHIPPED,
    WIDTHS,
    EditLine,
    LinesModel,
    ProductDelegate,
    QuantityDelegate,
)
from sales_desk.ui.tabs.orders.order_actions import OrderActions
from sales_desk.ui.tabs.orders.order_history import OrderHistory
from sales_desk.ui.widgets import dialogs
from sales_desk.ui.widgets.customer_picker import CustomerPicker
from sales_desk.ui.widgets.money import money_text

GEOMETRY_KEY = "orders/form"


def status_text(v: OrderView) -> tuple[str, str]:
    """What the order waits for, in a sentence, and the style to show it in."""
    s = OrderStatus(v.status)
    if s is OrderStatus.DRAFT:
        refused = [d for d in v.decisions if not d.approved]
        if refused and refused[-1].revision == v.revision:
            d = refused[-1]
            return (_("Draft: refused by {who} — “{note}”. Change the order and submit it again.").format(
                who=d.approver, note=d.note), GATE_STYLE)
        return _("Draft: not yet submitted."), HINT_STYLE
    if s is OrderStatus.SUBMITTED:
        if v.pending_reviews:
            waits = [ApprovalKind(k).label for k in v.pending_reviews]
            return (_("Submitted; before signing it waits for the sales VP: {what}.").format(
                what=", ".join(waits)), GATE_STYLE)
        return _("Submitted; every review is done: the contract may be signed."), HINT_STYLE
    if s is OrderStatus.SIGNED:
        return (_("Signed on {day}; waiting for approval for dispatch (the credit check).").format(
            day=v.signed_on.isoformat() if v.signed_on else ""), GATE_STYLE)
    if s is OrderStatus.BLOCKED:
        return (_("Blocked on credit: beyond the available credit by {excess}. Only a written override by "
                  "the finance director or the general manager releases it.").format(
                    excess=money_text(v.block_excess or 0)), HOLD_STYLE)
    if s in (OrderStatus.APPROVED, OrderStatus.PARTLY_SHIPPED) and v.prepayment_received < v.prepayment_required:
        return (_("Approved for dispatch; nothing ships before the prepayment of {required} is in "
                  "({received} received).").format(required=money_text(v.prepayment_required),
                                                   received=money_text(v.prepayment_received)), GATE_STYLE)
    if s is OrderStatus.APPROVED:
        return _("Approved for dispatch by {who}: with the warehouse.").format(who=v.approved_by), HINT_STYLE
    if s is OrderStatus.PARTLY_SHIPPED:
        return (_("Partly shipped: {shipped} of {total}.").format(shipped=money_text(v.shipped_value),
                                                                  total=money_text(v.total)), HINT_STYLE)
    if s in (OrderStatus.CLOSED, OrderStatus.CANCELLED) and v.end_reason:
        return _("{status}: {reason}").format(status=s.label, reason=v.end_reason), HINT_STYLE
    return s.label, HINT_STYLE


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
        self._days_touched = order_id is not None
        self._filling = False
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
        self.order_date.setMaximumDate(QDate.currentDate())  # a business date is never in the future
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

        # -- lines
        self.lines = LinesModel(self)
        self.lines.sig_changed.connect(self._changed)
        self.lines.sig_problem.connect(lambda text: self.say(text, error=True))
        self.lines_table = QTableView()
        self.lines_table.setObjectName("lines_table")
        self.lines_table.setModel(self.lines)
        self.lines_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.lines_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.lines_table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                         | QAbstractItemView.EditTrigger.EditKeyPressed
                                         | QAbstractItemView.EditTrigger.AnyKeyPressed
                                         | QAbstractItemView.EditTrigger.SelectedClicked)
        self.lines_table.setTabKeyNavigation(False)
        self.lines_table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.lines_table.setItemDelegateForColumn(PRODUCT, ProductDelegate(self.lines, self.lines_table))
        self.lines_table.setItemDelegateForColumn(QUANTITY, QuantityDelegate(self.lines_table))
        for col, width in WIDTHS.items():
            self.lines_table.setColumnWidth(col, width)
        self.lines_table.horizontalHeader().setStretchLastSection(False)
        self.lines_table.horizontalHeader().setSectionResizeMode(PRODUCT, QHeaderView.ResizeMode.Stretch)
        self.add_button = QPushButton(_("Add line"))
        self.add_button.setObjectName("add_line")
        self.add_button.setToolTip(_("Insert"))
        self.add_button.clicked.connect(self.add_line)
        self.remove_button = QPushButton(_("Remove line"))
        self.remove_button.setObjectName("remove_line")
        self.remove_button.setToolTip(_("Delete"))
        self.remove_button.clicked.connect(self.remove_line)
        self.total_label = QLabel()
        self.total_label.setObjectName("order_total")
        self.total_label.setStyleSheet("font-weight: bold; font-size: 14px;")
        self.price_note = QLabel()
        self.price_note.setObjectName("price_note")
        self.price_note.setWordWrap(True)
        line_buttons = QHBoxLayout()
        line_buttons.addWidget(self.add_button)
        line_buttons.addWidget(self.remove_button)
        line_buttons.addWidget(self.price_note, 1)
        line_buttons.addWidget(self.total_label)

        # -- terms
        self.prepayment = QSpinBox()
        self.prepayment.setObjectName("prepayment_percent")
        self.prepayment.setRange(0, 100)
        self.prepayment.setSuffix(" %")
        self.days = QSpinBox()
        self.days.setObjectName("days_to_pay")
        self.days.setRange(0, 3650)
        self.days.setSuffix(_(" days"))
        self.cod = QCheckBox(_("Cas&h on delivery"))
        self.cod.setObjectName("cash_on_delivery")
        self.prepayment_due = QLabel()
        self.prepayment_due.setObjectName("prepayment_due")
        self.prepayment_due.setStyleSheet(HINT_STYLE)
        terms = QGroupBox(_("Payment terms"))
        terms_form = QFormLayout(terms)
        terms_form.addRow(_("Prepay&ment:"), self.prepayment)
        terms_form.addRow(_("Da&ys to pay:"), self.days)
        terms_form.addRow("", self.cod)
        terms_form.addRow("", self.prepayment_due)
        self.delivery_terms = QLineEdit()
        self.delivery_terms.setObjectName("delivery_terms")
        self.delivery_terms.setPlaceholderText(_("e.g. delivered to the door, freight paid by us"))
        self.address = QLineEdit()
        self.address.setObjectName("delivery_address")
        self.address.setPlaceholderText(_("the customer's address"))
        self.note = QLineEdit()
        self.note.setObjectName("note")
        delivery = QGroupBox(_("Delivery and other terms"))
        delivery_form = QFormLayout(delivery)
        delivery_form.addRow(_("Delivery te&rms:"), self.delivery_terms)
        delivery_form.addRow(_("Addr&ess:"), self.address)
        delivery_form.addRow(_("Other terms:"), self.note)
        for w in (self.prepayment, self.days):
            w.valueChanged.connect(lambda _v: self._changed())
        self.days.valueChanged.connect(self._days_changed)
        self.cod.toggled.connect(self._cod_toggled)
        for w in (self.delivery_terms, self.address, self.note):
            w.textEdited.connect(lambda _t: self._touched())
        for w in (self.order_date, self.delivery_date):
            w.dateChanged.connect(lambda _d: self._touched())
        # The lines, and once the order has a past its steps, prepayments and shipments,
        # share one set of tabs, so each gets the width it needs.
        lines_page = QWidget()
        lines_layout = QVBoxLayout(lines_page)
        lines_layout.setContentsMargins(4, 4, 4, 4)
        lines_layout.addWidget(self.lines_table, 1)
        lines_layout.addLayout(line_buttons)
        self.history = OrderHistory()
        self.history.insertTab(0, lines_page, _("Lines"))
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
        right_layout.addWidget(terms)
        right_layout.addWidget(delivery)
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
        finally:
            self._filling = False
        self._loaded_once = True
        self._dirty = False
        self._set_editable(self.is_editable())
        self._changed(touched=False)
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
        self.prepayment.setValue(v.prepayment_percent)
        self.days.setValue(v.days_to_pay)
        self.cod.setChecked(v.cash_on_delivery)
        self.delivery_terms.setText(v.delivery_terms)
        self.address.setText(v.delivery_address)
        self.note.setText(v.note)
        shipping = OrderStatus(v.status) not in (OrderStatus.DRAFT, OrderStatus.SUBMITTED, OrderStatus.SIGNED,
                                                 OrderStatus.BLOCKED, OrderStatus.CANCELLED)
        self.lines.set_lines([EditLine.of_row(ln) for ln in v.lines], editable=self.is_editable(), shipping=shipping)
        self.history.show_order(v)
        for i in range(1, self.history.count()):
            self.history.setTabVisible(i, True)
        for col in ((FLOOR, CEILING) if shipping else (SHIPPED, RETURNED)):
            self.lines_table.hideColumn(col)
        for col in ((SHIPPED, RETURNED) if shipping else (FLOOR, CEILING)):
            self.lines_table.showColumn(col)

    # -- what may be changed -------------------------------------------------------------------------
    def is_editable(self) -> bool:
        """A new order, or a draft, for someone who takes orders (the service checks whose)."""
        if not self.actor.can(Perm.ORDER_CREATE):
            return False
        return self.view is None or self.view.status == OrderStatus.DRAFT

    def editable_now(self) -> bool:
        return self._loaded_once and self.is_editable()

    def _set_editable(self, on: bool) -> None:
        self.lines.editable = on
        self.customer.setReadOnly(not on)
        self.customer.setClearButtonEnabled(on)
        for w in (self.order_date, self.delivery_date, self.prepayment, self.days):
            w.setReadOnly(not on)
            w.setButtonSymbols(QSpinBox.ButtonSymbols.UpDownArrows if on else QSpinBox.ButtonSymbols.NoButtons)
        self.order_date.setCalendarPopup(on)
        self.delivery_date.setCalendarPopup(on)
        self.cod.setEnabled(on)
        for w in (self.delivery_terms, self.address, self.note):
            w.setReadOnly(not on)
        self.add_button.setVisible(on)
        self.remove_button.setVisible(on)
        self.lines_table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed | QAbstractItemView.EditTrigger.SelectedClicked
            if on else QAbstractItemView.EditTrigger.NoEditTriggers)
        self.actions.update()

    # -- lines ---------------------------------------------------------------------------------------
    def add_line(self) -> None:
        if not self.editable_now():
            return
        row = self.lines.add_line()
        index = self.lines.index(row, PRODUCT)
        self.lines_table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.lines_table.setCurrentIndex(index)
        self.lines_table.edit(index)

    def remove_line(self) -> None:
        if not self.editable_now():
            return
        index = self.lines_table.currentIndex()
        if index.isValid():
            self.lines.remove_line(index.row())

    # -- live figures --------------------------------------------------------------------------------
    def _touched(self) -> None:
        if not self._filling and self.editable_now():
            self._dirty = True

    def _days_changed(self, _v: int) -> None:
        if not self._filling:
            self._days_touched = True

    def _cod_toggled(self, on: bool) -> None:
        if on and not self._filling:
            self.days.setValue(0)
        self.days.setEnabled(not on)
        self._changed()

    def _customer_changed(self) -> None:
        self._changed()

    def terms(self) -> PaymentTerms:
        return PaymentTerms(self.prepayment.value(), self.days.value(), self.cod.isChecked())

    def _changed(self, touched: bool = True) -> None:
        if touched:
            self._touched()
        total = self.lines.total()
        self.total_label.setText(_("Total {total}").format(total=money_text(total)))
        required = required_prepayment(total, self.prepayment.value())
        self.prepayment_due.setText(_("Prepayment due before shipping: {amount}").format(amount=money_text(required)))
        self.prepayment_due.setVisible(bool(required))
        notes = []
        below = self.lines.below_floor()
        if below:
            notes.append(_("Line {lines} below the floor: the sales VP approves it after you submit.").format(
                lines=", ".join(str(i + 1) for i in below)))
        if self.threshold is not None and total >= self.threshold and total > 0:
            notes.append(_("A major contract (from {threshold}): the sales VP reviews it before signing.").format(
                threshold=money_text(self.threshold)))
        self.price_note.setText(" ".join(notes))
        self.price_note.setStyleSheet("color: #7a4f00;" if notes else "")
        if not self.credit.isVisible() and not self.actor.can(Perm.CREDIT_VIEW):
            return
        if self.editable_now() or (self.view is None and self.order_id is None):
            self.credit.ask(Ask(self.customer.customer_id, total, self.prepayment.value(), self.cod.isChecked()))
        elif self.order_id is not None:  # a saved order's figures: asked once, at once
            self.credit.ask(Ask(None, order_id=self.order_id, status=self.view.status if self.view else ""),
                            now=True)
        self.actions.update()

    def _position(self, p: OrderCreditPosition) -> None:
        """Days to pay follow the customer's term until the user types their own."""
        if not self.editable_now() or self._days_touched or self.cod.isChecked():
            return
        if p.payment_mode != "credit" or p.grade not in ("A", "B", "C"):
            days = 0
        else:
            days = 30 if p.term_days is None else p.term_days
        self._filling = True
        try:
            self.days.setValue(days)
        finally:
            self._filling = False

    # -- reading the form ---------------------------------------------------------------------------
    def order_input(self) -> OrderInput:
        """The form as the service takes it; a DomainError says what is missing."""
        from sales_desk.domain.common.errors import ValidationError

        if self.customer.customer_id is None:
            raise ValidationError(_("Customer"), _("pick the customer from the list"))
        lines = self.lines.inputs()
        return OrderInput(
            self.customer.customer_id, lines, self.order_date.value(), self.prepayment.value(),
            self.days.value(), self.cod.isChecked(), self.delivery_terms.text(), self.address.text(),
            self.delivery_date.value(), self.note.text())

    def say(self, text: str, error: bool = False) -> None:
        self.problem_label.setStyleSheet(ERROR_STYLE if error else HINT_STYLE)
        self.problem_label.setText(text)

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

