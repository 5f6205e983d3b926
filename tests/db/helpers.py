"""What the storage tests compare: every table's rows, read without the ORM."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Engine, inspect, text

from sales_desk.config import AppConfig
from sales_desk.db.database import Database, open_database
from sales_desk.domain.common.roles import Actor
from sales_desk.services.admin import settings

Dump = dict[str, list[tuple]]


def dump_engine(engine: Engine) -> Dump:
    """Every table, every row, in a stable order (values as the driver returns them)."""
    with engine.connect() as conn:
        out: Dump = {}
        for table in sorted(inspect(conn).get_table_names()):
            rows = conn.execute(text(f'SELECT * FROM "{table}"')).all()  # noqa: S608 - table names from the catalogue
            out[table] = sorted((tuple(r) for r in rows), key=repr)
        return out


def refused_only(before: Dump, after: Dump, refusals: int = 1) -> None:
    """A refused attempt changed nothing but add `refusals` rows to the refusals log."""
    assert len(after.get("refusal_log", [])) == len(before.get("refusal_log", [])) + refusals
    assert {t: r for t, r in after.items() if t != "refusal_log"} == {
        t: r for t, r in before.items() if t != "refusal_log"}


def dump_file(path: Path) -> Dump:
    """The same, straight from a SQLite file (read-only; no engine, no lock)."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )]
        return {
            t: sorted((tuple(r) for r in conn.execute(f'SELECT * FROM "{t}"')), key=repr)  # noqa: S608
            for t in tables
        }
    finally:
        conn.close()


def sqlite_config(folder: Path) -> AppConfig:
    return AppConfig(data_dir=folder, language="en")


def populated_with_admin(folder: Path) -> tuple[Database, Actor]:
    """A SQLite database with an admin and some audited settings changes (cheap: one hash)."""
    from sales_desk.services.admin import auth
    from tests.conftest import PASSWORD

    db = open_database(sqlite_config(folder))
    actor = auth.create_first_admin(db.uow(), "admin", PASSWORD, "系统管理员")
    for n in range(3):
        settings.update_settings(db.uow(actor), {"company.currency": f"C{n}", "company.name": f"公司 {n}"})
    return db, actor


def populated(folder: Path) -> Database:
    return populated_with_admin(folder)[0]
