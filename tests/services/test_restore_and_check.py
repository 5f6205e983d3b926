"""Restore through the services (right, file checks, audit rows) and the integrity check."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from sales_desk.db.database import open_database
from sales_desk.domain.common.errors import NotPermitted
from sales_desk.services.admin import audit, auth, backups, integrity, settings, users
from tests.conftest import PASSWORD
from tests.db.helpers import dump_file


@pytest.fixture
def admin_sqlite(sqlite_database):
    return auth.create_first_admin(sqlite_database.uow(), "admin", PASSWORD)


def _restore(db, actor, path: Path):
    """The caller's four steps, as the CLI and the window run them."""
    plan = backups.prepare_restore(db.uow(actor), db.backups, path)
    db.engine.dispose()
    result = backups.restore_backup(db.backups, plan)
    reopened = open_database(db.config, take_lock=False)
    backups.record_restore(reopened.uow(actor), plan.backup.name, result.safety_name)
    return reopened, result


def _tamper(db_path: Path, sql: str) -> None:
    conn = sqlite3.connect(db_path)
    conn.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
    conn.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
    conn.execute(sql)
    conn.commit()
    conn.close()


def test_restore_gives_back_the_backed_up_data_plus_one_audit_row(sqlite_database, admin_sqlite) -> None:
    db, admin = sqlite_database, admin_sqlite
    users.add_user(db.uow(admin), "li", PASSWORD, ["sales_rep"])
    info = backups.take_backup(db.uow(admin), db.backups)
    saved = dump_file(info.path)
    users.add_user(db.uow(admin), "wang", PASSWORD, ["finance"])
    settings.update_settings(db.uow(admin), {"company.name": "改过的名字"})

    reopened, result = _restore(db, admin, info.path)
    try:
        now = dump_file(db.config.sqlite_path)
        assert {t: r for t, r in now.items() if t != "audit_log"} == \
               {t: r for t, r in saved.items() if t != "audit_log"}
        extra = now["audit_log"][len(saved["audit_log"]):]
        assert now["audit_log"][: len(saved["audit_log"])] == saved["audit_log"]
        assert [r[4] for r in extra] == ["backup.restore"]  # action column
        assert audit.verify_chain(reopened.uow(admin)).ok
        # The replaced data is kept, and it records why it was set aside.
        kept = dump_file(result.safety_copy)
        assert any(r[4] == "backup.restore_start" for r in kept["audit_log"])
        assert any(r[1] == "wang" for r in kept["users"])
    finally:
        reopened.close()


@pytest.mark.parametrize("kind", ["missing", "damaged", "foreign", "newer", "itself"])
def test_unusable_file_is_refused_before_anything_changes(sqlite_database, admin_sqlite, tmp_path, kind) -> None:
    db, admin = sqlite_database, admin_sqlite
    path = tmp_path / f"{kind}.sqlite"
    if kind == "damaged":
        path.write_bytes(b"SQLite format 3\x00" + b"\x13" * 5000)
    elif kind == "foreign":
        sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.commit()
    elif kind == "newer":
        shutil.copy(backups.take_backup(db.uow(admin), db.backups).path, path)
        conn = sqlite3.connect(path)
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
        conn.commit()
        conn.close()
    elif kind == "itself":
        path = db.config.sqlite_path
    before = dump_file(db.config.sqlite_path)
    with pytest.raises(backups.BackupUnusable):
        backups.prepare_restore(db.uow(admin), db.backups, path)
    assert dump_file(db.config.sqlite_path) == before


def test_restore_refused_without_the_backup_right(sqlite_database, admin_sqlite) -> None:
    db = sqlite_database
    info = backups.take_backup(db.uow(admin_sqlite), db.backups)
    users.add_user(db.uow(admin_sqlite), "gm1", PASSWORD, ["gm"])
    gm = auth.login(db.uow(), "gm1", PASSWORD)
    with pytest.raises(NotPermitted):
        backups.prepare_restore(db.uow(gm), db.backups, info.path)


def test_restore_by_a_user_the_backup_does_not_know_is_still_recorded(sqlite_database, admin_sqlite) -> None:
    db, admin = sqlite_database, admin_sqlite
    info = backups.take_backup(db.uow(admin), db.backups)
    users.add_user(db.uow(admin), "second_admin", PASSWORD, ["admin"])
    other = auth.login(db.uow(), "second_admin", PASSWORD)
    reopened, _result = _restore(db, other, info.path)
    try:
        rows, _more = audit.audit_page(reopened.uow(admin))
        assert (rows[0].action, rows[0].username) == ("backup.restore", "second_admin")
        assert audit.verify_chain(reopened.uow(admin)).ok
    finally:
        reopened.close()


def test_check_passes_on_a_healthy_database(database, admin) -> None:
    users.add_user(database.uow(admin), "li", PASSWORD, ["sales_rep"])
    report = integrity.check_database(database.uow(admin))
    assert report.ok
    assert report.audit_rows_checked == 2
    assert report.integrity_checked == (database.config.is_sqlite)


def test_check_names_the_first_tampered_audit_row(sqlite_database, admin_sqlite) -> None:
    db = sqlite_database
    for name in ("li", "wang", "zhao"):
        users.add_user(db.uow(admin_sqlite), name, PASSWORD, ["sales_rep"])
    _tamper(db.config.sqlite_path, "UPDATE audit_log SET username = 'mallory' WHERE seq = 3")
    report = integrity.check_database(db.uow(admin_sqlite))
    assert not report.ok
    assert report.first_broken is not None
    assert (report.first_broken.seq, report.first_broken.username) == (3, "mallory")
    assert report.integrity_errors == () and report.foreign_key_errors == ()


def test_check_notices_a_deleted_audit_row(sqlite_database, admin_sqlite) -> None:
    db = sqlite_database
    for name in ("li", "wang"):
        users.add_user(db.uow(admin_sqlite), name, PASSWORD, ["sales_rep"])
    _tamper(db.config.sqlite_path, "DELETE FROM audit_log WHERE seq = 2")
    broken = integrity.check_database(db.uow(admin_sqlite)).first_broken
    assert broken is not None and (broken.seq, broken.present) == (2, False)


def test_check_reports_a_broken_foreign_key(sqlite_database, admin_sqlite) -> None:
    db = sqlite_database
    conn = sqlite3.connect(db.config.sqlite_path)  # foreign keys off on this raw connection
    conn.execute("INSERT INTO user_roles (user_id, role) VALUES (999, 'gm')")
    conn.commit()
    conn.close()
    report = integrity.check_database(db.uow(admin_sqlite))
    assert not report.ok and report.foreign_key_errors and report.first_broken is None


def test_a_backup_from_an_older_version_is_upgraded_when_restored(sqlite_database, admin_sqlite, tmp_path) -> None:
    from sales_desk.db import schema
    from sales_desk.db.engine import make_engine

    old = tmp_path / "old.sqlite"
    engine = make_engine(f"sqlite:///{old}")
    schema.upgrade(engine, schema.packaged_revisions()[0])
    _first_admin_as_0001_made_it(engine)
    engine.dispose()
    assert backups.backup_revision(old) == schema.packaged_revisions()[0]

    db = sqlite_database
    reopened, _result = _restore(db, admin_sqlite, old)
    try:
        assert schema.stored_revision(reopened.engine) == schema.packaged_head()
        assert reopened.schema_event == "upgraded"
        report = integrity.check_database(reopened.uow(admin_sqlite))
        assert report.ok and report.audit_rows_checked == 2  # the old admin, then the restore
    finally:
        reopened.close()


def _first_admin_as_0001_made_it(engine) -> None:  # noqa: ANN001
    """The administrator and their audit row, in the first schema's columns (today's models
    have more): argon2-cffi's own hash, no keys, an unsigned row."""
    from argon2 import PasswordHasher
    from sqlalchemy import text

    from sales_desk.domain.admin.audit_chain import GENESIS, AuditRecord, row_hash

    rec = AuditRecord(1, "2026-01-05T09:00:00.000000+00:00", 1, "admin", "user.create", "user", "1", None,
                      '{"roles":["admin"],"username":"admin"}', GENESIS)
    with engine.begin() as c:
        c.execute(text("INSERT INTO users (id, username, full_name, password_hash, active, created_at) "
                       "VALUES (1, 'admin', 'admin', :h, 1, '2026-01-05 09:00:00')"),
                  {"h": PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1).hash(PASSWORD)})
        c.execute(text("INSERT INTO user_roles (user_id, role) VALUES (1, 'admin')"))
        c.execute(text("INSERT INTO audit_log (seq, at, user_id, username, action, entity, entity_id, before, after, "
                       "prev_hash, hash) VALUES (:seq, :at, :user_id, :username, :action, :entity, :entity_id, "
                       ":before, :after, :prev_hash, :hash)"), {**rec.__dict__, "hash": row_hash(rec)})
