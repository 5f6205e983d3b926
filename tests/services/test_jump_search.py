"""The window's search box (Ctrl+K): a record by its number or name, within what the
user may see — the same records their lists show them."""

from __future__ import annotations

from sqlalchemy import select

from sales_desk.models import Receipt, SalesOrder
from sales_desk.services.search.jump import jump_search
from tests.services import collection_flow as cf
from tests.services import order_flow as of


def _kinds(database, actor, typed: str) -> list[tuple[str, str]]:  # noqa: ANN001
    return [(h.kind, h.number) for h in jump_search(database.uow(actor), typed)]


def test_an_order_is_found_by_its_number_and_its_customer_by_name_or_initials(database, make_user) -> None:
    t = of.team(make_user)
    cid = of.credit_customer(database, t, name="上海华通贸易有限公司")
    oid = of.draft(database, t, cid, [(of.product(database, t), 2, None)])
    with database.engine.connect() as c:
        number = c.execute(select(SalesOrder.number).where(SalesOrder.id == oid)).scalar_one()
    assert _kinds(database, t.rep, number) == [("order", number)]
    assert _kinds(database, t.rep, number.lower()[:6]) == [("order", number)]  # the start, any case
    hits = jump_search(database.uow(t.mgr), "ht")
    assert [(h.kind, h.id, h.name) for h in hits] == [("customer", cid, "上海华通贸易有限公司")]
    assert [h.kind for h in jump_search(database.uow(t.mgr), "huatong")] == ["customer"]
    assert jump_search(database.uow(t.rep), "  ") == []


def test_a_rep_finds_only_what_their_lists_show(database, make_user) -> None:
    t = of.team(make_user)
    cid = of.credit_customer(database, t, name="上海华通贸易有限公司")  # t.rep's
    oid = of.draft(database, t, cid, [(of.product(database, t), 1, None)])
    with database.engine.connect() as c:
        number = c.execute(select(SalesOrder.number).where(SalesOrder.id == oid)).scalar_one()
    assert _kinds(database, t.rep2, number) == []
    assert _kinds(database, t.rep2, "华通") == []
    assert _kinds(database, t.wh, "华通") == [("customer", "C000001")]  # the warehouse sees all customers
    assert [k for k, _ in _kinds(database, t.mgr, number)] == ["order"]


def test_invoices_and_receipts_by_number_for_those_who_see_receivables(database, make_user) -> None:
    crew = cf.crew(make_user)
    cid = cf.customer(database, crew.rep, "K1", name="北京华通机电")
    rid = cf.invoice(database, crew.fin, "K1", "INV-778", due_days_ago=10, amount=50_000)
    receipt_id = cf.pay(database, crew.fin, cid, 20_000)
    with database.engine.connect() as c:
        rc = c.execute(select(Receipt.number).where(Receipt.id == receipt_id)).scalar_one()
    hits = jump_search(database.uow(crew.fin), "ob-inv-778")
    assert [(h.kind, h.id, h.customer_id) for h in hits] == [("invoice", rid, cid)]
    assert [(h.kind, h.id, h.customer_id) for h in jump_search(database.uow(crew.rep), rc)] == [
        ("receipt", receipt_id, cid)]
    assert jump_search(database.uow(crew.rep2), rc) == []  # not rep2's customer
