"""The windows half of `sales-desk --smoke-test` (app.run_smoke opens the database).

CI runs it on the built bundle, offscreen, to prove the bundle is whole: every module
imports (so PyInstaller missed nothing the app loads lazily: reportlab, openpyxl,
alembic…), the Chinese catalogue and the icon shipped, the first run works, and the
login and the main window build and load their first pages, for the administrator and
for one user holding every business role (so every tab is built). Each step prints a
line; any failure, or any message the app would have shown, exits 1.
"""

from __future__ import annotations

import importlib
import pkgutil
import secrets
import time
from collections.abc import Callable

from PySide6.QtWidgets import QApplication

import sales_desk
from sales_desk import i18n
from sales_desk.domain.common.money import format_money
from sales_desk.domain.common.roles import Role
from sales_desk.ui.app_icon import ICON_DIR
from sales_desk.ui.context import AppContext
from sales_desk.ui.widgets import dialogs

IDLE_TIMEOUT_S = 120
# Alembic loads these by path (db/schema.py); importing env.py would run a migration.
NOT_IMPORTED = ("sales_desk.db.migrations",)
BUSINESS_ROLES = [r.value for r in Role if r is not Role.ADMIN]


class SmokeFailed(Exception):
    pass


def _modules() -> str:
    names = [m.name for m in pkgutil.walk_packages(sales_desk.__path__, "sales_desk.")
             if not m.name.startswith(NOT_IMPORTED)]
    for name in names:
        importlib.import_module(name)
    if len(names) < 50:  # the package has far more: the bundle's module list is wrong
        raise SmokeFailed(f"only {len(names)} modules found")
    return f"{len(names)} modules imported"


def _resources() -> str:
    zh = i18n.translator("zh_CN")
    if zh("Sales Desk") == "Sales Desk":
        raise SmokeFailed("the zh_CN catalogue is missing")
    icons = sorted(p.name for p in ICON_DIR.glob("sales-desk-*.png"))
    if not icons:
        raise SmokeFailed(f"no icon in {ICON_DIR}")
    if QApplication.windowIcon().isNull():
        raise SmokeFailed("the window icon did not load")
    from PySide6.QtCore import QLibraryInfo, QTranslator

    qt_strings = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not QTranslator().load("qtbase_zh_CN", qt_strings):  # Qt's own buttons in Chinese
        raise SmokeFailed(f"qtbase_zh_CN not in {qt_strings}")
    for lang in ("en", "zh_CN"):  # Babel's locale data for both languages
        if format_money(123_456_789, lang) != "1,234,567.89":
            raise SmokeFailed(f"money in {lang}: {format_money(123_456_789, lang)}")
    import openpyxl

    if openpyxl.DEFUSEDXML is not True:  # without it, importing a workbook is refused
        raise SmokeFailed("openpyxl does not see defusedxml")
    from sales_desk.reports.common.fonts import candidates

    font = next((p for p in candidates() if p.is_file()), None)  # None: printing would say so
    return (f"zh_CN catalogue, {len(icons)} icon sizes, money formats, XML guard, "
            f"PDF font {font or 'none found'}")


def _wait_idle(ctx: AppContext) -> None:
    deadline = time.monotonic() + IDLE_TIMEOUT_S
    while ctx.runner.busy():
        if time.monotonic() > deadline:
            raise SmokeFailed("the background work did not finish")
        QApplication.processEvents()
        time.sleep(0.005)
    QApplication.processEvents()


def smoke_run(ctx: AppContext, say: Callable[[str], object] = print) -> int:
    from sales_desk.services.admin import auth, users
    from sales_desk.ui.login import LoginDialog
    from sales_desk.ui.main_window import MainWindow

    shown: list[str] = []
    # Offscreen nobody could click a message box away: record what would have been said.
    dialogs.show_error = lambda parent, text, title=None: shown.append(text)
    dialogs.show_info = lambda parent, text, title=None: shown.append(text)
    started = time.perf_counter()

    def step(name: str, fn: Callable[[], str]) -> None:
        t = time.perf_counter()
        detail = fn()
        if shown:
            raise SmokeFailed(f"{name}: the app said {shown[0]!r}")
        say(f"ok  {name:<12} {detail} ({time.perf_counter() - t:.2f} s)")

    def accounts() -> str:
        if not auth.needs_first_run(ctx.uow()):
            raise SmokeFailed("the database has users already: give a new --data-dir")
        password = secrets.token_urlsafe(16)
        admin = auth.create_first_admin(ctx.uow(), "smoke-admin", password)
        users.add_user(ctx.uow(admin), "smoke-all", password, BUSINESS_ROLES,
                       justification="smoke test: one account builds every tab")
        actors.extend([admin, auth.login(ctx.uow(), "smoke-all", password)])
        return "administrator and an all-roles user"

    def login_window() -> str:
        dialog = LoginDialog(ctx)
        dialog.show()
        QApplication.processEvents()
        dialog.close()
        dialog.deleteLater()
        return "built"

    def main_windows() -> str:
        tabs = []
        for actor in actors:
            window = MainWindow(ctx, actor)
            window.show()
            _wait_idle(ctx)
            tabs.append(f"{actor.username}: {window.tabs.count()} tabs")
            window.close()
            _wait_idle(ctx)
        return ", ".join(tabs)

    actors: list = []
    try:
        step("modules", _modules)
        step("resources", _resources)
        step("accounts", accounts)
        step("login", login_window)
        step("main window", main_windows)
    except Exception as exc:  # every failure is the report: say it and exit 1
        say(f"FAILED  {type(exc).__name__}: {exc}")
        return 1
    say(f"smoke test passed in {time.perf_counter() - started:.1f} s")
    return 0
