"""The demo firm's sales plan: prepared by the sales manager, approved by the GM, in force
with targets for every rep, product and region; a revision waits for the GM."""

from __future__ import annotations

from sales_desk.demo import firm as demo
from sales_desk.demo.plans import PACE
from sales_desk.domain.planning.plans import PlanStatus
from sales_desk.services.admin import auth
from sales_desk.services.planning import inbox as approvals_inbox
from sales_desk.services.planning import plans
from sales_desk.services.planning.progress import plan_progress
from tests.services.order_flow import today


def _login(database, result, role: str):  # noqa: ANN001, ANN202
    user = next(u for u in result.users if role in u.roles)
    return auth.login(database.uow(), user.username, user.password)


def test_demo_plan_is_in_force_and_its_revision_waits_for_the_gm(database, admin) -> None:  # noqa: ANN001
    result = demo.load_demo(database.uow(admin))
    gm, mgr = _login(database, result, "gm"), _login(database, result, "sales_manager")
    progress = plan_progress(database.uow(gm), today().year)
    if ("sales plans", 1) not in result.made:  # the first days of January: nothing shipped yet to plan from
        assert progress.plan_id is None
        return
    versions = plans.plan_versions(database.uow(mgr), progress.year)
    assert [(v.revision, v.status) for v in versions] == [(2, PlanStatus.SUBMITTED), (1, PlanStatus.APPROVED)]
    assert versions[1].prepared_by_id == mgr.user_id and versions[1].approved_by
    assert progress.plan_id == versions[1].id
    reps = progress.of("rep")
    assert len(reps) == len(PACE) and all(r.target > 0 for r in reps)
    assert progress.total("rep").target == progress.total("region").target == progress.total("product").target
    waiting = [i for i in approvals_inbox.waiting_for_me(database.uow(gm)) if i.kind == "plan"]
    assert [i.open_id for i in waiting] == [versions[0].id]
    assert all(i.kind != "plan" for i in approvals_inbox.waiting_for_me(database.uow(mgr)))  # prepared it
