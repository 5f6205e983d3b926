"""The Customer service tab [客户服务]: pages by duty."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.i18n import N_
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.care.analysis_page import AnalysisPage
from sales_desk.ui.tabs.care.cases_page import CasesPage
from sales_desk.ui.tabs.care.key_accounts_page import KeyAccountsPage
from sales_desk.ui.tabs.care.market_reports_page import MarketReportsPage
from sales_desk.ui.tabs.care.plans_page import PlansPage
from sales_desk.ui.widgets.paged_tab import PagedTab, PageSpec, tab_permissions

PAGES: tuple[PageSpec, ...] = (
    PageSpec("cases", N_("Complaints and service"), frozenset({Perm.COMPLAINT_HANDLE, Perm.COMPLAINT_ANALYSE}),
             CasesPage),
    PageSpec("analysis", N_("Complaint analysis"), frozenset({Perm.COMPLAINT_ANALYSE}), AnalysisPage),
    PageSpec("key_accounts", N_("Key accounts"), frozenset({Perm.KEY_ACCOUNT_PROPOSE, Perm.KEY_ACCOUNT_APPROVE}),
             KeyAccountsPage),
    PageSpec("plans", N_("Maintenance plans"), frozenset({Perm.CARE_WRITE_PLAN, Perm.CARE_REVIEW}), PlansPage),
    PageSpec("market_reports", N_("Market reports"), frozenset({Perm.CARE_WRITE_REPORT, Perm.CARE_REVIEW}),
             MarketReportsPage),
)
CARE_TAB_PERMISSIONS = tab_permissions(PAGES)


class CareTab(PagedTab):
    settings_key = "care"

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(ctx, actor, PAGES, "cases", parent)
