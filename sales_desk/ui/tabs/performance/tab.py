"""The Performance tab [业绩考核] (issue 19): evaluations and ranking, commission, and the
weights and schemes behind them."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.i18n import N_
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.performance.commission_page import CommissionPage
from sales_desk.ui.tabs.performance.evaluations_page import EvaluationsPage
from sales_desk.ui.tabs.performance.schemes_page import SchemesPage
from sales_desk.ui.widgets.paged_tab import PagedTab, PageSpec, tab_permissions

VIEW = frozenset({Perm.PERFORMANCE_VIEW})
PAGES: tuple[PageSpec, ...] = (
    PageSpec("evaluations", N_("Evaluations and ranking"), VIEW, EvaluationsPage),
    PageSpec("commission", N_("Commission"), VIEW, CommissionPage),
    PageSpec("schemes", N_("Weights and schemes"), VIEW, SchemesPage),
)
PERFORMANCE_TAB_PERMISSIONS = tab_permissions(PAGES)


class PerformanceTab(PagedTab):
    settings_key = "performance"

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(ctx, actor, PAGES, "evaluations", parent)
