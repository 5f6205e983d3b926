"""Opening balances [期初余额] from a spreadsheet: all rows or none. The import runs with
progress and Cancel; when any row is wrong nothing is imported and every bad row is listed
with its row number and reason."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from sales_desk.domain.common.roles import Actor
from sales_desk.i18n import _, ngettext
from sales_desk.services.collections import opening_balances as collections_import
from sales_desk.services.collections.opening_balances import ImportRejected, ImportResult, RowError
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.collections.common import TOPIC, fit_columns, rows_table
from sales_desk.ui.tasks import CancelToken
from sales_desk.ui.widgets import dialogs

FILE_FILTER = "*.xlsx *.xlsm *.csv"


def start_opening_import(ctx: AppContext, actor: Actor, parent: QWidget) -> None:
    path = dialogs.open_file(parent, _("Import opening balances"),
                             _("Spreadsheets ({patterns})").format(patterns=FILE_FILTER))
    if path:
        run_opening_import(ctx, actor, parent, Path(path))


def run_opening_import(ctx: AppContext, actor: Actor, parent: QWidget, path: Path) -> None:
    def job(token: CancelToken) -> ImportResult:
        return collections_import.import_receivables(ctx.uow(actor), path,
                                                     lambda n: token.progress(n, 0, _("{n} rows read").format(n=n)))

    def failed(exc: BaseException) -> bool:
        if isinstance(exc, ImportRejected):
            RowErrorsDialog(exc.errors, parent).open()
            return True
        return False

    ctx.runner.run_long(job, _("Importing opening balances…"),
                        lambda result: dialogs.show_info(parent, collections_import.describe(result)),
                        failed, writes=TOPIC, owner=parent)


class RowErrorsDialog(QDialog):
    """Every wrong row of a refused import: row number, column, reason."""

    def __init__(self, errors: tuple[RowError, ...], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Nothing was imported"))
        self.resize(640, 420)
        headers = (_("Row"), _("Column"), _("Reason"))
        self.table, self.model = rows_table(
            "import_errors", headers, lambda e, c: str((e.row, e.field, e.reason)[c]),  # type: ignore[attr-defined]
            right=(0,))
        fit_columns(self.table, stretch=(2,))  # the reason, in full in its tooltip
        self.model.set_rows(errors)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(ngettext("Nothing was imported: {n} row is wrong.",
                                         "Nothing was imported: {n} rows are wrong.", len(errors)).format(n=len(errors))))
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
