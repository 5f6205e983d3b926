"""A hook for benchmarks/bench_startup.py, active only when SALES_DESK_STARTUP_PROBE is set.

"login": report when the login (or first-run) window first paints, then quit.
"window": then wait for the database, log in as SALES_DESK_PROBE_USER (password in
SALES_DESK_PASSWORD), report when the main window first paints and when it is usable
(painted, and the runner idle: the shown tab's first page is in), and when the
hidden tabs are built too, then quit.

Each report is one JSON line on stdout with a wall-clock time (`time.time()`), which
the benchmark compares with the moment it started the process, and the heavy
libraries loaded so far (tests/ui/test_startup.py holds the login path to none of the
ones it does not need). Waiting for the
database before logging in is what a person does: typing takes longer than opening.
"""

from __future__ import annotations

import json
import os
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from sales_desk.ui.login import FirstRunDialog, LoginDialog

POLL_MS = 5
HEAVY = ("sqlalchemy", "alembic", "reportlab", "openpyxl", "xlsxwriter", "babel", "psycopg", "PIL")


def report(event: str) -> None:
    heavy = [name for name in HEAVY if name in sys.modules]
    print(json.dumps({"event": event, "t": time.time(), "heavy": heavy}), flush=True)


class StartupProbe(QObject):
    def __init__(self, shell, mode: str, parent: QObject | None = None):  # noqa: ANN001 - Shell
        super().__init__(parent)
        self.shell, self.mode = shell, mode
        self.stage = "login"
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._tick)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() != QEvent.Type.Paint or not isinstance(obj, QWidget):
            return False
        window = obj.window()
        if self.stage == "login" and isinstance(window, LoginDialog | FirstRunDialog):
            report("login_painted")
            if self.mode == "login":
                self._finish()
            else:
                self.stage = "wait_db"
                self._poll.start()
        elif self.stage == "window" and window is self.shell.window:
            report("window_painted")
            self.stage = "usable"
        return False

    def _tick(self) -> None:
        ctx = self.shell.ctx
        if self.stage == "wait_db" and ctx.database is not None and not ctx.runner.busy():
            report("db_ready")
            dialog = self.shell.dialog
            assert isinstance(dialog, LoginDialog), "the probe logs in to a database with users"
            dialog.username.setText(os.environ.get("SALES_DESK_PROBE_USER", "admin"))
            dialog.password.setText(os.environ.get("SALES_DESK_PASSWORD", ""))
            self.stage = "window"
            report("login_clicked")
            dialog.log_in()
        elif self.stage == "usable" and not ctx.runner.busy():
            report("window_usable")
            self.stage = "built"
        if self.stage == "built" and not self.shell.window.unbuilt_tabs():
            report("tabs_built")  # the hidden tabs, built after the first paint
            self._finish()

    def _finish(self) -> None:
        self._poll.stop()
        self.stage = "done"
        QTimer.singleShot(0, QApplication.quit)
