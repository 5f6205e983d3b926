"""Upgrade from the 0004 schema (orders, receivables, allocations with data) to 0005
(collections): the allocations table is rebuilt with receipt_id and write_off_id and
keeps every row; down to 0004 and up again."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, MetaData, create_engine, inspect, text
from sqlalchemy.types import Boolean, Date, DateTime, Integer, Numeric

from sales_desk.db import schema
from sales_desk.db.engine import make_engine
from tests.conftest import BACKENDS, PG_URL, _pg_url_for, drop_pg_database


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


def _filler(column) -> object:  # noqa: ANN001
    t = column.type
    if isinstance(t, Boolean):
        return False
    if isinstance(t, DateTime):
        return datetime(2026, 1, 1, 8, 0)  # noqa: DTZ001 - stored naive, as the models do
    if isinstance(t, Date):
        return date(2026, 1, 1)
    if isinstance(t, Integer | Numeric):
        return 0
    return ""


def _insert(engine: Engine, table: str, **values: object) -> None:
    """A row with the given values, every other NOT NULL column filled with a blank."""
    meta = MetaData()
    meta.reflect(engine, only=[table])
    t = meta.tables[table]
    row = {c.name: _filler(c) for c in t.columns if not c.nullable and c.name not in values
           and not c.primary_key}
    with engine.begin() as c:
        c.execute(t.insert().values(**row, **values))


def downgrade(engine: Engine, revision: str) -> None:
    """Down to `revision`, as Alembic's command does it (the app itself only upgrades)."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(schema.VERSIONS_DIR.parent))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)


def _seed_0004(engine: Engine) -> None:
    _insert(engine, "users", id=1, username="wufang", full_name="吴芳", password_hash="x", active=True)
    _insert(engine, "customers", id=1, code="C001", name="上海华东贸易有限公司", rep_id=1)
    _insert(engine, "receivables", id=1, doc_no="INV2026-00001", kind="invoice", customer_id=1, rep_id=1,
            doc_date=date(2026, 3, 1), due_date=date(2026, 3, 31), amount=100_000, open_amount=40_000)
    _insert(engine, "receivables", id=2, doc_no="CN2026-00001", kind="credit_note", customer_id=1,
            doc_date=date(2026, 3, 5), due_date=date(2026, 3, 5), amount=-60_000, open_amount=0)
    _insert(engine, "receivable_allocations", id=1, receivable_id=1, amount=60_000,
            applied_on=date(2026, 3, 5), source="credit_note", credit_note_id=2)


def test_upgrade_from_0004_keeps_the_allocations_and_adds_receipts(empty_engine: Engine) -> None:
    schema.upgrade(empty_engine, "0004")
    _seed_0004(empty_engine)
    schema.upgrade(empty_engine, "0005")
    assert schema.stored_revision(empty_engine) == "0005"
    with empty_engine.connect() as c:
        row = c.execute(text("SELECT receivable_id, amount, credit_note_id, receipt_id, write_off_id "
                             "FROM receivable_allocations")).one()
        assert tuple(row) == (1, 60_000, 2, None, None)
        names = set(inspect(c).get_table_names())
    assert {"receipts", "dunning_steps", "lawsuits", "lawsuit_evidence", "write_offs", "write_off_items",
            "deferrals", "deferral_items", "liability_runs", "liability_charges", "liability_shares",
            "collection_targets"} <= names


def test_downgrade_to_0004_and_up_again_keeps_the_receivables(empty_engine: Engine) -> None:
    schema.upgrade(empty_engine, "0004")
    _seed_0004(empty_engine)
    schema.upgrade(empty_engine, "0005")
    downgrade(empty_engine, "0004")
    with empty_engine.connect() as c:
        assert not inspect(c).has_table("receipts")
        assert c.execute(text("SELECT count(*) FROM receivable_allocations")).scalar() == 1
    schema.upgrade(empty_engine, "0005")
    assert schema.stored_revision(empty_engine) == "0005"


def test_upgrade_to_0007_keeps_the_allocations_and_allows_a_reversal(empty_engine: Engine) -> None:
    """0007 relaxes amount > 0 to amount <> 0 (a reversal's negative allocation) and keeps
    every row; zero stays refused; a downgrade drops the reversals and restores the check."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy.exc import IntegrityError

    schema.upgrade(empty_engine, "0004")
    _seed_0004(empty_engine)
    schema.upgrade(empty_engine, "0007")
    insert = ("INSERT INTO receivable_allocations (id, receivable_id, amount, applied_on, source, created_at) "
              "SELECT 2, receivable_id, {amount}, applied_on, 'receipt', created_at FROM receivable_allocations")
    with empty_engine.begin() as c:
        assert c.execute(text("SELECT amount FROM receivable_allocations")).scalars().all() == [60_000]
        assert c.execute(text("SELECT language FROM customers")).scalar() == ""
        c.execute(text(insert.format(amount="-amount")))
    with pytest.raises(IntegrityError), empty_engine.begin() as c:
        c.execute(text(insert.format(amount="0")))
    cfg = Config()
    cfg.set_main_option("script_location", str(schema.VERSIONS_DIR.parent))
    with empty_engine.connect() as conn:
        if conn.dialect.name == "sqlite":  # as schema.upgrade: a batch recreates the customers table
            conn.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")
        with conn.begin():
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0006")
        conn.invalidate()
    with empty_engine.connect() as c:
        assert c.execute(text("SELECT amount FROM receivable_allocations")).scalars().all() == [60_000]
    with pytest.raises(IntegrityError), empty_engine.begin() as c:
        c.execute(text(insert.format(amount="-amount")))
