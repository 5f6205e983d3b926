"""The Opportunities tab [销售机会]: leads, the list and funnel, the stages, win and loss, quotations."""

from __future__ import annotations

from sales_desk.domain.common.roles import Perm
from sales_desk.i18n import N_
from sales_desk.ui.tabs import TabSpec, register_tab
from sales_desk.ui.tabs.opportunities.tab import OpportunitiesTab, open_item

register_tab(TabSpec("opportunities", N_("Opportunities"), frozenset({Perm.OPPORTUNITY_VIEW}), OpportunitiesTab,
                     order=25, opener=open_item))
