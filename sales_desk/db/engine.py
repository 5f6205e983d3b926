"""Engines: SQLite with the pragmas that keep a single-file database safe, or PostgreSQL."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import URL, Engine, create_engine, event, make_url
from sqlalchemy.orm import Session, sessionmaker

SQLITE_BUSY_TIMEOUT_MS = 10_000


def _sqlite_pragmas(dbapi_conn, _record) -> None:  # noqa: ANN001 - DBAPI objects
    # The driver's own transaction handling is off (isolation_level=None) so that our
    # "begin" listener decides how a transaction starts.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def _sqlite_begin_immediate(conn) -> None:  # noqa: ANN001
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
        event.listen(engine, "begin", _sqlite_begin_immediate)
        return engine
    return create_engine(url, echo=echo, pool_pre_ping=True)


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def sqlite_read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection that never creates a file. The path is percent-encoded: in a
    bare `file:` URI a '#' or '?' in a folder name would cut the path short."""
    return sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, timeout=30)
