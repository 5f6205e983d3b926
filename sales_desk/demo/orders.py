"""Demo step "orders": products with their price ranges, and orders at every stage.

- Twelve products of an industrial-controls distributor, priced by price list version 1
  (proposed, costed, reviewed, approved); version 2, a rise on two products, waits for the
  sales VP's joint review.
- Orders shipped over the last five months (their invoices open: receipts come with
  collections), partial shipments with hand-overs, a return with its credit note, a
  closed order and a cancelled one.
- Work under way: a draft, a price below the floor awaiting the sales VP, a major
  contract awaiting review, a price refused and back with the rep, a signed contract
  awaiting approval, an approved order waiting for its prepayment (its payment slip with the
  sales manager), one ready to ship (slip approved, finance's detail sheet recorded).
- The credit check at work: an order blocked over the limit, one released by the
  finance director's written override and partly shipped; grade D buying on full
  prepayment and cash on delivery.

Each order goes through the same steps the services run (services/orders/entry.py and the
rest), as the person whose job it is, on the day it happened: the rules hold for the
demo data as for any other, and the audit trail tells its story.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select

from sales_desk.demo.context import DemoContext, DemoUser
from sales_desk.domain.common import pinyin_keys
from sales_desk.domain.common.roles import Role
from sales_desk.domain.orders.contracts import OrderStatus
from sales_desk.domain.orders.price_lists import PriceLine, PriceStep
from sales_desk.i18n import N_
from sales_desk.models import Customer, Product, SalesOrder
from sales_desk.services.orders import approvals as order_approvals
from sales_desk.services.orders import dispatch, payment_slips, price_lists
from sales_desk.services.orders import entry as orders
from sales_desk.services.orders.dispatch import ReturnInput, ShipmentInput
from sales_desk.services.orders.dispatch_register import shipment_view
from sales_desk.services.orders.entry import OrderInput, OrderLineInput
from sales_desk.services.orders.views import lines_of

# code, name, spec, unit, list, floor, ceiling (yuan)
PRODUCTS: tuple[tuple[str, str, str, str, int, int, int], ...] = (
    ("KZ-100", "工业控制器", "KZ-100A", "台", 1580, 1420, 1780),
    ("DJ-750", "伺服电机", "750W", "台", 850, 760, 960),
    ("BPQ-55", "变频器", "5.5kW", "台", 2350, 2100, 2650),
    ("PLC-S7", "可编程控制器", "S7-1200", "台", 4200, 3800, 4700),
    ("CGQ-P1", "压力传感器", "0–1.6MPa", "只", 320, 280, 360),
    ("DL-425", "控制电缆", "4×2.5mm²", "卷", 680, 610, 760),
    ("JDQ-24", "中间继电器", "24V DC", "盒", 180, 160, 210),
    ("KG-63", "空气开关", "63A 3P", "只", 95, 85, 110),
    ("XSP-7", "触摸屏", "7英寸", "台", 1350, 1200, 1520),
    ("BMQ-1K", "旋转编码器", "1000P/R", "只", 560, 500, 630),
    ("DY-24", "开关电源", "24V 10A", "台", 260, 230, 295),
    ("GZ-40", "工业机柜", "800×600×2000", "台", 3600, 3240, 4050),
)
CARRIERS = (("顺丰速运", "SF"), ("德邦物流", "DPK"), ("中通快运", "ZTO"), ("安能物流", "ANE"))
RECEIVERS = ("王师傅", "刘师傅", "陈师傅", "赵师傅")


@dataclass
class _Cast:
    vp: DemoUser
    mgr: DemoUser
    fin: DemoUser
    fd: DemoUser
    wh: DemoUser
    gm: DemoUser


class _Demo:
    def __init__(self, ctx: DemoContext, rng: random.Random):
        self.ctx, self.rng, self.uow = ctx, rng, ctx.uow
        one = lambda role: ctx.staff(role)[0]  # noqa: E731
        self.cast = _Cast(one(Role.SALES_VP), one(Role.SALES_MANAGER), one(Role.FINANCE),
                          one(Role.FINANCE_DIRECTOR), one(Role.WAREHOUSE), one(Role.GM))
        self.reps = {u.user_id: u for u in ctx.staff(Role.SALES_REP)}
        self.products: list[Product] = []
        self.counts = {"orders": 0, "shipments": 0}

    @contextmanager
    def acting(self, who: DemoUser, days_ago: int, hour: int = 10) -> Iterator[None]:
        """Run a step as `who`, `days_ago` days before today (its business date and its time)."""
        uow = self.uow
        saved = uow.actor, uow.clock
        local = self.ctx.now.astimezone()
        when = (local - timedelta(days=days_ago)).replace(hour=hour, minute=self.rng.randint(0, 59))
        uow.actor = who.actor()
        uow.clock = lambda: when
        try:
            yield
        finally:
            uow.actor, uow.clock = saved

    # -- products -----------------------------------------------------------------------------
    def make_products(self) -> None:
        with self.acting(self.cast.vp, 200):
            now = self.uow.clock()
            for code, name, spec, unit, list_p, floor, ceiling in PRODUCTS:
                p = Product(code=code, name=name, search_text=pinyin_keys.search_text([code], [name]),
                            spec=spec, unit=unit, list_price=list_p * 100,
                            floor_price=floor * 100, ceiling_price=ceiling * 100, active=True,
                            price_set_by_id=self.cast.vp.user_id, price_set_at=now, created_at=now,
                            updated_at=now)
                self.uow.session.add(p)
                self.products.append(p)
            self.uow.session.flush()

    # -- one order's life ---------------------------------------------------------------------
    def rep_of(self, c: Customer) -> DemoUser:
        return self.reps[c.rep_id] if c.rep_id in self.reps else next(iter(self.reps.values()))

    def lines(self, picks: list[tuple[int, int]], below_floor: int | None = None) -> list[OrderLineInput]:
        """(product index, quantity); the line at `below_floor` is priced just under its floor."""
        out = []
        for n, (i, qty) in enumerate(picks):
            p = self.products[i]
            price = p.floor_price - 2_000 if n == below_floor else None
            out.append(OrderLineInput(p.id, qty, price))
        return out

    def enter(self, c: Customer, lines: list[OrderLineInput], day: int, *, submit: bool = True,
              sign: bool = True, **terms: object) -> SalesOrder:
        rep = self.rep_of(c)
        with self.acting(rep, day, 9):
            o = orders._create(self.uow, OrderInput(
                c.id, lines, delivery_terms=terms.pop("delivery_terms", "汽运送货上门，运费由供方承担"),  # type: ignore[arg-type]
                delivery_address=c.address, **terms))  # type: ignore[arg-type]
            self.counts["orders"] += 1
            if submit:
                orders._submit(self.uow, o.id)
            if submit and sign and not o.needs_price_approval and not o.major:
                orders._sign(self.uow, o.id, None)
        return o

    def approve(self, o: SalesOrder, day: int, expect: bool = True) -> None:
        with self.acting(self.cast.mgr, day, 11):
            _o, decision = order_approvals._approve(self.uow, o.id)
        assert decision.passes is expect, (o.number, decision)

    def ship(self, o: SalesOrder, day: int, share: float = 1.0, only: set[int] | None = None,
             handover: bool = True) -> int:
        rng = self.rng
        carrier, prefix = rng.choice(CARRIERS)
        qty = {}
        for ln in lines_of(self.uow, o.id):
            if ln.remaining and (only is None or ln.line_no in only):
                qty[ln.id] = max(1, int(ln.remaining * share)) if share < 1 else ln.remaining
        with self.acting(self.cast.wh, day, 14):
            s = dispatch._ship(self.uow, o.id, ShipmentInput(
                qty, None, carrier, f"{prefix}{rng.randint(10**9, 10**10 - 1)}",
                freight=rng.choice((0, 12_000, 18_000, 35_000)), insurance=rng.choice((0, 3_000, 5_000)),
                checked=True, note=""))
        self.counts["shipments"] += 1
        if handover and day > 0:
            with self.acting(self.cast.wh, day - 1, 16):
                dispatch._handover(self.uow, s.id, None, rng.choice(RECEIVERS), "外包装完好，数量无误")
        return s.id

    def prepay(self, o: SalesOrder, amount: int, day: int, upto: str = "detail") -> None:
        """The paperwork of 第7条2: the rep's slip, the manager's approval, finance's detail sheet."""
        c = self.uow.session.get(Customer, o.customer_id)
        assert c is not None
        with self.acting(self.rep_of(c), day, 10):
            s = payment_slips._fill(self.uow, o.id, amount, "transfer", "客户来电告知已电汇")
        if upto == "slip":
            return
        with self.acting(self.cast.mgr, day, 11):
            payment_slips._decide(self.uow, s.id, True, "")
        with self.acting(self.cast.fin, day, 15):
            payment_slips._detail(self.uow, s.id, amount, None, f"工行回单 {self.rng.randint(1000, 9999)}")

    def price_lists(self) -> None:
        """Version 1 approved with the ranges the firm opened with; version 2, a rise on two
        products, costed by finance and waiting for the VP's joint review."""
        with self.acting(self.cast.mgr, 170, 9):
            v1 = price_lists._propose(self.uow, [PriceLine(p.id, p.list_price, p.floor_price, p.ceiling_price)
                                                 for p in self.products], "开业定价：市场调研与竞品比价",
                                      self.uow.clock().date())
        costs = {p.id: p.list_price * 68 // 100 for p in self.products}
        with self.acting(self.cast.fin, 170, 11):
            price_lists._cost_check(self.uow, v1.id, costs, "按标准成本核算")
        with self.acting(self.cast.vp, 170, 14):
            price_lists.take_step(self.uow, v1.id, PriceStep.REVIEW, "会审同意")
        with self.acting(self.cast.gm, 170, 16):
            price_lists.take_step(self.uow, v1.id, PriceStep.APPROVE, "同意")
        rise = [PriceLine(p.id, p.list_price * 105 // 100, p.floor_price * 105 // 100, p.ceiling_price * 105 // 100)
                for p in self.products[:2]]
        with self.acting(self.cast.mgr, 3, 9):
            v2 = price_lists._propose(self.uow, rise, "铜材涨价约8%，竞品已上调5%，建议同步上调",
                                      self.uow.clock().date() + timedelta(days=10))
        with self.acting(self.cast.fin, 2, 11):
            price_lists._cost_check(self.uow, v2.id, {ln.product_id: costs[ln.product_id] * 108 // 100
                                                      for ln in rise}, "铜材成本上升8%")


def _customers(ctx: DemoContext) -> dict[str, list[Customer]]:
    rows = list(ctx.uow.session.scalars(
        select(Customer).where(Customer.id.in_(ctx.customer_ids)).order_by(Customer.id)))
    pools: dict[str, list[Customer]] = {"A": [], "B": [], "C": [], "D": []}
    for c in rows:
        if c.credit_hold:  # the credit step's hold: left alone
            continue
        if c.credit_grade in ("A", "B", "C") and c.payment_mode == "credit":
            pools[c.credit_grade].append(c)
        elif c.credit_grade == "D":
            pools["D"].append(c)
    return pools


def _history(d: _Demo, pool: list[Customer]) -> None:
    """Ordinary orders shipped over the last five months: the register and the invoices."""
    rng = d.rng
    cheap = [i for i, p in enumerate(PRODUCTS) if p[4] <= 400]
    for n in range(12):
        c = pool[n % len(pool)]
        day = 150 - n * 11
        choose = range(len(PRODUCTS)) if c.credit_grade == "A" else cheap  # B limits are small
        picks = [(i, rng.randint(2, 8)) for i in rng.sample(choose, rng.randint(1, 3))]
        o = d.enter(c, d.lines(picks), day, days_to_pay=min(c.payment_term_days or 60, 60))
        d.approve(o, day - 1)
        d.ship(o, day - 3)


def create_orders(ctx: DemoContext) -> None:
    d = _Demo(ctx, ctx.rng("orders"))
    d.make_products()
    d.price_lists()
    pools = _customers(ctx)
    a, b, c, dd = pools["A"], pools["B"], pools["C"], pools["D"]
    assert len(a) >= 4 and len(b) >= 5 and len(c) >= 2 and dd, "the credit step rated every grade"
    _history(d, a[2:] + b[:2])

    # a major contract: reviewed, signed, approved, shipped in two lots
    major = d.enter(a[1], d.lines([(3, 30), (11, 22)]), 46)  # 205,200.00
    assert major.major, "at or above the default threshold"
    with d.acting(d.cast.vp, 45):
        order_approvals._review_major(d.uow, major.id, True, "条款完善，付款与交货条件明确，同意签订")
    with d.acting(d.rep_of(a[1]), 44):
        orders._sign(d.uow, major.id, None)
    d.approve(major, 43)
    d.ship(major, 40, share=0.5)
    d.ship(major, 35)

    # shipped, then two units came back damaged: a credit note
    returned = d.enter(a[0], d.lines([(0, 12), (4, 20)]), 60)
    d.approve(returned, 59)
    sid = d.ship(returned, 55)
    with d.acting(d.rep_of(a[0]), 40):
        out = next(ln for ln in shipment_view(d.uow, sid).lines if ln.line_no == 1)
        dispatch._return(d.uow, sid, ReturnInput({out.movement_id: 2}, "两台外壳运输途中破损，客户退回"))

    # partly shipped and closed: the customer no longer wants the rest
    closed = d.enter(b[2], d.lines([(5, 10), (6, 20)]), 90)
    d.approve(closed, 89)
    d.ship(closed, 85, only={1})
    with d.acting(d.cast.mgr, 70):
        orders._close(d.uow, closed.id, "客户项目调整，余下货物不再需要")

    # partly shipped, the rest waiting
    partly = d.enter(a[2], d.lines([(2, 6), (1, 10), (9, 8)]), 27)
    d.approve(partly, 26)
    d.ship(partly, 25, only={1, 2})

    # blocked over the limit, released by the finance director's written override, partly shipped
    big = c[1].credit_limit + 1_500_000
    qty = big // d.products[3].list_price + 1
    overridden = d.enter(c[1], d.lines([(3, qty)]), 21)
    d.approve(overridden, 20, expect=False)
    with d.acting(d.cast.fd, 19):
        order_approvals._override(d.uow, overridden.id, overridden.total - c[1].credit_limit + 1_000_000,
                                  "该客户订单对应终端项目回款有保证，财务总监书面批准超额部分，限本单使用")
    d.ship(overridden, 15, share=0.5)

    # grade D: full prepayment, received, shipped; and cash on delivery
    prepaid = d.enter(dd[0], d.lines([(7, 40), (10, 6)]), 30, prepayment_percent=100)
    d.prepay(prepaid, prepaid.total, 28)
    d.approve(prepaid, 28)
    d.ship(prepaid, 26)
    if len(dd) > 1:
        cod = d.enter(dd[1], d.lines([(6, 10)]), 18, cash_on_delivery=True)
        d.approve(cod, 17)
        d.ship(cod, 15)

    # cancelled before anything shipped
    cancelled = d.enter(b[3], d.lines([(8, 4)]), 12)
    with d.acting(d.rep_of(b[3]), 10):
        orders._cancel(d.uow, cancelled.id, "客户预算取消，双方协商解除合同")

    # the credit check refusing: over the limit, awaiting a decision
    over = d.enter(c[0], d.lines([(11, c[0].credit_limit // d.products[11].list_price + 2)]), 4)
    d.approve(over, 3, expect=False)

    # approved, waiting for the 30 % prepayment; approved and paid in advance, ready to ship
    waiting = d.enter(a[3], d.lines([(8, 6), (10, 10)]), 5, prepayment_percent=30)
    d.approve(waiting, 4)
    d.prepay(waiting, waiting.prepayment_required, 1, upto="slip")  # the slip with the sales manager
    ready = d.enter(b[1], d.lines([(4, 15), (7, 30)]), 6, prepayment_percent=50)
    d.approve(ready, 5)
    d.prepay(ready, ready.prepayment_required, 3)

    # work under way
    d.enter(b[0], d.lines([(1, 4)]), 1, submit=False)  # a draft
    d.enter(b[0], d.lines([(0, 5), (9, 4)]), 2)  # signed, awaiting approval
    d.enter(b[1], d.lines([(1, 20), (4, 10)], below_floor=0), 3)  # a price below the floor: with the VP
    d.enter(a[0], d.lines([(3, 45), (2, 10)]), 4)  # a major contract: with the VP
    refused = d.enter(b[4], d.lines([(2, 8)], below_floor=0), 6)
    with d.acting(d.cast.vp, 5):
        order_approvals._approve_price(d.uow, refused.id, False, "低于最低限价且无书面理由，请按限价重新报价")

    assert d.uow.session.scalar(select(SalesOrder.id).where(
        SalesOrder.status == OrderStatus.PARTLY_SHIPPED.value).limit(1)) is not None
    ctx.made(N_("products"), len(d.products))
    ctx.made(N_("orders"), d.counts["orders"])
    ctx.made(N_("shipments"), d.counts["shipments"])
