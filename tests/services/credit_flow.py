"""Walk a customer through the credit flow in as few lines as a test needs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sales_desk.domain.common.roles import Actor
from sales_desk.domain.credit.checklist import ITEMS
from sales_desk.domain.credit.rating import INDICATORS
from sales_desk.services.credit import investigation as inv_svc
from sales_desk.services.credit import rating as credit_rating
from sales_desk.services.customers import files as customers
from sales_desk.services.customers.data import CustomerInput


@dataclass
class Staff:
    rep: Actor
    spec: Actor  # customer-service specialist: investigates, proposes
    fin: Actor  # finance: reviews the investigation
    csm: Actor  # customer-service manager: approves ratings
    mgr: Actor  # sales manager: sets limits


def staff(make_user) -> Staff:  # noqa: ANN001 - the conftest fixture
    return Staff(make_user("rep", "sales_rep"), make_user("spec", "cs_specialist"),
                 make_user("fin", "finance"), make_user("csm", "cs_manager"),
                 make_user("mgr", "sales_manager"))


def at(database, actor: Actor, when: datetime):  # noqa: ANN001, ANN201
    """A unit of work whose clock stands still at `when`."""
    uow = database.uow(actor)
    uow.clock = lambda: when
    return uow


def new_customer(database, rep: Actor, name: str = "上海华东贸易有限公司", **kw) -> int:  # noqa: ANN001
    return customers.create_customer(database.uow(rep), CustomerInput(name=name, **kw))


def ratings_for(score: int) -> dict[str, int]:
    """Every indicator at `score` %: the total is `score`."""
    return {i.key: score for i in INDICATORS}


def reviewed_investigation(database, s: Staff, customer_id: int, figures=None) -> int:  # noqa: ANN001
    inv_id = inv_svc.open_investigation(database.uow(s.spec), customer_id)
    for item in ITEMS[:3]:
        inv_svc.record_item(database.uow(s.spec), inv_id, item.key, True, stamped=True)
    if figures is not None:
        inv_svc.set_figures(database.uow(s.spec), inv_id, figures)
    inv_svc.write_report(database.uow(s.spec), inv_id, "资料齐全，经营稳定。")
    inv_svc.submit_investigation(database.uow(s.spec), inv_id)
    inv_svc.review_investigation(database.uow(s.fin), inv_id, True, "审核无误")
    return inv_id


def rate(database, s: Staff, customer_id: int, score: int, figures=None,  # noqa: ANN001
         when: datetime | None = None) -> int:
    """Investigate, review, propose `score` and approve; the approved rating's id."""
    inv_id = reviewed_investigation(database, s, customer_id, figures)
    pid = credit_rating.propose_rating(database.uow(s.spec), inv_id, ratings_for(score), "综合评价")
    uow = at(database, s.csm, when) if when else database.uow(s.csm)
    rating_id = credit_rating.decide_rating(uow, pid, True, "同意")
    assert rating_id is not None
    return rating_id


def utc(y: int, m: int, d: int, h: int = 12) -> datetime:
    return datetime(y, m, d, h, tzinfo=UTC)
