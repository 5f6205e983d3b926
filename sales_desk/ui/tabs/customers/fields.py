"""One editor per field of the customer file, all with the same small interface:
`value()` (raises ValidationError naming the field), `set_value(v)`, `set_editable(b)`.

The kind of editor follows the field groups of services/customers/data.py, and every
label comes from its FIELD_LABELS, so the form and the service speak of the same fields.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit, QWidget

from sales_desk.domain.common.errors import ValidationError
from sales_desk.domain.customers.files import CLASSIFICATIONS
from sales_desk.i18n import _
from sales_desk.services.customers.data import (
    BOOL_FIELDS,
    CLASS_FIELDS,
    DATE_FIELDS,
    FIELD_LABELS,
    INT_FIELDS,
    MONEY_FIELDS,
)
from sales_desk.ui.widgets.money import MoneyEdit

# Free text that runs to sentences: several lines rather than one.
LONG_TEXT = frozenset({
    "key_managers", "service_area", "sales_capacity", "potential", "business_policy",
    "sales_history", "staff_quality", "competitor_relations", "cooperation_attitude",
    "trade_issues", "trade_strengths", "future_plan", "reputation", "credit_status",
    "trade_terms", "past_credit_problems", "purchasing_procedure", "demand_plan",
})
REQUIRED_MONEY = frozenset({"annual_sales"})  # 0 rather than blank: it sets the value grade
LONG_TEXT_LINES = 3


def label(field: str) -> str:
    return _(FIELD_LABELS.get(field, field))


class TextField(QLineEdit):
    def __init__(self, field: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.field = field

    def value(self) -> str:
        return self.text().strip()

    def set_value(self, value: object) -> None:
        self.setText(str(value or ""))
        self.setCursorPosition(0)

    def set_editable(self, editable: bool) -> None:
        self.setReadOnly(not editable)


class LongTextField(QPlainTextEdit):
    def __init__(self, field: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.field = field
        self.setTabChangesFocus(True)  # Tab moves on; Enter starts a new line
        lines = self.fontMetrics().lineSpacing() * LONG_TEXT_LINES
        self.setFixedHeight(lines + 2 * self.frameWidth() + 8)

    def value(self) -> str:
        return self.toPlainText().strip()

    def set_value(self, value: object) -> None:
        self.setPlainText(str(value or ""))

    def set_editable(self, editable: bool) -> None:
        self.setReadOnly(not editable)


class DateField(QLineEdit):
    """A business date typed as YYYY-MM-DD; blank for "not known"."""

    def __init__(self, field: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.field = field
        self.setPlaceholderText(_("YYYY-MM-DD"))
        self.setMaxLength(10)
        self.setMaximumWidth(self.fontMetrics().horizontalAdvance("0000-00-00") + 40)

    def value(self) -> date | None:
        text = self.text().strip()
        if not text:
            return None
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise ValidationError(label(self.field), _("not a valid date (YYYY-MM-DD)")) from None

    def set_value(self, value: object) -> None:
        self.setText(value.isoformat() if isinstance(value, date) else "")

    def set_editable(self, editable: bool) -> None:
        self.setReadOnly(not editable)


class CountField(QLineEdit):
    """A whole number ≥ 0, or blank."""

    def __init__(self, field: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.field = field
        self.setValidator(QIntValidator(0, 2_000_000_000, self))
        self.setMaximumWidth(self.fontMetrics().horizontalAdvance("0000000000") + 24)

    def value(self) -> int | None:
        text = self.text().strip()
        return int(text) if text else None

    def set_value(self, value: object) -> None:
        self.setText("" if value is None else str(value))

    def set_editable(self, editable: bool) -> None:
        self.setReadOnly(not editable)


class MoneyField(MoneyEdit):
    """An amount in minor units; blank is "not known" unless the field needs a number."""

    def __init__(self, field: str, parent: QWidget | None = None):
        super().__init__(0, parent)
        self.field = field
        self.setMaximumWidth(220)
        self.set_value(None)

    def value(self) -> int | None:
        if not self.text().strip():
            return 0 if self.field in REQUIRED_MONEY else None
        return self.minor(label(self.field))

    def set_value(self, value: object) -> None:
        if value is None:
            self.setText("")
        else:
            self.set_minor(int(value))  # type: ignore[call-overload]

    def set_editable(self, editable: bool) -> None:
        self.setReadOnly(not editable)


class ChoiceField(QComboBox):
    """One of a classification's codes, or none; shows the translated names."""

    def __init__(self, field: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.field = field
        self.addItem(_("(not set)"), "")
        for c in CLASSIFICATIONS[field]:
            self.addItem(_(c.label), c.code)

    def value(self) -> str:
        return self.currentData() or ""

    def set_value(self, value: object) -> None:
        index = self.findData(value or "")
        if index < 0:  # a code the lists no longer hold: keep it visible as it is
            self.addItem(str(value), value)
            index = self.count() - 1
        self.setCurrentIndex(index)

    def set_editable(self, editable: bool) -> None:
        self.setEnabled(editable)


class FlagField(QCheckBox):
    def __init__(self, field: str, parent: QWidget | None = None):
        super().__init__(label(field), parent)
        self.field = field

    def value(self) -> bool:
        return self.isChecked()

    def set_value(self, value: object) -> None:
        self.setChecked(bool(value))

    def set_editable(self, editable: bool) -> None:
        # 大客户筛选: only a screening the sales manager approves makes a key account
        locked = self.field == "key_account"
        self.setEnabled(editable and not locked)
        if locked:
            self.setToolTip(_("Set by an approved key-account screening"))


Field = TextField | LongTextField | DateField | CountField | MoneyField | ChoiceField | FlagField


def editor_for(field: str) -> Field:
    if field in CLASS_FIELDS:
        return ChoiceField(field)
    if field in DATE_FIELDS:
        return DateField(field)
    if field in INT_FIELDS:
        return CountField(field)
    if field in MONEY_FIELDS:
        return MoneyField(field)
    if field in BOOL_FIELDS:
        return FlagField(field)
    if field in LONG_TEXT:
        return LongTextField(field)
    return TextField(field)
