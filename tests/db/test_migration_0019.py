"""Upgrade from 0018 to 0019: the scorecard weights and the personal allowances the
administrator had set become an approved policy version in force since 2000-01-01, the
old tables go; down to 0018 puts the values in force back in the administrator's tables."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import Engine, text

from sales_desk.db import schema
from tests.db.test_migration_0005 import _insert, downgrade, empty_engine  # noqa: F401 - the fixture


def _seed_0018(engine: Engine) -> None:
    _insert(engine, "users", id=1, username="admin", full_name="管理员", password_hash="x", active=True)
    _insert(engine, "users", id=2, username="rep4", full_name="赵六", password_hash="x", active=True)
    _insert(engine, "users", id=3, username="rep1", full_name="张三", password_hash="x", active=True)
    now = datetime(2026, 12, 1, 9, 0)  # noqa: DTZ001 - a naive UTC column
    for key, weight in (("payment_record", 25), ("company_size", 0), ("management", 0), ("net_assets", 10)):
        _insert(engine, "credit_scorecard_weights", indicator_key=key, weight=weight, updated_by_id=1,
                updated_at=now)
    _insert(engine, "expense_profiles", user_id=2, department="华南销售部", monthly_allowance=150_000,
            updated_at=now)
    _insert(engine, "expense_profiles", user_id=3, department="", monthly_allowance=None, updated_at=now)


def test_the_weights_and_allowances_set_become_an_approved_version_since_2000(empty_engine: Engine) -> None:  # noqa: F811
    schema.upgrade(empty_engine, "0018")
    _seed_0018(empty_engine)
    schema.upgrade(empty_engine, "0019")
    with empty_engine.connect() as c:
        row = c.execute(text("SELECT number, status, effective_from, changes FROM policy_versions "
                             "WHERE number = 2")).one()
        assert (row.status, str(row.effective_from)) == ("approved", "2000-01-01")
        # only what differs from the defaults (net assets kept its 10 points)
        assert json.loads(row.changes) == {
            "credit.weight.payment_record": 25, "credit.weight.company_size": 0, "credit.weight.management": 0,
            "expense.personal_allowances": {"rep4": 150_000}}
        assert c.execute(text("SELECT department FROM expense_profiles WHERE user_id = 2")).scalar() == "华南销售部"
    tables = schema_tables(empty_engine)
    assert "credit_scorecard_weights" not in tables


def test_defaults_only_write_no_version(empty_engine: Engine) -> None:  # noqa: F811
    schema.upgrade(empty_engine, "0018")
    schema.upgrade(empty_engine, "0019")
    with empty_engine.connect() as c:
        assert c.execute(text("SELECT count(*) FROM policy_versions")).scalar() == 1  # version 1 only


def test_downgrade_to_0018_puts_the_values_in_force_back(empty_engine: Engine) -> None:  # noqa: F811
    schema.upgrade(empty_engine, "0018")
    _seed_0018(empty_engine)
    schema.upgrade(empty_engine, "0019")
    downgrade(empty_engine, "0018")
    with empty_engine.connect() as c:
        weights = dict(c.execute(text("SELECT indicator_key, weight FROM credit_scorecard_weights")).all())
        assert weights["payment_record"] == 25 and weights["net_assets"] == 10
        assert c.execute(text("SELECT monthly_allowance FROM expense_profiles WHERE user_id = 2")).scalar() == 150_000
        assert c.execute(text("SELECT count(*) FROM policy_versions")).scalar() == 1
    schema.upgrade(empty_engine, "0019")


def schema_tables(engine: Engine) -> set[str]:
    from sqlalchemy import inspect

    return set(inspect(engine).get_table_names())
