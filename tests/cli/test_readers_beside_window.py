"""Read-only commands (check, backup, exports, prints) run while a window holds the data
folder; commands that change the firm's data are still refused then. The window is a child
process that opened the folder as the app does (open_database: the instance lock) and, for
the backup, works the demo firm meanwhile."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from sales_desk.db import schema
from sales_desk.db.backup import integrity_errors
from sales_desk.db.database import open_database
from sales_desk.db.storage import InstanceLock
from sales_desk.demo import firm as demo
from sales_desk.services.admin import auth
from sales_desk.services.admin.audit import verify_chain_in
from tests.hardening.firm import DB_FILE, config, copy_template

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="fork is POSIX")

ADMIN = ("--user", "admin")
PASSWORD = "correct horse battery"  # tests/hardening/firm.py's administrator


GM = {}  # the demo gm's password, printed by the demo as the CLI prints it


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    os.environ["SALES_DESK_BUSINESS_DATE"] = "2026-12-06"
    try:
        folder = tmp_path_factory.mktemp("demo") / "data"
        db = open_database(config(folder))
        try:
            admin = auth.create_first_admin(db.uow(), "admin", PASSWORD, "系统管理员")
            loaded = demo.load_demo(db.uow(admin))
        finally:
            db.close()
    finally:
        del os.environ["SALES_DESK_BUSINESS_DATE"]
    GM["password"] = next(u.password for u in loaded.users if u.username == "wangjianguo")
    return folder


def _hold(folder: Path, write: int, work: bool) -> None:  # pragma: no cover - runs in the child
    db = open_database(config(folder))  # takes the folder's lock, as the window does
    os.write(write, b"ready\n")
    if work:
        from tests.hardening.test_crash_mixed_workload import _writer

        db.close()  # the writer opens it again itself (the lock is taken again at once)
        _writer(folder, 11, write)
    signal.pause()


@contextmanager
def window(folder: Path, work: bool = False) -> Iterator[object]:
    """A child process holding `folder` as the window does; with `work`, writing all along.
    Yields the reader of its announcements (a JSON line per commit when working)."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child never returns
        try:
            os.close(read_end)
            _hold(folder, write_end, work)
        finally:
            os._exit(1)
    os.close(write_end)
    lines = os.fdopen(read_end, "r", encoding="utf-8")
    try:
        assert lines.readline() == "ready\n"
        yield lines
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        lines.close()


@pytest.fixture
def held(demo_folder: Path, tmp_path: Path, pin_business_date) -> Iterator[Path]:  # noqa: ANN001
    pin_business_date(date(2026, 12, 6))
    folder = copy_template(demo_folder, tmp_path / "live")
    with window(folder):
        lock = InstanceLock(folder)
        with pytest.raises(Exception, match="already open"):
            lock.acquire()  # the folder is held, as by an open window
        yield folder


def _tip(db_file: Path) -> int:
    conn = sqlite3.connect(f"{db_file.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT max(seq) FROM audit_log").fetchone()[0]
    finally:
        conn.close()


def _run(cli, folder: Path, *argv: str):  # noqa: ANN001, ANN202
    return cli(*argv, *ADMIN, password=PASSWORD, location=["--data-dir", str(folder)])


def test_check_and_backup_run_while_a_window_holds_the_folder(cli, held: Path, tmp_path: Path) -> None:
    checked = _run(cli, held, "check")
    assert checked.code == 0, checked.text
    backup = tmp_path / "copy.sqlite"
    taken = _run(cli, held, "backup", "--out", str(backup))
    assert taken.code == 0, taken.text
    assert integrity_errors(backup) == []


def test_exports_and_prints_run_while_a_window_holds_the_folder(cli, held: Path, tmp_path: Path) -> None:
    for argv in (("export", "customers", "--out", str(tmp_path / "c.xlsx")),
                 ("export", "aging", "--out", str(tmp_path / "a.xlsx")),
                 ("print", "credit-audit", "--month", "2026-11", "--out", str(tmp_path / "audit.pdf")),
                 ("documents", "list")):
        result = cli(*argv, "--user", "wangjianguo", password=GM["password"], location=["--data-dir", str(held)])
        assert result.code == 0, (argv, result.text)
    assert load_workbook(tmp_path / "c.xlsx").active.max_row > 1
    assert (tmp_path / "audit.pdf").read_bytes().startswith(b"%PDF")


def test_commands_that_change_the_data_stay_refused_while_a_window_holds_the_folder(cli, held: Path) -> None:
    result = cli("user", "add", "newbie", "--role", "sales_rep", "--password-stdin", *ADMIN,
                 stdin="a long enough password\n", password=PASSWORD, location=["--data-dir", str(held)])
    assert result.code != 0
    assert "already open" in result.text


def test_a_backup_taken_while_the_window_writes_opens_cleanly(cli, demo_folder: Path, tmp_path: Path,
                                                              pin_business_date) -> None:  # noqa: ANN001
    pin_business_date(date(2026, 12, 6))
    folder = copy_template(demo_folder, tmp_path / "live")
    backups = []
    with window(folder, work=True) as lines:
        for n in range(3):
            seen = max(json.loads(lines.readline())["seq"] for _ in range(3))  # the window commits meanwhile
            target = tmp_path / f"during{n}.sqlite"
            taken = _run(cli, folder, "backup", "--out", str(target))
            assert taken.code == 0, taken.text
            backups.append((target, seen))
    for n, (backup, seen) in enumerate(backups):
        assert integrity_errors(backup) == [], backup
        probe = tmp_path / f"open{n}"
        probe.mkdir()
        (probe / DB_FILE).write_bytes(backup.read_bytes())
        db = open_database(config(probe))  # opens as the window would
        try:
            assert schema.stored_revision(db.engine) == schema.packaged_head()
            with db.uow() as uow:
                assert verify_chain_in(uow).ok, backup  # (the writer's rows are unsigned: no `check`)
        finally:
            db.close()
        assert _tip(probe / DB_FILE) >= seen  # every commit announced before it was taken is in it
