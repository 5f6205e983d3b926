"""Import customers from Excel or CSV: a preview with the column mapping, then all or none.

`start_import` asks for the file and reads it on the runner (services/common/spreadsheets.py:
caps, zip-bomb and XML-entity guards); `ImportDialog` shows each column with the field
it goes to (guessed from its header, in English or Chinese; a combo box to change it),
the first rows as read, and every error with its row number. Each change of mapping is
checked again on the runner. Import is enabled only when no row has an error; it runs
with progress and Cancel, and either every customer is in or none is.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sales_desk.domain.common.import_values import text as cell_text
from sales_desk.domain.common.roles import Actor
from sales_desk.domain.customers.import_columns import FIELDS, Group
from sales_desk.i18n import _, ngettext
from sales_desk.services.common.spreadsheets import Table, read_table
from sales_desk.services.customers import importing as customer_import
from sales_desk.services.customers.importing import ImportPreview, ImportRefused, ImportResult
from sales_desk.ui.context import AppContext
from sales_desk.ui.tasks import CancelToken
from sales_desk.ui.widgets import dialogs

ERROR_STYLE = "color: #b00020;"
OK_STYLE = "color: #1b5e20;"
FILE_FILTER = "*.xlsx *.xlsm *.csv"


def start_import(ctx: AppContext, actor: Actor, parent: QWidget) -> None:
    """Ask for the file, read and check it on the runner, then show the preview."""
    path = dialogs.open_file(parent, _("Import customers"),
                             _("Spreadsheets ({patterns})").format(patterns=FILE_FILTER))
    if path:
        open_preview(ctx, actor, parent, Path(path))


def open_preview(ctx: AppContext, actor: Actor, parent: QWidget, path: Path) -> None:
    def job() -> tuple[Table, ImportPreview]:
        table = read_table(path)
        return table, customer_import.preview_customer_import(ctx.uow(actor), table)

    def show(result: tuple[Table, ImportPreview]) -> None:
        dialog = ImportDialog(ctx, actor, *result, parent=parent)
        dialog.open()

    ctx.runner.run(job, show, owner=parent)


def _field_label(key: str) -> str:
    f = next(f for f in FIELDS if f.key == key)
    group = {Group.CONTACT: _("Contact"), Group.CREDIT: _("Credit")}.get(f.group)
    if not group or _(f.label).casefold().startswith(group.casefold()):  # "Contact person" says it
        return _(f.label)
    return _("{group}: {field}").format(group=group, field=_(f.label))


class ImportDialog(QDialog):
    sig_imported = Signal(object)
    """The customers are in; the argument is the ImportResult."""

    def __init__(self, ctx: AppContext, actor: Actor, table: Table, preview: ImportPreview,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.actor, self.table, self.preview = ctx, actor, table, preview
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(_("Import customers — {file}").format(file=table.name))
        self.source = QLabel()
        self.source.setWordWrap(True)

        self.columns = QTableWidget(0, 3)
        self.columns.setObjectName("import_columns")
        self.columns.setHorizontalHeaderLabels([_("Column in the file"), _("Goes to"), _("First values")])
        self.columns.verticalHeader().hide()
        self.columns.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.columns.horizontalHeader().setStretchLastSection(True)
        self.combos: list[QComboBox] = []
        self._fill_columns()

        self.rows = QTableWidget(0, 0)
        self.rows.setObjectName("import_rows")
        self.rows.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._fill_rows()

        self.errors = QTableWidget(0, 3)
        self.errors.setObjectName("import_errors")
        self.errors.setHorizontalHeaderLabels([_("Row"), _("Column"), _("Reason")])
        self.errors.verticalHeader().hide()
        self.errors.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.errors.horizontalHeader().setStretchLastSection(True)
        self.errors.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)

        self.summary = QLabel()
        self.summary.setObjectName("import_summary")
        self.summary.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.import_button = buttons.addButton(_("&Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("import_button")
        cancel = buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.import_button.clicked.connect(self.run_import)
        cancel.clicked.connect(self.reject)

        split = QSplitter(Qt.Orientation.Vertical)
        for title, widget in ((_("Columns"), self.columns), (_("Rows as read"), self.rows),
                              (_("Errors"), self.errors)):
            box = QWidget()
            inner = QVBoxLayout(box)
            inner.setContentsMargins(0, 0, 0, 0)
            inner.addWidget(QLabel(f"<b>{title}</b>"))
            inner.addWidget(widget)
            split.addWidget(box)
        layout = QVBoxLayout(self)
        layout.addWidget(self.source)
        layout.addWidget(split, 1)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        self.resize(900, 680)
        self.show_preview(preview)

    # -- building --------------------------------------------------------------------------
    def _fill_columns(self) -> None:
        p = self.preview
        self.columns.setRowCount(len(p.headers))
        for i, header in enumerate(p.headers):
            self.columns.setItem(i, 0, QTableWidgetItem(header or _("(column {n}, no header)").format(n=i + 1)))
            combo = QComboBox()
            combo.setObjectName(f"map_{i}")
            combo.addItem(_("— not imported —"), None)
            for f in FIELDS:
                combo.addItem(_field_label(f.key), f.key)
            combo.setCurrentIndex(max(0, combo.findData(p.mapping[i] if i < len(p.mapping) else None)))
            combo.currentIndexChanged.connect(lambda _i: self.recheck())
            self.columns.setCellWidget(i, 1, combo)
            self.combos.append(combo)
            examples = [_cell(cells[i]) for _n, cells in p.sample[:3] if i < len(cells) and cells[i] not in (None, "")]
            self.columns.setItem(i, 2, QTableWidgetItem(", ".join(examples)))
        self.columns.resizeColumnsToContents()

    def _fill_rows(self) -> None:
        p = self.preview
        width = max([len(p.headers)] + [len(cells) for _n, cells in p.sample])
        self.rows.setColumnCount(width)
        self.rows.setHorizontalHeaderLabels([p.headers[i] if i < len(p.headers) else "" for i in range(width)])
        self.rows.setRowCount(len(p.sample))
        self.rows.setVerticalHeaderLabels([str(n) for n, _cells in p.sample])  # the spreadsheet's numbers
        for r, (_n, cells) in enumerate(p.sample):
            for c, value in enumerate(cells):
                self.rows.setItem(r, c, QTableWidgetItem(_cell(value)))

    def mapping(self) -> tuple[str | None, ...]:
        return tuple(c.currentData() for c in self.combos)

    # -- checking ---------------------------------------------------------------------------
    def recheck(self) -> None:
        mapping, table = self.mapping(), self.table
        self.import_button.setEnabled(False)
        self.summary.setText(_("Checking…"))
        self.ctx.runner.run(
            lambda: customer_import.preview_customer_import(self.ctx.uow(self.actor), table, mapping),
            self._checked, owner=self)

    def _checked(self, preview: ImportPreview) -> None:
        if preview.mapping == self.mapping():  # else a later change is being checked
            self.show_preview(preview)

    def show_preview(self, p: ImportPreview) -> None:
        self.preview = p
        self.source.setText(_("{file}, sheet “{sheet}”: the header is row {row}, {rows} rows under it.").format(
            file=p.file, sheet=p.sheet or "-", row=p.header_row, rows=p.rows))
        self._show_errors([(e.row, e.column, e.message) for e in p.errors], p.error_count)
        if p.ok:
            self.summary.setStyleSheet(OK_STYLE)
            self.summary.setText(ngettext(
                "Ready: {n} customer, {contacts} contacts, {credit} with credit figures.",
                "Ready: {n} customers, {contacts} contacts, {credit} with credit figures.", p.customers
            ).format(n=p.customers, contacts=p.contacts, credit=p.with_credit))
        else:
            self.summary.setStyleSheet(ERROR_STYLE)
            self.summary.setText(ngettext(
                "{n} error: correct the file (or the columns) first. Nothing is imported while "
                "any row has an error.",
                "{n} errors: correct the file (or the columns) first. Nothing is imported while "
                "any row has an error.", p.error_count).format(n=p.error_count))
        self.import_button.setEnabled(p.ok)

    def _show_errors(self, rows: list[tuple[int, str, str]], count: int) -> None:
        extra = count - len(rows)
        self.errors.setRowCount(len(rows) + (1 if extra > 0 else 0))
        for r, (row, column, message) in enumerate(rows):
            for c, value in enumerate((str(row) if row else _("file"), column, message)):
                self.errors.setItem(r, c, QTableWidgetItem(value))
        if extra > 0:
            self.errors.setItem(len(rows), 2, QTableWidgetItem(_("…and {n} more.").format(n=extra)))

    # -- importing ---------------------------------------------------------------------------
    def run_import(self) -> None:
        if not self.preview.ok:
            return
        ctx, actor, table, mapping = self.ctx, self.actor, self.table, self.mapping()
        self.import_button.setEnabled(False)

        def job(token: CancelToken) -> ImportResult:
            return customer_import.import_customers(
                ctx.uow(actor), table, mapping,
                progress=lambda done, total: token.progress(
                    done, total, _("{done} of {total} customers…").format(done=done, total=total)))

        ctx.runner.run_long(job, _("Importing customers…"), self._imported, self._refused,
                            writes="customers", owner=self)

    def _imported(self, result: ImportResult) -> None:
        self.sig_imported.emit(result)
        dialogs.show_info(self, ngettext(
            "Imported {n} customer ({first}–{last}), {contacts} contacts, {credit} with credit figures. "
            "The new files wait for review.",
            "Imported {n} customers ({first}–{last}), {contacts} contacts, {credit} with credit figures. "
            "The new files wait for review.", result.customers).format(
                n=result.customers, first=result.first_code, last=result.last_code,
                contacts=result.contacts, credit=result.with_credit))
        self.accept()

    def _refused(self, exc: BaseException) -> bool:
        self.import_button.setEnabled(self.preview.ok)
        if isinstance(exc, ImportRefused):  # the data changed since the preview (a code taken meanwhile)
            p = exc.parsed
            self._show_errors([(e.row, e.column, e.message) for e in p.errors], p.error_count)
            self.import_button.setEnabled(False)
            self.summary.setStyleSheet(ERROR_STYLE)
            self.summary.setText(str(exc).splitlines()[0])
            return True
        return False  # cancelled (nothing imported) or another error: the runner says so


def _cell(value: object) -> str:
    try:
        return cell_text(value)
    except ValueError:
        return str(value)[:200]
