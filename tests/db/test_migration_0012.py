"""Upgrade from 0009 to 0012 (liability needs fault, seed 001 客户信用管理制度 第19条 3): the
liability runs, charges and shares computed before are kept as they were and, with no
fault record, stand as proposed — awaiting the sales manager's finding, counted in no
total to deduct; down to 0009 and up again."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine, inspect, text

from sales_desk.db import schema
from sales_desk.domain.collections.liability import ChargeStatus, charge_status
from tests.db.test_migration_0005 import _insert, _seed_0004, downgrade, empty_engine  # noqa: F401 - the fixture


def _seed_liability(engine: Engine) -> None:
    _seed_0004(engine)
    _insert(engine, "liability_runs", month=date(2026, 5, 1), charges=1, total=200, run_by_id=1)
    _insert(engine, "liability_charges", id=1, month=date(2026, 5, 1), receivable_id=1, kind="monthly",
            due_date=date(2026, 3, 31), days_overdue=61, base_amount=40_000, total=200)
    for i, (who, weight, amount) in enumerate((("sales_rep", 5, 100), ("sales_manager", 3, 60),
                                               ("sales_vp", 2, 40)), start=1):
        _insert(engine, "liability_shares", id=i, charge_id=1, month=date(2026, 5, 1), responsible=who,
                user_id=1, weight=weight, amount=amount)


def test_upgrade_to_0012_keeps_the_liability_runs_as_proposed_charges(empty_engine: Engine) -> None:  # noqa: F811
    schema.upgrade(empty_engine, "0009")
    _seed_liability(empty_engine)
    schema.upgrade(empty_engine, "0012")
    with empty_engine.connect() as c:
        assert c.execute(text("SELECT total FROM liability_runs")).scalars().all() == [200]
        assert c.execute(text("SELECT kind, total FROM liability_charges")).all() == [("monthly", 200)]
        assert sorted(c.execute(text("SELECT amount FROM liability_shares")).scalars()) == [40, 60, 100]
        assert c.execute(text("SELECT count(*) FROM liability_faults")).scalar() == 0
    # no fault record: every charge carried over is proposed, awaiting the sales manager
    assert charge_status(None) is ChargeStatus.PROPOSED


def test_downgrade_to_0009_and_up_again_keeps_the_charges(empty_engine: Engine) -> None:  # noqa: F811
    schema.upgrade(empty_engine, "0009")
    _seed_liability(empty_engine)
    schema.upgrade(empty_engine, "0012")
    with empty_engine.begin() as c:
        c.execute(text("INSERT INTO liability_faults (receivable_id, finding, reason, status, recorded_by_id, "
                       "recorded_at, decision_note) VALUES (1, 'intent', '故意', 'final', 1, '2026-06-02', '')"))
    downgrade(empty_engine, "0009")
    with empty_engine.connect() as c:
        assert not inspect(c).has_table("liability_faults")
        assert c.execute(text("SELECT count(*) FROM liability_shares")).scalar() == 3
    schema.upgrade(empty_engine, "0012")
    assert schema.stored_revision(empty_engine) == "0012"
