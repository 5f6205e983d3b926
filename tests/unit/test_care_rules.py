"""The customer-care rules without a database (domain/care/)."""

from __future__ import annotations

from datetime import date

import pytest

from sales_desk.domain.care.complaints import (
    ClosingNeedsConfirmation,
    Earlier,
    case_number,
    check_confirmation,
    check_score,
    deadline_for,
    is_overdue,
    repeat_of,
)
from sales_desk.domain.care.key_accounts import total_score
from sales_desk.domain.common.errors import ValidationError

POLICY = {"customer.complaint_days_minor": 7, "customer.complaint_days_major": 3,
          "customer.complaint_days_critical": 1}


def test_a_complaints_deadline_by_severity() -> None:
    on = date(2026, 12, 30)
    assert [deadline_for(on, s, POLICY) for s in ("minor", "major", "critical")] == [
        date(2027, 1, 6), date(2027, 1, 2), date(2026, 12, 31)]
    assert is_overdue(date(2026, 12, 31), None, date(2027, 1, 1))
    assert not is_overdue(date(2026, 12, 31), date(2026, 12, 31), date(2027, 1, 5))  # closed on the day


def test_a_repeat_complaint_within_the_set_window_and_not_outside_it() -> None:
    earlier = [Earlier(1, date(2026, 1, 1), "quality", 7), Earlier(2, date(2026, 3, 1), "price", None)]
    assert repeat_of(date(2026, 4, 1), "quality", None, earlier, 90) == 1  # day 90: inside
    assert repeat_of(date(2026, 4, 2), "quality", None, earlier, 90) is None  # day 91: outside
    assert repeat_of(date(2026, 3, 20), "delivery", 7, earlier, 90) == 1  # the same product
    assert repeat_of(date(2026, 3, 20), "price", 7, earlier, 90) == 2  # the latest of both
    assert repeat_of(date(2026, 3, 20), "delivery", 8, earlier, 90) is None


def test_closing_needs_the_customers_confirmation() -> None:
    with pytest.raises(ClosingNeedsConfirmation):
        check_confirmation("  ", date(2026, 1, 5), date(2026, 1, 1), date(2026, 1, 9))
    with pytest.raises(ClosingNeedsConfirmation):
        check_confirmation("李四", None, date(2026, 1, 1), date(2026, 1, 9))
    with pytest.raises(ValidationError):
        check_confirmation("李四", date(2026, 1, 10), date(2026, 1, 1), date(2026, 1, 9))
    check_confirmation("李四", date(2026, 1, 9), date(2026, 1, 1), date(2026, 1, 9))


def test_scores_and_numbers() -> None:
    assert check_score(5) == 5
    for bad in (0, 6, True, "3"):
        with pytest.raises(ValidationError):
            check_score(bad)  # type: ignore[arg-type]
    assert case_number("complaint", 2026, 12) == "TS2026-00012"
    assert case_number("service", 2026, 3) == "FW2026-00003"
    assert total_score({"volume": 5, "concentration": 5, "service": 5, "price": 5, "partnership": 5}) == 25
