"""The start-up check that an SQLite file is readable, with nothing but the standard
library: so it can start before SQLAlchemy and the models are imported, and run beside
those imports (its work is in SQLite, outside the interpreter's lock). At 100,000 customers
(a 680 MB file) `quick_check` alone takes some 2 s; the imports as long again.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path


def sqlite_read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection that never creates a file. The path is percent-encoded: in a
    bare `file:` URI a '#' or '?' in a folder name would cut the path short."""
    return sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, timeout=30)


def probe(db_path: Path) -> str | None:
    """A cheap start-up check that the file is a readable SQLite database; None if fine."""
    if not db_path.exists():
        return None
    try:
        conn = sqlite_read_only(db_path)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            # quick_check reports damage as rows, not as an error: read what it says.
            (verdict,) = conn.execute("PRAGMA quick_check(1)").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    return None if verdict == "ok" else str(verdict)


def probe_in_background(db_path: Path) -> Callable[[], str | None]:
    """`probe` started on a thread of its own; the function returned waits for its verdict."""
    verdict: list[str | None] = []
    failure: list[BaseException] = []

    def run() -> None:
        try:
            verdict.append(probe(db_path))
        except BaseException as exc:  # handed to whoever waits for the verdict
            failure.append(exc)

    thread = threading.Thread(target=run, name="sales-desk-file-check", daemon=True)
    thread.start()

    def result() -> str | None:
        thread.join()
        if failure:
            raise failure[0]
        return verdict[0]

    return result
