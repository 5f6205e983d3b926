"""Waiting for me lists the procedures the policy as written added: a policy proposal for the
GM (SPEC §9), a price list at the step the user takes (产品定价管理流程), a debt whose liability
awaits the sales manager's fault record (第19条3) — never the user's own proposal."""

from __future__ import annotations

from datetime import date

from sales_desk.domain.common.money import to_minor
from sales_desk.services.admin import policy
from sales_desk.services.planning import inbox as approvals_inbox
from sales_desk.services.planning.inbox import InboxItem
from tests.services.test_liability_fault import _debt, _run
from tests.services.test_liability_fault import team as team  # noqa: F401 - the fixture
from tests.services.test_price_lists import pid as pid  # noqa: F401 - the fixture
from tests.services.test_price_lists import proposal, through  # noqa: F401 - the fixture
from tests.services.test_price_lists import t as t

FEB_20, MAR_1 = date(2026, 2, 20), date(2026, 3, 1)


def inbox(database, actor) -> list[InboxItem]:  # noqa: ANN001
    return approvals_inbox.waiting_for_me(database.uow(actor))


def test_a_policy_proposal_waits_for_the_gm_and_opens_on_the_policy_page(database, make_user,
                                                                        pin_business_date) -> None:
    pin_business_date(FEB_20)
    mgr, gm = make_user("mgr", "sales_manager"), make_user("gm", "gm")
    pid = policy.propose_policy(database.uow(mgr), {"credit.c_max_limit": to_minor("40000")}, MAR_1, "回款良好")
    [item] = [i for i in inbox(database, gm) if i.module == "policy"]
    assert (item.id, item.tab, item.open_kind, item.open_id) == (pid, "dashboard", "policy", pid)
    assert item.subject == "Credit limits, terms and grades, in force from 2026-03-01" and item.who == "mgr"
    policy.approve_policy(database.uow(gm), pid)
    assert not [i for i in inbox(database, gm) if i.module == "policy"]


def test_the_gm_is_not_asked_to_approve_their_own_policy_proposal(database, make_user, pin_business_date) -> None:
    pin_business_date(FEB_20)
    both = make_user("solo", "sales_manager", "gm", justification="two-person firm")
    policy.propose_policy(database.uow(both), {"credit.c_max_limit": to_minor("40000")}, MAR_1, "x")
    assert not [i for i in inbox(database, both) if i.module == "policy"]


def test_a_price_list_waits_for_finance_then_the_vp_then_the_gm(database, t, pid) -> None:  # noqa: F811
    lid = proposal(database, t, pid)

    def waiting(actor) -> list[str]:  # noqa: ANN001
        return [i.title for i in inbox(database, actor) if i.kind == "price_list" and i.id == lid]

    assert waiting(t.fin) == ["Price list: finance's cost check"] and waiting(t.vp) == waiting(t.gm) == []
    assert waiting(t.mgr) == []  # the proposer's own
    through(database, t, lid, "cost_check")
    assert waiting(t.fin) == [] and waiting(t.vp) == ["Price list: the sales VP's joint review"]
    through_review = [i for i in inbox(database, t.vp) if i.kind == "price_list"][0]
    assert (through_review.tab, through_review.open_kind, through_review.open_id) == ("orders", "price_list", lid)


def test_a_charged_debt_waits_for_the_sales_managers_fault_record(database, team) -> None:  # noqa: F811
    rid = _debt(database, team)
    _run(database, team, 2, 1)
    [item] = [i for i in inbox(database, team.mgr) if i.kind == "liability_fault"]
    assert (item.id, item.tab, item.open_kind, item.open_id) == (rid, "collections", "liability", rid)
    assert item.subject.startswith("OB-C600-1")
