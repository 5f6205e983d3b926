"""The way in and out: first run, login, tabs by role, log out, language, layout."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication

from sales_desk import config, i18n
from sales_desk.domain.common.errors import AuthenticationFailed
from sales_desk.services.admin import auth
from sales_desk.ui.login import FirstRunDialog, LoginDialog
from sales_desk.ui.main_window import MainWindow
from sales_desk.ui.shell import Shell
from sales_desk.ui.tabs import tabs_for
from tests.conftest import PASSWORD
from tests.ui.conftest import idle


def _shell(qtbot, ctx) -> Shell:  # noqa: ANN001
    shell = Shell(ctx)
    shell.start()
    qtbot.waitUntil(lambda: shell.dialog is not None)
    return shell


def _close(shell: Shell) -> None:
    for w in (shell.window, shell.dialog):
        if w is not None:
            w.close()


def test_first_run_creates_the_admin_and_opens_the_window(qtbot, ctx) -> None:
    assert auth.needs_first_run(ctx.uow())  # no default account exists
    shell = _shell(qtbot, ctx)
    dialog = shell.dialog
    assert isinstance(dialog, FirstRunDialog)
    dialog.username.setText("boss")
    dialog.full_name.setText("王总")
    qtbot.keyClicks(dialog.password, "short")
    assert not dialog.ok.isEnabled()  # under 8 characters
    dialog.password.setText(PASSWORD)
    qtbot.keyClicks(dialog.repeat, PASSWORD[:-1])
    assert not dialog.ok.isEnabled()  # the two differ
    qtbot.keyClicks(dialog.repeat, PASSWORD[-1])
    assert dialog.ok.isEnabled()
    qtbot.keyClick(dialog.repeat, Qt.Key.Key_Return)  # Enter creates the administrator
    qtbot.waitUntil(lambda: shell.window is not None, timeout=20_000)
    window = shell.window
    assert window.actor.is_admin and window.actor.username == "boss"
    assert window.tab("admin") is not None
    assert "boss" in window.user_label.text()
    assert "Administrator" in window.roles_label.text()
    assert window.database_label.toolTip() == str(ctx.database.description)
    assert not auth.needs_first_run(ctx.uow())
    idle(qtbot, ctx)
    _close(shell)


def test_login_refused_with_one_message_for_unknown_user_and_wrong_password(qtbot, ctx, boss) -> None:
    shell = _shell(qtbot, ctx)
    dialog = shell.dialog
    assert isinstance(dialog, LoginDialog)
    shown = []
    for name, password in (("nobody", PASSWORD), ("admin", "wrong password")):
        dialog.username.setText(name)
        dialog.password.setText(password)
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)  # Enter logs in
        qtbot.waitUntil(lambda: dialog.error.isVisible() and dialog.ok.isEnabled(), timeout=20_000)
        shown.append(dialog.error.text())
        dialog.error.hide()
    assert shown == [str(AuthenticationFailed())] * 2
    assert shell.window is None
    assert dialog.password.text() == ""  # cleared for the next try
    _close(shell)


def test_login_opens_the_window_and_log_out_returns_to_login(qtbot, ctx, boss) -> None:
    shell = _shell(qtbot, ctx)
    shell.dialog.username.setText("admin")
    shell.dialog.password.setText(PASSWORD)
    qtbot.mouseClick(shell.dialog.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: shell.window is not None, timeout=20_000)
    window = shell.window
    idle(qtbot, ctx)
    window.log_out_action.trigger()
    assert shell.window is None
    assert isinstance(shell.dialog, LoginDialog) and shell.dialog.username.text() == "admin"
    assert not window.isVisible()
    _close(shell)


def test_a_sales_rep_sees_no_admin_tab_and_the_admin_does(qtbot, ctx, boss, person) -> None:
    rep = person("rep", "sales_rep")
    rep_window = MainWindow(ctx, rep)
    qtbot.addWidget(rep_window)
    assert rep_window.tab("admin") is None
    # Only the built modules their roles allow: no empty placeholder tabs for unbuilt ones.
    shown = {rep_window.tabs.widget(i).objectName() for i in range(rep_window.tabs.count())}
    assert shown == {f"tab_{spec.key}" for spec in tabs_for(rep)}
    assert "Sales rep" in rep_window.roles_label.text()

    admin_window = MainWindow(ctx, boss)
    qtbot.addWidget(admin_window)
    admin_tab = admin_window.tab("admin")
    assert admin_tab is not None
    assert set(admin_tab.pages) == {"users", "seats", "settings", "expense_profiles", "backups", "audit", "refusals", "documents", "sod"}
    idle(qtbot, ctx)


def test_the_general_manager_sees_only_the_audit_pages(qtbot, ctx, person) -> None:
    gm = person("gm", "gm")
    window = MainWindow(ctx, gm)
    qtbot.addWidget(window)
    assert set(window.tab("admin").pages) == {"audit", "refusals", "documents", "sod"}
    idle(qtbot, ctx)


def test_language_switch_rebuilds_the_window_in_chinese(qtbot, ctx, boss) -> None:
    shell = Shell(ctx)
    shell.open_window(boss)
    old = shell.window
    assert old.menuBar().actions()[0].text() == "&File"
    old.language_actions["zh_CN"].trigger()
    assert shell.window is not old and not old.isVisible()
    assert i18n.current_language() == "zh_CN"
    assert config.load_saved()["language"] == "zh_CN"
    assert shell.window.language_actions["zh_CN"].isChecked()
    assert "系统管理员" in shell.window.roles_label.text()  # rebuilt with the Chinese labels
    # Qt's own strings too (standard buttons, context menus)
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    idle(qtbot, ctx)
    _close(shell)


def test_language_switch_on_the_login_dialog_keeps_the_typed_name_and_password(qtbot, ctx, boss) -> None:
    shell = _shell(qtbot, ctx)
    first = shell.dialog
    qtbot.keyClicks(first.username, "admin")
    qtbot.keyClicks(first.password, PASSWORD)
    first.language.setCurrentIndex(first.language.findData("zh_CN"))
    assert isinstance(shell.dialog, LoginDialog) and shell.dialog is not first
    assert shell.dialog.username.text() == "admin"
    assert shell.dialog.password.text() == PASSWORD
    assert i18n.current_language() == "zh_CN"
    # ... and Enter, from the language list just used, logs in with them.
    qtbot.keyClick(shell.dialog.language, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: shell.window is not None, timeout=20_000)
    idle(qtbot, ctx)
    _close(shell)


def test_enter_logs_in_after_an_error_from_any_field(qtbot, ctx, boss) -> None:
    shell = _shell(qtbot, ctx)
    dialog = shell.dialog
    qtbot.keyClicks(dialog.username, "admin")
    qtbot.keyClick(dialog.username, Qt.Key.Key_Return)  # no password yet: asked for it
    assert dialog.error.isVisible() and dialog.password.hasFocus()
    qtbot.keyClicks(dialog.password, "wrong password")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.error.isVisible() and dialog.ok.isEnabled(), timeout=20_000)
    assert dialog.password.text() == "" and dialog.password.hasFocus()
    qtbot.keyClicks(dialog.password, PASSWORD)
    qtbot.keyClick(dialog.username, Qt.Key.Key_Enter)  # from the other field, keypad Enter
    qtbot.waitUntil(lambda: shell.window is not None, timeout=20_000)
    assert shell.window.actor.username == "admin"
    idle(qtbot, ctx)
    _close(shell)


def test_window_geometry_and_table_columns_are_restored(qtbot, ctx, boss) -> None:
    window = MainWindow(ctx, boss)
    window.show()
    window.resize(700, 520)
    users_page = window.tab("admin").show_page("users")
    users_page.table.setColumnWidth(1, 234)
    idle(qtbot, ctx)
    window.close()

    again = MainWindow(ctx, boss)
    qtbot.addWidget(again)
    again.show()
    assert (again.width(), again.height()) == (700, 520)
    assert again.tab("admin").pages["users"].table.columnWidth(1) == 234
    assert again.tab("admin").nav.currentRow() == 0
    idle(qtbot, ctx)
    again.close()


def test_quit_and_log_out_have_keyboard_shortcuts(qtbot, ctx, boss) -> None:
    window = MainWindow(ctx, boss)
    qtbot.addWidget(window)
    assert not window.quit_action.shortcut().isEmpty()
    assert window.log_out_action.shortcut().toString() == "Ctrl+L"
    idle(qtbot, ctx)
    assert QApplication.instance() is not None
