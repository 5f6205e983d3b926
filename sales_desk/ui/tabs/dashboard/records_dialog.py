"""The records behind a warning: read on the runner, listed most pressing first; Enter or a
double click opens one where it lives (sig_open: the tab, what to open, its id)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from sales_desk.domain.common.roles import Actor
from sales_desk.domain.planning.warnings import WarningKind
from sales_desk.i18n import N_, _, ngettext
from sales_desk.services.planning import drill_down
from sales_desk.services.planning.drill_down import DRILL_LIMIT, Record
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.dashboard.common import day
from sales_desk.ui.widgets.list_model import RowsTableModel
from sales_desk.ui.widgets.money import money_text
from sales_desk.ui.widgets.shortcuts import enter_opens
from sales_desk.ui.widgets.table import Table

HEADERS = (N_("Code / No."), N_("Name"), N_("Detail"), N_("Date"), N_("Amount"))
DATE_HEADERS = {  # what the date column means for each warning
    WarningKind.OVERDUE: N_("Oldest due date"), WarningKind.CHURN: N_("Last order"),
    WarningKind.MAJOR_CHANGES: N_("Occurred on"), WarningKind.REVIEWS_DUE: N_("Re-rating due"),
    WarningKind.LATE_INVESTIGATIONS: N_("Due for review"),
    WarningKind.STALE_FILES: N_("Last updated"), WarningKind.BLOCKED_ORDERS: N_("Blocked on"),
    WarningKind.REPEATED_REFUSALS: N_("Refused on"),
    WarningKind.LIABILITY_FAULT: N_("First month charged"), WarningKind.LIABILITY_EXEMPTIONS: N_("First month charged"),
    WarningKind.YEAR_END: N_("Due"),
    WarningKind.CARE_PLANS: N_("Plan due on"),
}


def _cell(r: Record, column: int) -> str:
    return (r.code, r.name, r.detail, day(r.on), "" if r.amount is None else money_text(r.amount))[column]


class RecordsDialog(QDialog):
    sig_open = Signal(str, str, int)
    """Open this record: the tab's key, what to open there, its id."""

    def __init__(self, ctx: AppContext, actor: Actor, kind: str, part: str = "", subtitle: str = "",
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.ctx, self.actor, self.kind, self.part = ctx, actor, kind, part
        title = WarningKind(kind).label
        self.setWindowTitle(_("{warning}: {part}").format(warning=title, part=subtitle) if subtitle else title)
        headers = [_(h) for h in HEADERS]
        headers[3] = _(DATE_HEADERS.get(WarningKind(kind), HEADERS[3]))
        if part == "hold":
            headers[3] = _("Re-rating due")
        self.model: RowsTableModel[Record] = RowsTableModel(headers, _cell, self, right_aligned=(4,))
        self.table = Table("dashboard/records")
        self.table.setObjectName("records_table")
        self.table.setModel(self.model)
        self.table.restore_layout({0: 100, 1: 240, 2: 230, 3: 120, 4: 110})
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        enter_opens(self.table, self.open_selected)
        self.count = QLabel(_("Loading…"))
        self.count.setObjectName("records_count")
        buttons = QDialogButtonBox()
        self.open_button: QPushButton = buttons.addButton(_("&Open"), QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.clicked.connect(self.open_selected)
        close = buttons.addButton(_("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        layout.addWidget(buttons)
        self.resize(860, 460)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selection_changed())
        self._selection_changed()
        ctx.runner.run(lambda: drill_down.warning_records(ctx.uow(actor), kind, part), self._show, owner=self)

    def _show(self, rows: list[Record]) -> None:
        self.model.set_rows(rows)
        if rows:
            self.table.selectRow(0)
        n = len(rows)
        text = ngettext("{n} record.", "{n} records.", n).format(n=n) if n else _("Nothing to show.")
        if n >= DRILL_LIMIT:
            text = ngettext("The first {n} record, most pressing first.", "The first {n} records, most pressing first.", n).format(n=n)
        self.count.setText(text)
        self._selection_changed()

    def selected(self) -> Record | None:
        row = self.table.current_row()
        return None if row is None else self.model.row_at(row)

    def _selection_changed(self) -> None:
        self.open_button.setEnabled(self._openable(self.selected()))

    @staticmethod
    def _openable(r: Record | None) -> bool:
        return r is not None and (bool(r.open_id) or r.open_kind == "analysis")  # a page, not a record

    def open_selected(self) -> Record | None:
        r = self.selected()
        if not self._openable(r):
            return None
        assert r is not None
        self.sig_open.emit(r.tab, r.open_kind, r.open_id)
        return r

    def done(self, result: int) -> None:
        self.table.save_layout()
        super().done(result)
