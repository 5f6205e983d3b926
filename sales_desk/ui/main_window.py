"""The main window: one tab per module the user's roles allow, a status bar, the menus.

It owns no session logic: logging out and switching language are signals the shell
(ui/shell.py) acts on, by showing the login again or rebuilding the window.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QShowEvent
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
BUILD_WAIT_MS = 20  # how often a hidden tab waiting to be built looks again
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
        # Only the tab shown first is built before the first paint; the others are built
        # one per turn of the event loop after it, once its first page is in (or at once
        # when asked for: `tab`).
        self._unbuilt: dict[str, TabSpec] = {}
        first = self._first_tab_key(tabs_for(actor))
        for spec in tabs_for(actor):
            self.specs[spec.key] = spec
            if spec.key == first:
                page = self._build_tab(spec)
            else:
                page = QWidget()
                page.setObjectName(f"tab_{spec.key}")
                self._unbuilt[spec.key] = spec
            self.tabs.addTab(page, _(spec.title))
        self._build_timer = QTimer(self)
        self._build_timer.setInterval(0)
        self._build_timer.timeout.connect(self._build_next_tab)
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
        self._restore_current_tab(first)
        self.tabs.currentChanged.connect(self._tab_chosen)
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

        settings_menu = self.menuBar().addMenu(_("Settin&gs"))
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

    def _first_tab_key(self, specs: list[TabSpec]) -> str | None:
        """The tab shown at log-in: the user's home tab, else the one they left open."""
        home = next((s.key for s in specs if s.is_home_for(self.actor)), None)
        remembered = geometry.settings().value(f"{GEOMETRY_KEY}/current_tab")
        keys = [s.key for s in specs]
        for key in (home, remembered):
            if key in keys:
                return key
        return keys[0] if keys else None

    def _restore_current_tab(self, key: str | None) -> None:
        for i in range(self.tabs.count()):
            if self.tabs.widget(i).objectName() == f"tab_{key}":
                self.tabs.setCurrentIndex(i)

    def _build_tab(self, spec: TabSpec) -> QWidget:
        page = spec.factory(self.ctx, self.actor)
        page.setObjectName(f"tab_{spec.key}")
        if hasattr(page, "sig_open_item"):  # a tab that opens things in other tabs
            page.sig_open_item.connect(self.open_item)
        return page

    def _put_in_place(self, key: str) -> QWidget | None:
        """Build tab `key` if it is still waiting, in its placeholder's place."""
        spec = self._unbuilt.pop(key, None)
        if spec is None:
            return self.tabs.findChild(QWidget, f"tab_{key}")
        placeholder = self.tabs.findChild(QWidget, f"tab_{key}")
        page = self._build_tab(spec)
        index, current = self.tabs.indexOf(placeholder), self.tabs.currentIndex()
        blocked = self.tabs.blockSignals(True)  # the same tab stays current: nothing to tell
        try:
            self.tabs.removeTab(index)
            self.tabs.insertTab(index, page, _(spec.title))
            self.tabs.setCurrentIndex(current)
        finally:
            self.tabs.blockSignals(blocked)
        placeholder.setObjectName("")
        placeholder.deleteLater()
        return page

    def _build_next_tab(self) -> None:
        if not self._unbuilt:
            self._build_timer.stop()
            return
        if self.ctx.runner.busy():  # the shown tab's data first: its answers wait for no tab
            self._build_timer.setInterval(BUILD_WAIT_MS)
            return
        self._build_timer.setInterval(0)
        self._put_in_place(next(iter(self._unbuilt)))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._unbuilt and not self._build_timer.isActive():
            self._build_timer.start()  # a zero timer runs after the pending paint

    def _tab_chosen(self, index: int) -> None:
        if index < 0:
            return
        key = self.tabs.widget(index).objectName().removeprefix("tab_")
        if key in self._unbuilt:
            self._put_in_place(key)
        geometry.settings().setValue(f"{GEOMETRY_KEY}/current_tab", key)

    def tab(self, key: str) -> QWidget | None:
        return self._put_in_place(key)

    def unbuilt_tabs(self) -> list[str]:
        """The tabs still waiting to be built (none a moment after the first paint)."""
        return list(self._unbuilt)

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
        with geometry.held():
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
