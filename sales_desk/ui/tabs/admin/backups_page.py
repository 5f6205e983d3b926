"""Backups: the list, a manual backup with progress, and a restore that ends the session.

Only the embedded SQLite file is backed up here; on PostgreSQL the page says so.
A restore closes the database, keeps the current data as a "pre-restore" backup,
puts the chosen backup in place, reopens it and asks everyone to log in again.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.i18n import N_, _
from sales_desk.services.admin import backups as backup_service
from sales_desk.ui.context import AppContext
from sales_desk.ui.tasks import CancelToken
from sales_desk.ui.widgets import dialogs
from sales_desk.ui.widgets.list_model import RowsTableModel
from sales_desk.ui.widgets.page import Page
from sales_desk.ui.widgets.table import Table

KIND_LABELS = {
    "auto": N_("Daily (automatic)"),
    "manual": N_("Manual"),
    "pre-upgrade": N_("Before an upgrade"),
    "pre-restore": N_("Before a restore"),
}


def local_time(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S")


def file_size(size: int) -> str:
    if size >= 1024 * 1024:
        return _("{n} MB").format(n=f"{size / (1024 * 1024):.1f}")
    return _("{n} KB").format(n=max(1, round(size / 1024)))


class BackupsPage(Page):
    topics = frozenset({"backups"})

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(ctx, actor, parent)
        layout = QVBoxLayout(self)
        self.model: RowsTableModel = RowsTableModel(
            [_("Taken at"), _("Kind"), _("Size"), _("File")], self._cell, self, right_aligned=(2,)
        )
        self.table = Table("admin/backups")
        self.table.setObjectName("backups_table")
        self.table.setModel(self.model)
        self.table.restore_layout({0: 160, 1: 160, 2: 90})
        self.no_backups_note: QLabel | None = None
        if ctx.backups is None:
            note = self.no_backups_note = QLabel(
                _(
                    "This database is on a PostgreSQL server ({where}). Sales Desk backs up "
                    "only its embedded SQLite file: back the server up with its own tools "
                    "(pg_dump, or the hosting's snapshots)."
                ).format(where=ctx.description)
            )
            note.setObjectName("no_backups_note")
            note.setWordWrap(True)
            layout.addWidget(note)
            layout.addStretch(1)
            self.table.hide()
            self.backup_button = self.restore_button = None
            return
        intro = QLabel(
            _(
                "Sales Desk backs up the database every day when it starts (keeping 7 daily, "
                "4 weekly and 12 monthly copies) and before every upgrade or restore. "
                "Backups are kept in {folder}."
            ).format(folder=ctx.backups.folder)
        )
        intro.setWordWrap(True)
        self.backup_button = QPushButton(_("&Back up now"))
        self.backup_button.setObjectName("backup_now")
        self.restore_button = QPushButton(_("&Restore the selected backup…"))
        self.restore_button.setObjectName("restore")
        self.backup_button.clicked.connect(self.back_up)
        self.restore_button.clicked.connect(self.restore_selected)
        self.table.doubleClicked.connect(lambda _i: self.restore_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selection_changed())
        buttons = QHBoxLayout()
        buttons.addWidget(self.backup_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        layout.addWidget(intro)
        layout.addLayout(buttons)
        layout.addWidget(self.table)
        self._selection_changed()

    def _cell(self, info, column: int) -> str:  # noqa: ANN001 - BackupInfo, duck-typed
        if column == 0:
            return local_time(info.taken_at)
        if column == 1:
            return _(KIND_LABELS.get(info.kind, info.kind))
        if column == 2:
            return file_size(info.size)
        return info.path.name

    def load(self) -> None:
        if self.ctx.backups is None:
            return
        self.ctx.runner.run(
            lambda: backup_service.list_backups(self.ctx.uow(self.actor), self.ctx.backups),
            self._show, owner=self,
        )

    def _show(self, rows: list) -> None:
        self.model.set_rows(rows)
        self._selection_changed()

    def selected(self):  # noqa: ANN201 - BackupInfo | None
        row = self.table.current_row()
        return None if row is None else self.model.row_at(row)

    def _selection_changed(self) -> None:
        if self.restore_button is not None:
            self.restore_button.setEnabled(self.selected() is not None)

    # -- actions ---------------------------------------------------------------------------
    def back_up(self) -> None:
        def job(token: CancelToken):  # noqa: ANN202
            return backup_service.take_backup(
                self.ctx.uow(self.actor), self.ctx.backups,
                progress=lambda done, total: token.progress(
                    done, total, _("Copying page {done} of {total}…").format(done=done, total=total)
                ),
            )

        self.backup_button.setEnabled(False)
        self.ctx.runner.run_long(
            job, _("Backing up…"), self._backed_up, self._backup_failed,
            writes="backups", owner=self,
        )

    def _backed_up(self, info) -> None:  # noqa: ANN001
        self.backup_button.setEnabled(True)
        window = self.window()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(_("Backup saved as {name}.").format(name=info.path.name), 8000)

    def _backup_failed(self, exc: BaseException) -> bool:
        self.backup_button.setEnabled(True)
        return False

    def restore_selected(self) -> None:
        info = self.selected()
        if info is None or self.ctx.restore is None:
            return
        if not self.actor.can(Perm.BACKUP_MANAGE):
            return
        when = local_time(info.taken_at)
        ok = dialogs.confirm(
            self, _("Restore a backup"),
            _(
                "Restore the backup taken {when}?\n\n"
                "Sales Desk will close the database, keep the current data as a "
                "“before a restore” backup, put this backup in its place, and then ask you to "
                "log in again. Everything entered after {when} will no longer be in the "
                "database (it stays in the “before a restore” backup)."
            ).format(when=when),
            _("Restore"), destructive=True,
        )
        if ok:
            self.start_restore(info.path)

    def start_restore(self, path: Path) -> None:
        restore, actor, ctx = self.ctx.restore, self.actor, self.ctx
        assert restore is not None
        name = path.name
        ctx.runner.run_long(
            lambda token: restore(actor, path, token), _("Restoring…"),
            lambda _r: ctx.end_session(
                _("The backup {name} was restored. Please log in again.").format(name=name)
            ),
            writes="backups", owner=self, cancellable=False,
        )

    def save_layout(self) -> None:
        self.table.save_layout()
