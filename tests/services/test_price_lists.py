"""The pricing procedure [产品定价管理流程] (seed 001 二、4): the sales manager proposes a price
list, finance checks its costs, the VP reviews it jointly, the general manager approves it;
only then is it in force from its effective date, and orders are priced by the list in force
on their date."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from sales_desk.domain.common.errors import NotPermitted, SelfApprovalRefused, ValidationError
from sales_desk.domain.common.money import to_minor
from sales_desk.domain.common.roles import Role, conflicts_in
from sales_desk.domain.orders.price_lists import (
    OneStepPerPerson,
    PriceLine,
    PriceListStatus,
    PriceStepOutOfTurn,
)
from sales_desk.services.orders import price_lists, products
from sales_desk.services.orders import views as order_views
from sales_desk.services.orders.products import PricedByPriceList, ProductInput
from tests.services.order_flow import credit_customer, draft, product, team

DAY = date(2026, 6, 1)


@pytest.fixture
def t(make_user, pin_business_date):
    pin_business_date(DAY)
    return team(make_user)


@pytest.fixture
def pid(database, t) -> int:
    return product(database, t)  # created with 100.00, floor 90.00, ceiling 120.00


def proposal(database, t, pid: int, effective: date = DAY, price: str = "110.00") -> int:  # noqa: ANN001
    return price_lists.propose(database.uow(t.mgr), [PriceLine(
        pid, to_minor(price), to_minor("100.00"), to_minor("130.00"))], "原材料涨价，竞品调价", effective)


def through(database, t, lid: int, upto: str = "approve") -> None:  # noqa: ANN001
    price_lists.record_cost_check(database.uow(t.fin), lid, {next(iter(lines(database, t, lid))): to_minor("70")})
    if upto == "cost_check":
        return
    price_lists.review(database.uow(t.vp), lid, "会审同意")
    if upto == "review":
        return
    price_lists.approve(database.uow(t.gm), lid)


def lines(database, t, lid: int) -> dict[int, object]:  # noqa: ANN001
    return {ln.product_id: ln for ln in price_lists.get_price_list(database.uow(t.gm), lid).lines}


def test_a_price_list_is_in_force_only_after_cost_check_review_and_approval(database, t, pid) -> None:
    lid = proposal(database, t, pid)
    cid = credit_customer(database, t)
    for upto in ("cost_check", "review"):
        if upto == "cost_check":
            through(database, t, lid, upto)
        else:
            price_lists.review(database.uow(t.vp), lid)
        oid = draft(database, t, cid, [(pid, 1, None)])
        assert order_views.get_order(database.uow(t.rep), oid).lines[0].unit_price == 10_000  # not yet
    price_lists.approve(database.uow(t.gm), lid)
    row = price_lists.get_price_list(database.uow(t.rep), lid)
    assert (row.status, row.in_force, row.lines[0].unit_cost, str(row.lines[0].margin)) == (
        PriceListStatus.APPROVED, True, 7_000, "36.4")
    oid = draft(database, t, cid, [(pid, 1, None)])
    assert order_views.get_order(database.uow(t.rep), oid).lines[0].unit_price == 11_000


def test_skipping_a_step_of_the_pricing_procedure_is_refused(database, t, pid) -> None:
    lid = proposal(database, t, pid)
    with pytest.raises(PriceStepOutOfTurn, match="cost check"):
        price_lists.review(database.uow(t.vp), lid)
    with pytest.raises(PriceStepOutOfTurn):
        price_lists.approve(database.uow(t.gm), lid)
    through(database, t, lid, "cost_check")
    with pytest.raises(PriceStepOutOfTurn):
        price_lists.approve(database.uow(t.gm), lid)
    with pytest.raises(PriceStepOutOfTurn):
        price_lists.record_cost_check(database.uow(t.fin), lid, {pid: 1})


def test_nobody_decides_a_price_list_they_proposed_or_a_second_step_of_it(database, t, make_user, pid) -> None:
    mgr_vp = make_user("mv", "sales_manager", "sales_vp", justification="小公司：销售经理兼销售副总")
    lid = price_lists.propose(database.uow(mgr_vp), [PriceLine(pid, 11_000, 10_000, 13_000)], "调价", DAY)
    price_lists.record_cost_check(database.uow(t.fin), lid, {pid: 7_000})
    with pytest.raises(OneStepPerPerson):
        price_lists.review(database.uow(mgr_vp), lid)
    assert issubclass(OneStepPerPerson, SelfApprovalRefused)
    vp_gm = make_user("vg", "sales_vp", "gm", justification="小公司：销售副总兼总经理")
    price_lists.review(database.uow(vp_gm), lid)
    with pytest.raises(OneStepPerPerson):
        price_lists.approve(database.uow(vp_gm), lid)
    price_lists.approve(database.uow(t.gm), lid)


def test_each_step_needs_its_own_right_and_finance_never_sets_prices(database, t, pid) -> None:
    with pytest.raises(NotPermitted):
        price_lists.propose(database.uow(t.fin), [PriceLine(pid, 11_000, 10_000, 13_000)], "x", DAY)
    lid = proposal(database, t, pid)
    for who, call in ((t.vp, price_lists.record_cost_check), (t.rep, price_lists.record_cost_check)):
        with pytest.raises(NotPermitted):
            call(database.uow(who), lid, {pid: 7_000})
    with pytest.raises(NotPermitted):
        price_lists.review(database.uow(t.fin), lid)
    assert conflicts_in([Role.FINANCE, Role.SALES_MANAGER])
    assert conflicts_in([Role.FINANCE, Role.SALES_VP])


def test_a_price_list_sent_back_is_never_in_force_and_needs_a_reason(database, t, pid) -> None:
    lid = proposal(database, t, pid)
    through(database, t, lid, "review")
    with pytest.raises(ValidationError):
        price_lists.send_back(database.uow(t.gm), lid, " ")
    with pytest.raises(NotPermitted):
        price_lists.send_back(database.uow(t.fin), lid, "成本不对")  # waits for the gm, not finance
    price_lists.send_back(database.uow(t.gm), lid, "涨幅过大，重新测算")
    row = price_lists.get_price_list(database.uow(t.gm), lid)
    assert (row.status, row.in_force, row.return_note) == (PriceListStatus.RETURNED, False, "涨幅过大，重新测算")
    with pytest.raises(PriceStepOutOfTurn):
        price_lists.approve(database.uow(t.gm), lid)


def test_an_order_is_priced_by_the_list_in_force_on_its_order_date(database, t, pid, pin_business_date) -> None:
    later = DAY + timedelta(days=10)
    lid = proposal(database, t, pid, effective=later)
    through(database, t, lid)
    cid = credit_customer(database, t)
    assert not price_lists.get_price_list(database.uow(t.gm), lid).in_force
    today_order = draft(database, t, cid, [(pid, 1, None)])
    assert order_views.get_order(database.uow(t.rep), today_order).lines[0].unit_price == 10_000
    with pytest.raises(ValidationError, match="ceiling"):
        draft(database, t, cid, [(pid, 1, "125.00")])  # above today's 120.00
    pin_business_date(later)
    backdated = draft(database, t, cid, [(pid, 1, None)], order_date=later - timedelta(days=1))
    assert order_views.get_order(database.uow(t.rep), backdated).lines[0].unit_price == 10_000
    now = draft(database, t, cid, [(pid, 1, "125.00")])
    line = order_views.get_order(database.uow(t.rep), now).lines[0]
    assert (line.floor_price, line.ceiling_price) == (10_000, 13_000)


def test_a_proposal_needs_products_a_reason_and_a_date_not_past(database, t, pid) -> None:
    u = database.uow
    with pytest.raises(ValidationError):
        price_lists.propose(u(t.mgr), [], "x", DAY)
    with pytest.raises(ValidationError):
        price_lists.propose(u(t.mgr), [PriceLine(pid, 11_000, 10_000, 13_000)], "  ", DAY)
    with pytest.raises(ValidationError):
        price_lists.propose(u(t.mgr), [PriceLine(pid, 11_000, 10_000, 13_000)], "x", DAY - timedelta(days=1))
    with pytest.raises(ValidationError):
        price_lists.propose(u(t.mgr), [PriceLine(pid, 11_000, 12_000, 13_000)], "x", DAY)  # floor > list
    with pytest.raises(ValidationError):
        price_lists.record_cost_check(u(t.fin), proposal(database, t, pid), {pid: 0})


def test_a_product_on_an_approved_list_changes_price_only_by_a_new_version(database, t, pid) -> None:
    lid = proposal(database, t, pid)
    through(database, t, lid)
    with pytest.raises(PricedByPriceList):
        products.update_product(database.uow(t.vp), pid, ProductInput(
            "P-100", "工业控制器", "台", 20_000, 19_000, 21_000, spec="KZ-100"))
    products.update_product(database.uow(t.vp), pid, ProductInput(  # the name may change
        "P-100", "工业控制器（新）", "台", 10_000, 9_000, 12_000, spec="KZ-100"))
