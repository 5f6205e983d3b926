"""Fast start: the login window needs only Qt and the dialogs; the database opens behind
it; heavy libraries load when first used. (Timings are benchmarks/bench_startup.py's
business: nothing here is timed.) And the smoke test CI runs on the bundle."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from sales_desk import app
from sales_desk.cli.main import gui_args
from sales_desk.config import AppConfig
from sales_desk.ui.login import FirstRunDialog, LoginDialog
from sales_desk.ui.shell import Shell
from tests.conftest import PASSWORD

REPORT_LIBRARIES = {"reportlab", "openpyxl", "xlsxwriter", "alembic"}
BEFORE_LOGIN_SHOWS = """
import json, sys
from sales_desk.cli.main import gui_args
args = gui_args(["--data-dir", sys.argv[1]])
import sales_desk.app
from sales_desk.ui import app_icon, context, language, login, shell, tasks
print(json.dumps(sorted({m.split(".")[0] for m in sys.modules})))
"""


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SALES_DESK_")}
    env.update(QT_QPA_PLATFORM="offscreen", SALES_DESK_LANG="en", XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_DATA_HOME=str(tmp_path / "xdg-data"), **extra)
    return env


def test_drawing_the_login_window_imports_no_database_or_report_library(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-c", BEFORE_LOGIN_SHOWS, str(tmp_path / "data")],
                          capture_output=True, text=True, env=_env(tmp_path), timeout=120)
    assert done.returncode == 0, done.stderr
    loaded = set(json.loads(done.stdout))
    assert "PySide6" in loaded  # the check looks at the right process
    assert not loaded & (REPORT_LIBRARIES | {"sqlalchemy", "babel", "psycopg"})


def test_the_way_from_launch_to_a_usable_main_window_loads_no_report_library_nor_alembic(
        tmp_path: Path) -> None:
    from sales_desk.db.database import open_database
    from sales_desk.services.admin import auth, users

    config = AppConfig(data_dir=tmp_path / "data", language="en")
    db = open_database(config)
    admin = auth.create_first_admin(db.uow(), "admin", PASSWORD)
    users.add_user(db.uow(admin), "manager", PASSWORD, ["sales_manager"])
    db.close()

    env = _env(tmp_path, SALES_DESK_STARTUP_PROBE="window", SALES_DESK_PROBE_USER="manager",
               SALES_DESK_PASSWORD=PASSWORD)
    done = subprocess.run([sys.executable, "-m", "sales_desk", "--data-dir", str(config.data_dir)],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    events = {e["event"]: set(e["heavy"]) for e in map(json.loads, done.stdout.splitlines())}
    assert list(events) == ["login_painted", "db_ready", "login_clicked", "window_painted", "window_usable",
                            "tabs_built"]  # the hidden tabs after the first paint
    assert "sqlalchemy" in events["window_usable"]  # the probe sees the imports
    assert not events["window_usable"] & REPORT_LIBRARIES and not events["tabs_built"] & REPORT_LIBRARIES


def test_the_window_arguments_are_read_without_the_full_parser_and_nothing_else_is() -> None:
    args = gui_args(["--data-dir", "office", "--lang", "zh_CN"])
    assert args is not None
    assert (args.command, args.data_dir, args.lang, args.smoke_test) == (None, "office", "zh_CN", False)
    assert gui_args([]) is not None
    for argv in (["user", "list"], ["--help"], ["--version"], ["--lang", "fr"], ["--data-dir"]):
        assert gui_args(argv) is None, argv  # the full parser answers (or explains) these


def test_the_login_names_the_database_before_it_is_open_without_the_password(tmp_path: Path) -> None:
    pg = AppConfig(data_dir=tmp_path, db_url="postgresql+psycopg://sales:s3cret@db.local:5432/desk")
    assert app.describe(pg) == "postgresql+psycopg://sales:***@db.local:5432/desk"
    sqlite = AppConfig(data_dir=tmp_path)
    assert app.describe(sqlite) == str(sqlite.sqlite_path)
    assert app.guess_first_run(sqlite)  # no file yet: no account yet
    sqlite.sqlite_path.write_bytes(b"")
    assert not app.guess_first_run(sqlite)


def test_a_wrong_first_run_guess_is_corrected_once_the_database_answers(qtbot, ctx) -> None:  # noqa: ANN001
    shell = Shell(ctx)
    shell.start(first_run=False)  # the file existed, yet it holds no account
    assert isinstance(shell.dialog, LoginDialog)
    shell.confirm_first_run(True)
    assert isinstance(shell.dialog, FirstRunDialog)
    first = shell.dialog
    shell.confirm_first_run(True)  # a right guess is left alone
    assert shell.dialog is first
    shell.dialog.close()


def test_the_smoke_test_builds_every_window_in_a_new_folder_and_refuses_one_in_use(tmp_path: Path) -> None:
    folder = tmp_path / "smoke"
    cmd = [sys.executable, "-m", "sales_desk", "--smoke-test", "--data-dir", str(folder)]
    done = subprocess.run(cmd, capture_output=True, text=True, env=_env(tmp_path), timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "smoke test passed" in done.stdout
    assert (folder / "sales-desk.sqlite").is_file()

    again = subprocess.run(cmd, capture_output=True, text=True, env=_env(tmp_path), timeout=300)
    assert again.returncode == 1
    assert "has users already" in again.stdout


def test_the_smoke_test_without_a_folder_leaves_nothing_behind(tmp_path: Path) -> None:
    env = _env(tmp_path, TMPDIR=str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    done = subprocess.run([sys.executable, "-m", "sales_desk", "--smoke-test"], capture_output=True,
                          text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert list((tmp_path / "tmp").iterdir()) == []
    assert not (tmp_path / "xdg-data").exists()  # the user's data folder was never touched


def test_the_login_says_so_while_the_database_is_brought_up_to_date(qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    from PySide6.QtCore import Qt

    from sales_desk.db import schema
    from sales_desk.db.database import open_database
    from sales_desk.services.admin import auth
    from sales_desk.ui.context import AppContext
    from sales_desk.ui.tasks import TaskRunner

    config = AppConfig(data_dir=tmp_path / "office")
    db = open_database(config, migrate=False)  # a file an older version made: one revision behind
    schema.upgrade(db.engine, schema.packaged_revisions()[-2])
    auth.create_first_admin(db.uow(), "admin", PASSWORD)
    db.close()

    runner = TaskRunner()
    ctx = AppContext(None, runner, where=str(config.sqlite_path))
    shell = Shell(ctx)
    shown_while_upgrading: list[bool] = []
    shell.sig_upgrading.connect(lambda: shown_while_upgrading.append(not shell.dialog.upgrade_label.isHidden()),
                                type=Qt.ConnectionType.QueuedConnection)  # on the UI thread, after the shell's
    try:
        shell.start(first_run=False)
        assert shell.dialog.upgrade_label.isHidden()
        shell.show_upgrading(True)
        shell.switch_language("zh_CN")  # the login built again keeps the notice
        assert not shell.dialog.upgrade_label.isHidden()
        shell.switch_language("en")
        shell.show_upgrading(False)
        app.open_in_background(ctx, shell, config)
        qtbot.waitUntil(lambda: ctx.database is not None, timeout=60_000)
        assert ctx.database.schema_event == "upgraded"
        # told from the worker, shown on the login, and gone once the database is open
        assert shown_while_upgrading == [True]
        assert shell.dialog.upgrade_label.isHidden()
    finally:
        runner.shutdown()
        if shell.dialog is not None:
            shell.dialog.close()
        if ctx.database is not None:
            ctx.database.close()
