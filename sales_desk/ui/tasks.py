"""The one background runner for all database work (Anki's CollectionOp/taskman, simplified).

Every service call from the UI goes through `TaskRunner.run`: it runs on a single
worker thread (SQLite has one writer, and one worker keeps calls in order), hands
the result back on the UI thread, shows errors in one place, and after a write
emits `sig_data_changed` so each tab decides whether to refresh.

Long jobs take a `CancelToken`: they report progress through it and check it for
cancellation; the runner shows a progress dialog with a Cancel button meanwhile.
"""

from __future__ import annotations

import itertools
import logging
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QWidget

from sales_desk.domain.admin.seats import SeatEnded
from sales_desk.domain.common.errors import Cancelled, DomainError
from sales_desk.i18n import _
from sales_desk.ui.widgets import dialogs
from sales_desk.ui.widgets.progress import ProgressDialog

log = logging.getLogger(__name__)


class CancelToken:
    """Handed to long jobs: `check()` raises Cancelled once the user cancels;
    `progress(done, total, text)` updates the progress dialog (total 0: unknown)."""

    def __init__(self, relay: _Relay | None = None, task_id: int = 0):
        self._cancelled = False
        self._relay = relay
        self._task_id = task_id

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    def cancel(self) -> None:
        self._cancelled = True

    def check(self) -> None:
        if self._cancelled:
            raise Cancelled()

    def progress(self, done: int, total: int = 0, text: str = "") -> None:
        """Report progress (thread-safe) and stop here if the user has cancelled."""
        if self._relay is not None:
            self._relay.progressed.emit(self._task_id, done, total, text)
        self.check()


class _Relay(QObject):
    """Lives on the UI thread; the worker emits, Qt queues the call to the UI thread."""

    finished = Signal(int, bool, object)  # task id, ok, result or exception
    progressed = Signal(int, int, int, str)  # task id, done, total, text


@dataclass
class _Task:
    fn: Callable[..., Any]
    on_done: Callable[[Any], None] | None
    on_error: Callable[[BaseException], bool | None] | None
    writes: str | None
    owner: QObject | None
    token: CancelToken | None
    dialog: ProgressDialog | None = None
    traceback: str = ""


class _Job(QRunnable):
    def __init__(self, runner: TaskRunner, task_id: int, task: _Task):
        super().__init__()
        self._runner = runner
        self._id = task_id
        self._task = task

    def run(self) -> None:  # on the worker thread
        try:
            result = self._task.fn(self._task.token) if self._task.token else self._task.fn()
        except BaseException as exc:  # handed to the UI thread, shown or logged there
            if not isinstance(exc, DomainError):
                self._task.traceback = traceback.format_exc()
            self._report(False, exc)
        else:
            self._report(True, result)

    def _report(self, ok: bool, payload: object) -> None:
        try:
            self._runner._relay.finished.emit(self._id, ok, payload)
        except RuntimeError:  # the runner is gone (the app is closing): nobody to tell
            if not ok:
                log.error("task failed after shutdown: %s", self._task.traceback or payload)


class TaskRunner(QObject):
    sig_data_changed = Signal(str)
    """Emitted on the UI thread after a write finished successfully. The argument names
    what changed ("users", "settings", "backups", …, as the caller passed in `writes`);
    tabs compare it with what they show and refresh only when it matters."""

    sig_busy = Signal(bool)
    """True while any task is queued or running, False when the queue is empty
    (the status bar shows a busy note; tests wait on it)."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # one writer; calls run in the order made
        self._pool.setExpiryTimeout(-1)  # keep the one thread: no churn between calls
        self._relay = _Relay()
        self._relay.finished.connect(self._finished, Qt.ConnectionType.QueuedConnection)
        self._relay.progressed.connect(self._progressed, Qt.ConnectionType.QueuedConnection)
        self._tasks: dict[int, _Task] = {}
        self._ids = itertools.count(1)
        self.error_parent: Callable[[], QWidget | None] = lambda: None
        # Told when a call was refused because the administrator ended this seat (the shell
        # logs out); None: shown like any refusal.
        self.on_seat_ended: Callable[[str], None] | None = None

    # -- starting work -------------------------------------------------------------------
    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], bool | None] | None = None,
        *,
        writes: str | None = None,
        owner: QObject | None = None,
    ) -> int:
        """Run `fn()` off the UI thread; `on_done(result)` back on it.

        `on_error(exc)` runs first on failure; when it returns True it has shown the
        error itself (inline in a form), else the runner shows it. With `owner`, the
        callbacks are skipped if that widget is gone by then (window rebuilt, closed).
        """
        return self._start(_Task(fn, on_done, on_error, writes, owner, None))

    def run_long(
        self,
        fn: Callable[[CancelToken], Any],
        title: str,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], bool | None] | None = None,
        *,
        writes: str | None = None,
        owner: QWidget | None = None,
        cancellable: bool = True,
    ) -> int:
        """Like `run`, for jobs that take a while: `fn(token)` reports progress through
        the token and a progress dialog (with Cancel) shows it; the window stays live."""
        task_id = next(self._ids)
        token = CancelToken(self._relay, task_id)
        parent = owner.window() if isinstance(owner, QWidget) else self.error_parent()
        dialog = ProgressDialog(title, cancellable, parent)
        dialog.sig_cancel_requested.connect(token.cancel)
        task = _Task(fn, on_done, on_error, writes, owner, token, dialog)
        return self._start(task, task_id)

    def cancel(self, task_id: int) -> None:
        task = self._tasks.get(task_id)
        if task and task.token:
            task.token.cancel()

    def busy(self) -> bool:
        return bool(self._tasks)

    def wait(self, msecs: int = -1) -> bool:
        """Block until the queue is empty (at shutdown: let a write finish first)."""
        return self._pool.waitForDone(msecs)

    def _start(self, task: _Task, task_id: int | None = None) -> int:
        task_id = task_id or next(self._ids)
        was_idle = not self._tasks
        self._tasks[task_id] = task
        if was_idle:
            self.sig_busy.emit(True)
        self._pool.start(_Job(self, task_id, task))
        return task_id

    # -- results, on the UI thread ---------------------------------------------------------
    def _progressed(self, task_id: int, done: int, total: int, text: str) -> None:
        task = self._tasks.get(task_id)
        if task is None or task.dialog is None or not shiboken6.isValid(task.dialog):
            return
        if not (task.token and task.token.cancelled):
            task.dialog.set_progress(done, total, text)

    def _finished(self, task_id: int, ok: bool, payload: object) -> None:
        task = self._tasks.pop(task_id)
        if task.dialog is not None and shiboken6.isValid(task.dialog):
            task.dialog.finish()
        try:
            alive = task.owner is None or shiboken6.isValid(task.owner)
            if ok:
                if task.writes:
                    self.sig_data_changed.emit(task.writes)
                if alive and task.on_done:
                    task.on_done(payload)
            else:
                assert isinstance(payload, BaseException)
                self._failed(task, payload, alive)
        finally:
            if not self._tasks:
                self.sig_busy.emit(False)

    def _failed(self, task: _Task, exc: BaseException, alive: bool) -> None:
        if not isinstance(exc, DomainError):
            log.error("task failed:\n%s", task.traceback or "".join(traceback.format_exception(exc)))
        if isinstance(exc, SeatEnded) and self.on_seat_ended is not None:
            self.on_seat_ended(str(exc))  # no form's own message: the session is over
            return
        if alive and task.on_error and task.on_error(exc):
            return
        if isinstance(exc, Cancelled):
            return  # the user asked for it; nothing to explain
        parent = task.owner if alive and isinstance(task.owner, QWidget) else self.error_parent()
        if isinstance(exc, DomainError):
            dialogs.show_error(parent, str(exc))
        else:
            dialogs.show_error(
                parent,
                _(
                    "Something went wrong and the action was not completed. "
                    "The details are in the log file."
                ),
            )

    def shutdown(self) -> None:
        """Cancel long jobs and wait for the worker (a started write always completes)."""
        for task in self._tasks.values():
            if task.token:
                task.token.cancel()
        self._pool.waitForDone()
