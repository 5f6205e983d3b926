"""Collection targets per month and rep, set by the sales VP; the collection rate."""

from __future__ import annotations

from decimal import Decimal

import pytest

from sales_desk.domain.common.errors import NotPermitted
from sales_desk.services.collections import targets as collection_targets
from tests.services.collection_flow import crew, customer, invoice, pay, today


@pytest.fixture
def team(make_user):  # noqa: ANN001, ANN201
    return crew(make_user)


def test_the_sales_vp_sets_targets_and_the_rate_is_collected_over_target(database, team) -> None:  # noqa: ANN001
    cid = customer(database, team.rep, "C900")
    invoice(database, team.fin, "C900", "TG-1", 10, 300_000)
    pay(database, team.fin, cid, 120_000)
    collection_targets.set_target(database.uow(team.vp), today(), team.rep.user_id, 500_000)
    collection_targets.set_target(database.uow(team.vp), today(), team.rep.user_id, 400_000, "调整")  # replaces
    with pytest.raises(NotPermitted):
        collection_targets.set_target(database.uow(team.mgr), today(), team.rep.user_id, 1)
    rows = {p.rep: p for p in collection_targets.collection_performance(database.uow(team.fin), today())}
    assert (rows["rep"].target, rows["rep"].collected, rows["rep"].rate) == (400_000, 120_000, Decimal("30.0"))
    assert rows["rep2"].target is None and rows["rep2"].rate is None
    mine = collection_targets.collection_performance(database.uow(team.rep2), today())
    assert [p.rep for p in mine] == ["rep2"]
