"""No lost update (issue 17): a save names the version its form loaded; over a newer one it
is refused, naming who changed what since, and nothing is written."""

from __future__ import annotations

import pytest

from sales_desk.domain.common.versions import StaleRecord
from sales_desk.services.customers import files as customers
from sales_desk.services.orders import products
from sales_desk.services.orders.products import ProductInput
from tests.services.credit_flow import new_customer
from tests.services.stale_saves import _day, audit_count  # noqa: F401 - _day: autouse


def test_a_stale_save_is_refused_and_nothing_is_written(database, make_user) -> None:
    rep = make_user("rep", "sales_rep")
    manager = make_user("mgr", "cs_manager")
    cid = new_customer(database, rep, phone="010-1")
    opened_by_rep = customers.customer_card(database.uow(rep), cid)
    opened_by_manager = customers.customer_card(database.uow(manager), cid)
    assert opened_by_rep.version == opened_by_manager.version

    customers.update_customer(database.uow(manager), cid, {"phone": "010-2", "address": "北京"},
                              version=opened_by_manager.version)
    with pytest.raises(StaleRecord) as refused:
        customers.update_customer(database.uow(rep), cid, {"phone": "010-3"}, version=opened_by_rep.version)

    message = str(refused.value)
    assert "mgr" in message and "Phone" in message and "Address" in message
    assert [c.who for c in refused.value.changes] == ["mgr"]
    now = customers.customer_card(database.uow(rep), cid)
    assert (now.phone, now.address) == ("010-2", "北京")  # the manager's change stands
    assert now.version == opened_by_rep.version + 1
    assert audit_count(database, "customer.update") == 1  # the refused save left no trace


def test_a_save_on_the_version_it_loaded_goes_through_and_moves_it_on(database, make_user) -> None:
    rep = make_user("rep", "sales_rep")
    cid = new_customer(database, rep)
    card = customers.customer_card(database.uow(rep), cid)
    customers.update_customer(database.uow(rep), cid, {"phone": "021-1"}, version=card.version)
    again = customers.customer_card(database.uow(rep), cid)
    customers.update_customer(database.uow(rep), cid, {"phone": "021-2"}, version=again.version)
    assert customers.customer_card(database.uow(rep), cid).version == card.version + 2


def test_a_stale_product_save_is_refused_and_nothing_is_written(database, make_user) -> None:
    vp = make_user("vp", "sales_vp")
    vp2 = make_user("vp2", "sales_vp")
    pid = products.create_product(database.uow(vp), ProductInput("P1", "产品一", "台", 10_000, 9_000, 12_000))
    loaded = products.get_product(database.uow(vp), pid).version
    products.update_product(database.uow(vp2), pid, ProductInput("P1", "产品一", "台", 11_000, 9_000, 12_000),
                            version=loaded)
    with pytest.raises(StaleRecord) as refused:
        products.update_product(database.uow(vp), pid, ProductInput("P1", "产品1", "箱", 10_000, 9_000, 12_000),
                                version=loaded)
    assert "vp2" in str(refused.value) and "List price" in str(refused.value)
    row = products.get_product(database.uow(vp), pid)
    assert (row.name, row.unit, row.list_price) == ("产品一", "台", 11_000)
    assert audit_count(database, "product.update") == 1


def _plan_targets(rep_id: int, amount: int) -> list[tuple[str, str, int, int]]:
    return [("rep", str(rep_id), m, amount) for m in range(1, 13)]


def test_a_stale_plan_save_is_refused_and_nothing_is_written(database, make_user) -> None:
    from sales_desk.services.planning import plans

    rep = make_user("rep", "sales_rep")
    # the sales VP drafts the overall plan (销售副总 职责2): two of them, as two seats
    mgr, mgr2 = make_user("mgr", "sales_vp"), make_user("mgr2", "sales_vp")
    pid = plans.prepare_plan(database.uow(mgr), 2026, _plan_targets(rep.user_id, 100_000), version=0)
    loaded = plans.get_plan(database.uow(mgr2), pid).version
    plans.prepare_plan(database.uow(mgr), 2026, _plan_targets(rep.user_id, 200_000), version=loaded)
    with pytest.raises(StaleRecord) as refused:
        plans.prepare_plan(database.uow(mgr2), 2026, _plan_targets(rep.user_id, 300_000), version=loaded)
    assert "mgr" in str(refused.value) and "Targets" in str(refused.value)
    assert plans.get_plan(database.uow(mgr), pid).targets[0].months[0] == 200_000
    assert audit_count(database, "plan.prepare") == 2
    with pytest.raises(StaleRecord):  # a form that saw no open version, while one was started
        plans.prepare_plan(database.uow(mgr2), 2026, _plan_targets(rep.user_id, 300_000), version=0)


def test_a_stale_budget_save_is_refused_and_nothing_is_written(database, make_user) -> None:
    from sales_desk.services.expenses import budgets
    from tests.services.expense_flow import monthly_lines

    mgr, mgr2 = make_user("mgr", "sales_manager"), make_user("mgr2", "sales_manager")
    bid = budgets.prepare_budget(database.uow(mgr), 2026, monthly_lines("100"), version=0)
    loaded = budgets.get_budget(database.uow(mgr2), bid).version
    budgets.prepare_budget(database.uow(mgr), 2026, monthly_lines("200"), version=loaded)
    with pytest.raises(StaleRecord):
        budgets.prepare_budget(database.uow(mgr2), 2026, monthly_lines("300"), version=loaded)
    assert budgets.get_budget(database.uow(mgr), bid).total == budgets.get_budget(database.uow(mgr2), bid).total
    assert audit_count(database, "budget.prepare") == 2


def test_two_seats_saving_one_record_at_the_same_moment_one_is_refused(database, make_user, monkeypatch) -> None:
    """Between one save's read and its write, another seat's save commits: the UPDATE … WHERE
    version = n of the first matches nothing, and it is refused whole."""
    if database.config.is_sqlite:
        pytest.skip("SQLite takes the write lock at BEGIN: two saves cannot interleave")
    from sales_desk.domain.common.versions import SavedMeanwhile

    rep = make_user("rep", "sales_rep")
    other = make_user("csm", "cs_manager")
    cid = new_customer(database, rep)
    version = customers.customer_card(database.uow(rep), cid).version
    checked = customers.ensure_current

    def meanwhile(*args, **kwargs) -> None:  # noqa: ANN002, ANN003
        checked(*args, **kwargs)
        monkeypatch.setattr(customers, "ensure_current", checked)  # the other seat's own save checks plainly
        customers.update_customer(database.uow(other), cid, {"phone": "其他席位"}, version=version)

    monkeypatch.setattr(customers, "ensure_current", meanwhile)
    with pytest.raises(SavedMeanwhile):
        customers.update_customer(database.uow(rep), cid, {"phone": "我的", "address": "上海"}, version=version)
    card = customers.customer_card(database.uow(rep), cid)
    assert (card.phone, card.address, card.version) == ("其他席位", "", version + 1)
    assert audit_count(database, "customer.update") == 1
