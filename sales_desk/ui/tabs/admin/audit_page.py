"""The audit trail viewer: each row as a sentence, paged, filtered in the query by person,
customer, document, kind of action and date, the selected row's changed fields in a
detail pane, exported to xlsx as a long job, and the chain verified on request."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from sales_desk import clock
from sales_desk.domain.common.roles import CONFLICTS, Actor
from sales_desk.i18n import _, ngettext
from sales_desk.services.admin import audit, integrity, users
from sales_desk.ui import geometry
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.admin.audit_model import AuditTableModel, local_time
from sales_desk.ui.tabs.admin.audit_widgets import AuditDetail, AuditFilterBar
from sales_desk.ui.tasks import CancelToken
from sales_desk.ui.widgets import dialogs
from sales_desk.ui.widgets.list_model import RowsTableModel
from sales_desk.ui.widgets.page import ANY, Page
from sales_desk.ui.widgets.table import Table


class AuditPage(Page):
    topics = ANY  # every change writes an audit row

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(ctx, actor, parent)
        self.model = AuditTableModel(ctx, actor, self)
        self.model.sig_page_loaded.connect(self._page_loaded)
        self._first_load = True

        self.filters = AuditFilterBar()
        self.filters.sig_changed.connect(self.apply_filter)
        bar = self.filters  # the parts tests and shortcuts reach by their old names
        self.filter_edit, self.person_edit, self.customer_edit = bar.filter_edit, bar.person_edit, bar.customer_edit
        self.document_edit, self.group_combo = bar.document_edit, bar.group_combo
        self.from_check, self.from_date, self.to_check, self.to_date = (bar.from_check, bar.from_date,
                                                                        bar.to_check, bar.to_date)
        self.export_button = QPushButton(_("&Export to Excel…"))
        self.verify_button = QPushButton(_("&Verify the chain"))
        self.count_label = QLabel()
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.verify_button)
        bottom.addWidget(self.export_button)
        self.export_button.clicked.connect(self.export)
        self.verify_button.clicked.connect(self.verify)

        self.table = Table("admin/audit_readable")
        self.table.setObjectName("audit_table")
        self.table.setModel(self.model)
        self.table.restore_layout({0: 140, 1: 90, 2: 560, 3: 130, 4: 60})
        self.table.selectionModel().selectionChanged.connect(self._selected)
        self.detail = AuditDetail()
        self.before, self.after = self.detail.before, self.detail.after
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        geometry.restore_splitter(self.splitter, "admin/audit")

        layout = QVBoxLayout(self)
        layout.addWidget(self.filters)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(bottom)

    # -- loading ---------------------------------------------------------------------------
    def current_filter(self) -> audit.AuditFilter:
        return self.filters.current()

    def apply_filter(self) -> None:
        self.filters.stop()
        flt = self.current_filter()
        if flt != self.model.flt or self._first_load:
            self._first_load = False
            self.model.set_filter(flt)

    def load(self) -> None:
        if self._first_load:
            self.apply_filter()
        else:
            self.model.reload()
        self._show_detail(None)

    def _page_loaded(self, count: int) -> None:
        more = self.model.canFetchMore()
        self.count_label.setText(
            ngettext("{n} entry shown; scroll down for older ones.", "{n} entries shown; scroll down for older ones.", count).format(n=count) if more
            else ngettext("{n} entry.", "{n} entries.", count).format(n=count)
        )

    def _selected(self, _sel: QItemSelection, _desel: QItemSelection) -> None:
        row = self.table.current_row()
        self._show_detail(None if row is None else self.model.row_at(row))

    def _show_detail(self, row: audit.AuditRow | None) -> None:
        self.detail.show_row(row)

    # -- actions ---------------------------------------------------------------------------
    def export(self) -> None:
        default = Path.home() / f"audit-{clock.now().astimezone():%Y%m%d}.xlsx"
        target = dialogs.save_file(self, _("Export the audit trail"), default,
                                   _("Excel workbook (*.xlsx)"))
        if target:
            self.export_to(Path(target))

    def export_to(self, path: Path) -> None:
        """Rows matching the current filter, oldest first, with the SoD justifications."""
        from sales_desk.reports.admin.audit_xlsx import write_audit_xlsx  # lazy: xlsxwriter

        ctx, actor, flt = self.ctx, self.actor, self.model.flt
        if path.suffix.lower() != ".xlsx":
            path = path.with_name(path.name + ".xlsx")

        def job(token: CancelToken) -> int:
            justifications = users.sod_justification_report(ctx.uow(actor))
            return audit.export_audit(
                ctx.uow(actor),
                lambda rows: write_audit_xlsx(
                    path, rows, justifications,
                    progress=lambda n: token.progress(n, 0, _("{n} rows written…").format(n=n)),
                ),
                flt,
            )

        self.ctx.runner.run_long(
            job, _("Exporting the audit trail…"),
            lambda n: self._notify(ngettext("{n} audit entry exported to {path}.", "{n} audit entries exported to {path}.", n).format(n=n, path=path)),
            owner=self,
        )

    def verify(self) -> None:
        """The whole check of `sales-desk check`: the chain, and the chain against every head
        of it kept outside the database (this folder's anchor file, the backups')."""
        database = self.ctx.database

        def job(_token: object) -> integrity.CheckReport:
            return integrity.check_database(self.ctx.uow(self.actor), database.known_anchors(),
                                            database.sole_anchor_writer)

        def done(report: integrity.CheckReport) -> None:
            text = "\n".join(integrity.describe(report))
            if report.ok:
                dialogs.show_info(self, _("The audit trail is intact.") + "\n\n" + text)
            else:
                dialogs.show_error(self, _("The check FAILED: see below.") + "\n\n" + text)

        self.ctx.runner.run_long(job, _("Verifying the audit trail…"), done, owner=self, cancellable=False)

    def _notify(self, text: str) -> None:
        window = self.window()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(text, 8000)

    def save_layout(self) -> None:
        self.table.save_layout()
        geometry.save_splitter(self.splitter, "admin/audit")


class SodReportPage(Page):
    """Every role conflict the admin allowed, and why: part of the audit report."""

    topics = frozenset({"users"})

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(ctx, actor, parent)
        self.model: RowsTableModel[users.JustificationRow] = RowsTableModel(
            [_("User"), _("Conflict"), _("Justification"), _("Recorded by"), _("Recorded at")],
            self._cell, self,
        )
        self.table = Table("admin/sod")
        self.table.setObjectName("sod_table")
        self.table.setModel(self.model)
        self.table.restore_layout({0: 100, 1: 320, 2: 260, 3: 100})
        self.table.setWordWrap(True)  # a handful of rows whose reasons must be read in full
        intro = QLabel(
            _(
                "Role combinations that give one person incompatible duties, allowed because the "
                "firm is too small to separate them, with the reason recorded."
            )
        )
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)

    @staticmethod
    def _cell(row: users.JustificationRow, column: int) -> str:
        if column == 0:
            return row.username
        if column == 1:
            return describe_key(row.conflict_key)
        if column == 2:
            return row.justification
        if column == 3:
            return row.recorded_by
        return local_time(row.recorded_at.isoformat())

    def load(self) -> None:
        self.ctx.runner.run(lambda: users.sod_justification_report(self.ctx.uow(self.actor)),
                            self._show, owner=self)

    def _show(self, rows: list[users.JustificationRow]) -> None:
        self.model.set_rows(rows)
        self.table.resizeRowsToContents()

    def save_layout(self) -> None:
        self.table.save_layout()


def describe_key(key: str) -> str:
    for c in CONFLICTS:
        if c.key == key:
            return c.describe()
    return key
