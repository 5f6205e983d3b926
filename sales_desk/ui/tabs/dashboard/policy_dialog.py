"""Proposing a policy change: one group's numbers, the day they take force, and why.

The proposer sees the numbers in force today and changes some; the general manager
approves or returns the proposal on the policy page (services/admin/policy.py).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from sales_desk import clock
from sales_desk.domain.admin.policy import GROUPS, PolicyGroup
from sales_desk.domain.admin.settings import SPEC_BY_KEY
from sales_desk.domain.common.errors import ValidationError
from sales_desk.domain.common.money import parse_amount
from sales_desk.domain.common.roles import Actor
from sales_desk.i18n import _
from sales_desk.services.admin.settings import SettingRow
from sales_desk.ui.login import ERROR_STYLE
from sales_desk.ui.widgets.money import MoneyEdit, money_text


def proposable_groups(actor: Actor) -> list[PolicyGroup]:
    """The groups whose numbers this person's role proposes (the seed names the role)."""
    return [g for g, rule in GROUPS.items() if rule.proposer in actor.roles]


class ProposeDialog(QDialog):
    """`proposal()` → (changes, effective date, reason) once accepted."""

    def __init__(self, actor: Actor, rows: list[SettingRow], parent: QWidget | None = None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(_("Propose a policy change"))
        self.rows = [r for r in rows if r.group is not None]
        self.editors: dict[str, QWidget] = {}
        self.group = QComboBox()
        self.group.setObjectName("policy_group")
        for g in proposable_groups(actor):
            self.group.addItem(_(GROUPS[g].label), g.value)
        self.group.currentIndexChanged.connect(self._fill)
        self.effective = QDateEdit()
        self.effective.setObjectName("policy_effective")
        self.effective.setCalendarPopup(True)
        self.effective.setDisplayFormat("yyyy-MM-dd")
        today = clock.today()
        self.effective.setMinimumDate(QDate(today.year, today.month, today.day))
        self.effective.setDate(QDate(today.year, today.month, today.day))
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("policy_reason")
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(64)
        self.numbers_host = QWidget()
        self.numbers = QFormLayout(self.numbers_host)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.numbers_host)
        self.problem = QLabel()
        self.problem.setStyleSheet(ERROR_STYLE)
        self.problem.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Propose"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        head = QFormLayout()
        for text, widget in ((_("&Group:"), self.group), (_("In &force from:"), self.effective),
                             (_("&Reason:"), self.reason)):
            label = QLabel(text)
            label.setBuddy(widget)
            head.addRow(label, widget)
        note = QLabel(_("The general manager approves or returns the proposal; until then the "
                        "numbers in force stay."))
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(scroll, 1)
        layout.addWidget(note)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.resize(520, 480)
        self._fill()

    def _fill(self) -> None:
        while self.numbers.rowCount():
            self.numbers.removeRow(0)
        self.editors = {}
        group = self.group.currentData()
        for row in self.rows:
            if row.group is None or row.group.value != group:
                continue
            editor = _editor(row)
            editor.setObjectName(f"policy_{row.key}")
            self.editors[row.key] = editor
            label = QLabel(_("{label}:").format(label=row.label))
            label.setWordWrap(True)
            label.setBuddy(editor)
            self.numbers.addRow(label, editor)

    def changes(self) -> dict[str, object]:
        out: dict[str, object] = {}
        for row in self.rows:
            if row.key in self.editors:
                value = _value(row, self.editors[row.key])
                if value != row.value:
                    out[row.key] = value
        return out

    def effective_from(self) -> date:
        return self.effective.date().toPython()  # type: ignore[no-any-return]

    def accept(self) -> None:
        try:
            changes = self.changes()
        except ValidationError as exc:
            self.problem.setText(str(exc))
            return
        if not changes:
            self.problem.setText(_("Change at least one number."))
            return
        if not self.reason.toPlainText().strip():
            self.problem.setText(_("Say why the policy should change."))
            return
        self._result = (changes, self.effective_from(), self.reason.toPlainText().strip())
        super().accept()

    def proposal(self) -> tuple[dict[str, object], date, str]:
        return self._result


def allowances_text(value: object) -> str:
    """A personal-allowance map as the proposer edits it: one "user name: amount" a line."""
    return "\n".join(f"{name}: {money_text(int(amount))}" for name, amount in sorted(dict(value).items()))  # type: ignore[call-overload, arg-type]


def _parse_allowances(label: str, text: str) -> dict[str, int]:
    out: dict[str, int] = {}
    for line in text.splitlines():
        if not line.strip():
            continue
        name, sep, amount = line.replace("：", ":").partition(":")
        try:
            if not sep or not name.strip():
                raise ValueError
            out[name.strip()] = parse_amount(amount.strip())
        except ValueError:
            raise ValidationError(label, _("write one “user name: amount” a line")) from None
    return out


def _editor(row: SettingRow) -> QWidget:
    spec = SPEC_BY_KEY.get(row.key)
    if row.kind == "allowance_map":
        edit = QPlainTextEdit(allowances_text(row.value))
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(90)
        edit.setToolTip(_("One person a line, “user name: amount”; everyone else has the default allowance."))
        return edit
    if row.kind == "money":
        return MoneyEdit(int(row.value))  # type: ignore[arg-type]
    if row.kind == "int":
        spin = QSpinBox()
        spin.setRange(spec.minimum if spec and spec.minimum is not None else 0,
                      spec.maximum if spec and spec.maximum is not None else 1_000_000)
        spin.setValue(int(row.value))  # type: ignore[arg-type]
        return spin
    if row.kind == "int_list":
        return QLineEdit(", ".join(str(v) for v in row.value))  # type: ignore[union-attr]
    return QLineEdit(str(row.value))


def _value(row: SettingRow, editor: QWidget) -> object:
    if isinstance(editor, MoneyEdit):
        return editor.minor(row.label)
    if isinstance(editor, QSpinBox):
        return editor.value()
    if isinstance(editor, QPlainTextEdit):
        return _parse_allowances(row.label, editor.toPlainText())
    assert isinstance(editor, QLineEdit)
    text = editor.text().strip()
    if row.kind == "int_list":
        try:
            return [int(p) for p in text.replace("，", ",").split(",") if p.strip()]
        except ValueError:
            raise ValidationError(row.label, _("whole numbers of days, separated by commas")) from None
    return text
