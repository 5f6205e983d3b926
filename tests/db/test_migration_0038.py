"""Upgrade from 0037 to 0038: every customer, contact, colleague and product keyed again
with the full pinyin after the short parts (pinyin_keys.SHORT_END), the search indexes
built again over the new text, and on SQLite the name-order indexes carrying it; down to
0037 gives the plain order indexes back."""

from __future__ import annotations

from sqlalchemy import Engine, inspect, text

from sales_desk.db import schema, search_index
from sales_desk.domain.common import pinyin_keys
from tests.db.test_migration_0005 import _insert, downgrade, empty_engine  # noqa: F401 - the fixture

# as 0022 and 0031 keyed them: each name's spellings together
OLD_CUSTOMER_KEY = "c1\x1f黄河贸易\x1fhuanghemaoyi\x1fhhmy"


def _seed_0037(engine: Engine) -> None:
    _insert(engine, "users", id=1, username="zengguofan", full_name="曾国藩", password_hash="x", active=True,
            search_text="zengguofan\x1f曾国藩\x1fcengguofan\x1fcgf\x1fzgf")
    _insert(engine, "customers", id=1, code="C1", name="黄河贸易", rep_id=1, search_text=OLD_CUSTOMER_KEY,
            search_grams="c c1 1 黄 黄河 河 河贸 贸 贸易 易 h hh hm m my y", sort_key="huang he mao yi")
    _insert(engine, "customer_contacts", id=1, customer_id=1, name="单雄信", search_text="单雄信\x1fdanxiongxin")
    _insert(engine, "products", id=1, code="BMQ-1K", name="编码器", list_price=100, floor_price=90, ceiling_price=110,
            search_text="bmq-1k\x1f编码器\x1fbianmaqi\x1fbmq")


def _order_index_columns(engine: Engine) -> dict[str, list[str]]:
    indexes = {ix["name"]: ix["column_names"] for ix in inspect(engine).get_indexes("customers")}
    return {name: indexes[name] for name, _ in search_index.ORDER_INDEXES["customers"]}


def test_every_name_is_keyed_again_with_its_full_pinyin_last(empty_engine: Engine) -> None:  # noqa: F811
    schema.upgrade(empty_engine, "0037")
    _seed_0037(empty_engine)
    schema.upgrade(empty_engine, "0038")
    with empty_engine.connect() as c:
        customer = c.execute(text("SELECT search_text FROM customers WHERE id = 1")).scalar()
        assert customer == "c1\x1f黄河贸易\x1fhhmy\x1ehuanghemaoyi" == pinyin_keys.search_text(["C1"], ["黄河贸易"])
        assert c.execute(text("SELECT search_text FROM users WHERE id = 1")).scalar() == pinyin_keys.search_text(
            ["zengguofan"], ["曾国藩"], person=True)
        assert c.execute(text("SELECT search_text FROM customer_contacts")).scalar() == pinyin_keys.search_text(
            [], ["单雄信"], person=True)
        assert c.execute(text("SELECT search_text FROM products")).scalar() == "bmq-1k\x1f编码器\x1fbmq\x1ebianmaqi"
        if empty_engine.dialect.name == "sqlite":
            # the trigram index was built again over the new text: found by the full pinyin
            assert c.execute(text("SELECT rowid FROM customers_fts WHERE customers_fts MATCH '\"huanghe\"'")
                             ).scalars().all() == [1]
            assert c.execute(text("SELECT rowid FROM users_fts WHERE users_fts MATCH '\"shanxiong\"'")
                             ).scalars().all() == []
            assert c.execute(text(
                "SELECT rowid FROM customer_contacts_fts WHERE customer_contacts_fts MATCH '\"shanxiong\"'")
            ).scalars().all() == [1]
    carried = ["search_text"] if empty_engine.dialect.name == "sqlite" else []
    assert _order_index_columns(empty_engine) == {
        name: [*columns, *carried] for name, columns in search_index.ORDER_INDEXES["customers"]}


def test_downgrade_to_0037_gives_the_plain_order_indexes_back(empty_engine: Engine) -> None:  # noqa: F811
    schema.upgrade(empty_engine, "0037")
    _seed_0037(empty_engine)
    schema.upgrade(empty_engine, "0038")
    downgrade(empty_engine, "0037")
    assert _order_index_columns(empty_engine) == {
        name: list(columns) for name, columns in search_index.ORDER_INDEXES["customers"]}
    schema.upgrade(empty_engine, "0038")
