"""Orders/contracts through real units of work: prices, major contracts, the credit check,
overrides and prepayments (SPEC §4, §3 Execution; seed 001 第18条)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from sales_desk.domain.common.errors import (
    NotFound,
    NotPermitted,
    SelfApprovalRefused,
    ValidationError,
)
from sales_desk.domain.common.money import to_minor
from sales_desk.domain.credit.rating import DowngradeTrigger
from sales_desk.domain.orders.contracts import (
    ApprovalKind,
    CreditLimitExceeded,
    CustomerOnHold,
    NoCreditTerms,
    OrderStatus,
    WrongOrderState,
)
from sales_desk.domain.orders.payment_slips import OwnSlip
from sales_desk.models import AuditEntry
from sales_desk.services.credit import position as credit
from sales_desk.services.orders import approvals as order_approvals
from sales_desk.services.orders import credit_check as order_credit
from sales_desk.services.orders import entry as orders
from sales_desk.services.orders import payment_slips, products
from sales_desk.services.orders import views as order_views
from sales_desk.services.orders.approvals import OverrideAlreadyUsed
from sales_desk.services.orders.entry import OrderInput, OrderLineInput, ReviewPending
from sales_desk.services.orders.products import ProductInput
from sales_desk.services.orders.views import OrderFilter
from tests.policy_helpers import enact_policy
from tests.services.credit_flow import new_customer, rate
from tests.services.order_flow import approved, credit_customer, draft, product, signed, team, today


@pytest.fixture
def t(make_user):
    return team(make_user)


@pytest.fixture
def cid(database, t) -> int:
    return credit_customer(database, t)  # grade B, limit 100,000.00, 30 days


@pytest.fixture
def pid(database, t) -> int:
    return product(database, t)  # list 100.00, floor 90.00, ceiling 120.00


def status(database, actor, oid) -> str:
    return order_views.get_order(database.uow(actor), oid).status


# -- products and price ranges ------------------------------------------------------------------


def test_price_ranges_are_set_by_the_sales_vp_and_audited(database, t, pid) -> None:
    with pytest.raises(NotPermitted):
        products.create_product(database.uow(t.rep), ProductInput("X", "x", "台", 100, 90, 120))
    with pytest.raises(NotPermitted):
        products.create_product(database.uow(t.fin), ProductInput("X", "x", "台", 100, 90, 120))
    with pytest.raises(ValidationError):
        products.update_product(database.uow(t.vp), pid, ProductInput(
            "P-100", "工业控制器", "台", to_minor("100"), to_minor("101"), to_minor("120")))
    products.update_product(database.uow(t.vp), pid, ProductInput(
        "P-100", "工业控制器", "台", to_minor("100"), to_minor("85"), to_minor("120"), spec="KZ-100"))
    row = products.get_product(database.uow(t.rep), pid)
    assert (row.floor_price, row.price_set_by) == (8_500, "vp")
    with database.uow() as uow:
        before, after = uow.session.execute(select(AuditEntry.before, AuditEntry.after).where(
            AuditEntry.action == "product.update")).one()
    assert '"floor_price":9000' in before and '"floor_price":8500' in after


# -- entering an order --------------------------------------------------------------------------


def test_order_is_a_draft_with_list_prices_total_and_the_customers_term(database, t, cid, pid) -> None:
    oid = draft(database, t, cid, [(pid, 3, None), (pid, 2, "95.50")])
    view = order_views.get_order(database.uow(t.rep), oid)
    assert view.status == OrderStatus.DRAFT and view.number.startswith("SO")
    assert [ln.amount for ln in view.lines] == [30_000, 19_100] and view.total == 49_100
    assert view.days_to_pay == 30 and view.rep_name == "rep"


def test_price_above_the_ceiling_is_refused(database, t, cid, pid) -> None:
    with pytest.raises(ValidationError, match="Line 1.*ceiling"):
        draft(database, t, cid, [(pid, 1, "120.01")])


def test_days_to_pay_beyond_the_customers_term_are_refused(database, t, cid, pid) -> None:
    with pytest.raises(ValidationError, match="30 days"):
        draft(database, t, cid, [(pid, 1, None)], days_to_pay=31)


def test_grade_d_customer_gets_no_credit_prepayment_or_cash_on_delivery_only(database, t, pid) -> None:
    d = new_customer(database, t.rep, name="广州南方商行")
    rate(database, t.credit, d, 40)  # grade D: the rating takes its credit away
    with database.uow() as uow:
        p = credit.credit_position(uow, d)
    assert (p.grade, p.payment_mode, p.limit) == ("D", "prepayment", 0)
    with pytest.raises(ValidationError, match="no credit"):
        draft(database, t, d, [(pid, 1, None)], prepayment_percent=50)
    draft(database, t, d, [(pid, 1, None)], prepayment_percent=100)
    draft(database, t, d, [(pid, 1, None)], cash_on_delivery=True)


def test_rep_sees_only_their_own_orders(database, t, cid, pid) -> None:
    oid = draft(database, t, cid, [(pid, 1, None)])
    with pytest.raises(NotFound):
        order_views.get_order(database.uow(t.rep2), oid)
    assert order_views.list_orders(database.uow(t.rep2)).rows == ()
    assert [r.id for r in order_views.list_orders(database.uow(t.mgr)).rows] == [oid]
    with pytest.raises(NotFound):  # nor order for a customer that is not theirs
        draft(database, t, cid, [(pid, 1, None)], rep=t.rep2)


# -- price below the floor and major contracts ----------------------------------------------


def test_price_below_floor_refused_without_vp_approval(database, t, cid, pid) -> None:
    oid = draft(database, t, cid, [(pid, 10, "89.99")])
    orders.submit_order(database.uow(t.rep), oid)
    with pytest.raises(ReviewPending, match="below the floor"):
        orders.sign_order(database.uow(t.rep), oid)
    for who in (t.rep, t.mgr, t.fd):
        with pytest.raises(NotPermitted):
            order_approvals.approve_price(database.uow(who), oid)
    order_approvals.approve_price(database.uow(t.vp), oid, True, "战略客户首单")
    orders.sign_order(database.uow(t.rep), oid)
    view = order_views.get_order(database.uow(t.rep), oid)
    assert view.status == OrderStatus.SIGNED and view.lines[0].below_floor
    assert [(d.kind, d.approver) for d in view.decisions] == [(ApprovalKind.PRICE, "vp")]


def test_vp_refusing_a_price_returns_the_order_to_draft_and_a_new_submission_needs_a_new_approval(
        database, t, cid, pid) -> None:
    oid = draft(database, t, cid, [(pid, 10, "80.00")])
    orders.submit_order(database.uow(t.rep), oid)
    with pytest.raises(ValidationError):
        order_approvals.approve_price(database.uow(t.vp), oid, False, "")  # a refusal says why
    order_approvals.approve_price(database.uow(t.vp), oid, False, "低于成本，不同意")
    assert status(database, t.rep, oid) == OrderStatus.DRAFT
    orders.submit_order(database.uow(t.rep), oid)  # unchanged, submitted again
    with pytest.raises(ReviewPending):
        orders.sign_order(database.uow(t.rep), oid)


def test_floor_moved_after_entry_is_judged_at_submission(database, t, cid, pid) -> None:
    oid = draft(database, t, cid, [(pid, 10, "92.00")])
    products.update_product(database.uow(t.vp), pid, ProductInput(
        "P-100", "工业控制器", "台", to_minor("100"), to_minor("95"), to_minor("120")))
    orders.submit_order(database.uow(t.rep), oid)
    with pytest.raises(ReviewPending):
        orders.sign_order(database.uow(t.rep), oid)


def test_major_contract_needs_vp_review_before_signing(database, t, pid) -> None:
    cid = credit_customer(database, t, limit="900000", score=90)  # grade A
    at_threshold = draft(database, t, cid, [(pid, 2_000, None)])  # 200,000.00
    below = draft(database, t, cid, [(pid, 1_999, None), (pid, 1, "99.99")])  # 199,999.99
    for oid in (at_threshold, below):
        orders.submit_order(database.uow(t.rep), oid)
    with pytest.raises(ValidationError):  # not major: nothing to review
        order_approvals.review_major_contract(database.uow(t.vp), below)
    orders.sign_order(database.uow(t.rep), below)
    with pytest.raises(ReviewPending, match="major contract"):
        orders.sign_order(database.uow(t.rep), at_threshold)
    with pytest.raises(NotPermitted):
        order_approvals.review_major_contract(database.uow(t.mgr), at_threshold)
    order_approvals.review_major_contract(database.uow(t.vp), at_threshold, True, "条款完善，同意签订")
    orders.sign_order(database.uow(t.rep), at_threshold)
    assert order_views.get_order(database.uow(t.rep), at_threshold).major


def test_major_threshold_is_the_setting(database, t, admin, cid, pid) -> None:
    enact_policy(database, admin, {"contract.major_threshold": to_minor("500")})
    oid = draft(database, t, cid, [(pid, 5, None)])  # 500.00
    orders.submit_order(database.uow(t.rep), oid)
    with pytest.raises(ReviewPending):
        orders.sign_order(database.uow(t.rep), oid)


# -- approval and the credit check -----------------------------------------------------------


def test_available_credit_is_limit_less_open_receivables_less_approved_unshipped(
        database, t, cid, pid) -> None:
    first = approved(database, t, cid, [(pid, 300, None)])  # 30,000.00 held
    pos = order_credit.order_credit_position(database.uow(t.rep), cid, total=to_minor("50000"),
                                             prepayment_percent=20)
    assert (pos.limit, pos.open_receivables, pos.approved_unshipped) == (10_000_000, 0, 3_000_000)
    assert (pos.available, pos.this_order, pos.available_after) == (7_000_000, 4_000_000, 3_000_000)
    assert pos.blocked_by is None
    with database.uow() as uow:
        p = credit.credit_position(uow, cid)
    assert (p.approved_unshipped, p.available) == (3_000_000, 7_000_000)
    saved = order_credit.order_credit_position(database.uow(t.rep), cid, order_id=first)
    assert saved.approved_unshipped == 0 and saved.this_order == 3_000_000  # not counted twice


def test_over_limit_orders_refused_and_saved_as_blocked(database, t, cid, pid) -> None:
    approved(database, t, cid, [(pid, 600, None)])  # 60,000 of 100,000 held
    fits = signed(database, t, cid, [(pid, 400, None)])  # exactly the 40,000 left
    over = signed(database, t, cid, [(pid, 1, None)])
    order_approvals.approve_order(database.uow(t.mgr), fits)
    with pytest.raises(CreditLimitExceeded) as err:
        order_approvals.approve_order(database.uow(t.mgr), over)
    assert err.value.decision.excess == 10_000 and err.value.decision.available == 0
    view = order_views.get_order(database.uow(t.mgr), over)
    assert (view.status, view.block_reason, view.block_excess, view.blocked_by) == (
        OrderStatus.BLOCKED, "over_limit", 10_000, "mgr")


def test_on_hold_orders_refused(database, t, cid, pid) -> None:
    oid = signed(database, t, cid, [(pid, 1, None)])
    credit.record_trigger(database.uow(t.spec), cid, DowngradeTrigger.LEGAL_CASE, today(),
                          "法定代表人涉诉")
    with pytest.raises(CustomerOnHold):
        order_approvals.approve_order(database.uow(t.mgr), oid)
    assert status(database, t.mgr, oid) == OrderStatus.BLOCKED
    prepaid = signed(database, t, cid, [(pid, 1, None)], prepayment_percent=100)
    order_approvals.approve_order(database.uow(t.mgr), prepaid)  # asks no credit
    assert status(database, t.mgr, prepaid) == OrderStatus.APPROVED


def test_customer_downgraded_to_no_credit_after_signing_is_refused(database, t, cid, pid) -> None:
    oid = signed(database, t, cid, [(pid, 1, None)])
    with database.uow() as uow:
        from sales_desk.models import Customer

        c = uow.session.get(Customer, cid)
        c.payment_mode, c.credit_limit = "prepayment", 0
        uow.commit()
    with pytest.raises(NoCreditTerms):
        order_approvals.approve_order(database.uow(t.mgr), oid)


def test_approval_is_by_the_sales_manager_never_by_the_orders_creator(
        database, t, make_user, cid, pid) -> None:
    for who in (t.rep, t.wh, t.fin, t.vp):
        oid = signed(database, t, cid, [(pid, 1, None)])
        with pytest.raises(NotPermitted):
            order_approvals.approve_order(database.uow(who), oid)
    both = make_user("rm", "sales_rep", "sales_manager")
    own_customer = credit_customer(database, t, name="苏州园区电子有限公司", rep=both)
    oid = signed(database, t, own_customer, [(pid, 1, None)], rep=both)
    with pytest.raises(SelfApprovalRefused):
        order_approvals.approve_order(database.uow(both), oid)


# -- the override ------------------------------------------------------------------------------


@pytest.fixture
def blocked(database, t, cid, pid) -> int:
    approved(database, t, cid, [(pid, 900, None)])  # 90,000 held: 10,000 left
    oid = signed(database, t, cid, [(pid, 300, None)])  # asks 30,000: 20,000 too much
    with pytest.raises(CreditLimitExceeded):
        order_approvals.approve_order(database.uow(t.mgr), oid)
    return oid


def test_override_only_by_finance_director_or_gm(database, t, blocked) -> None:
    for who in (t.mgr, t.fin, t.vp, t.rep, t.wh):
        with pytest.raises(NotPermitted):
            order_approvals.override_credit(database.uow(who), blocked, to_minor("20000"), "老客户，回款有保证")
    order_approvals.override_credit(database.uow(t.gm), blocked, to_minor("20000"), "老客户，回款有保证")
    assert status(database, t.rep, blocked) == OrderStatus.APPROVED


def test_override_recorded_with_reason_amount_approver_and_time(database, t, blocked) -> None:
    order_approvals.override_credit(database.uow(t.fd), blocked, to_minor("25000"), " 年底集中回款，书面批准 ")
    view = order_views.get_order(database.uow(t.mgr), blocked)
    d = view.decisions[-1]
    assert (d.kind, d.approved, d.note, d.amount, d.approver) == (
        ApprovalKind.CREDIT_OVERRIDE, True, "年底集中回款，书面批准", 2_500_000, "fd")
    assert (d.exposure, d.available) == (3_000_000, 1_000_000) and d.decided_at is not None
    assert view.overridden and view.approved_by == "fd"
    with database.uow() as uow:
        after = uow.session.scalar(select(AuditEntry.after).where(
            AuditEntry.action == "order.credit_override"))
    assert '"amount":2500000' in after and '"excess":2000000' in after


def test_override_must_cover_the_excess_as_it_stands(database, t, blocked) -> None:
    with pytest.raises(ValidationError, match="exceeds"):
        order_approvals.override_credit(database.uow(t.fd), blocked, to_minor("19999.99"), "老客户，回款有保证")
    assert status(database, t.mgr, blocked) == OrderStatus.BLOCKED


def test_override_single_use(database, t, blocked) -> None:
    order_approvals.override_credit(database.uow(t.fd), blocked, to_minor("20000"), "老客户，回款有保证")
    with pytest.raises(OverrideAlreadyUsed):
        order_approvals.override_credit(database.uow(t.gm), blocked, to_minor("20000"), "再次批准")


def test_override_of_an_order_that_is_not_blocked_is_refused(database, t, cid, pid) -> None:
    oid = signed(database, t, cid, [(pid, 1, None)])
    with pytest.raises(WrongOrderState):
        order_approvals.override_credit(database.uow(t.fd), oid, 100, "预先批准")


def test_override_never_by_the_orders_creator(database, t, make_user, pid) -> None:
    both = make_user("rf", "sales_rep", "finance_director", justification="小公司，兼任")
    cid = credit_customer(database, t, limit="1000", name="杭州西湖茶业有限公司", rep=both)
    oid = signed(database, t, cid, [(pid, 20, None)], rep=both)  # 2,000 against 1,000
    with pytest.raises(CreditLimitExceeded):
        order_approvals.approve_order(database.uow(t.mgr), oid)
    with pytest.raises(SelfApprovalRefused):
        order_approvals.override_credit(database.uow(both), oid, to_minor("1000"), "我自己批准")
    order_approvals.override_credit(database.uow(t.gm), oid, to_minor("1000"), "总经理书面批准")


# -- prepayments ------------------------------------------------------------------------------


def test_prepayment_recorded_by_finance_never_by_the_order_taker_nor_beyond_the_total(
        database, t, make_user, cid, pid) -> None:
    oid = signed(database, t, cid, [(pid, 100, None)], prepayment_percent=30)  # 10,000.00
    with pytest.raises(ValidationError):
        payment_slips.fill_slip(database.uow(t.rep), oid, to_minor("10000.01"))
    sid = payment_slips.fill_slip(database.uow(t.rep), oid, to_minor("3000"), method="transfer")
    payment_slips.decide_slip(database.uow(t.mgr), sid, approve=True)
    with pytest.raises(NotPermitted):
        payment_slips.record_detail(database.uow(t.rep), sid, to_minor("3000"))
    payment_slips.record_detail(database.uow(t.fin), sid, to_minor("3000"), reference="工行回单 0042")
    view = order_views.get_order(database.uow(t.rep), oid)
    assert (view.prepayment_required, view.prepayment_received) == (300_000, 300_000)
    assert view.prepayments[0].reference == "工行回单 0042"
    both = make_user("rk", "sales_rep", "finance", justification="小公司，兼任")
    own = credit_customer(database, t, name="南京金陵五金有限公司", rep=both)
    mine = signed(database, t, own, [(pid, 1, None)], rep=both, prepayment_percent=100)
    slip = payment_slips.fill_slip(database.uow(both), mine, to_minor("100"))
    payment_slips.decide_slip(database.uow(t.mgr), slip, approve=True)
    with pytest.raises(OwnSlip):
        payment_slips.record_detail(database.uow(both), slip, to_minor("100"))


# -- ending an order --------------------------------------------------------------------------


def test_cancel_before_shipping_by_the_rep_or_the_manager_never_the_warehouse(
        database, t, cid, pid) -> None:
    a = approved(database, t, cid, [(pid, 1, None)])
    b = draft(database, t, cid, [(pid, 1, None)])
    with pytest.raises(NotPermitted):
        orders.cancel_order(database.uow(t.wh), a, "仓库无货")
    with pytest.raises(ValidationError):
        orders.cancel_order(database.uow(t.rep), b, " ")
    orders.cancel_order(database.uow(t.rep), b, "客户取消")
    orders.cancel_order(database.uow(t.mgr), a, "客户取消")
    assert {status(database, t.mgr, o) for o in (a, b)} == {OrderStatus.CANCELLED}
    pos = order_credit.order_credit_position(database.uow(t.rep), cid)
    assert pos.approved_unshipped == 0


def test_a_submitted_order_can_be_withdrawn_changed_and_resubmitted(database, t, cid, pid) -> None:
    oid = draft(database, t, cid, [(pid, 1, None)])
    orders.submit_order(database.uow(t.rep), oid)
    with pytest.raises(WrongOrderState):
        orders.update_order(database.uow(t.rep), oid, OrderInput(cid, [OrderLineInput(pid, 2)]))
    orders.withdraw_order(database.uow(t.rep), oid)
    orders.update_order(database.uow(t.rep), oid, OrderInput(cid, [OrderLineInput(pid, 2),
                                                                   OrderLineInput(pid, 1, 9_500)]))
    orders.submit_order(database.uow(t.rep), oid)
    view = order_views.get_order(database.uow(t.rep), oid)
    assert (view.total, view.revision, len(view.lines)) == (29_500, 2, 2)


def test_order_list_filters_in_sql_and_pages_newest_first(database, t, cid, pid) -> None:
    ids = [draft(database, t, cid, [(pid, 1, None)]) for _ in range(5)]
    orders.submit_order(database.uow(t.rep), ids[0])
    page = order_views.list_orders(database.uow(t.mgr), limit=2)
    assert [r.id for r in page.rows] == ids[:-3:-1] and page.next_after == ids[3]
    page2 = order_views.list_orders(database.uow(t.mgr), after=page.next_after, limit=2)
    assert [r.id for r in page2.rows] == [ids[2], ids[1]]
    subm = order_views.list_orders(database.uow(t.mgr), OrderFilter(statuses=["submitted"]))
    assert [r.id for r in subm.rows] == [ids[0]]
    yesterday = order_views.get_order(database.uow(t.rep), ids[0]).order_date - timedelta(days=1)
    assert order_views.list_orders(database.uow(t.mgr), OrderFilter(date_to=yesterday)).rows == ()


def _walk(database, actor, sort: str | None, descending: bool = False, limit: int = 2) -> list[int]:  # noqa: ANN001
    """Every page of the list, the way the window pages it."""
    out, after = [], None
    while True:
        page = order_views.list_orders(database.uow(actor), after=after, limit=limit, sort=sort,
                                       descending=descending)
        out += [r.id for r in page.rows]
        if page.next_after is None:
            return out
        after = page.next_after


def test_the_order_list_sorts_in_sql_by_a_column_with_the_id_breaking_ties(database, t, cid, pid) -> None:
    quantities = [5, 2, 9, 2, 7]  # two equal totals: their order is their id's
    ids = [draft(database, t, cid, [(pid, q, None)]) for q in quantities]
    by_total = [i for _q, i in sorted(zip(quantities, ids, strict=True))]
    assert _walk(database, t.rep, "total") == by_total
    assert _walk(database, t.rep, "total", descending=True) == [
        i for _q, i in sorted(zip(quantities, ids, strict=True), key=lambda p: (-p[0], -p[1]))]
    assert _walk(database, t.rep, "number", limit=1) == sorted(ids)  # numbers follow creation
    assert _walk(database, t.rep, "rep") == sorted(ids)  # one rep: all ties, by id
    assert _walk(database, t.rep, None) == sorted(ids, reverse=True)  # unsorted: newest first
    with pytest.raises(ValidationError):
        order_views.list_orders(database.uow(t.rep), sort="1; DROP TABLE users")
