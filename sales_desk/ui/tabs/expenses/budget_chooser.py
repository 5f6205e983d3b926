"""Which budget the page shows: the year, the version of that year's budget, and the
department whose figures are in the grid (or all of them added up).

The page reacts to the user's choices through the widgets' own signals; what it sets
itself (after a load, or putting a choice back when unsaved figures are kept) goes
through the set_* methods, which do not signal.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSpinBox, QWidget

from sales_desk.i18n import _
from sales_desk.services.expenses.budgets import BudgetView
from sales_desk.ui.tabs.expenses.budget_versions import version_text


class BudgetChooser(QWidget):
    def __init__(self, year: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.year = QSpinBox()
        self.year.setObjectName("budget_year")
        self.year.setRange(2000, 2100)
        self.year.setValue(year)
        self.version = QComboBox()
        self.version.setObjectName("budget_version")
        self.version.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.department = QComboBox()
        self.department.setObjectName("budget_department")
        self.department.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)  # a row of the page's layout, not a box of its own
        for text, widget in ((_("&Year:"), self.year), (_("&Version:"), self.version),
                             (_("&Department:"), self.department)):
            label = QLabel(text)
            label.setBuddy(widget)
            layout.addWidget(label)
            layout.addWidget(widget)
            layout.addSpacing(8)
        layout.addStretch(1)

    def set_year(self, year: int) -> None:
        self.year.blockSignals(True)
        self.year.setValue(year)
        self.year.blockSignals(False)

    def set_version(self, budget_id: int | None) -> None:
        self.version.blockSignals(True)
        self.version.setCurrentIndex(max(0, self.version.findData(budget_id)))
        self.version.blockSignals(False)

    def set_versions(self, versions: list[BudgetView], wanted: int | None) -> None:
        """The year's versions; the wanted one chosen if it is there, else the newest."""
        self.version.blockSignals(True)
        self.version.clear()
        for v in versions:
            self.version.addItem(version_text(v), v.id)
        index = self.version.findData(wanted) if wanted is not None else -1
        self.version.setCurrentIndex(index if index >= 0 else (0 if versions else -1))
        self.version.blockSignals(False)

    def set_departments(self, names: list[str]) -> str | None:
        """The year's departments, keeping the one chosen; returns the choice (None: all)."""
        chosen = self.department.currentData()
        self.department.blockSignals(True)
        self.department.clear()
        self.department.addItem(_("All departments"), None)
        for n in names:
            self.department.addItem(n, n)
        index = self.department.findData(chosen) if chosen is not None else -1
        self.department.setCurrentIndex(max(index, 0))  # at first the whole firm, added up
        self.department.blockSignals(False)
        return self.department.currentData()
