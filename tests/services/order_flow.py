"""Walk orders through their life in as few lines as a test needs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sales_desk import clock
from sales_desk.domain.common.money import to_minor
from sales_desk.domain.common.roles import Actor
from sales_desk.services.credit import limit as credit_limit
from sales_desk.services.orders import approvals as order_approvals
from sales_desk.services.orders import dispatch, payment_slips, products
from sales_desk.services.orders import entry as orders
from sales_desk.services.orders.dispatch import ShipmentInput
from sales_desk.services.orders.entry import OrderInput, OrderLineInput
from sales_desk.services.orders.products import ProductInput
from tests.services.credit_flow import Staff, new_customer, rate


def today() -> date:
    """The business date the services use (local)."""
    return clock.today()


@dataclass
class Team:
    rep: Actor  # takes orders
    rep2: Actor
    vp: Actor  # price ranges, prices below the floor, major contracts
    mgr: Actor  # sets limits, approves orders for dispatch
    fin: Actor  # records prepayments
    fd: Actor  # finance director: overrides
    gm: Actor
    wh: Actor  # warehouse: ships
    spec: Actor
    csm: Actor

    @property
    def credit(self) -> Staff:
        return Staff(self.rep, self.spec, self.fin, self.csm, self.mgr)


def team(make_user) -> Team:  # noqa: ANN001 - the conftest fixture
    return Team(make_user("rep", "sales_rep"), make_user("rep2", "sales_rep"),
                make_user("vp", "sales_vp"), make_user("mgr", "sales_manager"),
                make_user("fin", "finance"), make_user("fd", "finance_director"), make_user("gm", "gm"),
                make_user("wh", "warehouse"), make_user("spec", "cs_specialist"),
                make_user("csm", "cs_manager"))


def credit_customer(database, t: Team, limit: str = "100000", term: int = 30, score: int = 78,  # noqa: ANN001
                    name: str = "上海华东贸易有限公司", rep: Actor | None = None, **kw) -> int:
    """A rated customer (B by default) with a credit limit and term set by the manager."""
    cid = new_customer(database, rep or t.rep, name=name, **kw)
    rate(database, t.credit, cid, score)
    credit_limit.set_credit_limit(database.uow(t.mgr), cid, to_minor(limit), term, reasons="按限度基数授信")
    return cid


def product(database, t: Team, code: str = "P-100", list_price: str = "100.00",  # noqa: ANN001
            floor: str = "90.00", ceiling: str = "120.00", name: str = "工业控制器") -> int:
    return products.create_product(database.uow(t.vp), ProductInput(
        code, name, "台", to_minor(list_price), to_minor(floor), to_minor(ceiling), spec="KZ-100"))


def draft(database, t: Team, cid: int, lines: list[tuple[int, int, str | None]],  # noqa: ANN001
          rep: Actor | None = None, **terms) -> int:
    """lines: (product id, quantity, unit price in yuan or None for the list price)."""
    items = [OrderLineInput(pid, qty, None if price is None else to_minor(price)) for pid, qty, price in lines]
    return orders.create_order(database.uow(rep or t.rep), OrderInput(cid, items, **terms))


def signed(database, t: Team, cid: int, lines, rep: Actor | None = None, **terms) -> int:  # noqa: ANN001
    oid = draft(database, t, cid, lines, rep, **terms)
    orders.submit_order(database.uow(rep or t.rep), oid)
    orders.sign_order(database.uow(rep or t.rep), oid)
    return oid


def approved(database, t: Team, cid: int, lines, rep: Actor | None = None, **terms) -> int:  # noqa: ANN001
    oid = signed(database, t, cid, lines, rep, **terms)
    order_approvals.approve_order(database.uow(t.mgr), oid)
    return oid


def ship(database, t: Team, oid: int, quantities: dict[int, int], on: date | None = None, **kw) -> int:  # noqa: ANN001
    return dispatch.ship_order(database.uow(t.wh), oid, ShipmentInput(
        quantities, on, carrier=kw.pop("carrier", "顺丰速运"), tracking_no=kw.pop("tracking_no", "SF1234567890"),
        checked=True, **kw))


def prepay(database, t: Team, oid: int, amount: int, reference: str = "", rep: Actor | None = None,  # noqa: ANN001
           fin: Actor | None = None) -> int:
    """The prepayment paperwork (第7条2): the rep's slip, the manager's approval, finance's detail sheet."""
    sid = payment_slips.fill_slip(database.uow(rep or t.rep), oid, amount)
    payment_slips.decide_slip(database.uow(t.mgr), sid, approve=True)
    return payment_slips.record_detail(database.uow(fin or t.fin), sid, amount, reference=reference)
