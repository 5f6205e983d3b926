"""The administration tab: a list of pages on the left, the chosen page on the right.

Each page declares the right it needs; a user sees only the pages they may use
(the general manager, who may read the audit trail, sees just those pages).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QHBoxLayout, QListWidget, QStackedWidget, QWidget

from sales_desk.domain.roles import Actor, Perm
from sales_desk.i18n import N_, _
from sales_desk.ui import geometry
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.admin.audit_page import AuditPage, SodReportPage
from sales_desk.ui.tabs.admin.backups_page import BackupsPage
from sales_desk.ui.tabs.admin.expense_profiles_page import ExpenseProfilesPage
from sales_desk.ui.tabs.admin.settings_page import SettingsPage
from sales_desk.ui.tabs.admin.users_page import UsersPage
from sales_desk.ui.widgets.page import Page


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str  # msgid
    permission: Perm
    factory: Callable[[AppContext, Actor], Page]


PAGES: tuple[PageSpec, ...] = (
    PageSpec("users", N_("Users and roles"), Perm.USERS_MANAGE, UsersPage),
    PageSpec("settings", N_("Business settings"), Perm.SETTINGS_MANAGE, SettingsPage),
    PageSpec("expense_profiles", N_("Departments and allowances"), Perm.SETTINGS_MANAGE, ExpenseProfilesPage),
    PageSpec("backups", N_("Backups"), Perm.BACKUP_MANAGE, BackupsPage),
    PageSpec("audit", N_("Audit trail"), Perm.AUDIT_VIEW, AuditPage),
    PageSpec("sod", N_("Role-conflict justifications"), Perm.AUDIT_VIEW, SodReportPage),
)
ADMIN_TAB_PERMISSIONS = frozenset(p.permission for p in PAGES)


class AdminTab(QWidget):
    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.nav = QListWidget()
        self.nav.setObjectName("admin_nav")
        self.nav.setStyleSheet("QListWidget::item { padding: 5px 6px; }")
        self.stack = QStackedWidget()
        self.pages: dict[str, Page] = {}
        for spec in PAGES:
            if not actor.can(spec.permission):
                continue
            page = spec.factory(ctx, actor)
            page.setObjectName(f"page_{spec.key}")
            self.pages[spec.key] = page
            self.stack.addWidget(page)
            self.nav.addItem(_(spec.title))
        self.nav.setFixedWidth(max(180, self.nav.sizeHintForColumn(0) + 24))
        self.nav.currentRowChanged.connect(self._show_page)
        layout = QHBoxLayout(self)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        keys = list(self.pages)
        last = geometry.settings().value("admin/page")
        self.nav.setCurrentRow(keys.index(last) if last in keys else 0)

    def _show_page(self, row: int) -> None:
        if row < 0:
            return
        self.stack.setCurrentIndex(row)
        geometry.settings().setValue("admin/page", list(self.pages)[row])

    def show_page(self, key: str) -> Page:
        self.nav.setCurrentRow(list(self.pages).index(key))
        return self.pages[key]

    def save_layout(self) -> None:
        for page in self.pages.values():
            page.save_layout()
