"""A returned price list [产品定价管理流程] and a returned payment slip [缴款单, 回款 第7条2] are
corrected and resubmitted by who proposed / filled them — nobody else — audited; the
resubmitted paper goes through every step again."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from sales_desk.domain.common.errors import NotPermitted, ValidationError
from sales_desk.domain.common.money import to_minor
from sales_desk.domain.orders.payment_slips import NotTheFiller, SlipOutOfTurn, SlipStatus
from sales_desk.domain.orders.price_lists import (
    NotTheProposer,
    PriceLine,
    PriceListStatus,
)
from sales_desk.models import AuditEntry
from sales_desk.services.orders import payment_slips, price_lists
from tests.services.test_payment_slips import oid as oid  # noqa: F401 - the fixture
from tests.services.test_price_lists import DAY, proposal, through
from tests.services.test_price_lists import pid as pid  # noqa: F401 - the fixture
from tests.services.test_price_lists import t as t  # noqa: F401 - the fixture


def _audit(database, action: str) -> list[tuple[dict, dict]]:  # noqa: ANN001
    """(before, after) of each audit row of `action`."""
    with database.uow() as uow:
        return [(json.loads(e.before), json.loads(e.after)) for e in
                uow.session.scalars(select(AuditEntry).where(AuditEntry.action == action))]


def _line(pid: int, price: str) -> list[PriceLine]:  # noqa: F811
    return [PriceLine(pid, to_minor(price), to_minor("100.00"), to_minor("130.00"))]


def test_a_returned_price_list_is_resubmitted_by_its_proposer_and_checked_again(database, t, pid) -> None:  # noqa: F811
    lid = proposal(database, t, pid)
    through(database, t, lid, "cost_check")
    price_lists.send_back(database.uow(t.vp), lid, "售价偏高，竞品 105")
    price_lists.resubmit(database.uow(t.mgr), lid, _line(pid, "105.00"), "按会审意见下调至 105", DAY)
    row = price_lists.get_price_list(database.uow(t.gm), lid)
    assert row.status == PriceListStatus.PROPOSED and row.lines[0].list_price == to_minor("105.00")
    assert row.cost_checked_by == "" and row.lines[0].unit_cost is None  # finance checks the costs anew
    with pytest.raises(Exception, match="cost check"):  # no step skipped: the VP waits for finance
        price_lists.review(database.uow(t.vp), lid)
    through(database, t, lid)
    assert price_lists.get_price_list(database.uow(t.gm), lid).status == PriceListStatus.APPROVED
    [(before, after)] = _audit(database, "price_list.resubmit")
    assert before["lines"][0]["list_price"] == to_minor("110.00")
    assert after["lines"][0]["list_price"] == to_minor("105.00")


def test_only_the_proposer_resubmits_a_returned_price_list(database, t, pid, make_user) -> None:  # noqa: F811
    lid = proposal(database, t, pid)
    with pytest.raises(ValidationError, match="only a returned list"):
        price_lists.resubmit(database.uow(t.mgr), lid, _line(pid, "105.00"), "x", DAY)
    price_lists.send_back(database.uow(t.fin), lid, "成本资料不全")
    other = make_user("mgr2", "sales_manager")
    with pytest.raises(NotTheProposer):
        price_lists.resubmit(database.uow(other), lid, _line(pid, "105.00"), "补充成本资料", DAY)
    with pytest.raises(NotPermitted):
        price_lists.resubmit(database.uow(t.fin), lid, _line(pid, "105.00"), "补充成本资料", DAY)
    price_lists.resubmit(database.uow(t.mgr), lid, _line(pid, "110.00"), "补充成本资料", DAY)
    assert price_lists.get_price_list(database.uow(t.gm), lid).status == PriceListStatus.PROPOSED


def test_a_returned_payment_slip_is_corrected_and_resubmitted_by_who_filled_it(database, t, oid) -> None:  # noqa: F811
    sid = payment_slips.fill_slip(database.uow(t.rep), oid, to_minor("3000"), "transfer", "客户已电汇")
    payment_slips.decide_slip(database.uow(t.mgr), sid, approve=False, note="金额与回单不符")
    payment_slips.resubmit_slip(database.uow(t.rep), sid, to_minor("2900"), "transfer", "按回单更正为 2,900")
    row = payment_slips.get_slip(database.uow(t.rep), sid)
    assert (row.status, row.amount, row.decided_by) == (SlipStatus.SUBMITTED, to_minor("2900"), "")
    with pytest.raises(SlipOutOfTurn):  # finance still waits for the manager's approval
        payment_slips.record_detail(database.uow(t.fin), sid, to_minor("2900"))
    payment_slips.decide_slip(database.uow(t.mgr), sid, approve=True)
    payment_slips.record_detail(database.uow(t.fin), sid, to_minor("2900"))
    [(before, _after)] = _audit(database, "payment_slip.resubmit")
    assert before["decision_note"] == "金额与回单不符"


def test_only_who_filled_a_slip_resubmits_it_and_only_once_returned(database, t, oid, make_user) -> None:  # noqa: F811
    sid = payment_slips.fill_slip(database.uow(t.rep), oid, to_minor("3000"))
    with pytest.raises(SlipOutOfTurn):
        payment_slips.resubmit_slip(database.uow(t.rep), sid, to_minor("2900"))
    payment_slips.decide_slip(database.uow(t.mgr), sid, approve=False, note="金额与回单不符")
    colleague = make_user("lead", "sales_rep", "sales_manager", justification="小团队：经理兼业务员")
    with pytest.raises(NotTheFiller):
        payment_slips.resubmit_slip(database.uow(colleague), sid, to_minor("2900"))
    with pytest.raises(NotPermitted):
        payment_slips.resubmit_slip(database.uow(t.mgr), sid, to_minor("2900"))
    assert payment_slips.get_slip(database.uow(t.rep), sid).status == SlipStatus.RETURNED
