"""No lost update, the other forms (issue 17): a draft order, a customer's contact and a
returned expense claim are saved only over the version their form loaded; over a newer one
the save is refused naming who changed which fields since, and nothing is written."""

from __future__ import annotations

import pytest

from sales_desk.domain.common.versions import StaleRecord
from sales_desk.services.customers import files as customers
from sales_desk.services.customers import records as customer_records
from sales_desk.services.customers.data import ContactInput, CustomerInput
from sales_desk.services.orders import entry as orders
from sales_desk.services.orders import views as order_views
from sales_desk.services.orders.entry import OrderInput, OrderLineInput
from tests.services import order_flow
from tests.services.stale_saves import _day, audit_count  # noqa: F401 - _day: autouse


def test_a_stale_order_save_is_refused_and_nothing_is_written(database, make_user) -> None:
    t = order_flow.team(make_user)
    cid = order_flow.credit_customer(database, t)
    pid = order_flow.product(database, t)
    oid = order_flow.draft(database, t, cid, [(pid, 2, None)])
    # the rep has the draft open at two seats (or the supervisor beside them)
    seat_one = order_views.get_order(database.uow(t.rep), oid)
    seat_two = order_views.get_order(database.uow(t.rep), oid)
    orders.update_order(database.uow(t.rep), oid, OrderInput(cid, [OrderLineInput(pid, 5)], note="加急",
                                                             delivery_terms="送货上门"),
                        version=seat_two.version)
    with pytest.raises(StaleRecord) as refused:
        orders.update_order(database.uow(t.rep), oid, OrderInput(cid, [OrderLineInput(pid, 3)], note="我的"),
                            version=seat_one.version)

    message = str(refused.value)
    assert "rep" in message
    named = refused.value.changes[-1].fields
    assert set(named) == {"Lines", "Total", "Other terms", "Delivery terms"}
    now = order_views.get_order(database.uow(t.rep), oid)
    assert (now.note, now.lines[0].quantity, now.version) == ("加急", 5, seat_one.version + 1)
    assert audit_count(database, "order.update") == 1


def test_a_stale_order_save_names_a_submission_made_meanwhile(database, make_user) -> None:
    t = order_flow.team(make_user)
    cid = order_flow.credit_customer(database, t)
    pid = order_flow.product(database, t)
    oid = order_flow.draft(database, t, cid, [(pid, 2, None)])
    opened = order_views.get_order(database.uow(t.rep), oid)
    orders.submit_order(database.uow(t.rep), oid)
    orders.withdraw_order(database.uow(t.rep), oid)  # back to draft: editable again, two versions on
    with pytest.raises(StaleRecord) as refused:
        orders.update_order(database.uow(t.rep), oid, OrderInput(cid, [OrderLineInput(pid, 9)]),
                            version=opened.version)
    assert "Status" in str(refused.value)
    assert order_views.get_order(database.uow(t.rep), oid).lines[0].quantity == 2


def test_a_stale_contact_edit_is_refused_and_nothing_is_written(database, make_user) -> None:
    rep = make_user("rep", "sales_rep")
    manager = make_user("csm", "cs_manager")
    cid = customers.create_customer(database.uow(rep), CustomerInput(
        name="苏州华东机电有限公司", contacts=(ContactInput("王经理", phone="0512-1"), ContactInput("李会计"))))
    wang, li = customers.customer_card(database.uow(rep), cid).contacts
    customer_records.update_contact(database.uow(manager), wang.id,
                                    ContactInput("王经理", position="总经理", phone="0512-2"), version=wang.version)
    customer_records.update_contact(database.uow(rep), li.id, ContactInput("李会计", phone="0512-9"),
                                    version=li.version)  # another contact of the same file: no conflict
    with pytest.raises(StaleRecord) as refused:
        customer_records.update_contact(database.uow(rep), wang.id, ContactInput("王经理", email="w@example.cn"),
                                        version=wang.version)

    assert [c.who for c in refused.value.changes] == ["csm"]
    assert set(refused.value.changes[0].fields) == {"Position", "Phone"}
    now = {k.name: k for k in customers.customer_card(database.uow(rep), cid).contacts}
    assert (now["王经理"].phone, now["王经理"].email, now["王经理"].position) == ("0512-2", "", "总经理")
    assert audit_count(database, "customer.contact_update") == 2


def test_a_stale_correction_of_a_returned_claim_is_refused_and_nothing_is_written(database, make_user) -> None:
    from sales_desk.services.expenses import claims as expenses
    from sales_desk.services.expenses import queries as expense_queries
    from sales_desk.services.expenses.approvals import finance_check_claim
    from tests.services.expense_flow import approved_budget, claim, staff

    s = staff(make_user)
    approved_budget(database, s)
    st = expenses.apply_for_expense(database.uow(s.rep), claim("2000"))
    finance_check_claim(database.uow(s.fin), st.id, False, "请补充用途")
    loaded = expense_queries.get_claim(database.uow(s.rep), st.id).version
    expenses.update_claim(database.uow(s.rep), st.id, claim("1800", purpose="招待华东客户"), version=loaded)
    with pytest.raises(StaleRecord) as refused:  # the same author's other seat, on the form it opened before
        expenses.update_claim(database.uow(s.rep), st.id, claim("2000", purpose="客户招待，已补充"), version=loaded)
    assert set(refused.value.changes[-1].fields) == {"Amount", "Purpose"}
    view = expense_queries.get_claim(database.uow(s.rep), st.id)
    assert (view.row.amount, view.row.purpose) == (180_000, "招待华东客户")
    assert audit_count(database, "expense.update") == 1
