"""What the order and dispatch screens share: topics, labels, an optional date, the hold
and gate banners, and the dialog whose buttons each run one service call and show a
refusal under the fields."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDateEdit, QLabel, QWidget

from sales_desk import clock
from sales_desk.domain.orders.contracts import BlockReason, OrderStatus
from sales_desk.ui.widgets.money import money_text
from sales_desk.ui.widgets.service_dialog import HINT_STYLE as HINT_STYLE  # the orders pages' hint
from sales_desk.ui.widgets.service_dialog import ServiceDialog as SharedServiceDialog

# What writes announce (`writes=`); pages name the ones they show.
ORDERS = "orders"  # an order, its decisions or prepayments changed
DISPATCH = "dispatch"  # a shipment, hand-over or return
PRODUCTS = "products"  # a product or its price range
ORDER_TOPICS = frozenset({ORDERS, DISPATCH, "credit", "customers"})

HOLD_STYLE = ("background: #b00020; color: white; font-weight: bold; padding: 6px 10px;"
              " border-radius: 3px;")
GATE_STYLE = ("background: #fff3cd; color: #664d03; font-weight: bold; padding: 6px 10px;"
              " border: 1px solid #e0c36c; border-radius: 3px;")
OK_STYLE = "color: #1b5e20; font-weight: bold;"
BAD_STYLE = "color: #b00020; font-weight: bold;"
BELOW_FLOOR_BG = "#ffe0a3"  # amber: needs the sales VP
ABOVE_CEILING_FG = "#b00020"
NO_DATE = QDate(1900, 1, 1)


def day(d: date | None) -> str:
    return d.isoformat() if d else ""


def local_time(t: datetime | None) -> str:
    """Stored in UTC; shown in the user's time zone."""
    return t.astimezone().strftime("%Y-%m-%d %H:%M") if t else ""


def local_day(t: datetime | None) -> str:
    return local_time(t)[:10]


def status_label(status: str) -> str:
    return OrderStatus(status).label if status in set(OrderStatus) else status


def block_label(reason: str) -> str:
    return BlockReason(reason).label if reason in set(BlockReason) else reason


def money_or_dash(minor: int | None) -> str:
    return "—" if minor is None else money_text(minor)


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


def banner(style: str, name: str) -> QLabel:
    """A hidden, word-wrapped notice shown with setText + show (hold, prepayment gate)."""
    label = QLabel()
    label.setObjectName(name)
    label.setStyleSheet(style)
    label.setWordWrap(True)
    label.hide()
    return label


class DateEdit(QDateEdit):
    """A business date, never in the future; `optional` ones may be left as a dash (None)."""

    def __init__(self, optional: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self._optional = optional
        if optional:
            self.setMinimumDate(NO_DATE)
            self.setSpecialValueText("—")
        self.set_value(None)

    def set_value(self, d: date | None) -> None:
        self.setDate(QDate(d) if d else (NO_DATE if self._optional else QDate(clock.today())))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Qt keeps Tab inside a date edit showing its special value (a keyboard trap):
        # with no date given, Tab and Shift+Tab move on to the next field.
        tab = event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
        if tab and self._optional and self.date() == NO_DATE:
            forward = event.key() == Qt.Key.Key_Tab and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            QWidget.focusNextPrevChild(self, forward)
            return
        super().keyPressEvent(event)

    def value(self) -> date | None:
        d = self.date()
        return None if self._optional and d == NO_DATE else d.toPython()


class ServiceDialog(SharedServiceDialog):
    """The shared dialog (ui/widgets/service_dialog.py); its writes announce the orders."""

    topic = ORDERS


def notify(widget: QWidget, text: str) -> None:
    """A passing note in the main window's status bar (nothing to click)."""
    window = widget.window()
    if hasattr(window, "statusBar"):
        window.statusBar().showMessage(text, 8000)
