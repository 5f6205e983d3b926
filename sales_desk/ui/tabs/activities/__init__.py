"""Activities and the team's days [活动与日程] (issue 18)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from sales_desk.i18n import N_
from sales_desk.ui.tabs import TabSpec, register_tab
from sales_desk.ui.tabs.activities.tab import ACTIVITIES_TAB_PERMISSIONS, ActivitiesTab


def open_item(tab: QWidget, kind: str, item_id: int) -> bool:
    """An overdue activity from the dashboard: the due list, where it is listed."""
    if not isinstance(tab, ActivitiesTab) or kind != "activity" or "due" not in tab.pages:
        return False
    tab.show_page("due")
    return True


register_tab(TabSpec("activities", N_("Activities"), ACTIVITIES_TAB_PERMISSIONS, ActivitiesTab, order=250,
                     opener=open_item))
