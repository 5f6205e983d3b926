"""Live views (issue 17): another seat's committed change refreshes this seat's open lists,
dashboard tiles and “waiting for me”, and a quiet note in the status bar names new items
waiting for the user.

The database's hub (db/notify.py) hears every seat's changes on its listener thread; they
are queued to the UI thread, gathered for a moment (a burst of changes refreshes once) and
go out as the runner's own data-changed signal with the topic REMOTE, which every page
takes as its own (widgets/page.py). This seat's own changes are skipped: the runner has
announced them already.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from sales_desk.domain.common.roles import Actor
from sales_desk.i18n import ngettext
from sales_desk.ui.context import AppContext
from sales_desk.ui.widgets.page import REMOTE

GATHER_MS = 250  # changes arriving within this refresh once
NOTE_MS = 10_000


class LiveViews(QObject):
    _sig_heard = Signal(object)  # from the listener thread, queued to the UI thread

    def __init__(self, ctx: AppContext, actor: Actor, note: Callable[[str, int], None],
                 parent: QObject | None = None):
        super().__init__(parent)
        self.ctx, self.actor, self._note = ctx, actor, note
        self._waiting: set[Any] | None = None  # the keys of "waiting for me" last seen
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(GATHER_MS)
        self._timer.timeout.connect(self._refresh)
        self._sig_heard.connect(self._heard_here, Qt.ConnectionType.QueuedConnection)
        self._unsubscribe: Callable[[], None] = lambda: None
        database = ctx.database
        if database is not None and hasattr(database, "changes"):
            self._unsubscribe = database.changes.subscribe(self._heard)
            database.listen()
        # The baseline (only items arriving later are new) once the runner is idle: the
        # window's first answers, the dashboard's own "waiting for me" among them, go first.
        QTimer.singleShot(0, self, self._baseline_when_idle)
        self.destroyed.connect(lambda *_: self._unsubscribe())

    def _baseline_when_idle(self) -> None:
        if self.ctx.runner.busy():
            self.ctx.runner.sig_busy.connect(self._idle_now)
        else:
            self._check_waiting()

    def _idle_now(self, busy: bool) -> None:
        if not busy:
            self.ctx.runner.sig_busy.disconnect(self._idle_now)
            self._check_waiting()

    def stop(self) -> None:
        self._unsubscribe()
        self._unsubscribe = lambda: None

    def _heard(self, change: Any) -> None:  # on the listener thread
        if getattr(change, "from_here", False):
            return
        try:
            self._sig_heard.emit(change)
        except RuntimeError:  # this object is gone (window closed): nobody to tell
            pass

    def _heard_here(self, _change: Any) -> None:
        if not self._timer.isActive():
            self._timer.start()

    def _refresh(self) -> None:
        self.ctx.runner.sig_data_changed.emit(REMOTE)
        self._check_waiting()

    def _check_waiting(self) -> None:
        from sales_desk.services.planning import inbox

        if not (inbox.DECIDERS & self.actor.permissions) or self.ctx.database is None:
            return
        ctx, actor = self.ctx, self.actor
        ctx.runner.run(lambda: inbox.waiting_for_me(ctx.uow(actor)), self._waiting_arrived,
                       lambda exc: True, owner=self)  # a failed look is no reason to interrupt

    def _waiting_arrived(self, items: list[Any]) -> None:
        keys = {i.key for i in items}
        new = keys - self._waiting if self._waiting is not None else set()
        self._waiting = keys
        if new:
            self._note(ngettext("{n} new item is waiting for you.", "{n} new items are waiting for you.",
                                len(new)).format(n=len(new)), NOTE_MS)
