"""The claim list's filters: status (or the step a claim waits at), category, year and month,
and for those who see every claim the person and the department. Every combo's first
entry is "all"; the bar turns its state into a ClaimFilter the list's query applies."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QPushButton, QWidget

from sales_desk.domain.expenses.claims import Category, ClaimStatus, StepKind
from sales_desk.i18n import _
from sales_desk.services.expenses.forms import PersonChoice
from sales_desk.services.expenses.queries import ClaimFilter
from sales_desk.ui.tabs.expenses.common import month_name
from sales_desk.ui.widgets.visibility import shown_if

MINE = -1  # the person combo's "my own claims"
YEARS_BACK = 4


def _combo(name: str, everything: str, width: int = 0) -> QComboBox:
    """A filter combo; with `width` (characters) it stays that narrow and its list shows long entries whole."""
    combo = QComboBox()
    combo.setObjectName(name)
    combo.addItem(everything, None)
    if width:
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(width)
        combo.view().setMinimumWidth(combo.fontMetrics().averageCharWidth() * width * 2)
    else:
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    return combo


class ClaimFilterBar(QWidget):
    sig_changed = Signal()
    """A filter changed; read `current()`."""

    def __init__(self, sees_all: bool, today: date, parent: QWidget | None = None):
        super().__init__(parent)
        self.sees_all = sees_all
        self.status = _combo("filter_status", _("All claims"), 16)
        self.status.addItem(ClaimStatus.IN_ROUTE.label, ("status", ClaimStatus.IN_ROUTE.value))
        if sees_all:
            for k in StepKind:
                self.status.addItem(_("Waiting for: {step}").format(step=k.label), ("step", k.value))
        for s in (ClaimStatus.RETURNED, ClaimStatus.SIGNED, ClaimStatus.PAID, ClaimStatus.WITHDRAWN):
            self.status.addItem(s.label, ("status", s.value))
        self.category = _combo("filter_category", _("All categories"), 14)
        for c in Category:
            self.category.addItem(c.label, c.value)
        self.year = _combo("filter_year", _("All years"))
        for y in range(today.year + 1, today.year - YEARS_BACK - 1, -1):
            self.year.addItem(str(y), y)
        self.month = _combo("filter_month", _("All months"))
        for m in range(1, 13):
            self.month.addItem(month_name(m, long=True), m)
        self.person = _combo("filter_person", _("Everyone"), 10)
        self.person.addItem(_("My own claims"), MINE)
        self.department = _combo("filter_department", _("All departments"), 10)
        shown_if(self.person, sees_all)
        shown_if(self.department, sees_all)
        self.clear_button = QPushButton(_("C&lear filters"))
        self.clear_button.setObjectName("clear_filters")
        self.clear_button.clicked.connect(self.clear)
        self.combos = (self.status, self.category, self.year, self.month, self.person, self.department)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for combo in self.combos:
            row.addWidget(combo)
            combo.currentIndexChanged.connect(lambda _i: self._changed())
        row.addWidget(self.clear_button)
        row.addStretch(1)
        self._muted = False
        self.month.setEnabled(False)

    def set_people(self, people: list[PersonChoice]) -> None:
        self._refill(self.person, [(_("My own claims"), MINE)] + [
            (p.name if p.active else _("{name} (disabled)").format(name=p.name), p.id) for p in people])

    def set_departments(self, names: list[str]) -> None:
        self._refill(self.department, [(n, n) for n in names])

    def _refill(self, combo: QComboBox, items: list[tuple[str, object]]) -> None:
        chosen = combo.currentData()
        self._muted = True
        try:
            everything = combo.itemText(0)
            combo.clear()
            combo.addItem(everything, None)
            for text, value in items:
                combo.addItem(text, value)
            combo.setCurrentIndex(max(combo.findData(chosen), 0) if chosen is not None else 0)
        finally:
            self._muted = False

    def current(self) -> ClaimFilter:
        status = self.status.currentData()
        year = self.year.currentData()
        person = self.person.currentData() if self.sees_all else None
        return ClaimFilter(
            status=status[1] if status and status[0] == "status" else "",
            current_step=status[1] if status and status[0] == "step" else "",
            category=self.category.currentData() or "",
            department=(self.department.currentData() or "") if self.sees_all else "",
            claimant_id=person if person not in (None, MINE) else None,
            mine=person == MINE,
            year=year,
            month=self.month.currentData() if year is not None else None,
        )

    def is_filtered(self) -> bool:
        return self.current() != ClaimFilter()

    def clear(self) -> None:
        self._muted = True
        try:
            for combo in self.combos:
                combo.setCurrentIndex(0)
        finally:
            self._muted = False
        self._changed()

    def _changed(self) -> None:
        self.month.setEnabled(self.year.currentData() is not None)
        if not self._muted:
            self.sig_changed.emit()
