"""Policy versions (SPEC §9): the role the seed names proposes, the gm approves, in force from a date."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from sales_desk.domain.admin.policy import PolicyNumberNotAdmins, PolicyRefused
from sales_desk.domain.common.errors import NotPermitted, SelfApprovalRefused, ValidationError
from sales_desk.domain.common.money import to_minor
from sales_desk.models import AuditEntry
from sales_desk.services.admin import policy, settings
from sales_desk.services.credit import limit as credit_limit
from sales_desk.services.credit import position as credit
from tests.services.credit_flow import new_customer, rate, staff

FEB_20, MAR_1 = date(2026, 2, 20), date(2026, 3, 1)
C_MAX = "credit.c_max_limit"


@pytest.fixture
def day(pin_business_date) -> date:
    return pin_business_date(FEB_20)


@pytest.fixture
def mgr(make_user, day):
    return make_user("mgr", "sales_manager")


@pytest.fixture
def gm(make_user, day):
    return make_user("boss", "gm")


def test_the_first_version_holds_the_settings_in_force_before_versions(database, admin, day) -> None:
    with database.uow(admin) as uow:
        p = policy.policy_in_force(uow, date(2000, 1, 1))
    assert p.number == 1 and p.effective_from == date(2000, 1, 1)
    assert p.values[C_MAX] == to_minor("30000")
    assert "company.name" not in p.values


def test_a_policy_change_approved_by_its_proposer_is_refused(database, make_user, day) -> None:
    both = make_user("solo", "sales_manager", "gm", justification="two-person firm")
    pid = policy.propose_policy(database.uow(both), {C_MAX: to_minor("40000")}, MAR_1, "市场变化")
    with pytest.raises(SelfApprovalRefused):
        policy.approve_policy(database.uow(both), pid)


def test_the_administrator_may_not_change_a_policy_number(database, admin, day) -> None:
    with pytest.raises(PolicyNumberNotAdmins, match="sales manager proposes"):
        settings.update_settings(database.uow(admin), {C_MAX: to_minor("40000")})
    settings.update_settings(database.uow(admin), {"company.name": "新名字"})  # technical: the admin's
    with pytest.raises(NotPermitted):
        policy.propose_policy(database.uow(admin), {C_MAX: to_minor("40000")}, MAR_1, "x")


def test_a_rule_on_a_date_uses_that_dates_version(database, make_user, gm, pin_business_date) -> None:
    s = staff(make_user)
    cid = new_customer(database, s.rep)
    rate(database, s, cid, 60)  # grade C: at most 30,000.00 under version 1
    pid = policy.propose_policy(database.uow(s.mgr), {C_MAX: to_minor("40000")}, MAR_1, "C 类客户回款良好")
    assert policy.approve_policy(database.uow(gm), pid) == 2
    with pytest.raises(ValidationError):  # 28 February: version 1 still in force
        credit_limit.set_credit_limit(database.uow(s.mgr), cid, to_minor("40000"), 30, reasons="x")
    pin_business_date(MAR_1)
    credit_limit.set_credit_limit(database.uow(s.mgr), cid, to_minor("40000"), 30, reasons="新政策")
    assert credit.get_credit_position(database.uow(s.rep), cid).limit == to_minor("40000")
    with database.uow(s.mgr) as uow:
        assert policy.policy_in_force(uow, FEB_20).number == 1
        assert policy.policy_in_force(uow, MAR_1).number == 2
        assert settings.load_settings(uow)[C_MAX] == to_minor("40000")


def test_a_proposal_with_a_past_effective_date_is_refused(database, mgr) -> None:
    with pytest.raises(PolicyRefused, match="already past"):
        policy.propose_policy(database.uow(mgr), {C_MAX: to_minor("40000")}, date(2026, 2, 19), "x")
    policy.propose_policy(database.uow(mgr), {C_MAX: to_minor("40000")}, FEB_20, "today is not past")


def test_a_proposal_whose_date_passed_while_pending_cannot_be_approved(database, mgr, gm,
                                                                        pin_business_date) -> None:
    pid = policy.propose_policy(database.uow(mgr), {C_MAX: to_minor("40000")}, FEB_20, "x")
    pin_business_date(date(2026, 2, 21))
    with pytest.raises(PolicyRefused, match="Return the proposal"):
        policy.approve_policy(database.uow(gm), pid)


def test_the_gm_returns_a_proposal_with_a_reason(database, mgr, gm) -> None:
    pid = policy.propose_policy(database.uow(mgr), {C_MAX: to_minor("40000")}, MAR_1, "x")
    with pytest.raises(ValidationError):
        policy.return_policy(database.uow(gm), pid, "  ")
    policy.return_policy(database.uow(gm), pid, "先看一季度回款")
    row = policy.policy_history(database.uow(gm))[0]
    assert (row.status, row.number, row.decision_note) == ("returned", None, "先看一季度回款")
    with pytest.raises(PolicyRefused):
        policy.approve_policy(database.uow(gm), pid)
    with database.uow(gm) as uow:
        assert policy.policy_in_force(uow, MAR_1).values[C_MAX] == to_minor("30000")
        actions = list(uow.session.scalars(select(AuditEntry.action).order_by(AuditEntry.seq)))
    assert actions[-2:] == ["policy.propose", "policy.return"]


def test_only_the_role_the_seed_names_proposes_a_group(database, make_user, day) -> None:
    vp = make_user("vp", "sales_vp")
    with pytest.raises(PolicyRefused, match="sales manager proposes"):
        policy.propose_policy(database.uow(vp), {C_MAX: to_minor("40000")}, MAR_1, "x")
    policy.propose_policy(database.uow(vp), {"contract.major_threshold": to_minor("300000")}, MAR_1, "x")
    with pytest.raises(NotPermitted):
        policy.propose_policy(database.uow(make_user("rep", "sales_rep")), {C_MAX: 1}, MAR_1, "x")


def test_one_proposal_changes_one_group(database, mgr) -> None:
    with pytest.raises(ValidationError):
        policy.propose_policy(database.uow(mgr), {C_MAX: 1, "deferral.max_months": 2}, MAR_1, "x")


def test_only_one_proposal_per_group_awaits_the_gm(database, mgr) -> None:
    policy.propose_policy(database.uow(mgr), {C_MAX: to_minor("40000")}, MAR_1, "x")
    with pytest.raises(PolicyRefused, match="already awaiting"):
        policy.propose_policy(database.uow(mgr), {"credit.c_max_term_days": 45}, MAR_1, "x")
    policy.propose_policy(database.uow(mgr), {"deferral.max_months": 2}, MAR_1, "another group")


def test_a_proposal_breaking_the_grade_bands_is_refused(database, mgr) -> None:
    with pytest.raises(ValidationError, match="C < B < A"):
        policy.propose_policy(database.uow(mgr), {"credit.grade_a_min": 60}, MAR_1, "x")


def test_a_version_for_an_earlier_date_is_kept_by_a_later_one(database, make_user, mgr, gm) -> None:
    csm = make_user("csm", "cs_manager")
    later = policy.propose_policy(database.uow(mgr), {C_MAX: to_minor("40000")}, date(2026, 6, 1), "x")
    policy.approve_policy(database.uow(gm), later)
    earlier = policy.propose_policy(database.uow(csm), {"customer.churn_days": 60}, MAR_1, "y")
    assert policy.approve_policy(database.uow(gm), earlier) == 3
    with database.uow(gm) as uow:
        june = policy.policy_in_force(uow, date(2026, 6, 1))
    assert june.number == 2 and june.values["customer.churn_days"] == 60
    assert june.values[C_MAX] == to_minor("40000")


def test_two_versions_compare_side_by_side(database, mgr, gm) -> None:
    pid = policy.propose_policy(database.uow(mgr), {C_MAX: to_minor("40000")}, MAR_1, "x")
    policy.approve_policy(database.uow(gm), pid)
    diff = policy.compare_versions(database.uow(gm), 1, 2)
    changed = [(d.key, d.first, d.second) for d in diff if d.changed]
    assert changed == [(C_MAX, to_minor("30000"), to_minor("40000"))]
    assert all(not d.key.startswith("company.") for d in diff)
