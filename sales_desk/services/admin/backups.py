"""Manual backups and restores, held to their rights like every service (the integrity
check is integrity.py).

The BackupStore (db/backup.py) does the file work; these functions add the
permission check against the database and the audit rows. Only the embedded
SQLite file is backed up here: a PostgreSQL server has its own tools.

A restore replaces the database file, so no engine may be open on it while it
runs. The caller (CLI or window) does it in four steps:

    plan = prepare_restore(db.uow(actor), db.backups, path)   # right, file, audit row
    db.engine.dispose()                                        # or db.close()
    result = restore_backup(db.backups, plan)                  # the file work
    record_restore(reopened.uow(actor), plan.backup.name, result.safety_name)
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from sales_desk.db.anchors import backup_head_mismatch, sqlite_chain_break
from sales_desk.db.backup import BackupInfo, BackupStore, integrity_errors
from sales_desk.db.schema import packaged_revisions
from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.common.errors import DomainError, NotPermitted
from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.i18n import _
from sales_desk.models import User
from sales_desk.services.common.base import current_actor, service


class BackupsNotAvailable(DomainError):
    refusal = None  # the backend cannot, not a control

    def __init__(self) -> None:
        super().__init__(
            _(
                "Sales Desk backs up only its embedded SQLite file. This database is on a "
                "PostgreSQL server: back it up with the server's own tools (pg_dump)."
            )
        )


class BackupTampered(DomainError):
    """The backup's audit trail does not hold: restoring it would put tampered data in place."""

    def __init__(self, path: Path, reason: str):
        self.path = path
        self.reason = reason
        super().__init__(
            _("{file} was not restored: {reason}. Nothing was changed. Restore it all the same only "
              "if you know why (sales-desk restore --force).").format(file=path.name, reason=reason)
        )


class BackupUnusable(DomainError):
    """The file offered for a restore cannot be restored; nothing was changed."""

    refusal = None  # a file, not an attempt refused

    def __init__(self, path: Path, reason: str):
        self.path = path
        self.reason = reason
        super().__init__(
            _("{file} cannot be restored: {reason}. Nothing was changed.").format(
                file=path.name, reason=reason
            )
        )


@dataclass(frozen=True)
class RestorePlan:
    """A restore the backup right allowed, for a file that was checked."""

    backup: Path
    username: str
    schema_revision: str


@dataclass(frozen=True)
class RestoreResult:
    backup: Path
    safety_copy: Path | None  # the replaced database, kept (or quarantined if it was damaged)

    @property
    def safety_name(self) -> str | None:
        return self.safety_copy.name if self.safety_copy else None


def _store(store: BackupStore | None) -> BackupStore:
    if store is None:
        raise BackupsNotAvailable()
    return store


@service(Perm.BACKUP_MANAGE, read_only=True)
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
    """A verified manual backup; `progress(done, total)` pages may raise to cancel it.

    The write lock this unit of work holds keeps other writers out while the pages
    are copied, so the copy never has to restart.
    """
    store = _store(store)
    try:
        info = store.take("manual", dest=dest, progress=progress)
    except BaseException:
        # An interrupted copy leaves its temporary file (copy_sqlite names it
        # <dest>.part); it is useless. Only ours: a user's folder may hold other *.part.
        leftovers = ([dest.with_name(dest.name + ".part")] if dest
                     else list(store.folder.glob("manual-*.sqlite.part")))
        for part in leftovers:
            part.unlink(missing_ok=True)
        raise
    uow.audit("backup.take", "backup", info.path.name, None,
              {"file": info.path.name, "size": info.size,
               "folder": None if info.path.parent == store.folder else str(info.path.parent)})
    uow.commit()
    return info


@service(Perm.BACKUP_MANAGE)
def authorize_restore(uow: UnitOfWork, store: BackupStore | None) -> None:
    """Checked against the database before the caller closes it to restore."""
    _store(store)


def backup_revision(path: Path) -> str:
    """The schema revision of a Sales Desk database file; BackupUnusable if it is not one
    this version can open (missing, damaged, foreign, or from a newer version)."""
    if not path.is_file():
        raise BackupUnusable(path, _("no such file"))
    errors = integrity_errors(path)
    if errors:
        raise BackupUnusable(path, _("it is damaged ({e})").format(e=errors[0]))
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            revision = (conn.execute("SELECT version_num FROM alembic_version").fetchone() or [None])[0] \
                if "alembic_version" in tables else None
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise BackupUnusable(path, str(exc)) from None
    if revision is None or "audit_log" not in tables:
        raise BackupUnusable(path, _("it is not a Sales Desk database"))
    if revision not in packaged_revisions():
        raise BackupUnusable(
            path, _("it was written by a newer version of Sales Desk (schema {rev})").format(rev=revision)
        )
    return revision


def verify_backup(path: Path) -> None:
    """The backup's own audit trail, before it replaces anything: its hash chain, and the
    head recorded beside it when it was taken. BackupTampered says what does not hold."""
    broken = sqlite_chain_break(path)
    if broken is not None:
        raise BackupTampered(path, _("its audit trail is broken at row {seq}").format(seq=broken))
    recorded = backup_head_mismatch(path)
    if recorded is not None:
        raise BackupTampered(path, _("its audit trail no longer ends at row {seq}, the head recorded "
                                     "when the backup was taken").format(seq=recorded[0]))


@service(Perm.BACKUP_MANAGE)
def prepare_restore(uow: UnitOfWork, store: BackupStore | None, backup: Path, *,
                    force: bool = False) -> RestorePlan:
    """Check the right and the file while the database is still open, and record the intent.

    The audit row lands in the database about to be replaced, so its safety copy
    tells why it was set aside.
    """
    store = _store(store)
    backup = Path(backup).resolve()
    if backup == store.db_path.resolve():
        raise BackupUnusable(backup, _("it is the database in use"))
    revision = backup_revision(backup)
    tampered = None
    try:
        verify_backup(backup)
    except BackupTampered as exc:
        if not force:
            raise
        tampered = exc.reason
    actor = current_actor(uow)
    uow.audit("backup.restore_start", "backup", backup.name, None,
              {"file": str(backup), "schema": revision, **({"forced_despite": tampered} if tampered else {})})
    uow.commit()
    return RestorePlan(backup, actor.username, revision)


def restore_backup(store: BackupStore | None, plan: RestorePlan) -> RestoreResult:
    """Put the planned backup in place. No engine may be open on the database: the
    caller disposes it first (the permission was checked by prepare_restore)."""
    safety = _store(store).restore(plan.backup)
    return RestoreResult(plan.backup, safety)


def record_restore(uow: UnitOfWork, backup_name: str, safety_name: str | None) -> None:
    """Audit the restore in the restored database (its own trail ends before it).

    Not held to a permission here on purpose: the right was checked on the live
    database before the file was replaced, the restored one may predate the user
    (or know them by another id), and a restore that happened must be recorded all
    the same. The user is matched by name; unknown there, the row keeps the name.
    """
    actor = uow.actor
    if actor is None:
        raise NotPermitted(Perm.BACKUP_MANAGE.value)
    with uow:
        uid = uow.session.scalar(select(User.id).where(User.username == actor.username))
        uow.actor = Actor(uid, actor.username, actor.roles)  # type: ignore[arg-type]
        uow.audit("backup.restore", "backup", backup_name, None,
                  {"file": backup_name, "previous_data_kept_as": safety_name,
                   "restored_by": actor.username})
        uow.commit()
        uow.actor = actor
