"""The relationship log of one customer [客户关系维护]: visits, return visits [回访],
complaints [投诉] with their handling, returns and exchanges [退换货]."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from sales_desk import clock
from sales_desk.domain.common.errors import DomainError
from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.domain.customers.files import InteractionKind
from sales_desk.i18n import _
from sales_desk.services.customers import records as customer_records
from sales_desk.services.customers.records import HANDLED_KINDS, InteractionInput, InteractionRow
from sales_desk.ui.context import AppContext
from sales_desk.ui.login import ERROR_STYLE
from sales_desk.ui.tabs.customers.confidential import local_time
from sales_desk.ui.widgets.list_model import RowsTableModel
from sales_desk.ui.widgets.money import MoneyEdit, money_text
from sales_desk.ui.widgets.page import Page
from sales_desk.ui.widgets.table import Table

LOG_TOPIC = "customer_log"
STATUS_COLUMN = 4
OPEN_COLOUR = QColor("#b35c00")


def status_text(row: InteractionRow) -> str:
    if InteractionKind(row.kind) not in HANDLED_KINDS:
        return ""
    return _("Open") if row.status == "open" else _("Handled")


def _cell(row: InteractionRow, column: int) -> str:
    if column == 0:
        return row.occurred_on.isoformat()
    if column == 1:
        return InteractionKind(row.kind).label
    return (row.subject, row.contact_person, status_text(row), row.handling)[column - 2]


def describe(row: InteractionRow) -> str:
    """Everything recorded about one entry, for the detail pane."""
    lines = [f"{InteractionKind(row.kind).label} · {row.occurred_on.isoformat()} · {row.subject}"]
    if row.contact_person:
        lines.append(_("Contact person: {name}").format(name=row.contact_person))
    if row.detail:
        lines += ["", row.detail]
    if row.goods:
        lines.append(_("Goods: {goods}").format(goods=row.goods))
    if row.amount is not None:
        lines.append(_("Amount: {amount}").format(amount=money_text(row.amount)))
    if row.handling:
        lines += ["", _("Handling ({who}, {on}):").format(
            who=row.handled_by, on=row.handled_on.isoformat() if row.handled_on else ""), row.handling]
    lines += ["", _("Recorded by {who} on {at}.").format(who=row.recorded_by, at=local_time(row.recorded_at))]
    return "\n".join(lines)


class LogModel(RowsTableModel[InteractionRow]):
    """Open complaints and returns stand out: someone still has to act on them."""

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN001, ANN201
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid() and index.column() == STATUS_COLUMN:
            row = self.row_at(index.row())
            if status_text(row) and row.status == "open":
                return OPEN_COLOUR
        return super().data(index, role)


class _EntryDialog(QDialog):
    """OK runs one service call; a refusal shows above the buttons and the dialog stays."""

    def __init__(self, ctx: AppContext, actor: Actor, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # made for one use
        self.ctx, self.actor = ctx, actor
        self.setWindowTitle(title)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(ERROR_STYLE)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(_("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def call(self):  # noqa: ANN201 - a zero-argument service call
        raise NotImplementedError

    def accept(self) -> None:
        self.ok.setEnabled(False)
        self.ctx.runner.run(self.call(), lambda _r: self.done(QDialog.DialogCode.Accepted), self._refused,
                            writes=LOG_TOPIC, owner=self)

    def _refused(self, exc: BaseException) -> bool:
        self.ok.setEnabled(True)
        if isinstance(exc, DomainError):
            self.problem.setText(str(exc))
            return True
        return False


class InteractionDialog(_EntryDialog):
    def __init__(self, ctx: AppContext, actor: Actor, customer_id: int, parent: QWidget | None = None):
        super().__init__(ctx, actor, _("Log a contact with the customer"), parent)
        self.customer_id = customer_id
        self.kind = QComboBox()
        self.kind.setObjectName("entry_kind")
        for k in InteractionKind:
            self.kind.addItem(k.label, k.value)
        self.occurred_on = QDateEdit(QDate(clock.today()))
        self.occurred_on.setCalendarPopup(True)
        self.occurred_on.setDisplayFormat("yyyy-MM-dd")
        self.occurred_on.setMaximumDate(QDate(clock.today()))
        self.subject = QLineEdit()
        self.subject.setObjectName("entry_subject")
        self.detail = QPlainTextEdit()
        self.detail.setTabChangesFocus(True)
        self.detail.setFixedHeight(self.fontMetrics().lineSpacing() * 5 + 12)
        self.contact_person = QLineEdit()
        self.goods = QLineEdit()
        self.amount = MoneyEdit()
        self.amount.setText("")
        self.form = QFormLayout(self)
        self.form.addRow(_("&Kind:"), self.kind)
        self.form.addRow(_("&Date:"), self.occurred_on)
        self.form.addRow(_("&Subject:"), self.subject)
        self.form.addRow(_("De&tail:"), self.detail)
        self.form.addRow(_("&Contact person:"), self.contact_person)
        self.form.addRow(_("&Goods:"), self.goods)
        self.form.addRow(_("&Amount:"), self.amount)
        self.form.addRow(self.problem)
        self.form.addRow(self.buttons)
        self.kind.currentIndexChanged.connect(lambda _i: self._update())
        self.subject.textChanged.connect(lambda _t: self._update())
        self.setMinimumWidth(520)
        self._update()

    def _kind(self) -> InteractionKind:
        return InteractionKind(self.kind.currentData())

    def _update(self) -> None:
        goods = self._kind() == InteractionKind.RETURN_EXCHANGE
        for w in (self.goods, self.amount):
            self.form.setRowVisible(w, goods)
        self.ok.setEnabled(bool(self.subject.text().strip()))

    def call(self):  # noqa: ANN201
        goods = self._kind() == InteractionKind.RETURN_EXCHANGE
        amount = None
        if goods and self.amount.text().strip():
            amount = self.amount.minor(_("Amount"))
        entry = InteractionInput(self._kind(), self.occurred_on.date().toPython(), self.subject.text(),
                                 self.detail.toPlainText(), self.contact_person.text(),
                                 self.goods.text() if goods else "", amount)
        cid = self.customer_id
        return lambda: customer_records.log_interaction(self.ctx.uow(self.actor), cid, entry)

    def accept(self) -> None:
        try:
            self.call()
        except DomainError as exc:  # an amount that is not money: said before any call
            self.problem.setText(str(exc))
            return
        super().accept()


class HandlingDialog(_EntryDialog):
    def __init__(self, ctx: AppContext, actor: Actor, row: InteractionRow, parent: QWidget | None = None):
        super().__init__(ctx, actor, _("Handling of: {subject}").format(subject=row.subject), parent)
        self.row = row
        what = QLabel(describe(row))
        what.setWordWrap(True)
        what.setTextFormat(Qt.TextFormat.PlainText)
        self.handling = QPlainTextEdit(row.handling)
        self.handling.setObjectName("handling")
        self.handling.setTabChangesFocus(True)
        self.handling.setFixedHeight(self.fontMetrics().lineSpacing() * 5 + 12)
        self.closed = QCheckBox(_("&Settled: close this matter"))
        self.closed.setChecked(True)
        label = QLabel(_("&What was done:"))
        label.setBuddy(self.handling)
        layout = QVBoxLayout(self)
        layout.addWidget(what)
        layout.addWidget(label)
        layout.addWidget(self.handling)
        layout.addWidget(self.closed)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.handling.textChanged.connect(lambda: self.ok.setEnabled(bool(self.handling.toPlainText().strip())))
        self.ok.setEnabled(bool(row.handling.strip()))
        self.setMinimumWidth(520)

    def call(self):  # noqa: ANN201
        rid, text, close = self.row.id, self.handling.toPlainText(), self.closed.isChecked()
        return lambda: customer_records.handle_interaction(self.ctx.uow(self.actor), rid, text, close)


class RelationshipPage(Page):
    topics = frozenset({LOG_TOPIC})

    def __init__(self, ctx: AppContext, actor: Actor, customer_id: int, parent: QWidget | None = None):
        super().__init__(ctx, actor, parent)
        self.customer_id = customer_id
        self.model = LogModel(
            [_("Date"), _("Kind"), _("Subject"), _("Contact person"), _("Status"), _("Handling")], _cell, self)
        self.table = Table("customers/relationship")
        self.table.setObjectName("relationship_table")
        self.table.setModel(self.model)
        self.table.restore_layout({0: 90, 1: 120, 2: 220, 3: 120, 4: 70})
        self.kind = QComboBox()
        self.kind.addItem(_("All entries"), None)
        for k in InteractionKind:
            self.kind.addItem(k.label, k.value)
        self.open_only = QCheckBox(_("Open &matters only"))
        self.log_button = QPushButton(_("&Log a contact…"))
        self.log_button.setObjectName("log_entry")
        self.handle_button = QPushButton(_("Record &handling…"))
        self.may_log = actor.can(Perm.CUSTOMER_CONTACT_LOG)
        self.log_button.setVisible(self.may_log)
        self.handle_button.setVisible(self.may_log)
        self.log_button.clicked.connect(self.log_entry)
        self.handle_button.clicked.connect(self.handle_selected)
        self.kind.currentIndexChanged.connect(lambda _i: self.load())
        self.open_only.toggled.connect(lambda _c: self.load())
        self.detail = QPlainTextEdit()
        self.detail.setReadOnly(True)
        self.detail.setTabChangesFocus(True)
        bar = QHBoxLayout()
        for w in (self.log_button, self.handle_button):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.kind)
        bar.addWidget(self.open_only)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selected())
        self.table.doubleClicked.connect(lambda _i: self.handle_selected())
        self._selected()

    def load(self) -> None:
        cid, kind, open_only = self.customer_id, self.kind.currentData(), self.open_only.isChecked()
        self.ctx.runner.run(
            lambda: customer_records.list_interactions(self.ctx.uow(self.actor), cid,
                                                       InteractionKind(kind) if kind else None, open_only),
            self._show, owner=self)

    def _show(self, rows: list[InteractionRow]) -> None:
        self.model.set_rows(rows)
        self._selected()

    def selected(self) -> InteractionRow | None:
        row = self.table.current_row()
        return None if row is None else self.model.row_at(row)

    def _selected(self) -> None:
        row = self.selected()
        self.detail.setPlainText("" if row is None else describe(row))
        self.handle_button.setEnabled(row is not None and InteractionKind(row.kind) in HANDLED_KINDS)

    def log_entry(self) -> InteractionDialog:
        dialog = InteractionDialog(self.ctx, self.actor, self.customer_id, self)
        dialog.open()
        return dialog

    def handle_selected(self) -> HandlingDialog | None:
        row = self.selected()
        if row is None or not self.may_log or not self.handle_button.isEnabled():
            return None
        dialog = HandlingDialog(self.ctx, self.actor, row, self)
        dialog.open()
        return dialog
