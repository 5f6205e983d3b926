"""Prepayment paperwork (销售回款管理制度 第7条2): the rep's payment slip [缴款单], approved by
the sales manager, then finance's payment detail sheet [缴款明细单]; only then is the
prepayment met and the order allowed to ship."""

from __future__ import annotations

from datetime import date

import pytest

from sales_desk.domain.common.errors import NotPermitted, ValidationError
from sales_desk.domain.common.money import to_minor
from sales_desk.domain.orders.contracts import PrepaymentOutstanding
from sales_desk.domain.orders.payment_slips import OwnSlip, SlipOutOfTurn, SlipStatus
from sales_desk.services.orders import payment_slips
from sales_desk.services.orders import views as order_views
from tests.services.order_flow import approved, credit_customer, product, ship, team

DAY = date(2026, 6, 1)


@pytest.fixture
def t(make_user, pin_business_date):
    pin_business_date(DAY)
    return team(make_user)


@pytest.fixture
def oid(database, t) -> int:
    pid = product(database, t)
    return approved(database, t, credit_customer(database, t), [(pid, 100, None)], prepayment_percent=30)


def line_id(database, t, oid: int) -> int:  # noqa: ANN001
    return order_views.get_order(database.uow(t.wh), oid).lines[0].id


def test_an_order_ships_only_after_slip_approval_and_finances_detail_sheet(database, t, oid) -> None:
    sid = payment_slips.fill_slip(database.uow(t.rep), oid, to_minor("3000"), "transfer", "客户已电汇")
    with pytest.raises(PrepaymentOutstanding):
        ship(database, t, oid, {line_id(database, t, oid): 1})
    payment_slips.decide_slip(database.uow(t.mgr), sid, approve=True)
    with pytest.raises(PrepaymentOutstanding):
        ship(database, t, oid, {line_id(database, t, oid): 1})
    payment_slips.record_detail(database.uow(t.fin), sid, to_minor("3000"), DAY, "工行回单 0042")
    row = payment_slips.get_slip(database.uow(t.rep), sid)
    assert (row.status, row.received_on, row.reference) == (SlipStatus.RECORDED, DAY, "工行回单 0042")
    assert row.number.startswith("PS2026-") and row.detail_number.startswith("PD2026-")
    assert order_views.get_order(database.uow(t.rep), oid).prepayment_received == 300_000
    ship(database, t, oid, {line_id(database, t, oid): 1})


def test_skipping_the_managers_approval_of_a_payment_slip_is_refused(database, t, oid) -> None:
    sid = payment_slips.fill_slip(database.uow(t.rep), oid, to_minor("3000"))
    with pytest.raises(SlipOutOfTurn):
        payment_slips.record_detail(database.uow(t.fin), sid, to_minor("3000"))
    payment_slips.decide_slip(database.uow(t.mgr), sid, approve=True)
    with pytest.raises(SlipOutOfTurn):
        payment_slips.decide_slip(database.uow(t.mgr), sid, approve=True)
    payment_slips.record_detail(database.uow(t.fin), sid, to_minor("3000"))
    with pytest.raises(SlipOutOfTurn):
        payment_slips.record_detail(database.uow(t.fin), sid, to_minor("3000"))


def test_nobody_approves_or_records_a_payment_slip_they_filled(database, t, make_user) -> None:
    pid = product(database, t)
    rep_mgr = make_user("rm", "sales_rep", "sales_manager", justification="小公司，兼任")
    cid = credit_customer(database, t, name="南京金陵五金有限公司", rep=rep_mgr)
    oid = approved(database, t, cid, [(pid, 10, None)], rep=rep_mgr, prepayment_percent=100)
    sid = payment_slips.fill_slip(database.uow(rep_mgr), oid, to_minor("1000"))
    with pytest.raises(OwnSlip):
        payment_slips.decide_slip(database.uow(rep_mgr), sid, approve=True)
    mgr_fin = make_user("mf", "sales_manager", "finance", justification="小公司，兼任")
    payment_slips.decide_slip(database.uow(mgr_fin), sid, approve=True)
    with pytest.raises(OwnSlip):
        payment_slips.record_detail(database.uow(mgr_fin), sid, to_minor("1000"))
    payment_slips.record_detail(database.uow(t.fin), sid, to_minor("1000"))


def test_each_step_of_the_payment_slip_needs_its_right(database, t, oid) -> None:
    with pytest.raises(NotPermitted):
        payment_slips.fill_slip(database.uow(t.fin), oid, to_minor("3000"))
    sid = payment_slips.fill_slip(database.uow(t.rep), oid, to_minor("3000"))
    for who in (t.rep, t.fin, t.vp):
        with pytest.raises(NotPermitted):
            payment_slips.decide_slip(database.uow(who), sid, approve=True)
    payment_slips.decide_slip(database.uow(t.mgr), sid, approve=True)
    for who in (t.rep, t.mgr, t.wh):
        with pytest.raises(NotPermitted):
            payment_slips.record_detail(database.uow(who), sid, to_minor("3000"))


def test_a_returned_slip_needs_a_reason_and_never_counts(database, t, oid) -> None:
    sid = payment_slips.fill_slip(database.uow(t.rep), oid, to_minor("3000"))
    with pytest.raises(ValidationError):
        payment_slips.decide_slip(database.uow(t.mgr), sid, approve=False)
    payment_slips.decide_slip(database.uow(t.mgr), sid, approve=False, note="财务未见到账")
    with pytest.raises(SlipOutOfTurn):
        payment_slips.record_detail(database.uow(t.fin), sid, to_minor("3000"))
    assert order_views.get_order(database.uow(t.rep), oid).prepayment_received == 0
    payment_slips.fill_slip(database.uow(t.rep), oid, to_minor("3000"))  # the returned one holds nothing


def test_slips_under_way_and_received_money_never_pass_the_order_total(database, t, oid) -> None:
    payment_slips.fill_slip(database.uow(t.rep), oid, to_minor("6000"))
    with pytest.raises(ValidationError, match="total"):
        payment_slips.fill_slip(database.uow(t.rep), oid, to_minor("4000.01"))
    payment_slips.fill_slip(database.uow(t.rep), oid, to_minor("4000"))


def test_the_detail_sheet_records_exactly_the_approved_slips_amount(database, t, oid) -> None:
    sid = payment_slips.fill_slip(database.uow(t.rep), oid, to_minor("3000"))
    payment_slips.decide_slip(database.uow(t.mgr), sid, approve=True)
    for wrong in (to_minor("2999.99"), to_minor("3000.01")):
        with pytest.raises(ValidationError, match="PS2026-"):
            payment_slips.record_detail(database.uow(t.fin), sid, wrong)
