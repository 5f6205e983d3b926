"""The stock sheet's rules [进销存] (domain/collections/stock_check.py), one line at a time."""

from __future__ import annotations

from sales_desk.domain.collections.rebates import StockFigures
from sales_desk.domain.collections.stock_check import StockState, check_month, flags_of


def test_opening_is_last_months_closing_carried_forward() -> None:
    line = check_month(40, StockFigures(41, 30, 25, 45), 30)
    assert (line.opening, line.expected_closing, line.gap, line.state) == (40, 45, 0, StockState.AGREES)


def test_a_first_report_opens_with_its_own_opening() -> None:
    line = check_month(None, StockFigures(7, 0, 2, 5), 0)
    assert (line.opening, line.gap, line.state) == (7, 0, StockState.AGREES)


def test_received_is_our_net_shipment_not_the_reported_one() -> None:
    line = check_month(0, StockFigures(0, 50, 10, 40), 48)  # they say 50 came, we shipped 48 net
    assert (line.received, line.expected_closing, line.gap, line.state) == (48, 38, 2, StockState.DIFFERS)


def test_a_closing_off_by_one_either_way_differs() -> None:
    assert check_month(10, StockFigures(10, 5, 5, 11), 5).gap == 1
    assert check_month(10, StockFigures(10, 5, 5, 9), 5).state is StockState.DIFFERS


def test_no_report_is_not_reported_with_nothing_to_compare() -> None:
    line = check_month(12, None, 3)
    assert (line.opening, line.received, line.sold, line.gap, line.state) == (12, 3, None, None,
                                                                               StockState.NOT_REPORTED)


def test_a_distributor_who_reported_nothing_is_flagged_once_not_per_product() -> None:
    lines = [check_month(1, None, 0), check_month(None, None, 5)]
    flags = flags_of(lines, reported=False)
    assert (flags.reported, flags.differing, flags.missing, flags.flagged) == (False, 0, 0, True)


def test_a_distributor_flagged_for_a_difference_or_a_product_left_out() -> None:
    agrees, differs, missing = (check_month(0, StockFigures(0, 1, 1, 0), 1), check_month(0, StockFigures(0, 1, 0, 0), 1),
                                check_month(3, None, 0))
    assert not flags_of([agrees], True).flagged
    assert (flags_of([agrees, differs], True).differing, flags_of([agrees, missing], True).missing) == (1, 1)
    assert flags_of([agrees, missing], True).flagged
