"""A distributor with shipments and returns, in as few lines as the rebate tests need."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from sales_desk.domain.collections.rebates import Tier
from sales_desk.domain.common.money import to_minor
from sales_desk.domain.common.roles import Actor
from sales_desk.models import Movement, OrderLine
from sales_desk.services.collections import distributors, rebates
from sales_desk.services.collections.distributors import DistributorInput
from sales_desk.services.collections.rebates import AgreementInput
from sales_desk.services.orders import approvals as order_approvals
from sales_desk.services.orders import dispatch, products
from sales_desk.services.orders import entry as orders
from sales_desk.services.orders.dispatch import ReturnInput, ShipmentInput
from sales_desk.services.orders.entry import OrderInput, OrderLineInput
from sales_desk.services.orders.products import ProductInput
from tests.services.collection_flow import customer


@dataclass
class Crew:
    rep: Actor  # takes orders, enters stock reports, records returns
    mgr: Actor  # approves orders, marks distributors, proposes agreements and rebates
    gm: Actor  # approves agreements and rebates
    fin: Actor  # pays rebates
    wh: Actor  # ships
    vp: Actor  # products and their price ranges


def crew(make_user) -> Crew:  # noqa: ANN001 - the conftest fixture
    return Crew(make_user("rep", "sales_rep"), make_user("mgr", "sales_manager"), make_user("gm", "gm"),
                make_user("fin", "finance"), make_user("wh", "warehouse"), make_user("vp", "sales_vp"))


def product(database, c: Crew, code: str = "P-100", price: str = "100.00") -> int:  # noqa: ANN001
    return products.create_product(database.uow(c.vp), ProductInput(
        code, f"控制器 {code}", "台", to_minor(price), to_minor(price) * 9 // 10, to_minor(price) * 12 // 10))


def distributor(database, c: Crew, code: str = "D001", signed: date = date(2026, 1, 5)) -> int:  # noqa: ANN001
    cid = customer(database, c.rep, code)
    distributors.mark_distributor(database.uow(c.mgr), DistributorInput(cid, f"JX-{code}", signed, "华东"))
    return cid


def order(database, c: Crew, cid: int, pid: int, qty: int) -> int:  # noqa: ANN001
    """An order signed and approved on the business date."""
    oid = orders.create_order(database.uow(c.rep), OrderInput(cid, [OrderLineInput(pid, qty, None)]))
    orders.submit_order(database.uow(c.rep), oid)
    orders.sign_order(database.uow(c.rep), oid)
    order_approvals.approve_order(database.uow(c.mgr), oid)
    return oid


def ship(database, c: Crew, oid: int, qty: int, on: date) -> int:  # noqa: ANN001
    with database.engine.connect() as conn:
        line = conn.execute(select(OrderLine.id).where(OrderLine.order_id == oid)).scalar_one()
    return dispatch.ship_order(database.uow(c.wh), oid, ShipmentInput({line: qty}, on, "顺丰速运", "SF1", checked=True))


def give_back(database, c: Crew, shipment_id: int, qty: int, on: date) -> int:  # noqa: ANN001
    with database.engine.connect() as conn:
        mid = conn.execute(select(Movement.id).where(Movement.shipment_id == shipment_id,
                                                     Movement.kind == "out")).scalar_one()
    return dispatch.record_return(database.uow(c.rep), shipment_id, ReturnInput({mid: qty}, "包装破损", on))


def agreement(database, c: Crew, cid: int, tiers: tuple[Tier, ...], basis: str = "amount",  # noqa: ANN001
              kind: str = "quarter", start: date = date(2026, 1, 1), end: date = date(2026, 12, 31)) -> int:
    aid = rebates.propose_agreement(database.uow(c.mgr), AgreementInput(cid, basis, kind, start, end, tiers))
    rebates.decide_agreement(database.uow(c.gm), aid, True)
    return aid
