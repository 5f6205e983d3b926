"""Money on screen: integer minor units in, the locale's grouping out; never a float."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from sales_desk.domain.common.errors import ValidationError
from sales_desk.domain.common.money import format_money, group_as_typed, parse_amount
from sales_desk.i18n import _, current_language


def money_text(minor: int, currency: str | None = None) -> str:
    return format_money(minor, current_language(), currency)


class MoneyLabel(QLabel):
    def __init__(self, minor: int = 0, currency: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._currency = currency
        self.set_minor(minor)

    def set_minor(self, minor: int) -> None:
        self.setText(money_text(minor, self._currency))


class MoneyEdit(QLineEdit):
    """An amount typed as the user writes it ("1,234.50", "¥200000"); read as minor units.

    Grouped as it is typed ("30000" shows "30,000") and written out in full when left
    ("30,000.00"), so a misread zero is seen before it is saved."""

    def __init__(self, minor: int = 0, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.set_minor(minor)
        self.textEdited.connect(self._regroup)
        self.editingFinished.connect(self._tidy)

    def _regroup(self, text: str) -> None:
        new, cursor = group_as_typed(text, self.cursorPosition())
        if new != text:
            self.setText(new)  # setText does not emit textEdited: no loop
            self.setCursorPosition(cursor)

    def _tidy(self) -> None:
        try:
            minor = parse_amount(self.text())
        except ValueError:
            return  # left as typed; minor() names the mistake when the form is read
        self.set_minor(minor)

    def set_minor(self, minor: int) -> None:
        self.setText(money_text(minor))

    def minor(self, field: str) -> int:
        """The amount in minor units; ValidationError naming `field` if it is not money."""
        try:
            return parse_amount(self.text())
        except ValueError:
            raise ValidationError(field, _("not an amount (e.g. 200,000.00)")) from None
