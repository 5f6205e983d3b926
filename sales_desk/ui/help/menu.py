"""The main window's Help menu: User guide (F1, at the current tab's page) and About."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QTabWidget

from sales_desk.i18n import _
from sales_desk.ui.context import AppContext
from sales_desk.ui.help.about import AboutDialog
from sales_desk.ui.help.pages import page_for_tab
from sales_desk.ui.help.window import HelpWindow


class HelpMenu:
    """Built by the main window; keeps one guide window open across F1 presses."""

    def __init__(self, window: QMainWindow, ctx: AppContext, tabs: QTabWidget):
        self.window, self.ctx, self.tabs = window, ctx, tabs
        self.guide: HelpWindow | None = None
        # No Alt key of its own: every letter is some screen's (Alt+H is "on hold"); F1 opens it.
        menu = window.menuBar().addMenu(_("Help"))
        self.guide_action = QAction(_("&User guide"), window)
        self.guide_action.setShortcut(QKeySequence("F1"))
        # The window's action, so F1 works whichever widget has the focus.
        self.guide_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.guide_action.triggered.connect(self.open_guide)
        self.about_action = QAction(_("&About Sales Desk"), window)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.open_about)
        menu.addAction(self.guide_action)
        menu.addSeparator()
        menu.addAction(self.about_action)

    def current_tab_key(self) -> str | None:
        page = self.tabs.currentWidget()
        return page.objectName().removeprefix("tab_") if page is not None else None

    def open_guide(self) -> HelpWindow:
        if self.guide is None:
            self.guide = HelpWindow(self.window)
        self.guide.show_page(page_for_tab(self.current_tab_key()))
        return self.guide

    def open_about(self) -> AboutDialog:
        dialog = AboutDialog(self.ctx, self.window)
        dialog.open()
        return dialog
