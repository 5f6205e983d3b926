"""Writers appending to the audit trail at the same time never fork the chain."""

from __future__ import annotations

import os
import sys
import threading
import traceback

import pytest
from sqlalchemy import func, select

from sales_desk.config import AppConfig
from sales_desk.db.database import open_database
from sales_desk.domain.common.roles import Actor
from sales_desk.models import AuditEntry
from sales_desk.services.admin import audit, auth
from tests.conftest import PASSWORD

WORKERS = 3
UNITS = 40  # each unit of work appends two rows


def _append(config: AppConfig, actor: Actor, worker: int, start: threading.Barrier | int) -> None:
    db = open_database(config, take_lock=False, auto_backup=False, migrate=False)
    try:
        if isinstance(start, threading.Barrier):
            start.wait()
        else:
            os.read(start, 1)  # the parent closes the pipe to let every process go at once
        for i in range(UNITS):
            with db.uow(actor) as uow:
                uow.audit("test.concurrent", "worker", worker, None, {"i": i})
                uow.audit("test.concurrent", "worker", worker, None, {"i": i, "second": True})
                uow.commit()
    finally:
        db.close()


def _in_processes(config: AppConfig, actor: Actor) -> list[int]:
    go_read, go_write = os.pipe()
    pids = []
    for w in range(WORKERS):
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            code = 1
            try:
                os.close(go_write)
                _append(config, actor, w, go_read)
                code = 0
            except BaseException:
                traceback.print_exc()
            finally:
                os._exit(code)
        pids.append(pid)
    os.close(go_read)
    os.close(go_write)
    return [os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) for pid in pids]


def _in_threads(config: AppConfig, actor: Actor) -> list[int]:
    barrier = threading.Barrier(WORKERS)
    codes = [1] * WORKERS

    def run(w: int) -> None:
        _append(config, actor, w, barrier)
        codes[w] = 0

    threads = [threading.Thread(target=run, args=(w,)) for w in range(WORKERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return codes


@pytest.mark.parametrize("how", ["processes", "threads"])
def test_concurrent_writers_keep_one_gap_free_chain(db_config: AppConfig, how: str) -> None:
    if how == "processes" and sys.platform == "win32":
        pytest.skip("fork is POSIX")
    db = open_database(db_config)
    admin = auth.create_first_admin(db.uow(), "admin", PASSWORD)
    db.close()  # nothing open in the parent while the writers run

    runner = _in_processes if how == "processes" else _in_threads
    assert runner(db_config, admin) == [0] * WORKERS

    db = open_database(db_config)
    try:
        report = audit.verify_chain(db.uow(admin))
        assert report.ok, report
        with db.uow() as uow:
            seqs = list(uow.session.scalars(select(AuditEntry.seq).order_by(AuditEntry.seq)))
            per_worker = dict(uow.session.execute(
                select(AuditEntry.entity_id, func.count()).where(AuditEntry.action == "test.concurrent")
                .group_by(AuditEntry.entity_id)
            ).all())
        assert seqs == list(range(1, 1 + 1 + WORKERS * UNITS * 2))
        assert per_worker == {str(w): UNITS * 2 for w in range(WORKERS)}
        assert report.rows_checked == len(seqs)
    finally:
        db.close()
