"""Attacks on the audit trail by whoever has the file or the database login, each named by
`check` once the chain's head is kept outside the database (the anchor file, each
backup's record, a code read off paper)."""

from __future__ import annotations

import shutil

import pytest
from sqlalchemy import text

from sales_desk.db.anchors import ANCHOR_FILE, sqlite_chain_head
from sales_desk.db.database import open_database
from sales_desk.domain.admin.anchors import Anchor, Finding, parse_anchor_code
from sales_desk.domain.admin.audit_chain import AuditRecord as Record
from sales_desk.domain.admin.audit_chain import row_hash
from sales_desk.services.admin import backups, integrity, users
from tests.conftest import PASSWORD

ROWS = 120


def _check(database, admin, *given: Anchor):  # noqa: ANN001, ANN202
    return integrity.check_database(database.uow(admin), [*database.known_anchors(), *given],
                                    sole_writer=database.sole_anchor_writer)


def _grow(database, admin, n: int = ROWS) -> None:  # noqa: ANN001
    with database.uow(admin) as uow:
        uow.audit_many([("test.note", "note", i, None, {"n": i}) for i in range(n)])
        uow.commit()


def _tamper(database, *statements: tuple[str, dict]) -> None:  # noqa: ANN001
    """As the file's owner or the tables' owner would: the append-only guard off first."""
    with database.engine.begin() as c:
        if c.dialect.name == "sqlite":
            c.execute(text("DROP TRIGGER IF EXISTS audit_log_no_update"))
            c.execute(text("DROP TRIGGER IF EXISTS audit_log_no_delete"))
        else:
            c.execute(text("ALTER TABLE audit_log DISABLE TRIGGER USER"))
        for sql, params in statements:
            c.execute(text(sql), params)


def _last(database) -> tuple[int, str]:  # noqa: ANN001
    with database.engine.connect() as c:
        return tuple(c.execute(text("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")).one())


def _findings(report) -> set[Finding]:  # noqa: ANN001
    return {a.finding for a in report.anchors}


def test_every_commit_that_extends_the_trail_writes_its_head_outside_the_database(database, admin) -> None:
    users.add_user(database.uow(admin), "li", PASSWORD, ["sales_rep"])
    _grow(database, admin, 3)
    written = database.anchor_file.read()
    assert (written[-1].seq, written[-1].hash) == _last(database)
    assert len(written) == 3  # the administrator, the user, the three notes in one commit
    report = _check(database, admin)
    assert report.ok and _findings(report) == {Finding.HOLDS}


def test_a_commit_that_audits_nothing_writes_no_anchor(database, admin) -> None:
    before = database.anchor_file.read()
    users.list_users(database.uow(admin))
    assert database.anchor_file.read() == before


@pytest.mark.parametrize("cut", [1, 5, 100, "all"])
def test_a_tail_cut_off_the_trail_is_named(database, admin, cut) -> None:  # noqa: ANN001
    _grow(database, admin)
    last, _hash = _last(database)
    keep = 0 if cut == "all" else last - cut
    _tamper(database, ("DELETE FROM audit_log WHERE seq > :keep", {"keep": keep}))
    report = _check(database, admin)
    assert not report.ok and report.first_broken is None  # the chain that is left holds
    assert _findings(report) == {Finding.CUT}
    assert report.anchors[0].trail_ends_at == keep
    assert bool(report.emptied_with_users) == (cut == "all")


def test_a_trail_rewritten_with_recomputed_hashes_is_named(database, admin) -> None:
    _grow(database, admin, 10)
    with database.engine.connect() as c:
        rows = c.execute(text("SELECT seq, at, user_id, username, action, entity, entity_id, before, after, "
                              "prev_hash FROM audit_log ORDER BY seq")).all()
    statements, prev = [], None
    for r in rows:
        rec = Record(*r)
        if rec.seq == 3:
            rec = Record(**{**rec.__dict__, "username": "mallory"})
        if prev is not None:
            rec = Record(**{**rec.__dict__, "prev_hash": prev})
        prev = row_hash(rec)
        statements.append(("UPDATE audit_log SET username = :u, prev_hash = :p, hash = :h WHERE seq = :s",
                           {"u": rec.username, "p": rec.prev_hash, "h": prev, "s": rec.seq}))
    _tamper(database, *statements)
    report = _check(database, admin)
    assert report.first_broken is None  # the chain itself holds: only an anchor shows it
    assert _findings(report) == {Finding.REWRITTEN} and not report.ok


def test_a_head_read_off_paper_is_checked(database, admin) -> None:
    _grow(database, admin, 10)
    seq, digest = _last(database)
    printed = parse_anchor_code(f"{seq}-{digest[:16]}", source="paper")
    assert _check(database, admin, printed).ok
    _tamper(database, ("DELETE FROM audit_log WHERE seq > :keep", {"keep": seq - 2}))
    database.anchor_file.path.unlink()  # the attacker covers their tracks in the folder too
    report = _check(database, admin, printed)
    assert [(a.anchor.source, a.finding) for a in report.anchors] == [("paper", Finding.CUT)]


def test_a_forged_row_appended_with_a_correct_hash_is_named(sqlite_database) -> None:
    from sales_desk.services.admin import auth

    database = sqlite_database
    admin = auth.create_first_admin(database.uow(), "admin", PASSWORD, "系统管理员")
    _grow(database, admin, 3)
    seq, digest = _last(database)
    forged = Record(seq + 1, "2026-01-01T00:00:00.000000+00:00", None, "admin", "user.role_grant", "user",
                    "1", None, '{"roles":["gm"]}', digest)
    _tamper(database, ("INSERT INTO audit_log (seq, at, user_id, username, action, entity, entity_id, before, "
                       "after, prev_hash, hash) VALUES (:seq, :at, NULL, :username, :action, :entity, :entity_id, "
                       "NULL, :after, :prev_hash, :hash)", {**forged.__dict__, "hash": row_hash(forged)}))
    report = _check(database, admin)
    assert report.first_broken is None and report.unanchored_after == seq and not report.ok


def test_an_older_copy_put_in_place_of_the_file_is_named(sqlite_database) -> None:
    from sales_desk.services.admin import auth

    db = sqlite_database
    admin = auth.create_first_admin(db.uow(), "admin", PASSWORD, "系统管理员")
    old = backups.take_backup(db.uow(admin), db.backups)
    _grow(db, admin, 5)
    db.close()
    shutil.copyfile(old.path, db.config.sqlite_path)  # by hand, not through `restore`
    reopened = open_database(db.config)
    try:
        report = _check(reopened, admin)
        cut = [a for a in report.anchors if a.finding is Finding.CUT]
        assert [a.anchor.source for a in cut] == [ANCHOR_FILE] and not report.ok
    finally:
        reopened.close()


def test_a_restore_through_the_program_leaves_a_check_that_passes(sqlite_database) -> None:
    from sales_desk.services.admin import auth

    db = sqlite_database
    admin = auth.create_first_admin(db.uow(), "admin", PASSWORD, "系统管理员")
    users.add_user(db.uow(admin), "li", PASSWORD, ["sales_rep"])
    info = backups.take_backup(db.uow(admin), db.backups)
    assert sqlite_chain_head(info.path) is not None
    _grow(db, admin, 5)
    plan = backups.prepare_restore(db.uow(admin), db.backups, info.path)
    db.engine.dispose()
    result = backups.restore_backup(db.backups, plan)
    reopened = open_database(db.config, take_lock=False)
    try:
        backups.record_restore(reopened.uow(admin), plan.backup.name, result.safety_name)
        report = _check(reopened, admin)
        assert report.ok, report
        assert list(db.config.data_dir.glob(ANCHOR_FILE + ".superseded-*"))  # kept, not compared
    finally:
        reopened.close()


def test_check_warns_when_a_seat_logs_in_as_the_tables_owner(database, admin) -> None:
    report = _check(database, admin)
    if database.config.is_sqlite:
        assert report.seat_privileges == ""  # a file has no logins: the folder's access is what counts
    else:  # the tests' login created the database, so it owns the tables
        assert report.seat_privileges == "owner"
        assert any("the tables' owner" in line for line in integrity.describe(report))
    assert report.ok  # a warning, not a failed check
