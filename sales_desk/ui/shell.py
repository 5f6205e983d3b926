"""The session: first run or login, then the main window; log out, language, restore.

app.py builds the AppContext and calls `Shell(ctx).start()`; everything after
that happens here, driven by the dialogs' and window's signals.

Fast start: app.py shows the dialog at once on a guess (`start(first_run=…)`) while
the database opens on the runner, then `confirm_first_run` corrects the guess. So this
module imports neither the services nor the main window at the top: they bring
SQLAlchemy's ORM and every tab, which the login window does not need to be drawn.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from sales_desk import config
from sales_desk.domain.common.roles import Actor
from sales_desk.i18n import current_language
from sales_desk.ui.context import AppContext
from sales_desk.ui.language import apply_language
from sales_desk.ui.login import FirstRunDialog, LoginDialog

if TYPE_CHECKING:
    from sales_desk.ui.main_window import MainWindow


def _needs_first_run(ctx: AppContext) -> bool:
    from sales_desk.services.admin import auth

    return auth.needs_first_run(ctx.uow())


def _load_window_modules() -> None:
    """Import the main window and every tab (on the worker, while the login is on screen and
    the user types): about half of log-in → window usable was these imports."""
    from sales_desk.ui.main_window import MainWindow  # noqa: F401 - imported for its modules
    from sales_desk.ui.tabs import load_tabs

    load_tabs()


def _main_window(ctx: AppContext, actor: Actor) -> MainWindow:
    from sales_desk.ui.main_window import MainWindow

    return MainWindow(ctx, actor)


class Shell(QObject):
    sig_finished = Signal()
    """The user quit from the login dialog (or closed it) with no window open."""

    sig_upgrading = Signal()
    """The database is being brought up to this version (emitted on the worker thread)."""

    def __init__(self, ctx: AppContext, parent: QObject | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.window: MainWindow | None = None
        self.dialog: QDialog | None = None
        self.actor: Actor | None = None
        self.upgrading = False
        self.sig_upgrading.connect(self._upgrade_started)
        ctx.end_session = self.log_out
        ctx.runner.error_parent = self._front
        ctx.runner.on_seat_ended = lambda message: self.log_out(message) if self.actor is not None else None

    def _front(self) -> QWidget | None:
        return self.dialog if self.dialog is not None and self.dialog.isVisible() else self.window

    # -- before the window ----------------------------------------------------------------
    def start(self, message: str = "", first_run: bool | None = None) -> None:
        """Show the login, or the first-run dialog while no account exists. With
        `first_run` (a guess made before the database is open) it shows at once."""
        if first_run is not None:
            self._show_dialog(self._entry_dialog(first_run, message))
            return
        self.ctx.runner.run(lambda: _needs_first_run(self.ctx),
                            lambda first: self._show_dialog(self._entry_dialog(first, message)))

    def confirm_first_run(self, first_run: bool) -> None:
        """The database has answered: replace a dialog shown on a wrong guess. Then the
        window's modules load behind the login (a log-in typed meanwhile queues behind them
        on the one worker, and then finds them loaded)."""
        if self.window is None and self.dialog is not None \
                and isinstance(self.dialog, FirstRunDialog) != first_run:
            self._show_dialog(self._entry_dialog(first_run))
        if self.window is None:
            self.ctx.runner.run(_load_window_modules)

    @Slot()
    def _upgrade_started(self) -> None:
        self.show_upgrading(True)

    def show_upgrading(self, on: bool) -> None:
        """Say on the login, while it lasts, that the database is being brought up to date."""
        self.upgrading = on
        if self.dialog is not None:
            self.dialog.show_upgrading(on)  # type: ignore[attr-defined]

    def _entry_dialog(self, first_run: bool, message: str = "") -> QDialog:
        return FirstRunDialog(self.ctx) if first_run else LoginDialog(self.ctx, message)

    def _show_dialog(self, dialog: QDialog) -> None:
        old, self.dialog = self.dialog, dialog
        dialog.sig_logged_in.connect(self.open_window)
        dialog.sig_language_chosen.connect(self.switch_language)
        dialog.rejected.connect(self._dialog_rejected)
        dialog.show_upgrading(self.upgrading)  # type: ignore[attr-defined]
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        if old is not None:
            old.hide()
            old.deleteLater()

    def _dialog_rejected(self) -> None:
        if self.sender() is self.dialog and self.window is None:
            self.dialog = None
            self.sig_finished.emit()
            QApplication.quit()

    # -- the window ----------------------------------------------------------------------
    def open_window(self, actor: Actor) -> None:
        self.actor = actor
        self._replace_window(_main_window(self.ctx, actor))
        if self.dialog is not None:
            self.dialog.hide()
            self.dialog.deleteLater()
            self.dialog = None

    def _replace_window(self, window: MainWindow | None) -> None:
        old, self.window = self.window, window
        if window is not None:
            window.sig_log_out.connect(self.log_out)
            window.sig_language_chosen.connect(self.switch_language)
            window.show()
        if old is not None:
            old.close()  # saves its layout; the new one restored the same layout

    def log_out(self, message: str = "") -> None:
        name = self.actor.username if self.actor else ""
        if self.actor is not None and self.actor.seat_id is not None:
            self._free_seat(self.actor)
        self.actor = None
        # The login shows before the window closes, so closing it does not end the app.
        self._show_dialog(LoginDialog(self.ctx, message, name))
        if self.window is not None:
            self.window.save_layout()
        self._replace_window(None)

    def _free_seat(self, actor: Actor) -> None:
        from sales_desk.services.admin import seats

        ctx = self.ctx  # an ended seat's refusal here says nothing new: swallowed
        ctx.runner.run(lambda: seats.close_seat(ctx.uow(actor)), on_error=lambda exc: True)

    def switch_language(self, lang: str) -> None:
        """Save the choice, then rebuild what is on screen in the new language."""
        if lang == current_language():
            return
        config.save(language=lang)
        apply_language(lang)
        if self.window is not None and self.actor is not None:
            self.window.save_layout()
            self._replace_window(_main_window(self.ctx, self.actor))
        elif isinstance(self.dialog, FirstRunDialog):
            self._show_dialog(FirstRunDialog(self.ctx))
        elif isinstance(self.dialog, LoginDialog):
            old = self.dialog  # what was typed stays typed, the password too
            self._show_dialog(LoginDialog(self.ctx, "", old.username.text(),
                                          password=old.password.text()))
