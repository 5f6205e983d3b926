"""The Activities tab [活动与日程]: the calendar week and what is due for those who meet
customers, the team's days for everyone with activities and their supervisors, the regions
for managers."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.i18n import N_
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.activities.pages import CalendarPage, DuePage, TeamPage, TerritoriesPage
from sales_desk.ui.widgets.paged_tab import PagedTab, PageSpec, tab_permissions

RECORD = frozenset({Perm.ACTIVITY_RECORD})
PAGES: tuple[PageSpec, ...] = (
    PageSpec("calendar", N_("Calendar week"), RECORD, CalendarPage),
    PageSpec("due", N_("Due and overdue"), RECORD | {Perm.TEAM_OVERSEE}, DuePage),
    PageSpec("team", N_("The team's days"), RECORD, TeamPage),
    PageSpec("territories", N_("Territories"), frozenset({Perm.TERRITORY_MANAGE}), TerritoriesPage),
)
ACTIVITIES_TAB_PERMISSIONS = tab_permissions(PAGES)


class ActivitiesTab(PagedTab):
    settings_key = "activities"

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(ctx, actor, PAGES, "calendar" if actor.can(Perm.ACTIVITY_RECORD) else "due", parent)
