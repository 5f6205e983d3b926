"""The customer's reply to a statement of account, as dialogs over one service call each:
the balance confirmed [余额确认], the differences with amount and reason (one per line), a
difference resolved by finance, the auditor's confirmation letter [询证函] asked for."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sales_desk.domain.collections.statements import Difference
from sales_desk.domain.common.errors import DomainError, ValidationError
from sales_desk.domain.common.money import parse_amount
from sales_desk.domain.common.roles import Actor
from sales_desk.i18n import _
from sales_desk.services.collections import statements
from sales_desk.services.collections.statements import DifferenceRow, StatementRow
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.collections.common import TOPIC, date_edit, date_of, money
from sales_desk.ui.widgets.service_dialog import ServiceDialog

DIFFERENCE_LINES = 5


def _form_dialog(dialog: ServiceDialog, intro: str, form: QFormLayout, *extra: QWidget) -> None:
    label = QLabel(intro)
    label.setWordWrap(True)
    layout = QVBoxLayout(dialog)
    layout.addWidget(label)
    layout.addLayout(form)
    for w in extra:
        layout.addWidget(w)
    layout.addWidget(dialog.problem_label)
    layout.addWidget(dialog.buttons)
    dialog.setMinimumWidth(520)


class ConfirmDialog(ServiceDialog):
    """The slip came back signed: the balance agreed."""

    topic = TOPIC

    def __init__(self, ctx: AppContext, actor: Actor, row: StatementRow, parent: QWidget | None = None):
        super().__init__(ctx, actor, _("Balance confirmed"), parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.row = row
        self.replied = date_edit()
        self.note = QLineEdit()
        self.note.setPlaceholderText(_("who signed for the customer, the stamp"))
        form = QFormLayout()
        form.addRow(_("&Reply date:"), self.replied)
        form.addRow(_("&Note:"), self.note)
        self.ok = self.add_button(_("&Record confirmation"), QDialogButtonBox.ButtonRole.AcceptRole, self.submit)
        self.add_close(_("Cancel"))
        _form_dialog(self, _("{customer} agreed the balance of {amount} on {date} (statement {number}). Once "
                             "recorded, the statement cannot be changed.").format(
            customer=f"{row.customer_code} {row.customer_name}", amount=money(row.closing),
            date=row.period_to.isoformat(), number=row.number), form)

    def _update_buttons(self) -> None:
        self.ok.setEnabled(not self.busy())

    def submit(self) -> None:
        sid, on, note = self.row.id, date_of(self.replied), self.note.text()
        self.call(lambda: statements.confirm_statement(self.ctx.uow(self.actor), sid, on, note),
                  lambda _r: self.accept())


def _amount(text: str) -> int:
    """A signed amount as typed: "-1,200.00" the customer says they owe less."""
    try:
        return parse_amount(text.replace("−", "-"))
    except ValueError:
        raise ValidationError(_("Amount"), _("not an amount (e.g. 200,000.00)")) from None


class DifferencesDialog(ServiceDialog):
    """The slip came back with differences: one line each, amount and reason."""

    topic = TOPIC

    def __init__(self, ctx: AppContext, actor: Actor, row: StatementRow, parent: QWidget | None = None):
        super().__init__(ctx, actor, _("Differences raised by the customer"), parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.row = row
        self.replied = date_edit()
        self.note = QLineEdit()
        self.lines = QTableWidget(DIFFERENCE_LINES, 2)
        self.lines.setObjectName("differences")
        self.lines.setHorizontalHeaderLabels([_("Amount"), _("Reason")])
        self.lines.horizontalHeader().setStretchLastSection(True)
        self.lines.setTabKeyNavigation(True)
        form = QFormLayout()
        form.addRow(_("&Reply date:"), self.replied)
        form.addRow(_("&Note:"), self.note)
        self.ok = self.add_button(_("&Record differences"), QDialogButtonBox.ButtonRole.AcceptRole, self.submit)
        self.add_close(_("Cancel"))
        _form_dialog(self, _("Statement {number} to {customer}, balance {amount}: one line per difference; a "
                             "negative amount where the customer says they owe less.").format(
            number=row.number, customer=f"{row.customer_code} {row.customer_name}", amount=money(row.closing)),
            form, self.lines)

    def set_line(self, index: int, amount: str, reason: str) -> None:
        self.lines.setItem(index, 0, QTableWidgetItem(amount))
        self.lines.setItem(index, 1, QTableWidgetItem(reason))

    def differences(self) -> list[Difference]:
        out = []
        for r in range(self.lines.rowCount()):
            texts = [(self.lines.item(r, c).text() if self.lines.item(r, c) else "").strip() for c in (0, 1)]
            if any(texts):
                out.append(Difference(_amount(texts[0]) if texts[0] else 0, texts[1]))
        return out

    def _update_buttons(self) -> None:
        self.ok.setEnabled(not self.busy())

    def submit(self) -> None:
        try:
            items = self.differences()
        except DomainError as exc:
            self.say(str(exc), error=True)
            return
        sid, on, note = self.row.id, date_of(self.replied), self.note.text()
        self.call(lambda: statements.record_differences(self.ctx.uow(self.actor), sid, items, on, note),
                  lambda _r: self.accept())


class ResolveDialog(ServiceDialog):
    """Finance resolves one open difference with a note."""

    topic = TOPIC

    def __init__(self, ctx: AppContext, actor: Actor, number: str, open_rows: list[DifferenceRow],
                 parent: QWidget | None = None):
        super().__init__(ctx, actor, _("Resolve a difference"), parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.which = QComboBox()
        for d in open_rows:
            self.which.addItem(f"{money(d.amount)} · {d.reason}", d.id)
        self.note = QLineEdit()
        self.note.setObjectName("resolution")
        self.note.textChanged.connect(lambda _t: self._update_buttons())
        form = QFormLayout()
        form.addRow(_("&Difference:"), self.which)
        form.addRow(_("&Resolution:"), self.note)
        self.ok = self.add_button(_("&Resolve"), QDialogButtonBox.ButtonRole.AcceptRole, self.submit)
        self.add_close(_("Cancel"))
        _form_dialog(self, _("Statement {number}: say how the difference was resolved (a credit note raised, a "
                             "payment found, the customer's error…).").format(number=number), form)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.ok.setEnabled(not self.busy() and bool(self.note.text().strip()))

    def submit(self) -> None:
        did, note = int(self.which.currentData()), self.note.text()
        self.call(lambda: statements.resolve_difference(self.ctx.uow(self.actor), did, note),
                  lambda _r: self.accept())


class AuditorLetterDialog(ServiceDialog):
    """The auditor's confirmation letter [询证函] for a customer: issued, then previewed."""

    def __init__(self, ctx: AppContext, actor: Actor, customer: str,
                 issue: Callable[[date, str, str], None], parent: QWidget | None = None):
        super().__init__(ctx, actor, _("Balance confirmation letter"), parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._issue = issue
        self.as_of = date_edit()
        self.auditor = QLineEdit()
        self.auditor.setObjectName("auditor")
        self.address = QLineEdit()
        self.auditor.textChanged.connect(lambda _t: self._update_buttons())
        form = QFormLayout()
        form.addRow(_("Balance &on:"), self.as_of)
        form.addRow(_("&Audit firm:"), self.auditor)
        form.addRow(_("Audit firm's a&ddress:"), self.address)
        self.ok = self.add_button(_("&Issue letter"), QDialogButtonBox.ButtonRole.AcceptRole, self.submit)
        self.add_close(_("Cancel"))
        _form_dialog(self, _("The auditor's letter asks {customer} to confirm our balance directly to the audit "
                             "firm.").format(customer=customer), form)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.ok.setEnabled(bool(self.auditor.text().strip()))

    def submit(self) -> None:
        self._issue(date_of(self.as_of), self.auditor.text().strip(), self.address.text().strip())
        self.accept()
