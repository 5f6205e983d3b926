"""Customer service [客户服务] (issue 19): complaints and after-sales cases, their analysis,
key-account screening."""

from __future__ import annotations

from sales_desk.i18n import N_
from sales_desk.ui.tabs import TabSpec, register_tab
from sales_desk.ui.tabs.care.tab import CARE_TAB_PERMISSIONS, CareTab

register_tab(TabSpec("care", N_("Customer service"), CARE_TAB_PERMISSIONS, CareTab, order=320))
