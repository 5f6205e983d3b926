"""Waiting for me: every module's decisions for the user, oldest first — never what they may
not approve, never their own requests; each item says where it opens."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import insert, update

from sales_desk import clock
from sales_desk.domain.collections.year_end import year_end
from sales_desk.domain.common.money import to_minor
from sales_desk.models import CreditInvestigation, ExpenseClaim, SalesPlan, WriteOff
from sales_desk.services.collections import deferrals
from sales_desk.services.credit import investigation as credit_investigation
from sales_desk.services.credit import rating as credit_rating
from sales_desk.services.expenses import claims as expenses
from sales_desk.services.planning import inbox as approvals_inbox
from sales_desk.services.planning import plans
from sales_desk.services.planning.inbox import InboxItem
from tests.services.collection_flow import ago, customer, invoice
from tests.services.credit_flow import Staff, new_customer, ratings_for
from tests.services.expense_flow import claim

YEAR = clock.now().astimezone().year


class People:
    def __init__(self, make_user) -> None:  # noqa: ANN001
        self.rep = make_user("rep", "sales_rep")
        self.rep2 = make_user("rep2", "sales_rep")
        self.sup = make_user("sup", "sales_supervisor")
        self.mgr = make_user("mgr", "sales_manager")
        self.vp = make_user("vp", "sales_vp")
        self.gm = make_user("gm", "gm")
        self.fin = make_user("fin", "finance")
        self.spec = make_user("spec", "cs_specialist")
        self.csm = make_user("csm", "cs_manager")
        self.wh = make_user("wh", "warehouse")

    @property
    def credit(self) -> Staff:
        return Staff(self.rep, self.spec, self.fin, self.csm, self.mgr)


@pytest.fixture
def p(make_user) -> People:  # noqa: ANN001
    return People(make_user)


def inbox(database, actor) -> list[InboxItem]:  # noqa: ANN001
    return approvals_inbox.waiting_for_me(database.uow(actor))


def kinds(items: list[InboxItem]) -> list[tuple[str, str]]:
    return [(i.module, i.kind) for i in items]


def _plan(database, p: People, preparer=None) -> int:  # noqa: ANN001
    pid = plans.prepare_plan(database.uow(preparer or p.vp), YEAR, [("rep", str(p.rep.user_id), 1, 100_000)])
    plans.submit_plan(database.uow(preparer or p.vp), pid)
    return pid


def _proposal(database, p: People, cid: int, spec=None) -> int:  # noqa: ANN001
    spec = spec or p.spec
    inv = credit_investigation.open_investigation(database.uow(spec), cid)
    credit_investigation.write_report(database.uow(spec), inv, "资料齐全")
    credit_investigation.submit_investigation(database.uow(spec), inv)
    credit_investigation.review_investigation(database.uow(p.fin), inv, True, "审核无误")
    return credit_rating.propose_rating(database.uow(spec), inv, ratings_for(80), "良好")


def _submitted_investigation(database, p: People, cid: int, spec=None) -> int:  # noqa: ANN001
    spec = spec or p.spec
    inv = credit_investigation.open_investigation(database.uow(spec), cid)
    credit_investigation.write_report(database.uow(spec), inv, "资料齐全")
    credit_investigation.submit_investigation(database.uow(spec), inv)
    return inv


def _writeoff(database, cid: int, by: int, number: str = "WO-T1") -> int:  # noqa: ANN001
    """A submitted write-off, inserted as submit_writeoff leaves it (its ladder has its own tests)."""
    with database.engine.begin() as c:
        return c.execute(insert(WriteOff).values(
            number=number, customer_id=cid, status="submitted", reason="经法院终结执行", amount=50_000,
            written_off=0, submitted_by_id=by, submitted_at=clock.now(), decision_note="")
            .returning(WriteOff.id)).scalar_one()


def _deferral(database, p: People, code: str = "D100", upto: str = "gm") -> tuple[int, int]:  # noqa: ANN001
    """A deferral waiting for `upto`: finance's check, the VP's or the GM's approval (the
    steps before it taken). Due five days ago, deferred by at most 40 days within the year."""
    cid = customer(database, p.rep, code, grade="B")
    rid = invoice(database, p.fin, code, code + "-1", 5, 80_000)
    did = deferrals.request_deferral(database.uow(p.rep), cid, [rid], min(ago(-40), year_end(ago(0))), "资金周转困难")
    if upto in ("vp", "gm"):
        deferrals.check_deferral(database.uow(p.fin), did, True)
    if upto == "gm":
        deferrals.decide_deferral(database.uow(p.vp), did, True)
    return cid, did


def test_the_gm_waits_on_plans_deferrals_and_budgets_the_rep_on_nothing(database, p) -> None:  # noqa: ANN001
    pid = _plan(database, p)
    _cid, did = _deferral(database, p)
    gm = inbox(database, p.gm)
    assert ("plans", "plan") in kinds(gm) and ("collections", "deferral") in kinds(gm)
    plan_item = next(i for i in gm if i.kind == "plan")
    assert (plan_item.tab, plan_item.open_kind, plan_item.open_id) == ("dashboard", "plan", pid)
    deferral = next(i for i in gm if i.kind == "deferral")
    assert (deferral.tab, deferral.open_kind, deferral.open_id, deferral.who) == ("collections", "deferral", did, "rep")
    assert inbox(database, p.rep) == []
    assert inbox(database, p.wh) == []


def test_waiting_for_me_never_lists_what_the_user_may_not_approve(database, p) -> None:  # noqa: ANN001
    _plan(database, p)
    _deferral(database, p)
    cid = new_customer(database, p.rep, name="杭州西湖电子有限公司")
    _proposal(database, p, cid)
    _writeoff(database, customer(database, p.rep, "W100"), p.fin.user_id)
    expenses.apply_for_expense(database.uow(p.rep), claim("800.00", on=ago(3)))
    assert {m for m, _k in kinds(inbox(database, p.gm))} <= {"plans", "collections", "expenses", "orders"}
    assert ("collections", "writeoff") not in kinds(inbox(database, p.gm))  # the sales manager's
    assert kinds(inbox(database, p.mgr)).count(("collections", "writeoff")) == 1
    assert ("plans", "plan") not in kinds(inbox(database, p.mgr))  # the GM approves plans
    assert ("credit", "rating") not in kinds(inbox(database, p.mgr))
    assert kinds(inbox(database, p.csm)).count(("credit", "rating")) == 1
    fin = kinds(inbox(database, p.fin))
    assert ("credit", "rating") not in fin and ("collections", "deferral") not in fin and ("plans", "plan") not in fin
    for outsider in (p.rep, p.rep2, p.spec, p.wh):
        assert inbox(database, outsider) == [], outsider.username


def test_waiting_for_me_never_lists_the_users_own_requests(database, p, make_user) -> None:  # noqa: ANN001
    # One person holding both sides (a small firm's recorded justification) still never
    # sees their own plan, rating proposal, investigation, write-off or claim.
    boss = make_user("boss", "sales_vp", "gm", justification="两人公司：副总兼总经理")
    _plan(database, p, preparer=boss)
    assert ("plans", "plan") not in kinds(inbox(database, boss))
    assert ("plans", "plan") in kinds(inbox(database, p.gm))

    both = make_user("both", "cs_specialist", "cs_manager", justification="客服只有一人")
    cid = new_customer(database, p.rep, name="苏州工业园区机电有限公司")
    _proposal(database, p, cid, spec=both)
    assert ("credit", "rating") not in kinds(inbox(database, both))
    assert ("credit", "rating") in kinds(inbox(database, p.csm))

    acct = make_user("acct", "finance", "sales_manager", justification="小公司，财务兼销售经理")
    _writeoff(database, customer(database, p.rep, "W200"), acct.user_id)
    assert ("collections", "writeoff") not in kinds(inbox(database, acct))
    assert ("collections", "writeoff") in kinds(inbox(database, p.mgr))

    expenses.apply_for_expense(database.uow(p.mgr), claim("300.00", on=ago(2)))  # the manager's own claim
    assert all(i.who != "mgr" for i in inbox(database, p.mgr) if i.module == "expenses")


def test_a_finance_clerk_never_reviews_an_investigation_they_took_part_in(database, p, make_user) -> None:  # noqa: ANN001
    cid = new_customer(database, p.rep, name="南京紫金贸易有限公司")
    inv = _submitted_investigation(database, p, cid)
    with database.engine.begin() as c:  # the clerk opened it (a justified combination of duties)
        c.execute(update(CreditInvestigation).where(CreditInvestigation.id == inv).values(opened_by_id=p.fin.user_id))
    assert ("credit", "investigation") not in kinds(inbox(database, p.fin))
    other = make_user("fin2", "finance")
    item = next(i for i in inbox(database, other) if i.kind == "investigation")
    assert (item.tab, item.open_kind, item.open_id) == ("credit", "investigation", inv)


def test_a_deferral_waits_for_finance_then_the_vp_then_the_gm(database, p) -> None:  # noqa: ANN001
    _cid, did = _deferral(database, p, upto="finance")
    assert ("collections", "deferral") in kinds(inbox(database, p.fin))
    assert all(("collections", "deferral") not in kinds(inbox(database, x)) for x in (p.vp, p.gm))
    deferrals.check_deferral(database.uow(p.fin), did, True)
    assert ("collections", "deferral") not in kinds(inbox(database, p.fin))
    assert ("collections", "deferral") not in kinds(inbox(database, p.gm))
    assert ("collections", "deferral") in kinds(inbox(database, p.vp))
    deferrals.decide_deferral(database.uow(p.vp), did, True, "同意")
    assert ("collections", "deferral") not in kinds(inbox(database, p.vp))
    assert ("collections", "deferral") in kinds(inbox(database, p.gm))
    deferrals.decide_deferral(database.uow(p.gm), did, True, "同意")
    assert ("collections", "deferral") not in kinds(inbox(database, p.gm))


def test_waiting_for_me_is_oldest_first_across_modules(database, p) -> None:  # noqa: ANN001
    pid = _plan(database, p)
    expenses.apply_for_expense(database.uow(p.rep), claim("6000.00", on=ago(3)))  # over the threshold: the GM's at last
    _cid, did = _deferral(database, p)
    now = clock.now()
    with database.engine.begin() as c:
        c.execute(update(SalesPlan).where(SalesPlan.id == pid).values(submitted_at=now - timedelta(days=3)))
        c.execute(update(ExpenseClaim).values(submitted_at=now - timedelta(days=9), current_step="gm"))
    items = inbox(database, p.gm)
    assert kinds(items)[:3] == [("expenses", "claim"), ("plans", "plan"), ("collections", "deferral")]
    assert [i.since for i in items] == sorted(i.since for i in items)
    assert items[0].amount == to_minor("6000.00") and items[0].tab == "expenses" and items[0].open_kind == "claim"


def test_a_new_file_waits_for_review_by_someone_other_than_its_creator(database, p, make_user) -> None:  # noqa: ANN001
    cid = new_customer(database, p.rep, name="宁波港城物流有限公司")
    item = next(i for i in inbox(database, p.sup) if i.kind == "customer_review")
    assert (item.tab, item.open_kind, item.open_id) == ("customers", "customer", cid)
    assert item.since is not None
    lead = make_user("lead", "sales_rep", "sales_supervisor")  # keeps customers and reviews files
    own = new_customer(database, lead, name="温州瓯江电器有限公司")
    assert [i.open_id for i in inbox(database, lead) if i.kind == "customer_review"] == [cid]
    assert own in [i.open_id for i in inbox(database, p.sup) if i.kind == "customer_review"]
