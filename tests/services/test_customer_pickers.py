"""The pickers' choices: the reps a customer list can be filtered by, the customers a
typed name or code finds."""

from __future__ import annotations

import pytest

from sales_desk.domain.common.errors import NotPermitted
from sales_desk.services.admin import users
from sales_desk.services.customers import pickers as customer_pickers
from tests.services.credit_flow import new_customer


def test_rep_picker_lists_active_reps_for_those_who_see_all_customers(database, admin, make_user) -> None:
    make_user("rep.a", "sales_rep")
    make_user("rep.b", "sales_rep")
    make_user("spec", "cs_specialist")
    sup = make_user("sup", "sales_supervisor")
    users.set_active(database.uow(admin), "rep.b", False)
    assert [r.username for r in customer_pickers.list_reps(database.uow(sup))] == ["rep.a"]
    every = customer_pickers.list_reps(database.uow(sup), include_inactive=True)
    assert [(r.username, r.active) for r in every] == [("rep.a", True), ("rep.b", False)]


def test_rep_picker_shows_a_rep_only_themselves(database, make_user) -> None:
    a = make_user("rep.a", "sales_rep")
    make_user("rep.b", "sales_rep")
    assert [r.username for r in customer_pickers.list_reps(database.uow(a))] == ["rep.a"]


def test_rep_picker_needs_the_customer_view_right(database, admin) -> None:
    with pytest.raises(NotPermitted):
        customer_pickers.list_reps(database.uow(admin))


def test_customer_search_matches_code_or_names_and_puts_a_full_code_first(database, make_user) -> None:
    rep = make_user("rep.a", "sales_rep")
    new_customer(database, rep, name="乙方贸易", code="K10")  # 乙 sorts before 甲
    new_customer(database, rep, name="甲方贸易", code="K1")
    new_customer(database, rep, name="丙方电子", code="M7", short_name="丙电")
    found = customer_pickers.find_customers(database.uow(rep), " k1")
    assert [(c.code, c.name) for c in found] == [("K1", "甲方贸易"), ("K10", "乙方贸易")]
    assert [c.code for c in customer_pickers.find_customers(database.uow(rep), "丙电")] == ["M7"]
    assert [c.code for c in customer_pickers.find_customers(database.uow(rep), "贸 易", limit=1)] == ["K10"]
    assert customer_pickers.find_customers(database.uow(rep), "  ") == []


def test_customer_search_offers_a_rep_only_their_own_customers(database, make_user) -> None:
    a, b = make_user("rep.a", "sales_rep"), make_user("rep.b", "sales_rep")
    sup = make_user("sup", "sales_supervisor")
    new_customer(database, a, name="甲方贸易", code="A1")
    new_customer(database, b, name="乙方贸易", code="B1")
    assert [c.code for c in customer_pickers.find_customers(database.uow(a), "贸易")] == ["A1"]
    assert [c.code for c in customer_pickers.find_customers(database.uow(b), "A1")] == []
    assert [c.code for c in customer_pickers.find_customers(database.uow(sup), "贸易")] == ["B1", "A1"]  # by name
