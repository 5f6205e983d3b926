"""Spending standards per expense item (费用 第13条1): rates in force by policy version, a claim
above its standard refused without a reason, and with one routed to the approver who may allow it."""

from __future__ import annotations

from datetime import date

import pytest

from sales_desk.domain.admin.policy import GROUPS, PolicyGroup, group_of
from sales_desk.domain.common.money import to_minor
from sales_desk.domain.common.roles import Role
from sales_desk.domain.expenses.standards import AboveStandardWithoutReason, CityTier, standard_for
from sales_desk.models import ExpenseClaim
from sales_desk.services.expenses import claims
from sales_desk.services.expenses.standards import standard_of
from tests.policy_helpers import enact_policy
from tests.services.expense_flow import approved_budget, claim, staff

DAY = date(2026, 11, 10)
REVIEW, APPROVE, GM, FINANCE = "review", "approve", "gm", "finance"


@pytest.fixture
def s(database, make_user, admin, pin_business_date):  # noqa: ANN001, ANN201
    pin_business_date(DAY)
    team = staff(make_user)
    approved_budget(database, team)
    enact_policy(database, admin, {"expense.standard.communication": to_minor("250"),
                                   "expense.standard.per_diem_tier2": to_minor("110")})
    return team


def test_spending_standards_are_policy_proposed_by_the_sales_manager() -> None:
    assert group_of("expense.standard.communication") is PolicyGroup.STANDARDS
    assert group_of("expense.standard.per_diem_tier1") is PolicyGroup.STANDARDS
    assert group_of("expense.gm_threshold") is PolicyGroup.EXPENSE
    assert GROUPS[PolicyGroup.STANDARDS].proposer is Role.SALES_MANAGER


def test_a_per_diem_standard_is_the_city_tiers_rate_times_the_days() -> None:
    values = {"expense.standard.per_diem_tier1": to_minor("150"), "expense.standard.per_diem_tier3": 10_000}
    assert standard_for("Per diem", values, 3, CityTier.FIRST) == to_minor("450")
    assert standard_for("出差补助", values, 2, CityTier.OTHER) == to_minor("200")
    assert standard_for("Printing", values) is None  # no standard for that item


def test_a_claim_line_above_its_standard_is_refused_without_a_reason(database, s) -> None:  # noqa: ANN001
    with pytest.raises(AboveStandardWithoutReason):
        claims.apply_for_expense(database.uow(s.rep), claim("250.01", DAY, item="Communication"))
    with pytest.raises(AboveStandardWithoutReason):
        claims.apply_for_expense(database.uow(s.rep), claim("250.01", DAY, item="Communication",
                                                            standard_reason="   "))


def test_a_claim_within_its_standard_goes_as_any_claim_and_keeps_the_standard(database, s) -> None:  # noqa: ANN001
    st = claims.apply_for_expense(database.uow(s.rep), claim("250", DAY, item="Communication"))
    assert st.route == (FINANCE,)  # within the allowance: straight to finance
    with database.uow() as uow:
        c = uow.session.get(ExpenseClaim, st.id)
        assert (c.standard, c.standard_reason) == (to_minor("250"), "")


def test_a_claim_above_its_standard_with_a_reason_goes_to_the_approver_who_may_allow_it(
        database, s) -> None:  # noqa: ANN001
    st = claims.apply_for_expense(database.uow(s.rep), claim("450", DAY, item="Communication",
                                                             standard_reason="国际长途联系客户"))
    assert st.route == (REVIEW, APPROVE, FINANCE)  # not the rep's own allowance to spend
    mgr = claims.apply_for_expense(database.uow(s.mgr), claim("450", DAY, item="Communication",
                                                              standard_reason="国际长途"))
    assert mgr.route == (GM, FINANCE)  # a manager's: the general manager allows it
    with database.uow() as uow:
        c = uow.session.get(ExpenseClaim, st.id)
        assert (c.standard, c.standard_reason) == (to_minor("250"), "国际长途联系客户")


def test_a_per_diem_is_measured_by_its_days_and_the_city_tier(database, s) -> None:  # noqa: ANN001
    assert standard_of(database.uow(s.rep), "Per diem", DAY, 3, CityTier.SECOND) == to_minor("330")
    with pytest.raises(AboveStandardWithoutReason):
        claims.apply_for_expense(database.uow(s.rep), claim("330.01", DAY, item="Per diem", days=3,
                                                            city_tier=2))
    st = claims.apply_for_expense(database.uow(s.rep), claim("330", DAY, item="Per diem", days=3, city_tier=2))
    assert st.route == (FINANCE,)


def test_the_standard_in_force_when_the_money_was_spent_applies(database, s, admin) -> None:  # noqa: ANN001
    enact_policy(database, admin, {"expense.standard.communication": to_minor("500")})
    st = claims.apply_for_expense(database.uow(s.rep), claim("450", DAY, item="Communication"))
    with database.uow() as uow:
        assert uow.session.get(ExpenseClaim, st.id).standard == to_minor("500")


def test_the_printed_claim_form_shows_the_standard_beside_the_amount(database, s) -> None:  # noqa: ANN001
    import io

    from pypdf import PdfReader

    from sales_desk.reports.records.issuers import give_out, issue_expense_explanation

    st = claims.apply_for_expense(database.uow(s.mgr), claim(
        "400", DAY, item="Communication", purpose="展会期间通讯", is_department=True,
        explanation="展会期间与客户联络", standard_reason="展会期间通话集中"))
    for lang, words in (("en", ("Standard", "250.00", "150.00", "展会期间通话集中")),
                        ("zh_CN", ("250.00", "150.00", "展会期间通话集中"))):
        ref = issue_expense_explanation(database.uow(s.mgr), st.id, lang)
        pdf = give_out(database.uow(s.mgr), ref.id, "file").content
        text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
        assert all(w in text for w in words), (lang, text)
