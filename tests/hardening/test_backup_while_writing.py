"""Backups taken while the firm is at work open cleanly, and a restore drill gives back
exactly what was committed up to the backup's moment.

A child process works the demo firm (the crash test's mixed day) and announces each audit
entry after its commit returned; meanwhile the parent takes backups (BackupStore.take). Each
backup must be sound on its own (integrity, foreign keys, current schema, audit chain to its
tip, ledger invariants) and hold a gap-free prefix of the trail the writer went on to commit,
entry for entry, with everything announced before it was taken. The last one is then restored
into a fresh folder and compared table by table with the backup file.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from sales_desk.db import schema
from sales_desk.db.backup import BackupStore, integrity_errors
from sales_desk.db.database import open_database
from sales_desk.models import AuditEntry
from sales_desk.services.admin.audit import verify_chain_in
from tests.db.helpers import dump_file
from tests.hardening.firm import DB_FILE, config, copy_template, ledger_violations
from tests.hardening.test_crash_mixed_workload import _writer

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="fork is POSIX"),
]

BACKUPS = 8


def _trail(folder: Path) -> dict[int, tuple]:
    db = open_database(config(folder))
    try:
        assert schema.stored_revision(db.engine) == schema.packaged_head()
        with db.uow() as uow:
            assert verify_chain_in(uow).ok, folder
            entries = {e.seq: (e.action, e.entity, e.entity_id, e.before, e.after, e.hash)
                       for e in uow.session.scalars(select(AuditEntry))}
        assert ledger_violations(db) == [], folder
        return entries
    finally:
        db.close()


def test_backups_taken_while_writing_open_cleanly_and_restore_to_what_was_committed(
        demo_template: Path, tmp_path: Path) -> None:
    folder = copy_template(demo_template, tmp_path / "live")
    store = BackupStore(tmp_path / "backups", folder / DB_FILE)
    rng = random.Random(20260809)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child never returns
        try:
            os.close(read_end)
            _writer(folder, 7, write_end)
        finally:
            os._exit(1)
    os.close(write_end)
    taken: list[tuple[Path, int]] = []  # (backup, highest seq announced before it was taken)
    announced: list[dict] = []
    try:
        with os.fdopen(read_end, "r", encoding="utf-8") as lines:
            for _ in range(BACKUPS):
                announced += [json.loads(lines.readline()) for _ in range(rng.randint(2, 12))]
                taken.append((store.take("manual").path, announced[-1]["seq"]))  # the writer goes on meanwhile
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            announced += [json.loads(rest) for rest in lines.read().splitlines()]
    finally:
        try:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass

    final = _trail(folder)
    assert all(final[a["seq"]][0] == a["action"] for a in announced)
    tips = []
    for n, (backup, seen) in enumerate(taken):
        assert integrity_errors(backup) == [], backup
        probe = tmp_path / f"open{n}"
        probe.mkdir()
        (probe / DB_FILE).write_bytes(backup.read_bytes())
        entries = _trail(probe)
        tip = max(entries)
        assert sorted(entries) == list(range(1, tip + 1))
        assert tip >= seen, (backup, tip, seen)  # everything committed before the backup is in it
        assert all(entries[s] == final[s] for s in entries)  # a prefix of what the writer committed
        tips.append(tip)
    assert tips == sorted(tips) and tips[-1] > tips[0]

    # the drill: the last backup into a fresh folder, as the restore command does it
    last = taken[-1][0]
    fresh = tmp_path / "restored"
    fresh.mkdir()
    assert BackupStore(fresh / "backups", fresh / DB_FILE).restore(last) is None  # nothing there to keep
    restored = _trail(fresh)
    assert restored == {s: final[s] for s in range(1, tips[-1] + 1)}
    want, got = dump_file(last), dump_file(fresh / DB_FILE)
    assert {t: len(r) for t, r in got.items()} == {t: len(r) for t, r in want.items()}
    assert got == want
    print(f"\nbackups while writing: {BACKUPS} backups, tips {tips}, {len(announced)} commits announced")
