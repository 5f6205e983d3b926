"""Migrations: empty to head, the cheap start-up check, newer schemas refused, failures undone."""

from __future__ import annotations

import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from sales_desk.config import AppConfig
from sales_desk.db import schema, search_index
from sales_desk.db.database import open_database
from sales_desk.db.engine import make_engine
from sales_desk.models import Base
from sales_desk.services.admin import auth
from tests.conftest import BACKENDS, PASSWORD, PG_URL, _pg_url_for, drop_pg_database
from tests.db.helpers import dump_engine, dump_file, populated, sqlite_config

ROOT = Path(__file__).resolve().parents[2]


@contextmanager
def _empty_pg_database(tmp_path: Path) -> Iterator[AppConfig]:
    name = f"sd_empty_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield AppConfig(data_dir=tmp_path / "data", db_url=_pg_url_for(name), language="en")
    finally:
        drop_pg_database(admin, name)
        admin.dispose()


@pytest.fixture(params=BACKENDS)
def empty_config(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[AppConfig]:
    """A database with nothing in it: a new SQLite folder, or a new PostgreSQL database."""
    if request.param == "sqlite":
        yield sqlite_config(tmp_path / "data")
        return
    with _empty_pg_database(tmp_path) as config:
        yield config


@pytest.fixture
def next_revision(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """install(body) → the packaged migrations copied, plus the next revision with that body;
    returns the new revision id."""

    def install(body: str) -> str:
        head = schema.packaged_head()
        rev = f"{int(head) + 1:04d}"
        target = tmp_path / "migrations"
        shutil.copytree(schema.MIGRATIONS_DIR, target, ignore=shutil.ignore_patterns("__pycache__"))
        (target / "versions" / f"{rev}_test_change.py").write_text(
            "import sqlalchemy as sa\nfrom alembic import op\n\n"
            f"revision = '{rev}'\ndown_revision = '{head}'\n\n"
            f"def upgrade():\n{body}\n\ndef downgrade():\n    pass\n",
            encoding="utf-8",
        )
        monkeypatch.setattr(schema, "MIGRATIONS_DIR", target)
        monkeypatch.setattr(schema, "VERSIONS_DIR", target / "versions")
        return rev

    return install


def _set_revision(engine, rev: str) -> None:
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = :r"), {"r": rev})


def test_empty_database_upgrades_to_head(empty_config: AppConfig) -> None:
    db = open_database(empty_config)
    try:
        assert db.schema_event == "created"
        assert schema.stored_revision(db.engine) == schema.packaged_head()
        tables = set(dump_engine(db.engine))
        assert set(Base.metadata.tables) <= tables
        assert auth.needs_first_run(db.uow())
    finally:
        db.close()
    again = open_database(empty_config)  # the second start finds it current
    assert again.schema_event == "current"
    again.close()


def test_packaged_revisions_are_alembics_in_upgrade_order() -> None:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(schema.MIGRATIONS_DIR))
    assert schema.packaged_head() == script.get_current_head()
    in_order = [s.revision for s in reversed(list(script.walk_revisions()))]
    assert schema.packaged_revisions() == in_order


def test_revision_check_without_alembic_follows_a_new_revision(next_revision) -> None:
    from alembic.script import ScriptDirectory

    rev = next_revision("    pass")
    script = ScriptDirectory(str(schema.MIGRATIONS_DIR))
    assert schema.packaged_head() == script.get_current_head() == rev


def test_migrated_schema_matches_the_models(database) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with database.engine.connect() as conn:
        # the search indexes (FTS5 tables, trigram and expression indexes) are made by hand
        ctx = MigrationContext.configure(conn, opts={
            "compare_type": True,
            "include_object": lambda obj, name, *_: not search_index.is_search_index(name)})
        diff = compare_metadata(ctx, Base.metadata)
    assert diff == []


def test_newer_schema_is_refused_and_left_unchanged(db_config: AppConfig) -> None:
    db = open_database(db_config)
    auth.create_first_admin(db.uow(), "admin", PASSWORD)
    _set_revision(db.engine, "9999")
    before = dump_engine(db.engine)
    db.close()
    backups_before = sorted(p.name for p in db_config.backup_dir.glob("*"))

    with pytest.raises(schema.SchemaTooNew, match="9999"):
        open_database(db_config)

    engine = make_engine(db_config.url)
    assert dump_engine(engine) == before
    engine.dispose()
    assert sorted(p.name for p in db_config.backup_dir.glob("*")) == backups_before
    if db_config.is_sqlite:  # the refusal let go of the folder
        open_database(db_config, migrate=False).close()


def test_upgrade_runs_after_a_backup_and_keeps_the_data(tmp_path: Path, next_revision) -> None:
    db = populated(tmp_path / "data")
    before = dump_engine(db.engine)
    db.close()
    rev = next_revision("    op.add_column('customers', sa.Column('test_only_note', sa.Text(), nullable=True))")

    db = open_database(sqlite_config(tmp_path / "data"))
    try:
        assert db.schema_event == "upgraded"
        after = dump_engine(db.engine)
    finally:
        db.close()
    assert after["alembic_version"] == [(rev,)]
    assert {k: v for k, v in after.items() if k != "alembic_version"} == {
        k: v for k, v in before.items() if k != "alembic_version"
    }
    [saved] = [b for b in db.backups.list() if b.kind == "pre-upgrade"]
    assert dump_file(saved.path) == before


def test_an_upgrade_is_told_before_it_starts_a_new_or_current_database_is_not(tmp_path: Path) -> None:
    told: list[str] = []
    config = sqlite_config(tmp_path / "data")
    open_database(config, upgrading=lambda: told.append("new")).close()
    open_database(config, upgrading=lambda: told.append("current")).close()
    assert told == []
    behind = sqlite_config(tmp_path / "older")
    db = open_database(behind, migrate=False)  # as an older version left it
    schema.upgrade(db.engine, schema.packaged_revisions()[-2])
    db.close()
    db = open_database(behind, upgrading=lambda: told.append("behind"))
    db.close()
    assert (told, db.schema_event) == (["behind"], "upgraded")


def test_table_rebuild_in_a_migration_keeps_rows_that_refer_to_it(tmp_path: Path, next_revision) -> None:
    # SQLite cannot alter a column: batch mode copies the table, drops it and renames the
    # copy. With foreign keys on, the drop would cascade-delete every user's roles.
    db = populated(tmp_path / "data")
    before = dump_engine(db.engine)
    db.close()
    next_revision(
        "    with op.batch_alter_table('users', recreate='always') as b:\n"
        "        b.alter_column('full_name', existing_type=sa.String(128), type_=sa.String(200))"
    )
    db = open_database(sqlite_config(tmp_path / "data"))
    try:
        assert db.schema_event == "upgraded"
        after = dump_engine(db.engine)
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        db.close()
    assert after["user_roles"] == before["user_roles"] != []
    assert after["users"] == before["users"]


def test_failing_migration_leaves_the_database_as_it_was(tmp_path: Path, next_revision) -> None:
    db = populated(tmp_path / "data")
    before = dump_engine(db.engine)
    db.close()
    next_revision(
        "    op.add_column('customers', sa.Column('test_only_note', sa.Text(), nullable=True))\n"
        "    op.execute('DELETE FROM user_roles')\n"
        "    raise RuntimeError('migration bug')"
    )
    with pytest.raises(schema.MigrationFailed, match="migration bug") as err:
        open_database(sqlite_config(tmp_path / "data"))
    assert err.value.backup is not None and err.value.backup.exists()
    assert dump_file(tmp_path / "data" / "sales-desk.sqlite") == before


def test_half_applied_upgrade_is_undone_from_the_pre_upgrade_backup(
    tmp_path: Path, next_revision, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Some damage outlives a rollback (a migration that commits on its own connection):
    # only the pre-upgrade backup brings the file back.
    db = populated(tmp_path / "data")
    before = dump_engine(db.engine)
    db.close()
    rev = next_revision("    pass")

    def apply_then_fail(engine, target: str = "head") -> None:
        with engine.begin() as conn:
            conn.execute(text("DELETE FROM user_roles"))
            conn.execute(text("UPDATE alembic_version SET version_num = :r"), {"r": rev})
        raise RuntimeError("disk full")

    monkeypatch.setattr(schema, "upgrade", apply_then_fail)
    with pytest.raises(schema.MigrationFailed, match="disk full"):
        open_database(sqlite_config(tmp_path / "data"))
    assert dump_file(tmp_path / "data" / "sales-desk.sqlite") == before
    kinds = {b.kind for b in db.backups.list()}
    assert {"pre-upgrade", "pre-restore"} <= kinds  # the failed state is kept too


def test_start_up_on_a_current_database_does_not_import_alembic(tmp_path: Path) -> None:
    populated(tmp_path / "data").close()
    code = (
        "import sys\n"
        "from sales_desk.config import AppConfig\n"
        "from sales_desk.db.database import open_database\n"
        "db = open_database(AppConfig(data_dir=__import__('pathlib').Path(sys.argv[1])))\n"
        "print(db.schema_event, 'alembic' in sys.modules)\n"
        "db.close()\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path / "data")], cwd=ROOT,
                         capture_output=True, text=True, timeout=60, check=True)
    assert out.stdout.split() == ["current", "False"]


_SEAT = """
import sys, time
from pathlib import Path
from sales_desk.db import schema
from sales_desk.db.engine import make_engine
import alembic.command  # loaded before the start signal, so the seats really race
engine = make_engine(sys.argv[1])
engine.connect().close()
print("ready", flush=True)
while not Path(sys.argv[2]).exists():
    time.sleep(0.005)
print(schema.ensure_schema(engine), flush=True)
"""


@pytest.fixture
def empty_pg_config(tmp_path: Path) -> Iterator[AppConfig]:
    with _empty_pg_database(tmp_path) as config:
        yield config


@pytest.mark.skipif(not PG_URL, reason="needs SALES_DESK_TEST_PG: several seats share only a server")
def test_seats_starting_together_on_a_new_server_database_all_open(
    empty_pg_config: AppConfig, tmp_path: Path
) -> None:
    empty_config = empty_pg_config
    go = tmp_path / "go"
    seats = [
        subprocess.Popen([sys.executable, "-c", _SEAT, empty_config.url, str(go)], cwd=ROOT,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(3)
    ]
    for s in seats:
        assert s.stdout.readline().strip() == "ready"
    go.touch()
    outcomes = [s.communicate(timeout=60) for s in seats]
    assert [s.returncode for s in seats] == [0, 0, 0], [err for _out, err in outcomes]
    engine = make_engine(empty_config.url)
    assert schema.stored_revision(engine) == schema.packaged_head()
    engine.dispose()
