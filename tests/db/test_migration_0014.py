"""Upgrade from the 0009 schema to 0014 (policy versions): the business numbers the admin
had set become version 1 of the policy, in force since 2000-01-01; the technical settings
stay the admin's; down to 0009 puts the numbers back as settings."""

from __future__ import annotations

import json

from sqlalchemy import Engine, text

from sales_desk.db import schema
from tests.db.test_migration_0005 import _insert, downgrade, empty_engine  # noqa: F401 - the fixture


def _seed_0009(engine: Engine) -> None:
    _insert(engine, "users", id=1, username="admin", full_name="管理员", password_hash="x", active=True)
    _insert(engine, "settings", key="credit.c_max_limit", value="4000000", updated_by_id=1)
    _insert(engine, "settings", key="company.name", value=json.dumps("华东商贸"), updated_by_id=1)


def test_the_settings_in_force_become_policy_version_1_and_the_technical_ones_stay(empty_engine: Engine) -> None:  # noqa: F811
    schema.upgrade(empty_engine, "0009")
    _seed_0009(empty_engine)
    schema.upgrade(empty_engine, "0014")
    with empty_engine.connect() as c:
        row = c.execute(text("SELECT number, status, effective_from, changes FROM policy_versions")).one()
        assert (row.number, row.status, str(row.effective_from)) == (1, "approved", "2000-01-01")
        first = json.loads(row.changes)
        assert first["credit.c_max_limit"] == 4_000_000  # the admin's value, not the default
        assert first["contract.major_threshold"] == 20_000_000  # never changed: the default
        assert "company.name" not in first
        assert dict(c.execute(text("SELECT key, value FROM settings")).all()) == {"company.name": json.dumps("华东商贸")}
        assert c.execute(text("SELECT count(*) FROM issued_documents WHERE policy_version IS NULL")).scalar() == 0


def test_downgrade_to_0009_puts_the_numbers_in_force_back_as_settings(empty_engine: Engine) -> None:  # noqa: F811
    schema.upgrade(empty_engine, "0009")
    _seed_0009(empty_engine)
    schema.upgrade(empty_engine, "0014")
    downgrade(empty_engine, "0009")
    with empty_engine.connect() as c:
        stored = dict(c.execute(text("SELECT key, value FROM settings")).all())
    assert json.loads(stored["credit.c_max_limit"]) == 4_000_000 and "company.name" in stored
    schema.upgrade(empty_engine, "0014")
