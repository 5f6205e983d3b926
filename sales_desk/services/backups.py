"""Manual backups and restores, held to the backup right like every other service.

The BackupStore (db/backup.py) does the file work; these functions add the
permission check against the database and the audit row. Only the embedded
SQLite file is backed up here: a PostgreSQL server has its own tools.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sales_desk.db.backup import BackupInfo, BackupStore
from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.errors import DomainError
from sales_desk.domain.roles import Perm
from sales_desk.i18n import _
from sales_desk.services.base import service


class BackupsNotAvailable(DomainError):
    def __init__(self) -> None:
        super().__init__(
            _(
                "Sales Desk backs up only its embedded SQLite file. This database is on a "
                "PostgreSQL server: back it up with the server's own tools (pg_dump)."
            )
        )


def _store(store: BackupStore | None) -> BackupStore:
    if store is None:
        raise BackupsNotAvailable()
    return store


@service(Perm.BACKUP_MANAGE)
def list_backups(uow: UnitOfWork, store: BackupStore | None) -> list[BackupInfo]:
    """Newest first; empty when there is nothing to back up (PostgreSQL)."""
    return [] if store is None else store.list()


@service(Perm.BACKUP_MANAGE)
def take_backup(
    uow: UnitOfWork,
    store: BackupStore | None,
    dest: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> BackupInfo:
    """A verified manual backup; `progress(done, total)` pages may raise to cancel it."""
    store = _store(store)
    try:
        info = store.take("manual", dest=dest, progress=progress)
    except BaseException:
        # An interrupted copy leaves its temporary file; it is useless, remove it.
        folder = dest.parent if dest else store.folder
        for part in folder.glob("*.part"):
            part.unlink(missing_ok=True)
        raise
    uow.audit("backup.take", "backup", info.path.name, None,
              {"file": info.path.name, "size": info.size})
    uow.commit()
    return info


@service(Perm.BACKUP_MANAGE)
def authorize_restore(uow: UnitOfWork, store: BackupStore | None) -> None:
    """Checked against the database before the caller closes it to restore."""
    _store(store)


@service(Perm.BACKUP_MANAGE)
def record_restore(uow: UnitOfWork, backup_name: str, safety_name: str | None) -> None:
    """Audit the restore in the restored database (its own trail ends before it)."""
    uow.audit("backup.restore", "backup", backup_name, None,
              {"file": backup_name, "previous_data_kept_as": safety_name})
    uow.commit()
