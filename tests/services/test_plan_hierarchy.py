"""The plan's levels [销售副总 职责2, 销售部经理 职责1, 销售主管 职责2, 回款 第11条]: the VP's overall
plan (GM approves), the sales manager's monthly plans with the collection targets (VP
approves), the supervisors' product plans (sales manager approves); nobody approves their
own, a child not before its parent, the children within the parent."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from sales_desk.domain.common.errors import NotPermitted, SelfApprovalRefused, ValidationError
from sales_desk.domain.planning.hierarchy import OverParent, ParentNotApproved
from sales_desk.domain.planning.plans import PlanStateError, PlanStatus
from sales_desk.models import AuditEntry, CollectionTarget
from sales_desk.services.collections import targets as collection_targets
from sales_desk.services.planning import sub_plan_reads, sub_plans
from tests.services.collection_flow import crew
from tests.services.plan_hierarchy_flow import (
    MONTH,
    YEAR,
    march,
    monthly,
    overall,
    product,
    product_plan,
)


@pytest.fixture
def c(make_user, pin_business_date):  # noqa: ANN001, ANN201
    pin_business_date(march())
    return crew(make_user)


def test_the_vp_prepares_the_overall_plan_and_the_gm_approves_it(database, c) -> None:  # noqa: ANN001
    pid = overall(database, c)
    from sales_desk.services.planning import plans
    assert plans.get_plan(database.uow(c.gm), pid).status == PlanStatus.APPROVED


def test_collection_targets_are_proposed_by_the_sales_manager_and_in_force_when_the_vp_approves(
        database, c) -> None:  # noqa: ANN001
    overall(database, c)
    pid = monthly(database, c, sales=600_000, collection=400_000)
    with database.uow(c.fin) as uow:
        assert uow.session.scalars(select(CollectionTarget)).all() == []  # proposed only
    assert [w.id for w in sub_plans.sub_plans_waiting(database.uow(c.vp))] == [pid]
    sub_plans.decide_sub_plan(database.uow(c.vp), pid, True, "同意")
    view = sub_plan_reads.get_sub_plan(database.uow(c.mgr), pid)
    assert view.status == PlanStatus.APPROVED and view.approved_by == "vp"
    assert (view.total("sales"), view.total("collection")) == (600_000, 400_000)
    rows = {p.rep: p for p in collection_targets.collection_performance(database.uow(c.fin), march())}
    assert rows["rep"].target == 400_000 and rows["rep"].rate == Decimal("0.0")
    with database.uow(c.fin) as uow:
        t = uow.session.scalars(select(CollectionTarget)).one()
        assert (t.month, t.sub_plan_id, t.set_by_id) == (date(YEAR, MONTH, 1), pid, c.vp.user_id)
        actions = [a for a, in uow.session.execute(select(AuditEntry.action).order_by(AuditEntry.seq))]
    assert "plan.approve_monthly" in actions and "collection.set_target" in actions


def test_nobody_sets_collection_targets_outside_the_plan() -> None:
    assert not hasattr(collection_targets, "set_target")


def test_only_the_sales_manager_prepares_and_only_the_vp_approves_the_monthly_plan(database, c) -> None:  # noqa: ANN001
    overall(database, c)
    for other in (c.vp, c.gm, c.sup, c.rep):
        with pytest.raises(NotPermitted):
            sub_plans.prepare_monthly(database.uow(other), YEAR, MONTH, [("sales", c.rep.user_id, 1)])
    pid = monthly(database, c)
    for other in (c.mgr, c.gm, c.sup, c.rep):
        with pytest.raises(NotPermitted):
            sub_plans.decide_sub_plan(database.uow(other), pid, True)


def test_a_monthly_plan_may_not_be_approved_by_its_preparer(database, c, make_user) -> None:  # noqa: ANN001
    overall(database, c)
    both = make_user("both", "sales_manager", "sales_vp", justification="小公司：经理兼营销总监")
    pid = sub_plans.prepare_monthly(database.uow(both), YEAR, MONTH, [("sales", c.rep.user_id, 1)])
    sub_plans.submit_sub_plan(database.uow(both), pid)
    assert sub_plans.sub_plans_waiting(database.uow(both)) == []
    with pytest.raises(SelfApprovalRefused):
        sub_plans.decide_sub_plan(database.uow(both), pid, True)
    sub_plans.decide_sub_plan(database.uow(c.vp), pid, True)


def test_a_returned_monthly_plan_needs_a_reason_and_goes_back_to_the_sales_manager(database, c) -> None:  # noqa: ANN001
    overall(database, c)
    pid = monthly(database, c)
    with pytest.raises(ValidationError):
        sub_plans.decide_sub_plan(database.uow(c.vp), pid, False, "  ")
    sub_plans.decide_sub_plan(database.uow(c.vp), pid, False, "回款目标偏低")
    view = sub_plan_reads.get_sub_plan(database.uow(c.mgr), pid)
    assert view.status == PlanStatus.RETURNED and view.returned_reason == "回款目标偏低"
    again = sub_plans.prepare_monthly(database.uow(c.mgr), YEAR, MONTH, [("sales", c.rep.user_id, 600_000),
                                                                          ("collection", c.rep.user_id, 500_000)])
    assert again == pid  # the returned plan is edited, not a second one
    sub_plans.submit_sub_plan(database.uow(c.mgr), pid)
    sub_plans.decide_sub_plan(database.uow(c.vp), pid, True)
    assert collection_targets.collection_performance(database.uow(c.fin), march())[0].target == 500_000


def test_a_monthly_plan_is_not_approved_before_the_overall_plan(database, c) -> None:  # noqa: ANN001
    overall(database, c, approve=False)
    pid = monthly(database, c)  # it may be submitted meanwhile
    with pytest.raises(ParentNotApproved):
        sub_plans.decide_sub_plan(database.uow(c.vp), pid, True)
    from sales_desk.services.planning import plans
    plans.decide_plan(database.uow(c.gm), plans.plan_versions(database.uow(c.gm), YEAR)[0].id, True)
    sub_plans.decide_sub_plan(database.uow(c.vp), pid, True)


def test_a_monthly_plan_over_the_overall_plans_month_is_refused_and_equal_is_in_order(database, c) -> None:  # noqa: ANN001
    overall(database, c, per_month=1_000_000)
    with pytest.raises(OverParent):
        monthly(database, c, sales=1_000_001)
    pid = sub_plan_reads.get_sub_plan(database.uow(c.mgr), sub_plan_reads.month_plans(database.uow(c.mgr), YEAR, MONTH)[0].id)
    assert pid.status == PlanStatus.DRAFT and pid.room.over and pid.room.left == -1  # shown while drafting
    ok = monthly(database, c, sales=1_000_000)
    sub_plans.decide_sub_plan(database.uow(c.vp), ok, True)
    assert sub_plan_reads.get_sub_plan(database.uow(c.vp), ok).room.left == 0


def test_a_product_plan_is_not_approved_before_its_monthly_plan(database, c) -> None:  # noqa: ANN001
    overall(database, c)
    mid = monthly(database, c, sales=600_000)
    prod = product_plan(database, c, mid, product(database, c.vp), 300_000)
    with pytest.raises(ParentNotApproved):
        sub_plans.decide_sub_plan(database.uow(c.mgr), prod, True)
    sub_plans.decide_sub_plan(database.uow(c.vp), mid, True)
    sub_plans.decide_sub_plan(database.uow(c.mgr), prod, True)
    assert sub_plan_reads.get_sub_plan(database.uow(c.sup), prod).status == PlanStatus.APPROVED


def test_product_plans_together_may_not_exceed_their_monthly_plan(database, c) -> None:  # noqa: ANN001
    overall(database, c)
    mid = monthly(database, c, sales=600_000)
    sub_plans.decide_sub_plan(database.uow(c.vp), mid, True)
    a = product_plan(database, c, mid, product(database, c.vp, "P-1"), 400_000)
    p2 = product(database, c.vp, "P-2")
    with pytest.raises(OverParent) as refused:
        product_plan(database, c, mid, p2, 200_001)
    assert refused.value.room.left == -1
    b = product_plan(database, c, mid, p2, 200_000)  # exactly the monthly plan's figure
    for pid in (a, b):
        sub_plans.decide_sub_plan(database.uow(c.mgr), pid, True)
    listed = sub_plan_reads.month_plans(database.uow(c.gm), YEAR, MONTH)
    assert [v.level for v in listed] == ["monthly", "product", "product"]
    assert listed[2].room.parent == 600_000 and listed[2].room.left == 0


def test_only_a_supervisor_prepares_and_only_the_sales_manager_approves_a_product_plan(database, c) -> None:  # noqa: ANN001
    overall(database, c)
    mid = monthly(database, c)
    sub_plans.decide_sub_plan(database.uow(c.vp), mid, True)
    pid_product = product(database, c.vp)
    for other in (c.mgr, c.vp, c.rep):
        with pytest.raises(NotPermitted):
            sub_plans.prepare_product(database.uow(other), mid, pid_product, [("sales", c.rep.user_id, 1)])
    with pytest.raises(ValidationError):  # a product plan carries no collection targets
        sub_plans.prepare_product(database.uow(c.sup), mid, pid_product, [("collection", c.rep.user_id, 1)])
    pid = product_plan(database, c, mid, pid_product, 100_000)
    for other in (c.vp, c.gm, c.sup):
        with pytest.raises(NotPermitted):
            sub_plans.decide_sub_plan(database.uow(other), pid, True)
    assert [w.id for w in sub_plans.sub_plans_waiting(database.uow(c.mgr))] == [pid]


def test_an_approved_monthly_plan_is_not_changed_or_approved_twice(database, c) -> None:  # noqa: ANN001
    overall(database, c)
    pid = monthly(database, c)
    sub_plans.decide_sub_plan(database.uow(c.vp), pid, True)
    with pytest.raises(ValidationError):
        sub_plans.prepare_monthly(database.uow(c.mgr), YEAR, MONTH, [("sales", c.rep.user_id, 1)])
    with pytest.raises(PlanStateError):
        sub_plans.decide_sub_plan(database.uow(c.vp), pid, True)


def test_a_rep_reads_only_their_own_targets_in_the_monthly_plan(database, c) -> None:  # noqa: ANN001
    overall(database, c)
    pid = sub_plans.prepare_monthly(database.uow(c.mgr), YEAR, MONTH, [
        ("sales", c.rep.user_id, 300_000), ("sales", c.rep2.user_id, 200_000)])
    assert {x.rep for x in sub_plan_reads.get_sub_plan(database.uow(c.rep2), pid).lines} == {"rep2"}
    assert len(sub_plan_reads.get_sub_plan(database.uow(c.mgr), pid).lines) == 2
