"""Seats in the window (issue 17): a log-in takes a seat; the administrator's page lists it
and ends it; the ended seat's next action returns it to the login, saying why."""

from __future__ import annotations

from PySide6.QtCore import Qt

from sales_desk.domain.admin.seats import SeatEnded
from sales_desk.services.admin import seats
from sales_desk.services.customers import listing
from sales_desk.ui.login import LoginDialog
from sales_desk.ui.main_window import MainWindow
from sales_desk.ui.shell import Shell
from tests.conftest import PASSWORD
from tests.ui.conftest import idle


def _log_in(qtbot, ctx, name: str) -> Shell:  # noqa: ANN001
    shell = Shell(ctx)
    shell.start()
    qtbot.waitUntil(lambda: shell.dialog is not None)
    shell.dialog.username.setText(name)
    shell.dialog.password.setText(PASSWORD)
    qtbot.mouseClick(shell.dialog.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: shell.window is not None, timeout=20_000)
    idle(qtbot, ctx)
    return shell


def test_the_admin_ends_a_seat_and_its_next_action_returns_to_the_login(qtbot, ctx, boss, person, messages) -> None:
    person("rep", "sales_rep")
    shell = _log_in(qtbot, ctx, "rep")
    rep = shell.actor
    assert rep.seat_id is not None

    admin = seats.open_seat(ctx.uow(boss), "admin-pc")
    window = MainWindow(ctx, admin)
    qtbot.addWidget(window)
    window.show()
    page = window.tab("admin").show_page("seats")
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=20_000)
    for i, row in enumerate(page.model.rows()):
        if row.username == "rep":
            page.table.selectRow(i)
    assert page.end_button.isEnabled()
    page.end_selected()
    idle(qtbot, ctx)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=20_000)  # reloaded: only the admin's
    page.grab().save("/tmp/seats-page.png")

    ctx.runner.run(lambda: listing.list_customers(ctx.uow(rep)))  # the rep's next action
    qtbot.waitUntil(lambda: shell.window is None, timeout=20_000)
    assert isinstance(shell.dialog, LoginDialog)
    assert shell.dialog.notice.text() == str(SeatEnded())
    assert messages.texts("error") == []  # said once, on the login, not in a box too
    idle(qtbot, ctx)
    shell.dialog.close()


def test_logging_out_frees_the_seat(qtbot, ctx, boss, person) -> None:
    person("rep", "sales_rep")
    shell = _log_in(qtbot, ctx, "rep")
    assert [s.username for s in seats.list_seats(ctx.uow(boss))] == ["rep"]
    shell.window.log_out_action.trigger()
    idle(qtbot, ctx)
    assert seats.list_seats(ctx.uow(boss)) == []
    shell.dialog.close()
