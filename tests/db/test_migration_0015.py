"""Upgrade from 0009 to 0015: the products' price ranges, as the VP set them, become price
list version 1, approved and in force from the day the first product was set up; an empty
firm gets no list; down and up again."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Engine, text

from sales_desk.db import schema
from tests.db.test_migration_0005 import _insert, downgrade, empty_engine  # noqa: F401 - the fixture


def _seed_0009(engine: Engine) -> None:
    _insert(engine, "users", id=1, username="admin", full_name="系统管理员", password_hash="x", active=True)
    _insert(engine, "users", id=2, username="liming", full_name="李明", password_hash="x", active=True)
    stored = [(1, "KZ-100", datetime(2026, 3, 2, 8)), (2, "DJ-750", datetime(2026, 1, 5, 9))]  # noqa: DTZ001
    for pid, code, created in stored:  # timestamps stored naive, as the models do
        _insert(engine, "products", id=pid, code=code, name=code, unit="台", list_price=10_000 * pid,
                floor_price=9_000 * pid, ceiling_price=12_000 * pid, active=True, price_set_by_id=2,
                price_set_at=created, created_at=created, updated_at=created)


def test_upgrade_to_0015_carries_the_ranges_over_as_the_first_approved_price_list(empty_engine) -> None:  # noqa: ANN001, F811
    schema.upgrade(empty_engine, "0009")
    _seed_0009(empty_engine)
    schema.upgrade(empty_engine, "0015")
    with empty_engine.connect() as c:
        pl = c.execute(text("SELECT version, status, effective_from, proposed_by_id, approved_by_id "
                            "FROM price_lists")).one()
        lines = c.execute(text("SELECT product_id, list_price, floor_price, ceiling_price, unit_cost "
                               "FROM price_list_lines ORDER BY product_id")).all()
    effective = pl[2] if isinstance(pl[2], date) else date.fromisoformat(str(pl[2]))
    assert (pl[0], pl[1], effective, pl[3], pl[4]) == (1, "approved", date(2026, 1, 5), 2, 2)
    assert [tuple(r) for r in lines] == [(1, 10_000, 9_000, 12_000, None), (2, 20_000, 18_000, 24_000, None)]


def test_upgrade_to_0015_of_a_firm_without_products_makes_no_price_list(empty_engine) -> None:  # noqa: ANN001, F811
    schema.upgrade(empty_engine, "0015")
    with empty_engine.connect() as c:
        assert c.execute(text("SELECT count(*) FROM price_lists")).scalar() == 0
        assert c.execute(text("SELECT count(*) FROM payment_slips")).scalar() == 0


def test_downgrade_to_0009_and_up_again_keeps_the_products(empty_engine) -> None:  # noqa: ANN001, F811
    schema.upgrade(empty_engine, "0009")
    _seed_0009(empty_engine)
    schema.upgrade(empty_engine, "0015")
    downgrade(empty_engine, "0009")
    with empty_engine.connect() as c:
        assert c.execute(text("SELECT count(*) FROM products")).scalar() == 2
    schema.upgrade(empty_engine, "0015")
    with empty_engine.connect() as c:
        assert c.execute(text("SELECT count(*) FROM price_list_lines")).scalar() == 2
