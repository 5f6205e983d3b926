"""Money on screen: integer minor units in, the locale's grouping out; never a float."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from sales_desk.domain.common.errors import ValidationError
from sales_desk.domain.common.money import format_money, parse_amount
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
    """An amount typed as the user writes it ("1,234.50", "¥200000"); read as minor units."""

    def __init__(self, minor: int = 0, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.set_minor(minor)

    def set_minor(self, minor: int) -> None:
        self.setText(money_text(minor))

    def minor(self, field: str) -> int:
        """The amount in minor units; ValidationError naming `field` if it is not money."""
        try:
            return parse_amount(self.text())
        except ValueError:
            raise ValidationError(field, _("not an amount (e.g. 200,000.00)")) from None
