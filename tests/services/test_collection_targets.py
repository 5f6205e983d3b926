"""Collection targets per month and rep, from the monthly plan the sales VP approved; the
collection rate."""

from __future__ import annotations

from decimal import Decimal

import pytest

from sales_desk.services.collections import targets as collection_targets
from sales_desk.services.planning import sub_plans
from tests.services.collection_flow import crew, customer, invoice, pay
from tests.services.plan_hierarchy_flow import MONTH, YEAR, march, overall


@pytest.fixture
def team(make_user, pin_business_date):  # noqa: ANN001, ANN201
    pin_business_date(march(20))
    return crew(make_user)


def test_the_rate_is_collected_over_the_target_the_vp_approved(database, team) -> None:  # noqa: ANN001
    cid = customer(database, team.rep, "C900")
    invoice(database, team.fin, "C900", "TG-1", 10, 300_000)
    pay(database, team.fin, cid, 120_000)
    overall(database, team)
    pid = sub_plans.prepare_monthly(database.uow(team.mgr), YEAR, MONTH, [("collection", team.rep.user_id, 400_000)])
    sub_plans.submit_sub_plan(database.uow(team.mgr), pid)
    sub_plans.decide_sub_plan(database.uow(team.vp), pid, True)
    rows = {p.rep: p for p in collection_targets.collection_performance(database.uow(team.fin), march())}
    assert (rows["rep"].target, rows["rep"].collected, rows["rep"].rate) == (400_000, 120_000, Decimal("30.0"))
    assert rows["rep2"].target is None and rows["rep2"].rate is None
    mine = collection_targets.collection_performance(database.uow(team.rep2), march())
    assert [p.rep for p in mine] == ["rep2"]
