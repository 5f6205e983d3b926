"""The dashboard [预警管理] (SPEC §7, §2 composition analysis): early warnings, waiting for me,
sales plans and targets [销售计划], analysis charts. The window opens on it — except for a
warehouse keeper, for whom it holds no warning or decision: they open on the dispatch notices."""

from __future__ import annotations

from sales_desk.domain.common.roles import Actor, Role
from sales_desk.i18n import N_
from sales_desk.ui.tabs import TabSpec, register_tab
from sales_desk.ui.tabs.dashboard import tab


def only_warehouse(actor: Actor) -> bool:
    return actor.roles <= {Role.WAREHOUSE}


register_tab(TabSpec("dashboard", N_("Dashboard"), tab.DASHBOARD_TAB_PERMISSIONS, tab.DashboardTab,
                     order=0, opener=tab.open_in_dashboard, home=lambda actor: not only_warehouse(actor)))
