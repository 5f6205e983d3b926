"""SQLite reads never hold the write lock: a read-only service reads a snapshot in WAL in a
deferred transaction, so a long report never makes a writer wait, and a writer holding the
lock never makes a report wait. The planner's statistics are kept (ANALYZE, PRAGMA optimize)."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from sales_desk.db.database import Database
from sales_desk.domain.common.roles import Actor
from sales_desk.models import AuditEntry
from sales_desk.services.admin import audit, auth
from tests.conftest import PASSWORD

# Far below the 10 s busy timeout a writer would wait for a reader holding the lock.
PROMPTLY_S = 2.0


@pytest.fixture
def admin_of(sqlite_database: Database) -> Actor:
    return auth.create_first_admin(sqlite_database.uow(), "admin", PASSWORD)


def _write_one(db: Database, actor: Actor, tag: str) -> float:
    started = time.perf_counter()
    with db.uow(actor) as uow:
        uow.audit("test.write", "probe", tag, None, {"tag": tag})
        uow.commit()
    return time.perf_counter() - started


def test_a_write_commits_while_a_report_reads(sqlite_database: Database, admin_of: Actor) -> None:
    db = sqlite_database
    with db.uow() as uow:
        before = uow.session.scalar(select(func.count()).select_from(AuditEntry))
    waited: list[float] = []

    def sink(rows: Iterator[audit.AuditRow]) -> int:
        seen = 0
        for _row in rows:  # the report is reading: its transaction is open
            seen += 1
            if not waited:
                waited.append(_write_one(db, admin_of, "during the report"))
        return seen

    exported = audit.export_audit(db.uow(admin_of), sink)
    assert waited and waited[0] < PROMPTLY_S
    assert exported == before  # the report read one snapshot, from before the write
    with db.uow() as uow:
        assert uow.session.scalar(select(func.count()).select_from(AuditEntry)) == before + 1


def test_a_report_reads_while_a_writer_holds_the_lock(sqlite_database: Database, admin_of: Actor) -> None:
    db = sqlite_database
    writer = sqlite3.connect(db.config.sqlite_path, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")  # another seat's long write, not yet committed
        started = time.perf_counter()
        report = audit.verify_chain(db.uow(admin_of))  # the whole trail, a long read
        assert time.perf_counter() - started < PROMPTLY_S
        assert report.ok
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_the_search_box_answers_while_a_writer_holds_the_lock(sqlite_database: Database, admin_of: Actor) -> None:
    from sales_desk.services.search.jump import jump_search

    db = sqlite_database
    writer = sqlite3.connect(db.config.sqlite_path, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")  # another seat saving
        started = time.perf_counter()
        hits = jump_search(db.uow(admin_of), "admin")
        assert time.perf_counter() - started < PROMPTLY_S
        assert [h.number for h in hits if h.kind == "person"] == ["admin"]
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_a_read_only_unit_of_work_cannot_write(sqlite_database: Database, admin_of: Actor) -> None:
    with pytest.raises(OperationalError, match="readonly"), sqlite_database.uow(admin_of).reading() as uow:
        uow.audit("test.write", "probe", "in a read", None, {})
    # The pooled connection writes again for the next unit of work.
    assert _write_one(sqlite_database, admin_of, "after the read") < PROMPTLY_S


def test_services_that_only_read_are_declared_so_and_those_that_write_are_not() -> None:
    assert audit.export_audit.read_only and audit.verify_chain.read_only  # type: ignore[attr-defined]
    assert not auth.create_first_admin.read_only  # type: ignore[attr-defined]


def _stat_tables(db: Database) -> set[str]:
    with sqlite3.connect(db.config.sqlite_path) as raw:
        return {r[0] for r in raw.execute("SELECT tbl FROM sqlite_stat1")}


def test_the_planner_has_statistics_after_the_migrations(sqlite_database: Database) -> None:
    assert "policy_versions" in _stat_tables(sqlite_database)  # the tables the migrations filled


def test_a_file_never_analyzed_is_analyzed_when_opened(sqlite_database: Database, admin_of: Actor) -> None:
    db = sqlite_database
    db.engine.dispose()
    with sqlite3.connect(db.config.sqlite_path) as raw:
        raw.execute("DROP TABLE sqlite_stat1")
    with db.engine.connect() as conn:  # a new connection: the pragmas on open
        conn.exec_driver_sql("SELECT 1")
    assert {"audit_log", "users"} <= _stat_tables(db)


def _transactions_and_role_reads(db: Database) -> tuple[list[int], list[int]]:
    """Counters of the transactions begun and of the statements reading a user's roles."""
    from sqlalchemy import event

    begun, role_reads = [0], [0]
    event.listen(db.engine, "begin", lambda _conn: begun.__setitem__(0, begun[0] + 1))
    event.listen(db.engine, "before_cursor_execute",
                 lambda _c, _cur, statement, *_a: role_reads.__setitem__(
                     0, role_reads[0] + ("user_roles" in statement)))
    return begun, role_reads


def test_a_read_inside_a_read_joins_its_transaction_and_its_rights_are_still_checked(
        database: Database, make_user) -> None:  # noqa: ANN001
    from sales_desk.domain.common.errors import NotPermitted
    from sales_desk.services.common.base import REGISTRY, service

    rep = make_user("rep", "sales_rep")

    @service("dashboard.view", read_only=True)
    def outer(uow) -> tuple[object, int]:  # noqa: ANN001
        inner_session = []
        with uow.reading():
            inner_session.append(uow.session)
        try:
            audit.audit_page(uow)  # the GM's right, not a rep's: refused though joined
        except NotPermitted:
            return uow.session is inner_session[0], -1
        return uow.session is inner_session[0], 0

    begun, role_reads = _transactions_and_role_reads(database)
    try:
        assert outer(database.uow(rep)) == (True, -1)
    finally:
        REGISTRY.pop("test_read_transactions.outer")
    assert (begun[0], role_reads[0]) == (1, 1)


def test_a_write_is_never_joined_by_a_nested_unit_of_work(database: Database, make_user) -> None:  # noqa: ANN001
    with database.uow(make_user("gm", "gm")) as uow, pytest.raises(RuntimeError, match="not re-entrant"), uow.reading():
        pass


def test_waiting_for_me_is_one_transaction_that_reads_the_roles_once(database: Database, make_user) -> None:  # noqa: ANN001
    from sales_desk.services.planning import inbox

    gm = make_user("gm", "gm")  # every source of the list but the cashier's
    begun, role_reads = _transactions_and_role_reads(database)
    inbox.waiting_for_me(database.uow(gm))
    assert (begun[0], role_reads[0]) == (1, 1)
