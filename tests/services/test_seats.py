"""Seats (issue 17): the administrator sees who is logged in where and can end a seat;
an ended seat's session loses its rights at its next call."""

from __future__ import annotations

from datetime import date

import pytest

from sales_desk.domain.admin import seats as seat_rules
from sales_desk.domain.admin.seats import SeatEnded
from sales_desk.domain.common.errors import NotPermitted
from sales_desk.services.admin import seats
from sales_desk.services.customers import listing
from sales_desk.services.customers.listing import CustomerFilter
from tests.services.credit_flow import new_customer


@pytest.fixture(autouse=True)
def _day(pin_business_date) -> None:
    pin_business_date(date(2026, 3, 10))


def test_ending_a_seat_ends_its_sessions_rights_at_its_next_call(database, admin, make_user) -> None:
    admin_seat = seats.open_seat(database.uow(admin), "office-admin")
    rep = make_user("rep", "sales_rep")
    at_desk = seats.open_seat(database.uow(rep), "desk-1")
    at_home = seats.open_seat(database.uow(rep), "laptop")
    new_customer(database, at_desk)

    seats.end_seat(database.uow(admin_seat), at_desk.seat_id)

    with pytest.raises(SeatEnded):
        listing.list_customers(database.uow(at_desk), CustomerFilter())
    with pytest.raises(SeatEnded):  # a write just the same
        new_customer(database, at_desk, name="再来一个")
    assert len(listing.list_customers(database.uow(at_home), CustomerFilter()).rows) == 1  # the other seat goes on
    shown = seats.list_seats(database.uow(admin_seat))
    assert [(s.username, s.machine) for s in shown] == [("rep", "laptop"), ("admin", "office-admin")]


def test_a_person_logged_in_on_two_machines_is_shown_on_both(database, admin, make_user) -> None:
    rep = make_user("rep", "sales_rep")
    seats.open_seat(database.uow(rep), "desk-1")
    seats.open_seat(database.uow(rep), "laptop")
    rows = seats.list_seats(database.uow(admin))
    assert sorted((s.username, s.machine) for s in rows) == [("rep", "desk-1"), ("rep", "laptop")]
    assert all(s.last_activity >= s.since for s in rows)


def test_only_the_administrator_sees_and_ends_seats(database, admin, make_user) -> None:
    rep = seats.open_seat(database.uow(make_user("rep", "sales_rep")), "desk-1")
    with pytest.raises(NotPermitted):
        seats.list_seats(database.uow(rep))
    with pytest.raises(NotPermitted):
        seats.end_seat(database.uow(rep), rep.seat_id)


def test_logging_out_frees_the_seat(database, admin, make_user) -> None:
    rep = seats.open_seat(database.uow(make_user("rep", "sales_rep")), "desk-1")
    seats.close_seat(database.uow(rep))
    assert seats.list_seats(database.uow(admin)) == []
    assert [s.machine for s in seats.list_seats(database.uow(admin), include_ended=True)] == ["desk-1"]


def test_a_call_notes_the_seats_last_activity(database, admin, make_user, monkeypatch) -> None:
    rep = seats.open_seat(database.uow(make_user("rep", "sales_rep")), "desk-1")
    before = seats.list_seats(database.uow(admin))[0].last_activity
    monkeypatch.setattr(seat_rules, "ACTIVITY_RESOLUTION", seat_rules.ACTIVITY_RESOLUTION * 0)
    listing.list_customers(database.uow(rep), CustomerFilter())
    assert seats.list_seats(database.uow(admin))[0].last_activity > before
