"""The rep picker: who a customer list can be filtered by."""

from __future__ import annotations

import pytest

from sales_desk.domain.errors import NotPermitted
from sales_desk.services import customer_pickers, users


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
