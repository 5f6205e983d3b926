"""The scorecard's weights [客户等级评分表, 第10条] and each person's allowance [支配范围, 费用 第8条1]
are policy (SPEC §9): the sales manager proposes them (销售部经理 职责2, 职责4), the general
manager approves; the administrator no longer sets them."""

from __future__ import annotations

from datetime import date

import pytest

from sales_desk.domain.admin.policy import PolicyNumberNotAdmins, PolicyRefused
from sales_desk.domain.common.errors import ValidationError
from sales_desk.domain.common.money import to_minor
from sales_desk.services.admin import policy, settings
from sales_desk.services.credit import position as credit
from sales_desk.services.expenses import queries as expense_queries
from sales_desk.services.expenses import settings as expense_settings

FEB_20, MAR_1 = date(2026, 2, 20), date(2026, 3, 1)
WEIGHTS = {"credit.weight.payment_record": 25, "credit.weight.company_size": 0, "credit.weight.management": 0}


@pytest.fixture
def day(pin_business_date) -> date:
    return pin_business_date(FEB_20)


@pytest.fixture
def mgr(make_user, day):
    return make_user("mgr", "sales_manager")


@pytest.fixture
def gm(make_user, day):
    return make_user("boss", "gm")


def test_scorecard_weights_are_proposed_by_the_sales_manager_and_take_force_when_approved(
        database, mgr, gm, pin_business_date) -> None:
    pid = policy.propose_policy(database.uow(mgr), WEIGHTS, MAR_1, "回款记录更能反映信用")
    assert {r.key: r.weight for r in credit.scorecard(database.uow(mgr))}["payment_record"] == 15
    policy.approve_policy(database.uow(gm), pid)
    assert {r.key: r.weight for r in credit.scorecard(database.uow(mgr))}["payment_record"] == 15  # not yet
    pin_business_date(MAR_1)
    weights = {r.key: r.weight for r in credit.scorecard(database.uow(mgr))}
    assert weights["payment_record"] == 25 and weights["management"] == 0 and sum(weights.values()) == 100


def test_weights_that_do_not_add_up_to_100_are_refused(database, mgr) -> None:
    with pytest.raises(ValidationError, match="add up to 110"):
        policy.propose_policy(database.uow(mgr), {"credit.weight.payment_record": 25}, MAR_1, "x")


def test_the_weights_are_not_proposed_by_the_customer_service_manager(database, make_user, day) -> None:
    csm = make_user("csm", "cs_manager")
    with pytest.raises(PolicyRefused, match="sales manager proposes"):
        policy.propose_policy(database.uow(csm), WEIGHTS, MAR_1, "x")


def test_the_administrator_may_not_change_a_weight_or_an_allowance(database, admin, day) -> None:
    with pytest.raises(PolicyNumberNotAdmins):
        settings.update_settings(database.uow(admin), {"credit.weight.payment_record": 25})
    with pytest.raises(PolicyNumberNotAdmins):
        settings.update_settings(database.uow(admin), {"expense.personal_allowances": {"admin": 1}})


def test_a_persons_own_allowance_is_policy_and_others_keep_the_default(database, admin, make_user, mgr, gm) -> None:
    rep, rep2 = make_user("rep", "sales_rep"), make_user("rep2", "sales_rep")
    pid = policy.propose_policy(database.uow(mgr), {"expense.personal_allowances": {"rep": to_minor("800")}},
                                FEB_20, "新人支配范围")
    policy.approve_policy(database.uow(gm), pid)
    assert expense_queries.preview_route(database.uow(rep), "business", to_minor("100"), FEB_20) \
        .allowance.monthly == to_minor("800")
    assert expense_queries.preview_route(database.uow(rep2), "business", to_minor("100"), FEB_20) \
        .allowance.monthly == to_minor("2000")
    rows = {r.username: r for r in expense_settings.list_expense_profiles(database.uow(admin))}
    assert rows["rep"].own_allowance and rows["rep"].effective_allowance == to_minor("800")
    assert not rows["rep2"].own_allowance and rows["rep2"].effective_allowance == to_minor("2000")


def test_an_allowance_for_someone_without_an_account_is_refused(database, mgr) -> None:
    with pytest.raises(ValidationError, match="no user named nobody"):
        policy.propose_policy(database.uow(mgr), {"expense.personal_allowances": {"nobody": 100}}, MAR_1, "x")
    with pytest.raises(ValidationError, match="amount of 0 or more"):
        policy.propose_policy(database.uow(mgr), {"expense.personal_allowances": {"mgr": -1}}, MAR_1, "x")
