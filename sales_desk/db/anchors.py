"""Where the audit chain's head is kept outside the database (domain/admin/anchors.py):

- the anchor file `audit-anchors.log` in the data folder, one line appended after every
  commit that extends the chain (each seat keeps its own on PostgreSQL);
- beside each backup, `<backup>.anchor`: the head the backup holds;
- the application log, one line per extension (kept by app.py's log handler).

Appends only: nothing here rewrites or truncates a line. A line cut short by a crash is
skipped when read.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from pathlib import Path

from sales_desk.clock import wall_now
from sales_desk.db.engine import sqlite_read_only
from sales_desk.domain.admin.anchors import Anchor, anchor_line, parse_anchor_line

ANCHOR_FILE = "audit-anchors.log"
BACKUP_SUFFIX = ".anchor"

log = logging.getLogger("sales_desk.audit.anchor")


class AnchorFile:
    """The data folder's anchor file; appended to from any thread of this process."""

    def __init__(self, folder: Path):
        self.path = Path(folder) / ANCHOR_FILE
        self._lock = threading.Lock()

    def append(self, seq: int, digest: str) -> None:
        line = anchor_line(seq, digest, wall_now().isoformat(timespec="seconds"))
        try:
            with self._lock:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                with self.path.open("a", encoding="ascii") as fh:
                    fh.write(line)
        except OSError:  # the commit stands; a missing anchor only weakens the next check
            log.exception("could not write the audit anchor to %s", self.path)
        log.info("audit head %s %s", seq, digest)

    def read(self) -> list[Anchor]:
        return read_anchor_lines(self.path)


def read_anchor_lines(path: Path) -> list[Anchor]:
    if not path.is_file():
        return []
    with path.open(encoding="ascii", errors="replace") as fh:
        return [a for line in fh if (a := parse_anchor_line(line, path.name)) is not None]


def sqlite_chain_head(db_file: Path) -> tuple[int, str] | None:
    """The last audit row (seq, hash) of an SQLite file, read-only; None if it has none."""
    conn = sqlite_read_only(db_file)
    try:
        row = conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    except sqlite3.DatabaseError:
        return None
    finally:
        conn.close()
    return (int(row[0]), str(row[1])) if row else None


def write_backup_anchor(backup: Path) -> None:
    """Record beside a backup the chain head it holds."""
    head = sqlite_chain_head(backup)
    if head is None:
        return
    target = backup.with_name(backup.name + BACKUP_SUFFIX)
    target.write_text(anchor_line(*head, wall_now().isoformat(timespec="seconds")), encoding="ascii")


def backup_anchors(folder: Path) -> list[Anchor]:
    """The heads recorded beside the backups in `folder`."""
    if not folder.is_dir():
        return []
    found: list[Anchor] = []
    for path in sorted(folder.glob("*" + BACKUP_SUFFIX)):
        found += read_anchor_lines(path)
    return found
