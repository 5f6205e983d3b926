"""Sales plans [销售计划]: the overall plan drafted by the sales VP (销售副总 职责2), approved by the GM (never by whoever
prepared them), revised the same way; progress equals what was shipped less returned."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from sales_desk.domain.common.errors import NotPermitted, SelfApprovalRefused, ValidationError
from sales_desk.domain.planning.plans import (
    Dimension,
    PlanInProgress,
    PlanRevisionNeeded,
    PlanStatus,
)
from sales_desk.domain.planning.warnings import Level
from sales_desk.models import Movement, OrderLine, Shipment
from sales_desk.services.customers import files as customers
from sales_desk.services.orders import approvals as order_approvals
from sales_desk.services.orders import dispatch
from sales_desk.services.orders import entry as orders
from sales_desk.services.orders.dispatch import ReturnInput
from sales_desk.services.planning import plans
from sales_desk.services.planning.progress import plan_progress
from tests.services.order_flow import (
    Team,
    approved,
    credit_customer,
    draft,
    product,
    ship,
    team,
    today,
)

YEAR = today().year


@pytest.fixture
def t(make_user) -> Team:  # noqa: ANN001
    return team(make_user)


def _targets(t: Team, amount: int = 1_200_000) -> list[tuple[str, str, int, int]]:
    return [("rep", str(t.rep.user_id), m, amount // 12) for m in range(1, 13)] + \
           [("region", "east", m, amount // 12) for m in range(1, 13)]


def _approved_plan(database, t: Team, targets=None) -> int:  # noqa: ANN001
    pid = plans.prepare_plan(database.uow(t.vp), YEAR, targets or _targets(t))
    plans.submit_plan(database.uow(t.vp), pid)
    plans.decide_plan(database.uow(t.gm), pid, True)
    return pid


def test_the_sales_vp_prepares_and_the_gm_approves_the_plan(database, t) -> None:  # noqa: ANN001
    pid = plans.prepare_plan(database.uow(t.vp), YEAR, _targets(t), note="2026年销售计划")
    view = plans.get_plan(database.uow(t.mgr), pid)
    assert view.status == PlanStatus.DRAFT and view.total(Dimension.REP) == 1_200_000
    rep_row = next(r for r in view.targets if r.dimension == "rep")
    assert rep_row.label == "rep" and rep_row.months == (100_000,) * 12
    plans.submit_plan(database.uow(t.vp), pid)
    assert [w.id for w in plans.plans_waiting(database.uow(t.gm))] == [pid]
    plans.decide_plan(database.uow(t.gm), pid, True, "同意")
    assert plans.get_plan(database.uow(t.gm), pid).status == PlanStatus.APPROVED
    assert plans.plans_waiting(database.uow(t.gm)) == []


def test_only_the_gm_approves_and_only_the_sales_vp_prepares(database, t) -> None:  # noqa: ANN001
    with pytest.raises(NotPermitted):
        plans.prepare_plan(database.uow(t.gm), YEAR, _targets(t))
    with pytest.raises(NotPermitted):
        plans.prepare_plan(database.uow(t.rep), YEAR, _targets(t))
    pid = plans.prepare_plan(database.uow(t.vp), YEAR, _targets(t))
    plans.submit_plan(database.uow(t.vp), pid)
    for other in (t.mgr, t.vp, t.rep):
        with pytest.raises(NotPermitted):
            plans.decide_plan(database.uow(other), pid, True)


def test_the_sales_manager_may_not_draft_the_overall_plan_the_vp_does(database, t) -> None:  # noqa: ANN001
    """销售副总 职责2: the VP drafts the overall plan, the sales manager the monthly one, the
    supervisor the product one; each level refuses the others."""
    with pytest.raises(NotPermitted):
        plans.prepare_plan(database.uow(t.mgr), YEAR, _targets(t))
    pid = plans.prepare_plan(database.uow(t.vp), YEAR, _targets(t))
    with pytest.raises(NotPermitted):
        plans.submit_plan(database.uow(t.mgr), pid)
    plans.submit_plan(database.uow(t.vp), pid)
    plans.decide_plan(database.uow(t.gm), pid, True)
    with pytest.raises(NotPermitted):
        plans.revise_plan(database.uow(t.mgr), YEAR, "新增华南区")


def test_nobody_approves_a_plan_they_prepared(database, make_user, admin, t) -> None:  # noqa: ANN001
    both = make_user("both", "sales_vp", "gm", justification="两人公司：副总兼总经理")
    pid = plans.prepare_plan(database.uow(both), YEAR, _targets(t))
    plans.submit_plan(database.uow(both), pid)
    assert plans.plans_waiting(database.uow(both)) == []  # never waits for the one who prepared it
    with pytest.raises(SelfApprovalRefused):
        plans.decide_plan(database.uow(both), pid, True)
    assert [w.id for w in plans.plans_waiting(database.uow(t.gm))] == [pid]


def test_a_returned_plan_needs_a_reason_and_goes_back_to_the_preparer(database, t) -> None:  # noqa: ANN001
    pid = plans.prepare_plan(database.uow(t.vp), YEAR, _targets(t))
    plans.submit_plan(database.uow(t.vp), pid)
    with pytest.raises(ValidationError):
        plans.decide_plan(database.uow(t.gm), pid, False, " ")
    plans.decide_plan(database.uow(t.gm), pid, False, "华东区目标偏低")
    view = plans.get_plan(database.uow(t.mgr), pid)
    assert view.status == PlanStatus.RETURNED and view.returned_reason == "华东区目标偏低"
    assert plans.prepare_plan(database.uow(t.vp), YEAR, _targets(t, 2_400_000)) == pid  # corrected
    plans.submit_plan(database.uow(t.vp), pid)
    assert plans.get_plan(database.uow(t.mgr), pid).total("region") == 2_400_000


def test_a_revision_is_approved_again_while_the_old_plan_stays_in_force(database, t) -> None:  # noqa: ANN001
    first = _approved_plan(database, t)
    with pytest.raises(PlanRevisionNeeded):
        plans.prepare_plan(database.uow(t.vp), YEAR, _targets(t, 2_400_000))
    with pytest.raises(ValidationError):
        plans.revise_plan(database.uow(t.vp), YEAR, "")
    second = plans.revise_plan(database.uow(t.vp), YEAR, "新增华南区")
    with pytest.raises(PlanInProgress):
        plans.revise_plan(database.uow(t.vp), YEAR, "again")
    plans.prepare_plan(database.uow(t.vp), YEAR, _targets(t, 2_400_000))
    plans.submit_plan(database.uow(t.vp), second)
    assert plan_progress(database.uow(t.gm), YEAR).plan_id == first
    plans.decide_plan(database.uow(t.gm), second, True)
    statuses = {v.id: v.status for v in plans.plan_versions(database.uow(t.gm), YEAR)}
    assert statuses == {first: PlanStatus.SUPERSEDED, second: PlanStatus.APPROVED}
    assert plan_progress(database.uow(t.gm), YEAR).plan_id == second


def test_a_rep_reads_only_their_own_targets_and_figures(database, t) -> None:  # noqa: ANN001
    pid = _approved_plan(database, t, _targets(t) + [("rep", str(t.rep2.user_id), 1, 5_000)])
    mine = plans.get_plan(database.uow(t.rep), pid)
    assert {(r.dimension, r.key) for r in mine.targets} == {("rep", str(t.rep.user_id))}
    assert {(r.dimension, r.key) for r in plans.get_plan(database.uow(t.rep2), pid).targets} == {
        ("rep", str(t.rep2.user_id))}
    progress = plan_progress(database.uow(t.rep), YEAR)
    assert [(r.dimension, r.key) for r in progress.rows] == [("rep", str(t.rep.user_id))]


def test_finance_and_the_warehouse_do_not_read_plans(database, t) -> None:  # noqa: ANN001
    _approved_plan(database, t)
    for outsider in (t.fin, t.wh):
        with pytest.raises(NotPermitted):
            plan_progress(database.uow(outsider), YEAR)
        with pytest.raises(NotPermitted):
            plans.plan_versions(database.uow(outsider), YEAR)


def _shipped_less_returned(database, start: date, end: date) -> dict[tuple[str, str], int]:  # noqa: ANN001
    """The register's own figures: Σ movements out − Σ movements back, per rep (the order's),
    product and region (the customer's)."""
    from sales_desk.models import Customer, SalesOrder

    out: dict[tuple[str, str], int] = {}
    with database.uow() as uow:
        rows = uow.session.execute(
            select(Movement.kind, Movement.amount, Movement.product_id, SalesOrder.rep_id, Customer.region)
            .join(SalesOrder, SalesOrder.id == Movement.order_id).join(Customer, Customer.id == Movement.customer_id)
            .where(Movement.moved_on >= start, Movement.moved_on <= end)).all()
    for kind, amount, pid, rep, region in rows:
        signed = amount if kind == "out" else -amount
        for key in (("rep", str(rep)), ("product", str(pid)), ("region", region)):
            out[key] = out.get(key, 0) + signed
    return out


def _ship_all(database, t: Team, oid: int, on: date) -> int:  # noqa: ANN001
    with database.uow() as uow:
        lines = dict(uow.session.execute(select(OrderLine.id, OrderLine.quantity).where(OrderLine.order_id == oid)).all())
    return ship(database, t, oid, lines, on)


def test_plan_progress_equals_the_shipped_totals_less_returns(database, t) -> None:  # noqa: ANN001
    _approved_plan(database, t)
    east = credit_customer(database, t, "100000", name="上海东方机电有限公司")
    customers.update_customer(database.uow(t.rep), east, {"region": "east"})
    south = credit_customer(database, t, "100000", name="广州南方电气有限公司", rep=t.rep2)
    customers.update_customer(database.uow(t.rep2), south, {"region": "south"})
    p1, p2 = product(database, t), product(database, t, "P-200", "250.00", "220.00", "300.00", "伺服电机")
    day = today()
    o1 = approved(database, t, east, [(p1, 10, None), (p2, 4, None)])
    s1 = _ship_all(database, t, o1, day)  # 10 × 100 + 4 × 250
    o2 = approved(database, t, south, [(p2, 8, None)], rep=t.rep2)
    _ship_all(database, t, o2, day)
    with database.uow() as uow:
        line = uow.session.scalar(select(Movement.id).where(Movement.shipment_id == s1, Movement.product_id == p2))
    dispatch.record_return(database.uow(t.rep), s1, ReturnInput({line: 1}, "包装破损"))
    last_year = date(day.year - 1, 12, 31)
    o3 = draft(database, t, east, [(p1, 3, None)], order_date=last_year)
    orders.submit_order(database.uow(t.rep), o3)
    orders.sign_order(database.uow(t.rep), o3, last_year)
    order_approvals.approve_order(database.uow(t.mgr), o3)
    _ship_all(database, t, o3, last_year)  # not this year's

    progress = plan_progress(database.uow(t.gm), YEAR)
    expected = _shipped_less_returned(database, date(YEAR, 1, 1), date(YEAR, 12, 31))
    got = {(r.dimension, r.key): r.actual for r in progress.rows}
    assert {k: v for k, v in got.items() if v} == {k: v for k, v in expected.items() if v}
    assert got[("rep", str(t.rep.user_id))] == 2000_00 - 250_00
    assert got[("product", str(p2))] == (4 - 1 + 8) * 250_00
    assert got[("region", "south")] == 8 * 250_00
    with database.uow() as uow:  # and the shipments' own values
        shipped = sum(uow.session.scalars(select(Shipment.value).where(Shipment.ship_date >= date(YEAR, 1, 1))))
    assert progress.total("rep").actual == progress.total("product").actual == shipped - 250_00
    month = plan_progress(database.uow(t.gm), YEAR, day.month)
    assert month.total("product").actual == shipped - 250_00


def test_progress_reads_the_monthly_target_and_the_pace(database, t) -> None:  # noqa: ANN001
    _approved_plan(database, t, [("rep", str(t.rep.user_id), m, 3_000_000) for m in range(1, 13)])
    month = plan_progress(database.uow(t.mgr), YEAR, today().month)
    row = next(r for r in month.rows if r.key == str(t.rep.user_id))
    assert row.target == 3_000_000 and row.actual == 0
    assert row.level is (Level.OK if row.expected == 0 else Level.ALERT)
    year = plan_progress(database.uow(t.mgr), YEAR)
    assert year.total().target == 36_000_000 and year.revision == 1


def test_a_plan_needs_a_target_before_it_is_submitted(database, t) -> None:  # noqa: ANN001
    pid = plans.prepare_plan(database.uow(t.vp), YEAR, [])
    with pytest.raises(ValidationError):
        plans.submit_plan(database.uow(t.vp), pid)


def test_targets_are_checked_before_anything_is_written(database, t) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError):
        plans.prepare_plan(database.uow(t.vp), YEAR, [("rep", str(t.rep.user_id), 13, 100)])
    assert plans.plan_versions(database.uow(t.mgr), YEAR) == []


def test_choices_name_the_active_reps_products_and_regions(database, t) -> None:  # noqa: ANN001
    product(database, t)
    c = plans.plan_choices(database.uow(t.vp))
    assert [r.label for r in c.reps] == ["rep", "rep2"]
    assert [p.label for p in c.products] == ["P-100 工业控制器"]
    assert "east" in [r.key for r in c.regions]


def test_every_step_is_audited(database, t) -> None:  # noqa: ANN001
    from sales_desk.models import AuditEntry

    _approved_plan(database, t)
    with database.uow() as uow:
        actions = list(uow.session.scalars(select(AuditEntry.action).where(AuditEntry.entity == "sales_plan")))
    assert actions == ["plan.prepare", "plan.submit", "plan.approve"]

