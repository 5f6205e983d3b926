"""Two seats approving orders of one customer at once cannot together exceed its limit
(SQLite: BEGIN IMMEDIATE serializes the transactions; PostgreSQL: the customer row is
locked with SELECT … FOR UPDATE before the credit position is read)."""

from __future__ import annotations

import threading
import time

import pytest

from sales_desk.domain.orders.contracts import CreditLimitExceeded, OrderStatus
from sales_desk.services.orders import approvals as order_approvals
from sales_desk.services.orders import credit_check as order_credit
from sales_desk.services.orders import views as order_views
from tests.services.order_flow import credit_customer, product, signed, team


@pytest.fixture
def t(make_user):
    return team(make_user)


def test_two_seats_approving_at_once_cannot_together_exceed_the_limit(database, t, monkeypatch) -> None:
    cid = credit_customer(database, t)  # limit 100,000.00
    pid = product(database, t)
    first = signed(database, t, cid, [(pid, 600, None)])  # 60,000.00: fits alone
    second = signed(database, t, cid, [(pid, 600, None)])  # 60,000.00: fits alone, not both

    # The first seat to read the position holds on to it for a while before deciding: without
    # the lock, the other seat would read the same position meanwhile and approve too.
    real = order_credit.snapshot
    inside = threading.Event()

    def slow_snapshot(uow, c):  # noqa: ANN001, ANN202
        snap = real(uow, c)
        if not inside.is_set():
            inside.set()
            time.sleep(0.6)
        return snap

    monkeypatch.setattr(order_credit, "snapshot", slow_snapshot)
    outcome: dict[int, str] = {}
    errors: list[BaseException] = []

    def approve(oid: int) -> None:
        try:
            order_approvals.approve_order(database.uow(t.mgr), oid)
            outcome[oid] = "approved"
        except CreditLimitExceeded:
            outcome[oid] = "blocked"
        except BaseException as e:  # surfaced below: a thread must not swallow a failure
            errors.append(e)

    seat_a = threading.Thread(target=approve, args=(first,))
    seat_a.start()
    assert inside.wait(30), "the first seat never reached the credit check"
    seat_b = threading.Thread(target=approve, args=(second,))
    seat_b.start()
    seat_a.join(60)
    seat_b.join(60)
    assert not errors, errors
    assert outcome == {first: "approved", second: "blocked"}
    statuses = {o: order_views.get_order(database.uow(t.mgr), o).status for o in (first, second)}
    assert statuses == {first: OrderStatus.APPROVED, second: OrderStatus.BLOCKED}
    pos = order_credit.order_credit_position(database.uow(t.mgr), cid)
    assert pos.approved_unshipped == 6_000_000 <= pos.limit
