"""`backup`, `restore` and `check`: the administrator's care of the data."""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from sales_desk.cli.common import (
    EXIT_FAILED,
    CommandParsers,
    UsageError,
    config_from,
    err,
    human_size,
    login,
    opened,
    out,
)
from sales_desk.i18n import N_, _


def register(commands: CommandParsers) -> None:
    p = commands.add("backup", N_("take a verified backup of the database now"), backup)
    p.add_argument("--out", metavar="FILE", default=None,
                   help=N_("write it to this new file (default: the backups folder)"))

    p = commands.add(
        "restore", N_("replace the database with a backup (the current data is kept aside)"), restore)
    p.add_argument("file", metavar="FILE", help=N_("the backup file to restore"))
    p.add_argument("--force", action="store_true",
                   help=N_("restore even a backup whose audit trail does not hold (recorded as such)"))

    p = commands.add(
        "check", N_("check the database's integrity, its foreign keys and the audit trail's "
                    "hash chain, against every head of the chain kept outside the database; "
                    "exit status 0 only when all hold"), check)
    p.add_argument("--anchor", metavar="CODE", action="append", default=[],
                   help=N_("also check against this head of the audit trail, e.g. one printed "
                           "on a form (SEQUENCE-HASH, as 1234-9f86d081884c7d65); may be repeated"))


def backup(args: argparse.Namespace) -> int:
    from sales_desk.services.admin import backups

    dest = Path(args.out).expanduser().resolve() if args.out else None
    if dest is not None:
        if dest.exists():
            raise UsageError(_("{path} already exists; choose a new file name.").format(path=dest))
        if not dest.parent.is_dir():
            raise UsageError(_("No such folder: {path}").format(path=dest.parent))
    with opened(args, reader=True) as db:
        actor = login(db, args.user)
        info = backups.take_backup(db.uow(actor), db.backups, dest)
    out(_("Backup written to {path} ({size}).").format(path=info.path, size=human_size(info.size)))
    return 0


def restore(args: argparse.Namespace) -> int:
    from sales_desk.db.database import open_database
    from sales_desk.services.admin import backups

    path = Path(args.file).expanduser()
    if not path.is_file():
        raise UsageError(_("No such file: {path}").format(path=path))
    config = config_from(args)
    if config.is_sqlite and not config.sqlite_path.exists():
        return _restore_into_empty_folder(args, config, path)
    with opened(args) as db:
        actor = login(db, args.user)
        plan = backups.prepare_restore(db.uow(actor), db.backups, path, force=args.force)
        # No connection may stay open on the file being replaced; the instance lock
        # stays held, so nobody opens the data folder in between.
        db.engine.dispose()
        result = backups.restore_backup(db.backups, plan)
        restored = open_database(db.config, take_lock=False)  # upgrades an older backup
        try:
            backups.record_restore(restored.uow(actor), plan.backup.name, result.safety_name)
        finally:
            restored.close()
    out(_("Restored {file}.").format(file=plan.backup))
    if result.safety_copy:
        out(_("The data it replaced is kept as {path}.").format(path=result.safety_copy))
    return 0


def _restore_into_empty_folder(args: argparse.Namespace, config, path: Path) -> int:  # noqa: ANN001
    """No database to log in to (it was set aside as damaged, or deleted): the user proves
    who they are against the backup itself, on a scratch copy, since logging in writes."""
    import tempfile

    from sales_desk.config import AppConfig
    from sales_desk.db.backup import BackupStore
    from sales_desk.db.database import open_database
    from sales_desk.db.storage import InstanceLock
    from sales_desk.services.admin import backups

    backups.backup_revision(path)
    if not args.force:
        backups.verify_backup(path)
    config.data_dir.mkdir(parents=True, exist_ok=True)
    lock = InstanceLock(config.data_dir)
    lock.acquire()
    try:
        with tempfile.TemporaryDirectory(prefix="sales-desk-restore-") as scratch:
            copy = AppConfig(data_dir=Path(scratch), language=config.language)
            shutil.copyfile(path, copy.sqlite_path)
            probe = open_database(copy, auto_backup=False)
            try:
                actor = login(probe, args.user)
                backups.authorize_restore(probe.uow(actor), BackupStore(config.backup_dir, config.sqlite_path))
            finally:
                probe.close()
        BackupStore(config.backup_dir, config.sqlite_path).restore(path)
        restored = open_database(config, take_lock=False)
        try:
            backups.record_restore(restored.uow(actor), path.name, None)
        finally:
            restored.close()
    finally:
        lock.release()
    out(_("Restored {file}.").format(file=path))
    return 0


def check(args: argparse.Namespace) -> int:
    from sales_desk.domain.admin.anchors import parse_anchor_code
    from sales_desk.services.admin import integrity

    given = []
    for n, code in enumerate(args.anchor, start=1):
        try:
            given.append(parse_anchor_code(code, source=_("given anchor {n}").format(n=n)))
        except ValueError:
            raise UsageError(_("{code} is not a head of the audit trail: expected the sequence "
                               "number, a dash and the hash, as 1234-9f86d081884c7d65.")
                             .format(code=code)) from None
    with opened(args, reader=True) as db:
        actor = login(db, args.user)
        report = integrity.check_database(db.uow(actor), [*db.known_anchors(), *given],
                                          sole_writer=db.sole_anchor_writer)
    for line in integrity.describe(report):
        out(line)
    if report.ok:
        out(_("All checks passed."))
        return 0
    err(_("The check FAILED: see above."))
    return EXIT_FAILED
