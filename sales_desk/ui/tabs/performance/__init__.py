"""Performance [业绩考核] (issue 19; seed 003 1.2.6–1.2.7, seed 000 提成方案): evaluations per rep
with the manager's feedback and the rep's acknowledgement, the team's ranking, the month's
commission on money collected, and the weights and schemes the GM approves."""

from __future__ import annotations

from sales_desk.i18n import N_
from sales_desk.ui.tabs import TabSpec, register_tab
from sales_desk.ui.tabs.performance.tab import PERFORMANCE_TAB_PERMISSIONS, PerformanceTab

register_tab(TabSpec("performance", N_("Performance"), PERFORMANCE_TAB_PERMISSIONS, PerformanceTab, order=380))
