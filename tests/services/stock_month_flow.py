"""March 2026 of three distributors of one rep and one of another, for the stock sheet tests:

- D001 shipped 60 × P-100 in February (reported: 0 + 60 − 20 = 40), in March 40 more with 10 of
  February's back (net 30) and 20 × P-200; its March report of P-100 opens at 41 (not February's
  40) and closes at 46 after 25 sold (40 + 30 − 25 = 45: one too many); P-200 left out;
- D002 shipped 50 × P-100 in March, its first report: 0 + 50 − 10 = 40, agrees;
- D003 reported nothing and got nothing;
- D004, the other rep's, shipped 5 × P-100 in March and reported nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sales_desk.domain.common.roles import Actor
from sales_desk.services.collections import distributors
from sales_desk.services.collections.distributors import DistributorInput, StockInput
from tests.services import rebate_flow as flow
from tests.services.collection_flow import customer

MARCH = date(2026, 3, 1)
AFTER = date(2026, 4, 2)  # the business date the sheet is read on


@dataclass
class March:
    crew: flow.Crew
    rep2: Actor
    p100: int
    p200: int
    d1: int
    d2: int
    d3: int
    d4: int


def march(database, make_user, pin_business_date) -> March:  # noqa: ANN001
    pin_business_date(date(2026, 1, 5))
    c = flow.crew(make_user)
    rep2 = make_user("rep2", "sales_rep")
    p100, p200 = flow.product(database, c), flow.product(database, c, "P-200", "50.00")
    d1, d2, d3 = (flow.distributor(database, c, code) for code in ("D001", "D002", "D003"))
    d4 = customer(database, rep2, "D004")
    distributors.mark_distributor(database.uow(c.mgr), DistributorInput(d4, "JX-D004", date(2026, 1, 5)))
    pin_business_date(date(2026, 2, 2))
    o1, o2 = flow.order(database, c, d1, p100, 100), flow.order(database, c, d1, p200, 20)
    o3 = flow.order(database, c, d2, p100, 50)
    o4 = flow.order(database, rep2_crew(c, rep2), d4, p100, 5)
    pin_business_date(date(2026, 3, 20))
    feb = flow.ship(database, c, o1, 60, date(2026, 2, 10))
    flow.ship(database, c, o1, 40, date(2026, 3, 5))
    flow.give_back(database, c, feb, 10, date(2026, 3, 8))
    flow.ship(database, c, o2, 20, date(2026, 3, 6))
    flow.ship(database, c, o3, 50, date(2026, 3, 7))
    flow.ship(database, c, o4, 5, date(2026, 3, 9))
    pin_business_date(AFTER)
    for cid, pid, month, figures in ((d1, p100, date(2026, 2, 1), (0, 60, 20, 40)),
                                     (d1, p100, MARCH, (41, 30, 25, 46)),
                                     (d2, p100, MARCH, (0, 50, 10, 40))):
        distributors.record_stock(database.uow(c.rep), StockInput(cid, pid, month, *figures))
    return March(c, rep2, p100, p200, d1, d2, d3, d4)


def rep2_crew(c: flow.Crew, rep2: Actor) -> flow.Crew:
    """The crew with the other rep taking the order."""
    return flow.Crew(rep2, c.mgr, c.gm, c.fin, c.wh, c.vp)
