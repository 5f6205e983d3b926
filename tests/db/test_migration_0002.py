"""Upgrade from the 0001 schema, with data in it, to 0002 (customers and credit)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, create_engine, inspect, text

from sales_desk.db import schema
from sales_desk.db.engine import make_engine
from sales_desk.models import Base
from tests.conftest import BACKENDS, PG_URL, _pg_url_for, drop_pg_database
from tests.db.test_migration_0005 import downgrade


@pytest.fixture(params=BACKENDS)
def empty_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'old.sqlite'}")
        yield engine
        engine.dispose()
        return
    name = f"sd_m_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    engine = make_engine(_pg_url_for(name))
    yield engine
    engine.dispose()
    drop_pg_database(admin, name)
    admin.dispose()


def _seed_0001(engine: Engine) -> None:
    with engine.begin() as c:
        c.execute(text(
            "INSERT INTO users (id, username, full_name, password_hash, active, created_at) "
            "VALUES (1, 'wang', '王伟', 'x', true, '2026-01-01 08:00:00')"))
        c.execute(text(
            "INSERT INTO customers (code, name, region, industry, nature, customer_type, address, "
            "phone, rep_id, created_at, updated_at) VALUES "
            "('C001', '华为 科技有限公司', '华东', '', '', '', '上海', '', 1, "
            "'2026-01-01 08:00:00', '2026-02-03 10:00:00'), "
            "('C002', 'ＡＢＣ Trading', '', '', '', '', '', '', NULL, "
            "'2026-01-02 08:00:00', '2026-01-02 08:00:00')"))


def test_upgrade_from_0001_keeps_customers_and_fills_the_new_columns(empty_engine: Engine) -> None:
    schema.upgrade(empty_engine, "0001")
    _seed_0001(empty_engine)
    schema.upgrade(empty_engine, "0002")
    assert schema.stored_revision(empty_engine) == "0002"
    with empty_engine.connect() as c:
        rows = c.execute(text(
            "SELECT code, name, rep_id, search_text, file_updated_on, review_status, credit_hold, "
            "credit_limit, payment_mode, value_grade, key_account FROM customers ORDER BY code")).all()
    assert [r.code for r in rows] == ["C001", "C002"]
    first, second = rows
    assert first.name == "华为 科技有限公司" and first.rep_id == 1
    assert first.search_text == "c001\x1f华为科技有限公司"
    assert second.search_text == "c002\x1fabctrading"  # full-width folded
    assert first.file_updated_on in (date(2026, 2, 3), "2026-02-03")
    assert first.review_status == "reviewed"
    assert not first.credit_hold and first.credit_limit == 0 and first.payment_mode == "prepayment"
    assert first.value_grade == "D" and not first.key_account


MINE = ("customers", "customer_", "credit_")
# Columns later migrations add or replace: the models are at head.
LATER_COLUMNS = {
    ("customers", "language"),  # 0007
    # 0010: investigations get a due date; scores kept exact to two decimals (in hundredths);
    # a trigger keeps the grade it lowered from and to
    ("credit_investigations", "due_on"),
    ("credit_rating_proposals", "total_score_hundredths"), ("credit_rating_proposals", "total_score"),
    ("credit_ratings", "score_hundredths"), ("credit_ratings", "score"),
    ("credit_triggers", "grade_before"), ("credit_triggers", "grade_after"),
    ("customers", "credit_score_hundredths"), ("customers", "credit_score"),
    ("customers", "search_grams"), ("customers", "sort_key"),  # 0022: pinyin search keys
    ("customers", "version"),  # 0024: a form saves on the version it loaded
    ("customer_contacts", "search_text"), ("customer_contacts", "search_grams"),  # 0031: contacts searched
    ("customer_contacts", "version"),  # 0032: a contact, too, saves on the version it loaded
    ("credit_investigations", "version"),  # 0033: so do the credit figures
    # 0028: how they buy, what they plan to buy, the information's source level (客户关系维护办法 第5–6条)
    ("customers", "purchasing_procedure"), ("customers", "demand_plan"), ("customers", "info_source_level"),
}
# 0022: search_text holds pinyin too (Text); the list's indexes by name and by pinyin
LATER_TYPES = {("customers", "search_text")}
LATER_INDEXES = {"ix_customers_name_search", "ix_customers_sort_key",
                 "ix_customers_rep_name", "ix_customers_rep_sort_key",  # 0035: a rep's own in name order
                 # 0037: the dashboard's few among many
                 "ix_customers_credit_hold", "ix_customers_key_account_code", "ix_customers_review_created",
                 "ix_credit_investigations_status_due"}


LATER_DROPPED = {"credit_scorecard_weights"}  # 0019: the weights are policy versions now


def _added_later(change: object) -> bool:
    if isinstance(change, list):
        return all(c[0] == "modify_type" and (c[2], c[3]) in LATER_TYPES for c in change)
    if isinstance(change, tuple) and change[0] in ("add_index", "remove_index"):
        return change[1].name in LATER_INDEXES
    if isinstance(change, tuple) and change[0] == "remove_table":
        return change[1].name in LATER_DROPPED
    return (isinstance(change, tuple) and change[0] in ("add_column", "remove_column")
            and (change[2], change[3].name) in LATER_COLUMNS)


def _table_of(change: object) -> str:
    """The table a compare_metadata entry is about (entries are tuples, or lists of them)."""
    first = change[0] if isinstance(change, list) else change
    for part in first[1:]:  # type: ignore[index]
        name = getattr(part, "name", None) if not isinstance(part, str) else None
        table = getattr(part, "table", None)
        if table is not None and getattr(table, "name", None):
            return table.name
        if name and hasattr(part, "columns"):
            return name
        if isinstance(part, str):
            return part
    return ""


def test_schema_after_0002_matches_the_customer_and_credit_models(empty_engine: Engine) -> None:
    schema.upgrade(empty_engine, "0002")
    with empty_engine.connect() as c:
        diff = compare_metadata(MigrationContext.configure(c, opts={"compare_type": True}), Base.metadata)
    mine = [d for d in diff if _table_of(d).startswith(MINE) and not _added_later(d)]
    assert mine == []


def test_downgrade_to_0001_and_up_again_keeps_the_customers(empty_engine: Engine) -> None:
    schema.upgrade(empty_engine, "0001")
    _seed_0001(empty_engine)
    schema.upgrade(empty_engine, "0002")
    downgrade(empty_engine, "0001")
    with empty_engine.connect() as c:
        assert not inspect(c).has_table("credit_ratings")
        assert c.execute(text("SELECT count(*) FROM customers")).scalar() == 2
    schema.upgrade(empty_engine, "0002")
    assert schema.stored_revision(empty_engine) == "0002"
