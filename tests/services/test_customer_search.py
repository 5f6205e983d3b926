"""The customer filter finds by characters, full pinyin and initials, through the
search index (never a scan), on SQLite and PostgreSQL; keys follow a rename."""

from __future__ import annotations

import re
from typing import Any

import pytest
from sqlalchemy import event, select

from sales_desk import i18n
from sales_desk.db import search_index
from sales_desk.models import Customer
from sales_desk.services.common.search import name_search
from sales_desk.services.customers import files as customers
from sales_desk.services.customers import listing as customer_list
from sales_desk.services.customers import pickers
from sales_desk.services.customers.listing import CustomerFilter
from tests.services.credit_flow import new_customer


@pytest.fixture
def rep(make_user):
    return make_user("rep.a", "sales_rep")


def _found(database, actor, typed: str) -> list[str]:  # noqa: ANN001
    page = customer_list.list_customers(database.uow(actor), CustomerFilter(text=typed))
    return sorted(r.code for r in page.rows)


def test_huatong_is_found_by_characters_full_pinyin_and_initials(database, rep) -> None:
    new_customer(database, rep, name="上海华通贸易有限公司", code="HT1")
    new_customer(database, rep, name="北京华通机电", code="HT2", short_name="华通机电")
    new_customer(database, rep, name="广州华东医药", code="HD1")
    for typed in ("华通", "huatong", "HuaTong", "ht", "华通 ", "hua tong"):
        assert _found(database, rep, typed) == ["HT1", "HT2"], typed
    assert _found(database, rep, "华") == ["HD1", "HT1", "HT2"]
    assert _found(database, rep, "shhtmy") == ["HT1"]  # the initials of the whole name
    assert _found(database, rep, "jidian") == ["HT2"]
    assert _found(database, rep, "hd") == ["HD1"]
    assert _found(database, rep, "ht2") == ["HT2"]  # codes too
    assert _found(database, rep, "huadong") == ["HD1"]
    assert _found(database, rep, "%") == [] and _found(database, rep, '"h') == []  # no syntax
    assert customer_list.count_customers(database.uow(rep), CustomerFilter(text="ht")) == 2
    assert [c.code for c in pickers.find_customers(database.uow(rep), "huatong")] == ["HT1", "HT2"]


def test_a_renamed_customer_is_found_by_its_new_name_only(database, rep) -> None:
    cid = new_customer(database, rep, name="上海华通贸易有限公司", code="C1")
    customers.update_customer(database.uow(rep), cid, {"name": "杭州永安物流"})
    assert _found(database, rep, "ht") == []
    assert _found(database, rep, "huatong") == []
    assert _found(database, rep, "yongan") == ["C1"]
    assert _found(database, rep, "ya") == ["C1"]


def test_a_rep_finds_only_their_own_customers(database, rep, make_user) -> None:
    other = make_user("rep.b", "sales_rep")
    new_customer(database, rep, name="上海华通贸易", code="A1")
    new_customer(database, other, name="北京华通机电", code="B1")
    assert _found(database, rep, "ht") == ["A1"]
    assert _found(database, other, "huatong") == ["B1"]


@pytest.mark.parametrize("typed", ["huatong", "ht"])
def test_the_filter_is_served_by_the_search_index_not_a_scan(database, rep, typed) -> None:
    new_customer(database, rep, name="上海华通贸易有限公司", code="HT1")
    with database.uow(rep) as uow:
        q = name_search(uow, select(Customer.id), typed)
        conn = uow.session.connection()
        if conn.dialect.name == "sqlite":
            # the ids come from the FTS5 index, then the rows by primary key
            found = search_index.matching_ids(conn, "customers", typed, len(typed) < 3).found
            for query, wanted in ((found, "VIRTUAL TABLE INDEX"), (q, "USING INTEGER PRIMARY KEY")):
                sql = str(query.compile(dialect=conn.dialect,
                                        compile_kwargs={"literal_binds": True, "render_postcompile": True}))
                plan = " ".join(str(r[-1]) for r in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}"))
                assert wanted in plan, plan
                assert not re.search(r"SCAN customers\b(?!_)", plan), plan
        else:
            found = search_index.matching_ids(conn, "customers", typed, len(typed) < 3).found
            lookup = select(Customer.id).where(found)
            compiled = lookup.compile(dialect=conn.dialect)
            # One row: a scan of the table, or of the (name, id) index, is cheaper than any
            # lookup; both are set aside for this transaction (rolled back) to see that the
            # search index serves the condition at all.
            conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
            conn.exec_driver_sql("DROP INDEX ix_customers_name_search")
            plan = " ".join(r[0] for r in conn.exec_driver_sql(f"EXPLAIN {compiled}", compiled.params))
            index = "ix_customers_search_grams" if len(typed) < 3 else "ix_customers_search_trgm"
            assert index in plan, plan


def test_the_chinese_ui_lists_customers_in_pinyin_order_page_by_page(database, rep) -> None:
    for code, name in (("Z", "张家港物流"), ("A", "安徽建材"), ("B", "北京华通"), ("C", "重庆银行"),
                       ("L", "ABC Trading")):
        new_customer(database, rep, name=name, code=code)

    def codes() -> list[str]:
        out, after = [], None
        while True:
            page = customer_list.list_customers(database.uow(rep), after=after, limit=2)
            out += [r.code for r in page.rows]
            if page.next_after is None:
                return out
            after = page.next_after

    assert codes() == ["L", "B", "A", "Z", "C"]  # code points: 北 5317 < 安 5B89 < 张 < 重
    assert [c.code for c in pickers.find_customers(database.uow(rep), "j")] == ["B", "A", "Z"]
    i18n.set_language("zh_CN")
    assert codes() == ["L", "A", "B", "C", "Z"]  # an, bei, chong, zhang
    assert [c.code for c in pickers.find_customers(database.uow(rep), "j")] == ["A", "B", "Z"]


def test_many_matches_walk_the_order_index_and_give_the_same_pages(database, rep, monkeypatch) -> None:
    from sales_desk.services.common import search

    for i, name in enumerate(("上海华通贸易", "北京华通机电", "杭州华通物流", "广州华东医药", "华通科技")):
        new_customer(database, rep, name=name, code=f"K{i}")

    def pages(typed: str) -> list[str]:
        out, after = [], None
        while True:
            page = customer_list.list_customers(database.uow(rep), CustomerFilter(text=typed), after=after, limit=2)
            out += [r.code for r in page.rows]
            if page.next_after is None:
                return out
            after = page.next_after

    few = {t: pages(t) for t in ("华通", "huatong", "ht", "hd")}
    assert few["华通"] == ["K0", "K1", "K4", "K2"]  # 上 < 北 < 华 < 杭 by code point
    monkeypatch.setattr(search, "DENSE", 1)  # every search counts as one of many matches
    assert {t: pages(t) for t in few} == few
    assert [c.code for c in pickers.find_customers(database.uow(rep), "ht")] == ["K0", "K1", "K4", "K2"]
    assert [c.code for c in pickers.find_customers(database.uow(rep), "k3")] == ["K3"]  # the code first


@pytest.fixture
def few_trigrams(monkeypatch):
    """Every text of 4 characters or more read by its rarest trigrams, as at a million
    customers (a small firm's phrases are cheap enough to be read whole)."""
    monkeypatch.setattr(search_index, "_PHRASE_ROWS", 0)
    monkeypatch.setattr(search_index, "_MANY", 0)


def test_a_text_read_by_its_rarest_trigrams_finds_only_rows_with_the_whole_text(database, rep, few_trigrams,
                                                                                 monkeypatch) -> None:
    from sales_desk.services.common import search

    new_customer(database, rep, name="上海华通贸易", code="HT1")
    new_customer(database, rep, name="北京华通机电", code="HT2")
    # uat the rarest trigram of huatong (hua and ato more common), and in QUAT1 too, whose
    # keys have no "huatong"; ong in most names, as in pinyin
    new_customer(database, rep, name="通用贸易", code="QUAT1")
    for i in range(5):
        new_customer(database, rep, name=f"华丰{i}", code=f"ATO{i}")
    for i in range(20):
        new_customer(database, rep, name=f"通用{i}号", code=f"TONG{i}")
    with database.uow(rep) as uow:
        conn = uow.session.connection()
        if conn.dialect.name == "sqlite":  # PostgreSQL's pg_trgm chooses for itself
            chosen = search_index.rarest_trigrams(conn, "customers", "huatong")
            assert chosen[0] == "uat"
            # a sample of uat's rows says both hold huatong: a page walks the order index at once
            assert search_index.matching_ids(conn, "customers", "huatong", False, walk_from=2).many
            assert not search_index.matching_ids(conn, "customers", "huatong", False, walk_from=3).many
            assert all(abs("huatong".index(a) - "huatong".index(b)) >= 3 for a in chosen for b in chosen if a != b)
    for dense, sure in ((2000, 8192), (1, 8192), (1, 1)):  # ids by key, read and tested, walked
        monkeypatch.setattr(search, "DENSE", dense)
        monkeypatch.setattr(search, "SURE", sure)
        assert _found(database, rep, "huatong") == ["HT1", "HT2"], (dense, sure)
        assert _found(database, rep, "tongyong") == sorted(["QUAT1"] + [f"TONG{i}" for i in range(20)])
        assert customer_list.count_customers(database.uow(rep), CustomerFilter(text="huatong")) == 2
        assert [c.code for c in pickers.find_customers(database.uow(rep), "huatong")] == ["HT1", "HT2"]


def test_few_true_matches_among_many_trigram_ids_are_read_by_key_not_walked(database, rep, few_trigrams,
                                                                          monkeypatch) -> None:
    from sales_desk.services.common import search

    # codes share their trigrams (C00123..): 345 is in many codes, C0012345 in one
    for i in range(40):
        new_customer(database, rep, name=f"客户{i}", code=f"C{i:02d}345")
    new_customer(database, rep, name="目标客户", code="C0012345")
    monkeypatch.setattr(search, "DENSE", 5)  # 40 ids from a trigram are "many", under SURE
    with database.uow(rep) as uow:
        q = name_search(uow, select(Customer.id).order_by(Customer.name, Customer.id).limit(3), "c0012345",
                        walk_order=True)
        conn = uow.session.connection()
        plan = " ".join(str(r[-1]) for r in conn.exec_driver_sql(
            "EXPLAIN QUERY PLAN " + str(q.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True})))) \
            if conn.dialect.name == "sqlite" else ""
        # the sample of 345's rows finds one holding the whole text: too few to walk for
        few = conn.dialect.name == "sqlite" and not search_index.matching_ids(
            conn, "customers", "c0012345", False, walk_from=5).many
    if plan:
        assert few
        assert "USING INTEGER PRIMARY KEY" in plan and "ix_customers_name_search" not in plan, plan
    assert _found(database, rep, "C0012345") == ["C0012345"]
    assert _found(database, rep, "01234") == ["C0012345"]



@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_many_matches_are_tested_on_the_order_index_a_short_text_only_before_the_full_pinyin(
        database, rep, monkeypatch, language) -> None:
    from sales_desk.services.common import search

    new_customer(database, rep, name="黄河贸易", code="K1")  # huanghemaoyi: "an" only in its pinyin
    new_customer(database, rep, name="AN Trading", code="K2")
    new_customer(database, rep, name="安徽建材", code="K3")  # 安 an: "a" its initial
    new_customer(database, rep, name="华通", code="K4")
    monkeypatch.setattr(search, "DENSE", 1)  # every search counts as one of many matches
    i18n.set_language(language)
    assert _found(database, rep, "an") == ["K2"]
    assert _found(database, rep, "a") == ["K2", "K3"]
    assert _found(database, rep, "huang") == ["K1"]  # a long text: the full pinyin too
    assert _found(database, rep, "ht") == ["K4"]
    if database.engine.dialect.name != "sqlite":
        return  # PostgreSQL's order indexes do not carry the text
    pages: list[tuple[str, Any]] = []

    def keep(_conn, _cursor, statement, parameters, _context, _many) -> None:  # noqa: ANN001
        if "ORDER BY" in statement and "instr(" in statement:
            pages.append((statement, parameters))

    event.listen(database.engine, "before_cursor_execute", keep)
    try:
        assert _found(database, rep, "an") == ["K2"]
    finally:
        event.remove(database.engine, "before_cursor_execute", keep)
    (statement, parameters), = pages  # the list's own page query, tested on the index
    with database.engine.connect() as conn:
        plan = " ".join(str(r[-1]) for r in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters))
    index = "ix_customers_rep_sort_key" if language == "zh_CN" else "ix_customers_rep_name"
    assert f"USING INDEX {index}" in plan, plan
    assert "customers_grams" not in plan and "json_each" not in plan and "TEMP B-TREE" not in plan, plan
