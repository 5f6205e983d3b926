"""The demo firm's activities and team days (issue 18): a year of activities with some
overdue, statuses with travel from the approved applications, a commented work log, two
regions and one territory change in the audit trail."""

from __future__ import annotations

from datetime import timedelta

from sales_desk.demo import firm as demo
from sales_desk.domain.planning.warnings import WarningKind
from sales_desk.services.activities import activities, team, territories
from sales_desk.services.admin import auth
from sales_desk.services.admin.audit import AuditFilter, audit_page
from sales_desk.services.common.base import business_today
from sales_desk.services.planning import dashboard


def _login(database, result, role: str):  # noqa: ANN001, ANN202
    user = next(u for u in result.users if role in u.roles)
    return auth.login(database.uow(), user.username, user.password)


def test_demo_has_activities_statuses_logs_and_a_territory_change(database, admin) -> None:  # noqa: ANN001
    result = demo.load_demo(database.uow(admin))
    assert dict(result.made)["activities"] > 300
    sup, mgr = _login(database, result, "sales_supervisor"), _login(database, result, "sales_manager")
    card = dashboard.dashboard(database.uow(sup)).card(WarningKind.OVERDUE_ACTIVITIES)
    assert card is not None and card.count > 0
    with database.uow() as uow:
        today = business_today(uow)
    assert activities.due_list(database.uow(sup))
    kinds = {s.kind for s in team.team_statuses(database.uow(mgr), today - timedelta(days=400), today + timedelta(days=60))}
    assert {"training", "leave", "complaint"} <= kinds
    logs = team.work_logs(database.uow(sup), today - timedelta(days=3), today)
    assert any(log.comments for log in logs)
    regions = {t.region: t for t in territories.territories(database.uow(mgr))}
    assert regions["east"].reps and regions["north"].reps
    rows, _more = audit_page(database.uow(admin), AuditFilter(action_prefix="territory.reassign"))
    assert len(rows) == 1 and "华北区域调整" in rows[0].sentence
