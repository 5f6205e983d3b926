"""Opening the data: folder checks, the instance lock, damage detection, migrations."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine

from sales_desk.config import AppConfig
from sales_desk.db import schema
from sales_desk.db.anchors import ANCHOR_FILE, AnchorFile, backup_anchors
from sales_desk.db.backup import BackupStore, CorruptDatabase, has_tables, quarantine
from sales_desk.db.engine import make_engine, sqlite_url
from sales_desk.db.file_check import probe
from sales_desk.db.notify import ChangeHub, PgListener
from sales_desk.db.storage import InstanceLock, InstanceLocked, ensure_local
from sales_desk.db.uow import UnitOfWork, uow_factory
from sales_desk.domain.admin.anchors import Anchor
from sales_desk.domain.common.roles import Actor
from sales_desk.i18n import _

log = logging.getLogger(__name__)


@dataclass
class Database:
    config: AppConfig
    engine: Engine
    lock: InstanceLock | None
    backups: BackupStore | None
    schema_event: str = "current"
    _uow: Callable[[Actor | None], UnitOfWork] = field(init=False, repr=False)
    anchor_file: AnchorFile = field(init=False, repr=False)
    # Committed changes this process hears of (db/notify.py): its own on SQLite, every
    # seat's through the listener on PostgreSQL once `listen()` started it.
    changes: ChangeHub = field(init=False, repr=False)
    _listener: PgListener | None = field(init=False, repr=False, default=None)

    def __post_init__(self) -> None:
        self.anchor_file = AnchorFile(self.config.data_dir)
        self.changes = ChangeHub()
        local = self.changes.publish if self.config.is_sqlite else None
        self._uow = uow_factory(self.engine, self.anchor_file.append, local)

    def listen(self) -> PgListener | None:
        """Start hearing the other seats' changes (PostgreSQL; SQLite's are in-process)."""
        if self.config.is_sqlite:
            return None
        if self._listener is None:
            self._listener = PgListener(self.engine.url, self.changes.publish).start()
        return self._listener

    @property
    def sole_anchor_writer(self) -> str | None:
        """The place whose anchors every commit writes: the SQLite folder's anchor file (one
        program has the folder at a time). On PostgreSQL every seat keeps its own."""
        return ANCHOR_FILE if self.config.is_sqlite else None

    def known_anchors(self) -> list[Anchor]:
        """Every head of the audit chain written outside the database that this folder
        keeps: the anchor file's, and each backup's."""
        found = self.anchor_file.read()
        if self.backups is not None:
            found += backup_anchors(self.backups.folder)
        return found

    def uow(self, actor: Actor | None = None) -> UnitOfWork:
        return self._uow(actor)

    @property
    def description(self) -> str:
        if self.config.is_sqlite:
            return str(self.config.sqlite_path)
        return self.engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        if self._listener is not None:
            self._listener.stop()
            self._listener = None
        self.engine.dispose()
        if self.lock:
            self.lock.release()


def open_database(
    config: AppConfig, *, take_lock: bool = True, auto_backup: bool = True, migrate: bool = True,
    beside_holder: bool = False, probed: Callable[[], str | None] | None = None,
    upgrading: Callable[[], None] | None = None,
) -> Database:
    """Open (creating if new) the database the config names, at the packaged schema.

    SQLite: the folder must be local; one instance per folder; a damaged file is
    quarantined (CorruptDatabase is raised, a restore is then offered); the daily
    backup is taken; an upgrade runs only after a pre-upgrade backup and restores
    it if it fails.

    `beside_holder`: when another program (the window) holds the folder, open the file
    beside it instead of refusing, as a reader (check, backup, exports, prints): WAL lets
    readers in while it writes, and SQLite's write lock (BEGIN IMMEDIATE, busy timeout)
    queues the few rows such a command writes (its log-in, a document issued). Whatever
    only the folder's holder may do is left to it: no upgrade, no damage quarantine, no
    automatic backup or clean-up of partial copies.

    `upgrading()` is told when an upgrade starts (the login says so while it runs).
    """
    if not config.is_sqlite:
        engine = make_engine(config.url)
        try:
            event = schema.ensure_schema(engine, upgrading=upgrading) if migrate else "current"
        except BaseException:
            engine.dispose()
            raise
        return Database(config, engine, None, None, event)

    config.data_dir.mkdir(parents=True, exist_ok=True)
    ensure_local(config.data_dir)
    lock = InstanceLock(config.data_dir) if take_lock else None
    if lock:
        try:
            lock.acquire()
        except InstanceLocked:
            if not beside_holder or not config.sqlite_path.exists():
                raise
            return _open_beside_holder(config, lock)
    engine: Engine | None = None
    try:
        db_path = config.sqlite_path
        store = BackupStore(config.backup_dir, db_path)
        if lock:
            store.discard_partial()
        damage = probed() if probed is not None else probe(db_path)  # probed: started before (app.py)
        if not damage and db_path.exists() and store.list() and not has_tables(db_path):
            # A firm with backups has data: an empty file in its place is not a new start.
            damage = _("the database file is empty, although this folder holds backups of it")
        if damage:
            raise CorruptDatabase(quarantine(db_path), damage)
        engine = make_engine(sqlite_url(db_path))
        event = "current"
        if migrate:
            event = schema.ensure_schema(
                engine,
                backup=lambda: store.take("pre-upgrade").path,
                restore=lambda saved: _restore_after_failed_upgrade(store, saved),
                upgrading=upgrading,
            )
        if auto_backup and event != "created":
            try:
                store.daily_if_due()
            except Exception:  # a failed backup must not stop the day's work; it is logged
                log.exception("automatic backup failed")
        return Database(config, engine, lock, store, event)
    except BaseException:
        # A refused file (newer schema, failed upgrade) must not stay open: on Windows an
        # open handle would stop the user from moving or restoring it.
        if engine is not None:
            engine.dispose()
        if lock:
            lock.release()
        raise


def _open_beside_holder(config: AppConfig, lock: InstanceLock) -> Database:
    """The folder's file opened while another program holds the folder (see open_database)."""
    engine = make_engine(sqlite_url(config.sqlite_path))
    try:
        current = schema.stored_revision(engine) == schema.packaged_head()
    except BaseException:
        engine.dispose()
        raise
    if not current:  # an upgrade is the holder's to run, at its next start
        engine.dispose()
        raise InstanceLocked(lock.holder())
    return Database(config, engine, None, BackupStore(config.backup_dir, config.sqlite_path), "current")


def _restore_after_failed_upgrade(store: BackupStore, saved: Path) -> None:
    store.restore(saved)
