"""The list's filters: a search box (debounced) and one combo per classification.

Every combo's first entry is "all"; the bar turns its state into a CustomerFilter,
which the list's query applies (nothing is filtered in the view).
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from sales_desk.domain.customers.files import CUSTOMER_TYPES, INDUSTRIES, REGIONS, Choice
from sales_desk.i18n import _
from sales_desk.services.customers.listing import UNRATED, CustomerFilter
from sales_desk.services.customers.pickers import RepChoice
from sales_desk.ui.widgets.visibility import shown_if

FILTER_DELAY_MS = 250  # typing pauses this long before the query runs
GRADES = ("A", "B", "C", "D")


def _combo(name: str, everything: str, items: list[tuple[str, object]]) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    combo.addItem(everything, None)
    for text, value in items:
        combo.addItem(text, value)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    return combo


def _choices(choices: tuple[Choice, ...]) -> list[tuple[str, object]]:
    return [(_(c.label), c.code) for c in choices]


class FilterBar(QWidget):
    sig_changed = Signal()
    """The filter changed (after the typing pause for the search box); read `current()`."""

    def __init__(self, show_rep: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self._show_rep = show_rep  # a rep sees only their own customers: no rep to choose
        self.search = QLineEdit()
        self.search.setObjectName("customer_search")
        self.search.setPlaceholderText(_("Search name or code (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(260)
        self.region = _combo("filter_region", _("All regions"), _choices(REGIONS))
        self.industry = _combo("filter_industry", _("All industries"), _choices(INDUSTRIES))
        self.customer_type = _combo("filter_type", _("All types"), _choices(CUSTOMER_TYPES))
        self.value_grade = _combo("filter_value", _("Any value grade"),
                                  [(_("Value grade {g}").format(g=g), g) for g in GRADES])
        self.credit_grade = _combo("filter_credit", _("Any credit grade"),
                                   [(_("Credit grade {g}").format(g=g), g) for g in GRADES]
                                   + [(_("Not rated"), UNRATED)])
        self.rep = _combo("filter_rep", _("All reps"), [])
        shown_if(self.rep, show_rep)
        self.flag = _combo("filter_flag", _("All files"), [
            (_("Key accounts"), "key_account"),
            (_("On credit hold"), "credit_hold"),
            (_("Stale files"), "stale"),
            (_("Waiting for review"), "review_pending"),
            (_("Re-rating due"), "rerating_due"),
        ])
        self.clear_button = QPushButton(_("C&lear filters"))
        self.clear_button.setObjectName("clear_filters")
        self.clear_button.clicked.connect(self.clear)

        self.combos = (self.region, self.industry, self.customer_type, self.value_grade,
                       self.credit_grade, self.rep, self.flag)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        for combo in self.combos:
            row.addWidget(combo)
            combo.currentIndexChanged.connect(lambda _i: self._changed_now())
        row.addWidget(self.clear_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(FILTER_DELAY_MS)
        self._debounce.timeout.connect(self._changed_now)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.search.returnPressed.connect(self._changed_now)
        self._muted = False
        self._wanted_rep: int | None = None  # asked for before the reps were listed

    def set_reps(self, reps: list[RepChoice]) -> None:
        """Fill the rep combo, keeping the chosen rep if still there."""
        chosen = self._wanted_rep if self._wanted_rep is not None else self.rep.currentData()
        self._wanted_rep = None
        self._muted = True
        try:
            self.rep.clear()
            self.rep.addItem(_("All reps"), None)
            for r in reps:
                self.rep.addItem(r.name if r.active else _("{name} (disabled)").format(name=r.name), r.id)
            index = self.rep.findData(chosen) if chosen is not None else 0
            self.rep.setCurrentIndex(max(index, 0))
        finally:
            self._muted = False

    def current(self) -> CustomerFilter:
        flt = CustomerFilter(
            text=self.search.text().strip(),
            region=self.region.currentData() or "",
            industry=self.industry.currentData() or "",
            customer_type=self.customer_type.currentData() or "",
            value_grade=self.value_grade.currentData() or "",
            credit_grade=self.credit_grade.currentData() or "",
            rep_id=(self.rep.currentData() or self._wanted_rep) if self._show_rep else None,
        )
        flag = self.flag.currentData()  # a CustomerFilter flag field, asked to be true
        return replace(flt, **{flag: True}) if flag else flt

    def is_filtered(self) -> bool:
        return self.current() != CustomerFilter()

    def show_rep(self, rep_id: int) -> None:
        """Only that rep's customers (the search box found the rep), every other filter off."""
        self._muted = True
        try:
            self.search.clear()
            for combo in self.combos:
                combo.setCurrentIndex(0)
            at = self.rep.findData(rep_id)
            self.rep.setCurrentIndex(max(at, 0))
            self._wanted_rep = None if at >= 0 else rep_id
        finally:
            self._muted = False
        self._changed_now()

    def clear(self) -> None:
        self._wanted_rep = None
        self._muted = True
        try:
            self.search.clear()
            for combo in self.combos:
                combo.setCurrentIndex(0)
        finally:
            self._muted = False
        self._changed_now()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _changed_now(self) -> None:
        self._debounce.stop()
        if not self._muted:
            self.sig_changed.emit()
