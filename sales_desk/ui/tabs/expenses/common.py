"""What the expense screens share: the topics they write, labels for codes, and the dialog
whose buttons each run one service call and show a refusal under the fields."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import QDateEdit, QLabel, QWidget

from sales_desk.domain.common.roles import Actor
from sales_desk.domain.expenses.budget import BudgetStatus
from sales_desk.domain.expenses.claims import (
    Category,
    ClaimStatus,
    PaymentMethod,
    StepKind,
    TravelStatus,
    item_label,
)
from sales_desk.i18n import _, current_language
from sales_desk.ui.context import AppContext
from sales_desk.ui.widgets.service_dialog import HINT_STYLE
from sales_desk.ui.widgets.service_dialog import ServiceDialog as BaseServiceDialog

TOPIC = "expenses"  # claims, steps, payments, travel applications
BUDGET_TOPIC = "expense_budget"
PROFILES_TOPIC = "expense_profiles"  # departments and allowances (admin tab)
WARN_STYLE = "color: #7a4f00;"
OK_STYLE = "color: #1b5e20;"
DEBOUNCE_MS = 250  # typing pauses this long before a query runs


def attachments_root(ctx: AppContext) -> Path:
    """Where receipts are kept: the data folder's attachments/ (config.attachments_dir)."""
    return Path(ctx.database.config.attachments_dir)


# -- labels -----------------------------------------------------------------------------------


def day(d: date | None) -> str:
    return d.isoformat() if d else ""


def local_time(t: datetime | None) -> str:
    """Stored in UTC; shown in the user's time zone."""
    return t.astimezone().strftime("%Y-%m-%d %H:%M") if t else ""


def category_label(key: str) -> str:
    try:
        return Category(key).label
    except ValueError:
        return key


def step_label(kind: str | None) -> str:
    return StepKind(kind).label if kind in set(StepKind) else (kind or "")


def claim_status_text(status: str, current_step: str | None) -> str:
    """"In approval: Finance check" while in route, else the status."""
    s = ClaimStatus(status)
    if s is ClaimStatus.IN_ROUTE and current_step:
        return _("{status}: {step}").format(status=s.label, step=step_label(current_step))
    return s.label


def travel_status_text(status: str) -> str:
    return TravelStatus(status).label


def budget_status_text(status: str) -> str:
    return BudgetStatus(status).label


def method_label(method: str) -> str:
    return PaymentMethod(method).label if method in set(PaymentMethod) else method


def item_text(item: str) -> str:
    return item_label(item)


def month_name(month: int, long: bool = False) -> str:
    """The month's name in the user's language ("Mar", "3月"), from Qt's locale data."""
    fmt = QLocale.FormatType.LongFormat if long else QLocale.FormatType.ShortFormat
    return QLocale(current_language()).monthName(month, fmt)


def qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def date_edit(d: date) -> QDateEdit:
    edit = QDateEdit(qdate(d))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def hint(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(HINT_STYLE)
    return label


def heading(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("font-weight: bold; font-size: 14px;")
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label


# -- a dialog whose actions are service calls ---------------------------------------------------

class ServiceDialog(BaseServiceDialog):
    """Made for one use: deleted when closed."""

    topic = TOPIC

    def __init__(self, ctx: AppContext, actor: Actor, title: str, parent: QWidget | None = None):
        super().__init__(ctx, actor, title, parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
