"""The audit viewer's parts: the filter bar (person, customer, document, kind of action,
dates, free text) and the detail pane (the selected row's changed fields, and its raw
before/after)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from sales_desk import clock
from sales_desk.i18n import _
from sales_desk.services.admin import audit
from sales_desk.ui.tabs.admin.audit_model import pretty
from sales_desk.ui.widgets.list_model import RowsTableModel
from sales_desk.ui.widgets.table import Table

FILTER_DELAY_MS = 300  # typing pauses this long before the query runs


def utc_instant(day: date) -> str:
    """Local midnight of `day` as a stored-format UTC timestamp (for range filters)."""
    local = datetime.combine(day, time.min).astimezone()
    return local.astimezone(UTC).isoformat(timespec="microseconds")


def date_edit() -> QDateEdit:
    edit = QDateEdit(QDate(clock.today()))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setEnabled(False)
    return edit


def _line(name: str, placeholder: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setPlaceholderText(placeholder)
    edit.setClearButtonEnabled(True)
    return edit


class AuditFilterBar(QWidget):
    """Every filter of the trail; sig_changed once the typing pauses or a choice is made."""

    sig_changed = Signal()  # the filter differs: run the query again

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.person_edit = _line("audit_person", _("User name or full name"))
        self.customer_edit = _line("audit_customer", _("Code or name"))
        self.document_edit = _line("audit_document", _("e.g. SO2026-00029"))
        self.filter_edit = _line("audit_filter", _("Filter by user, action, entity or ID"))
        self.group_combo = QComboBox()
        self.group_combo.setObjectName("audit_group")
        self.group_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.group_combo.setMinimumContentsLength(12)
        self.group_combo.addItem(_("All"), "")
        for key, label in audit.action_groups():
            self.group_combo.addItem(label, key)
        self.from_check = QCheckBox(_("Fro&m"))
        self.from_date = date_edit()
        self.to_check = QCheckBox(_("&To"))
        self.to_date = date_edit()
        self.from_check.toggled.connect(self.from_date.setEnabled)
        self.to_check.toggled.connect(self.to_date.setEnabled)

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        cells = ((_("Pe&rson:"), self.person_edit), (_("C&ustomer:"), self.customer_edit),
                 (_("&Document:"), self.document_edit), (_("&Kind of action:"), self.group_combo),
                 (_("F&ilter:"), self.filter_edit))
        for i, (text, widget) in enumerate(cells):
            label = QLabel(text)
            label.setBuddy(widget)
            grid.addWidget(label, i // 2, 2 * (i % 2))
            grid.addWidget(widget, i // 2, 2 * (i % 2) + 1)
        dates = QHBoxLayout()
        for w in (self.from_check, self.from_date, self.to_check, self.to_date):
            dates.addWidget(w)
        dates.addStretch(1)
        grid.addLayout(dates, 2, 2, 1, 2)
        for column in (1, 3):  # two filters a row: three would widen the window past 700 px
            grid.setColumnStretch(column, 1)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(FILTER_DELAY_MS)
        self._debounce.timeout.connect(self.sig_changed)
        for edit in self.edits():
            edit.textChanged.connect(lambda _t: self._debounce.start())
            edit.returnPressed.connect(self.apply_now)
        self.group_combo.currentIndexChanged.connect(lambda _i: self.apply_now())
        for check in (self.from_check, self.to_check):
            check.toggled.connect(lambda _c: self.apply_now())
        for edit in (self.from_date, self.to_date):
            edit.dateChanged.connect(lambda _d: self.apply_now())

    def edits(self) -> tuple[QLineEdit, ...]:
        return (self.person_edit, self.customer_edit, self.document_edit, self.filter_edit)

    def apply_now(self) -> None:
        self._debounce.stop()
        self.sig_changed.emit()

    def stop(self) -> None:
        self._debounce.stop()

    def current(self) -> audit.AuditFilter:
        at_from = utc_instant(self.from_date.date().toPython()) if self.from_check.isChecked() else ""
        at_before = (utc_instant(self.to_date.date().toPython() + timedelta(days=1))
                     if self.to_check.isChecked() else "")
        return audit.AuditFilter(
            text=self.filter_edit.text().strip(), at_from=at_from, at_before=at_before,
            person=self.person_edit.text().strip(), customer=self.customer_edit.text().strip(),
            document=self.document_edit.text().strip(), group=self.group_combo.currentData() or "")


class AuditDetail(QTabWidget):
    """The selected row: its sentence, a table of the fields it changed, and the raw data."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.sentence = QLabel()
        self.sentence.setObjectName("audit_sentence")
        self.sentence.setWordWrap(True)
        self.sentence.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.changes_model: RowsTableModel[audit.Change] = RowsTableModel(
            [_("Field"), _("Before"), _("After")], self._cell, self)
        self.changes_table = Table("admin/audit_changes")
        self.changes_table.setObjectName("audit_changes")
        self.changes_table.setModel(self.changes_model)
        self.changes_table.restore_layout({0: 160, 1: 260, 2: 260})
        self.changes_table.setWordWrap(True)
        changed = QWidget()
        column = QVBoxLayout(changed)
        column.setContentsMargins(4, 4, 4, 4)
        column.addWidget(self.sentence)
        column.addWidget(self.changes_table, 1)
        self.addTab(changed, _("Changed fields"))

        self.before = QPlainTextEdit()
        self.after = QPlainTextEdit()
        raw = QWidget()
        sides = QHBoxLayout(raw)
        sides.setContentsMargins(4, 4, 4, 4)
        for title, edit in ((_("Before"), self.before), (_("After"), self.after)):
            edit.setReadOnly(True)
            edit.setTabChangesFocus(True)
            edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
            side = QVBoxLayout()
            side.addWidget(QLabel(title))
            side.addWidget(edit)
            sides.addLayout(side)
        self.addTab(raw, _("Raw data"))

    @staticmethod
    def _cell(change: audit.Change, column: int) -> str:
        return (change.field, change.before, change.after)[column]

    def show_row(self, row: audit.AuditRow | None) -> None:
        self.sentence.setText("" if row is None else row.sentence)
        self.changes_model.set_rows([] if row is None else list(row.changes))
        self.changes_table.resizeRowsToContents()
        self.before.setPlainText("" if row is None else pretty(row.before))
        self.after.setPlainText("" if row is None else pretty(row.after))
