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
import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from sales_desk import i18n
from sales_desk.config import APP_AUTHOR, AppConfig, resolve
from sales_desk.domain.common.errors import DomainError, NotPermitted
from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.i18n import N_, _

log = logging.getLogger("sales_desk")
PROBE_ENV = "SALES_DESK_STARTUP_PROBE"  # benchmarks/bench_startup.py: see ui/startup_probe.py
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


def explain_open_failure(exc: BaseException, config: AppConfig) -> bool:
    """Tell the user why the database did not open; True when a retry may succeed (a
    damaged file replaced by the backup the user picked)."""
    from sales_desk.db.backup import BackupStore, CorruptDatabase
    from sales_desk.services.admin.backups import verify_backup
    from sales_desk.ui.widgets import dialogs

    if isinstance(exc, CorruptDatabase):
        log.error("damaged database set aside as %s", exc.quarantined)
        backup = choose_backup(str(exc), config)
        if backup is None:
            return False
        try:
            verify_backup(backup)  # a tampered backup is refused here as in `restore`
            BackupStore(config.backup_dir, config.sqlite_path).restore(backup)
        except DomainError as restore_error:
            dialogs.show_error(None, str(restore_error))
            return False
        log.info("restored %s after damage", backup)
        return True
    if isinstance(exc, DomainError):  # locked, network share, newer schema, failed upgrade
        log.warning("database not opened: %s", exc)
        dialogs.show_error(None, str(exc))
    else:
        log.error("opening the database failed", exc_info=exc)
        dialogs.show_error(None, _(GENERIC_ERROR))
    return False


def open_interactive(config: AppConfig):  # noqa: ANN201 - Database | None
    """Open the database, explaining any refusal in a message box; None if it cannot be."""
    from sales_desk.db.database import open_database

    while True:
        try:
            return open_database(config)
        except Exception as exc:
            if not explain_open_failure(exc, config):
                return None


def guess_first_run(config: AppConfig) -> bool:
    """Before the database is open: no SQLite file yet means no account yet. (A file
    without users, or a server, is answered when the database is open.)"""
    return config.is_sqlite and not config.sqlite_path.exists()


def describe(config: AppConfig) -> str:
    """The database as the login names it before it is open; the password hidden, as
    SQLAlchemy's URL rendering hides it once it is."""
    if config.is_sqlite:
        return str(config.sqlite_path)
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(config.url)
    userinfo, at, host = parts.netloc.rpartition("@")
    if at and ":" in userinfo:
        parts = parts._replace(netloc=userinfo.split(":", 1)[0] + ":***@" + host)
    return urlunsplit(parts)


def _open_and_check(config: AppConfig, upgrading: Callable[[], None]):  # noqa: ANN202 - (Database, bool)
    """On the worker: open the database (this first import of SQLAlchemy's ORM, the
    migrations check and the daily backup happen here, while the login is on screen)
    and answer whether the first-run dialog is due. The file's check runs beside the imports."""
    from sales_desk.db.file_check import probe_in_background

    probed = probe_in_background(config.sqlite_path) if config.is_sqlite else None

    from sales_desk.db.database import open_database
    from sales_desk.services.admin import auth

    database = open_database(config, probed=probed, upgrading=upgrading)
    try:
        return database, auth.needs_first_run(database.uow())
    except BaseException:
        database.close()
        raise


def open_in_background(ctx, shell, config: AppConfig) -> None:  # noqa: ANN001
    """Open the database on the runner while the login shows. A login typed meanwhile
    queues behind it (one worker, calls in order). A refusal is explained with the
    login hidden, and ends the app with exit status 1."""
    from PySide6.QtWidgets import QApplication

    def opened(result) -> None:  # noqa: ANN001
        database, first_run = result
        ctx.database, ctx.backups = database, database.backups
        ctx.restore = make_restore(ctx, config)
        log.info("opened %s (%s)", database.description, database.schema_event)
        shell.show_upgrading(False)
        shell.confirm_first_run(first_run)

    def failed(exc: BaseException) -> bool:
        shell.show_upgrading(False)
        if shell.dialog is not None:
            shell.dialog.hide()
        if explain_open_failure(exc, config):
            if shell.dialog is not None:
                shell.dialog.show()
            start()
        else:
            QApplication.exit(1)
        return True  # explained here

    def start() -> None:
        # told from the worker: the signal carries it to the login on the UI thread
        ctx.runner.run(lambda: _open_and_check(config, shell.sig_upgrading.emit), opened, failed)

    start()


def make_restore(ctx, config: AppConfig):  # noqa: ANN001, ANN201
    """The restore the backups page runs on the worker thread: check, close, replace, reopen.

    The instance lock stays held throughout (it belongs to the UI thread), so no
    other Sales Desk can open the folder in between.
    """
    from sales_desk.db.database import open_database
    from sales_desk.services.admin import backups

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


# -- the smoke test --------------------------------------------------------------------------

def run_smoke(args: argparse.Namespace) -> int:
    """`sales-desk --smoke-test [--data-dir DIR]`: what CI runs on the built bundle.

    Creates a database (in DIR, which must hold none yet; by default in a temporary
    folder removed afterwards: never in the user's data), then ui/smoke.py builds the
    windows offscreen. Exit 0 when everything held, 1 otherwise.
    """
    import shutil
    import tempfile

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    scratch = Path(tempfile.mkdtemp(prefix="sales-desk-smoke-"))
    # The environment and saved settings are ignored: only an explicit folder is used.
    config = resolve(data_dir=args.data_dir or scratch / "data", db_url=args.db,
                     language=args.lang, env={}, saved={})
    setup_logging(config)
    i18n.set_language(config.language)
    try:
        from PySide6.QtCore import QSettings
        from PySide6.QtWidgets import QApplication

        from sales_desk.db.database import open_database
        from sales_desk.ui.app_icon import app_icon
        from sales_desk.ui.context import AppContext
        from sales_desk.ui.smoke import smoke_run
        from sales_desk.ui.tasks import TaskRunner

        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(scratch / "settings"))
        app = QApplication.instance() or QApplication(sys.argv[:1])
        app.setWindowIcon(app_icon())
        try:
            database = open_database(config)
        except DomainError as exc:
            print(f"sales-desk: {exc}", file=sys.stderr)
            return 1
        print(f"database  {database.description} ({database.schema_event})")
        runner = TaskRunner()
        ctx = AppContext(database, runner, database.backups)
        try:
            return smoke_run(ctx)
        finally:
            runner.shutdown()
            ctx.database.close()
    finally:
        for handler in list(logging.getLogger().handlers):
            if handler.get_name() == "sales_desk_log_file":
                logging.getLogger().removeHandler(handler)
                handler.close()
        shutil.rmtree(scratch, ignore_errors=True)


# -- the GUI ----------------------------------------------------------------------------------

def run_gui(args: argparse.Namespace) -> int:
    config = resolve(
        data_dir=getattr(args, "data_dir", None),
        db_url=getattr(args, "db", None),
        language=getattr(args, "lang", None),
    )
    if getattr(args, "smoke_test", False):
        return run_smoke(args)
    setup_logging(config)
    i18n.set_language(config.language)

    # Only what the login window needs is imported before it shows (fast start): Qt and
    # the dialogs. SQLAlchemy, the services and the tabs load on the runner meanwhile.
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from sales_desk.ui.app_icon import app_icon
    from sales_desk.ui.collector import UiThreadCollector
    from sales_desk.ui.context import AppContext
    from sales_desk.ui.language import apply_language
    from sales_desk.ui.shell import Shell
    from sales_desk.ui.tasks import TaskRunner

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Sales Desk")
    app.setOrganizationName(APP_AUTHOR)
    app.setWindowIcon(app_icon())
    apply_language(config.language)
    sys.excepthook = _excepthook
    collector = UiThreadCollector(app)  # cycles of Qt objects freed on their own thread

    runner = TaskRunner()
    ctx = AppContext(None, runner, where=describe(config))
    shell = Shell(ctx)
    if os.environ.get(PROBE_ENV):
        from sales_desk.ui.startup_probe import StartupProbe

        StartupProbe(shell, os.environ[PROBE_ENV], parent=app)
    shell.start(first_run=guess_first_run(config))
    # After the dialog is drawn: the worker's imports would otherwise compete with the
    # UI thread for the interpreter while it builds and paints the login.
    QTimer.singleShot(0, lambda: open_in_background(ctx, shell, config))
    try:
        return app.exec()
    finally:
        runner.shutdown()
        collector.stop()
        if ctx.database is not None:
            ctx.database.close()
        log.info("closed")
