"""Engines: SQLite with the pragmas that keep a single-file database safe, or PostgreSQL."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import URL, Engine, create_engine, event, make_url
from sqlalchemy.orm import Session, sessionmaker

SQLITE_BUSY_TIMEOUT_MS = 10_000
# Rows ANALYZE samples per index: statistics good enough for the planner in milliseconds,
# where a full pass over a million order lines would take seconds at start-up.
SQLITE_ANALYSIS_LIMIT = 1000
# The execution option a read-only unit of work's connection carries (db/uow.py).
READ_ONLY = "sales_desk_read_only"


def _sqlite_pragmas(dbapi_conn, _record) -> None:  # noqa: ANN001 - DBAPI objects
    # The driver's own transaction handling is off (isolation_level=None) so that our
    # "begin" listener decides how a transaction starts.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA analysis_limit={SQLITE_ANALYSIS_LIMIT}")
    _optimize(cur, opening=True)  # sets busy_timeout when done
    cur.close()


def _optimize(cur: sqlite3.Cursor, opening: bool = False) -> None:
    """Keep the planner's statistics current: without them a rep's first page at a million
    customers took 437 ms instead of 0.2 ms. `PRAGMA optimize` on open (0x10002: every
    table, on SQLite 3.46+) and on close (what this connection's queries found stale), as
    SQLite advises; a file never analyzed at all (made by an older version) gets its first
    ANALYZE on open. It never waits for another seat's write: the statistics can wait."""
    cur.execute("PRAGMA busy_timeout=0")
    try:
        if opening:
            analyzed = cur.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchone()
            tables = cur.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' LIMIT 1").fetchone()
            if tables is not None and analyzed is None:
                cur.execute("ANALYZE")
        cur.execute("PRAGMA optimize=0x10002" if opening else "PRAGMA optimize")
    except sqlite3.Error:  # busy, read-only or closing: never worth failing the caller for
        pass
    finally:
        cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")


def _sqlite_optimize_on_close(dbapi_conn, _record) -> None:  # noqa: ANN001
    try:
        cur = dbapi_conn.cursor()
        _optimize(cur)
        cur.close()
    except sqlite3.Error:  # already closed
        pass


def _sqlite_writable_again(dbapi_conn, _record) -> None:  # noqa: ANN001
    # Whoever takes the connection from the pool next may write outside a unit of work.
    if dbapi_conn is not None:
        dbapi_conn.execute("PRAGMA query_only=OFF")


def _sqlite_begin(conn) -> None:  # noqa: ANN001
    if conn.get_execution_options().get(READ_ONLY):
        # A read: a deferred transaction reads a snapshot in WAL and takes no write lock,
        # so a long report never makes a writer wait. query_only turns a write slipped
        # into a read-only unit of work into an error instead of a lock upgrade.
        conn.exec_driver_sql("PRAGMA query_only=ON")
        conn.exec_driver_sql("BEGIN")
        return
    conn.exec_driver_sql("PRAGMA query_only=OFF")
    # One writer: take the write lock at BEGIN, so two units of work never deadlock
    # upgrading a read lock, and the audit chain's "last row" read is serialized.
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def sqlite_url(path: Path) -> URL:
    """The URL of a SQLite file whatever its path holds: pasted into a URL string, a '?'
    or '%' in a folder name would silently open a different file."""
    return URL.create("sqlite", database=str(path))


def make_engine(url: str | URL, echo: bool = False) -> Engine:
    url = make_url(url)
    if url.get_backend_name() == "sqlite":
        engine = create_engine(
            url,
            echo=echo,
            connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        event.listen(engine.pool, "checkin", _sqlite_writable_again)
        event.listen(engine.pool, "close", _sqlite_optimize_on_close)
        return engine
    return create_engine(url, echo=echo, pool_pre_ping=True)


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


