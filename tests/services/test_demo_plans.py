"""The demo firm's sales plan: the overall plan prepared by the sales VP, approved by the GM,
in force with targets for every rep, product and region; a revision waits for the GM; the
monthly plans under it carry the collection targets."""

from __future__ import annotations

from sales_desk.demo import firm as demo
from sales_desk.demo.plans import PACE
from sales_desk.domain.planning.plans import PlanStatus
from sales_desk.services.admin import auth
from sales_desk.services.collections import advance_reports
from sales_desk.services.collections import targets as collection_targets
from sales_desk.services.planning import inbox as approvals_inbox
from sales_desk.services.planning import plans, sub_plan_reads
from sales_desk.services.planning.progress import plan_progress
from tests.services.order_flow import today


def _login(database, result, role: str):  # noqa: ANN001, ANN202
    user = next(u for u in result.users if role in u.roles)
    return auth.login(database.uow(), user.username, user.password)


def test_demo_plan_is_in_force_with_its_monthly_plans_its_revision_waits_and_a_rep_reported_ahead(database, admin) -> None:  # noqa: ANN001
    result = demo.load_demo(database.uow(admin))
    gm, mgr, vp = (_login(database, result, "gm"), _login(database, result, "sales_manager"),
                   _login(database, result, "sales_vp"))
    progress = plan_progress(database.uow(gm), today().year)
    if ("sales plans", 1) not in result.made:  # the first days of January: nothing shipped yet to plan from
        assert progress.plan_id is None
        return
    versions = plans.plan_versions(database.uow(mgr), progress.year)
    assert [(v.revision, v.status) for v in versions] == [(2, PlanStatus.SUBMITTED), (1, PlanStatus.APPROVED)]
    assert versions[1].prepared_by_id == vp.user_id and versions[1].approved_by
    assert progress.plan_id == versions[1].id
    reps = progress.of("rep")
    assert len(reps) == len(PACE) and all(r.target > 0 for r in reps)
    assert progress.total("rep").target == progress.total("region").target == progress.total("product").target
    waiting = [i for i in approvals_inbox.waiting_for_me(database.uow(gm)) if i.kind == "plan"]
    assert [i.open_id for i in waiting] == [versions[0].id]
    assert all(i.kind != "plan" for i in approvals_inbox.waiting_for_me(database.uow(vp)))  # prepared it
    month = today().month
    this = [v for v in sub_plan_reads.month_plans(database.uow(mgr), progress.year, month)]
    assert this[0].level == "monthly" and this[0].status == PlanStatus.APPROVED and this[0].total("collection") > 0
    assert [v.status for v in this[1:]] in ([], [PlanStatus.APPROVED], [PlanStatus.APPROVED, PlanStatus.SUBMITTED])
    assert all(not v.room.over for v in this)
    performance = collection_targets.collection_performance(database.uow(gm), today())
    assert all(p.target for p in performance if p.rep_id in {line.rep_id for line in this[0].lines})
    # the rep's advance reports (信用 第15条3): one filed, one invoice in the window still owed
    filed = advance_reports.filed_reports(database.uow(gm))
    assert [f.doc_no for f in filed] == ["OB-XS-2412"]
    assert "OB-XS-2401" in [r.doc_no for r in advance_reports.reports_due(database.uow(mgr))]
