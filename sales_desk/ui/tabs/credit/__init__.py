"""Credit reviews [客户信用管理]: investigations, ratings, limits, re-ratings and holds."""

from __future__ import annotations

from sales_desk.i18n import N_
from sales_desk.ui.tabs import TabSpec, register_tab
from sales_desk.ui.tabs.credit.tab import CREDIT_TAB_PERMISSIONS, CreditTab

register_tab(TabSpec("credit", N_("Credit"), CREDIT_TAB_PERMISSIONS, CreditTab, order=200))
