"""Shared fixtures: a real database (SQLite file, and PostgreSQL when CI provides one).

Set SALES_DESK_TEST_PG to a PostgreSQL URL (a role allowed to CREATE DATABASE) and the
`database` fixture runs each test on both backends.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from sales_desk import i18n  # noqa: E402
from sales_desk.config import AppConfig  # noqa: E402

PG_URL = os.environ.get("SALES_DESK_TEST_PG")
BACKENDS = ["sqlite"] + (["postgresql"] if PG_URL else [])
PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture(scope="session")
def pg_template() -> Iterator[str | None]:
    """Migrate once into a template database; each test clones it (fast)."""
    if not PG_URL:
        yield None
        return
    from sqlalchemy import create_engine, text

    from sales_desk.db import schema
    from sales_desk.db.engine import make_engine

    name = f"sd_tpl_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    eng = make_engine(_pg_url_for(name))
    schema.upgrade(eng)
    eng.dispose()
    yield name
    drop_pg_database(admin, name)
    admin.dispose()


def drop_pg_database(admin, name: str) -> None:
    """Drop a test database; a backend still closing (or autovacuum) may hold it a moment.

    A database left behind costs nothing but disk, so a last refusal only warns.
    """
    import time
    import warnings

    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    for attempt in range(10):
        try:
            with admin.connect() as c:
                c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            return
        except DBAPIError as exc:
            last = exc
            time.sleep(0.2 * (attempt + 1))
    warnings.warn(f"test database {name} left behind: {last}", stacklevel=2)


def _pg_url_for(dbname: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(PG_URL).set(database=dbname).render_as_string(hide_password=False)


@pytest.fixture(params=BACKENDS)
def db_config(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[AppConfig]:
    if request.param == "sqlite":
        yield AppConfig(data_dir=tmp_path / "data", language="en")
        return
    from sqlalchemy import create_engine, text

    template = request.getfixturevalue("pg_template")
    name = f"sd_t_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    yield AppConfig(data_dir=tmp_path / "data", db_url=_pg_url_for(name), language="en")
    drop_pg_database(admin, name)
    admin.dispose()


@pytest.fixture
def database(db_config: AppConfig):
    from sales_desk.db.database import open_database

    db = open_database(db_config)
    yield db
    db.close()


@pytest.fixture
def sqlite_database(tmp_path: Path):
    """For tests about the SQLite file itself (backups, crashes, corruption)."""
    from sales_desk.db.database import open_database

    db = open_database(AppConfig(data_dir=tmp_path / "data", language="en"))
    yield db
    db.close()


@pytest.fixture
def admin(database):
    from sales_desk.services.admin import auth

    return auth.create_first_admin(database.uow(), "admin", PASSWORD, "系统管理员")


@pytest.fixture
def make_user(database, admin):
    """make_user("name", "role", ...) → the logged-in Actor of a new user."""
    from sales_desk.services.admin import auth, users

    def make(username: str, *roles: str, justification: str | None = None):
        users.add_user(database.uow(admin), username, PASSWORD, list(roles), justification=justification)
        return auth.login(database.uow(), username, PASSWORD)

    return make


@pytest.fixture
def pin_business_date(monkeypatch: pytest.MonkeyPatch):
    """pin_business_date(date) → the app's business date is that day for the rest of the test
    (sales_desk.clock honours SALES_DESK_BUSINESS_DATE)."""
    from sales_desk import clock

    def pin(day):  # noqa: ANN001, ANN202
        monkeypatch.setenv(clock.ENV_BUSINESS_DATE, day.isoformat())
        return day

    return pin


@pytest.fixture
def print_queue():  # noqa: ANN201 - tests.print_queue.PrintQueue
    """The CUPS queue the printing tests print to; skipped (saying why) when not set up."""
    from tests.print_queue import print_queue_from_env

    return print_queue_from_env()
