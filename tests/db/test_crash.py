"""kill -9 of a writer in the middle of its work loses no committed transaction.

A child process opens the database the way the app does and commits units of work
(a real audited service, and a direct unit of work adding a row and its audit entry),
announcing each one only after its commit returned. The parent kills it at a random
moment, then checks that everything announced is there and the file is sound.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from sales_desk.db.backup import integrity_errors
from sales_desk.db.database import open_database
from sales_desk.domain.common.roles import Actor
from sales_desk.models import AuditEntry, LoginFailure
from sales_desk.services.admin import settings
from sales_desk.services.admin.audit import verify_chain_in
from tests.db.helpers import populated_with_admin, sqlite_config

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="kill -9 and fork are POSIX"),
]

RUNS = 25


def _writer(folder: Path, actor: Actor, out: int, start: int) -> None:
    """The child: commit forever, writing one line per commit after it returned."""
    db = open_database(sqlite_config(folder))
    n = start
    while True:
        n += 1
        if n % 2:
            settings.update_settings(db.uow(actor), {"company.name": f"Co {1 + n % 3650}"})
            with db.uow() as uow:  # the only writer: the tip is the row just committed
                seq = uow.session.scalar(select(func.max(AuditEntry.seq)))
            line = {"seq": seq, "churn": 1 + n % 3650}
        else:
            with db.uow(actor) as uow:
                row = LoginFailure(username=f"crash-{n}", at=uow.clock())
                uow.session.add(row)
                uow.session.flush()
                uow.audit("test.write", "login_failure", row.id, None, {"n": n})
                seq = uow.session.scalar(select(func.max(AuditEntry.seq)))
                uow.commit()
            line = {"seq": seq, "row": row.id, "n": n}
        os.write(out, (json.dumps(line) + "\n").encode())


def _run_and_kill(folder: Path, actor: Actor, start: int, lines_before_kill: int) -> list[dict]:
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child never returns
        try:
            os.close(read_end)
            _writer(folder, actor, write_end, start)
        finally:
            os._exit(1)
    os.close(write_end)
    try:
        with os.fdopen(read_end, "r", encoding="utf-8") as lines:
            seen = [json.loads(lines.readline()) for _ in range(lines_before_kill)]
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            seen += [json.loads(rest) for rest in lines.read().splitlines()]  # announced, not yet read
    finally:
        try:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
    return seen


def test_kill_9_of_a_writer_loses_no_committed_transaction(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    db, actor = populated_with_admin(folder)
    db.close()
    rng = random.Random(20261122)
    announced: list[dict] = []
    for run in range(RUNS):
        announced += _run_and_kill(folder, actor, start=100 * run, lines_before_kill=rng.randint(1, 12))

        db = open_database(sqlite_config(folder))  # the killed writer's lock is free again
        try:
            assert integrity_errors(folder / "sales-desk.sqlite") == []  # integrity and foreign keys
            with db.uow() as uow:
                assert verify_chain_in(uow).ok
                trail = {e.seq: (e.action, e.entity_id, e.after)
                         for e in uow.session.scalars(select(AuditEntry))}
                rows = set(uow.session.scalars(select(LoginFailure.id)))
            assert sorted(trail) == list(range(1, len(trail) + 1))  # gap-free
            for a in announced:
                entry = trail.get(a["seq"])
                assert entry is not None, a
                action, entity_id, after = entry
                if "row" in a:
                    assert a["row"] in rows and entity_id == str(a["row"]), a
                else:
                    assert (action, after) == ("setting.change", f'{{"value":"Co {a["churn"]}"}}'), a
        finally:
            db.close()
    assert len(announced) > RUNS
