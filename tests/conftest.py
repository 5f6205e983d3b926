"""Shared fixtures: a real database (SQLite file, and PostgreSQL when CI provides one).

Set SALES_DESK_TEST_PG to a PostgreSQL URL (a role allowed to CREATE DATABASE) and the
`database` fixture runs each test on both backends.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from sales_desk import i18n  # noqa: E402
from sales_desk.config import AppConfig  # noqa: E402
from tests.demo_templates import ADMIN_FULL_NAME, ADMIN_NAME, DemoTemplates  # noqa: E402

PG_URL = os.environ.get("SALES_DESK_TEST_PG")
BACKENDS = ["sqlite"] + (["postgresql"] if PG_URL else [])
PASSWORD = "correct horse battery"


try:  # hypothesis is a test dependency; its deadline measures a busy CI machine, not the code
    from hypothesis import HealthCheck, settings

    settings.register_profile("sales-desk", deadline=None, suppress_health_check=[HealthCheck.too_slow])
    settings.load_profile("sales-desk")
except ImportError:  # pragma: no cover
    pass


@pytest.fixture(autouse=True)
def _light_password_hashing(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Hash at argon2's lightest cost: every user a test makes is one derivation, and at the
    production cost (19 MiB, 2 passes) those were a third of the suite's time. A hash is
    checked at the cost stored with it, so nothing else changes; tests about the production
    cost itself carry the `real_password_cost` marker."""
    if request.node.get_closest_marker("real_password_cost"):
        return
    from sales_desk.services.admin import hashing

    monkeypatch.setattr(hashing, "TIME_COST", 1)
    monkeypatch.setattr(hashing, "MEMORY_KIB", 256)


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


@pytest.fixture(scope="session")
def _demo_templates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoTemplates]:
    templates = DemoTemplates(tmp_path_factory.mktemp("demo-templates"), PG_URL)
    yield templates
    templates.drop_all()


@pytest.fixture(params=BACKENDS)
def db_config(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[AppConfig]:
    demo = "demo_loaded" in request.fixturenames
    if demo:  # the demo firm, copied from this session's template (tests/demo_templates.py)
        templates: DemoTemplates = request.getfixturevalue("_demo_templates")
        template = templates.get(
            request.param,
            request.getfixturevalue("sqlite_template") if request.param == "sqlite" else None,
            request.getfixturevalue("pg_template") if request.param == "postgresql" else None,
        )
        request.node.demo_template = template
    if request.param == "sqlite":
        if demo:
            templates.copy_into(template, tmp_path / "data")
        yield AppConfig(data_dir=tmp_path / "data", language="en")
        return
    from sqlalchemy import create_engine, text

    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    if demo:
        name = templates.copy_into(template, tmp_path / "data")
    else:
        name = f"sd_t_{uuid.uuid4().hex[:10]}"
        with admin.connect() as c:
            c.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{request.getfixturevalue("pg_template")}"'))
    yield AppConfig(data_dir=tmp_path / "data", db_url=_pg_url_for(name), language="en")
    drop_pg_database(admin, name)
    admin.dispose()


@pytest.fixture
def demo_loaded(database, request: pytest.FixtureRequest):  # noqa: ANN201 - DemoResult
    """The demo firm, loaded by `admin` on today's business date (copied from a template
    made once per session and backend): what `firm.load_demo` returned."""
    return request.node.demo_template.result


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file migrated once; each test's database starts from a copy (as PostgreSQL's
    start from a template database): running every migration took half a second a test."""
    from sales_desk.db.database import open_database

    config = AppConfig(data_dir=tmp_path_factory.mktemp("sqlite-template") / "data", language="en")
    open_database(config, auto_backup=False).close()
    return config.sqlite_path


@pytest.fixture
def database(db_config: AppConfig, request: pytest.FixtureRequest):
    from sales_desk.db.database import open_database

    if db_config.is_sqlite and not db_config.sqlite_path.exists():
        db_config.data_dir.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(request.getfixturevalue("sqlite_template"), db_config.sqlite_path)
        db = open_database(db_config, auto_backup=False)
        db.schema_event = "created"  # as a first open reports it
    else:  # the demo's copy is as new as an empty one: no first backup either
        db = open_database(db_config, auto_backup="demo_loaded" not in request.fixturenames)
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
def admin(database, request: pytest.FixtureRequest):
    from sales_desk.services.admin import auth

    template = getattr(request.node, "demo_template", None)
    if template is not None:  # the demo's database already has its administrator
        return template.admin
    return auth.create_first_admin(database.uow(), ADMIN_NAME, PASSWORD, ADMIN_FULL_NAME)


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
