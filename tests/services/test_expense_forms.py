"""The Expenses tab's helper reads: claimants to filter by (overseers only), a returned claim's
own fields for correcting it (its author only), and the departments to budget for."""

from __future__ import annotations

import pytest

from sales_desk.domain.common.errors import NotFound, NotPermitted
from sales_desk.domain.common.money import to_minor
from sales_desk.services.customers.data import CustomerInput
from sales_desk.services.customers.files import create_customer
from sales_desk.services.expenses import budgets
from sales_desk.services.expenses import claims as expenses
from sales_desk.services.expenses import forms as expense_forms
from sales_desk.services.expenses import settings as expense_settings
from tests.services.expense_flow import DEPT, approved_budget, claim, staff


@pytest.fixture
def s(make_user):  # noqa: ANN001, ANN201
    return staff(make_user)


def test_claimants_are_the_people_who_may_apply_listed_only_to_those_who_see_every_claim(database, s) -> None:
    names = [p.username for p in expense_forms.claimants(database.uow(s.mgr))]
    assert set(names) == {"rep", "rep2", "sup", "mgr"}  # not the GM, not finance: they do not apply
    assert {p.username for p in expense_forms.claimants(database.uow(s.fin))} == set(names)
    with pytest.raises(NotPermitted):
        expense_forms.claimants(database.uow(s.rep))  # a rep sees only their own claims


def test_a_claim_for_edit_is_its_authors_own_with_the_customer_it_served(database, s) -> None:
    approved_budget(database, s)
    cid = create_customer(database.uow(s.rep), CustomerInput(name="杭州新星电子"))
    st = expenses.apply_for_expense(database.uow(s.rep), claim("300", customer_id=cid, event="展会"))
    draft = expense_forms.claim_for_edit(database.uow(s.rep), st.id)
    assert draft.data.customer_id == cid and draft.data.amount == to_minor("300")
    assert draft.data.event == "展会" and (draft.customer_name, draft.customer_code[:1]) == ("杭州新星电子", "C")
    with pytest.raises(NotFound):
        expense_forms.claim_for_edit(database.uow(s.rep2), st.id)  # someone else's does not leak


def test_departments_are_the_default_the_staffs_and_the_budgets(database, s, admin) -> None:
    expense_settings.set_expense_profile(database.uow(admin), s.rep.user_id, "华南销售部")
    approved_budget(database, s, lines=[(1, "business", "客服部", to_minor("100"))])
    assert budgets.departments(database.uow(s.rep)) == sorted({DEPT, "华南销售部", "客服部"})
    assert budgets.departments(database.uow(s.rep), 2020) == sorted({DEPT, "华南销售部"})
