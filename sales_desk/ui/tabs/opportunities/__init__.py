"""The Opportunities tab [销售机会]: the list and funnel, the stages, win and loss, quotations."""

from __future__ import annotations

from sales_desk.domain.common.roles import Perm
from sales_desk.i18n import N_
from sales_desk.ui.tabs import TabSpec, register_tab
from sales_desk.ui.tabs.opportunities.page import OpportunitiesPage

register_tab(TabSpec("opportunities", N_("Opportunities"), frozenset({Perm.OPPORTUNITY_VIEW}), OpportunitiesPage,
                     order=25))
