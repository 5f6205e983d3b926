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
from sales_desk.db.file_check import sqlite_read_only
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


def sqlite_chain_break(db_file: Path, batch: int = 10_000) -> int | None:
    """The seq of the first audit row of an SQLite file whose link or hash does not hold (a
    row missing counts), read-only; None when the whole chain holds."""
    from sales_desk.domain.admin.audit_chain import GENESIS, AuditRecord, first_broken

    conn = sqlite_read_only(db_file)
    try:
        prev, last = GENESIS, 0
        while True:
            rows = conn.execute(
                "SELECT seq, at, user_id, username, action, entity, entity_id, before, after, prev_hash, hash "
                "FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?", (last, batch)).fetchall()
            if not rows:
                return None
            for i, row in enumerate(rows):
                if row[0] != last + 1 + i:
                    return last + 1 + i  # a row is missing
            broken = first_broken([(AuditRecord(*r[:10]), r[10]) for r in rows], prev)
            if broken is not None:
                return broken
            prev, last = rows[-1][10], rows[-1][0]
    finally:
        conn.close()


def backup_head_mismatch(backup: Path) -> tuple[int, str] | None:
    """The head recorded beside `backup` when it was taken, if the file no longer ends with
    it (rows cut off or the chain rewritten since); None when it does or none was recorded."""
    recorded = read_anchor_lines(backup.with_name(backup.name + BACKUP_SUFFIX))
    if not recorded:
        return None
    head = recorded[-1]
    if sqlite_chain_head(backup) != (head.seq, head.hash):
        return head.seq, head.hash
    return None
