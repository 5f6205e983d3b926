"""Key-account screening [大客户筛选] (issue 19): scored and proposed by the rep or a manager,
approved by the sales manager only and never by the proposer; the approval sets the flag and
records since when and why; the customer file's tick box no longer sets it."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

from sales_desk.domain.care.key_accounts import (
    AlreadyKeyAccount,
    KeyAccountByScreening,
    ScoreTooLow,
    ScreeningDecided,
    ScreeningPending,
)
from sales_desk.domain.common.errors import NotPermitted, SelfApprovalRefused, ValidationError
from sales_desk.services.care import key_accounts
from sales_desk.services.customers import files as customers
from tests.services.collection_flow import customer

TODAY = date(2026, 6, 15)
GOOD = {"volume": 5, "concentration": 4, "service": 4, "price": 3, "partnership": 5}


@pytest.fixture
def c(make_user, pin_business_date):  # noqa: ANN001, ANN201
    pin_business_date(TODAY)
    return SimpleNamespace(rep=make_user("rep", "sales_rep"), mgr=make_user("mgr", "sales_manager"),
                           mgr2=make_user("mgr2", "sales_manager"), csm=make_user("csm", "cs_manager"))


def test_key_account_approval_by_the_sales_manager_only_never_self_approval(database, c) -> None:  # noqa: ANN001
    cid = customer(database, c.rep, "C1")
    sid = key_accounts.propose_screening(database.uow(c.rep), cid, GOOD, "年采购额大，集中采购，愿意长期合作")
    for who in (c.rep, c.csm):  # the proposer's peers and the customer-service manager may not approve
        with pytest.raises(NotPermitted):
            key_accounts.decide_screening(database.uow(who), sid, True)
    key_accounts.decide_screening(database.uow(c.mgr), sid, True, "同意")
    assert customers.customer_card(database.uow(c.mgr), cid).key_account is True
    [row] = key_accounts.key_account_list(database.uow(c.rep))
    assert (row.code, row.since, row.total, row.reason) == ("C1", TODAY, 21, "年采购额大，集中采购，愿意长期合作")
    with pytest.raises(ScreeningDecided):
        key_accounts.decide_screening(database.uow(c.mgr2), sid, False, "again")
    # a sales manager who proposes cannot approve their own proposal; another manager can
    other = customer(database, c.rep, "C2")
    own = key_accounts.propose_screening(database.uow(c.mgr), other, GOOD, "重点行业客户")
    with pytest.raises(SelfApprovalRefused):
        key_accounts.decide_screening(database.uow(c.mgr), own, True)
    assert customers.customer_card(database.uow(c.mgr), other).key_account is False
    key_accounts.decide_screening(database.uow(c.mgr2), own, True)
    assert customers.customer_card(database.uow(c.mgr), other).key_account is True


def test_a_rejection_says_why_and_leaves_the_flag(database, c) -> None:  # noqa: ANN001
    cid = customer(database, c.rep, "C1")
    sid = key_accounts.propose_screening(database.uow(c.rep), cid, GOOD, "采购量大")
    with pytest.raises(ScreeningPending):
        key_accounts.propose_screening(database.uow(c.csm), cid, GOOD, "again")
    with pytest.raises(ValidationError):
        key_accounts.decide_screening(database.uow(c.mgr), sid, False, " ")
    key_accounts.decide_screening(database.uow(c.mgr), sid, False, "价格过于敏感，合作意愿未明")
    assert customers.customer_card(database.uow(c.mgr), cid).key_account is False
    [s] = key_accounts.list_screenings(database.uow(c.rep))
    assert (s.status, s.decision_note, s.total) == ("rejected", "价格过于敏感，合作意愿未明", 21)
    assert key_accounts.key_account_list(database.uow(c.mgr)) == []


def test_a_screening_scores_every_criterion_and_must_reach_the_policy_score(database, c) -> None:  # noqa: ANN001
    cid = customer(database, c.rep, "C1")
    with pytest.raises(ValidationError):
        key_accounts.propose_screening(database.uow(c.rep), cid, {**GOOD, "price": 6}, "x")
    with pytest.raises(ValidationError):
        key_accounts.propose_screening(database.uow(c.rep), cid, {"volume": 5}, "x")
    with pytest.raises(ScoreTooLow):  # 14 of 25, the policy asks 15
        key_accounts.propose_screening(database.uow(c.rep), cid, dict.fromkeys(GOOD, 3) | {"volume": 2}, "x")
    key_accounts.propose_screening(database.uow(c.rep), cid, dict.fromkeys(GOOD, 3), "刚好达标")


def test_the_customer_file_edit_refuses_the_key_account_tick_box(database, c) -> None:  # noqa: ANN001
    cid = customer(database, c.rep, "C1")
    with pytest.raises(KeyAccountByScreening, match="screening the sales manager approves"):
        customers.update_customer(database.uow(c.rep), cid, {"key_account": True})
    customers.update_customer(database.uow(c.rep), cid, {"key_account": False, "phone": "021-1"})  # unchanged: fine
    sid = key_accounts.propose_screening(database.uow(c.rep), cid, GOOD, "采购量大")
    key_accounts.decide_screening(database.uow(c.mgr), sid, True)
    with pytest.raises(KeyAccountByScreening):
        customers.update_customer(database.uow(c.rep), cid, {"key_account": False})
    with pytest.raises(AlreadyKeyAccount):
        key_accounts.propose_screening(database.uow(c.rep), cid, GOOD, "again")
