"""The administration tab: a list of pages on the left, the chosen page on the right.

Each page declares the right it needs; a user sees only the pages they may use
(the general manager, who may read the audit trail, sees just those pages).
Other tabs open the refusals log at one person (`open_item`: the dashboard's warning).
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from sales_desk.domain.common.roles import Actor, Perm
from sales_desk.i18n import N_
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.admin.audit_page import AuditPage, SodReportPage
from sales_desk.ui.tabs.admin.backups_page import BackupsPage
from sales_desk.ui.tabs.admin.documents_page import DocumentsPage
from sales_desk.ui.tabs.admin.expense_profiles_page import ExpenseProfilesPage
from sales_desk.ui.tabs.admin.refusals_page import RefusalsPage
from sales_desk.ui.tabs.admin.seats_page import SeatsPage
from sales_desk.ui.tabs.admin.settings_page import SettingsPage
from sales_desk.ui.tabs.admin.users_page import UsersPage
from sales_desk.ui.widgets.paged_tab import PagedTab, PageSpec, tab_permissions

PAGES: tuple[PageSpec, ...] = (
    PageSpec("users", N_("Users and roles"), frozenset({Perm.USERS_MANAGE}), UsersPage),
    PageSpec("seats", N_("Seats connected"), frozenset({Perm.USERS_MANAGE}), SeatsPage),
    PageSpec("settings", N_("Technical settings"), frozenset({Perm.SETTINGS_MANAGE}), SettingsPage),
    PageSpec("expense_profiles", N_("Departments and allowances"), frozenset({Perm.SETTINGS_MANAGE}),
             ExpenseProfilesPage),
    PageSpec("backups", N_("Backups"), frozenset({Perm.BACKUP_MANAGE}), BackupsPage),
    PageSpec("audit", N_("Audit trail"), frozenset({Perm.AUDIT_VIEW}), AuditPage),
    PageSpec("refusals", N_("Refusals log"), frozenset({Perm.AUDIT_VIEW}), RefusalsPage),
    PageSpec("documents", N_("Document register"), frozenset({Perm.AUDIT_VIEW}), DocumentsPage),
    PageSpec("sod", N_("Role-conflict justifications"), frozenset({Perm.AUDIT_VIEW}), SodReportPage),
)
ADMIN_TAB_PERMISSIONS = tab_permissions(PAGES)


class AdminTab(PagedTab):
    settings_key = "admin"
    nav_min_width = 180

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(ctx, actor, PAGES, parent=parent)


def open_item(tab: QWidget, kind: str, item_id: int) -> bool:
    """The refusals log of person `item_id` ("refusals"); False for anything else."""
    if kind != "refusals" or not isinstance(tab, AdminTab) or "refusals" not in tab.pages:
        return False
    page = tab.show_page("refusals")
    assert isinstance(page, RefusalsPage)
    page.show_person(item_id)
    return True
