"""The refusals log [拒绝记录]: every attempt a control refused, as a sentence, newest first,
paged as the view scrolls, filtered in the query by person, kind and day (or text); the
selected refusal's sentence, reason and detail (as a table, the raw data on its own tab)
below; exported to xlsx as a long job. For the administrator and the general manager."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelection, Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from sales_desk import clock
from sales_desk.domain.admin.refusal_sentences import DetailItem, kind_label
from sales_desk.domain.admin.refusals import RefusalKind
from sales_desk.domain.common.roles import Actor
from sales_desk.i18n import _, ngettext
from sales_desk.services.admin import refusals
from sales_desk.services.admin.refusals import RefusalFilter, RefusalRow
from sales_desk.ui import geometry
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.admin.audit_model import PAGE_SIZE, local_time, pretty
from sales_desk.ui.tabs.admin.audit_widgets import FILTER_DELAY_MS, date_edit, utc_instant
from sales_desk.ui.tasks import CancelToken
from sales_desk.ui.widgets import dialogs
from sales_desk.ui.widgets.list_model import RowsTableModel
from sales_desk.ui.widgets.page import ANY, Page
from sales_desk.ui.widgets.paged_model import PagedTableModel
from sales_desk.ui.widgets.table import Table


class RefusalDetail(QTabWidget):
    """The selected refusal: its sentence, the reason as the person read it and the detail as
    a table; the raw data on a tab of its own."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.sentence, self.reason = QLabel(), QLabel()
        self.sentence.setObjectName("refusal_sentence")
        self.reason.setObjectName("refusal_reason")
        for label in (self.sentence, self.reason):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.items_model: RowsTableModel[DetailItem] = RowsTableModel(
            [_("Field"), _("Content")], lambda item, c: (item.field, item.value)[c], self)
        self.items_table = Table("admin/refusal_detail")
        self.items_table.setObjectName("refusal_items")
        self.items_table.setModel(self.items_model)
        self.items_table.restore_layout({0: 160, 1: 420})
        readable = QWidget()
        column = QVBoxLayout(readable)
        column.setContentsMargins(4, 4, 4, 4)
        column.addWidget(self.sentence)
        column.addWidget(self.reason)
        column.addWidget(self.items_table, 1)
        self.addTab(readable, _("Refusal"))
        self.raw = QPlainTextEdit()
        self.raw.setObjectName("refusal_detail")
        self.raw.setReadOnly(True)
        self.raw.setTabChangesFocus(True)
        self.addTab(self.raw, _("Raw data"))

    def show_row(self, row: RefusalRow | None) -> None:
        self.sentence.setText("" if row is None else row.sentence)
        self.reason.setText("" if row is None else _("Reason given: {reason}").format(reason=row.reason))
        self.items_model.set_rows([] if row is None else list(row.items))
        self.raw.setPlainText("" if row is None else f"{row.action}\n{row.reason}\n\n{pretty(row.detail)}")

    def toPlainText(self) -> str:  # noqa: N802 - what a reader of the pane sees, for tests
        return "\n".join([self.sentence.text(), self.reason.text()]
                         + [f"{i.field}: {i.value}" for i in self.items_model.rows()])


class RefusalsTableModel(PagedTableModel[RefusalRow]):
    # A header click sorts in SQL (the service's REFUSAL_SORTS), seq breaking ties.
    sort_fields = dict(enumerate(("seq", "at", "who", "kind", "action", "record", "reason")))

    def __init__(self, ctx: AppContext, actor: Actor, parent=None, page_size: int = PAGE_SIZE):  # noqa: ANN001
        self.ctx, self.actor, self.page_size = ctx, actor, page_size
        self.flt = RefusalFilter()
        super().__init__(ctx.runner, self._loader_for(self.flt), key=lambda r: r.page_key, parent=parent)
        self.headers = [_("No."), _("Time"), _("Person"), _("Kind"), _("What happened"), _("Which record"),
                        _("Reason")]

    def _loader_for(self, flt: RefusalFilter):  # noqa: ANN202
        ctx, actor, size = self.ctx, self.actor, self.page_size

        def load(key: Any) -> tuple[list[RefusalRow], bool]:  # noqa: ANN401
            if self.sorted_by is None:
                return refusals.refusals_page(ctx.uow(actor), flt, before_seq=key, limit=size)
            sort, descending = self.sorted_by
            return refusals.refusals_page(ctx.uow(actor), flt, limit=size, sort=sort, descending=descending,
                                          after=key)

        return load

    def set_filter(self, flt: RefusalFilter) -> None:
        self.flt = flt
        self.set_loader(self._loader_for(flt))

    def display(self, row: RefusalRow, column: int) -> str:
        return (str(row.seq), local_time(row.at), row.who or row.username or "-", kind_label(row.kind),
                row.sentence, row.record, row.reason.replace("\n", " "))[column]

    def alignment(self, column: int) -> Qt.AlignmentFlag | None:
        return Qt.AlignmentFlag.AlignRight if column == 0 else None


class RefusalsPage(Page):
    topics = ANY  # a refusal broadcasts no change (nothing changed): reloaded on every showing too

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(ctx, actor, parent)
        self.model = RefusalsTableModel(ctx, actor, self)
        self.model.sig_page_loaded.connect(self._page_loaded)
        self._wanted_person: int | None = None

        self.person = QComboBox()
        self.person.setObjectName("refusals_person")
        self.person.addItem(_("Anyone"), None)
        self.kind = QComboBox()
        self.kind.setObjectName("refusals_kind")
        self.kind.addItem(_("All"), "")
        for k in RefusalKind:
            self.kind.addItem(k.label, k.value)
        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("refusals_filter")
        self.filter_edit.setPlaceholderText(_("Filter by what was tried, record or reason"))
        self.filter_edit.setClearButtonEnabled(True)
        self.from_check, self.from_date = QCheckBox(_("Fro&m")), date_edit()
        self.to_check, self.to_date = QCheckBox(_("&To")), date_edit()
        # Two rows: in one, the window's narrowest width would grow by the whole bar.
        bar, dates = QHBoxLayout(), QHBoxLayout()
        for row, text, buddy in ((bar, _("&Person:"), self.person), (bar, _("&Kind:"), self.kind),
                                 (bar, _("F&ilter:"), self.filter_edit)):
            label = QLabel(text)
            label.setBuddy(buddy)
            row.addWidget(label)
            row.addWidget(buddy, 1 if buddy is self.filter_edit else 0)
        for w in (self.from_check, self.from_date, self.to_check, self.to_date):
            dates.addWidget(w)
        dates.addStretch(1)
        for combo in (self.person, self.kind):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(10)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(FILTER_DELAY_MS)
        self._debounce.timeout.connect(self.apply_filter)
        self.filter_edit.textChanged.connect(lambda _t: self._debounce.start())
        self.filter_edit.returnPressed.connect(self.apply_filter)
        for combo in (self.person, self.kind):
            combo.activated.connect(lambda _i: self.apply_filter())
        for check, edit in ((self.from_check, self.from_date), (self.to_check, self.to_date)):
            check.toggled.connect(edit.setEnabled)
            check.toggled.connect(lambda _c: self.apply_filter())
            edit.dateChanged.connect(lambda _d: self.apply_filter())

        self.table = Table("admin/refusals")
        self.table.setObjectName("refusals_table")
        self.table.setModel(self.model)
        self.table.restore_layout({0: 50, 1: 140, 2: 90, 3: 110, 4: 480, 5: 150})
        self.table.selectionModel().selectionChanged.connect(self._selected)
        self.detail = RefusalDetail()
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        geometry.restore_splitter(self.splitter, "admin/refusals")
        intro = QLabel(_("Every attempt the program refused — no right, one's own approval, or a rule of "
                         "the policy — with who, what, on which record and why. The refused change itself "
                         "wrote nothing."))
        intro.setWordWrap(True)
        self.count_label = QLabel()
        self.export_button = QPushButton(_("&Export to Excel…"))
        self.export_button.setObjectName("refusals_export")
        self.export_button.clicked.connect(self.export)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(bar)
        layout.addLayout(dates)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(bottom)

    # -- loading ---------------------------------------------------------------------------
    def current_filter(self) -> RefusalFilter:
        at_from = utc_instant(self.from_date.date().toPython()) if self.from_check.isChecked() else ""
        at_before = (utc_instant(self.to_date.date().toPython() + timedelta(days=1))
                     if self.to_check.isChecked() else "")
        return RefusalFilter(user_id=self.person.currentData(), kind=self.kind.currentData() or "",
                             text=self.filter_edit.text().strip(), at_from=at_from, at_before=at_before)

    def apply_filter(self) -> None:
        self._debounce.stop()
        self.model.set_filter(self.current_filter())

    def load(self) -> None:
        self.ctx.runner.run(lambda: refusals.refused_people(self.ctx.uow(self.actor)), self._people, owner=self)
        self.apply_filter()
        self._show_detail(None)

    def _people(self, people: list[tuple[int, str]]) -> None:
        wanted = self._wanted_person if self._wanted_person is not None else self.person.currentData()
        self.person.blockSignals(True)
        self.person.clear()
        self.person.addItem(_("Anyone"), None)
        for uid, name in people:
            self.person.addItem(name, uid)
        self.person.setCurrentIndex(max(self.person.findData(wanted), 0))
        self.person.blockSignals(False)
        if self._wanted_person is not None:
            self._wanted_person = None
            self.apply_filter()

    def show_person(self, user_id: int) -> None:
        """The refusals of one person (the dashboard's warning opens here)."""
        self._wanted_person = user_id
        index = self.person.findData(user_id)
        if index >= 0:
            self.person.setCurrentIndex(index)
        self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        self._stale = True
        super().showEvent(event)

    def _page_loaded(self, count: int) -> None:
        self.count_label.setText(
            ngettext("{n} refusal shown; scroll down for older ones.", "{n} refusals shown; scroll down for older ones.", count).format(n=count) if self.model.canFetchMore()
            else ngettext("{n} refusal.", "{n} refusals.", count).format(n=count))

    def _selected(self, _sel: QItemSelection, _desel: QItemSelection) -> None:
        row = self.table.current_row()
        self._show_detail(None if row is None else self.model.row_at(row))

    def _show_detail(self, row: RefusalRow | None) -> None:
        self.detail.show_row(row)

    # -- export ----------------------------------------------------------------------------
    def export(self) -> None:
        default = Path.home() / f"refusals-{clock.now().astimezone():%Y%m%d}.xlsx"
        target = dialogs.save_file(self, _("Export the refusals log"), default, _("Excel workbook (*.xlsx)"))
        if target:
            self.export_to(Path(target))

    def export_to(self, path: Path) -> None:
        """Rows matching the current filter, oldest first, readable columns first."""
        from sales_desk.reports.admin.refusals_xlsx import write_refusals_xlsx  # lazy: xlsxwriter

        ctx, actor, flt = self.ctx, self.actor, self.model.flt
        if path.suffix.lower() != ".xlsx":
            path = path.with_name(path.name + ".xlsx")

        def job(token: CancelToken) -> int:
            return refusals.export_refusals(
                ctx.uow(actor),
                lambda rows: write_refusals_xlsx(
                    path, rows, kind_label, progress=lambda n: token.progress(n, 0, _("{n} rows written…").format(n=n))),
                flt,
            )

        self.ctx.runner.run_long(
            job, _("Exporting the refusals log…"),
            lambda n: self._notify(ngettext("{n} refusal exported to {path}.", "{n} refusals exported to {path}.", n).format(n=n, path=path)), owner=self)

    def _notify(self, text: str) -> None:
        window = self.window()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(text, 8000)

    def save_layout(self) -> None:
        self.table.save_layout()
        geometry.save_splitter(self.splitter, "admin/refusals")
