"""Least privilege on PostgreSQL: the seat's login against the attacks a person with it
would try (`DELETE FROM audit_log`, `ALTER TABLE … DISABLE TRIGGER`, `UPDATE users`), and
the program doing all its work with it. PostgreSQL only: a SQLite file has no logins."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ProgrammingError

from sales_desk.config import AppConfig
from sales_desk.db import schema
from sales_desk.db.database import open_database
from sales_desk.db.engine import make_engine
from sales_desk.db.roles import existing_seats, setup_seat
from sales_desk.demo import firm as demo
from sales_desk.domain.common.errors import DomainError
from sales_desk.services.admin import auth, integrity
from tests.conftest import PASSWORD, PG_URL, drop_pg_database

pytestmark = pytest.mark.skipif(not PG_URL, reason="needs SALES_DESK_TEST_PG")

SEAT_PASSWORD = "seat-login purple kettle 42"


@dataclass
class Office:
    owner_url: str
    seat: str
    seat_url: str
    owner: Engine


@pytest.fixture
def office() -> Iterator[Office]:
    """A new, empty database whose owner is the tests' login, and a seat name for it."""
    name, seat = f"sd_r_{uuid.uuid4().hex[:10]}", f"sd_seat_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    owner_url = make_url(PG_URL).set(database=name)
    seat_url = owner_url.set(username=seat, password=SEAT_PASSWORD)
    owner = make_engine(owner_url)
    yield Office(owner_url.render_as_string(hide_password=False), seat,
                 seat_url.render_as_string(hide_password=False), owner)
    owner.dispose()
    drop_pg_database(admin, name)
    with admin.connect() as c:
        c.execute(text(f'DROP ROLE IF EXISTS "{seat}"'))
    admin.dispose()


def _seated(office: Office) -> Engine:
    schema.upgrade(office.owner)
    setup_seat(office.owner, office.seat, SEAT_PASSWORD)
    return make_engine(office.seat_url)


def _refused(engine: Engine, sql: str) -> str:
    with pytest.raises(ProgrammingError) as err, engine.begin() as c:
        c.execute(text(sql))
    return str(err.value.orig)


def test_the_seat_cannot_delete_from_the_audit_trail(office) -> None:  # noqa: ANN001
    seat = _seated(office)
    assert "permission denied" in _refused(seat, "DELETE FROM audit_log")
    assert "permission denied" in _refused(seat, "UPDATE audit_log SET username = 'x'")
    assert "permission denied" in _refused(seat, "TRUNCATE audit_log")
    seat.dispose()


def test_the_seat_cannot_disable_drop_or_alter_the_trails_guard(office) -> None:  # noqa: ANN001
    seat = _seated(office)
    for sql in ("ALTER TABLE audit_log DISABLE TRIGGER USER", "DROP TRIGGER audit_log_no_change ON audit_log",
                "DROP TABLE audit_log", "ALTER TABLE customers ADD COLUMN x int",
                "DROP FUNCTION audit_log_append_only()"):
        assert "must be owner" in _refused(seat, sql), sql
    assert "permission denied" in _refused(seat, "UPDATE alembic_version SET version_num = '9999'")
    seat.dispose()


def test_a_role_the_seat_grants_in_the_users_table_is_named_by_check(office, tmp_path) -> None:  # noqa: ANN001
    seat = _seated(office)
    db = open_database(AppConfig(data_dir=tmp_path / "data", db_url=office.seat_url, language="en"))
    try:
        admin = auth.create_first_admin(db.uow(), "admin", PASSWORD)
        with seat.begin() as c:  # what `psql` with the seat's login can still do
            c.execute(text("INSERT INTO user_roles (user_id, role) VALUES (:id, 'gm')"), {"id": admin.user_id})
        report = integrity.check_database(db.uow(admin), db.known_anchors())
        assert [(d.table, d.field) for d in report.table_differences] == [("users", "roles")]
        assert report.seat_privileges == "" and not report.ok
    finally:
        db.close()
        seat.dispose()


def test_the_program_does_all_its_work_with_the_seats_login(office, tmp_path) -> None:  # noqa: ANN001
    _seated(office).dispose()
    db = open_database(AppConfig(data_dir=tmp_path / "data", db_url=office.seat_url, language="en"))
    try:
        admin = auth.create_first_admin(db.uow(), "admin", PASSWORD)
        demo.load_demo(db.uow(admin))  # every module's writes: users, customers, credit, orders, money
        report = integrity.check_database(db.uow(admin), db.known_anchors())
        assert report.ok and report.seat_privileges == "", integrity.describe(report)
    finally:
        db.close()


def test_an_upgrade_by_the_owner_grants_the_seat_its_share_of_new_tables(office, tmp_path) -> None:  # noqa: ANN001
    before_head = schema.packaged_revisions()[-2]
    schema.upgrade(office.owner, before_head)
    setup_seat(office.owner, office.seat, SEAT_PASSWORD)
    seat_config = AppConfig(data_dir=tmp_path / "seat", db_url=office.seat_url, language="en")
    with pytest.raises(schema.SeatCannotUpgrade) as err:
        open_database(seat_config)
    assert "owner's login" in str(err.value)
    schema.upgrade(office.owner)  # the administrator, with the owner's login
    with office.owner.connect() as c:
        assert existing_seats(c) == [office.seat]
    db = open_database(seat_config)
    try:
        admin = auth.create_first_admin(db.uow(), "admin", PASSWORD)
        assert integrity.check_database(db.uow(admin), db.known_anchors()).ok
    finally:
        db.close()


def test_setup_roles_refuses_the_owners_own_login_and_renews_grants(office) -> None:  # noqa: ANN001
    schema.upgrade(office.owner)
    me = make_url(office.owner_url).username
    with pytest.raises(DomainError):
        setup_seat(office.owner, me, SEAT_PASSWORD)
    assert setup_seat(office.owner, office.seat, SEAT_PASSWORD).created
    again = setup_seat(office.owner, office.seat, None)  # grants renewed, password kept
    assert not again.created and again.tables >= 40
    seat = make_engine(office.seat_url)
    with seat.connect() as c:
        assert c.execute(text("SELECT count(*) FROM users")).scalar() == 0
    seat.dispose()


def test_db_setup_roles_from_the_command_line_gives_the_seats_url(office, cli) -> None:  # noqa: ANN001
    weak = cli("db", "setup-roles", "--seat", office.seat, "--password-stdin", stdin="password\n",
               location=["--db", office.owner_url])
    assert weak.code == 1 and "Password" in weak.text  # a database login is held to the password rule
    done = cli("db", "setup-roles", "--seat", office.seat, "--password-stdin", stdin=SEAT_PASSWORD + "\n",
               location=["--db", office.owner_url])
    assert done.code == 0, done.text
    assert f"Created the login {office.seat}" in done.out and f"{office.seat}@" in done.out
    assert SEAT_PASSWORD not in done.out and (make_url(office.owner_url).password or "-") not in done.out
    init = cli("init", "--admin", "admin", "--password-stdin", stdin=PASSWORD + "\n",
               location=["--db", office.seat_url])
    assert init.code == 0, init.text
    checked = cli("check", "--user", "admin", password=PASSWORD, location=["--db", office.seat_url])
    assert checked.code == 0 and "logs in to the database as" not in checked.text, checked.text
    sqlite = cli("db", "setup-roles", "--seat", "x", "--keep-password")
    assert sqlite.code == 2 and "PostgreSQL" in sqlite.text


def test_a_limit_the_seat_raises_with_a_forged_audit_row_is_named_by_check(office, tmp_path) -> None:  # noqa: ANN001
    from sales_desk.domain.admin.audit_chain import AuditRecord, row_hash

    seat = _seated(office)
    db = open_database(AppConfig(data_dir=tmp_path / "data", db_url=office.seat_url, language="en"))
    try:
        admin = auth.create_first_admin(db.uow(), "admin", PASSWORD)
        with seat.begin() as c:  # a psql session with the seat's login, in the admin's name
            seq, prev = c.execute(text("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")).one()
            rec = AuditRecord(seq + 1, "2026-06-01T08:00:00.000000+00:00", admin.user_id, "admin", "user.roles",
                              "user", str(admin.user_id), None, '{"roles":["admin","gm"]}', prev)
            c.execute(text("INSERT INTO audit_log (seq, at, user_id, username, action, entity, entity_id, after, "
                           "prev_hash, hash) VALUES (:seq, :at, :user_id, :username, :action, :entity, :entity_id, "
                           ":after, :prev_hash, :hash)"), {**rec.__dict__, "hash": row_hash(rec)})
            c.execute(text("INSERT INTO user_roles (user_id, role) VALUES (:id, 'gm')"), {"id": admin.user_id})
        report = integrity.check_database(db.uow(admin), db.known_anchors())
        assert report.table_differences == ()  # the table agrees with the forged row...
        assert [u.seq for u in report.unsigned] == [seq + 1] and not report.ok  # ...which nobody signed
    finally:
        db.close()
        seat.dispose()


def test_the_seat_writes_refusals_and_cannot_change_them(office, tmp_path) -> None:  # noqa: ANN001
    from sales_desk.domain.common.errors import NotPermitted
    from sales_desk.services.admin import refusals, users

    seat = _seated(office)
    db = open_database(AppConfig(data_dir=tmp_path / "data", db_url=office.seat_url, language="en"))
    try:
        admin = auth.create_first_admin(db.uow(), "admin", PASSWORD)
        users.add_user(db.uow(admin), "rep", PASSWORD, ["sales_rep"])
        rep = auth.login(db.uow(), "rep", PASSWORD)
        with pytest.raises(NotPermitted):
            refusals.refusals_page(db.uow(rep))
        [row] = refusals.refusals_page(db.uow(admin))[0]
        assert (row.username, row.kind) == ("rep", "no_right")
        assert "permission denied" in _refused(seat, "UPDATE refusal_log SET reason = 'x'")
        assert "permission denied" in _refused(seat, "DELETE FROM refusal_log")
        report = integrity.check_database(db.uow(admin), db.known_anchors())
        assert report.ok and report.refusal_rows_checked == 1, integrity.describe(report)
    finally:
        db.close()
        seat.dispose()
