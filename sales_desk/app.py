"""The one place that wires config → database → window.

It may import sales_desk.db (the UI may not): it opens the database, deals with
what can go wrong on the way (another instance, a network share, a newer schema,
a damaged file, offering a restore for the last), hands the UI an AppContext,
and provides the restore that needs to close and reopen the database.
"""

from __future__ import annotations

import argparse
import logging
import logging.handlers
import sys
import traceback
from pathlib import Path
from types import TracebackType

from sales_desk import i18n
from sales_desk.config import APP_AUTHOR, AppConfig, resolve
from sales_desk.domain.errors import DomainError, NotPermitted
from sales_desk.domain.roles import Actor, Perm
from sales_desk.i18n import N_, _

log = logging.getLogger("sales_desk")
GENERIC_ERROR = N_(
    "Something went wrong and the action was not completed. The details are in the log file."
)


def setup_logging(config: AppConfig) -> None:
    """Everything to the log file in the data folder; tracebacks go there and nowhere else."""
    try:
        config.data_dir.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            config.log_file, maxBytes=2_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        handler = logging.StreamHandler()  # an unwritable folder: say it on stderr at least
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.set_name("sales_desk_log_file")
    root = logging.getLogger()
    for old in [h for h in root.handlers if h.get_name() == handler.get_name()]:
        root.removeHandler(old)  # started twice in one process (tests): one file handler
        old.close()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    logging.getLogger("alembic").setLevel(logging.WARNING)  # its INFO lines are noise to us


def _excepthook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """An uncaught error in a Qt slot: log it fully, show the user one plain sentence."""
    log.error("uncaught exception:\n%s", "".join(traceback.format_exception(kind, exc, tb)))
    from sales_desk.ui.widgets import dialogs

    dialogs.show_error(None, str(exc) if isinstance(exc, DomainError) else _(GENERIC_ERROR))


# -- opening the database -------------------------------------------------------------------

def choose_backup(message: str, config: AppConfig) -> Path | None:
    """The database is damaged: offer the backups, newest first; None if declined."""
    from PySide6.QtWidgets import QInputDialog

    from sales_desk.db.backup import BackupStore
    from sales_desk.ui.widgets import dialogs

    found = BackupStore(config.backup_dir, config.sqlite_path).list()
    if not found:
        dialogs.show_error(None, message + "\n\n" + _("There is no backup in {folder} to restore.")
                           .format(folder=config.backup_dir))
        return None
    labels = [f"{b.taken_at.astimezone():%Y-%m-%d %H:%M} — {b.path.name}" for b in found]
    label, ok = QInputDialog.getItem(
        None, _("Restore a backup"), message + "\n\n" + _("Restore this backup:"), labels, 0, False
    )
    return found[labels.index(label)].path if ok and label in labels else None


def open_interactive(config: AppConfig):  # noqa: ANN201 - Database | None
    """Open the database, explaining any refusal in a message box; None if it cannot be."""
    from sales_desk.db.backup import BackupStore, CorruptDatabase
    from sales_desk.db.database import open_database
    from sales_desk.ui.widgets import dialogs

    while True:
        try:
            return open_database(config)
        except CorruptDatabase as exc:
            log.error("damaged database set aside as %s", exc.quarantined)
            backup = choose_backup(str(exc), config)
            if backup is None:
                return None
            try:
                BackupStore(config.backup_dir, config.sqlite_path).restore(backup)
                log.info("restored %s after damage", backup)
            except DomainError as restore_error:
                dialogs.show_error(None, str(restore_error))
                return None
        except DomainError as exc:  # locked, network share, newer schema, failed upgrade
            log.warning("database not opened: %s", exc)
            dialogs.show_error(None, str(exc))
            return None
        except Exception:
            log.exception("opening the database failed")
            dialogs.show_error(None, _(GENERIC_ERROR))
            return None


def make_restore(ctx, config: AppConfig):  # noqa: ANN001, ANN201
    """The restore the backups page runs on the worker thread: check, close, replace, reopen.

    The instance lock stays held throughout (it belongs to the UI thread), so no
    other Sales Desk can open the folder in between.
    """
    from sales_desk.db.database import open_database
    from sales_desk.services import backups

    def restore(actor: Actor, path: Path, token: object) -> None:
        if not actor.can(Perm.BACKUP_MANAGE):
            raise NotPermitted(Perm.BACKUP_MANAGE.value, actor.username)
        old, store = ctx.database, ctx.backups
        plan = backups.prepare_restore(old.uow(actor), store, path)  # right, file, audit row
        old.engine.dispose()
        try:
            result = backups.restore_backup(store, plan)
        finally:
            # Reopen whatever is in place now (the backup, or the old file if the copy failed).
            new = open_database(config, take_lock=False)
            new.lock = old.lock
            ctx.database, ctx.backups = new, new.backups
        log.info("restored %s; previous data kept as %s", path, result.safety_name)
        try:
            backups.record_restore(new.uow(actor), plan.backup.name, result.safety_name)
        except Exception:  # the restore happened; a missing audit row must not undo it
            log.exception("the restore could not be recorded in the restored database")

    return restore


# -- the GUI ----------------------------------------------------------------------------------

def run_gui(args: argparse.Namespace) -> int:
    config = resolve(
        data_dir=getattr(args, "data_dir", None),
        db_url=getattr(args, "db", None),
        language=getattr(args, "lang", None),
    )
    setup_logging(config)
    i18n.set_language(config.language)

    from PySide6.QtWidgets import QApplication

    from sales_desk.ui.context import AppContext
    from sales_desk.ui.language import apply_language
    from sales_desk.ui.shell import Shell
    from sales_desk.ui.tasks import TaskRunner

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Sales Desk")
    app.setOrganizationName(APP_AUTHOR)
    apply_language(config.language)
    sys.excepthook = _excepthook

    database = open_interactive(config)
    if database is None:
        return 1
    log.info("opened %s (%s)", database.description, database.schema_event)
    runner = TaskRunner()
    ctx = AppContext(database, runner, database.backups)
    ctx.restore = make_restore(ctx, config)
    shell = Shell(ctx)
    shell.start()
    try:
        return app.exec()
    finally:
        runner.shutdown()
        ctx.database.close()
        log.info("closed")
