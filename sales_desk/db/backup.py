"""Backups of the SQLite file: consistent, verified, atomic, rotated.

A backup is made with SQLite's online backup API into a temporary file, fsynced,
checked with `PRAGMA integrity_check`, and only then renamed into place, so a
backup folder never holds a half-written or damaged file under a final name.
A damaged database is never deleted: it is renamed aside (*.corrupt-<stamp>).
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sales_desk.clock import wall_now
from sales_desk.db.anchors import (
    ANCHOR_FILE,
    BACKUP_SUFFIX,
    AnchorFile,
    sqlite_chain_head,
    write_backup_anchor,
)
from sales_desk.db.file_check import probe, sqlite_read_only
from sales_desk.domain.admin.retention import backups_to_keep
from sales_desk.domain.common.errors import DomainError
from sales_desk.i18n import _

KINDS = ("auto", "manual", "pre-upgrade", "pre-restore")
_NAME = re.compile(r"^(?P<kind>auto|manual|pre-upgrade|pre-restore)-(?P<stamp>\d{8}-\d{6}(?:-\d+)?)\.sqlite$")
_SIDE_FILES = ("-wal", "-shm")


class BackupFailed(DomainError):
    refusal = None  # the machine failed, not a control


class CorruptDatabase(DomainError):
    refusal = None  # the machine failed, not a control

    def __init__(self, quarantined: Path, reason: str):
        self.quarantined = quarantined
        super().__init__(
            _(
                "The database file is damaged ({reason}). It was kept aside as {path}; "
                "nothing was deleted. Restore the latest backup to go on."
            ).format(reason=reason, path=quarantined.name)
        )


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    kind: str
    taken_at: datetime  # UTC
    size: int


def _fsync_dir(path: Path) -> None:
    if os.name != "posix":
        return  # Windows has no directory fsync; NTFS journals the rename
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def integrity_errors(path: Path) -> list[str]:
    """`PRAGMA integrity_check` and `foreign_key_check`; an empty list means healthy."""
    try:
        conn = sqlite_read_only(path)
        try:
            rows = [r[0] for r in conn.execute("PRAGMA integrity_check")]
            errors = [] if rows == ["ok"] else rows
            fk = conn.execute("PRAGMA foreign_key_check").fetchall()
            errors += [f"foreign key: {r[0]} row {r[1]} → {r[2]}" for r in fk]
            return errors
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return [str(exc)]


def copy_sqlite(src: Path, dest: Path, progress: Callable[[int, int], None] | None = None) -> None:
    """Consistent copy of a live database into `dest`, verified, then atomically in place."""
    tmp = dest.with_name(dest.name + ".part")
    tmp.unlink(missing_ok=True)
    source = sqlite_read_only(src)
    source.isolation_level = None
    try:
        # Copying in steps (for progress) restarts whenever another connection writes
        # between two steps, so a busy database would never finish. A read transaction
        # held over the whole copy pins one snapshot; WAL lets writers go on meanwhile.
        source.execute("BEGIN")
        source.execute("SELECT count(*) FROM sqlite_master").fetchone()
        target = sqlite3.connect(str(tmp))
        try:
            def _step(status: int, remaining: int, total: int) -> None:
                if progress:
                    progress(total - remaining, total)

            source.backup(target, pages=1024, progress=_step)
            target.execute("PRAGMA journal_mode=DELETE")  # a backup is one self-contained file
        finally:
            target.close()
        source.execute("COMMIT")
    except BaseException as exc:
        tmp.unlink(missing_ok=True)  # cancelled or failed: a partial copy is of no use
        if isinstance(exc, sqlite3.DatabaseError):
            raise BackupFailed(_("The database could not be copied: {e}").format(e=exc)) from exc
        raise
    finally:
        source.close()
    with open(tmp, "rb+") as fh:
        os.fsync(fh.fileno())
    errors = integrity_errors(tmp)
    if errors:
        tmp.unlink(missing_ok=True)
        raise BackupFailed(_("The copy failed its integrity check: {e}").format(e=errors[0]))
    os.replace(tmp, dest)
    _fsync_dir(dest.parent)


def quarantine(db_path: Path, now: datetime | None = None) -> Path:
    """Rename a damaged database (and its WAL files) aside; never delete it."""
    stamp = (now or wall_now()).strftime("%Y%m%d-%H%M%S")
    target = db_path.with_name(f"{db_path.name}.corrupt-{stamp}")
    n = 1
    while any(Path(str(target) + suffix).exists() for suffix in ("", *_SIDE_FILES)):
        target = db_path.with_name(f"{db_path.name}.corrupt-{stamp}-{n}")  # never over an older one
        n += 1
    for suffix in ("", *_SIDE_FILES):
        part = Path(str(db_path) + suffix)
        if part.exists():
            os.replace(part, Path(str(target) + suffix))
    return target


def has_tables(db_path: Path) -> bool:
    """Whether an SQLite file holds any table: a 0-byte file, or one emptied, holds none."""
    conn = sqlite_read_only(db_path)
    try:
        return conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0] > 0
    finally:
        conn.close()


class BackupStore:
    def __init__(self, folder: Path, db_path: Path, clock: Callable[[], datetime] = wall_now):
        self.folder = folder
        self.db_path = db_path
        self.clock = clock

    def list(self) -> list[BackupInfo]:
        if not self.folder.exists():
            return []
        found = []
        for p in self.folder.iterdir():
            m = _NAME.match(p.name)
            if m:
                stamp = datetime.strptime(m["stamp"][:15], "%Y%m%d-%H%M%S").replace(tzinfo=UTC)
                found.append(BackupInfo(p, m["kind"], stamp, p.stat().st_size))
        return sorted(found, key=lambda b: (b.taken_at, b.path.name), reverse=True)

    def take(self, kind: str = "manual", dest: Path | None = None,
             progress: Callable[[int, int], None] | None = None) -> BackupInfo:
        if kind not in KINDS:
            raise ValueError(kind)
        now = self.clock().astimezone(UTC).replace(microsecond=0)  # as list() reads the name back
        if dest is None:
            self.folder.mkdir(parents=True, exist_ok=True)
            base = f"{kind}-{now:%Y%m%d-%H%M%S}"
            dest = self.folder / f"{base}.sqlite"
            n = 1
            while dest.exists():
                dest = self.folder / f"{base}-{n}.sqlite"
                n += 1
        copy_sqlite(self.db_path, dest, progress)
        write_backup_anchor(dest)
        return BackupInfo(dest, kind, now, dest.stat().st_size)

    def discard_partial(self) -> list[Path]:
        """Remove copies cut short by a crash or a kill (`*.part`). Only while this program
        holds the folder's lock: then no copy is being written."""
        if not self.folder.is_dir():
            return []
        parts = list(self.folder.glob("*.part"))
        for part in parts:
            part.unlink(missing_ok=True)
        return parts

    def daily_if_due(self) -> BackupInfo | None:
        """The automatic backup: at most one a (local) day, then rotation of the automatic ones."""
        if not self.db_path.exists():
            return None
        # Days are the user's: in Beijing a UTC day ends at 08:00, mid-morning.
        today = self.clock().astimezone().date()
        if any(b.kind == "auto" and b.taken_at.astimezone().date() == today for b in self.list()):
            return None
        # An automatic copy cut short by a crash; only one instance runs per folder, so
        # none is being written now.
        for part in self.folder.glob("auto-*.sqlite.part"):
            part.unlink(missing_ok=True)
        info = self.take("auto")
        self.rotate()
        return info

    def rotate(self) -> list[Path]:
        autos = [b for b in self.list() if b.kind == "auto"]
        keep = backups_to_keep(b.taken_at.astimezone() for b in autos)  # local days, weeks, months
        removed = [b.path for b in autos if b.taken_at not in keep]
        for p in removed:
            p.unlink(missing_ok=True)
            p.with_name(p.name + BACKUP_SUFFIX).unlink(missing_ok=True)
        return removed

    def restore(self, backup: Path) -> Path | None:
        """Put `backup` in place of the database (no engine may be open on it).

        The current file is first kept as a pre-restore backup (or, if it is damaged,
        quarantined), so a restore can itself be undone. Returns that safety copy.
        """
        errors = integrity_errors(backup)
        if errors:
            raise BackupFailed(_("That backup is damaged: {e}").format(e=errors[0]))
        safety: Path | None = None
        if self.db_path.exists():
            if probe(self.db_path) is None and not integrity_errors(self.db_path):
                safety = self.take("pre-restore").path
            else:
                safety = quarantine(self.db_path, self.clock())
        # The old WAL is in the safety copy already; left beside the new file it would
        # be replayed onto it.
        for suffix in _SIDE_FILES:
            Path(str(self.db_path) + suffix).unlink(missing_ok=True)
        self.db_path.parent.mkdir(parents=True, exist_ok=True)
        copy_sqlite(backup, self.db_path)
        self._supersede_anchors(backup)
        return safety

    def _supersede_anchors(self, restored: Path) -> None:
        """After a restore the chain goes on from the restored head: the heads written
        since belong to the replaced data. They are kept, renamed, and no longer compared."""
        stamp = f"superseded-{self.clock().astimezone(UTC):%Y%m%d-%H%M%S}"
        own = restored.with_name(restored.name + BACKUP_SUFFIX).resolve()
        anchor_file = self.db_path.parent / ANCHOR_FILE
        records = [anchor_file, *self.folder.glob("*" + BACKUP_SUFFIX)] if self.folder.is_dir() else [anchor_file]
        for record in records:
            if record.is_file() and record.resolve() != own:
                record.rename(record.with_name(f"{record.name}.{stamp}"))
        head = sqlite_chain_head(self.db_path)
        if head is not None:
            AnchorFile(self.db_path.parent).append(*head)
