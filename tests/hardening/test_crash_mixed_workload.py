"""kill -9 in the middle of a day's mixed business loses no committed transaction and breaks nothing.

A child process works the demo firm through the real services as the people whose job it is
(orders taken, signed, approved, overridden, shipped and returned; receipts allocated; write-offs;
expense claims decided and paid; downgrade triggers and ratings), announcing each audit entry
only after its commit returned. The parent kills it at a random moment, many times, each time on
a fresh copy of the firm, then checks everything announced is there and the books are sound.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from sales_desk.db.backup import integrity_errors
from sales_desk.db.database import open_database
from sales_desk.domain.common.errors import DomainError
from sales_desk.models import AuditEntry
from sales_desk.services.admin.audit import verify_chain_in
from tests.hardening.firm import (
    DB_FILE,
    DUTIES,
    by_role,
    config,
    copy_template,
    ledger_violations,
    people,
)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="kill -9 and fork are POSIX"),
]

RUNS = 20
SEED = 20260808


def _tip(db) -> tuple[int, str]:  # noqa: ANN001
    with db.uow() as uow:  # the only writer: the tip is what was just committed
        seq = uow.session.scalar(select(func.max(AuditEntry.seq))) or 0
        action = uow.session.scalar(select(AuditEntry.action).where(AuditEntry.seq == seq)) or ""
    return seq, action


def _writer(folder: Path, seed: int, out: int) -> None:
    """The child: one service call after another, a line per commit once it returned."""
    db = open_database(config(folder))
    actors = people(db)
    rng = random.Random(seed)
    weights = [d.weight for d in DUTIES]
    last, _ = _tip(db)
    while True:
        duty = rng.choices(DUTIES, weights)[0]
        actor = rng.choice([a for r in duty.roles for a in by_role(actors, r)])
        try:
            duty.action(db, rng, actor)
        except DomainError:
            continue  # refused: nothing committed
        seq, action = _tip(db)
        if seq != last:
            last = seq
            os.write(out, (json.dumps({"seq": seq, "action": action, "by": actor.username}) + "\n").encode())


def _run_and_kill(folder: Path, seed: int, lines_before_kill: int, linger: float) -> list[dict]:
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child never returns
        try:
            os.close(read_end)
            _writer(folder, seed, write_end)
        finally:
            os._exit(1)
    os.close(write_end)
    try:
        with os.fdopen(read_end, "r", encoding="utf-8") as lines:
            seen = [json.loads(lines.readline()) for _ in range(lines_before_kill)]
            time.sleep(linger)  # somewhere inside the next unit of work, or between two
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


def test_kill_9_during_a_mixed_business_day_loses_no_commit_and_keeps_the_books(
        demo_template: Path, tmp_path: Path) -> None:
    rng = random.Random(SEED)
    kinds: set[str] = set()
    total = 0
    for run in range(RUNS):
        folder = copy_template(demo_template, tmp_path / f"run{run}")
        announced = _run_and_kill(folder, rng.randrange(2**32), rng.randint(1, 40), rng.random() * 0.02)
        assert announced, "the writer committed before it was killed"

        assert integrity_errors(folder / DB_FILE) == []  # integrity_check and foreign_key_check
        db = open_database(config(folder))  # the killed writer's lock is free again
        try:
            with db.uow() as uow:
                assert verify_chain_in(uow).ok
                trail = dict(uow.session.execute(select(AuditEntry.seq, AuditEntry.action)).all())
            assert sorted(trail) == list(range(1, len(trail) + 1))  # gap-free
            for a in announced:
                assert trail.get(a["seq"]) == a["action"], (run, a)
            assert ledger_violations(db) == []
        finally:
            db.close()
        kinds |= {a["action"] for a in announced}
        total += len(announced)
    assert total > RUNS
    # the day was mixed: orders, dispatch, collections and expenses all committed under the kills
    assert {"receipt.record", "expense.apply"} <= kinds and any(k.startswith("order.") for k in kinds), kinds
    print(f"\ncrash: {RUNS} kills, {total} committed transactions checked, {len(kinds)} kinds: {sorted(kinds)}")
