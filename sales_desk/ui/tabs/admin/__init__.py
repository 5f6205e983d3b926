"""The administration area: users and roles, business settings, backups, audit trail, refusals log."""

from __future__ import annotations

from sales_desk.i18n import N_
from sales_desk.ui.tabs import TabSpec, register_tab
from sales_desk.ui.tabs.admin.tab import ADMIN_TAB_PERMISSIONS, AdminTab, open_item

register_tab(TabSpec("admin", N_("Administration"), ADMIN_TAB_PERMISSIONS, AdminTab, order=900,
                     opener=open_item))
