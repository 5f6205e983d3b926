"""Backups from the admin area: a manual backup with progress, a restore that ends the session."""

from __future__ import annotations

from sales_desk.services.admin import auth, users
from sales_desk.ui.login import LoginDialog
from sales_desk.ui.shell import Shell
from sales_desk.ui.tabs.admin.backups_page import BackupsPage
from tests.conftest import PASSWORD
from tests.ui.conftest import idle


def _page(qtbot, ctx, actor) -> BackupsPage:  # noqa: ANN001
    page = BackupsPage(ctx, actor)
    qtbot.addWidget(page)
    page.show()
    idle(qtbot, ctx)
    return page


def test_manual_backup_appears_in_the_list(qtbot, ctx, boss) -> None:
    page = _page(qtbot, ctx, boss)
    before = page.model.rowCount()
    page.backup_button.click()
    idle(qtbot, ctx)
    kinds = [page.model.row_at(i).kind for i in range(page.model.rowCount())]
    assert page.model.rowCount() == before + 1 and "manual" in kinds
    assert page.backup_button.isEnabled()


def test_restore_asks_first_then_ends_the_session_with_the_old_data_back(qtbot, ctx, boss, messages) -> None:
    shell = Shell(ctx)
    shell.open_window(boss)
    page = shell.window.tab("admin").show_page("backups")
    idle(qtbot, ctx)
    page.backup_button.click()
    idle(qtbot, ctx)
    users.add_user(ctx.uow(boss), "later", PASSWORD, ["sales_rep"])  # after the backup
    old_database = ctx.database

    messages.confirm_answer = False
    page.table.selectRow(0)
    page.restore_selected()
    idle(qtbot, ctx)
    assert shell.window is not None and ctx.database is old_database  # declined: nothing done

    messages.confirm_answer = True
    page.table.selectRow(0)
    page.restore_selected()
    idle(qtbot, ctx)
    assert "close the database" in messages.texts("confirm")[-1]
    assert shell.window is None
    assert isinstance(shell.dialog, LoginDialog)
    assert "log in again" in shell.dialog.notice.text()
    assert ctx.database is not old_database
    names = [u.username for u in users.list_users(ctx.uow(auth.login(ctx.uow(), "admin", PASSWORD)))]
    assert names == ["admin"]  # the user added after the backup is gone
    kinds = {b.kind for b in ctx.backups.list()}
    assert "pre-restore" in kinds  # the replaced data was kept
    shell.dialog.close()


def test_postgresql_page_says_backups_are_the_servers_job(qtbot, ctx, boss) -> None:
    ctx.backups = None  # as open_database gives a PostgreSQL database
    page = _page(qtbot, ctx, boss)
    assert page.backup_button is None and page.restore_button is None
    assert page.no_backups_note is not None and "pg_dump" in page.no_backups_note.text()


def test_the_admin_window_works_on_each_backend(qtbot, database, admin) -> None:
    """On PostgreSQL (SALES_DESK_TEST_PG set) open_database gives no backup store."""
    from sales_desk.ui.context import AppContext
    from sales_desk.ui.main_window import MainWindow
    from sales_desk.ui.tasks import TaskRunner

    ctx = AppContext(database, TaskRunner(), database.backups)
    window = MainWindow(ctx, admin)
    qtbot.addWidget(window)
    window.show()  # pages load when first shown
    tab = window.tab("admin")
    for key in tab.pages:
        tab.show_page(key)
        idle(qtbot, ctx)
    page = tab.pages["backups"]
    assert (page.no_backups_note is not None) == (database.backups is None)
    assert tab.pages["users"].model.rowCount() == 1
    ctx.runner.shutdown()
