"""The distributors' monthly stock sheet [经销商进销存表] (issue 19, seed 002 一、11), on SQLite and
PostgreSQL: opening carried from last month's reported closing, received as shipped less
returned, and the distributors whose closing disagrees or who did not report flagged."""

from __future__ import annotations

import pytest

from sales_desk.domain.collections.stock_check import StockState
from sales_desk.domain.common.errors import NotPermitted
from sales_desk.services.collections import distributor_stock
from tests.services.stock_month_flow import MARCH, March, march


@pytest.fixture
def m(database, make_user, pin_business_date) -> March:  # noqa: ANN001
    return march(database, make_user, pin_business_date)


def _sheet(database, actor):  # noqa: ANN001, ANN202
    return {d.code: d for d in distributor_stock.stock_month(database.uow(actor), MARCH).distributors}


def test_received_is_what_we_shipped_less_what_came_back_that_month(database, m) -> None:  # noqa: ANN001
    d1 = _sheet(database, m.crew.mgr)["D001"]
    assert {x.product_code: x.check.received for x in d1.lines} == {"P-100": 40 - 10, "P-200": 20}


def test_opening_is_last_months_reported_closing_else_the_first_reports_own(database, m) -> None:  # noqa: ANN001
    sheet = _sheet(database, m.crew.mgr)
    [p100, _p200] = sheet["D001"].lines
    assert p100.check.opening == 40  # February's closing, not the 41 March's report opens with
    assert sheet["D002"].lines[0].check.opening == 0  # no February report: its own opening


def test_a_closing_that_disagrees_with_opening_plus_received_less_sold_is_flagged(database, m) -> None:  # noqa: ANN001
    sheet = _sheet(database, m.crew.mgr)
    p100 = sheet["D001"].lines[0].check
    assert (p100.sold, p100.closing, p100.expected_closing, p100.gap, p100.state) == (
        25, 46, 40 + 30 - 25, 1, StockState.DIFFERS)
    d2 = sheet["D002"]
    assert (d2.lines[0].check.state, d2.lines[0].check.gap, d2.flags.flagged) == (StockState.AGREES, 0, False)


def test_a_product_shipped_but_left_out_of_the_report_is_flagged(database, m) -> None:  # noqa: ANN001
    d1 = _sheet(database, m.crew.mgr)["D001"]
    p200 = d1.lines[1]
    assert (p200.product_code, p200.check.state, p200.check.sold, p200.entered_by) == (
        "P-200", StockState.NOT_REPORTED, None, "")
    assert (d1.flags.reported, d1.flags.differing, d1.flags.missing, d1.flags.flagged) == (True, 1, 1, True)


def test_a_distributor_who_has_not_reported_the_month_is_flagged(database, m) -> None:  # noqa: ANN001
    sheet = _sheet(database, m.crew.mgr)
    d3, d4 = sheet["D003"], sheet["D004"]
    assert (d3.flags.reported, d3.flags.flagged, [x.product_id for x in d3.lines]) == (False, True, [None])
    assert (d4.flags.reported, d4.lines[0].check.received, d4.lines[0].check.state) == (
        False, 5, StockState.NOT_REPORTED)
    sheet_month = distributor_stock.stock_month(database.uow(m.crew.mgr), MARCH)
    assert [d.code for d in sheet_month.flagged] == ["D001", "D003", "D004"]


def test_a_rep_sees_only_their_own_distributors(database, m) -> None:  # noqa: ANN001
    assert sorted(_sheet(database, m.crew.rep)) == ["D001", "D002", "D003"]
    assert sorted(_sheet(database, m.rep2)) == ["D004"]
    with pytest.raises(NotPermitted):  # the warehouse follows no distributor
        distributor_stock.stock_month(database.uow(m.crew.wh), MARCH)
