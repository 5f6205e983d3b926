"""The demo firm's policy: version 1, version 2 (the newest rep's own allowance, since the
first of last year) in force, version 3 approved for next month, one proposal waiting."""

from __future__ import annotations

from sales_desk.demo import firm as demo
from sales_desk.domain.common.money import to_minor
from sales_desk.services.admin import auth, policy
from tests.services.order_flow import today


def test_demo_shows_a_version_in_force_one_approved_for_later_and_one_waiting(database, admin) -> None:  # noqa: ANN001
    result = demo.load_demo(database.uow(admin))
    user = next(u for u in result.users if "gm" in u.roles)
    gm = auth.login(database.uow(), user.username, user.password)
    history = policy.policy_history(database.uow(gm))
    assert [(r.number, r.status) for r in history] == [
        (None, "proposed"), (3, "approved"), (2, "approved"), (1, "approved")]
    assert history[2].in_force and not history[1].in_force and history[1].effective_from > today()
    assert list(history[2].changes) == ["expense.personal_allowances"]
    with database.uow(gm) as uow:
        assert policy.policy_in_force(uow).values["credit.c_max_limit"] == to_minor("30000")
        assert policy.policy_in_force(uow, history[1].effective_from).values["credit.c_max_limit"] == to_minor("40000")
