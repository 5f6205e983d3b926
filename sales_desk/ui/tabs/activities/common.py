"""What the Activities tab's pages and dialogs share: the topic their writes announce, the
dialog whose buttons run one service call, form rows with mnemonics, the day and time
fields, and the words for kinds and week days."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from sales_desk.domain.activities.rules import ActivityKind, ActivityStatus, minute_text
from sales_desk.domain.common.errors import ValidationError
from sales_desk.domain.common.roles import Actor
from sales_desk.i18n import N_, _
from sales_desk.services.activities.activities import ActivityRow
from sales_desk.ui.context import AppContext
from sales_desk.ui.widgets.service_dialog import HINT_STYLE
from sales_desk.ui.widgets.service_dialog import ServiceDialog as SharedServiceDialog

TOPIC = "activities"  # what the tab's writes announce; its pages reload on it
WEEKDAYS = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))
_TIME = re.compile(r"^\s*(\d{1,2})[:：.]?(\d{2})\s*$")


class ServiceDialog(SharedServiceDialog):
    """Made for one use: deleted when closed."""

    topic = TOPIC

    def __init__(self, ctx: AppContext, actor: Actor, title: str, parent: QWidget | None = None):
        super().__init__(ctx, actor, title, parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)


def day_text(d: date | None) -> str:
    """2026-03-11 Wed."""
    return f"{d.isoformat()} {_(WEEKDAYS[d.weekday()])}" if d else ""


def date_edit(d: date, name: str) -> QDateEdit:
    edit = QDateEdit(QDate(d.year, d.month, d.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setObjectName(name)
    return edit


def time_edit(name: str, minute: int | None = None) -> QLineEdit:
    """A time of day typed as 9:30 or 0930; empty for some time that day."""
    edit = QLineEdit(minute_text(minute))
    edit.setObjectName(name)
    edit.setPlaceholderText(_("hh:mm, or empty"))
    edit.setMaxLength(5)
    return edit


def read_minute(edit: QLineEdit) -> int | None:
    text = edit.text().strip()
    if not text:
        return None
    m = _TIME.match(text)
    if m is None or int(m.group(1)) > 23 or int(m.group(2)) > 59:
        raise ValidationError(_("Time"), _("type the time as hh:mm, e.g. 09:30"))
    return int(m.group(1)) * 60 + int(m.group(2))


def kind_combo(name: str) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    for k in ActivityKind:
        combo.addItem(k.label, k.value)
    return combo


def choice_combo(name: str, choices: Iterable[tuple[object, str]], none: str | None = None) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)  # names and numbers shown whole
    combo.setMinimumContentsLength(10)
    fill_combo(combo, choices, none)
    return combo


def arrow_button(text: str, tip: str) -> QPushButton:
    button = QPushButton(text)
    button.setToolTip(tip)
    button.setFixedWidth(button.fontMetrics().horizontalAdvance("◀") + 28)
    return button


def fill_combo(combo: QComboBox, choices: Iterable[tuple[object, str]], none: str | None = None) -> None:
    keep = combo.currentData()
    combo.clear()
    if none is not None:
        combo.addItem(none, None)
    for value, label in choices:
        combo.addItem(label, value)
    i = combo.findData(keep)
    combo.setCurrentIndex(i if i >= 0 else 0)


def form(rows: Iterable[tuple[str, QWidget]]) -> QFormLayout:
    """Labelled rows whose mnemonics (&) go to their field."""
    layout = QFormLayout()
    layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
    for text, widget in rows:
        label = QLabel(text)
        label.setBuddy(widget)
        layout.addRow(label, widget)
    return layout


def hint(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(HINT_STYLE)
    return label


def activity_cells(row: ActivityRow, column: int) -> str:
    status = ActivityStatus(row.status).label + (" · " + _("overdue") if row.overdue else "")
    return (day_text(row.planned_on), minute_text(row.planned_minute), ActivityKind(row.kind).label,
            row.subject, row.customer, row.rep, status, row.outcome, row.next_step)[column]


def activity_headers() -> list[str]:
    return [_("Day"), _("Time"), _("Kind"), _("Subject"), _("Customer"), _("Person"), _("Status"),
            _("Outcome"), _("Next step")]
