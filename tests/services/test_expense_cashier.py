"""The cashier [出纳] of 费用 第9条: finance signs, a different role pays."""

from __future__ import annotations

import pytest

from sales_desk.domain.common.errors import NotPermitted
from sales_desk.domain.common.roles import Perm, Role, conflicts_in, permissions_of
from sales_desk.services.admin import users
from sales_desk.services.admin.users import RoleConflict
from sales_desk.services.expenses import claims as expenses
from sales_desk.services.expenses import queries as expense_queries
from sales_desk.services.expenses.approvals import PaymentInput, finance_check_claim, pay_claim
from tests.conftest import PASSWORD
from tests.services.expense_flow import approved_budget, claim, staff

CASH = PaymentInput("cash", "收据 0001")


@pytest.fixture
def s(make_user):
    return staff(make_user)


def test_the_finance_signer_and_the_cashier_are_a_conflicting_pair() -> None:
    keys = {c.key for c in conflicts_in([Role.FINANCE, Role.CASHIER])}
    assert "expense.finance_check×expense.pay" in keys
    assert Perm.EXPENSE_PAY not in permissions_of([Role.FINANCE])
    assert permissions_of([Role.CASHIER]) & {Perm.EXPENSE_FINANCE_CHECK, Perm.EXPENSE_APPROVE} == set()


def test_giving_one_user_the_finance_and_cashier_roles_is_refused_without_a_justification(
        database, admin) -> None:
    with pytest.raises(RoleConflict, match="who signs the finance check must not pay"):
        users.add_user(database.uow(admin), "kuaiji", PASSWORD, ["finance", "cashier"])
    # a firm too small to separate them may, with the reason on record
    users.add_user(database.uow(admin), "kuaiji", PASSWORD, ["finance", "cashier"],
                   justification="两人公司：会计兼出纳，总经理书面同意")


def test_a_finance_clerk_can_no_longer_pay_the_cashier_pays(database, s) -> None:
    approved_budget(database, s)
    st = expenses.apply_for_expense(database.uow(s.rep), claim("100"))
    finance_check_claim(database.uow(s.fin), st.id, True, "单据齐全")
    with pytest.raises(NotPermitted):
        pay_claim(database.uow(s.fin), st.id, CASH)
    pay_claim(database.uow(s.cashier), st.id, CASH)
    v = expense_queries.get_claim(database.uow(s.cashier), st.id)
    assert v.row.status == "paid" and v.payment.paid_by == "cashier"


def test_the_cashier_cannot_sign_for_finance(database, s) -> None:
    approved_budget(database, s)
    st = expenses.apply_for_expense(database.uow(s.rep), claim("100"))
    with pytest.raises(NotPermitted):
        finance_check_claim(database.uow(s.cashier), st.id, True)
