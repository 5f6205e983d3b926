"""“Data changed” between seats (issue 17): after a commit that changed something, every
seat's open lists, tiles and “waiting for me” refresh.

On PostgreSQL the unit of work sends `pg_notify` inside the transaction: PostgreSQL delivers
it at commit and drops it on rollback, so no seat hears of a change that did not happen.
Each seat listens on one connection of its own in a background thread (`PgListener`),
re-connecting after a drop and then telling its views to refresh everything, since it may
have missed changes meanwhile. On SQLite one program has the file: the unit of work tells
the in-process hub after the commit returned.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import URL, text
from sqlalchemy.orm import Session

log = logging.getLogger(__name__)

CHANNEL = "sales_desk_changed"
# This process: a seat skips its own changes (its runner already announced them).
ORIGIN = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
_PAYLOAD_LIMIT = 7000  # PostgreSQL's is 8000 bytes


@dataclass(frozen=True)
class Change:
    """What a committed transaction changed: the audit trail's entity kinds it wrote."""

    entities: frozenset[str] = frozenset()
    user_id: int | None = None
    origin: str = ORIGIN
    # True after a listener re-connected: changes may have been missed, refresh everything
    everything: bool = field(default=False)
    sent_at: float = field(default_factory=time.time, compare=False)  # epoch seconds, for the lag

    @property
    def from_here(self) -> bool:
        """Made by this process (its views were told by whoever made it)."""
        return self.origin == ORIGIN and not self.everything

    def payload(self) -> str:
        entities = sorted(self.entities)
        body = json.dumps({"o": self.origin, "u": self.user_id, "e": entities, "t": self.sent_at},
                          ensure_ascii=False)
        if len(body.encode()) > _PAYLOAD_LIMIT:  # too many kinds to name: "everything"
            body = json.dumps({"o": self.origin, "u": self.user_id, "e": [], "all": True, "t": self.sent_at})
        return body

    @classmethod
    def parse(cls, payload: str) -> Change:
        try:
            data = json.loads(payload)
            return cls(frozenset(data.get("e") or ()), data.get("u"), str(data.get("o", "")),
                       bool(data.get("all")), float(data.get("t") or time.time()))
        except (ValueError, AttributeError, TypeError):
            return cls(origin="", everything=True)  # not ours to read: refresh all


Subscriber = Callable[[Change], None]


class ChangeHub:
    """The changes this process hears of, handed to each subscriber (on the caller's thread:
    a UI subscriber queues them to the UI thread itself)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._subscribers: list[Subscriber] = []

    def subscribe(self, fn: Subscriber) -> Callable[[], None]:
        with self._lock:
            self._subscribers.append(fn)

        def unsubscribe() -> None:
            with self._lock:
                if fn in self._subscribers:
                    self._subscribers.remove(fn)

        return unsubscribe

    def publish(self, change: Change) -> None:
        with self._lock:
            subscribers = list(self._subscribers)
        for fn in subscribers:
            try:
                fn(change)
            except Exception:  # one broken view must not stop the others hearing
                log.exception("a change subscriber failed")


def announce(session: Session, change: Change) -> None:
    """Inside the transaction, before its commit: PostgreSQL sends it at commit, never on
    rollback. SQLite has no other seat to tell (the hub hears it after the commit)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_notify(:channel, :payload)"),
                        {"channel": CHANNEL, "payload": change.payload()})


def _conninfo(url: URL) -> str:
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


class PgListener:
    """One seat's listening connection, in a daemon thread; `on_change` runs on that thread."""

    def __init__(self, url: URL, on_change: Subscriber, *, retry_seconds: float = 1.0,
                 poll_seconds: float = 0.5):
        self._conninfo = _conninfo(url)
        self._on_change = on_change
        self._retry = retry_seconds
        self._poll = poll_seconds
        self._stop = threading.Event()
        self._connected = threading.Event()
        self._thread = threading.Thread(target=self._run, name="sales-desk-listener", daemon=True)
        self.backend_pid: int | None = None  # the listening connection's server process
        self.reconnects = 0

    def start(self) -> PgListener:
        self._thread.start()
        return self

    def wait_connected(self, timeout: float = 5.0) -> bool:
        return self._connected.wait(timeout)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        import psycopg

        first = True
        while not self._stop.is_set():
            try:
                with psycopg.connect(self._conninfo, autocommit=True, connect_timeout=5) as conn:
                    conn.execute(f"LISTEN {CHANNEL}")
                    self.backend_pid = conn.info.backend_pid
                    self._connected.set()
                    if not first:  # changes made while we were away went unheard
                        self.reconnects += 1
                        self._on_change(Change(origin="", everything=True))
                    first = False
                    while not self._stop.is_set():
                        for note in conn.notifies(timeout=self._poll):
                            self._on_change(Change.parse(note.payload))
                        if conn.closed or conn.broken:
                            raise psycopg.OperationalError("listening connection lost")
            except psycopg.Error as exc:
                self._connected.clear()
                self.backend_pid = None
                if self._stop.is_set():
                    break
                log.warning("change listener lost its connection (%s); reconnecting", exc)
                self._stop.wait(self._retry)
