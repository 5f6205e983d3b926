"""`backup`, `restore` and `check`: the administrator's care of the data."""

from __future__ import annotations

import argparse
from pathlib import Path

from sales_desk.cli.common import (
    EXIT_FAILED,
    CommandParsers,
    UsageError,
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

    commands.add(
        "check", N_("check the database's integrity, its foreign keys and the audit trail's "
                    "hash chain; exit status 0 only when all hold"), check)


def backup(args: argparse.Namespace) -> int:
    from sales_desk.services.admin import backups

    dest = Path(args.out).expanduser().resolve() if args.out else None
    if dest is not None:
        if dest.exists():
            raise UsageError(_("{path} already exists; choose a new file name.").format(path=dest))
        if not dest.parent.is_dir():
            raise UsageError(_("No such folder: {path}").format(path=dest.parent))
    with opened(args) as db:
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
    with opened(args) as db:
        actor = login(db, args.user)
        plan = backups.prepare_restore(db.uow(actor), db.backups, path)
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


def check(args: argparse.Namespace) -> int:
    from sales_desk.services.admin import backups

    with opened(args) as db:
        actor = login(db, args.user)
        report = backups.check_database(db.uow(actor))
    for line in describe(report):
        out(line)
    if report.ok:
        out(_("All checks passed."))
        return 0
    err(_("The check FAILED: see above."))
    return EXIT_FAILED


def describe(report) -> list[str]:  # noqa: ANN001 - a services.backups.CheckReport
    lines = [_("Database: {where}").format(where=report.database)]
    if not report.integrity_checked:
        lines.append(_("Integrity and foreign keys: kept by the database server, not checked here."))
    else:
        lines += _problems(_("Integrity check"), report.integrity_errors)
        lines += _problems(_("Foreign keys"), report.foreign_key_errors)
    broken = report.first_broken
    if broken is None:
        lines.append(_("Audit trail: {n} rows, hash chain intact.").format(n=report.audit_rows_checked))
    elif not broken.present:
        lines.append(_("Audit trail: BROKEN: row {seq} is missing (rows before it are intact).")
                     .format(seq=broken.seq))
    else:
        lines.append(
            _("Audit trail: BROKEN at row {seq} ({at}, {user}, {action} {entity} {id}): it was "
              "changed after it was written (rows before it are intact).").format(
                seq=broken.seq, at=broken.at, user=broken.username or "-", action=broken.action,
                entity=broken.entity, id=broken.entity_id)
        )
    return lines


def _problems(label: str, problems: tuple[str, ...], shown: int = 10) -> list[str]:
    if not problems:
        return [_("{check}: ok").format(check=label)]
    lines = [_("{check}: {n} problems").format(check=label, n=len(problems))]
    lines += ["  " + p for p in problems[:shown]]
    if len(problems) > shown:
        lines.append("  " + _("… and {n} more").format(n=len(problems) - shown))
    return lines
