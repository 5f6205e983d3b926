"""The main window: one tab per module the user's roles allow, a status bar, the menus.

It owns no session logic: logging out and switching language are signals the shell
(ui/shell.py) acts on, by showing the login again or rebuilding the window.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QTabWidget, QWidget

from sales_desk.domain.common.roles import Actor
from sales_desk.i18n import _, current_language
from sales_desk.services.admin import settings as settings_service
from sales_desk.services.search.jump import Hit
from sales_desk.ui import geometry
from sales_desk.ui.context import AppContext
from sales_desk.ui.help.menu import HelpMenu
from sales_desk.ui.language import LANGUAGE_NAMES
from sales_desk.ui.live import LiveViews
from sales_desk.ui.login import ChangePasswordDialog
from sales_desk.ui.tabs import TabSpec, tabs_for
from sales_desk.ui.widgets.jump_box import JumpBox

GEOMETRY_KEY = "main"
BUSY_NOTE_AFTER_MS = 300
DB_LABEL_WIDTH = 340


# Where each kind the search box finds is opened: (tab, the tab's item kind, id), in the
# order tried; an invoice or receipt opens in its customer's ledger.
_PLACES: dict[str, Callable[[Hit], list[tuple[str, str, int]]]] = {
    "customer": lambda h: [("customers", "customer", h.id), ("credit", "customer", h.id)],
    "contact": lambda h: [("customers", "customer", h.customer_id or 0), ("credit", "customer", h.customer_id or 0)],
    "person": lambda h: [("customers", "rep", h.id), ("admin", "refusals", h.id)],
    "order": lambda h: [("orders", "order", h.id)],
    "invoice": lambda h: [("collections", "ledger", h.customer_id or 0), ("orders", "ledger", h.customer_id or 0)],
    "receipt": lambda h: [("collections", "ledger", h.customer_id or 0), ("orders", "ledger", h.customer_id or 0)],
    "claim": lambda h: [("expenses", "claim", h.id)],
}


def role_labels(actor: Actor) -> str:
    return ", ".join(sorted(role.label for role in actor.roles))


class MainWindow(QMainWindow):
    sig_log_out = Signal()
    """The user chose File → Log out; the shell closes this window and shows the login."""

    sig_language_chosen = Signal(str)
    """The user chose another language ("en" or "zh_CN"); the shell saves it and
    rebuilds the window in it."""

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.actor = ctx, actor
        geometry.set_user(actor.username)  # the tables below as this person left them
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(_("Sales Desk"))
        self.tabs = QTabWidget()
        self.tabs.setObjectName("module_tabs")
        self.tabs.setDocumentMode(True)
        self.specs: dict[str, TabSpec] = {}
        for spec in tabs_for(actor):
            page = spec.factory(ctx, actor)
            page.setObjectName(f"tab_{spec.key}")
            self.tabs.addTab(page, _(spec.title))
            self.specs[spec.key] = spec
            if hasattr(page, "sig_open_item"):  # a tab that opens things in other tabs
                page.sig_open_item.connect(self.open_item)
        if self.tabs.count():
            self.setCentralWidget(self.tabs)
        else:
            # Not a placeholder tab: a plain note that there is nothing to open yet.
            note = QLabel(_("Your roles give you no module in this version of Sales Desk yet."))
            note.setObjectName("no_modules")
            note.setAlignment(Qt.AlignmentFlag.AlignCenter)
            note.setWordWrap(True)
            self.setCentralWidget(note)
        self._build_status_bar()
        self._build_menus()
        self._build_jump_box()
        # other seats' changes refresh the open views; a quiet note for new items waiting
        self.live = LiveViews(ctx, actor, self.statusBar().showMessage, self)
        geometry.restore_geom(self, GEOMETRY_KEY, (1100, 720))
        self._restore_current_tab()
        self.tabs.currentChanged.connect(self._remember_current_tab)
        ctx.runner.sig_busy.connect(self._busy)
        ctx.runner.run(lambda: settings_service.get_settings(ctx.uow(actor)), self._show_company,
                       lambda exc: True, owner=self)

    # -- building ------------------------------------------------------------------------
    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.user_label = QLabel(_("User: {name}").format(name=self.actor.username))
        self.roles_label = QLabel(_("Roles: {roles}").format(roles=role_labels(self.actor)))
        where = self.ctx.description
        self.database_label = QLabel()
        # A long path must not widen the window: shorten it in the middle, full in the tooltip.
        self.database_label.setText(self.database_label.fontMetrics().elidedText(
            _("Database: {where}").format(where=where), Qt.TextElideMode.ElideMiddle, DB_LABEL_WIDTH))
        self.database_label.setToolTip(where)
        self.busy_label = QLabel(_("Working…"))
        self.busy_label.hide()
        for label in (self.busy_label, self.user_label, self.roles_label, self.database_label):
            label.setContentsMargins(8, 0, 8, 0)
            bar.addPermanentWidget(label)
        self._busy_timer = QTimer(self)
        self._busy_timer.setSingleShot(True)
        self._busy_timer.setInterval(BUSY_NOTE_AFTER_MS)
        self._busy_timer.timeout.connect(self.busy_label.show)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(_("&File"))
        self.change_password_action = QAction(_("&Change my password…"), self)
        self.change_password_action.triggered.connect(self.change_password)
        self.log_out_action = QAction(_("&Log out"), self)
        self.log_out_action.setShortcut(QKeySequence("Ctrl+L"))
        self.log_out_action.triggered.connect(lambda: self.sig_log_out.emit())
        self.quit_action = QAction(_("&Quit"), self)
        self.quit_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
        if self.quit_action.shortcut().isEmpty():  # some platforms define no Quit key
            self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.triggered.connect(self.close)
        file_menu.addAction(self.change_password_action)
        file_menu.addSeparator()
        file_menu.addAction(self.log_out_action)
        file_menu.addAction(self.quit_action)

        settings_menu = self.menuBar().addMenu(_("&Settings"))
        language_menu = settings_menu.addMenu(_("&Language"))
        group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code, name in LANGUAGE_NAMES.items():
            action = QAction(name, self, checkable=True)
            action.setChecked(code == current_language())
            action.triggered.connect(lambda _checked=False, c=code: self._choose_language(c))
            group.addAction(action)
            language_menu.addAction(action)
            self.language_actions[code] = action
        self.help_menu = HelpMenu(self, self.ctx, self.tabs)

    def _build_jump_box(self) -> None:
        """The search box at the right of the menu bar; Ctrl+K anywhere in the window."""
        self.jump_box = JumpBox(self.ctx, self.actor, self)
        self.jump_box.sig_open.connect(self.open_hit)
        self.menuBar().setCornerWidget(self.jump_box, Qt.Corner.TopRightCorner)
        self.jump_action = QAction(_("Find a record"), self)
        self.jump_action.setShortcut(QKeySequence("Ctrl+K"))
        self.jump_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.jump_action.triggered.connect(self.focus_jump_box)
        self.addAction(self.jump_action)

    # -- behaviour -----------------------------------------------------------------------
    def focus_jump_box(self) -> None:
        self.jump_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.jump_box.selectAll()

    def open_hit(self, h: Hit) -> bool:
        """Open a record the search box found in the tab that shows it (the first of the
        tabs that can, among those the user's roles give)."""
        if h.kind == "document":
            from sales_desk.ui.records import DocumentPrinter  # the PDF viewer: only when asked for

            DocumentPrinter(self.ctx, self.actor, self).open_document(h.id)
            return True
        for key, kind, item_id in _PLACES[h.kind](h):
            if key in self.specs:
                return self.open_item(key, kind, item_id)
        self.statusBar().showMessage(_("That opens in a module your roles do not give you."), 8000)
        return False

    def _choose_language(self, code: str) -> None:
        if code != current_language():
            self.sig_language_chosen.emit(code)

    def change_password(self) -> ChangePasswordDialog:
        dialog = ChangePasswordDialog(self.ctx, self.actor, self)
        dialog.accepted.connect(lambda: self.statusBar().showMessage(_("Your password was changed."), 5000))
        dialog.open()
        return dialog

    def _show_company(self, rows: list) -> None:
        name = next((r.value for r in rows if r.key == "company.name"), "")
        if name:
            self.setWindowTitle(_("Sales Desk — {company}").format(company=name))

    def _busy(self, busy: bool) -> None:
        if busy:
            self._busy_timer.start()
        else:
            self._busy_timer.stop()
            self.busy_label.hide()

    def _restore_current_tab(self) -> None:
        home = next((k for k, spec in self.specs.items() if spec.is_home_for(self.actor)), None)
        key = home or geometry.settings().value(f"{GEOMETRY_KEY}/current_tab")
        for i in range(self.tabs.count()):
            if self.tabs.widget(i).objectName() == f"tab_{key}":
                self.tabs.setCurrentIndex(i)

    def _remember_current_tab(self, index: int) -> None:
        if index >= 0:
            key = self.tabs.widget(index).objectName().removeprefix("tab_")
            geometry.settings().setValue(f"{GEOMETRY_KEY}/current_tab", key)

    def tab(self, key: str) -> QWidget | None:
        return self.tabs.findChild(QWidget, f"tab_{key}")

    def open_item(self, key: str, kind: str, item_id: int) -> bool:
        """Show tab `key` and open item `kind` `item_id` in it (a tab's sig_open_item).
        Tabs never import each other: the request goes through here to the tab's opener."""
        spec, page = self.specs.get(key), self.tab(key)
        if spec is None or page is None:
            self.statusBar().showMessage(_("That opens in a module your roles do not give you."), 8000)
            return False
        self.tabs.setCurrentWidget(page)
        if spec.opener is None or not spec.opener(page, kind, item_id):
            self.statusBar().showMessage(_("The “{tab}” tab cannot open this item directly; find it there.")
                                         .format(tab=_(spec.title)), 8000)
            return False
        return True

    def save_layout(self) -> None:
        geometry.save_geom(self, GEOMETRY_KEY)
        for i in range(self.tabs.count()):
            page = self.tabs.widget(i)
            if hasattr(page, "save_layout"):
                page.save_layout()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        try:
            self.ctx.runner.sig_busy.disconnect(self._busy)
        except (RuntimeError, TypeError):  # already disconnected: closed twice
            pass
        super().closeEvent(event)
