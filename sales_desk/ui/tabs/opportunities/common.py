"""What the Opportunities tab's pages and forms share: the topic their writes announce, the
dialog base that announces it, a date field, and a few labels."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDateEdit, QFormLayout, QLabel, QWidget

from sales_desk import clock
from sales_desk.i18n import N_, _
from sales_desk.ui.widgets.service_dialog import ServiceDialog

TOPIC = "opportunity"  # an opportunity, a lead or a quotation changed
CUSTOMERS = "customers"  # a lead became a customer file
ORDERS = "orders"  # a won opportunity made its draft order
NO_DATE = QDate(1900, 1, 1)

LEAD_STATUS = {"open": N_("Not yet converted"), "converted": N_("Converted"), "dropped": N_("Dropped")}


def lead_status(status: str) -> str:
    return _(LEAD_STATUS[status]) if status in LEAD_STATUS else status


class OpportunityDialog(ServiceDialog):
    """A form of this tab: its calls announce the tab's topic."""

    topic = TOPIC


class DateField(QDateEdit):
    """A day typed as yyyy-MM-dd; `optional` ones may be left as a dash (None). Unlike a
    business date it may lie ahead (an expected closing day) unless `latest` says so."""

    def __init__(self, optional: bool = False, latest: date | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self._optional = optional
        if optional:
            self.setMinimumDate(NO_DATE)
            self.setSpecialValueText("—")
        if latest is not None:
            self.setMaximumDate(QDate(latest))
        self.set_value(None)

    def set_value(self, d: date | None) -> None:
        self.setDate(QDate(d) if d else (NO_DATE if self._optional else QDate(clock.today())))

    def value(self) -> date | None:
        if self._optional and self.date() == NO_DATE:
            return None
        return self.date().toPython()  # type: ignore[return-value]

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        # Qt keeps Tab inside a date edit showing its special value: with no date, Tab moves on.
        tab = event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
        if tab and self._optional and self.date() == NO_DATE:
            forward = event.key() == Qt.Key.Key_Tab and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            QWidget.focusNextPrevChild(self, forward)
            event.accept()
            return
        super().keyPressEvent(event)


def buddy_row(form: QFormLayout, label: str, field: QWidget) -> QLabel:
    """A form row whose label's mnemonic (&) puts the cursor in the field."""
    lab = QLabel(label)
    lab.setBuddy(field)
    form.addRow(lab, field)
    return lab
