"""What the credit screens share: labels for codes, optional figures, the hold banner,
and the dialog whose OK runs one service call and shows a refusal under the fields."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from sales_desk.domain.common.errors import ValidationError
from sales_desk.domain.common.money import parse_amount
from sales_desk.domain.credit.checklist import InvestigationStatus, Occasion
from sales_desk.domain.credit.limits import recorded_method_label
from sales_desk.domain.credit.rating import Grade, PaymentMode
from sales_desk.i18n import N_, _, ngettext
from sales_desk.ui.context import AppContext
from sales_desk.ui.widgets.money import MoneyEdit, money_text
from sales_desk.ui.widgets.service_dialog import HINT_STYLE
from sales_desk.ui.widgets.service_dialog import ServiceDialog as BaseServiceDialog

TOPIC = "credit"  # what every credit write announces (`writes=`); the customers tab listens too
ACCESS_TOPIC = "customer_access"  # a document opened: a line on the customer's access card
HOLD_COLOR = "#b00020"
HOLD_STYLE = (f"background: {HOLD_COLOR}; color: white; font-weight: bold; padding: 6px 10px;"
              " border-radius: 3px;")
NO_DATE = QDate(1900, 1, 1)  # a date edit's "not given" value, shown as a dash

PROPOSAL_STATUS = {
    "proposed": N_("Awaiting decision"),
    "approved": N_("Approved"),
    "rejected": N_("Rejected"),
}


def attachments_root(ctx: AppContext) -> Path:
    """Where attached files are kept: the data folder's attachments/ (config.attachments_dir)."""
    return Path(ctx.database.config.attachments_dir)


# -- labels -----------------------------------------------------------------------------------

def day(d: date | None) -> str:
    return d.isoformat() if d else ""


def local_time(t: datetime | None) -> str:
    """Stored in UTC; shown in the user's time zone."""
    return t.astimezone().strftime("%Y-%m-%d %H:%M") if t else ""


def grade_label(grade: str | None) -> str:
    return Grade(grade).label if grade else _("Not rated")


def status_label(status: str) -> str:
    return InvestigationStatus(status).label


def occasion_label(occasion: str) -> str:
    return Occasion(occasion).label


def proposal_status_label(status: str) -> str:
    return _(PROPOSAL_STATUS.get(status, status))


def method_label(method: str) -> str:
    return recorded_method_label(method)


def mode_label(mode: str) -> str:
    return PaymentMode(mode).label if mode in set(PaymentMode) else mode


def term_text(term_days: int | None, mode: str = PaymentMode.CREDIT) -> str:
    if mode != PaymentMode.CREDIT:
        return mode_label(mode)
    if term_days is None:
        return _("Not capped")
    return ngettext("{days} day", "{days} days", term_days).format(days=term_days)


def money_or_dash(minor: int | None) -> str:
    return "—" if minor is None else money_text(minor)


def percent_text(bp: int | None) -> str:
    """Basis points as a percentage: 7500 → "75 %", 1234 → "12.34 %"."""
    if bp is None:
        return ""
    value = (Decimal(bp) / 100).normalize()
    return f"{value:f} %"


def parse_percent(text: str, field: str) -> int | None:
    """"75", "75 %", "12.5" → basis points; blank → None (not known)."""
    text = text.strip().rstrip("%").strip().replace(",", ".")
    if not text:
        return None
    try:
        value = Decimal(text) * 100
    except InvalidOperation:
        raise ValidationError(field, _("not a percentage (e.g. 75 %)")) from None
    if value != value.to_integral_value() or not 0 <= value <= 10_000:
        raise ValidationError(field, _("a share between 0 % and 100 %, at most two decimals"))
    return int(value)


# -- inputs that may be left blank ----------------------------------------------------------------

class OptionalMoneyEdit(MoneyEdit):
    """An amount that may be unknown: blank reads as None."""

    def __init__(self, minor: int | None = None, parent: QWidget | None = None):
        super().__init__(0, parent)
        self.set_value(minor)
        self.setPlaceholderText(_("not known"))

    def set_value(self, minor: int | None) -> None:
        self.setText("" if minor is None else money_text(minor))

    def value(self, field: str) -> int | None:
        if not self.text().strip():
            return None
        try:
            return parse_amount(self.text())
        except ValueError:
            raise ValidationError(field, _("not an amount (e.g. 200,000.00)")) from None


class PercentEdit(QLineEdit):
    def __init__(self, bp: int | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setPlaceholderText(_("not known"))
        self.set_value(bp)

    def set_value(self, bp: int | None) -> None:
        self.setText(percent_text(bp))

    def value(self, field: str) -> int | None:
        return parse_percent(self.text(), field)


class OptionalCountEdit(QSpinBox):
    """A whole number that may be unknown: 0 shows as a dash and reads as None."""

    def __init__(self, maximum: int = 100_000, parent: QWidget | None = None):
        super().__init__(parent)
        self.setRange(0, maximum)
        self.setSpecialValueText("—")
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def set_value(self, n: int | None) -> None:
        self.setValue(n or 0)

    def value_or_none(self) -> int | None:
        return self.value() or None


class OptionalDateEdit(QDateEdit):
    """A date that may be unknown: the lowest date shows as a dash and reads as None."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setMinimumDate(NO_DATE)
        self.setSpecialValueText("—")
        self.set_value(None)

    def set_value(self, d: date | None) -> None:
        self.setDate(QDate(d) if d else NO_DATE)

    def value(self) -> date | None:
        d = self.date()
        return None if d == NO_DATE else d.toPython()


# -- the hold banner ------------------------------------------------------------------------------

class HoldBanner(QLabel):
    """Red, bold and impossible to miss: the customer may not buy on credit."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("hold_banner")
        self.setStyleSheet(HOLD_STYLE)
        self.setWordWrap(True)
        self.hide()

    def show_hold(self, on_hold: bool, since: datetime | None = None, downgraded_to: str | None = None) -> None:
        if not on_hold:
            self.hide()
            return
        text = _("CREDIT HOLD: no credit until a new rating is approved.")
        if since is not None:
            text = _("CREDIT HOLD since {day}: no credit until a new rating is approved.").format(
                day=local_time(since)[:10])
        if downgraded_to:
            text += " " + _("Downgraded to grade {grade} (第14条); a better grade on re-rating needs written "
                            "reasons.").format(grade=downgraded_to)
        self.setText("⚠ " + text)
        self.show()


def heading(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("font-weight: bold; font-size: 14px;")
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def hint(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(HINT_STYLE)
    return label


# -- a dialog whose action is one service call ----------------------------------------------------

class ServiceDialog(BaseServiceDialog):
    topic = TOPIC
