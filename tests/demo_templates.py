"""The demo firm loaded once per test session and backend, copied for each test that asks
for `demo_loaded`: a load is seconds (more on PostgreSQL), a copy milliseconds.

A template is made for the business date in force (the demo is dated from it), by the
first test that needs it, inside that test's own fixtures (so the light password hashing
of the suite applies to its users too). SQLite: the data folder copied (the file and its
anchor file); PostgreSQL: a database cloned from a template database, the folder copied.
"""

from __future__ import annotations

import shutil
import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sales_desk import clock
from sales_desk.config import AppConfig
from sales_desk.demo.context import DemoResult
from sales_desk.domain.common.roles import Actor

ADMIN_NAME, ADMIN_FULL_NAME = "admin", "系统管理员"
_SKIP_ON_COPY = shutil.ignore_patterns("*.lock", "backups")


@dataclass(frozen=True)
class DemoTemplate:
    data_dir: Path  # the folder as the load left it (SQLite file or PostgreSQL's anchor file)
    pg_database: str | None  # the template database to clone, on PostgreSQL
    admin: Actor
    result: DemoResult


class DemoTemplates:
    def __init__(self, root: Path, pg_url: str | None) -> None:
        self.root, self.pg_url = root, pg_url
        self._made: dict[tuple[str, date], DemoTemplate] = {}

    def get(self, backend: str, empty_sqlite: Path | None, empty_pg: str | None) -> DemoTemplate:
        key = (backend, clock.today())
        if key not in self._made:
            self._made[key] = self._make(backend, key[1], empty_sqlite, empty_pg)
        return self._made[key]

    def _make(self, backend: str, day: date, empty_sqlite: Path | None, empty_pg: str | None) -> DemoTemplate:
        from sales_desk.db.database import open_database
        from sales_desk.demo import firm
        from sales_desk.services.admin import auth
        from tests.conftest import PASSWORD

        data_dir = self.root / f"{backend}-{day.isoformat()}" / "data"
        data_dir.mkdir(parents=True)
        pg_database = None
        if backend == "sqlite":
            config = AppConfig(data_dir=data_dir, language="en")
            shutil.copyfile(empty_sqlite, config.sqlite_path)
        else:
            pg_database = f"sd_demo_{uuid.uuid4().hex[:8]}"
            self._create_pg(pg_database, empty_pg)
            config = AppConfig(data_dir=data_dir, db_url=self.pg_url_for(pg_database), language="en")
        db = open_database(config, auto_backup=False)
        try:
            admin = auth.create_first_admin(db.uow(), ADMIN_NAME, PASSWORD, ADMIN_FULL_NAME)
            result = firm.load_demo(db.uow(admin))
        finally:
            db.close()
        return DemoTemplate(data_dir, pg_database, admin, result)

    def copy_into(self, template: DemoTemplate, data_dir: Path) -> str | None:
        """Copy the template's folder to data_dir; on PostgreSQL also clone its database and
        return the clone's name (the caller drops it)."""
        shutil.copytree(template.data_dir, data_dir, ignore=_SKIP_ON_COPY)
        if template.pg_database is None:
            return None
        name = f"sd_t_{uuid.uuid4().hex[:10]}"
        self._create_pg(name, template.pg_database)
        return name

    def drop_all(self) -> None:
        from tests.conftest import drop_pg_database

        names = [t.pg_database for t in self._made.values() if t.pg_database]
        if not names:
            return
        admin = self._admin_engine()
        for name in names:
            drop_pg_database(admin, name)
        admin.dispose()

    def pg_url_for(self, dbname: str) -> str:
        from sqlalchemy.engine import make_url

        return make_url(self.pg_url).set(database=dbname).render_as_string(hide_password=False)

    def _admin_engine(self):  # noqa: ANN202
        from sqlalchemy import create_engine

        return create_engine(self.pg_url, isolation_level="AUTOCOMMIT")

    def _create_pg(self, name: str, template: str) -> None:
        from sqlalchemy import text

        admin = self._admin_engine()
        try:
            with admin.connect() as c:
                c.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
        finally:
            admin.dispose()
