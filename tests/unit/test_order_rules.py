"""Order, pricing and dispatch rules with no database (SPEC §4, §3 Execution)."""

from __future__ import annotations

from datetime import date

import pytest

from sales_desk.domain.collections.receivables import settle
from sales_desk.domain.common.errors import ValidationError
from sales_desk.domain.orders.contracts import (
    DEFAULT_DAYS_TO_PAY,
    BlockReason,
    CreditSnapshot,
    CustomerTerms,
    OrderMoney,
    OrderStatus,
    PaymentTerms,
    PrepaymentOutstanding,
    WrongOrderState,
    check_override,
    check_payment_terms,
    check_prepayment,
    credit_check,
    credit_exposure,
    default_days_to_pay,
    due_date,
    ensure_prepaid,
    ensure_transition,
    is_major,
    line_amount,
    required_prepayment,
)
from sales_desk.domain.orders.dispatch import (
    LineState,
    ShippedLine,
    check_return,
    check_shipment,
    status_after_shipment,
)
from sales_desk.domain.orders.pricing import (
    PricePosition,
    PriceRange,
    check_line_price,
    check_price_range,
)

RANGE = PriceRange(list_price=10_000, floor=9_000, ceiling=12_000)
B_CUSTOMER = CustomerTerms("B", "credit", 60)


# -- price inside the approved range ----------------------------------------------------------


def test_price_range_needs_floor_at_most_list_at_most_ceiling() -> None:
    assert check_price_range(10_000, 9_000, 12_000) == RANGE
    assert check_price_range(10_000, 10_000, 10_000).floor == 10_000
    for bad in ((10_000, 10_001, 12_000), (12_001, 9_000, 12_000), (10_000, 0, 12_000),
                (10_000, -1, 12_000)):
        with pytest.raises(ValidationError):
            check_price_range(*bad)


def test_price_below_floor_needs_vp_approval_at_the_edges() -> None:
    assert RANGE.position(8_999) is PricePosition.BELOW_FLOOR
    assert RANGE.position(9_000) is PricePosition.IN_RANGE
    assert check_line_price(8_999, RANGE) is True  # needs the sales VP
    assert check_line_price(9_000, RANGE) is False
    assert check_line_price(12_000, RANGE) is False


def test_price_above_ceiling_is_refused_outright() -> None:
    with pytest.raises(ValidationError, match="ceiling"):
        check_line_price(12_001, RANGE)
    for bad in (0, -5):
        with pytest.raises(ValidationError):
            check_line_price(bad, RANGE)


def test_line_amount_is_whole_quantity_times_unit_price() -> None:
    assert line_amount(3, 12_345) == 37_035
    for bad in (0, -1, True):
        with pytest.raises(ValidationError):
            line_amount(bad, 100)  # type: ignore[arg-type]


# -- major contract ---------------------------------------------------------------------------


def test_major_contract_at_or_above_the_threshold() -> None:
    threshold = 20_000_000
    assert not is_major(threshold - 1, threshold)
    assert is_major(threshold, threshold)
    assert is_major(threshold + 1, threshold)


# -- states -----------------------------------------------------------------------------------


def test_order_state_machine_allows_only_its_transitions() -> None:
    ensure_transition("SO1", OrderStatus.DRAFT, OrderStatus.SUBMITTED, "submitted")
    ensure_transition("SO1", OrderStatus.SIGNED, OrderStatus.BLOCKED, "blocked")
    ensure_transition("SO1", OrderStatus.BLOCKED, OrderStatus.APPROVED, "approved")
    ensure_transition("SO1", OrderStatus.PARTLY_SHIPPED, OrderStatus.CLOSED, "closed")
    for current, new in ((OrderStatus.DRAFT, OrderStatus.SIGNED),  # reviews come first
                         (OrderStatus.SUBMITTED, OrderStatus.APPROVED),  # signing comes first
                         (OrderStatus.PARTLY_SHIPPED, OrderStatus.CANCELLED),  # goods are out
                         (OrderStatus.CANCELLED, OrderStatus.DRAFT),
                         (OrderStatus.CLOSED, OrderStatus.SHIPPED)):
        with pytest.raises(WrongOrderState):
            ensure_transition("SO1", current, new, "x")


# -- payment terms and grade D -----------------------------------------------------------------


def test_grade_d_gets_no_credit_only_prepayment_or_cash_on_delivery() -> None:
    d = CustomerTerms("D", "prepayment", 0)
    with pytest.raises(ValidationError, match="no credit"):
        check_payment_terms(PaymentTerms(30, 0), d)
    with pytest.raises(ValidationError, match="no credit"):
        check_payment_terms(PaymentTerms(99, 0), d)
    check_payment_terms(PaymentTerms(100, 0), d)
    check_payment_terms(PaymentTerms(0, 0, cash_on_delivery=True), d)
    unrated = CustomerTerms(None, "prepayment", 0)
    with pytest.raises(ValidationError):
        check_payment_terms(PaymentTerms(0, 0), unrated)


def test_days_to_pay_within_the_customers_term() -> None:
    check_payment_terms(PaymentTerms(0, 60), B_CUSTOMER)
    with pytest.raises(ValidationError, match="60 days"):
        check_payment_terms(PaymentTerms(0, 61), B_CUSTOMER)
    check_payment_terms(PaymentTerms(0, 365), CustomerTerms("A", "credit", None))  # not capped
    with pytest.raises(ValidationError):
        check_payment_terms(PaymentTerms(0, 5, cash_on_delivery=True), B_CUSTOMER)
    for pct in (-1, 101):
        with pytest.raises(ValidationError):
            check_payment_terms(PaymentTerms(pct, 0), B_CUSTOMER)


def test_days_to_pay_default_to_the_customers_term_or_ours_when_uncapped() -> None:
    assert default_days_to_pay(B_CUSTOMER) == 60
    assert default_days_to_pay(CustomerTerms("A", "credit", None)) == DEFAULT_DAYS_TO_PAY
    assert default_days_to_pay(CustomerTerms("D", "prepayment", 0)) == 0
    assert default_days_to_pay(B_CUSTOMER, cash_on_delivery=True) == 0


def test_receivable_due_date_is_ship_date_plus_term_days() -> None:
    assert due_date(date(2026, 1, 31), PaymentTerms(0, 30)) == date(2026, 3, 2)
    assert due_date(date(2026, 12, 20), PaymentTerms(0, 15)) == date(2027, 1, 4)
    assert due_date(date(2026, 5, 5), PaymentTerms(0, 0)) == date(2026, 5, 5)
    assert due_date(date(2026, 5, 5), PaymentTerms(0, 0, cash_on_delivery=True)) == date(2026, 5, 5)


# -- the credit an order asks for ------------------------------------------------------------


def test_prepayment_share_is_rounded_half_up_to_the_fen() -> None:
    assert required_prepayment(10_001, 30) == 3_000  # 3000.3
    assert required_prepayment(10_005, 30) == 3_002  # 3001.5 → up
    assert required_prepayment(10_000, 100) == 10_000
    assert required_prepayment(10_000, 0) == 0


def test_exposure_is_unshipped_value_less_prepayment_still_to_apply() -> None:
    assert credit_exposure(OrderMoney(100_000)) == 100_000
    assert credit_exposure(OrderMoney(100_000, prepayment_required=30_000)) == 70_000
    # more money in than required lowers it further
    assert credit_exposure(OrderMoney(100_000, 0, 30_000, 60_000, 0)) == 40_000
    # half shipped, the prepayment applied to that invoice: the rest is all credit
    assert credit_exposure(OrderMoney(100_000, 50_000, 30_000, 30_000, 30_000)) == 50_000
    assert credit_exposure(OrderMoney(100_000, prepayment_required=100_000)) == 0
    assert credit_exposure(OrderMoney(100_000, cash_on_delivery=True)) == 0
    assert credit_exposure(OrderMoney(100_000, 100_000)) == 0


def _snap(limit: int = 100_000, receivables: int = 0, unshipped: int = 0, hold: bool = False,
          credit: bool = True) -> CreditSnapshot:
    return CreditSnapshot(limit, receivables, unshipped, hold, credit)


def test_available_credit_is_limit_less_open_receivables_less_approved_unshipped() -> None:
    assert _snap(100_000, 30_000, 20_000).available == 50_000
    assert _snap(100_000, 90_000, 20_000).available == -10_000


def test_over_limit_order_is_refused_at_the_edge() -> None:
    position = _snap(100_000, 30_000, 20_000)  # 50,000 available
    assert credit_check(position, 50_000).passes
    d = credit_check(position, 50_001)
    assert d.reason is BlockReason.OVER_LIMIT and d.excess == 1 and d.available_after == -1


def test_on_hold_order_is_refused_unless_it_asks_no_credit() -> None:
    d = credit_check(_snap(hold=True), 1)
    assert d.reason is BlockReason.ON_HOLD and d.excess == 1
    assert credit_check(_snap(hold=True), 0).passes  # 100 % prepaid or cash on delivery


def test_customer_without_credit_terms_is_refused_any_credit() -> None:
    assert credit_check(_snap(0, credit=False), 1).reason is BlockReason.NO_CREDIT
    assert credit_check(_snap(0, credit=False), 0).passes


def test_override_states_a_reason_and_covers_the_excess() -> None:
    blocked = credit_check(_snap(100_000, 90_000), 30_000)  # 10,000 available, excess 20,000
    assert blocked.excess == 20_000
    assert check_override(20_000, " 老客户，年底回款有保证 ", blocked) == "老客户，年底回款有保证"
    with pytest.raises(ValidationError, match="exceeds"):
        check_override(19_999, "老客户，年底回款有保证", blocked)
    with pytest.raises(ValidationError):
        check_override(20_000, "ok", blocked)  # no real reason
    with pytest.raises(ValidationError):
        check_override(20_000, "老客户，年底回款有保证", credit_check(_snap(), 1))  # nothing to override


# -- prepayment gate --------------------------------------------------------------------------


def test_prepayment_gate_opens_only_when_paid_in_full() -> None:
    with pytest.raises(PrepaymentOutstanding):
        ensure_prepaid("SO1", 30_000, 29_999)
    ensure_prepaid("SO1", 30_000, 30_000)
    ensure_prepaid("SO1", 0, 0)


def test_prepayments_never_add_up_to_more_than_the_order() -> None:
    check_prepayment(40_000, 100_000, 60_000)
    with pytest.raises(ValidationError):
        check_prepayment(40_001, 100_000, 60_000)
    with pytest.raises(ValidationError):
        check_prepayment(0, 100_000, 0)


# -- shipments and returns --------------------------------------------------------------------


LINES = {1: LineState(1, 10, 4), 2: LineState(2, 5, 0)}


def test_partial_shipment_totals_never_exceed_the_order() -> None:
    assert check_shipment(LINES, {1: 6, 2: 0}) == {1: 6}
    with pytest.raises(ValidationError, match="left to ship"):
        check_shipment(LINES, {1: 7})
    with pytest.raises(ValidationError):
        check_shipment(LINES, {3: 1})  # not a line of the order
    with pytest.raises(ValidationError):
        check_shipment(LINES, {1: 0, 2: 0})  # nothing
    with pytest.raises(ValidationError):
        check_shipment(LINES, {1: -1})


def test_order_is_shipped_when_every_line_is_shipped_in_full() -> None:
    assert status_after_shipment(LINES) is OrderStatus.PARTLY_SHIPPED
    assert status_after_shipment({1: LineState(1, 10, 10), 2: LineState(2, 5, 5)}) is OrderStatus.SHIPPED


def test_credit_note_never_more_than_shipped_and_not_yet_returned() -> None:
    shipped = {7: ShippedLine(7, 10, 3)}
    assert check_return(shipped, {7: 7}) == {7: 7}
    with pytest.raises(ValidationError, match="not yet returned"):
        check_return(shipped, {7: 8})
    with pytest.raises(ValidationError):
        check_return(shipped, {8: 1})


def test_a_credit_settles_no_more_than_is_open() -> None:
    assert settle(500, 200) == 200
    assert settle(200, 500) == 200
    assert settle(0, 500) == 0


def test_goods_go_to_the_orders_address_else_the_customers() -> None:
    from sales_desk.domain.orders.dispatch import ship_to

    assert ship_to("苏州工业园区星湖街 1 号", "上海市张江路 88 号") == "苏州工业园区星湖街 1 号"
    assert ship_to("  ", "上海市张江路 88 号 ") == "上海市张江路 88 号"
    assert ship_to("", "") == ""
