"""Upgrade from the 0009 schema to 0010 (the credit policy as written): whole scores become
exact ones in hundredths (85 → 85.00) with their grades, every investigation gets a due
date (opened + 10 days), triggers recorded before keep no downgrade; down to 0009 and up."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Engine, text

from sales_desk.db import schema
from tests.db.test_migration_0005 import _insert, empty_engine  # noqa: F401 - the fixture

OPENED = datetime(2026, 3, 1, 4, 0)  # noqa: DTZ001 - stored naive UTC, as the models do: 1 March in China


def _seed_0009(engine: Engine) -> None:
    _insert(engine, "users", id=1, username="wufang", full_name="吴芳", password_hash="x", active=True)
    _insert(engine, "customers", id=1, code="C001", name="上海华东贸易有限公司", rep_id=1, credit_score=85,
            credit_grade="A", credit_hold=True)
    _insert(engine, "credit_investigations", id=1, customer_id=1, occasion="annual", status="reviewed",
            opened_by_id=1, opened_at=OPENED)
    _insert(engine, "credit_rating_proposals", id=1, customer_id=1, investigation_id=1, status="approved",
            total_score=85, grade="A", proposed_by_id=1, proposed_at=OPENED)
    _insert(engine, "credit_ratings", id=1, customer_id=1, proposal_id=1, grade="A", score=85,
            rated_on=date(2026, 3, 15), due_on=date(2027, 3, 15), approved_by_id=1, approved_at=OPENED)
    _insert(engine, "credit_holds", id=1, customer_id=1, started_at=OPENED, started_by_id=1)
    _insert(engine, "credit_triggers", id=1, customer_id=1, trigger="other", occurred_on=date(2026, 4, 1),
            description="传闻", hold_id=1, recorded_by_id=1, recorded_at=OPENED)


def test_upgrade_to_0010_keeps_scores_exact_and_dates_the_investigations(empty_engine: Engine) -> None:  # noqa: F811
    schema.upgrade(empty_engine, "0009")
    _seed_0009(empty_engine)
    schema.upgrade(empty_engine, "0010")
    with empty_engine.connect() as c:
        assert c.execute(text("SELECT credit_score_hundredths, credit_grade FROM customers")).one() == (8500, "A")
        assert c.execute(text("SELECT total_score_hundredths FROM credit_rating_proposals")).scalar() == 8500
        assert c.execute(text("SELECT score_hundredths FROM credit_ratings")).scalar() == 8500
        due = c.execute(text("SELECT due_on FROM credit_investigations")).scalar()
        assert str(due)[:10] == "2026-03-11"  # opened (1 March, local) + 10 days
        assert tuple(c.execute(text("SELECT grade_before, grade_after FROM credit_triggers")).one()) == (None, None)
    from sales_desk.models.base import Hundredths
    assert Hundredths().process_result_value(8500, None) == Decimal("85.00")


def test_downgrade_to_0009_gives_back_whole_scores_and_up_again(empty_engine: Engine) -> None:  # noqa: F811
    from alembic import command
    from alembic.config import Config

    schema.upgrade(empty_engine, "0009")
    _seed_0009(empty_engine)
    schema.upgrade(empty_engine, "0010")
    with empty_engine.begin() as c:
        c.execute(text("UPDATE credit_ratings SET score_hundredths = 8499"))
    cfg = Config()
    cfg.set_main_option("script_location", str(schema.VERSIONS_DIR.parent))
    with empty_engine.connect() as conn:
        if conn.dialect.name == "sqlite":  # as schema.upgrade: a batch recreates a table
            conn.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")
        with conn.begin():
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0009")
        conn.invalidate()
    with empty_engine.connect() as c:
        assert c.execute(text("SELECT credit_score FROM customers")).scalar() == 85
        assert c.execute(text("SELECT score FROM credit_ratings")).scalar() == 85  # 84.99 half up
        assert c.execute(text("SELECT count(*) FROM credit_investigations")).scalar() == 1
    schema.upgrade(empty_engine, "0010")
    assert schema.stored_revision(empty_engine) == "0010"
