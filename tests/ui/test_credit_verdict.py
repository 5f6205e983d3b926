"""The credit panel's sentence says what its figures say (issue 16: one meaning per figure)."""

from __future__ import annotations

import re

from sales_desk.domain.orders.contracts import BlockReason, OrderStatus
from sales_desk.services.orders.credit_check import OrderCreditPosition
from sales_desk.ui.tabs.orders.credit_box import CreditBox


def _position(available: int, this_order: int, blocked: str | None = None, excess: int = 0) -> OrderCreditPosition:
    return OrderCreditPosition(1, "B", 10_000_000, 30, "credit", False, 0, 0, available, this_order,
                               available - this_order, blocked, excess)


def _amounts(text: str) -> list[str]:
    return re.findall(r"\d[\d,]*\.\d\d", text)


def test_an_order_for_a_customer_already_over_the_limit_names_the_overrun_before_and_after() -> None:
    p = _position(-1_620_000, 5_600_000, BlockReason.OVER_LIMIT.value, 5_600_000)
    text, ok = CreditBox.verdict_for(p, OrderStatus.SIGNED.value, 5_600_000)
    assert not ok
    assert _amounts(text) == ["16,200.00", "56,000.00", "72,200.00"]  # what the panel shows: before, asked, after


def test_an_order_beyond_a_positive_available_credit_names_the_excess() -> None:
    p = _position(1_000_000, 5_600_000, BlockReason.OVER_LIMIT.value, 4_600_000)
    text, ok = CreditBox.verdict_for(p, OrderStatus.BLOCKED.value, 5_600_000)
    assert not ok and _amounts(text) == ["46,000.00"]


def test_an_empty_order_on_credit_terms_is_not_called_prepaid() -> None:
    text, ok = CreditBox.verdict_for(_position(1_000_000, 0), OrderStatus.DRAFT.value, 0)
    assert ok and "prepaid" not in text and "No lines yet" in text
    text, _ok = CreditBox.verdict_for(_position(1_000_000, 0), OrderStatus.DRAFT.value, 5_000_000)
    assert "prepaid or cash on delivery" in text
