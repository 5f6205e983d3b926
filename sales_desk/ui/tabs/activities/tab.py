"""The Activities tab [活动与日程]: the calendar and what is due for those who meet customers
and for those who oversee them, the team's days (statuses, attendance, work logs) for the
same, the regions for the sales manager.

Those who oversee without recording activities of their own (the VP, the GM) read their
people's calendars, due lists and days: the services let them (READERS in
services/activities), so every page shown to them loads.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.i18n import N_
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.activities.calendar_page import CalendarPage, DuePage
from sales_desk.ui.tabs.activities.team_pages import LogsPage, StatusesPage
from sales_desk.ui.tabs.activities.territories_page import TerritoriesPage
from sales_desk.ui.widgets.paged_tab import PagedTab, PageSpec, tab_permissions

READERS = frozenset({Perm.ACTIVITY_RECORD, Perm.TEAM_OVERSEE})
PAGES: tuple[PageSpec, ...] = (
    PageSpec("calendar", N_("Calendar"), READERS, CalendarPage),
    PageSpec("due", N_("Due and overdue"), READERS, DuePage),
    PageSpec("statuses", N_("Statuses and attendance"), READERS, StatusesPage),
    PageSpec("logs", N_("Work logs"), READERS, LogsPage),
    PageSpec("territories", N_("Territories"), frozenset({Perm.TERRITORY_MANAGE}), TerritoriesPage),
)
ACTIVITIES_TAB_PERMISSIONS = tab_permissions(PAGES)


class ActivitiesTab(PagedTab):
    settings_key = "activities"

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(ctx, actor, PAGES, "calendar" if actor.can(Perm.ACTIVITY_RECORD) else "due", parent)
