"""Orders waiting for me: each decision-maker's list holds what they may decide now, never
their own orders, and an order leaves the list once decided."""

from __future__ import annotations

import pytest

from sales_desk.domain.common.errors import NotPermitted
from sales_desk.domain.common.money import to_minor
from sales_desk.domain.orders.contracts import CreditLimitExceeded
from sales_desk.services.orders import approvals as order_approvals
from sales_desk.services.orders import entry as orders
from sales_desk.services.orders import payment_slips
from sales_desk.services.orders import worklists as order_worklists
from sales_desk.services.orders.worklists import WorkKind
from tests.policy_helpers import enact_policy
from tests.services.order_flow import credit_customer, draft, product, signed, team


@pytest.fixture
def t(make_user):
    return team(make_user)


@pytest.fixture
def cid(database, t) -> int:
    return credit_customer(database, t)  # limit 100,000.00


@pytest.fixture
def pid(database, t) -> int:
    return product(database, t)  # list 100.00, floor 90.00


def waiting(database, actor) -> list[tuple[str, int]]:  # noqa: ANN001
    return [(r.kind, r.order_id) for r in order_worklists.waiting_for_me(database.uow(actor))]


def test_vp_sees_prices_below_the_floor_and_major_contracts_until_decided(database, t, admin, cid, pid) -> None:
    enact_policy(database, admin, {"contract.major_threshold": to_minor("1000")})
    low = draft(database, t, cid, [(pid, 1, "80.00")])
    orders.submit_order(database.uow(t.rep), low)
    major = draft(database, t, cid, [(pid, 20, None)])
    orders.submit_order(database.uow(t.rep), major)
    draft(database, t, cid, [(pid, 1, "80.00")])  # not submitted: not the VP's yet
    assert waiting(database, t.vp) == [(WorkKind.PRICE, low), (WorkKind.MAJOR_REVIEW, major)]
    order_approvals.approve_price(database.uow(t.vp), low)
    assert waiting(database, t.vp) == [(WorkKind.MAJOR_REVIEW, major)]
    assert waiting(database, t.rep) == []  # a rep decides nothing


def test_manager_sees_signed_contracts_and_the_finance_director_blocked_ones(database, t, cid, pid) -> None:
    oid = signed(database, t, cid, [(pid, 1500, None)])  # 150,000.00 over a 100,000.00 limit
    assert waiting(database, t.mgr) == [(WorkKind.DISPATCH_APPROVAL, oid)]
    assert waiting(database, t.fd) == []
    with pytest.raises(CreditLimitExceeded):
        order_approvals.approve_order(database.uow(t.mgr), oid)
    assert waiting(database, t.mgr) == []
    assert waiting(database, t.fd) == waiting(database, t.gm) == [(WorkKind.OVERRIDE, oid)]
    order_approvals.override_credit(database.uow(t.fd), oid, to_minor("60000"), "书面批准，限本单")
    assert waiting(database, t.gm) == []


def test_the_manager_sees_slips_to_approve_and_finance_approved_slips_to_record(database, t, cid, pid) -> None:
    oid = signed(database, t, cid, [(pid, 100, None)], prepayment_percent=30)
    assert waiting(database, t.fin) == [] and (WorkKind.SLIP, oid) not in waiting(database, t.mgr)
    sid = payment_slips.fill_slip(database.uow(t.rep), oid, to_minor("3000"))
    assert (WorkKind.SLIP, oid) in waiting(database, t.mgr) and waiting(database, t.fin) == []
    payment_slips.decide_slip(database.uow(t.mgr), sid, approve=True)
    assert (WorkKind.SLIP, oid) not in waiting(database, t.mgr)
    assert waiting(database, t.fin) == [(WorkKind.PREPAYMENT, oid)]
    payment_slips.record_detail(database.uow(t.fin), sid, to_minor("3000"))
    assert waiting(database, t.fin) == []


def test_nobody_finds_their_own_orders_on_their_list(database, t, make_user, pid) -> None:
    both = make_user("rm", "sales_rep", "sales_manager", justification="两人公司")
    own = credit_customer(database, t, name="宁波港城物流有限公司", rep=both)
    mine = signed(database, t, own, [(pid, 1, None)], rep=both)
    assert waiting(database, both) == []
    assert waiting(database, t.mgr) == [(WorkKind.DISPATCH_APPROVAL, mine)]


def test_the_warehouse_has_no_decisions_and_a_user_without_orders_no_list(database, t) -> None:
    assert waiting(database, t.wh) == []
    with pytest.raises(NotPermitted):
        order_worklists.waiting_for_me(database.uow(t.spec))
