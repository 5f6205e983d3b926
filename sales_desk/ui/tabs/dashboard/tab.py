"""The Dashboard tab [预警管理], the window's first: the overview made for the person logged
in (warnings, waiting for me, a chart), the sales plans and targets, the analysis charts, the policy versions (SPEC §9).

Opening an item elsewhere ("waiting for me", a warning's records) is a request to the
main window (sig_open_item), which shows the right tab and has it open the item: tabs
never import each other. A plan waiting for the GM opens here, on the plans page.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from sales_desk.domain.common.roles import ROLE_PERMISSIONS, Actor, Perm
from sales_desk.domain.planning.plans import PLAN_READERS
from sales_desk.i18n import N_
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.dashboard.analysis_page import AnalysisPage, charts_for
from sales_desk.ui.tabs.dashboard.overview_page import OverviewPage
from sales_desk.ui.tabs.dashboard.plan_levels_page import PlanLevelsPage
from sales_desk.ui.tabs.dashboard.plans_page import PlansPage
from sales_desk.ui.tabs.dashboard.policy_page import PolicyPage
from sales_desk.ui.widgets.paged_tab import PagedTab, PageSpec, tab_permissions

# The plans page: for the sales side and the GM (domain.plans.PLAN_READERS); a right
# only those roles hold together stands for them here (the page checks the roles).
_PLAN_RIGHTS = frozenset({Perm.PLAN_PREPARE, Perm.PLAN_APPROVE, Perm.PLAN_PREPARE_MONTHLY, Perm.ORDER_CREATE,
                          Perm.CONTRACT_REVIEW_MAJOR,
                          Perm.EXPENSE_REVIEW})
assert all(ROLE_PERMISSIONS[r] & _PLAN_RIGHTS for r in PLAN_READERS)

PAGES: tuple[PageSpec, ...] = (
    PageSpec("overview", N_("Overview"), frozenset({Perm.DASHBOARD_VIEW}), OverviewPage),
    PageSpec("plans", N_("Sales plans"), _PLAN_RIGHTS, PlansPage),
    PageSpec("plan_levels", N_("Monthly and product plans"), _PLAN_RIGHTS, PlanLevelsPage),
    PageSpec("analysis", N_("Analysis"), frozenset({Perm.DASHBOARD_VIEW}), AnalysisPage),
    PageSpec("policy", N_("Policy versions"), frozenset({Perm.POLICY_VIEW}), PolicyPage),
)
DASHBOARD_TAB_PERMISSIONS = frozenset({Perm.DASHBOARD_VIEW})


class DashboardTab(PagedTab):
    settings_key = "dashboard"

    sig_open_item = Signal(str, str, int)
    """Open an item in another tab: that tab's key, what to open there, its id (the main
    window routes it)."""

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        specs = [s for s in PAGES if s.key != "analysis" or charts_for(actor)]
        super().__init__(ctx, actor, specs, "overview", parent)
        self.nav.setCurrentRow(0)  # the overview first, whatever page was open last time
        overview = self.pages["overview"]
        assert isinstance(overview, OverviewPage)
        overview.sig_open_item.connect(self._open)
        overview.sig_open_plans.connect(lambda: self.show_page("plans") if "plans" in self.pages else None)

    def overview(self) -> OverviewPage:
        page = self.pages["overview"]
        assert isinstance(page, OverviewPage)
        return page

    def _open(self, tab: str, kind: str, item_id: int) -> None:
        if tab == "dashboard":
            self.open_item(kind, item_id)
        else:
            self.sig_open_item.emit(tab, kind, item_id)

    def open_item(self, kind: str, item_id: int) -> bool:
        """What opens here: a sales plan (the GM's approval) on the plans page; a monthly or
        product plan (the VP's, the sales manager's) on the plan levels page; a policy proposal
        (the GM's) on the policy page."""
        if kind == "plan" and "plans" in self.pages:
            page = self.show_page("plans")
            assert isinstance(page, PlansPage)
            page.show_plan(item_id)
            return True
        if kind == "sub_plan" and "plan_levels" in self.pages:
            levels = self.show_page("plan_levels")
            assert isinstance(levels, PlanLevelsPage)
            levels.show_plan(item_id)
            return True
        if kind == "policy" and "policy" in self.pages:
            policy = self.show_page("policy")
            assert isinstance(policy, PolicyPage)
            policy.show_proposal(item_id)
            return True
        return False


def open_in_dashboard(tab: QWidget, kind: str, item_id: int) -> bool:
    return isinstance(tab, DashboardTab) and tab.open_item(kind, item_id)


assert tab_permissions(PAGES) >= DASHBOARD_TAB_PERMISSIONS
